/* test_health_mon.c: the health monitor over a store filled through its
 * sink, as the readers fill it: points fed once whatever the slices, a
 * series purged or re-read fed again without firing twice, directions
 * from the store (a guessed one watched for NaN only), writes and stalls
 * on a simulated clock only once live, the format's finish, the alert
 * list, unseen counts and run marks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/health_mon.h"

struct world {
	struct store st;
	struct store_sink sink;
	struct diag diag;
	struct health_rules rules;
	struct health_mon mon;
};

static void world_init(struct world *w)
{
	diag_init(&w->diag);
	w->diag.to_stderr = false;
	store_init(&w->st);
	store_sink_init(&w->sink, &w->st, &w->diag);
	health_rules_init(&w->rules);
	health_mon_init(&w->mon, &w->st, &w->rules);
}

static void world_free(struct world *w)
{
	health_mon_free(&w->mon);
	health_rules_free(&w->rules);
	store_free(&w->st);
	diag_free(&w->diag);
}

static void *series_of(struct world *w, const char *run, const char *tag)
{
	struct sink *k = &w->sink.sink;
	void *r = k->ops->run(k, run, strlen(run));
	return k->ops->series(k, r, tag, strlen(tag));
}

/* Points [from, to) of a gently falling curve with a little noise; the
 * value at step bad is v (NaN, a spike...) when bad >= 0. */
static void append(struct world *w, const char *run, const char *tag, int from, int to, int bad, double v)
{
	struct sink *k = &w->sink.sink;
	void *s = series_of(w, run, tag);
	for (int i = from; i < to; i++) {
		double x = 1.0 / (1 + 0.01 * i) + 0.01 * sin(i * 1.3);
		struct sink_point p = { s, i, 1.7e9 + i, i == bad ? v : x, false };
		if (k->ops->append(k, &p, 1) != TB_OK)
			printf("# append failed\n");
	}
}

static size_t count_kind(const struct health_mon *m, enum health_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < health_mon_count(m); i++)
		n += health_mon_alert(m, i)->ev.kind == kind;
	return n;
}

static void test_feed(void)
{
	struct world w;
	world_init(&w);
	health_mon_update(&w.mon, 1, false);
	TAP_EQ_INT(health_mon_count(&w.mon), 0, "an empty store: no alerts");
	append(&w, "a", "train/loss", 0, 100, 60, NAN);
	health_mon_update(&w.mon, 2, false);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_NAN), 1, "a NaN at step 60: one alert");
	const struct health_alert *a = health_mon_alert(&w.mon, 0);
	TAP_OK(a && a->ev.step == 60 && a->run == store_find_run(&w.st, "a", 1) && a->series &&
	       strcmp(a->series->tag, "train/loss") == 0, "... naming its run, series and step");
	TAP_EQ_INT(w.mon.fed, 100, "every point fed once");
	append(&w, "a", "train/loss", 100, 150, 120, INFINITY);
	health_mon_update(&w.mon, 3, false);
	TAP_EQ_INT(w.mon.fed, 150, "only the new points fed next time");
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_NAN), 1, "a second non-finite point: no second alert");
	TAP_EQ_INT(health_mon_nonfinite(&w.mon, health_mon_alert(&w.mon, 0)), 2, "... but the count moves");
	TAP_EQ_INT(health_mon_run_mark(&w.mon, store_find_run(&w.st, "a", 1)), HEALTH_MARK_NAN, "the run is marked NaN");
	health_mon_update(&w.mon, 4, false);
	TAP_EQ_INT(w.mon.fed, 150, "nothing new: nothing fed");

	/* a purge (restart rule) removes points: the series is fed again from
	 * its start, and the NaN it still holds is not raised twice */
	struct sink *k = &w.sink.sink;
	k->ops->purge(k, store_find_run(&w.st, "a", 1), NULL, 0, 80);
	health_mon_update(&w.mon, 5, false);
	TAP_EQ_INT(w.mon.fed, 230, "a purge: the 80 points kept are fed again");
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_NAN), 1, "... and the NaN before it fires no second time");
	append(&w, "a", "train/loss", 80, 200, -1, 0);
	health_mon_update(&w.mon, 6, false);
	TAP_EQ_INT(health_mon_count(&w.mon), 1, "the points after the purge, healthy: nothing new");
	world_free(&w);
}

static void test_spike_and_dirs(void)
{
	struct world w;
	world_init(&w);
	/* slices of 7 points, as a loader would hand them */
	for (int i = 0; i < 400; i += 7) {
		append(&w, "r", "eval/loss", i, TB_MIN(i + 7, 400), 300, 50);
		append(&w, "r", "my_value", i, TB_MIN(i + 7, 400), 300, 50);
		append(&w, "r", "train/learning_rate", i, TB_MIN(i + 7, 400), 300, 50);
		health_mon_update(&w.mon, 1 + i, false);
	}
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_SPIKE), 1, "one spike: on the loss, not on a guessed or a neutral tag");
	const struct health_alert *a = health_mon_alert(&w.mon, 0);
	TAP_OK(a && a->ev.kind == HEALTH_SPIKE && a->ev.step == 300 && strcmp(a->series->tag, "eval/loss") == 0,
	       "... at step 300 of eval/loss");
	TAP_EQ_INT(health_dir_of(&w.st, "my_value", 8), HEALTH_DIR_NONE, "a tag no word names: no direction");
	TAP_EQ_INT(health_dir_of(&w.st, "train_elbo", 10), HEALTH_DIR_MAX, "elbo: higher is better");
	TAP_EQ_INT(health_mon_run_mark(&w.mon, store_find_run(&w.st, "r", 1)), HEALTH_MARK_WARNING, "a spike marks a warning");
	TAP_EQ_INT(health_mon_run_kinds(&w.mon, store_find_run(&w.st, "r", 1)), 1u << HEALTH_SPIKE, "... of kind spike");
	TAP_EQ_INT(health_mon_unseen(&w.mon), 1, "one unseen alert");
	health_mon_seen(&w.mon);
	TAP_EQ_INT(health_mon_unseen(&w.mon), 0, "seen: none unseen, still listed");
	TAP_EQ_INT(health_mon_count(&w.mon), 1, "... the list keeps it");
	/* a rule for the guessed tag, given later */
	char err[256];
	TAP_OK(health_rule_parse(&w.rules, "spike:my_value=8", err, sizeof(err)) == TB_OK, "a spike rule for my_value");
	health_mon_configure(&w.mon);
	append(&w, "r", "my_value", 400, 600, 500, -60);
	health_mon_update(&w.mon, 1000, false);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_SPIKE), 2, "... then its spike down fires (both ways without a direction)");
	world_free(&w);
}

static void test_stall(void)
{
	struct world w;
	world_init(&w);
	char err[256];
	TAP_OK(health_rule_parse(&w.rules, "stall=10s", err, sizeof(err)) == TB_OK, "stall=10s");
	append(&w, "s", "loss", 0, 50, -1, 0);
	health_mon_update(&w.mon, 100, false);
	health_mon_update(&w.mon, 101, true);   /* loaded: the first live update */
	TAP_OK(isinf(health_mon_deadline(&w.mon)), "what was on disk is no write: no stall pending");
	health_mon_update(&w.mon, 500, true);
	TAP_EQ_INT(health_mon_count(&w.mon), 0, "a run never seen writing never stalls");
	append(&w, "s", "loss", 50, 60, -1, 0);
	health_mon_update(&w.mon, 1000, true);
	TAP_NEAR(health_mon_deadline(&w.mon), 1010, 1e-9, "a write while live: a stall due 10 s later");
	health_mon_update(&w.mon, 1005, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_STALL), 0, "not before");
	health_mon_update(&w.mon, 1010.5, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_STALL), 1, "a stall after 10 s of silence");
	TAP_EQ_INT(health_mon_run_mark(&w.mon, store_find_run(&w.st, "s", 1)), HEALTH_MARK_STALLED, "marked stalled");
	const struct health_alert *a = health_mon_alert(&w.mon, 0);
	TAP_OK(a && !a->series && a->ev.step == 59, "a run event: no series, the last step");
	health_mon_update(&w.mon, 1011, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_STALL), 1, "once");
	append(&w, "s", "loss", 60, 61, -1, 0);
	health_mon_update(&w.mon, 1020, true);
	TAP_EQ_INT(health_mon_run_mark(&w.mon, store_find_run(&w.st, "s", 1)), HEALTH_MARK_OK, "writing again clears it");
	/* the format says it finished */
	struct sink *k = &w.sink.sink;
	k->ops->fact(k, store_find_run(&w.st, "s", 1), SINK_FINISHED, NULL, "exit 0");
	health_mon_update(&w.mon, 1021, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_FINISHED), 1, "finished, as its format says");
	a = health_mon_alert(&w.mon, health_mon_count(&w.mon) - 1);
	TAP_OK(a && a->ev.step == 60, "... at its last step");
	TAP_OK(isinf(health_mon_deadline(&w.mon)), "no stall pending after the finish");
	health_mon_update(&w.mon, 5000, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_STALL), 1, "a finished run does not stall");
	TAP_EQ_INT(health_mon_run_mark(&w.mon, store_find_run(&w.st, "s", 1)), HEALTH_MARK_FINISHED, "marked finished");
	k->ops->fact(k, store_find_run(&w.st, "s", 1), SINK_FINISHED, NULL, "exit 0");
	health_mon_update(&w.mon, 5001, true);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_FINISHED), 1, "the same finish again: no second alert");
	TAP_EQ_INT(health_mon_count(&w.mon), 2, "two alerts in all");
	TAP_EQ_STR(health_mark_name(HEALTH_MARK_STALLED), "stalled", "mark names");
	world_free(&w);
}

/* A training started again into the same series (a second event file
 * from step 0, no purge): its first loss is high again, and no spike. */
static void test_restart(void)
{
	struct world w;
	world_init(&w);
	struct sink *k = &w.sink.sink;
	void *s = series_of(&w, "x", "train/loss");
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 300; i++) {
			struct sink_point p = { s, i, 1.7e9 + round * 1000 + i, 5.0 / (1 + 0.05 * i) + 0.01 * sin(i), false };
			if (k->ops->append(k, &p, 1) != TB_OK)
				printf("# append failed\n");
			if (i % 50 == 0)
				health_mon_update(&w.mon, 1 + i, false);
		}
	health_mon_update(&w.mon, 1000, false);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_SPIKE), 0, "a step that goes back starts over: the new start is no spike");
	TAP_EQ_INT(w.mon.fed, 600, "every point fed once");
	/* the same values with the steps going on: the jump is a spike */
	append(&w, "y", "train/loss", 0, 300, -1, 0);
	struct sink_point p = { series_of(&w, "y", "train/loss"), 300, 1.7e9 + 300, 5.0, false };
	TAP_OK(k->ops->append(k, &p, 1) == TB_OK, "a jump to 5 at step 300");
	health_mon_update(&w.mon, 1001, false);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_SPIKE), 1, "... without a step back is a spike");
	world_free(&w);
}

/* A run that finished before it was watched, found at the first read. */
static void test_finished_at_load(void)
{
	struct world w;
	world_init(&w);
	append(&w, "f", "loss", 0, 30, -1, 0);
	struct sink *k = &w.sink.sink;
	k->ops->fact(k, store_find_run(&w.st, "f", 1), SINK_FINISHED, NULL, "max_steps");
	health_mon_update(&w.mon, 1, false);
	TAP_EQ_INT(count_kind(&w.mon, HEALTH_FINISHED), 1, "a run found finished: one finished alert");
	TAP_OK(health_mon_count(&w.mon) == 1 && health_mon_alert(&w.mon, 0)->ev.step == 29, "... at step 29");
	/* read again from its start (a whole-file format): no second alert */
	k->ops->reset(k, store_find_run(&w.st, "f", 1));
	k->ops->fact(k, store_find_run(&w.st, "f", 1), SINK_FINISHED, NULL, NULL);
	health_mon_update(&w.mon, 2, false);
	append(&w, "f", "loss", 0, 30, -1, 0);
	k->ops->fact(k, store_find_run(&w.st, "f", 1), SINK_FINISHED, NULL, "max_steps");
	health_mon_update(&w.mon, 3, false);
	TAP_EQ_INT(health_mon_count(&w.mon), 1, "re-read and finished again: still one alert");
	world_free(&w);
}

int main(void)
{
	test_feed();
	test_spike_and_dirs();
	test_stall();
	test_restart();
	test_finished_at_load();
	return tap_done();
}
