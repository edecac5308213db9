/* test_core.c: the core's parts on their own: the sanitiser, best
 * directions, the store's point columns and its sink. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../tap.h"
#include "tailboard/run_subject.h"
#include "tailboard/sanitize.h"
#include "tailboard/store.h"

/* an append the test expects to succeed, counted when it does not */
static int append_fails;
#define CHECK_APPEND(s, step, wall, v) (append_fails += series_append((s), (step), (wall), (v)) != TB_OK)

static void test_sanitize(void)
{
	char out[256];
	sanitize_str("a\x1b]52;c;ZZ\x07z", 12, out, sizeof(out), false);
	TAP_EQ_STR(out, "a\\x1b]52;c;ZZ\\x07z", "OSC 52 made visible");
	sanitize_str("\xe2\x80\xae" "evil", 7, out, sizeof(out), false);
	TAP_EQ_STR(out, "\xef\xbf\xbd" "evil", "bidi override replaced");
	sanitize_str("\xc2\x9b" "31m", 5, out, sizeof(out), false);
	TAP_EQ_STR(out, "\\x9b31m", "C1 CSI made visible");
	sanitize_str("\xff\xfe", 2, out, sizeof(out), true);
	TAP_EQ_STR(out, "??", "invalid UTF-8 in ASCII mode");
	sanitize_str("caf\xc3\xa9", 5, out, sizeof(out), false);
	TAP_EQ_STR(out, "caf\xc3\xa9", "valid UTF-8 kept");
	sanitize_str("\xc0\xaf", 2, out, sizeof(out), false);
	TAP_EQ_STR(out, "\xef\xbf\xbd\xef\xbf\xbd", "overlong encoding rejected");
	size_t k = sanitize_str("abcdef", 6, out, 4, false);
	TAP_OK(k == 3 && strcmp(out, "abc") == 0, "output bounded by its capacity");
}

static void test_best(void)
{
	struct store st;
	char err[128];
	store_init(&st);
	TAP_EQ_INT(store_best_dir(&st, "eval/loss", 9), BEST_MIN, "loss is min-best");
	TAP_EQ_INT(store_best_dir(&st, "epoch_accuracy", 14), BEST_MAX, "accuracy is max-best");
	TAP_EQ_INT(store_best_dir(&st, "eval/rouge1", 11), BEST_MAX, "rouge1 is max-best");
	TAP_EQ_INT(store_best_dir(&st, "eval_wer", 8), BEST_MIN, "wer is min-best");
	TAP_EQ_INT(store_best_dir(&st, "train_elbo", 10), BEST_MAX, "elbo is max-best");
	TAP_EQ_INT(store_best_dir(&st, "val_ExpRate", 11), BEST_MAX, "ExpRate is max-best");
	TAP_EQ_INT(store_best_dir(&st, "neg_elbo", 8), BEST_MIN, "neg_elbo is min-best");
	TAP_EQ_INT(store_best_dir(&st, "my_value_1", 10), BEST_MIN, "a tag no word names: min, the default");
	TAP_OK(!store_best_dir_known(&st, "my_value_1", 10), "... which is only a guess");
	TAP_OK(store_best_dir_known(&st, "eval/loss", 9) && store_best_dir_known(&st, "train_elbo", 10) &&
	       store_best_dir_known(&st, "train/learning_rate", 19), "loss, elbo and a learning rate are known");
	TAP_OK(store_add_best_rule(&st, "wer$=max", err, sizeof(err)) == TB_OK, "--best rule accepted");
	TAP_EQ_INT(store_best_dir(&st, "eval_wer", 8), BEST_MAX, "--best overrides");
	TAP_OK(store_add_best_rule(&st, "^my_=max", err, sizeof(err)) == TB_OK, "--best rule for a guessed tag");
	TAP_OK(store_best_dir_known(&st, "my_value_1", 10), "a rule makes a direction known");
	TAP_EQ_INT(store_add_best_rule(&st, "x=up", err, sizeof(err)), TB_ERR, "bad direction refused");
	store_free(&st);
}

/* The step column: absent while steps are regular, then int32, then int64;
 * every step reads back the same through each change. */
static void test_step_columns(void)
{
	struct store st;
	store_init(&st);
	struct run *r = store_get_run(&st, "r", 1);
	struct series *s = run_get_series(&st, r, "loss", 4);
	for (int i = 0; i < 100; i++)
		CHECK_APPEND(s, 1000 + 10 * i, 1.7e9 + i, i);
	TAP_OK(!s->step32 && !s->step64, "regular steps store no step column");
	bool same = true;
	for (int i = 0; i < 100; i++)
		same &= series_step(s, (size_t)i) == 1000 + 10 * i;
	TAP_OK(same, "regular steps read back");
	CHECK_APPEND(s, 2005, 1.7e9 + 100, 100);
	TAP_OK(s->step32 && !s->step64, "an irregular step brings in int32 offsets");
	same = series_step(s, 100) == 2005;
	for (int i = 0; i < 100; i++)
		same &= series_step(s, (size_t)i) == 1000 + 10 * i;
	TAP_OK(same, "every step reads back after the change");
	CHECK_APPEND(s, (int64_t)1 << 40, 1.7e9 + 101, 101);
	TAP_OK(s->step64 && series_step(s, 101) == (int64_t)1 << 40 && series_step(s, 100) == 2005 &&
	       series_step(s, 0) == 1000, "a step past int32 widens to int64, earlier steps kept");
	/* a purge that removes the first point rewrites the series in place */
	struct series *u = run_get_series(&st, r, "acc", 3);
	CHECK_APPEND(u, 5, 1, 0.5);
	CHECK_APPEND(u, 1, 2, 0.6);
	CHECK_APPEND(u, 2, 3, 0.7);
	TAP_OK(series_purge(u, 3) == TB_OK, "purge rewrites in place");
	TAP_OK(u->n == 2 && series_step(u, 0) == 1 && series_step(u, 1) == 2 && series_value(u, 1) == 0.7,
	       "purging the first point keeps the rest right");
	/* walls: float offsets while exact, doubles after */
	struct series *w = run_get_series(&st, r, "lr", 2);
	CHECK_APPEND(w, 0, 1700000000.0, 1);
	CHECK_APPEND(w, 1, 1700000000.5, 1);
	TAP_OK(w->wall32 && !w->wall64, "half-second wall times stay float offsets");
	CHECK_APPEND(w, 2, 1700001000.000001, 1);
	TAP_OK(w->wall64 && series_wall(w, 2) == 1700001000.000001 && series_wall(w, 1) == 1700000000.5,
	       "a microsecond wall time widens the column, exactly");
	store_free(&st);
}

/* float32 appends take the inline fast path while they can; whatever
 * path each point took, the columns and stats must read as if appended
 * one by one through the general path. */
static void test_f32_appends(void)
{
	struct store st, ref;
	store_init(&st);
	store_init(&ref);
	struct run *r = store_get_run(&st, "r", 1), *q = store_get_run(&ref, "r", 1);
	struct series *s = run_get_series(&st, r, "eval/accuracy", 13);
	struct series *t = run_get_series(&ref, q, "eval/accuracy", 13);
	bool same = true;
	for (int i = 0; i < 300; i++) {
		/* regular, then a gap, a step back, a microsecond clock, a NaN */
		int64_t step = i < 100 ? 5 * i : i < 200 ? 1000 + 7 * i : i == 250 ? 3 : 4000 + i;
		double wall = i < 150 ? 1.7e9 + 0.5 * i : 1.7e9 + 0.5 * i + 1e-6;
		float v = i == 120 ? NAN : (float)(i % 37) / 8.0f;
		same &= series_append_f32(s, step, wall, v) == TB_OK;
		same &= series_append(t, step, wall, v) == TB_OK;
	}
	for (size_t i = 0; i < 300; i++)
		same &= series_step(s, i) == series_step(t, i) && series_wall(s, i) == series_wall(t, i) &&
			(series_value(s, i) == series_value(t, i) || (isnan(series_value(s, i)) && isnan(series_value(t, i))));
	TAP_OK(same && s->n == 300, "float32 appends read back like general ones");
	TAP_OK(s->min == t->min && s->max == t->max && s->best == t->best && s->nfinite == t->nfinite &&
	       s->sorted == t->sorted && !s->sorted && s->single, "and keep the same stats, still float32");
	TAP_OK(r->npoints == 300 && store_npoints(&st) == 300, "run and store count every point");
	store_free(&st);
	store_free(&ref);
}

/* The store's sink: points in batches, purges by tag and for the whole
 * run, facts, a fork for a loader thread that leaves the store's change
 * counter alone until the join. */
static void test_store_sink(void)
{
	struct store st;
	struct diag d;
	struct store_sink k;
	store_init(&st);
	diag_init(&d);
	d.to_stderr = false;
	store_sink_init(&k, &st, &d);
	struct sink *s = &k.sink;
	void *run = s->ops->run(s, "r", 1);
	void *a = s->ops->series(s, run, "a", 1), *b = s->ops->series(s, run, "b", 1);
	struct sink_point pts[] = {
		{ a, 1, 10, 0.5, true }, { b, 1, 10, 2, false }, { a, 2, 11, 0.25, true }, { b, 2, 11, 3, false },
	};
	uint64_t gen = st.gen;
	TAP_OK(s->ops->append(s, pts, 4) == TB_OK && st.gen > gen, "a batch appends and bumps the store's counter");
	struct series *sa = a, *sb = b;
	TAP_OK(sa->n == 2 && sb->n == 2 && sa->single && !sb->single, "points land in their series, float32 kept");
	s->ops->purge(s, run, "a", 1, 2);
	TAP_OK(sa->n == 1 && sb->n == 2, "a purge by tag drops that tag's later points");
	s->ops->purge(s, run, "zz", 2, 0);
	TAP_EQ_INT(((struct run *)run)->nseries, 2, "purging a tag the run never had creates nothing");
	s->ops->fact(s, run, SINK_HPARAM, "lr", "0.1");
	s->ops->fact(s, run, SINK_LABEL, NULL, "nice name");
	s->ops->fact(s, run, SINK_STALE, NULL, "stale");
	struct run *r = run;
	TAP_OK(r->nhparams == 1 && strcmp(r->hparams[0].value, "0.1") == 0 && strcmp(r->label, "nice name") == 0 &&
	       r->stale, "facts: hyperparameter, label, stale");
	struct sink *child = s->ops->fork(s, &d);
	gen = st.gen;
	struct sink_point more = { b, 3, 12, 4, false };
	TAP_OK(child->ops->append(child, &more, 1) == TB_OK && st.gen == gen && sb->n == 3,
	       "a fork fills the run and leaves the store's counter alone");
	s->ops->join(s, child);
	TAP_OK(st.gen > gen, "the join tells the store");
	s->ops->reset(s, run);
	TAP_OK(r->npoints == 0 && store_npoints(&st) == 0, "a reset empties the run");
	store_free(&st);
	diag_free(&d);
}

/* A run as --filter sees it: name (label first), run, state, format,
 * points, hyperparameters (typed when compared), facts, has:TAG. */
static bool filters(const char *expr, const struct run *r)
{
	struct filter *f = NULL;
	char err[200];
	if (filter_compile(expr, &f, err, sizeof err, NULL) != TB_OK) {
		printf("# %s\n", err);
		return false;
	}
	bool m = run_matches(f, r);
	filter_free(f);
	return m;
}

static void test_run_subject(void)
{
	struct store st;
	store_init(&st);
	struct run *a = store_get_run(&st, "sweep/lr3", 9), *b = store_get_run(&st, "sweep/lr4", 9);
	struct series *s = run_get_series(&st, a, "eval/f1", 7);
	append_fails += series_append(s, 1, 1.7e9, 0.5) != TB_OK;
	append_fails += series_append(s, 2, 1.7e9, 0.6) != TB_OK;
	run_set_kv(&a->hparams, &a->nhparams, "lr", "0.001");
	run_set_kv(&a->hparams, &a->nhparams, "name", "from-config");
	run_set_kv(&b->hparams, &b->nhparams, "lr", "1e-4");
	run_set_kv(&b->info, &b->ninfo, "wandb project", "demo");
	run_set_label(b, "Second try");
	a->format = "tfevents";
	b->stale = true;
	TAP_OK(filters("lr>=1e-3", a) && !filters("lr>=1e-3", b), "filter: a hyperparameter given as text compares as a number");
	TAP_OK(filters("name~lr3", a) && filters("name=='Second try'", b) && filters("run~lr4", b),
	       "filter: name is the label when there is one, run the path");
	TAP_OK(filters("config:name==from-config", a) && !filters("name==from-config", a),
	       "filter: config:KEY reaches a hyperparameter the built-in keys hide");
	TAP_OK(filters("state=stale", b) && filters("state=idle", a) && filters("not state=stale", a),
	       "filter: state is stale, finished, running or idle");
	struct run *c = store_get_run(&st, "sweep/lr5", 9);
	append_fails += series_append(run_get_series(&st, c, "eval/f1", 7), 1, (double)time(NULL) - 5, 0.5) != TB_OK;
	TAP_OK(filters("state=running", c) && strcmp(run_state_name(a, 1.7e9 + RUN_IDLE_SECS - 1), "running") == 0 &&
	       strcmp(run_state_name(a, 1.7e9 + RUN_IDLE_SECS), "idle") == 0,
	       "filter: running while it wrote in the last 10 minutes, then idle");
	TAP_OK(filters("has:eval/f1 and points==2 and format=tfevents", a) && !filters("has:eval/f1", b),
	       "filter: has:TAG, points and format");
	TAP_OK(filters("'wandb project'==demo", b), "filter: a run's facts, after its hyperparameters");
	TAP_OK(!filters("batch_size==32", a) && !filters("batch_size!=32", a), "filter: a missing key compares false");
	store_free(&st);
}

int main(void)
{
	test_sanitize();
	test_best();
	test_step_columns();
	test_f32_appends();
	test_store_sink();
	test_run_subject();
	TAP_EQ_INT(append_fails, 0, "every append the tests made succeeded");
	return tap_done();
}
