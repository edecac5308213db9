/* health_run.c: stalls. A run is judged against its own rhythm: the median
 * of its last intervals between writes, seen as the files grow (a writer
 * that flushes every 120 s, as TensorBoard's does, has a rhythm of 120 s
 * whatever it logs), times HEALTH_STALL_MULT, never less than the floor.
 * Nothing here runs per point: once per write and once per tick. */
#include <math.h>
#include <string.h>
#include "tailboard/health.h"

#define BURST 1.0       /* seconds: growth this close to the last is the same write */
#define RHYTHM 3        /* intervals seen before a silence can mean stopped: a run
			 * that logs once an epoch may not write for hours at first */

void health_run_init(struct health_run *r)
{
	memset(r, 0, sizeof(*r));
}

static double median_of(const double *v, uint32_t n)
{
	double x[TB_ARRAY_LEN(((struct health_run *)0)->gaps)];
	memcpy(x, v, n * sizeof(*x));
	for (uint32_t i = 1; i < n; i++)        /* 15 at most: insertion sort */
		for (uint32_t j = i; j > 0 && x[j - 1] > x[j]; j--) {
			double tmp = x[j];
			x[j] = x[j - 1];
			x[j - 1] = tmp;
		}
	return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

void health_run_wrote(struct health_run *r, double now, int64_t last_step, double last_wall)
{
	const uint32_t cap = TB_ARRAY_LEN(r->gaps);
	if (r->live && now - r->last_write >= BURST) {
		r->gaps[r->gap_pos] = now - r->last_write;
		r->gap_pos = (r->gap_pos + 1) % cap;
		r->ngaps += r->ngaps < cap;
		r->typical = median_of(r->gaps, r->ngaps);
	}
	if (!r->live || now - r->last_write >= BURST)
		r->last_write = now;
	r->live = true;
	r->last_step = last_step;
	r->last_wall = last_wall;
	r->stalled = r->stopped = false;
	/* a W&B file gets records after its exit record: only new steps
	 * mean the run resumed */
	if (r->finished && last_step > r->finished_step)
		r->finished = false;
}

double health_run_threshold(const struct health_run *r, const struct health_rules *rules)
{
	return TB_MAX(HEALTH_STALL_MULT * r->typical, rules->stall_floor);
}

static void run_event(const struct health_run *r, enum health_kind kind, double quiet, double thr,
		      const struct health_sink *sink)
{
	struct health_event ev = { .kind = kind, .step = r->last_step, .value = quiet,
		.wall = r->last_wall, .ref = thr, .dev = r->typical };
	if (sink && sink->event)
		sink->event(sink->ctx, &ev);
}

int health_run_finished(struct health_run *r, double now, int64_t last_step, double last_wall,
			const struct health_sink *sink)
{
	if (r->finished)
		return TB_OK;
	r->finished = true;
	r->last_step = TB_MAX(r->last_step, last_step);
	if (last_wall > r->last_wall)
		r->last_wall = last_wall;
	r->finished_step = r->last_step;
	run_event(r, HEALTH_FINISHED, r->live ? now - r->last_write : 0, 0, sink);
	return TB_OK;
}

int health_run_tick(struct health_run *r, const struct health_rules *rules, double now,
		    const struct health_sink *sink)
{
	if (!rules->stall || !r->live || r->finished)
		return TB_OK;
	double quiet = now - r->last_write, thr = health_run_threshold(r, rules);
	if (quiet >= thr && !r->stalled) {
		r->stalled = true;
		run_event(r, HEALTH_STALL, quiet, thr, sink);
	}
	if (quiet >= HEALTH_STOP_MULT * thr && !r->stopped && r->ngaps >= RHYTHM) {
		r->stopped = true;
		run_event(r, HEALTH_STOPPED, quiet, HEALTH_STOP_MULT * thr, sink);
	}
	return TB_OK;
}

double health_run_deadline(const struct health_run *r, const struct health_rules *rules)
{
	if (!rules->stall || !r->live || r->finished || r->stopped)
		return INFINITY;
	double thr = health_run_threshold(r, rules);
	if (r->stalled && r->ngaps < RHYTHM)
		return INFINITY;
	return r->last_write + (r->stalled ? HEALTH_STOP_MULT * thr : thr);
}
