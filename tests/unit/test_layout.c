/* test_layout.c: the user's hold on the layout without a terminal: the
 * grid's shape (# w W z Z, --grid), pinned runs (*) and the mouse as ui
 * hands it to the view (view_mouse): scripted keys and clicks in, text
 * frames out. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../tap.h"
#include "vt.h"
#include "view_int.h"       /* FRAME_SERIES_MAX */

/* A mouse event at (x, y), then a frame. */
static const char *mouse(struct vt *t, int kind, int x, int y)
{
	t->effects |= view_mouse(&t->v, &t->p, kind, x, y);
	return keys(t, "");
}

/* The frame's column (in cells) where needle starts on its row, -1 when none. */
static int col_of(const struct vt *t, const char *needle)
{
	const char *p = strstr(t->text, needle), *line = p;
	if (!p)
		return -1;
	while (line > t->text && line[-1] != '\n')
		line--;
	int x = 0;
	for (const char *q = line; q < p; q++)
		x += ((unsigned char)*q & 0xc0) != 0x80;
	return x;
}

static bool title_selected(const struct vt *t, const char *title)
{
	int y = row_of(t, title), x = col_of(t, title);
	return y >= 0 && attr_at(t, y, x, CELL_REVERSE);
}

static void test_grid_shape(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	TAP_OK(has(keys(&t, "#"), "grid ROWSxCOLS (0: automatic):"), "grid: # prompts for a shape");
	keys(&t, "1x1<Enter>");
	TAP_OK(has(t.text, "grid 1x1 page 1/4") && has(t.text, "grid: 1 rows x 1 columns"),
	       "grid: 1x1 shows one chart a page, the status line says the shape and the page");
	TAP_OK(has(t.text, "eval/accuracy") && !strstr(t.text, "eval/loss"), "grid: 1x1: one chart on the page");
	TAP_OK(has(keys(&t, "<Tab><PgDn>"), "page 2/4") && has(t.text, "eval/loss"), "grid: PgDn pages it");
	TAP_OK(has(keys(&t, "<Enter><Esc>"), "grid 1x1 page 2/4"), "grid: the shape stays through maximise and Esc");
	TAP_OK(has(keys(&t, "/b<Enter>"), "grid 1x1"), "grid: and through a run filter");
	t.W = 160;
	t.H = 48;
	TAP_OK(has(keys(&t, "/<BS><Enter>"), "grid 1x1"), "grid: and through a resize");
	TAP_OK(has(keys(&t, "#<BS><BS><BS>2x2<Enter>"), "grid 2x2 ") && !strstr(t.text, "page 1/") && has(t.text, "eval/accuracy") &&
	       has(t.text, "eval/loss"), "grid: 2x2 at 160x48: two charts of a group a row, both groups on one page");
	TAP_OK(has(keys(&t, "#<BS><BS><BS>2x99<Enter>"), "ROWSxCOLS, each 0 (automatic) to 12") &&
	       has(t.text, "grid ROWSxCOLS"), "grid: a shape out of range is named, the prompt stays");
	keys(&t, "<Esc>");
	TAP_OK(has(t.text, "grid 2x2"), "grid: and the last good shape stays");
	TAP_OK(has(keys(&t, "w"), "grid: 2 rows x 3 columns") && has(t.text, "grid 2x3"), "grid: w adds a column");
	TAP_OK(has(keys(&t, "Z"), "grid 1x3"), "grid: Z takes a row away");
	TAP_OK(has(keys(&t, "z"), "grid 2x3") && has(keys(&t, "W"), "grid 2x2"), "grid: z adds a row, W takes a column");
	keys(&t, "#");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "<Enter>"), "grid: automatic") && !strstr(t.text, "grid 2x2"), "grid: empty: automatic again");
	TAP_OK(has(keys(&t, "w"), "grid: auto rows x "), "grid: w from automatic starts from the shape on screen");
	vt_free(&t);
	/* --grid, and a screen too small for the shape */
	vt_init(&t, 40, 10, true, 0, 3);
	t.o.grid_rows = t.o.grid_cols = 4;
	view_free(&t.v);
	view_init(&t.v, &t.st, &t.d, &t.o, true, true, 0);
	keys(&t, "");
	TAP_OK(t.v.grid_shown_rows == 1 && t.v.grid_shown_cols == 2 && t.v.grid_pages > 1,
	       "grid: --grid 4x4 at 40x10 keeps charts readable: 1x2 a page");
	TAP_OK(has(keys(&t, "w"), "grid: 4 rows x 5 columns (2 fit across)"), "grid: says how many fit");
	vt_free(&t);
	int r = -1, c = -1;
	TAP_OK(view_grid_parse("2x3", &r, &c) && r == 2 && c == 3 && view_grid_parse("0", &r, &c) && r == 0 && c == 0 &&
	       !view_grid_parse("2x", &r, &c) && !view_grid_parse("13x1", &r, &c) && !view_grid_parse("2x3x", &r, &c),
	       "grid: ROWSxCOLS parsed, the rest refused");
}

static void test_pin(void)
{
	struct vt t;
	vt_init(&t, 120, 30, true, 0, 3);
	keys(&t, "3*");
	int a = row_of(&t, "] run-a0"), c = row_of(&t, "] run-c0");
	TAP_OK(has(t.text, "*[x] run-c0") && c >= 0 && c < a && has(t.text, "pinned: run-c0"),
	       "pin: * marks the run and lists it first");
	TAP_OK(selected_row(&t, "run-c0"), "pin: the selection stays on it");
	keys(&t, "<Esc>1");
	TAP_OK(selected_row(&t, "run-c0"), "pin: 1 is the first listed run, the pinned one");
	keys(&t, "j");
	/* the legend: pinned first, even before the selected run */
	int y = row_of(&t, "orun-c0"), x1 = col_of(&t, "orun-c0"), x2 = col_of(&t, "*run-a0");
	TAP_OK(selected_row(&t, "run-a0") && y >= 0 && x1 >= 0 && x2 > x1 && row_of(&t, "*run-a0") == y,
	       "pin: first in the legend, before the selected run");
	keys(&t, "3*");
	a = row_of(&t, "] run-a0");
	int b = row_of(&t, "] run-b0");
	c = row_of(&t, "] run-c0");
	TAP_OK(has(t.text, "*[x] run-b0") && has(t.text, "*[x] run-c0") && b < c && c < a, "pin: several, in natural order");
	keys(&t, "1*");
	TAP_OK(!strstr(t.text, "*[x] run-b0") && has(t.text, "unpinned: run-b0"), "pin: * again unpins");
	TAP_OK(has(keys(&t, "p"), "*[x] run-c0"), "pin: p (a tag to the runs table) is another thing");
	vt_free(&t);
	/* many runs: the charts draw the list's page, and the pinned runs */
	vt_init(&t, 120, 30, true, 0, 60);
	keys(&t, "1*G");
	struct chart_series ss[FRAME_SERIES_MAX];
	size_t n = view_chart_series(&t.p, &t.v, view_selected_tag(&t.v), ss, FRAME_SERIES_MAX), pinned = 0;
	for (size_t i = 0; i < n; i++)
		pinned += ss[i].pinned;
	TAP_OK(t.v.charts_paged && pinned == 1 && n < 60, "pin: with the charts paged, a pinned run off the page is drawn");
	vt_free(&t);
}

static void test_mouse(void)
{
	struct vt t;
	vt_init(&t, 120, 30, true, 0, 3);
	keys(&t, "");
	int y = row_of(&t, "] run-c0");
	mouse(&t, VM_PRESS, 3, y);
	mouse(&t, VM_RELEASE, 3, y);
	TAP_OK(selected_row(&t, "run-c0"), "mouse: a click on a run selects it");
	y = row_of(&t, "train/loss");
	int x = col_of(&t, "train/loss");
	mouse(&t, VM_PRESS, x + 10, y + 3);
	mouse(&t, VM_RELEASE, x + 10, y + 3);
	TAP_OK(title_selected(&t, "train/loss") && !title_selected(&t, "eval/accuracy"), "mouse: a click on a chart selects it");
	mouse(&t, VM_DOUBLE, x + 10, y + 3);
	TAP_OK(has(t.text, "train/loss") && !strstr(t.text, "eval/accuracy") && t.v.maximized,
	       "mouse: a double click maximises the chart");
	double lo = t.v.chart.zoom_lo, hi = t.v.chart.zoom_hi;
	/* the wheel near the plot's right end: the window narrows towards it */
	mouse(&t, VM_WHEEL_UP, t.W - 3, 10);
	TAP_OK(t.v.chart.zoom_hi - t.v.chart.zoom_lo < hi - lo && t.v.chart.zoom_lo > 0.2 && t.v.chart.zoom_hi > 0.95 &&
	       has(t.text, "zoom"), "mouse: the wheel zooms x around the pointer");
	lo = t.v.chart.zoom_lo;
	mouse(&t, VM_PRESS, 50, 10);
	mouse(&t, VM_DRAG, 60, 10);
	mouse(&t, VM_DRAG, 70, 10);
	mouse(&t, VM_RELEASE, 70, 10);
	TAP_OK(t.v.chart.zoom_lo < lo - 0.01 && t.v.maximized, "mouse: a drag to the right pans x to earlier steps");
	lo = t.v.chart.zoom_lo;
	mouse(&t, VM_DRAG, 30, 10);
	TAP_OK(t.v.chart.zoom_lo == lo, "mouse: motion after the release pans nothing");
	mouse(&t, VM_WHEEL_DOWN, 60, 10);
	mouse(&t, VM_WHEEL_DOWN, 60, 10);
	mouse(&t, VM_WHEEL_DOWN, 60, 10);
	TAP_OK(t.v.chart.zoom_lo == 0 && t.v.chart.zoom_hi == 1, "mouse: the wheel down zooms back out");
	mouse(&t, VM_DOUBLE, 60, 10);
	TAP_OK(!t.v.maximized && has(t.text, "eval/accuracy"), "mouse: a double click again: back to the grid");
	keys(&t, "?");
	mouse(&t, VM_WHEEL_DOWN, 60, 10);
	TAP_OK(t.v.overlay_scroll == 1, "mouse: the wheel scrolls the help");
	mouse(&t, VM_PRESS, 60, 10);
	TAP_OK(!t.v.overlay, "mouse: a click closes it");
	keys(&t, "R");
	y = row_of(&t, "] run-b0");
	mouse(&t, VM_PRESS, 10, y);
	TAP_OK(selected_row(&t, "run-b0"), "mouse: in the runs table, a click selects a row's run");
	mouse(&t, VM_WHEEL_DOWN, 10, y);
	TAP_OK(selected_row(&t, "run-c0"), "mouse: the wheel walks the table's rows");
	keys(&t, "R/");
	mouse(&t, VM_PRESS, 3, 2);
	TAP_OK(t.v.prompt == '/' && selected_row(&t, "run-c0"), "mouse: nothing while a prompt is open");
	keys(&t, "<Esc>");
	vt_free(&t);
	/* pages: a click hits the page shown */
	vt_init(&t, 120, 30, true, 0, 3);
	keys(&t, "#1x1<Enter>");
	keys(&t, "<Tab><PgDn><Tab>");
	mouse(&t, VM_PRESS, 60, 10);
	TAP_OK(title_selected(&t, "eval/loss") && has(t.text, "page 2/4"), "mouse: on a later page, the chart shown there");
	vt_free(&t);
	/* the console pane: the wheel scrolls its text, a drag or a click does nothing */
	vt_init(&t, 100, 20, true, 0, 2);
	struct run *r = store_get_run(&t.st, "run-a0", 6);
	char line[32];
	for (int n = 1; n <= 40; n++) {
		snprintf(line, sizeof line, "line %d", n);
		runlog_add(r, &(struct sink_line){ line, strlen(line), 1.7e9, SINK_LOG_RECORDS, false, false });
	}
	t.st.gen++;
	keys(&t, "C");
	mouse(&t, VM_WHEEL_UP, 60, 10);
	TAP_OK(has(t.text, "line 37") && !has(t.text, "line 40") && !has(t.text, "following"),
	       "mouse: the wheel over the console scrolls it up three lines a notch");
	mouse(&t, VM_WHEEL_DOWN, 60, 10);
	TAP_OK(has(t.text, "line 40") && has(t.text, "following"), "mouse: and down to the tail, following again");
	mouse(&t, VM_DRAG, 60, 10);
	mouse(&t, VM_DOUBLE, 60, 10);
	TAP_OK(has(t.text, "Console run-a0"), "mouse: a drag or double-click there leaves the pane as it is");
	vt_free(&t);
	/* too small: nothing to hit */
	vt_init(&t, 30, 8, true, 0, 3);
	keys(&t, "");
	TAP_OK(view_mouse(&t.v, &t.p, VM_PRESS, 3, 3) == VIEW_NONE && t.v.run_sel == 0, "mouse: a screen too small ignores it");
	vt_free(&t);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	test_grid_shape();
	test_pin();
	test_mouse();
	return tap_done();
}
