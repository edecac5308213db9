/* health_csv: the health detectors over `tailboard export` CSV on stdin
 * (rows sorted by run, tag, step, as export writes them): every series in
 * one batch, as a one-shot pass would, or in batches of -b N points.
 *
 *   health_csv [-v|-j] [-b N] [-r] [-m] [--alert RULE]... < export.csv
 *
 * Prints the counts by kind (and, with -v, every event as text; with -j,
 * as JSON lines). The direction of a tag is what the monitor passes
 * (health_dir_of: min, max or none where a word of the tag says so, or a
 * --best rule; none otherwise); with -m, min where nothing says, as
 * store_best_dir() falls back to. With -r, each run is also replayed on
 * its own clock: every distinct wall time of its points is a write, and
 * the stall checks tick before each one, as if it had been watched live.
 * Exit 2 on a bad rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/health_mon.h"

struct csv_series {
	char *run, *tag;
	size_t n, cap;
	int64_t *step;
	double *wall, *value;
};

/* The wall times of one run's points, for -r. */
struct walls {
	double *t;
	size_t n, cap;
};

struct tool {
	struct health_rules rules;
	struct store store;     /* for its best directions only */
	int verbose;            /* 1 text, 2 JSON */
	bool replay, fallback_min;
	size_t batch;
	struct walls walls;
	const char *run;        /* of the run being replayed, for messages */
	size_t counts[HEALTH_NKINDS];
	size_t nseries, npoints, nfired;
	size_t npending;        /* plateaus waiting for their block to end */
	const struct csv_series *cur;
};

/* The direction the monitor passes (health_dir_of: the store's where a
 * word or a rule gave it, none where min is only a guess); with -m, min
 * there too. */
static enum health_dir dir_of(const struct tool *t, const char *tag)
{
	enum health_dir d = health_dir_of(&t->store, tag, strlen(tag));
	if (d == HEALTH_DIR_NONE && t->fallback_min && !store_best_dir_known(&t->store, tag, strlen(tag)))
		d = HEALTH_DIR_MIN;
	return d;
}

static void on_event(void *ctx, const struct health_event *ev)
{
	struct tool *t = ctx;
	char line[2048];
	t->counts[ev->kind]++;
	t->nfired++;
	const char *run = t->cur ? t->cur->run : t->run, *tag = t->cur ? t->cur->tag : NULL;
	size_t tlen = tag ? strlen(tag) : 0;
	if (t->verbose == 1) {
		health_event_text(ev, run, strlen(run), tag, tlen, false, line, sizeof(line));
		printf("%s\n", line);
	} else if (t->verbose == 2 && health_event_json(ev, run, strlen(run), tag, tlen, line,
						  sizeof(line)) != SIZE_MAX) {
		printf("%s\n", line);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* -r: the run's distinct wall times are its writes; tick before each. */
static void replay_run(struct tool *t, const char *run)
{
	struct walls *w = &t->walls;
	struct health_run r;
	struct health_sink sink = { on_event, t };
	qsort(w->t, w->n, sizeof(double), cmp_double);
	health_run_init(&r);
	t->cur = NULL;
	t->run = run;
	for (size_t i = 0; i < w->n; i++) {
		if (w->t[i] <= 0 || (i && w->t[i] == w->t[i - 1]))
			continue;       /* no clock (Keras CSV), or the same write */
		health_run_tick(&r, &t->rules, w->t[i], &sink);
		health_run_wrote(&r, w->t[i], (int64_t)i, w->t[i]);
	}
	w->n = 0;
}

static void run_series(struct tool *t, struct csv_series *s)
{
	struct health_tag h;
	struct health_sink sink = { on_event, t };
	enum health_dir dir = dir_of(t, s->tag);
	health_tag_init(&h, &t->rules, s->tag, strlen(s->tag), dir);
	t->cur = s;
	size_t b = t->batch ? t->batch : s->n;
	for (size_t i = 0; i < s->n; i += b) {
		struct health_points p = { .n = TB_MIN(b, s->n - i), .value = s->value + i,
			.step = s->step + i, .wall = s->wall + i };
		health_feed(&h, &p, &sink);
	}
	t->nseries++;
	t->npoints += s->n;
	for (size_t i = 0; t->replay && i < s->n; i++) {
		if (t->walls.n == t->walls.cap) {
			size_t cap = t->walls.cap ? 2 * t->walls.cap : 4096;
			double *p = realloc(t->walls.t, cap * sizeof(double));
			if (!p)
				break;
			t->walls.t = p;
			t->walls.cap = cap;
		}
		t->walls.t[t->walls.n++] = s->wall[i];
	}
	t->npending += h.plateau_pending;
}

/* One CSV field (RFC 4180) from *p; NUL-terminates it in place. */
static char *field(char **p)
{
	char *s = *p, *out = s, *start = s;
	if (*s == '"') {
		for (s++; *s; s++) {
			if (*s == '"' && s[1] == '"')
				*out++ = '"', s++;
			else if (*s == '"')
				break;
			else
				*out++ = *s;
		}
		if (*s == '"')
			s++;
	} else {
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			*out++ = *s++;
	}
	*p = *s == ',' ? s + 1 : s;
	*out = '\0';
	return start;
}

static int push(struct csv_series *s, int64_t step, double wall, double value)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		int64_t *st = realloc(s->step, cap * sizeof(*st));
		if (st)
			s->step = st;
		double *w = realloc(s->wall, cap * sizeof(*w));
		if (w)
			s->wall = w;
		double *v = realloc(s->value, cap * sizeof(*v));
		if (v)
			s->value = v;
		if (!st || !w || !v)
			return TB_NOMEM;
		s->cap = cap;
	}
	s->step[s->n] = step;
	s->wall[s->n] = wall;
	s->value[s->n++] = value;
	return TB_OK;
}

static int read_all(struct tool *t, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	struct csv_series s = { 0 };
	int rc = TB_OK;
	for (size_t row = 0; getline(&line, &cap, in) > 0; row++) {
		char *p = line, *run = field(&p), *tag = field(&p), *step = field(&p);
		char *wall = field(&p), *value = field(&p);
		if (row == 0 && !strcmp(run, "run"))
			continue;
		if (!s.run || strcmp(s.run, run) || strcmp(s.tag, tag)) {
			if (s.run)
				run_series(t, &s);
			if (s.run && t->replay && strcmp(s.run, run))
				replay_run(t, s.run);
			free(s.run);
			free(s.tag);
			s.run = strdup(run);
			s.tag = strdup(tag);
			s.n = 0;
			if (!s.run || !s.tag)
				return TB_NOMEM;
		}
		if ((rc = push(&s, strtoll(step, NULL, 10), strtod(wall, NULL), strtod(value, NULL))))
			break;
	}
	if (s.run && rc == TB_OK) {
		run_series(t, &s);
		if (t->replay)
			replay_run(t, s.run);
	}
	free(s.run), free(s.tag), free(s.step), free(s.wall), free(s.value), free(line);
	return rc;
}

int main(int argc, char **argv)
{
	struct tool t = { .batch = 0 };
	char err[256];
	health_rules_init(&t.rules);
	store_init(&t.store);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v")) {
			t.verbose = 1;
		} else if (!strcmp(argv[i], "-j")) {
			t.verbose = 2;
		} else if (!strcmp(argv[i], "-m")) {
			t.fallback_min = true;
		} else if (!strcmp(argv[i], "-r")) {
			t.replay = true;
		} else if (!strcmp(argv[i], "-b") && i + 1 < argc) {
			t.batch = (size_t)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--alert") && i + 1 < argc) {
			if (health_rule_parse(&t.rules, argv[++i], err, sizeof(err)) != TB_OK) {
				fprintf(stderr, "health_csv: %s\n%s\n", err, health_rule_usage);
				return 2;
			}
		} else {
			fprintf(stderr, "usage: health_csv [-v|-j] [-b N] [-r] [-m] [--alert RULE]... < export.csv\n");
			return 2;
		}
	}
	if (read_all(&t, stdin) != TB_OK) {
		fprintf(stderr, "health_csv: out of memory\n");
		return 1;
	}
	printf("# %zu series, %zu points, %zu events:", t.nseries, t.npoints, t.nfired);
	for (int k = 0; k < HEALTH_NKINDS; k++)
		printf(" %s=%zu", health_kind_name((enum health_kind)k), t.counts[k]);
	printf("; %zu plateaus pending at the end\n", t.npending);
	health_rules_free(&t.rules);
	store_free(&t.store);
	free(t.walls.t);
	return 0;
}
