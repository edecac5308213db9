/* test_view.c: the screen without a terminal, tig's way: scripted keys in,
 * text frames out. A small store of three runs (two tag groups) stands
 * in for a logdir; each test presses keys and reads the frame the view
 * renders into a canvas, as the terminal would show it. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "vt.h"
#include "view_int.h"   /* system_chart_key: the pane's mapping of keys to charts */

static void test_selection(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	TAP_OK(has(keys(&t, ""), "Runs (3)") && selected_row(&t, "run-a0"), "selection: starts on the first run");
	keys(&t, "j");
	TAP_OK(selected_row(&t, "run-b0") && !selected_row(&t, "run-a0"), "selection: j moves down the run list");
	keys(&t, "k");
	TAP_OK(selected_row(&t, "run-a0"), "selection: k moves back up");
	keys(&t, "G");
	TAP_OK(selected_row(&t, "run-c0"), "selection: G goes to the last run");
	keys(&t, "g");
	TAP_OK(selected_row(&t, "run-a0"), "selection: g goes to the first");
	keys(&t, "3");
	TAP_OK(selected_row(&t, "run-c0"), "selection: 3 selects the third run");
	TAP_OK(has(keys(&t, " "), "[ ] run-c0"), "selection: Space hides the selected run");
	TAP_OK(has(keys(&t, " "), "[x] run-c0"), "selection: Space shows it again");
	keys(&t, "1s");
	TAP_OK(has(t.text, "[x] run-a0") && has(t.text, "[ ] run-b0") && has(t.text, "[ ] run-c0"),
	       "selection: s shows only the selected run");
	TAP_OK(!strstr(t.text, "+run-b0") && has(t.text, "*run-a0"), "selection: solo hides the others' lines");
	keys(&t, "a");
	TAP_OK(has(t.text, "[x] run-b0") && has(t.text, "[x] run-c0"), "selection: a shows every run");
	keys(&t, "<Tab>");
	int y = row_of(&t, "eval/accuracy");
	TAP_OK(y >= 0 && attr_at(&t, y, list_border(&t) + 2, CELL_REVERSE), "selection: Tab gives the charts focus, the chart's title shows it");
	keys(&t, "j");
	y = row_of(&t, "eval/loss  best");
	TAP_OK(y >= 0 && attr_at(&t, y, list_border(&t) + 2, CELL_REVERSE) && !attr_at(&t, row_of(&t, "eval/accuracy"), list_border(&t) + 2, CELL_REVERSE),
	       "selection: j in the grid moves to the next chart");
	vt_free(&t);
}

static void test_folding(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	keys(&t, "<Tab>k ");
	TAP_OK(has(t.text, "\xe2\x96\xb8 eval (2)") && !strstr(t.text, "eval/accuracy"),
	       "folding: Space on a group title folds it, its charts go");
	TAP_OK(has(t.text, "train/loss"), "folding: the next group moves up");
	vt_add_run(&t, "run-d", 0.3, 50);
	keys(&t, "");
	TAP_OK(has(t.text, "\xe2\x96\xb8 eval (2)") && has(t.text, "Runs (4)"), "folding: a fold survives new runs arriving");
	keys(&t, "<Enter>");
	TAP_OK(has(t.text, "\xe2\x96\xbe eval (2)") && has(t.text, "eval/accuracy"), "folding: Enter on the title unfolds it");
	vt_free(&t);
	vt_init(&t, 100, 30, false, 0, 3);
	TAP_OK(has(keys(&t, "<Tab>k "), "+ eval (2)"), "folding: ASCII shows a folded group with +");
	vt_free(&t);
}

static void test_filters(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	keys(&t, "/b");
	TAP_OK(has(t.text, "run regex: b") && t.cur_x == 12, "filters: / prompts for a run regex, the cursor after it");
	keys(&t, "<Enter>");
	TAP_OK(has(t.text, "Runs (3): 1 match") && !strstr(t.text, "run-a0") && has(t.text, "run-b0"),
	       "filters: the run regex leaves the runs that match");
	keys(&t, "/<BS><Enter>");
	TAP_OK(has(t.text, "Runs (3)") && has(t.text, "run-a0"), "filters: an empty regex clears it");
	keys(&t, "/[<Enter>");
	TAP_OK(has(t.text, "bad regex") && has(t.text, "run-a0"), "filters: a bad regex is named, nothing filtered");
	keys(&t, "<Esc>");
	TAP_OK(!strstr(t.text, "run regex") && t.cur_x < 0, "filters: Esc leaves the prompt");
	keys(&t, "tloss<Enter>");
	TAP_OK(has(t.text, "eval/loss") && has(t.text, "train/loss") && !strstr(t.text, "eval/accuracy") &&
	       has(t.text, " 2 tags"), "filters: t keeps the tags that match");
	keys(&t, "n");      /* from the first chart, eval/loss */
	int y = row_of(&t, "train/loss  best");
	TAP_OK(y >= 0 && attr_at(&t, y, list_border(&t) + 2, CELL_REVERSE), "filters: n steps to the next matching chart");
	keys(&t, "N");
	y = row_of(&t, "eval/loss  best");
	TAP_OK(y >= 0 && attr_at(&t, y, list_border(&t) + 2, CELL_REVERSE), "filters: N steps back");
	vt_free(&t);
}

/* F: runs filtered by an expression over their facts (filter.h). */
static void test_filter_expr(void)
{
	struct vt t;
	vt_init(&t, 140, 30, true, 0, 3);
	run_set_kv(&t.st.runs[1]->hparams, &t.st.runs[1]->nhparams, "lr", "3e-4");
	t.st.gen++;
	TAP_OK(has(keys(&t, "Flr<1e-3<Enter>"), "Runs (3): 1 match") && has(t.text, "run-b0") &&
	       !strstr(t.text, "] run-a0") && has(t.text, "filter lr<1e-3"),
	       "F: an expression keeps the runs it matches, and the status line shows it");
	TAP_OK(has(keys(&t, "F<BS><BS><BS><BS><BS><BS><BS>lr<<Enter>"), "filter: column 4") && has(t.text, "filter: lr<"),
	       "F: a bad expression is named where it goes wrong, the prompt stays");
	TAP_OK(has(keys(&t, "<Esc>"), "filter lr<1e-3"), "F: and the last good filter stays");
	keys(&t, "F");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "lr<0<Enter>"), "no run matches the filter"), "F: nothing matches: says so");
	keys(&t, "F");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "<Enter>"), "Runs (3)") && !strstr(t.text, "match"), "F: empty clears it");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 0, 3);
	t.o.filter = "name~c0";
	view_free(&t.v);
	view_init(&t.v, &t.st, &t.d, &t.o, true, true, 0);
	TAP_OK(has(keys(&t, ""), "Runs (3): 1 match") && has(t.text, "] run-c0"), "--filter applies to the screen");
	vt_free(&t);
}

static void test_paging(void)
{
	struct vt t;
	vt_init(&t, 100, 24, false, 0, 40);
	keys(&t, "");
	TAP_OK(has(t.text, "many runs: charts show the runs on the list's page"), "paging: many runs shown page the charts");
	TAP_OK(has(t.text, "Runs (40)") && selected_row(&t, "run-a0 "), "paging: the list starts at the first run");
	keys(&t, "<PgDn>");
	TAP_OK(!selected_row(&t, "run-a0 ") && !strstr(t.text, "run-a0 "), "paging: PgDn moves the list a page on");
	keys(&t, "<PgUp>");
	TAP_OK(selected_row(&t, "run-a0 "), "paging: PgUp comes back");
	keys(&t, "<Tab>T");
	TAP_OK(has(t.text, "Top 10: eval/accuracy"), "paging: T keeps the top runs of the selected chart's tag");
	keys(&t, "T");
	TAP_OK(has(t.text, "Runs (40)"), "paging: T again lists every run");
	vt_free(&t);
}

static void test_zoom_and_axes(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	keys(&t, "");
	TAP_OK(has(t.text, " step ") && has(t.text, "x: step"), "x modes: steps by default");
	keys(&t, "x");
	TAP_OK(has(t.text, " rel ") && has(t.text, "x: relative"), "x modes: x switches to relative time");
	keys(&t, "x");
	TAP_OK(has(t.text, " wall ") && has(t.text, "x: wall"), "x modes: x again, wall clock");
	keys(&t, "x");
	TAP_OK(has(t.text, "x: step"), "x modes: and back to steps");
	char *before = strdup(keys(&t, ""));
	keys(&t, "+");
	TAP_OK(has(t.text, ", zoom") && strcmp(before, t.text) != 0, "zoom: + zooms in along x");
	char *zoomed = strdup(t.text);
	keys(&t, ">");
	TAP_OK(strcmp(zoomed, t.text) != 0 && has(t.text, ", zoom"), "zoom: > pans right");
	keys(&t, "<lt>");
	TAP_OK(strcmp(zoomed, t.text) == 0, "zoom: < pans back");
	keys(&t, "-");
	TAP_OK(!strstr(t.text, ", zoom") && strcmp(before, t.text) == 0, "zoom: - zooms out to the whole range");
	keys(&t, "+0");
	TAP_OK(strcmp(before, t.text) == 0, "zoom: 0 resets");
	free(before);
	free(zoomed);
	TAP_OK(has(keys(&t, "L"), ", log y"), "y axis: L makes it logarithmic");
	TAP_OK(has(keys(&t, "Lo"), ", no outliers") && !strstr(t.text, "log y"), "y axis: o ignores outliers");
	TAP_OK(strstr(keys(&t, "o"), "\xe2\x97\x86") && !strstr(keys(&t, "b"), "\xe2\x97\x86"), "b hides the best-step markers");
	keys(&t, "b");
	vt_free(&t);
}

static void test_smoothing_and_cursor(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	TAP_OK(has(keys(&t, "]"), "smoothing 0.65"), "smoothing: ] adds 0.05");
	TAP_OK(has(keys(&t, "[["), "smoothing 0.55"), "smoothing: [ takes 0.05");
	TAP_OK(has(keys(&t, "}"), "smoothing 0.56") && has(keys(&t, "{{"), "smoothing 0.54"), "smoothing: } and { by 0.01");
	keys(&t, "l");
	TAP_OK(has(t.text, "run-a0 @") && has(t.text, "run-c0 @"), "cursor: l shows every run's value at the cursor");
	char *at = strdup(t.text);
	keys(&t, "llll");
	TAP_OK(strcmp(at, t.text) != 0 && has(t.text, "run-b0 @"), "cursor: l moves it right");
	free(at);
	keys(&t, "<Esc>");
	TAP_OK(!strstr(t.text, "run-a0 @") && has(t.text, "? help"), "cursor: Esc hides it");
	keys(&t, "<Tab><Enter>");
	TAP_OK(has(t.text, "eval/accuracy") && !strstr(t.text, "eval/loss  best") && !strstr(t.text, "Runs (3)"),
	       "maximise: Enter fills the screen with the selected chart");
	keys(&t, "<Esc>");
	TAP_OK(has(t.text, "eval/loss  best") && has(t.text, "Runs (3)"), "maximise: Esc brings the grid back");
	vt_free(&t);
}

static void test_overlays(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	TAP_OK(has(keys(&t, "?"), "Keys (j/k PgDn/PgUp scroll") && has(t.text, "select run 1 to 9"), "overlays: ? lists the keys");
	TAP_OK(!strstr(keys(&t, "x"), "Keys (j/k"), "overlays: any key closes the help");
	TAP_OK(!strstr(t.text, "x: relative"), "overlays: the key that closes it does nothing else");
	TAP_OK(has(keys(&t, "e"), "Errors: 0 reported") && has(t.text, "none"), "overlays: e lists errors");
	diag_report(&t.d, "some/file", 12, "a problem");
	keys(&t, "<Esc>");
	TAP_OK(has(keys(&t, ""), "| 1 error (e)"), "overlays: the status line counts the errors");
	TAP_OK(has(keys(&t, "e"), "some/file: offset 12: a problem"), "overlays: and e lists it");
	keys(&t, "q");
	TAP_OK(has(keys(&t, "2i"), "run-b0") && has(t.text, "format") && has(t.text, "200 in 4 tags"),
	       "overlays: i shows the selected run");
	keys(&t, "jjjjjjjj");
	TAP_OK(has(t.text, "Run overview: run-b0 (j/k scroll"), "overlays: j scrolls the run overview, it stays open");
	keys(&t, "q|");
	TAP_OK(!strstr(t.text, "Runs (3)") && has(t.text, "eval/accuracy"), "| hides the run list");
	vt_free(&t);
}

/* i: the run overview's sections from the run's facts, the key filter,
 * h/l through the runs, escape codes from a file made visible. */
static void test_overview(void)
{
	struct vt t;
	vt_init(&t, 100, 40, true, 0, 3);
	struct run *r = store_get_run(&t.st, "run-a0", 6);
	run_set_kv(&r->info, &r->ninfo, "wandb project", "demo");
	run_set_kv(&r->info, &r->ninfo, "env/python", "3.11.4");
	run_set_kv(&r->info, &r->ninfo, "env/host", "gpu-node\x1b]0;title\x07");
	run_set_kv(&r->info, &r->ninfo, "summary/eval/loss", "0.25");
	run_set_kv(&r->info, &r->ninfo, "best_metric", "0.91");
	run_set_kv(&r->hparams, &r->nhparams, "learning_rate", "0.0003");
	run_set_kv(&r->hparams, &r->nhparams, "optimizer.name", "adamw");
	t.st.gen++;
	const char *f = keys(&t, "i");
	TAP_OK(has(f, "Run overview: run-a0") && has(f, "Summary") && has(f, "Environment") && has(f, "Hugging Face"),
	       "overview: the sections the facts make");
	TAP_OK(row_of(&t, "Environment") < row_of(&t, "host") && row_of(&t, "host") < row_of(&t, "python"),
	       "overview: the environment's host before python, under its heading");
	TAP_OK(attr_at(&t, row_of(&t, "Environment"), 2, CELL_BOLD), "overview: headings bold");
	TAP_OK(has(f, "eval/loss") && has(f, "wandb project") && has(f, "learning_rate"), "overview: summary, facts, config");
	TAP_OK(has(f, "gpu-node\\x1b]0;title\\x07") && !strchr(f, 0x1b), "overview: escape codes shown, never sent");
	f = keys(&t, "/LEARN<Enter>");
	TAP_OK(has(f, "learning_rate") && !strstr(f, "optimizer.name") && !strstr(f, "python") && has(f, "/LEARN/"),
	       "overview: / keeps the keys that match, in any case");
	f = keys(&t, "/<BS><BS><BS><BS><BS>^(host|python)$<Enter>");
	TAP_OK(has(f, "python") && has(f, "host") && !strstr(f, "learning_rate"), "overview: the filter is a regex");
	f = keys(&t, "/<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><Enter>");
	TAP_OK(has(f, "learning_rate") && has(f, "python"), "overview: an empty filter shows every row");
	f = keys(&t, "/environ<Enter>");
	TAP_OK(has(f, "python") && has(f, "host") && !strstr(f, "learning_rate") && !strstr(f, "eval/loss"),
	       "overview: a section's title keeps the whole section");
	f = keys(&t, "/<BS><BS><BS><BS><BS><BS><BS><Enter>");
	f = keys(&t, "l");
	TAP_OK(has(f, "Run overview: run-b0") && !strstr(f, "python"), "overview: l, the next run's");
	f = keys(&t, "h");
	TAP_OK(has(f, "Run overview: run-a0"), "overview: h, back");
	f = keys(&t, "i");
	TAP_OK(!strstr(f, "Run overview") && has(f, "eval/accuracy"), "overview: i again, the charts");
	keys(&t, "i");
	TAP_OK(!strstr(keys(&t, "<Esc>"), "Run overview"), "overview: Esc, the charts");
	vt_free(&t);
}

static void test_effects_and_sizes(void)
{
	struct vt t;
	vt_init(&t, 100, 30, true, 0, 3);
	keys(&t, "r");
	TAP_OK((t.effects & VIEW_RELOAD) && has(t.text, "reloading"), "r asks for a reload and says so");
	keys(&t, "q");
	TAP_OK(t.effects & VIEW_QUIT, "q asks to quit");
	t.W = 30;
	t.H = 8;
	TAP_OK(has(keys(&t, ""), "terminal too small"), "a screen too small says so");
	vt_free(&t);
	vt_init(&t, 60, 14, false, 0, 2);
	const char *want =
		"- eval (2)\n"
		"eval/accuracy  best 0.5881 @ 490 (run-b0)  run-a0 0.4901\n"
		"   0.6+                              +++++++++++++++++++++@\n"
		"      |                   ++++++++++++ *******************@\n"
		"   0.4+             ++++++**************\n"
		"      |         +++********\n"
		"      |      +******\n"
		"   0.2+    *****\n"
		"      |  ****\n"
		"     0+***\n"
		"step   0        100        200       300        400\n"
		"*run-a0 0.4901@490 +run-b0 0.5881@490\n"
		"? help  q quit  Tab focus  j/k move  Space hide  / runs  t t\n"
		" smoothing 0.60 [######----] ema | static | 2 runs 4 tags 40\n";
	keys(&t, "");
	TAP_OK(strcmp(t.text, want) == 0, "ASCII, no colour: the frame reads as it should");
	if (strcmp(t.text, want) != 0)
		printf("# got:\n%s", t.text);
	vt_free(&t);
}

/* The painter re-renders a chart only when its key changes: the view's
 * chart settings as bytes, and its series' data. */
static void test_memo(void)
{
	struct vt t;
	vt_init(&t, 100, 80, true, 0, 3);
	keys(&t, "");
	uint64_t k0[4], k1[4];
	for (size_t i = 0; i < 4 && i < t.p.nmemo; i++)
		k0[i] = t.p.memo[i].key;
	keys(&t, "b");
	bool all = t.p.nmemo >= 4;
	for (size_t i = 0; i < 4 && i < t.p.nmemo; i++)
		all &= t.p.memo[i].key != k0[i];
	TAP_OK(all, "memo: a chart setting changes every chart's key");
	keys(&t, "b");
	bool same = true;
	for (size_t i = 0; i < 4 && i < t.p.nmemo; i++)
		same &= (k1[i] = t.p.memo[i].key) == k0[i];
	TAP_OK(same, "memo: the same settings give the same keys");
	struct run *r = store_find_run(&t.st, "run-b0", 6);
	struct series *s = run_find_series(r, "train/loss", 10);
	TAP_OK(series_append(s, 10000, 1.8e9, 0.01) == TB_OK, "memo: a point appended to one series");
	t.st.gen++;
	keys(&t, "");
	size_t changed = 0, which = 9;
	for (size_t i = 0; i < 4 && i < t.p.nmemo; i++)
		if (t.p.memo[i].key != k1[i]) {
			changed++;
			which = i;
		}
	TAP_OK(changed == 1 && strcmp(t.v.tags[which].disp, "train/loss") == 0, "memo: only that tag's chart is drawn again");
	vt_free(&t);
}

/* How many times needle is in text (the band's fill; the slider has a few). */
static int count_of(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* c, B and --group-by: runs drawn as groups, a mean line and a band each. */
static void test_groups(void)
{
	struct vt t;
	vt_init(&t, 140, 30, true, 0, 6);
	for (size_t i = 0; i < 6; i++) {
		char seed[4];
		snprintf(seed, sizeof seed, "%zu", i / 3);
		run_set_kv(&t.st.runs[i]->hparams, &t.st.runs[i]->nhparams, "lr", i % 3 ? "0.1" : "0.01");
		run_set_kv(&t.st.runs[i]->hparams, &t.st.runs[i]->nhparams, "seed", seed);
	}
	t.st.gen++;
	keys(&t, "<Tab>jj<Enter>");     /* eval/loss, maximised: a legend with room */
	TAP_OK(has(keys(&t, "c~run-([a-c])<Enter>"), "a (2)") && has(t.text, "b (2)") && has(t.text, "c (2)") &&
	       has(t.text, "group by ~run-([a-c]), band min-max"), "c ~REGEX: three groups of two, named by the capture");
	TAP_OK(count_of(t.text, "\xc2\xb7") > 40, "the bands are drawn (no colours: a dot fill)");
	TAP_OK(has(keys(&t, "B"), "band sd") && count_of(t.text, "\xc2\xb7") > 20, "B: +-1 sd");
	TAP_OK(has(keys(&t, "B"), "band none") && count_of(t.text, "\xc2\xb7") < 10, "B: no band, no fill");
	keys(&t, "Bc");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "-seed<Enter>"), "lr=0.01 (2)") && has(t.text, "lr=0.1 (4)"),
	       "c -seed: by every differing key but seed");
	keys(&t, "c");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "lr<Enter>"), "lr=0.01 (2)"), "c KEY: by one hyperparameter");
	TAP_OK(has(keys(&t, "c<BS><BS>~(<Enter>"), "group by: bad regex"), "a bad regex is named, the prompt stays");
	keys(&t, "<Esc>c");
	while (t.v.ilen)
		keys(&t, "<BS>");
	TAP_OK(has(keys(&t, "<Enter>"), "run-a0") && !strstr(t.text, "group by"), "c, empty: runs again");
	vt_free(&t);
	vt_init(&t, 140, 30, true, 0, 6);
	t.o.group_by = "~run-([a-c])";
	view_free(&t.v);
	view_init(&t.v, &t.st, &t.d, &t.o, true, true, 0);
	TAP_OK(has(keys(&t, ""), "group by ~run-([a-c])"), "--group-by applies to the screen");
	/* live: points appended to every run; the frame drawn from the kept
	 * statistics and caches is the one drawn from scratch */
	for (size_t i = 0; i < t.st.nruns; i++)
		for (size_t k = 0; k < t.st.runs[i]->nseries; k++) {
			struct series *s = t.st.runs[i]->series[k];
			for (int j = 0; j < 5; j++)
				if (series_append(s, series_step(s, s->n - 1) + 10 - (i % 2) * 5, 1.8e9, 0.3 + 0.01 * j) != TB_OK)
					printf("# append failed\n");
		}
	t.st.gen++;
	char *kept = strdup(keys(&t, ""));
	painter_free(&t.p);
	painter_init(&t.p);
	TAP_OK(kept && strcmp(kept, keys(&t, "")) == 0, "live points: the groups' frame as drawn from scratch");
	free(kept);
	vt_free(&t);
}

/* A run's machine metrics as W&B's reader files them (and one TensorBoard
 * sys/ tag): 2 GPUs' temperature, 20 cores, the memory. */
static void add_system(struct vt *t, const char *name, size_t n)
{
	struct run *r = store_get_run(&t->st, name, strlen(name));
	char tag[64];
	for (size_t k = 0; k < 2 + 20 + 2; k++) {
		if (k < 2)
			snprintf(tag, sizeof tag, "system/gpu.%zu.temp", k);
		else if (k < 22)
			snprintf(tag, sizeof tag, "system/cpu.%zu.cpu_percent", k - 2);
		else
			snprintf(tag, sizeof tag, "%s", k == 22 ? "system/memory" : "sys/gpu0/util");
		struct series *s = run_get_series(&t->st, r, tag, strlen(tag));
		for (size_t i = 0; s && i < n; i++)
			if (series_append(s, 7, 1.7e9 + (double)i * 15, 40 + (double)k + 10 * sin((double)i)) != TB_OK)
				printf("# append failed\n");
	}
	t->st.gen++;
}

static void test_system(void)
{
	char key[64], dev[16];
	TAP_OK(system_chart_key("system/gpu.3.powerWatts", 23, key, sizeof key, dev, sizeof dev) &&
	       strcmp(key, "gpu/powerWatts") == 0 && strcmp(dev, "3") == 0, "system: gpu.3.powerWatts is gpu3 of gpu/powerWatts");
	TAP_OK(system_chart_key("system/gpu.process.3.gpu", 24, key, sizeof key, dev, sizeof dev) &&
	       strcmp(key, "gpu/process.gpu") == 0 && strcmp(dev, "3") == 0, "system: gpu.process.3.gpu is gpu3 of gpu/process.gpu");
	TAP_OK(system_chart_key("system/proc.memory.rssMB", 24, key, sizeof key, dev, sizeof dev) &&
	       strcmp(key, "process/memory.rssMB") == 0 && !*dev, "system: proc.memory.rssMB is process/memory.rssMB");
	TAP_OK(system_chart_key("system/cpu", 10, key, sizeof key, dev, sizeof dev) && strcmp(key, "cpu/cpu") == 0 && !*dev,
	       "system: system/cpu is cpu/cpu");
	TAP_OK(system_chart_key("sys/gpu12/util", 14, key, sizeof key, dev, sizeof dev) && strcmp(key, "gpu/util") == 0 &&
	       strcmp(dev, "12") == 0, "system: sys/gpu12/util is gpu12 of gpu/util");
	TAP_OK(!system_chart_key("systems/x", 9, key, sizeof key, dev, sizeof dev) &&
	       !system_chart_key("train/loss", 10, key, sizeof key, dev, sizeof dev), "system: other tags are not");
	struct vt t;
	vt_init(&t, 200, 80, true, 8, 1);
	add_system(&t, "run-a0", 40);
	TAP_OK(has(keys(&t, ""), "eval/accuracy") && !strstr(t.text, "system/") && !strstr(t.text, "gpu"),
	       "system: the grid shows the training tags only");
	keys(&t, "M");
	TAP_OK(has(t.text, "gpu/temp") && has(t.text, "gpu0") && has(t.text, "gpu1") && !strstr(t.text, "eval/"),
	       "system: M shows a chart a metric, a line a GPU, no training tag");
	TAP_OK(has(t.text, "gpu/util") && has(t.text, "memory/memory") && has(t.text, "x: relative"),
	       "system: sys/ tags too, on relative time");
	TAP_OK(has(t.text, "cpu/cpu_percent") && has(t.text, "cpu min-max of 20") && has(t.text, "\xe2\x96\x91"),
	       "system: 20 cores draw as one band");
	TAP_OK(!strstr(t.text, "best") && !strstr(t.text, " step "), "system: no best, no step axis");
	TAP_OK(has(keys(&t, "x"), "x: wall") && has(keys(&t, "x"), "x: relative"), "system: x skips step");
	TAP_OK(has(keys(&t, "<Esc>"), "eval/accuracy") && has(t.text, "x: step") && !strstr(t.text, "gpu/"),
	       "system: Esc goes back to the grid on steps");
	TAP_OK(has(keys(&t, "M"), "gpu/temp") && has(keys(&t, "M"), "eval/accuracy"), "system: M again goes back too");
	vt_free(&t);
	vt_init(&t, 100, 30, true, 8, 0);
	add_system(&t, "sys-only", 10);
	TAP_OK(has(keys(&t, ""), "no training metrics: M shows the system's"), "system: a run of machine metrics only says where they are");
	TAP_OK(has(keys(&t, "M"), "gpu/temp"), "system: and M shows them");
	vt_free(&t);
}

/* Y cycles the palettes: the run colours' count follows (mono: none, the
 * runs wear glyphs), the info line and the status line name it; a
 * terminal without colours keeps glyphs whatever the palette.
 * --hide-tags leaves tags (a whole group) out of the grid. */
static void test_palette_and_hide(void)
{
	struct vt t;
	vt_init(&t, 160, 30, true, 10, 3);
	TAP_OK(t.v.chart.palette == PAL_DEFAULT && t.v.ncolors == 10 && !strstr(keys(&t, ""), "palette"),
	       "palette: default, ten colours, not named on the status line");
	keys(&t, "Y");
	TAP_OK(t.v.chart.palette == PAL_OKABE_ITO && t.v.ncolors == 7 && has(t.text, "palette: okabe-ito") &&
	       has(t.text, "| palette okabe-ito"), "palette: Y to okabe-ito, seven colours, named");
	keys(&t, "Y");
	TAP_OK(t.v.chart.palette == PAL_HIGH_CONTRAST && has(t.text, "palette: high-contrast"), "palette: Y to high-contrast");
	keys(&t, "Y");
	TAP_OK(t.v.ncolors == 0 && has(t.text, "palette: mono") && has(t.text, "*run-a0") && has(t.text, "+run-b0"),
	       "palette: Y to mono: no colours, the legend's glyphs tell runs apart");
	keys(&t, "Y");
	TAP_OK(t.v.chart.palette == PAL_DEFAULT && t.v.ncolors == 10 && has(t.text, "palette: default"),
	       "palette: Y back to default");
	vt_free(&t);
	vt_init(&t, 160, 30, true, 6, 3);
	TAP_OK(t.v.depth == DEPTH_8 && t.v.ncolors == 6 && (keys(&t, "Y"), t.v.ncolors == 5),
	       "palette: 8 colours: default's six, okabe-ito's five");
	vt_free(&t);
	vt_init(&t, 160, 30, true, 0, 3);
	keys(&t, "Y");
	TAP_OK(t.v.ncolors == 0 && has(t.text, "no colours here"), "palette: no colours on the terminal: Y says so");
	vt_free(&t);
	vt_init(&t, 160, 40, true, 10, 3);
	t.o.hide_tags = "^EVAL/";
	view_free(&t.v);
	view_init(&t.v, &t.st, &t.d, &t.o, true, true, 10);
	TAP_OK(!strstr(keys(&t, ""), "eval/accuracy") && !strstr(t.text, "eval (") && has(t.text, "train/loss"),
	       "--hide-tags: the eval group is gone (case-insensitive), train stays");
	vt_free(&t);
}

static void log_add(struct vt *t, const char *name, const char *text, bool err)
{
	struct run *r = store_get_run(&t->st, name, strlen(name));
	struct sink_line l = { text, strlen(text), 1.7e9, SINK_LOG_RECORDS, err, false };
	runlog_add(r, &l);
	t->st.gen++;
}

/* The console pane (C), scripted: follows the tail, scrolls, searches, switches run. */
static void test_console(void)
{
	struct vt t;
	char line[64];
	vt_init(&t, 100, 20, true, 8, 2);
	for (int i = 1; i <= 40; i++) {
		snprintf(line, sizeof line, "step %d done\x1b[0m", i);
		log_add(&t, "run-a0", line, i == 40);
	}
	TAP_OK(has(keys(&t, "C"), "Console run-a0") && has(t.text, "step 40 done") && has(t.text, "of 40, following"),
	       "console: C shows the selected run's tail, following");
	TAP_OK(has(t.text, "! step 40 done") && !strstr(t.text, "\\x1b") && !strstr(t.text, "[0m"),
	       "console: stderr marked, escapes dropped");
	TAP_OK(has(keys(&t, "g"), "step 1 done") && !strstr(t.text, "following"), "console: g goes to the top and stops following");
	log_add(&t, "run-a0", "step 41 done", false);
	TAP_OK(!strstr(keys(&t, ""), "step 41 done") && has(t.text, "of 41"), "console: scrolled up, a new line does not move it");
	TAP_OK(has(keys(&t, "G"), "step 41 done") && has(t.text, "following"), "console: G follows again");
	TAP_OK(has(keys(&t, "/step 7 <Enter>"), "step 7 done") && !strstr(t.text, "step 41 done"),
	       "console: / finds a line and scrolls to it");
	TAP_OK(has(keys(&t, "n"), "step 7 done"), "console: n wraps to the only match");
	char wide[300];
	snprintf(wide, sizeof wide, "%0200d needle at 201", 0);
	log_add(&t, "run-a0", wide, false);
	TAP_OK(has(keys(&t, "/needle<Enter>"), "\xe2\x80\xa6") && has(t.text, "needle at 201"),
	       "console: a match past the pane's width: its line shifted to show it");
	TAP_OK(has(keys(&t, "x"), ":13:20 step 4"), "console: x shows each line's time");
	TAP_OK(has(keys(&t, "<Tab>j"), "Console run-b0") && has(t.text, "no console output for this run"),
	       "console: another run, its log (none here, said plainly)");
	TAP_OK(!strstr(keys(&t, "<Esc>"), "Console") && has(t.text, "eval/accuracy"), "console: Esc goes back to the grid");
	TAP_OK(has(keys(&t, "C"), "Console run-b0") && !strstr(keys(&t, "C"), "Console"), "console: C toggles it");
	vt_free(&t);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	test_selection();
	test_folding();
	test_filters();
	test_filter_expr();
	test_paging();
	test_zoom_and_axes();
	test_smoothing_and_cursor();
	test_overlays();
	test_overview();
	test_effects_and_sizes();
	test_memo();
	test_groups();
	test_system();
	test_palette_and_hide();
	test_console();
	return tap_done();
}
