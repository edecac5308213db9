/* test_console.c: console output. W&B's output records of a real run
 * (3lLobo__HPC, written by wandb 0.10: a record a write(), lines cut
 * anywhere) against its output.log, the one source a run shows, carriage
 * returns, torn lines, the log's bound, and the text as the pane shows it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "store_env.h"
#include "tailboard/source.h"
#include "tailboard/store.h"
#include "view_int.h"

#define RUN_DIR "wandb/3lLobo__HPC/wandb/run-20210205_163937-1u9ccxyn"

/* Feed bytes to a reader of kind for run name, in chunks of step bytes
 * (a writer's pace: records and lines torn anywhere). */
static struct run *feed(struct test_env *e, const char *name, enum source_kind kind, const char *data, size_t n,
			size_t step)
{
	struct source_stream s;
	struct source_run shared = { { 0 } };
	struct run *r = e->sink.sink.ops->run(&e->sink.sink, name, strlen(name));
	if (stream_open(&s, &e->env, kind, "test", false, r, &shared) != TB_OK)
		return NULL;
	for (size_t at = 0; at < n; at += step) {
		size_t k = TB_MIN(step, n - at);
		if (stream_feed(&s, &e->env, (const uint8_t *)data + at, k, at + k == n) != TB_OK)
			break;
	}
	stream_close(&s);
	source_run_free(&shared);
	return r;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static const char *line(const struct run *r, size_t i)
{
	const struct log_line *l = r && r->log ? runlog_at(r->log, r->log->first + i) : NULL;
	return l ? l->text : "(none)";
}

static void realdata(const char *root)
{
	char path[4096];
	size_t nw = 0, no = 0;
	snprintf(path, sizeof path, "%.3000s/" RUN_DIR "/run-1u9ccxyn.wandb", root);
	char *wb = slurp(path, &nw);
	snprintf(path, sizeof path, "%.3000s/" RUN_DIR "/files/output.log", root);
	char *out = slurp(path, &no);
	if (!wb || !out) {
		printf("# SKIP the 3lLobo__HPC run is not in realdata\n");
		free(wb);
		free(out);
		return;
	}
	struct test_env e;
	test_env_init(&e);
	struct run *r = feed(&e, "records", SRC_WANDB, wb, nw, 333);
	TAP_OK(r && r->log, "the output records make a console log");
	TAP_EQ_INT(r->log ? r->log->n : 0, 22, "22 lines, as output.log has");
	TAP_EQ_STR(line(r, 0), "x_train shape: (50000, 32, 32, 3)", "first line joined from four records");
	TAP_OK(r->log && !runlog_at(r->log, 0)->err, "... on stdout");
	TAP_EQ_STR(line(r, 3), "2021-02-05 16:39:43.485922: I tensorflow/compiler/jit/xla_cpu_device.cc:41] "
		   "Not creating XLA devices, tf_xla_enable_xla_devices not set", "line 4, TensorFlow's");
	TAP_OK(r->log && runlog_at(r->log, 3)->err, "... on stderr");
	TAP_EQ_STR(line(r, 21), "wandb.errors.error.Error: wandb.watch only works with pytorch, couldn't import torch.",
		   "the last line");
	TAP_OK(r->log && runlog_at(r->log, 21)->wall > 1612539580 && runlog_at(r->log, 21)->wall < 1612539600,
	       "its time, from the record (16:39:47 CET)");
	TAP_EQ_INT(r->log ? r->log->origin : 0, SINK_LOG_RECORDS, "from the records");

	struct run *o = feed(&e, "file", SRC_WANDB_OUTPUT, out, no, 100);
	TAP_EQ_INT(o->log ? o->log->n : 0, 22, "output.log: 22 lines");
	bool same = o->log && r->log && o->log->n == r->log->n;
	for (size_t i = 0; same && i < o->log->n; i++)
		same = strcmp(line(o, i), line(r, i)) == 0;
	TAP_OK(same, "output.log's lines are the records' lines, one for one");

	/* both sources for one run, output.log first: the records replace it */
	struct run *b = feed(&e, "both", SRC_WANDB_OUTPUT, out, no, 4096);
	feed(&e, "both", SRC_WANDB, wb, nw, 4096);
	feed(&e, "both", SRC_WANDB_OUTPUT, "a later output.log line\n", 24, 24);
	TAP_EQ_INT(b->log->n, 22, "both sources: each line once");
	TAP_EQ_INT(b->log->origin, SINK_LOG_RECORDS, "both sources: the records' (they know stderr and time)");
	test_env_free(&e);
	free(wb);
	free(out);
}

static void carriage_returns(void)
{
	struct test_env e;
	test_env_init(&e);
	const char *text = "epoch 1\r\nbar  10%\rbar  50%\rbar 100%\nhalf";
	struct run *r = feed(&e, "cr", SRC_WANDB_OUTPUT, text, strlen(text), 3);
	TAP_EQ_INT(r->log->n, 2, "\\r\\n ends a line; a torn last line waits");
	TAP_EQ_STR(line(r, 0), "epoch 1", "\\r\\n: no \\r kept");
	TAP_EQ_STR(line(r, 1), "bar 100%", "a progress bar redrawn with \\r: its last state");
	const char *bar = "x\nbar 10%\rbar 20%\r";
	r = feed(&e, "bar", SRC_WANDB_OUTPUT, bar, strlen(bar), 5);
	TAP_OK(r->log->n == 2 && strcmp(line(r, 1), "bar 20%") == 0 && runlog_at(r->log, 1)->open,
	       "a bar still being drawn: its state so far, open");
	test_env_free(&e);
}

static void bounded(void)
{
	struct run r;
	memset(&r, 0, sizeof r);
	char buf[64];
	for (int i = 0; i < RUNLOG_LINES + 5; i++) {
		int n = snprintf(buf, sizeof buf, "line %d", i);
		struct sink_line l = { buf, (size_t)n, 0, SINK_LOG_FILE, false, false };
		runlog_add(&r, &l);
	}
	TAP_EQ_INT(r.log->n, RUNLOG_LINES, "the log keeps its last RUNLOG_LINES lines");
	TAP_EQ_INT(r.log->first, 5, "and counts the ones dropped");
	TAP_EQ_STR(runlog_at(r.log, 5)->text, "line 5", "the oldest kept, by its number");
	TAP_OK(runlog_at(r.log, 4) == NULL, "a dropped line is gone");
	/* an open line (a bar so far) is replaced by its stream's next, not the other's */
	struct sink_line open = { "bar 10%", 7, 0, SINK_LOG_RECORDS, false, true };
	runlog_add(&r, &open);
	TAP_EQ_INT(r.log->n, 1, "a higher source empties the log");
	struct sink_line err = { "warning", 7, 0, SINK_LOG_RECORDS, true, false };
	runlog_add(&r, &err);
	struct sink_line done = { "bar 100%", 8, 0, SINK_LOG_RECORDS, false, false };
	runlog_add(&r, &done);
	TAP_EQ_INT(r.log->n, 3, "stderr between: the open stdout line stays");
	open.text = "x";
	open.len = 1;
	runlog_add(&r, &open);
	runlog_add(&r, &done);
	TAP_EQ_INT(r.log->n, 4, "an open line and its end: one line");
	TAP_EQ_STR(runlog_at(r.log, r.log->first + 3)->text, "bar 100%", "the end replaced it");
	runlog_free(r.log);
}

static void shown_text(void)
{
	char out[512];
	const char *raw = "a\x1b]0;title\a\x1b[2J\x1b[31mred\x1b[0m\tb\x07 \x1b" "P1;2q\x1b\\end";
	console_text(raw, strlen(raw), false, out, sizeof out);
	TAP_EQ_STR(out, "ared    b\\x07 end", "escape sequences dropped, a tab expanded, BEL made visible");
	TAP_OK(!strchr(out, 27), "no ESC reaches the screen");
	console_text("caf\xc3\xa9", 5, true, out, sizeof out);
	TAP_EQ_STR(out, "caf?", "ASCII terminals: '?' for what they cannot show");
}

int main(void)
{
	const char *root = getenv("TB_REALDATA");
	char guess[4096];
	if (!root || !*root) {
		const char *src = getenv("TB_SRCDIR");
		snprintf(guess, sizeof guess, "%s/../shared/realdata", src ? src : ".");
		root = guess;
	}
	realdata(root);
	carriage_returns();
	bounded();
	shown_text();
	return tap_done();
}
