/* store.h: runs -> tags -> series of (step, wall time, value) points.
 *
 * Series are append-only columns; a purge (TensorBoard restart rule) or a
 * whole-file re-read can shrink them, which bumps reset_gen so consumers
 * that cache derived data (smoothing, min/max indexes) rebuild instead of
 * extending.  Names and tags are kept as raw bytes; sanitise for display.
 * Readers fill a store through its sink (store_sink_init), never directly. */
#ifndef TAILBOARD_STORE_H
#define TAILBOARD_STORE_H

#include <regex.h>
#include "tailboard/common.h"
#include "tailboard/diag.h"
#include "tailboard/sink.h"
#include "tailboard/strmap.h"

/* Which value of a tag is its best; NONE: none is (learning rate, epoch). */
enum best_dir { BEST_MIN = 0, BEST_MAX = 1, BEST_NONE = 2 };

struct series {
	char *tag;
	size_t tag_len;
	struct run *run;
	size_t n, cap;
	/* Columns, narrow while the data allows (8 to 24 bytes a point):
	 * steps not stored at all while they are step_base + i * step_stride
	 * (a logger's regular interval), then int32 offsets from step_base
	 * until one does not fit; wall times as float offsets from wall_base
	 * while they read back exactly (whole or coarse seconds; microsecond
	 * clocks need the double); values as float while every value is
	 * exactly a float. Read them through series_step/wall/value. */
	int64_t step_base;
	int64_t step_stride;
	int32_t *step32;
	int64_t *step64;
	double wall_base;
	float *wall32;
	double *wall64;
	float *value32;
	double *value64;
	bool single;            /* every value came from a float32 source */
	size_t nfinite;
	double min, max;        /* over finite values; NaN while there are none */
	size_t best;            /* index of the best point, SIZE_MAX when none (or BEST_NONE) */
	enum best_dir dir;
	bool sorted;            /* steps non-decreasing in index order */
	int64_t last_step;      /* of the last point appended, for sorted */
	uint64_t gen;           /* bumped on every change */
	uint64_t reset_gen;     /* bumped when points are removed */
};

static inline int64_t series_step(const struct series *s, size_t i)
{
	if (s->step64)
		return s->step64[i];
	if (s->step32)
		return s->step_base + s->step32[i];
	return s->step_base + (int64_t)i * s->step_stride;
}

static inline double series_wall(const struct series *s, size_t i)
{
	return s->wall64 ? s->wall64[i] : s->wall_base + (double)s->wall32[i];
}

static inline double series_value(const struct series *s, size_t i)
{
	return s->value64 ? s->value64[i] : (double)s->value32[i];
}

/* Counts of values a run holds that are not scalars (images, histograms...). */
struct tag_count {
	char *tag;
	size_t tag_len;
	const char *kind;       /* static string: "image", "histogram", ... */
	size_t count;
};

struct kv {
	char *key;
	char *value;
};

/* A run's console output: the last RUNLOG_LINES lines or RUNLOG_BYTES
 * bytes of text, whichever is less, in a ring; older lines are dropped
 * and counted. Lines are numbered from the run's first: line i (first <=
 * i < first + n) is at ring[(head + i - first) % cap]. */
#define RUNLOG_LINES 20000
#define RUNLOG_BYTES (8u << 20)
#define RUNLOG_LINE_MAX SINK_LINE_MAX   /* a longer line is cut there */
struct log_line {
	char *text;             /* raw bytes, NUL-terminated */
	uint32_t len;
	bool err, open;
	double wall;
};

struct run_log {
	struct log_line *ring;
	size_t cap, head, n;
	size_t first;           /* number of the oldest kept line: lines dropped so far */
	size_t bytes;
	int origin;             /* the source shown (SINK_LOG_*); lines of a lower one are ignored */
	uint64_t gen;           /* bumped on every change */
};

struct run {
	char *name;             /* relative path or name/rel, raw bytes */
	size_t name_len;
	char *label;            /* optional friendlier name (W&B display name) */
	const char *format;     /* static: "tfevents", "wandb", ... */
	size_t index;           /* position in store->runs (creation order) */
	struct series **series;
	size_t nseries, cap;
	struct strmap by_tag;
	struct tag_count *skipped;
	size_t nskipped, skipcap;
	struct kv *hparams;
	size_t nhparams;
	struct kv *info;        /* facts about the run: W&B project, HF best_metric */
	size_t ninfo;
	size_t npoints;
	size_t point_bytes;     /* bytes allocated for its point columns */
	double last_append;     /* tb_now() when points last arrived, 0 = never */
	double mtime;           /* Unix time its files last changed, 0 = unknown */
	char *finished;         /* how it ended, when its format says ("exit 0"), else NULL */
	bool stale;             /* its files went away; points kept */
	struct run_log *log;    /* console output, NULL until a line comes */
	uint64_t gen;
};

struct best_rule {
	regex_t re;
	enum best_dir dir;
};

struct store {
	struct run **runs;
	size_t nruns, cap;
	struct strmap by_name;
	struct best_rule *rules;
	size_t nrules;
	/* checkpoints by the name of the run directory they were saved in
	 * (checkpoint.c); owners need not be runs */
	struct strmap ckpt_by_owner;
	struct ckpt_owner **owners;
	size_t nowners, ownercap;
	uint64_t ckpt_gen;      /* bumped when a checkpoint comes or goes */
	uint64_t gen;           /* bumped on any change: runs, tags or points */
};

void store_init(struct store *st);
void store_free(struct store *st);
/* "REGEX=min", "REGEX=max" or "REGEX=none"; later rules win over earlier ones. */
int store_add_best_rule(struct store *st, const char *spec, char *err, size_t errlen) TB_MUST;
/* Direction for a tag: user rules, then the words of the tag (best.c). */
enum best_dir store_best_dir(const struct store *st, const char *tag, size_t len);
/* Did a --best rule or a word of the tag give that direction? False when
 * it is only the default guess (min, for a tag no word names): the health
 * detectors then watch NaN and stalls only, as for BEST_NONE. */
bool store_best_dir_known(const struct store *st, const char *tag, size_t len);

struct run *store_find_run(const struct store *st, const char *name, size_t len);
/* Find or create. */
struct run *store_get_run(struct store *st, const char *name, size_t len);
/* Totals over every run. */
size_t store_npoints(const struct store *st);
size_t store_point_bytes(const struct store *st);

struct series *run_find_series(const struct run *r, const char *tag, size_t len);
/* Find or create; st is read for the best-direction rules only, so loader
 * threads each filling their own runs may call it at once. */
struct series *run_get_series(const struct store *st, struct run *r, const char *tag, size_t len);
/* Drop every point with step >= step from every series of the run. */
int run_purge(struct run *r, int64_t step) TB_MUST;
/* The run will be read again from the start: no points, no counts. */
int run_reset(struct run *r) TB_MUST;
void run_count_skipped(struct run *r, const char *tag, size_t len, const char *kind);
void run_set_kv(struct kv **arr, size_t *n, const char *key, const char *value);
void run_set_label(struct run *r, const char *label);

/* The points of a series. Each counts into its run (points, bytes, gen);
 * TB_NOMEM when a column could not grow (the point is not stored). */
int series_append(struct series *s, int64_t step, double wall, double value) TB_MUST;
/* The same for a value read as float32 (TF1 simple_value, DT_FLOAT): the
 * series then prints in float32's shortest form. */
int series_append_f32(struct series *s, int64_t step, double wall, float value) TB_MUST;
/* Drop points with step >= step (TensorBoard purge). */
int series_purge(struct series *s, int64_t step) TB_MUST;
/* Remove every point (whole-file formats re-read). */
void series_clear(struct series *s);
/* The index of the last point in step order (the latest written of equal
 * steps), SIZE_MAX when there is none. */
size_t series_last(const struct series *s);
/* Indexes sorted by step, stable for equal steps; caller frees. */
size_t *series_sorted_index(const struct series *s);

/* Console output (runlog.c): add a line (sink_line's rules), empty the
 * log, free it; runlog_at: line number i, NULL when it is not kept. */
void runlog_add(struct run *r, const struct sink_line *l);
void runlog_clear(struct run_log *g);
void runlog_free(struct run_log *g);
const struct log_line *runlog_at(const struct run_log *g, size_t i);

/* Checkpoints (checkpoint.c). One came (present) or went, for the run
 * directory named owner. */
void store_checkpoint_set(struct store *st, const char *owner, size_t len, const struct sink_checkpoint *c,
			  bool present);
void store_checkpoints_free(struct store *st);
/* The steps of r's checkpoints, sorted, each once, at most cap of them:
 * its own, or those of the directory HF's or Keras' layout puts them in;
 * epoch-named ones at the last step of that epoch. */
size_t store_run_checkpoints(const struct store *st, const struct run *r, int64_t *out, size_t cap);
/* The step of steps[0..n) nearest step (the earlier on a tie), -1 when n is 0. */
int64_t checkpoint_nearest(const int64_t *steps, size_t n, int64_t step);

/* The store as a sink for the readers. Its forks (one a loader thread)
 * fill runs only their thread touches and leave the store's change
 * counter alone; the join bumps it. */
struct store_sink {
	struct sink sink;       /* first: readers see only this */
	struct store *st;
	struct diag *diag;      /* where points lost to memory are reported */
	bool local;             /* a fork */
	unsigned nomem;         /* reports so far */
};

void store_sink_init(struct store_sink *k, struct store *st, struct diag *diag);

#endif
