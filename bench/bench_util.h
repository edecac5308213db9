/* bench_util.h: clocks, memory and the one-line report shared by the scale
 * benchmarks (bench/scale.sh runs them). Not part of tailboard. */
#ifndef TAILBOARD_BENCH_UTIL_H
#define TAILBOARD_BENCH_UTIL_H

#include "tailboard/app.h"

/* Monotonic seconds. */
double bench_now(void);
/* Resident set size in bytes, from /proc/self/statm; 0 when unknown. */
uint64_t bench_rss(void);
/* A fresh app with a store, loader and one logdir, as main() sets it up. */
int bench_app_init(struct app *app, const char *logdir);
void bench_app_free(struct app *app);
/* Median of n doubles (sorts them). */
double bench_median(double *v, size_t n);
/* One figure: "name: value unit (workload); baseline ...; ratio ..." */
void bench_report(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
