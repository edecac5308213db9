/* test_table.c: the tables without a terminal: the runs table (R): the
 * columns it picks, sorting, hiding and pinning, the way back to the
 * charts; the data table (d) at the cursor and over a marked range; runs
 * named by the hyperparameters that differ (H). */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "../tap.h"
#include "vt.h"

/* The order in which the names appear in the frame: "abc" for run-a0,
 * run-b0, run-c0 top to bottom. */
static const char *order(struct vt *t)
{
	static char out[8];
	const char *names[] = { "] run-a0", "] run-b0", "] run-c0" };
	int rows[3];
	for (int i = 0; i < 3; i++)
		rows[i] = row_of(t, names[i]);
	int n = 0;
	for (int y = 0; y < t->H && n < 3; y++)
		for (int i = 0; i < 3; i++)
			if (rows[i] == y)
				out[n++] = (char)('a' + i);
	out[n] = 0;
	return out;
}

/* The first run's cursor readout: "@STEP smoothed S raw R". */
static void readout(const char *text, char *out, size_t cap)
{
	const char *sm = strstr(text, " smoothed "), *at = sm;
	while (at && at > text && *at != '@')
		at--;
	const char *end = sm ? strstr(sm, "  ") : NULL;
	if (at && end)
		snprintf(out, cap, "%.*s", (int)(end - at), at);
}

static void hparams(struct vt *t)
{
	const char *lr[] = { "0.001", "3e-4", "1e-4" };
	for (int i = 0; i < 3; i++) {
		struct run *r = t->st.runs[i];
		run_set_kv(&r->hparams, &r->nhparams, "lr", lr[i]);
		run_set_kv(&r->hparams, &r->nhparams, "seed", "42");
		run_set_kv(&r->hparams, &r->nhparams, "optimizer", i == 1 ? "sgd" : "adam");
	}
	t->st.gen++;
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	struct vt t;
	vt_init(&t, 120, 30, true, 8, 3);
	hparams(&t);
	keys(&t, "R");
	TAP_OK(has(t.text, "Runs table: 3 runs") && has(t.text, "same in every run: seed=42"),
	       "R: the runs table; the hyperparameters every run shares on one line");
	TAP_OK(has(t.text, " lr ") && has(t.text, "optimizer") && !strstr(t.text, " seed "),
	       "columns: the hyperparameters that differ");
	TAP_OK(has(t.text, "eval/accuracy") && has(t.text, "last") && has(t.text, "best") && has(t.text, "@step") &&
	       has(t.text, "points"), "columns: last, best and its step of the selected chart's tag, then points");
	TAP_OK(has(t.text, "0.001") && has(t.text, "0.0003") && has(t.text, "0.0001") && has(t.text, "0.6861"),
	       "cells: numbers in their shortest form (3e-4 is 0.0003), best values");
	TAP_EQ_STR(order(&t), "abc", "rows: in the run list's order until sorted");
	keys(&t, "llS");
	TAP_OK(has(t.text, "by lr"), "S sorts by the highlighted column (h/l move it), and the title says so");
	TAP_EQ_STR(order(&t), "cba", "sorted by lr, ascending: 1e-4, 3e-4, 0.001 as numbers");
	keys(&t, "S");
	TAP_EQ_STR(order(&t), "abc", "S again: descending");
	keys(&t, "G");
	TAP_OK(selected_row(&t, "run-c0"), "G: the last row of the table");
	keys(&t, " ");
	TAP_OK(has(t.text, "[ ] run-c0"), "Space hides the selected run, for the charts too");
	keys(&t, "R");
	TAP_OK(has(t.text, "Runs (3)") && has(t.text, "[ ] run-c0") && !strstr(t.text, "Runs table"),
	       "R again: back to the charts, the run still hidden");
	keys(&t, "<Tab>jp");
	TAP_OK(has(t.text, "pinned to the runs table"), "p pins the selected chart's tag");
	keys(&t, "kR");
	TAP_OK(has(t.text, "eval/loss") && has(t.text, "eval/accuracy"), "a pinned tag has its columns beside the selected one");
	keys(&t, "<Esc>");
	TAP_OK(!strstr(t.text, "Runs table"), "Esc leaves the table");
	keys(&t, "Fnot optimizer=sgd<Enter>R");
	TAP_OK(has(t.text, "Runs table: 2 runs") && !strstr(t.text, "run-b0"), "F filters the table's rows");
	TAP_OK(has(t.text, "same in every run: optimizer=adam"), "and what the listed runs share follows the filter");
	vt_free(&t);
	/* the data table: the fixture's eval/accuracy is s (1 - exp(-4 i/50)) at step 10 i */
	vt_init(&t, 140, 30, true, 8, 3);
	keys(&t, "d");
	TAP_OK(has(t.text, "Data at the last point: eval/accuracy") && has(t.text, "smoothed") && has(t.text, "mean"),
	       "d without a cursor: every shown run at its last point");
	TAP_OK(has(t.text, "run-a0   490  0.4901"), "the selected run first, its step and value");
	const char *b = strstr(t.text, "run-b0"), *c = strstr(t.text, "run-c0");
	TAP_OK(b && c && c < b, "then by value, the best first (accuracy: higher)");
	keys(&t, "q");
	keys(&t, "<Tab>llllv");
	TAP_OK(has(t.text, "marked"), "v marks the cursor's x");
	keys(&t, "lllld");
	TAP_OK(has(t.text, "Data over the range") && has(t.text, "change") && has(t.text, "%"),
	       "d with a mark: first, last, change and %% over the range");
	vt_free(&t);
	/* smoothing covers every point before the chart is fitted: the cursor's
	 * smoothed value is the same zoomed in and at another width */
	vt_init(&t, 140, 30, true, 8, 3);
	keys(&t, "<Tab>llllllll");
	char before[64] = "", zoomed[64] = "", narrow[64] = "";
	readout(t.text, before, sizeof before);
	keys(&t, "++");
	readout(t.text, zoomed, sizeof zoomed);
	t.W = 90;
	keys(&t, "");
	readout(t.text, narrow, sizeof narrow);
	TAP_OK(before[0] && strcmp(before, zoomed) == 0 && strcmp(before, narrow) == 0,
	       "the cursor's smoothed value is the same at two zoom levels and two widths (%s | %s | %s)", before, zoomed,
	       narrow);
	vt_free(&t);
	/* H: names by what differs */
	vt_init(&t, 140, 30, true, 8, 3);
	hparams(&t);
	run_set_kv(&t.st.runs[0]->hparams, &t.st.runs[0]->nhparams, "model.num_layers", "12");
	run_set_kv(&t.st.runs[1]->hparams, &t.st.runs[1]->nhparams, "model.num_layers", "24");
	run_set_kv(&t.st.runs[2]->hparams, &t.st.runs[2]->nhparams, "model.num_layers", "24");
	keys(&t, "H");
	TAP_OK(has(t.text, "] lr=0.001 nl=12 adam") && has(t.text, "] lr=0.0003 nl=24 sgd") &&
	       has(t.text, "] lr=0.0001 nl=24 adam"),
	       "H: runs named by the values that differ (numbers keyed, nested keys by their initials, text alone)");
	TAP_OK(!strstr(t.text, "seed=") && !strstr(t.text, "] run-a0"), "what every run shares is left out");
	TAP_OK(has(t.text, "lr=0.001 nl=12 adam 0.") || has(t.text, "lr=0.001 nl=12 adam  best"),
	       "the legends and titles name runs the same way");
	vt_free(&t);
	vt_init(&t, 140, 30, true, 8, 3);
	hparams(&t);
	run_set_kv(&t.st.runs[2]->hparams, &t.st.runs[2]->nhparams, "lr", "3e-4");
	run_set_kv(&t.st.runs[2]->hparams, &t.st.runs[2]->nhparams, "optimizer", "sgd");
	t.st.gen++;
	keys(&t, "H");
	TAP_OK(has(t.text, "] lr=0.0003 ") && has(t.text, "\xe2\x80\xa6 (run-b0)") && has(t.text, "\xe2\x80\xa6 (run-c0)"),
	       "two runs alike get their short id");
	run_set_kv(&t.st.runs[2]->hparams, &t.st.runs[2]->nhparams, "warmup", "100");
	t.st.gen++;
	keys(&t, "");
	TAP_OK(has(t.text, "] lr=0.0003 sgd   ") && has(t.text, "warmup=100") && !strstr(t.text, "(run-"),
	       "a hyperparameter that comes later renames: the key one run gains names it apart");
	keys(&t, "H");
	TAP_OK(has(t.text, "] run-a0") && !strstr(t.text, "lr=0.001 nl=12"), "H again: names by path");
	vt_free(&t);
	/* a label longer than the list: whole words first and last, not cut inside */
	vt_init(&t, 120, 30, true, 8, 3);
	hparams(&t);
	for (int i = 0; i < 3; i++)
		run_set_kv(&t.st.runs[i]->hparams, &t.st.runs[i]->nhparams, "scheduler",
			   i ? "cosine_with_restarts" : "linear_with_warmup");
	t.st.gen++;
	keys(&t, "H))))");       /* ( ) narrow and widen the list */
	TAP_OK(has(t.text, "] lr=0.0003 \xe2\x80\xa6 cosine_with_restarts") && has(t.text, "] lr=0.001 adam linear_with_warmup"),
	       "H: a long name keeps its first and last words whole, the dots between");
	vt_free(&t);
	vt_init(&t, 40, 10, false, 0, 3);
	hparams(&t);
	for (int i = 0; i < 3; i++) {
		run_set_kv(&t.st.runs[i]->hparams, &t.st.runs[i]->nhparams, "batch", "32");
		run_set_kv(&t.st.runs[i]->hparams, &t.st.runs[i]->nhparams, "dropout", "0.1");
	}
	t.st.gen++;
	keys(&t, "Rllll");
	TAP_OK(has(t.text, "Runs table") && has(t.text, "run-a0"), "at 40x10 the table keeps the name column");
	TAP_OK(has(t.text, "same in every run: batch=32 ~ +2 more"),
	       "what every run shares: whole items while they fit, then how many more");
	vt_free(&t);
	return tap_done();
}
