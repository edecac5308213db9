/* sink.h: where format readers put what they read. A reader never knows
 * who consumes it (ncdu's dir_output): the store is one sink, a loader
 * thread's private sink another, a test's recorder a third.
 *
 * Handles for runs and series are the sink's own, opaque to readers; a
 * handle stays valid as long as the sink. Points travel in batches so a
 * reader's loop pays one call per few hundred points, not one a point. */
#ifndef TAILBOARD_SINK_H
#define TAILBOARD_SINK_H

#include "tailboard/common.h"

struct diag;

struct sink;

struct sink_point {
	void *series;
	int64_t step;
	double wall;
	double value;
	bool f32;               /* the value came from a float32 */
};

enum sink_fact {
	SINK_HPARAM,            /* key = value: a hyperparameter */
	SINK_INFO,              /* key = value: a fact from the source (W&B project, HF best metric) */
	SINK_LABEL,             /* value: a friendlier name (W&B display name) */
	SINK_FORMAT,            /* value: the reader's name, a static string */
	SINK_STALE,             /* value non-NULL: every file of the run is gone; NULL: back */
	SINK_FINISHED,          /* value: how the run ended, as its format says ("exit 0") */
	SINK_MTIME,             /* value: when a file of the run last changed (Unix seconds, text) */
};

/* A checkpoint saved beside a run (source_checkpoint): its name, unique in
 * its owner, and the step or epoch that name gives (-1: not given). */
struct sink_checkpoint {
	const char *name;
	int64_t step, epoch;
};

/* A line of a run's console output (W&B's output records, output.log).
 * Raw bytes, without its newline. open: unfinished (a progress bar's
 * state so far); the stream's next line replaces it. origin: which source
 * it came from; a run shows one, the highest seen (SINK_LOG_*). */
enum { SINK_LOG_FILE = 1, SINK_LOG_RECORDS = 2 };
#define SINK_LINE_MAX 4096      /* bytes of a line kept: the rest is cut */
struct sink_line {
	const char *text;
	size_t len;
	double wall;            /* Unix time, 0 when the source has none */
	int origin;
	bool err;               /* written to stderr */
	bool open;
};

struct sink_ops {
	/* The run of that name, created on first use. */
	void *(*run)(struct sink *k, const char *name, size_t len);
	/* The series of tag in run, created on first use. */
	void *(*series)(struct sink *k, void *run, const char *tag, size_t len);
	/* n points in order; TB_NOMEM after reporting what was dropped. */
	int (*append)(struct sink *k, const struct sink_point *p, size_t n);
	/* Drop points with step >= step from the run's series of tag, or from
	 * every series of the run when tag is NULL (TensorBoard's restart
	 * rule; INT64_MIN: all). A tag the run never had is no error. */
	void (*purge)(struct sink *k, void *run, const char *tag, size_t len, int64_t step);
	/* The run is read again from its first byte: every point and count goes. */
	void (*reset)(struct sink *k, void *run);
	/* A value of tag that is not a scalar (image, histogram...): counted. */
	void (*skipped)(struct sink *k, void *run, const char *tag, size_t len, const char *kind);
	void (*fact)(struct sink *k, void *run, enum sink_fact what, const char *key, const char *value);
	/* A checkpoint of the run directory named owner appeared (present) or
	 * went away. The owner is a name, not a handle: no run is made for it,
	 * and runs are matched to it by name when they ask. May be NULL. */
	void (*checkpoint)(struct sink *k, const char *owner, size_t len, const struct sink_checkpoint *c,
			   bool present);
	/* A console line of run (sink_line); may be NULL: the sink keeps none. */
	void (*line)(struct sink *k, void *run, const struct sink_line *l);
	/* A sink for one loader thread, which fills only the runs it is
	 * given, reporting to diag; NULL when this sink cannot be shared. */
	struct sink *(*fork)(struct sink *k, struct diag *diag);
	/* That thread is done: what it did is the parent's now; child freed. */
	void (*join)(struct sink *k, struct sink *child);
};

struct sink {
	const struct sink_ops *ops;
};

#endif
