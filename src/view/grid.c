/* grid.c: the user's hold on the layout. The grid's shape (# ROWSxCOLS,
 * w W z Z one column or row more or less) is the view's own state, so
 * maximising, the system pane, filters and resizes keep it; layout.c
 * fits it to the screen (never a chart under GRID_READ_W x GRID_READ_H:
 * what does not fit goes to further pages). Pinned runs (*) are kept by
 * run index, as hidden ones are, and sorted first by the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

bool view_grid_parse(const char *text, int *rows, int *cols)
{
	int r, c, n = 0;
	while (*text == ' ')
		text++;
	if (!*text || strcmp(text, "0") == 0 || strcmp(text, "auto") == 0) {
		*rows = *cols = 0;
		return true;
	}
	if (sscanf(text, "%dx%d%n", &r, &c, &n) != 2 || text[n] || r < 0 || c < 0 || r > GRID_MAX || c > GRID_MAX)
		return false;
	*rows = r;
	*cols = c;
	return true;
}

/* What was set, and what of it this screen has room for. */
static void grid_note(struct view *v)
{
	char r[16] = "auto", c[16] = "auto", fit[64] = "";
	struct frame_geom g;
	layout_geom(v, &g);
	int cols = g.gw / GRID_READ_W;
	if (v->grid_rows > 0)
		snprintf(r, sizeof r, "%d", v->grid_rows);
	if (v->grid_cols > 0)
		snprintf(c, sizeof c, "%d", v->grid_cols);
	if (v->grid_cols > cols && v->W >= MIN_W)
		snprintf(fit, sizeof fit, " (%d fit%s across)", TB_MAX(cols, 1), cols > 1 ? "" : "s");
	if (v->grid_rows <= 0 && v->grid_cols <= 0)
		snprintf(v->message, sizeof v->message, "grid: automatic");
	else
		snprintf(v->message, sizeof v->message, "grid: %s rows x %s columns%s", r, c, fit);
}

int grid_set_text(struct view *v, const char *text)
{
	int r, c;
	if (!view_grid_parse(text, &r, &c)) {
		snprintf(v->message, sizeof v->message, "ROWSxCOLS, each 0 (automatic) to %d: 2x3", GRID_MAX);
		return TB_ERR;
	}
	v->grid_rows = r;
	v->grid_cols = c;
	grid_note(v);
	return TB_OK;
}

/* w W: a column more or fewer; z Z: a row. From the shape on screen when
 * the grid was automatic. */
static void grid_step(struct view *v, int a, int key)
{
	int *n = a == ACT_GRID_COLS ? &v->grid_cols : &v->grid_rows;
	int shown = a == ACT_GRID_COLS ? v->grid_shown_cols : v->grid_shown_rows;
	int d = key == 'w' || key == 'z' ? 1 : -1;
	int now = *n > 0 ? *n : TB_MAX(shown, 1);
	*n = TB_MAX(1, TB_MIN(GRID_MAX, now + d));
	grid_note(v);
}

/* *: pin the selected run, or unpin it. */
static void pin_run(struct view *v)
{
	if (v->run_sel >= v->nruns)
		return;
	struct view_run *r = &v->runs[v->run_sel];
	size_t idx = r->run->index, cap = v->st->nruns > idx ? v->st->nruns : idx + 1;
	if (cap > v->npinned_cap) {
		v->pinned_by_index = xreallocarray(v->pinned_by_index, cap, sizeof *v->pinned_by_index);
		memset(v->pinned_by_index + v->npinned_cap, 0, (cap - v->npinned_cap) * sizeof *v->pinned_by_index);
		v->npinned_cap = cap;
	}
	bool on = !v->pinned_by_index[idx];
	v->pinned_by_index[idx] = r->pinned = on;
	v->model_dirty = v->runs_dirty = true;  /* pinned runs sort first */
	snprintf(v->message, sizeof v->message, "%s: %s", on ? "pinned" : "unpinned", r->disp ? r->disp + r->strip : "?");
}

bool grid_action(struct view *v, int a, int key)
{
	switch (a) {
	case ACT_GRID:
		v->prompt = '#';
		if (v->grid_rows > 0 || v->grid_cols > 0)
			snprintf(v->input, sizeof v->input, "%dx%d", v->grid_rows, v->grid_cols);
		else
			v->input[0] = 0;
		v->ilen = strlen(v->input);
		return true;
	case ACT_GRID_COLS:
	case ACT_GRID_ROWS:
		grid_step(v, a, key);
		return true;
	case ACT_PIN_RUN:
		pin_run(v);
		return true;
	default:
		return false;
	}
}
