/* run_subject.h: runs of the store matched by filter expressions
 * (`--filter 'lr<=1e-4 and not state=stale'`). */
#ifndef TAILBOARD_RUN_SUBJECT_H
#define TAILBOARD_RUN_SUBJECT_H

#include "tailboard/filter.h"
#include "tailboard/store.h"

/* The filter's view of r; valid while r is. */
void run_subject(const struct run *r, struct filter_subject *out);
/* Does r match f? A NULL filter matches every run. */
bool run_matches(const struct filter *f, const struct run *r);
#define RUN_IDLE_SECS 600.0     /* no write this long: idle (the stall alert's default too) */
/* When r last wrote: its newest point's wall time, else its files'
 * mtime; 0 when neither is known. */
double run_last_write(const struct run *r);
/* "stale" (its files went away), "finished" (as its format says),
 * "running" (it wrote in the last RUN_IDLE_SECS before now, Unix time,
 * or when is unknown) or "idle". */
const char *run_state_name(const struct run *r, double now);

#endif
