/* vt.c: the test terminal of vt.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vt.h"

void vt_add_run(struct vt *t, const char *name, double scale, size_t n)
{
	static const char *tags[] = { "eval/accuracy", "eval/loss", "train/loss", "train/lr" };
	struct run *r = store_get_run(&t->st, name, strlen(name));
	for (size_t k = 0; k < TB_ARRAY_LEN(tags); k++) {
		struct series *s = run_get_series(&t->st, r, tags[k], strlen(tags[k]));
		for (size_t i = 0; i < n; i++) {
			double x = (double)i / (double)n, v;
			v = k == 0 ? scale * (1 - exp(-4 * x)) : k == 3 ? 1e-3 * (1 - x) : scale * exp(-3 * x) + 0.05;
			if (series_append(s, (int64_t)(i * 10), 1.7e9 + (double)i * 30, v) != TB_OK)
				printf("# append failed\n");
		}
	}
	t->st.gen++;
}

void vt_init(struct vt *t, int W, int H, bool utf8, int ncolors, size_t nruns)
{
	memset(t, 0, sizeof(*t));
	store_init(&t->st);
	diag_init(&t->d);
	t->d.to_stderr = false;
	t->o.smoothing = 0.6;
	for (size_t i = 0; i < nruns; i++) {
		char name[32];
		snprintf(name, sizeof name, "run-%c%zu", (char)('a' + i % 3), i / 3);
		vt_add_run(t, name, 0.5 + 0.1 * (double)i, 50);
	}
	view_init(&t->v, &t->st, &t->d, &t->o, utf8, utf8, ncolors);
	painter_init(&t->p);
	if (canvas_init(&t->cv, 1, 1) != TB_OK)
		printf("# canvas failed\n");
	t->W = W;
	t->H = H;
	t->status = (struct view_status){ .live = "static", .logdir = "logs", .nlogdirs = 1, .now = 100, .scanned = true };
}

void vt_free(struct vt *t)
{
	free(t->text);
	canvas_free(&t->cv);
	painter_free(&t->p);
	view_free(&t->v);
	store_free(&t->st);
	diag_free(&t->d);
}

/* "<Down>"-style names for the keys that are not characters. */
static int key_named(const char **sp)
{
	static const struct { const char *name; int key; } named[] = {
		{ "<Down>", VK_DOWN }, { "<Up>", VK_UP }, { "<Left>", VK_LEFT }, { "<Right>", VK_RIGHT },
		{ "<PgDn>", VK_PGDN }, { "<PgUp>", VK_PGUP }, { "<Home>", VK_HOME }, { "<End>", VK_END },
		{ "<Enter>", '\n' }, { "<Esc>", 27 }, { "<Tab>", '\t' }, { "<BS>", 127 }, { "<lt>", '<' },
		{ "<C-c>", 3 },
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(named); i++)
		if (strncmp(*sp, named[i].name, strlen(named[i].name)) == 0) {
			*sp += strlen(named[i].name);
			return named[i].key;
		}
	return (unsigned char)*(*sp)++;
}

/* Press the keys of script, then draw a frame; the frame as text. */
const char *keys(struct vt *t, const char *script)
{
	struct view_status s = t->status;
	view_sync(&t->v);
	for (const char *p = script; *p;) {
		t->effects |= view_key(&t->v, key_named(&p));
		view_sync(&t->v);
	}
	view_layout(&t->v, t->W, t->H);
	int y;
	if (view_render(&t->p, &t->v, &s, &t->cv, &t->cur_x, &y) != TB_OK)
		printf("# render failed\n");
	free(t->text);
	t->text = canvas_to_text(&t->cv);
	return t->text;
}

bool has(const char *text, const char *needle)
{
	bool ok = strstr(text, needle) != NULL;
	if (!ok)
		printf("# frame lacks \"%s\":\n%s", needle, text);
	return ok;
}

/* The line of the frame that holds needle, -1 when none. */
int row_of(const struct vt *t, const char *needle)
{
	const char *p = strstr(t->text, needle);
	if (!p)
		return -1;
	int row = 0;
	for (const char *q = t->text; q < p; q++)
		row += *q == '\n';
	return row;
}

/* Are the cells of row y from x on drawn with attribute a? */
bool attr_at(const struct vt *t, int y, int x, int a)
{
	if (x < 0 || y < 0 || x >= t->cv.w || y >= t->cv.h)
		return false;
	return t->cv.cells[(size_t)y * (size_t)t->cv.w + (size_t)x].attr & a;
}

/* The run list's row for name ("[x] name" or "[ ] name") is drawn
 * reversed (selected); titles and legends also name runs, so the row is
 * found by its check box. */
bool selected_row(struct vt *t, const char *name)
{
	char needle[128];
	snprintf(needle, sizeof needle, "] %s", name);
	int y = row_of(t, needle);
	const char *p = strstr(t->text, needle), *line = p;
	if (!p)
		return false;
	while (line > t->text && line[-1] != '\n')
		line--;
	int x = 0;
	for (const char *q = line; q < p; q++)
		x += ((unsigned char)*q & 0xc0) != 0x80;   /* cells, not bytes */
	return y >= 0 && attr_at(t, y, x + 2, CELL_REVERSE);
}

/* The column of the run list's border, 0 when the list is hidden. */
int list_border(const struct vt *t)
{
	for (int x = 0; x < t->cv.w; x++)
		if (t->cv.cells[x].ch == 0x2502 || t->cv.cells[x].ch == '|')
			return x + 1;
	return 0;
}
