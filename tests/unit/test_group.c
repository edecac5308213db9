/* test_group.c: grouping runs (--group-by KEY, -KEY, ~REGEX), the keys
 * that differ, and a group's statistics over aligned steps against values
 * worked out by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/group.h"

static int fails;

static struct run *mkrun(struct store *st, const char *name, const char *lr, const char *seed)
{
	struct run *r = store_get_run(st, name, strlen(name));
	if (lr)
		run_set_kv(&r->hparams, &r->nhparams, "lr", lr);
	if (seed)
		run_set_kv(&r->hparams, &r->nhparams, "seed", seed);
	run_set_kv(&r->hparams, &r->nhparams, "opt", "adam");
	return r;
}

static void test_spec(void)
{
	struct group_spec g;
	char err[128] = "";
	TAP_OK(group_spec_parse(&g, "lr", err, sizeof err) == TB_OK && g.by == GROUP_KEY && strcmp(g.key, "lr") == 0,
	       "KEY");
	group_spec_free(&g);
	TAP_OK(group_spec_parse(&g, "-seed", err, sizeof err) == TB_OK && g.by == GROUP_ALL_BUT &&
	       strcmp(g.key, "seed") == 0, "-KEY");
	group_spec_free(&g);
	TAP_OK(group_spec_parse(&g, "~lr([0-9.]+)_", err, sizeof err) == TB_OK && g.by == GROUP_REGEX, "~REGEX");
	group_spec_free(&g);
	TAP_OK(group_spec_parse(&g, "", err, sizeof err) == TB_OK && g.by == GROUP_NONE, "empty: no grouping");
	TAP_OK(group_spec_parse(&g, "~(a", err, sizeof err) != TB_OK && strstr(err, "bad regex"), "bad regex: %s", err);
	TAP_OK(group_spec_parse(&g, "~(a*)*b", err, sizeof err) != TB_OK, "a slow regex is refused: %s", err);
	TAP_OK(group_spec_parse(&g, "~(a)\\1", err, sizeof err) != TB_OK, "back-references refused: %s", err);
}

static void test_groups(void)
{
	struct store st;
	store_init(&st);
	const struct run *runs[5] = {
		mkrun(&st, "lr0.1_seed1", "0.1", "1"), mkrun(&st, "lr0.1_seed2", "0.1", "2"),
		mkrun(&st, "lr0.01_seed1", "0.01", "1"), mkrun(&st, "other", NULL, "3"),
		mkrun(&st, "lr0.01_seed2", "0.01", "2"),
	};
	struct hp_col *keys;
	size_t nk = hpdiff_columns(runs, 5, &keys);
	TAP_OK(nk == 3 && strcmp(keys[0].key, "lr") == 0 && !keys[0].same && strcmp(keys[1].key, "opt") == 0 &&
	       keys[1].same && strcmp(keys[1].value, "adam") == 0 && !keys[2].same,
	       "keys sorted, lr and seed differ, opt shared");
	free(keys);
	struct group_spec g;
	char err[128];
	struct run_groups rg;
	if (group_spec_parse(&g, "lr", err, sizeof err) == TB_OK) {
		run_groups_make(&g, runs, 5, &rg);
		TAP_OK(rg.n == 3 && strcmp(rg.names[0], "lr=0.1") == 0 && strcmp(rg.names[1], "lr=0.01") == 0 &&
		       strcmp(rg.names[2], "lr=(none)") == 0 && rg.nruns[0] == 2 && rg.nruns[1] == 2 && rg.of[4] == 1,
		       "by lr: 3 groups, the run without lr in its own");
		run_groups_free(&rg);
		group_spec_free(&g);
	}
	if (group_spec_parse(&g, "-seed", err, sizeof err) == TB_OK) {
		run_groups_make(&g, runs, 5, &rg);
		TAP_OK(rg.n == 3 && strcmp(rg.names[0], "lr=0.1") == 0 && rg.of[1] == 0 && rg.of[4] == 1,
		       "all but seed: by lr (opt is the same everywhere)");
		run_groups_free(&rg);
		group_spec_free(&g);
	}
	if (group_spec_parse(&g, "~^lr([0-9.]+)_", err, sizeof err) == TB_OK) {
		run_groups_make(&g, runs, 5, &rg);
		TAP_OK(rg.n == 3 && strcmp(rg.names[0], "0.1") == 0 && strcmp(rg.names[1], "0.01") == 0 &&
		       strcmp(rg.names[2], "other") == 0 && rg.of[3] == 2 && rg.of[4] == 1,
		       "~regex: the capture names the group; a run it misses is its own");
		run_groups_free(&rg);
		group_spec_free(&g);
	}
	const struct run *two[2] = { runs[0], runs[1] };
	if (group_spec_parse(&g, "-seed", err, sizeof err) == TB_OK) {
		run_groups_make(&g, two, 2, &rg);
		TAP_OK(rg.n == 1 && strcmp(rg.names[0], "all") == 0, "-seed when only seed differs: one group, all");
		run_groups_free(&rg);
		group_spec_free(&g);
	}
	store_free(&st);
}

/* Three series: a at 0,10,20,30; b at 0,20,40 (uneven, longer); c at 10
 * and 20 with a duplicate step 20 (the later value counts) and a NaN. */
static void test_stats(void)
{
	struct store st;
	store_init(&st);
	struct run *r = store_get_run(&st, "r", 1);
	struct series *a = run_get_series(&st, r, "a", 1), *b = run_get_series(&st, r, "b", 1),
		      *c = run_get_series(&st, r, "c", 1);
	fails += series_append(a, 0, 100, 1) + series_append(a, 10, 110, 2) + series_append(a, 20, 120, 3) +
		 series_append(a, 30, 130, NAN);
	fails += series_append(b, 0, 200, 10) + series_append(b, 20, 220, 20) + series_append(b, 40, 240, 40);
	fails += series_append(c, 20, 300, 99) + series_append(c, 10, 290, 5) + series_append(c, 20, 301, 7);
	TAP_OK(!fails && !c->sorted, "series written (c out of step order)");
	const struct series *ss[3] = { a, b, c };
	struct group_stats g = { 0 };
	if (group_stats_compute(&g, ss, 3) != TB_OK) {
		TAP_OK(0, "computed");
		return;
	}
	TAP_EQ_INT(g.n, 5, "steps: the union 0 10 20 30 40");
	int64_t want_step[5] = { 0, 10, 20, 30, 40 };
	/* step 0: a 1, b 10 (c starts at 10)
	 * step 10: a 2, b 15 (between 10 and 20), c 5
	 * step 20: a 3, b 20, c 7 (the later of its two points at 20)
	 * step 30: a NaN (left out), b 30 (between 20 and 40); c ended
	 * step 40: b 40 */
	double want_mean[5] = { 5.5, 22.0 / 3, 10, 30, 40 };
	double want_sd[5] = { 4.5, sqrt(((2 - 22.0 / 3) * (2 - 22.0 / 3) + (15 - 22.0 / 3) * (15 - 22.0 / 3) +
					 (5 - 22.0 / 3) * (5 - 22.0 / 3)) / 3), sqrt((49.0 + 100 + 9) / 3), 0, 0 };
	double want_min[5] = { 1, 2, 3, 30, 40 }, want_max[5] = { 10, 15, 20, 30, 40 };
	unsigned want_n[5] = { 2, 3, 3, 1, 1 };
	for (size_t i = 0; i < 5 && i < g.n; i++) {
		TAP_OK(g.step[i] == want_step[i] && g.count[i] == want_n[i], "step %lld: n %u", (long long)g.step[i],
		       g.count[i]);
		TAP_NEAR(g.mean[i], want_mean[i], 1e-12, "step %lld: mean", (long long)g.step[i]);
		TAP_NEAR(g.sd[i], want_sd[i], 1e-12, "step %lld: sd", (long long)g.step[i]);
		TAP_OK(g.min[i] == want_min[i] && g.max[i] == want_max[i], "step %lld: min %g max %g",
		       (long long)g.step[i], g.min[i], g.max[i]);
	}
	TAP_NEAR(g.wall[1], (110 + 210 + 290) / 3.0, 1e-9, "wall: the contributors' mean, interpolated");
	TAP_NEAR(g.wall[3], (130 + 230) / 2.0, 1e-9, "wall: a NaN point still dates its step");
	group_stats_free(&g);
	const struct series *none[1] = { a };
	TAP_OK(group_stats_compute(&g, none, 0) == TB_OK && g.n == 0, "no series: no steps");
	group_stats_free(&g);
	store_free(&st);
}

/* Points appended to live series: updating from the step after what was
 * there gives the rows a computation from scratch gives. */
static void test_update(void)
{
	struct store st;
	store_init(&st);
	struct run *r = store_get_run(&st, "r", 1);
	struct series *a = run_get_series(&st, r, "a", 1), *b = run_get_series(&st, r, "b", 1);
	for (int i = 0; i < 50; i++) {
		fails += series_append(a, i * 2, i, sin(i)) != TB_OK;
		fails += series_append(b, i * 3, i, cos(i)) != TB_OK;
	}
	const struct series *ss[2] = { a, b };
	struct group_stats g = { 0 }, h = { 0 };
	int64_t from = 49 * 2 + 1;      /* a's last step, then b's is further on */
	size_t kept = 0;
	int rc = group_stats_compute(&g, ss, 2);
	for (int i = 50; i < 80; i++) {
		fails += series_append(a, i * 2, i, sin(i)) != TB_OK;
		fails += series_append(b, i * 3, i, cos(i)) != TB_OK;
	}
	rc |= group_stats_update(&g, ss, 2, from, &kept) | group_stats_compute(&h, ss, 2);
	bool same = rc == TB_OK && g.n == h.n && kept > 0 && kept < g.n;
	for (size_t i = 0; same && i < g.n; i++)
		same = g.step[i] == h.step[i] && g.count[i] == h.count[i] && g.mean[i] == h.mean[i] &&
		       g.sd[i] == h.sd[i] && g.min[i] == h.min[i] && g.max[i] == h.max[i];
	TAP_OK(!fails && same, "update after appends: the rows from scratch (%zu kept of %zu)", kept, g.n);
	group_stats_free(&g);
	group_stats_free(&h);
	store_free(&st);
}

int main(void)
{
	test_spec();
	test_groups();
	test_stats();
	test_update();
	return tap_done();
}
