/* test_screen.c: what the screen shows, defect by defect (issue 12), and
 * which run is winning. Each test names the defect it keeps fixed; the
 * tmux tests in tests/screen/screen_sizes.sh cover what needs a terminal. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../tap.h"
#include "tailboard/xalloc.h"
#include "vt.h"

static uint32_t ch_at(const struct vt *t, int x, int y)
{
	return t->cv.cells[(size_t)y * (size_t)t->cv.w + (size_t)x].ch;
}

/* Rows of the chart area (all but the hint and status lines) with nothing
 * drawn right of the run list. */
static int blank_rows(const struct vt *t)
{
	int x0 = list_border(t), n = 0;
	for (int y = 0; y < t->cv.h - 2; y++) {
		bool any = false;
		for (int x = x0; x < t->cv.w && !any; x++)
			any = ch_at(t, x, y) && ch_at(t, x, y) != ' ';
		n += !any;
	}
	return n;
}

/* A store of tags like a real logdir's: nt tags in two groups, nr runs. */
static void many_tags(struct vt *t, size_t nr, size_t nt)
{
	for (size_t r = 0; r < nr; r++) {
		char name[32];
		snprintf(name, sizeof name, "runs/r%zu", r);
		struct run *run = store_get_run(&t->st, name, strlen(name));
		for (size_t k = 0; k < nt; k++) {
			char tag[32];
			snprintf(tag, sizeof tag, "%s/m%02zu", k % 2 ? "eval" : "train", k);
			struct series *s = run_get_series(&t->st, run, tag, strlen(tag));
			for (int i = 0; i < 40; i++)
				if (series_append(s, i, 1.7e9 + i, sin(i * 0.2 + (double)r) + (double)k) != TB_OK)
					printf("# append failed\n");
		}
	}
	t->st.gen++;
}

/* Re-open the view after changing the options (filters are read at init). */
static void reopen(struct vt *t)
{
	view_free(&t->v);
	view_init(&t->v, &t->st, &t->d, &t->o, t->v.utf8, t->v.braille, t->v.ncolors);
}

static void add_points(struct vt *t, const char *run, const char *tag, const int64_t *steps, const double *walls,
		       const double *vals, size_t n)
{
	struct run *r = store_get_run(&t->st, run, strlen(run));
	struct series *s = run_get_series(&t->st, r, tag, strlen(tag));
	for (size_t i = 0; i < n; i++)
		if (series_append(s, steps[i], walls[i], vals[i]) != TB_OK)
			printf("# append failed\n");
	t->st.gen++;
}

/* 1: wall mode plots clock times (local zone; TZ=UTC here), with dates. */
static void test_wall_mode(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	int64_t st[60];
	double wa[60], va[60];
	for (int i = 0; i < 60; i++) {
		st[i] = i * 10;
		wa[i] = 1744227300.0 + i * 72;   /* 2025-04-09 19:35 .. 20:45 UTC */
		va[i] = 1.0 / (1 + i);
	}
	add_points(&t, "runs/a", "loss", st, wa, va, 60);
	keys(&t, "xx");
	TAP_OK(has(t.text, "x: wall") && has(t.text, "19:45") && has(t.text, "20:30") && has(t.text, "04-09"),
	       "1 wall mode: clock times of the points' day, and the date");
	TAP_OK(!strstr(t.text, " 00:1"), "1 wall mode: not the relative times");
	keys(&t, "x");
	for (int i = 0; i < 60; i++)
		wa[i] = 1744239600.0 + i * 3600; /* 2025-04-09 23:00 for 60 hours */
	add_points(&t, "runs/b", "loss", st, wa, va, 60);
	keys(&t, "xx");
	TAP_OK(has(t.text, "04-10") || has(t.text, "04-11"), "1 wall mode: a range over days shows the dates");
	vt_free(&t);
}

/* 2, 3: the grid fills the chart area, after moving through it too. */
static void test_grid_fills(void)
{
	struct vt t;
	vt_init(&t, 160, 48, true, 8, 0);
	many_tags(&t, 5, 14);
	keys(&t, "");
	TAP_OK(blank_rows(&t) == 0, "3 the grid uses every row at 160x48");
	keys(&t, "<Tab>jjjj");
	TAP_OK(blank_rows(&t) == 0, "2 no blank band after moving through the grid");
	keys(&t, "jjjjjjjjjjjj");
	TAP_OK(blank_rows(&t) == 0, "2 nor at its end");
	t.o.tag_re = "m03$";
	reopen(&t);
	keys(&t, "");
	int axis = row_of(&t, " step ");
	TAP_OK(has(t.text, "eval/m03") && axis >= t.H - 5, "3 one chart takes the whole area");
	vt_free(&t);
	vt_init(&t, 80, 24, false, 0, 0);
	many_tags(&t, 3, 9);
	TAP_OK(blank_rows(keys(&t, "") ? &t : &t) == 0, "3 the grid uses every row at 80x24 in ASCII");
	t.W = 40;
	t.H = 10;
	keys(&t, "");
	TAP_OK(blank_rows(&t) == 0 && has(t.text, "/m0"), "3 and at 40x10: one chart");
	vt_free(&t);
}

/* 2: with many runs the charts follow the run list's page, and a chart
 * none of the page's runs has is left out, not drawn as an empty box;
 * while a load adds tags, the selection stays on the first chart. */
static void test_many_runs(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	int64_t st[] = { 1, 2 };
	double wa[] = { 1.7e9, 1.7e9 + 1 }, va[] = { 0.5, 0.4 };
	for (int r = 0; r < 80; r++) {
		char name[16];
		snprintf(name, sizeof name, "r%02d", r);
		add_points(&t, name, r < 40 ? "early/x" : "late/y", st, wa, va, 2);
	}
	keys(&t, "");
	TAP_OK(has(t.text, "early/x") && !strstr(t.text, "late/y") && !strstr(t.text, "no data"),
	       "2 many runs: only the charts of the list's page, no empty box");
	keys(&t, "G");
	TAP_OK(has(t.text, "late/y") && !strstr(t.text, "early/x") && !strstr(t.text, "no data"),
	       "2 many runs: the last page's charts");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 8, 0);
	add_points(&t, "a", "m/z", st, wa, va, 2);
	keys(&t, "");
	add_points(&t, "a", "b/b", st, wa, va, 2);
	keys(&t, "");
	const struct view_item *it = &t.v.items[t.v.item_sel];
	TAP_OK(it->tag != SIZE_MAX && strcmp(t.v.tags[it->tag].disp, "b/b") == 0,
	       "a tag that arrives first takes the selection until the user moves it");
	keys(&t, "<Tab>j");
	add_points(&t, "a", "a/a", st, wa, va, 2);
	keys(&t, "");
	it = &t.v.items[t.v.item_sel];
	TAP_OK(it->tag == SIZE_MAX || strcmp(t.v.tags[it->tag].disp, "a/a") != 0, "once moved, it stays where it was put");
	vt_free(&t);
}

/* Runs told apart: the shared prefix left out, W&B labels made unique,
 * the full name of the selected run on the status line; the list hides
 * itself on narrow screens until asked for, and narrows and widens. */
static void test_run_names(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	int64_t st[] = { 1, 2 };
	double wa[] = { 1.7e9, 1.7e9 + 1 }, va[] = { 0.5, 0.4 };
	const char *names[] = { "wandb/run-20240101_000000-3f2a9b", "wandb/run-20240102_000000-77c1d0",
				"wandb/run-20240103_000000-0d9e11" };
	for (int i = 0; i < 3; i++) {
		add_points(&t, names[i], "loss", st, wa, va, 2);
		struct run *r = t.st.runs[i];
		run_set_label(r, i < 2 ? "First try" : "Second");
		run_set_kv(&r->info, &r->ninfo, "wandb id", names[i] + strlen(names[i]) - 6);
	}
	t.st.gen++;
	keys(&t, "");
	TAP_OK(has(t.text, "First try (3f2a)") && has(t.text, "First try (77c1)") && has(t.text, "] Second"),
	       "W&B display names, made unique with the run id");
	TAP_OK(has(t.text, "run First try (3f2a)") || has(t.text, "run wandb/run-20240101_000000-3f2a9b"),
	       "the selected run's full name on the status line");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 8, 0);
	add_points(&t, "runs/alpha", "loss", st, wa, va, 2);
	add_points(&t, "runs/beta", "loss", st, wa, va, 2);
	keys(&t, "");
	TAP_OK(has(t.text, "[x] alpha") && !strstr(t.text, "[x] runs/alpha") && has(t.text, "run runs/alpha"),
	       "the runs/ every name starts with is left out of the list, not the status line");
	t.W = 60;
	TAP_OK(!strstr(keys(&t, ""), "Runs (2)"), "under 80 columns the run list hides itself");
	TAP_OK(has(keys(&t, "|"), "Runs (2)") && !strstr(keys(&t, "|"), "Runs (2)"), "| shows it, and hides it again");
	t.W = 100;
	int w0 = list_border(keys(&t, "|") ? &t : &t);
	keys(&t, ")");
	int w1 = list_border(&t);
	keys(&t, "((");
	TAP_OK(w0 > 0 && w1 > w0 && list_border(&t) < w1, ") widens the run list, ( narrows it");
	vt_free(&t);
}

/* 4: without colour, every run's glyph is in the plot, in UTF-8 too. */
static void test_glyphs(void)
{
	struct vt t;
	vt_init(&t, 120, 30, true, 0, 5);
	t.o.smoothing = 0;
	reopen(&t);
	keys(&t, "");
	int x0 = list_border(&t) + 8, y1 = row_of(&t, " step ");
	const char glyphs[] = "*+ox#";
	int found = 0;
	for (int g = 0; g < 5; g++) {
		bool seen = false;
		for (int y = 2; y < y1 && !seen; y++)
			for (int x = x0; x < t.W && !seen; x++)
				seen = ch_at(&t, x, y) == (uint32_t)glyphs[g];
		found += seen;
	}
	TAP_OK(found == 5, "4 NO_COLOR in UTF-8: each of five runs' glyphs drawn on its line");
	vt_free(&t);
}

/* 5: PgDn and PgUp move the grid a page. */
static void test_pages(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	many_tags(&t, 2, 14);
	keys(&t, "<Tab>");
	TAP_OK(has(t.text, "page 1/"), "5 the grid has pages");
	TAP_OK(has(keys(&t, "<PgDn>"), "page 2/") && has(keys(&t, "<PgDn>"), "page 3/"), "5 PgDn moves one page");
	TAP_OK(has(keys(&t, "<PgUp>"), "page 2/"), "5 PgUp moves one back");
	vt_free(&t);
}

/* text with its runs of spaces and newlines made one space */
static void collapse(char *out, const char *in)
{
	size_t o = 0;
	for (; *in; in++) {
		bool sp = *in == ' ' || *in == '\n';
		if (!sp || (o && out[o - 1] != ' '))
			out[o++] = sp ? ' ' : *in;
	}
	out[o++] = ' ';
	out[o] = 0;
}

/* 6: overlays scroll, are opaque and use the screen's width. */
static void test_overlays(void)
{
	const struct view_binding *kb;
	size_t nk = view_bindings(&kb);
	int sizes[2][2] = { { 80, 24 }, { 40, 10 } };
	for (int z = 0; z < 2; z++) {
		struct vt t;
		vt_init(&t, sizes[z][0], sizes[z][1], true, 8, 3);
		keys(&t, "?");
		bool opaque = !strstr(t.text, "\xe2\xa0") && !strstr(t.text, "\xe2\xa1") && !strstr(t.text, "\xe2\xa3");
		char *seen = xstrdup("");
		for (int i = 0; i < 300; i++) {
			size_t n = strlen(seen);
			seen = xrealloc(seen, n + strlen(t.text) + 2);
			collapse(seen + n, t.text);     /* wrapped lines read as one */
			keys(&t, "j");
		}
		size_t missing = 0;
		for (size_t i = 0; i < nk; i++) {
			char what[40];
			snprintf(what, sizeof what, "%.30s", kb[i].what);
			missing += !strstr(seen, what);
		}
		free(seen);
		char name[80];
		snprintf(name, sizeof name, "6 help at %dx%d: every key by scrolling (%zu missing)", sizes[z][0],
			 sizes[z][1], missing);
		TAP_OK(missing == 0, "%s", name);
		snprintf(name, sizeof name, "6 help at %dx%d: opaque, no chart shows through", sizes[z][0], sizes[z][1]);
		TAP_OK(opaque, "%s", name);
		vt_free(&t);
	}
	struct vt t;
	vt_init(&t, 160, 40, true, 8, 3);
	char msg[200];
	memset(msg, 'w', 120);
	memcpy(msg + 110, "THE-END", 8);
	diag_report(&t.d, "some/file", 1, "%s", msg);
	TAP_OK(has(keys(&t, "e"), "THE-END"), "6 the error list uses the screen's width");
	vt_free(&t);
}

/* 7: hints start with help and quit; the smoothing value leads the status. */
static void test_hints_and_status(void)
{
	struct vt t;
	vt_init(&t, 80, 24, true, 8, 3);
	keys(&t, "");
	TAP_OK(row_of(&t, "? help  q quit") == t.H - 2, "7 at 80 columns the hints start with ? help  q quit");
	t.W = 40;
	t.H = 10;
	keys(&t, "");
	TAP_OK(row_of(&t, "? help  q quit") == t.H - 2, "7 at 40 columns too");
	TAP_OK(row_of(&t, " smoothing 0.60") == t.H - 1, "7 and the status line starts with the smoothing value");
	diag_report(&t.d, "f", 0, "bad");
	t.W = 60;
	keys(&t, "");
	TAP_OK(has(t.text, "smoothing 0.60 [") && has(t.text, "| 1 error (e) | static"),
	       "7 then the errors, then the live state");
	vt_free(&t);
}

/* 8: one Esc leaves a maximised chart and hides the cursor. */
static void test_esc_once(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 3);
	keys(&t, "<Tab><Enter>l");
	TAP_OK(!strstr(t.text, "Runs (3)") && has(t.text, "run-a0 @"), "8 maximised, with the cursor");
	keys(&t, "<Esc>");
	TAP_OK(has(t.text, "Runs (3)") && !strstr(t.text, "run-a0 @"), "8 one Esc: back to the grid, cursor hidden");
	vt_free(&t);
}

/* 9: what an empty screen says. */
static void test_empty_states(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	t.status.missing = "runs/nope";
	TAP_OK(has(keys(&t, ""), "waiting for runs/nope (does not exist)") && !strstr(t.text, "no scalars"),
	       "9 a logdir that does not exist is waited for");
	t.status.missing = NULL;
	TAP_OK(has(keys(&t, ""), "watching logs: no runs yet"), "9 an empty logdir is watched");
	t.status.scanned = false;
	TAP_OK(has(keys(&t, ""), "loading..."), "9 before the first look: loading");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 8, 2);
	t.o.tag_re = "x";
	reopen(&t);
	TAP_OK(has(keys(&t, ""), "no tag matches 'x'") && has(t.text, "tags /x/"),
	       "9 a tag filter that matches nothing says so, and the filter is shown");
	t.o.tag_re = NULL;
	t.o.run_re = "zzz";
	reopen(&t);
	TAP_OK(has(keys(&t, ""), "no run matches 'zzz'") && has(t.text, "runs /zzz/"), "9 and a run filter");
	vt_free(&t);
}

/* The labels of the x axis line (the row holding " step "). */
static bool step_ticks_ok(struct vt *t, const char *bad)
{
	int y = row_of(t, " step ");
	if (y < 0)
		return false;
	const char *line = t->text;
	for (int i = 0; i < y; i++)
		line = strchr(line, '\n') + 1;
	const char *end = strchr(line, '\n');
	for (const char *b = bad; *b; b++)
		for (const char *q = line; q < end; q++)
			if (*q == *b) {
				printf("# axis line: %.*s\n", (int)(end - line), line);
				return false;
			}
	return true;
}

/* 10: step ticks are integers in the data's range. */
static void test_step_ticks(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 0);
	int64_t st[] = { 1, 2 };
	double wa[] = { 1.7e9, 1.7e9 + 1 }, va[] = { 0.5, 0.4 };
	add_points(&t, "a", "loss", st, wa, va, 2);
	keys(&t, "");
	TAP_OK(step_ticks_ok(&t, ".-") && has(t.text, " 1 ") && has(t.text, " 2"), "10 steps 1 and 2: ticks 1 and 2 only");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 8, 0);
	int64_t s0[] = { 0 };
	add_points(&t, "a", "loss", s0, wa, va, 1);
	keys(&t, "");
	TAP_OK(step_ticks_ok(&t, ".-"), "10 one point at step 0: no negative or fractional ticks");
	vt_free(&t);
}

/* 12: the 0.999 cap, the ASCII live and stale marks. */
static void test_marks(void)
{
	struct vt t;
	vt_init(&t, 100, 30, false, 0, 3);
	TAP_OK(has(keys(&t, "]]]]]]]]]"), "smoothing 0.999") && !strstr(t.text, "1.00"), "12 the cap shows as 0.999");
	t.status.loaded_at = 50;
	t.status.now = 100;
	t.st.runs[0]->last_append = 99;
	t.st.runs[1]->stale = true;
	keys(&t, "");
	int y0 = row_of(&t, "] run-a0"), y1 = row_of(&t, "] run-b0");
	TAP_OK(y0 > 0 && ch_at(&t, list_border(&t) - 2, y0) == 'L', "12 ASCII: a live run is marked L, not run 0's *");
	TAP_OK(y1 > 0 && ch_at(&t, list_border(&t) - 2, y1) == 'S', "12 a stale run is marked in the list");
	vt_free(&t);
}

/* Which run is winning: best over shown runs, none-tags, the legend. */
static void test_winning(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 8, 3);
	keys(&t, "");
	TAP_OK(has(t.text, "eval/accuracy  best 0.6861 @ 490 (run-c0)  run-a0 0.4901"),
	       "best: over every shown run, with its run and the selected run's value");
	const char *a = strstr(t.text, "run-a0 0.4901@490"), *b = strstr(t.text, "run-b0 0.5881@490"),
		   *c = strstr(t.text, "run-c0 0.6861@490");
	TAP_OK(a && b && c && a < c && c < b, "legend: the selected run first, then by value");
	keys(&t, "<Tab>");
	keys(&t, "jjjj");
	TAP_OK(has(t.text, "train/lr  run-a0 last") && !strstr(t.text, "train/lr  best"), "none: train/lr has no best");
	keys(&t, "<lt>");
	vt_free(&t);
	vt_init(&t, 60, 14, false, 0, 9);
	TAP_OK(has(keys(&t, ""), " more"), "legend: +N more when the runs do not fit");
	vt_free(&t);
}

/* The cursor: on real points, point to point, in every chart at once. */
static void test_cursor(void)
{
	struct vt t;
	vt_init(&t, 100, 40, true, 8, 3);
	long at[3];
	for (int i = 0; i < 3; i++) {
		const char *p = strstr(keys(&t, "l"), "run-a0 @");
		at[i] = p ? strtol(p + 8, NULL, 10) : -1;
	}
	TAP_OK(at[0] >= 0 && at[0] % 10 == 0 && at[1] == at[0] + 10 && at[2] == at[1] + 10,
	       "cursor: on real points (steps of 10), one point a press");
	TAP_OK(has(t.text, "smoothed") && has(t.text, "raw"), "cursor: the readout labels smoothed and raw");
	/* shared: a reversed cell in the same column of two charts */
	int x0 = list_border(&t), y1 = row_of(&t, "eval/loss"), hits = 0;
	for (int x = x0 + 8; x < t.W; x++) {
		bool a = false, b = false;
		for (int y = 2; y < y1 - 2; y++)
			a |= attr_at(&t, y, x, CELL_REVERSE);
		for (int y = y1 + 1; y < y1 + 8; y++)
			b |= attr_at(&t, y, x, CELL_REVERSE);
		hits += a && b;
	}
	TAP_OK(hits >= 1, "cursor: one x in every chart");
	vt_free(&t);
}

static bool has_quiet(const char *text, const char *needle)
{
	return strstr(text, needle) != NULL;
}

/* A frame over its budget for smoothing draws what it could and says so on
 * the status line; the frames after it catch up to the frame a painter
 * without a budget draws at once. */
static void test_budget(void)
{
	struct vt t, u;
	vt_init(&t, 100, 30, true, 8, 6);
	vt_init(&u, 100, 30, true, 8, 6);
	t.p.budget = 1e-9;      /* one line smoothed a frame */
	int frames = 0;
	for (keys(&t, ""); t.p.pending && frames < 100; frames++)
		keys(&t, "");
	keys(&u, "");
	TAP_OK(strcmp(t.text, u.text) == 0, "first frames on a budget: caught up after %d frames", frames);
	const char *f = keys(&t, "m");
	bool said = has(f, "redrawing 17 of 18 lines") && has(f, "twema");
	for (frames = 0; t.p.pending && frames < 100; frames++)
		keys(&t, "");
	keys(&u, "m");
	TAP_OK(said && strcmp(t.text, u.text) == 0 && !has_quiet(t.text, "redrawing"),
	       "m on a budget: 'redrawing' on the status line, the unhurried frame after %d more", frames);
	/* groups: their statistics and lines, a group a frame past the budget */
	f = keys(&t, "c~^run-(.)<Enter>");
	said = has(f, "redrawing 8 of 9 lines") && has(f, "computing...");
	for (frames = 0; t.p.pending && frames < 100; frames++)
		keys(&t, "");
	keys(&u, "c~^run-(.)<Enter>");
	TAP_OK(said && strcmp(t.text, u.text) == 0 && has(t.text, "a (2)") && !has_quiet(t.text, "redrawing"),
	       "groups on a budget: drawn as they are computed, the unhurried frame after %d more", frames);
	vt_free(&t);
	vt_free(&u);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	setenv("TZ", "UTC", 1);
	tzset();
	test_wall_mode();
	test_grid_fills();
	test_many_runs();
	test_run_names();
	test_glyphs();
	test_pages();
	test_overlays();
	test_hints_and_status();
	test_esc_once();
	test_empty_states();
	test_step_ticks();
	test_marks();
	test_winning();
	test_cursor();
	test_budget();
	return tap_done();
}
