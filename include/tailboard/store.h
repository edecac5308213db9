/* store.h: runs -> tags -> series of (step, wall time, value) points.
 *
 * Series are append-only columns; a purge (TensorBoard restart rule) or a
 * whole-file re-read can shrink them, which bumps reset_gen so consumers
 * that cache derived data (smoothing, min/max indexes) rebuild instead of
 * extending.  Names and tags are kept as raw bytes; sanitise for display. */
#ifndef TAILBOARD_STORE_H
#define TAILBOARD_STORE_H

#include <math.h>
#include <regex.h>
#include <string.h>
#include "tailboard/common.h"
#include "tailboard/strmap.h"

enum best_dir { BEST_MIN = 0, BEST_MAX = 1 };

struct series {
	char *tag;
	size_t tag_len;
	uint64_t tag_words[2];  /* a tag of 8 bytes or more: its first and last 8 */
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
	size_t best;            /* index of the best point, SIZE_MAX when none */
	enum best_dir dir;
	bool sorted;            /* steps non-decreasing in index order */
	int64_t last_step;      /* of the last point appended, for sorted */
	uint64_t gen;           /* bumped on every change */
	uint64_t reset_gen;     /* bumped when points are removed */
	struct series *next_hint; /* the run's tag that came after this one last time */
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

struct run {
	char *name;             /* relative path or name/rel, raw bytes */
	size_t name_len;
	char *label;            /* optional friendlier name (W&B display name) */
	const char *format;     /* static: "tfevents", "wandb", ... */
	size_t index;           /* position in store->runs (creation order) */
	struct series **series;
	size_t nseries, cap;
	struct strmap by_tag;
	struct series *last_series; /* lookup cache for run_get_series */
	struct tag_count *skipped;
	size_t nskipped, skipcap;
	struct kv *hparams;
	size_t nhparams;
	struct kv *info;        /* facts about the run: W&B project, HF best_metric */
	size_t ninfo;
	size_t npoints;
	double last_append;     /* tb_now() when points last arrived (set by the loader), 0 = never */
	bool stale;             /* its files went away; points kept */
	uint64_t gen;
	/* TensorBoard's restart bookkeeping (see tfevents source) */
	int tb_file_version;
	bool tb_have_recent;
	int64_t tb_recent_step;
	struct strmap tb_plugin; /* tag -> const char* plugin of first metadata */
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
	size_t npoints;
	size_t point_bytes;     /* bytes allocated for point columns */
	uint64_t gen;           /* bumped on any change: runs, tags or points */
};

int store_init(struct store *st);
void store_free(struct store *st);
/* "REGEX=min" or "REGEX=max"; later rules win over earlier ones. */
int store_add_best_rule(struct store *st, const char *spec, char *err, size_t errlen);
/* Direction for a tag: user rules, then accuracy-like names max, else min. */
enum best_dir store_best_dir(const struct store *st, const char *tag, size_t len);

struct run *store_find_run(const struct store *st, const char *name, size_t len);
/* Find or create. NULL only when out of memory. */
struct run *store_get_run(struct store *st, const char *name, size_t len);

/* Is the series' tag these len bytes? Inline and word by word: tags are
 * short, and the first and last 8 bytes, kept in the series, settle most
 * of them without a trip to the tag's own memory. */
static inline bool series_tag_is(const struct series *s, const char *tag, size_t len)
{
	if (s->tag_len != len)
		return false;
	if (len < 8)
		return memcmp(s->tag, tag, len) == 0;
	uint64_t a, b;
	memcpy(&a, tag, 8);
	memcpy(&b, tag + len - 8, 8);
	if ((a ^ s->tag_words[0]) | (b ^ s->tag_words[1]))
		return false;
	for (size_t k = 8; k + 8 < len; k += 8) {
		memcpy(&a, tag + k, 8);
		memcpy(&b, s->tag + k, 8);
		if (a != b)
			return false;
	}
	return true;
}

/* Writers log the same few tags in the same order over and over: the tag
 * that followed the run's last one last time, or the last one again, or
 * NULL. Inline: the event decoders ask once a point. */
static inline struct series *run_series_hint(struct run *r, const char *tag, size_t len)
{
	struct series *last = r->last_series;
	if (!last)
		return NULL;
	struct series *s = last->next_hint;
	if (s && series_tag_is(s, tag, len))
		return r->last_series = s;
	return series_tag_is(last, tag, len) ? last : NULL;
}

struct series *run_find_series(const struct run *r, const char *tag, size_t len);
struct series *run_get_series(struct store *st, struct run *r, const char *tag, size_t len);
/* Drop every point with step >= step from every series of the run. */
void run_purge(struct store *st, struct run *r, int64_t step);
int run_count_skipped(struct run *r, const char *tag, size_t len, const char *kind);
int run_set_kv(struct kv **arr, size_t *n, const char *key, const char *value);
int run_set_label(struct run *r, const char *label);

/* Store-internal: free a series and its columns. */
void series_free(struct series *s);

int series_append(struct store *st, struct series *s, int64_t step, double wall, double value);
/* The same for a value read as float32 (TF1 simple_value, DT_FLOAT): the
 * series then prints in float32's shortest form. */
int series_append_f32(struct store *st, struct series *s, int64_t step, double wall, float value);
/* Drop points with step >= step (TensorBoard purge). */
void series_purge(struct store *st, struct series *s, int64_t step);
/* Remove every point (whole-file formats re-read). */
void series_clear(struct store *st, struct series *s);
/* Indexes sorted by step, stable for equal steps; caller frees. */
size_t *series_sorted_index(const struct series *s);

/* Fold point i (its step, and its value as stored) into the running stats;
 * the caller passes them so the hot append path reads no column back. */
static inline void series_stats_add(struct series *s, size_t i, int64_t step, double v)
{
	if (i > 0 && step < s->last_step)
		s->sorted = false;
	s->last_step = step;
	if (!isfinite(v))
		return;
	if (s->nfinite++ == 0) {
		s->min = s->max = v;
	} else {
		if (v < s->min)
			s->min = v;
		if (v > s->max)
			s->max = v;
	}
	if (s->best == SIZE_MAX ||
	    (s->dir == BEST_MIN ? v < series_value(s, s->best) : v > series_value(s, s->best)))
		s->best = i;
}

/* Point i, just written at the end: count it, fold it into the stats and
 * tell every consumer something changed. */
static inline void series_added(struct store *st, struct series *s, size_t i, int64_t step, double v)
{
	s->n = i + 1;
	series_stats_add(s, i, step, v);
	s->gen++;
	s->run->npoints++;
	s->run->gen++;
	st->npoints++;
	st->gen++;
}

/* The append nearly every point of a float32 source takes: room left,
 * steps still implicit and this one the next, the wall time exact as a
 * float offset or the column already doubles, every value so far a float. Inline, for the event
 * decoder's loop; false leaves the point to series_append_f32, which
 * does the same in every other case. */
static inline bool series_append_f32_fast(struct store *st, struct series *s, int64_t step, double wall,
					  float value)
{
	int64_t d;
	size_t i = s->n;
	if (i < 2 || i >= s->cap || s->step32 || s->step64 || !s->value32 || !s->single ||
	    __builtin_sub_overflow(step, s->last_step, &d) || d != s->step_stride)
		return false;
	if (s->wall32) {
		float off = (float)(wall - s->wall_base);
		if (s->wall_base + (double)off != wall)
			return false;
		s->wall32[i] = off;
	} else {
		s->wall64[i] = wall;    /* microsecond clocks */
	}
	s->value32[i] = value;
	series_added(st, s, i, step, value);
	return true;
}

#endif
