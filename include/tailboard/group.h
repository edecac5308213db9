/* group.h: runs grouped for bands (`--group-by`): by a hyperparameter,
 * by every hyperparameter that differs but one, or by the first capture
 * group of a regex on the name (which keys differ: hpdiff.h); and a
 * group's statistics over the
 * steps of its runs aligned. Curses-free and chart-free: the screen draws
 * them, export prints them. */
#ifndef TAILBOARD_GROUP_H
#define TAILBOARD_GROUP_H

#include <regex.h>
#include "tailboard/hpdiff.h"
#include "tailboard/store.h"

enum group_by { GROUP_NONE = 0, GROUP_KEY, GROUP_ALL_BUT, GROUP_REGEX };

struct group_spec {
	enum group_by by;
	char *key;              /* KEY, or the key left out (-KEY) */
	regex_t re;             /* ~REGEX */
	char *text;             /* as given */
};

/* "KEY", "-KEY" or "~REGEX"; "" is GROUP_NONE. A bad regex (or one that
 * could take minutes to compile) fails with a message in err. */
int group_spec_parse(struct group_spec *g, const char *text, char *err, size_t errlen) TB_MUST;
void group_spec_free(struct group_spec *g);

/* The runs split into groups: named in order of their first run. */
struct run_groups {
	size_t n;
	char **names;           /* raw bytes, NUL-terminated */
	size_t *nruns;          /* runs in each */
	size_t *of;             /* for each run given, its group */
};
/* Group runs[0..n) by g. A run without the key falls in "KEY=(none)"; a
 * run the regex does not match (or whose first capture group is empty)
 * is a group of its own, named by the run. -KEY names groups by the keys
 * that differ between these runs but KEY ("lr=0.01 wd=0"), "all" when no
 * other key differs. */
void run_groups_make(const struct group_spec *g, const struct run *const *runs, size_t n,
		     struct run_groups *out);
void run_groups_free(struct run_groups *rg);

/* A group's statistics over the union of its series' steps. At each step,
 * a series covering it (first step <= step <= last step) contributes its
 * value there: its point at that step (the last written of equal steps),
 * else the line between its points on either side. Values that are not
 * finite are left out; count says how many series contributed. sd is the
 * population standard deviation (numpy's std, ddof 0). wall is the mean
 * wall time of the series covering the step, for the time axes. */
struct group_stats {
	size_t n, cap;
	int64_t *step;
	double *wall, *mean, *sd, *min, *max;
	uint32_t *count;
};
int group_stats_compute(struct group_stats *g, const struct series *const *ss, size_t n) TB_MUST;
/* The same after points were appended to sorted series at steps >= from
 * (the caller checks): the rows before from are kept, *kept of them, and
 * the rest computed again, so a live group costs its new points. */
int group_stats_update(struct group_stats *g, const struct series *const *ss, size_t n, int64_t from,
		       size_t *kept) TB_MUST;
void group_stats_free(struct group_stats *g);

#endif
