/* loader.h: the table of tracked files and the budgeted reading loop. */
#ifndef TAILBOARD_LOADER_H
#define TAILBOARD_LOADER_H

#include "tailboard/common.h"
#include "tailboard/source.h"
#include "tailboard/discover.h"

struct loader {
	struct logdir *logdirs;
	size_t nlogdirs;
	struct tracked_file **files;
	size_t nfiles, cap;
	struct strmap by_path;
	size_t next;            /* round-robin position for dirty files */
	size_t ndirty;
	/* progress and totals */
	uint64_t bytes_total;   /* sizes of tracked files when last seen */
	uint64_t bytes_read;
	double started, finished;
	bool scanned;           /* the first full scan completed */
};

int loader_init(struct loader *l);
void loader_free(struct loader *l);
int loader_add_logdir(struct loader *l, const char *name, const char *path);
/* Track a file discover classified (no-op when already tracked). */
int loader_add_file(struct loader *l, struct source_ctx *ctx, size_t logdir, const char *path,
		    const char *name, const struct classify *c);
/* Find a tracked file by path, NULL if none. */
struct tracked_file *loader_find(const struct loader *l, const char *path);
/* Read what dirty files gained, up to about budget bytes. Returns TB_OK when
 * work remains, TB_DONE when every file is read up to its end. */
int loader_work(struct loader *l, struct source_ctx *ctx, size_t budget);
/* Read every dirty file to its end on up to jobs threads, a run to a
 * thread (parload.c). For the headless commands: the store must not be
 * looked at meanwhile. Same result as loader_work in a loop. */
int loader_load_all(struct loader *l, struct source_ctx *ctx, int jobs);
/* The number of CPUs, at most 8. */
int loader_default_jobs(void);
/* Re-stat a file by path (watch events); marks it dirty if it changed. */
int loader_touch(struct loader *l, struct source_ctx *ctx, const char *path);
/* Re-stat every tracked file (polling, rescans). */
void loader_restat_all(struct loader *l, struct source_ctx *ctx);
bool loader_busy(const struct loader *l);

#endif
