/* health_mon.h: the health detectors (health.h) over a store, fed as the
 * store grows. A core-level observer: whoever drives the engine (`watch`,
 * the screen) calls health_mon_update from the engine's after-read hook
 * (engine_after_read: after each 256 KiB read, while the new points are
 * still in cache), and after each engine turn for the stall clocks. Per
 * series it remembers how many points it fed and feeds the rest in place
 * from the store's columns; a series whose points were removed (a purge,
 * a re-read: its reset_gen moved) is fed again from its start, and only
 * what was not reported before fires. Per run it keeps the stall clock
 * (writes seen while live, the format's finish), and says when it next
 * needs a tick, for the engine's poll() timeout.
 *
 * Alerts pile up in one list, in the order they fired, for the screen's
 * alert overlay and `watch`'s output; the screen counts the unseen ones
 * and marks each run by its worst state. Nothing fires twice for the same
 * event. The store is only read. */
#ifndef TAILBOARD_HEALTH_MON_H
#define TAILBOARD_HEALTH_MON_H

#include "tailboard/health.h"
#include "tailboard/store.h"

/* A run's state for the run list, worst last: a run shows the worst it is
 * in now (stalled clears when it writes again; NaN and warnings stay). */
enum health_mark {
	HEALTH_MARK_OK,         /* nothing to say */
	HEALTH_MARK_FINISHED,   /* its format says it ended */
	HEALTH_MARK_WARNING,    /* a spike, plateau or divergence on one of its tags */
	HEALTH_MARK_STALLED,    /* no writes for longer than usual (stall or stopped) */
	HEALTH_MARK_NAN,        /* a tag has NaN or Inf points */
};

struct health_alert {
	struct health_event ev;
	const struct run *run;          /* stable: the store never frees a run */
	const struct series *series;    /* NULL for run events: stall, stopped, finished */
	double at;                      /* tb_wall_now() when it fired */
};

struct health_mon_run;          /* per run and its series: health_mon.c's */

struct health_mon {
	const struct store *st;
	const struct health_rules *rules;       /* the caller's; see health_mon_configure */
	struct health_mon_run *runs;            /* by run index */
	size_t nruns, runs_cap;
	struct health_alert *alerts;
	size_t nalerts, alerts_cap;
	size_t seen;            /* alerts [0, seen) were seen on the screen */
	uint64_t gen;           /* the store's change counter when last fed */
	bool was_live;          /* the last update's live */
	double next_tick;       /* when a run's stall check is next due, INFINITY none */
	bool retick;            /* a run wrote or finished: its deadline moved */
	uint64_t fed;           /* points fed so far (for benchmarks) */
};

void health_mon_init(struct health_mon *m, const struct store *st, const struct health_rules *rules);
void health_mon_free(struct health_mon *m);
/* Feed what the store gained since the last call and tick the stall
 * clocks; now is tb_now(). live: the engine follows the logdirs and its
 * first read is done (engine.loaded_at > 0); growth seen while live, from
 * the second such update on, is a write for the stall clock, while what
 * was on disk at the start never is. Cheap when nothing changed and no
 * tick is due. */
void health_mon_update(struct health_mon *m, double now, bool live);
/* When health_mon_update next has something to do with no new points (a
 * stall due), tb_now() seconds; INFINITY when nothing is pending. */
double health_mon_deadline(const struct health_mon *m);
/* The rules changed (a rule added on the screen): every tag again. */
void health_mon_configure(struct health_mon *m);

/* The alert list, oldest first. */
size_t health_mon_count(const struct health_mon *m);
const struct health_alert *health_mon_alert(const struct health_mon *m, size_t i);
/* Alerts fired since the last health_mon_seen. */
size_t health_mon_unseen(const struct health_mon *m);
void health_mon_seen(struct health_mon *m);
/* Non-finite points of a NaN alert's tag so far (the event holds the count
 * when it fired); 0 for other alerts. */
uint64_t health_mon_nonfinite(const struct health_mon *m, const struct health_alert *a);

/* A run's worst state now, and the kinds that fired for it (1 << kind). */
enum health_mark health_mon_run_mark(const struct health_mon *m, const struct run *r);
unsigned health_mon_run_kinds(const struct health_mon *m, const struct run *r);
/* "ok", "finished", "warning", "stalled", "nan". */
const char *health_mark_name(enum health_mark mark);

/* The direction health watches a tag of this store in: the store's, where
 * a --best rule or a word of the tag gave it; none where min is only the
 * store's guess. */
enum health_dir health_dir_of(const struct store *st, const char *tag, size_t len);

#endif
