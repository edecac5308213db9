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
/* "stale", "finished" (as its format says) or "running". */
const char *run_state_name(const struct run *r);

#endif
