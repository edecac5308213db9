/* vt.h: the view without a terminal, for tests: a small store of runs,
 * scripted keys in (tig's way: "jj<Enter>"), text frames out. */
#ifndef TB_TEST_VT_H
#define TB_TEST_VT_H
#include <stdbool.h>
#include "tailboard/view.h"

struct vt {
	struct store st;
	struct diag d;
	struct options o;
	struct view v;
	struct painter p;
	struct canvas cv;
	struct view_status status;      /* what the engine would say */
	int W, H, effects, cur_x;
	char *text;
};

/* Three-run-style stores: runs named run-a0, run-b0, ... with the tags
 * eval/accuracy, eval/loss, train/loss, train/lr of n points each. */
void vt_init(struct vt *t, int W, int H, bool utf8, int ncolors, size_t nruns);
void vt_add_run(struct vt *t, const char *name, double scale, size_t n);
void vt_free(struct vt *t);
/* Press the keys of script ("<Esc>", "<PgDn>", "<lt>" name the others),
 * then draw a frame; the frame as text (owned by t). */
const char *keys(struct vt *t, const char *script);
/* Does text hold needle? Prints the frame when not. */
bool has(const char *text, const char *needle);
/* The frame's row holding needle, -1 when none. */
int row_of(const struct vt *t, const char *needle);
/* Is the cell at (x, y) drawn with attribute a? */
bool attr_at(const struct vt *t, int y, int x, int a);
/* Is the run list's row for name drawn selected? */
bool selected_row(struct vt *t, const char *name);
/* The column after the run list's border, 0 when the list is hidden. */
int list_border(const struct vt *t);
#endif
