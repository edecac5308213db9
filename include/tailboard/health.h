/* health.h: training-health detectors (NaN, spike, plateau, divergence,
 * stall), fed plain values so any caller can drive them: the loader after
 * each slice, a test, a tool reading CSV. Curses-free, store-free.
 *
 * Per series, a struct health_tag takes the points appended since the last
 * call (health_feed) and hands events to a sink. Per run, a struct
 * health_run takes the times the run was seen to grow and raises stalls
 * from health_run_tick. Every event fires once: a tag remembers, per kind,
 * the last step it reported, and stays quiet up to it, also after
 * health_tag_reset when a purged or re-read series is fed again.
 *
 * Cost: per point, a sum, a min and a max over the new values (vectorised,
 * and the sum is what finds NaN and Inf); everything else runs per block of
 * points (8 points while a series is young, growing to 1024) or only when
 * a reduction says a point crossed a threshold. See health.c. A call costs
 * about as much as a few dozen points: feed what a loader slice appended,
 * not point by point. */
#ifndef TAILBOARD_HEALTH_H
#define TAILBOARD_HEALTH_H

#include "tailboard/common.h"

enum health_kind {
	HEALTH_NAN,             /* first NaN or Inf of a tag */
	HEALTH_SPIKE,           /* a point k robust deviations the bad way off the trailing median */
	HEALTH_PLATEAU,         /* the smoothed value made no new best for N steps (or a time) */
	HEALTH_DIVERGE,         /* the smoothed value went back to where it started, or past, and stayed */
	HEALTH_STALL,           /* a live run wrote nothing for longer than usual */
	HEALTH_STOPPED,         /* ... and much longer, without saying it finished */
	HEALTH_FINISHED,        /* the format says the run ended (caller's fact) */
	HEALTH_NKINDS
};

/* Which way is better. NONE: the caller knows no direction (no --best rule,
 * no loss- or accuracy-like word), and such tags get NaN checks only, as do
 * the names health_tag_exempt() knows (learning rate, epoch, system/...). */
enum health_dir { HEALTH_DIR_NONE, HEALTH_DIR_MIN, HEALTH_DIR_MAX };

/* Defaults, chosen on ../shared/realdata (tests/health_realdata.sh holds
 * what they raise there); the rules of each detector are in health.c. */
#define HEALTH_SPIKE_K 10.0         /* robust deviations (1.4826 MAD = sigma for a normal) */
#define HEALTH_SPIKE_REL 0.2        /* ... and a factor 1 + 0.2 k off the median (x3 at k = 10) */
#define HEALTH_STALL_FLOOR 600.0    /* seconds: a stall is never shorter */
#define HEALTH_STALL_MULT 5.0       /* ... than 5x the run's median interval between writes */
#define HEALTH_STOP_MULT 6.0        /* stopped: 6x the stall threshold, once 3 intervals are known */

/* Parsed --alert rules, in order: later rules win over earlier ones. */
struct health_rule;             /* one tag rule, private to health_rules.c */
struct health_rules {
	struct health_rule *list;   /* nan, spike, plateau, diverge, none */
	size_t n;
	bool stall;                 /* per run, so not in the list */
	double stall_floor;
};

void health_rules_init(struct health_rules *r);
void health_rules_free(struct health_rules *r);
/* One rule: nan | spike | plateau | diverge | stall | none (every kind off),
 * each as KIND (on), KIND=off, KIND=VALUE or, but for stall, KIND:GLOB=...
 * (fnmatch, * crosses '/'). Values: spike=K robust deviations, plateau=N
 * steps or DURATION, stall=DURATION (the floor). Durations: 30s, 10m, 2h,
 * 1d, or plain seconds. TB_ERR with a message for the user in err. */
int health_rule_parse(struct health_rules *r, const char *spec, char *err, size_t errlen);
/* The usage text of a rule, for --help and error messages. */
extern const char health_rule_usage[];
/* "30s", "10m", "2h", "1d" or plain seconds; false unless finite and > 0. */
bool health_parse_duration(const char *s, double *out);
/* "nan,stall,...": kind names, or "all", comma-separated, into 1 << kind
 * bits. TB_ERR with a message in err. */
int health_kinds_parse(const char *list, unsigned *mask, char *err, size_t errlen);

/* The name rule: tags that are schedules, counters or measurements of the
 * machine, not of learning (lr, learning_rate, epoch, step, runtime,
 * grad_norm, flos, throughput, system/...). They get NaN checks only unless
 * a per-tag rule names them. */
bool health_tag_exempt(const char *tag, size_t len);

struct health_event {
	enum health_kind kind;
	int64_t step;           /* the point that raised it; a run's last step */
	double value;           /* that point's value; run events: seconds quiet */
	double wall;            /* that point's wall time (the log's clock), 0 unknown */
	double ref;             /* spike: trailing median; plateau: smoothed best;
	                         * diverge: smoothed start; stall, stopped: threshold (s) */
	double dev;             /* spike: robust deviations; diverge: smoothed now;
	                         * stall: the run's usual interval (s) */
	int64_t ref_step;       /* plateau, diverge: the step ref was at */
	uint64_t count;         /* nan: non-finite points so far */
	bool single;            /* value was read as a float32 (health_points.single) */
};

/* What applies to one tag, resolved from the rules and its name. */
struct health_cfg {
	enum health_dir dir;
	bool nan, spike, plateau, diverge;
	bool two_sided;         /* spikes both ways: a rule on a tag without a direction */
	double spike_k, spike_rel;
	int64_t plateau_steps;  /* 0: the relative default */
	double plateau_secs;    /* > 0: a time span instead */
};

/* Per series. Plain data (544 bytes on x86-64), no allocation. */
struct health_tag {
	struct health_cfg cfg;
	/* points */
	uint64_t n, nonfinite;
	int64_t first_step, first_bad_step;
	double first_bad_value, first_bad_wall;
	bool bad_pending;
	/* the block in progress and the trailing samples */
	uint32_t block_len, block_fill, block_samples, stride;
	uint32_t nring, ring_pos;
	float ring[32];
	float prev[16];         /* the last block's samples, sorted, when it took 16 */
	bool prev_sorted;
	/* reference, refreshed at the end of each block */
	double median, scale, ring_min, ring_max, spike_lo, spike_hi;
	bool have_ref;
	uint64_t last_out;      /* 1 + index of the last point out of the band, 0 none */
	/* the smoothed value (the window's median at block ends): where it
	 * started and its best, for divergence and plateaus */
	double smooth_first, smooth_best, smooth_best_wall;
	int64_t smooth_first_step, smooth_best_step;
	uint64_t smooth_best_n;
	uint32_t rising;
	bool have_smooth, plateau_on, plateau_pending, diverge_on;
	struct health_event pending;    /* the plateau's point, until its block ends */
	/* dedup: last step reported per kind; survives health_tag_reset */
	int64_t reported[4];
	bool any_reported[4];
};

/* Zero state, then configure. tag: raw bytes; dir: the caller's direction. */
void health_tag_init(struct health_tag *t, const struct health_rules *r, const char *tag,
		     size_t len, enum health_dir dir);
/* Apply (new) rules, keeping the state: after the user adds a rule. */
void health_tag_configure(struct health_tag *t, const struct health_rules *r, const char *tag,
			  size_t len, enum health_dir dir);
/* Forget the points (a purge or a whole-file re-read), keep the
 * configuration and what was reported: feed the series again from the
 * start and only events past what was reported come out. */
void health_tag_reset(struct health_tag *t);

/* Events go to a sink; the caller knows which run and tag it fed. */
struct health_sink {
	void (*event)(void *ctx, const struct health_event *ev);
	void *ctx;
};

/* Consecutive points of one series. Values are read once each; steps and
 * wall times only where something happens (an event, the last point of a
 * call or a block), so a caller with packed columns passes at() instead of
 * arrays. With neither, a point's step is its index in the series. */
struct health_points {
	size_t n;
	const double *value;    /* exactly one of value and value32 */
	const float *value32;
	const int64_t *step;
	const double *wall;
	void (*at)(const void *ctx, size_t i, int64_t *step, double *wall);
	const void *ctx;
	bool single;            /* values were read as float32 (series.single): JSON
	                         * writes them as floats, as export does */
};

/* Feed the points appended since the last call. Events for this batch go
 * to sink before it returns; a NaN event comes at the end of the call with
 * the count so far. Always TB_OK: nothing here allocates. */
int health_feed(struct health_tag *t, const struct health_points *p, const struct health_sink *sink);
/* Non-finite points seen so far (to refresh a listed NaN alert's count). */
static inline uint64_t health_tag_nonfinite(const struct health_tag *t)
{
	return t->nonfinite;
}

/* Per run: stalls. The caller's clock (tb_now()) is "now" everywhere. */
struct health_run {
	double last_write;      /* 0: never seen live */
	double gaps[15];        /* the last intervals between live writes */
	uint32_t ngaps, gap_pos;
	double typical;         /* their median, 0 while none */
	int64_t last_step, finished_step;
	double last_wall;
	bool stalled, stopped, finished, live;
};

void health_run_init(struct health_run *r);
/* The run grew while being watched (not the first load of what was on
 * disk, whose reads come in a burst): last_step and last_wall of its
 * newest point. Ends a stall. */
void health_run_wrote(struct health_run *r, double now, int64_t last_step, double last_wall);
/* The format says the run finished (W&B exit record, Trainer global_step
 * == max_steps, Lightning's last epoch), its last point at last_step and
 * last_wall: a FINISHED event, once, and no stall after it unless the run
 * writes a later step. Also for a run that was never live. */
int health_run_finished(struct health_run *r, double now, int64_t last_step, double last_wall,
			const struct health_sink *sink);
/* Raise STALL, then STOPPED, when the run has been quiet long enough. */
int health_run_tick(struct health_run *r, const struct health_rules *rules, double now,
		    const struct health_sink *sink);
/* When health_run_tick could next fire, for the engine's poll timeout;
 * INFINITY when nothing is pending. */
double health_run_deadline(const struct health_run *r, const struct health_rules *rules);
/* The stall threshold in seconds for this run now. */
double health_run_threshold(const struct health_run *r, const struct health_rules *rules);

/* Names for kinds: "nan", "spike", ... */
const char *health_kind_name(enum health_kind k);
/* One line for humans, names sanitised: "RUN TAG: NaN at step 1200 (first
 * of 3)"; run or tag NULL to leave it out. Returns the length written
 * (truncated to cap - 1). */
size_t health_event_text(const struct health_event *ev, const char *run, size_t run_len,
			 const char *tag, size_t tag_len, bool ascii, char *buf, size_t cap);
/* One JSON object, no newline: kind, run, tag, step, value, wall_time, text.
 * Names as export --format json writes them; non-finite values as the
 * strings "nan", "inf", "-inf" as export does. Returns the length, or
 * SIZE_MAX when cap was too small (nothing useful in buf then). */
size_t health_event_json(const struct health_event *ev, const char *run, size_t run_len,
			 const char *tag, size_t tag_len, char *buf, size_t cap);
/* The same object for a line that is no health event (watch's "until"):
 * kind and text as given, step, value, wall time and single from ev. */
size_t health_json_line(const char *kind, const struct health_event *ev, const char *run, size_t run_len,
			const char *tag, size_t tag_len, const char *text, char *buf, size_t cap);

#endif
