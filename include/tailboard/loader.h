/* loader.h: the files being read and the budgeted reading loop. The loader
 * owns each file's record (identity, offsets, dirty, gone); the bytes go
 * to the file's stream (source.h) and what its reader finds to the sink.
 * Files are opened, read and closed on every turn, so thousands of runs
 * never exhaust file descriptors, and a replaced file is noticed. */
#ifndef TAILBOARD_LOADER_H
#define TAILBOARD_LOADER_H

#include "tailboard/source.h"
#include "tailboard/strmap.h"

struct tracked_file;
struct loader_run;
struct s3;
struct s3_multi;
struct s3_side;

#define LOADER_MAX_WAITING 32   /* each holds a read of up to 8 MiB */
struct loader {
	struct source_env env;  /* the sink and where to report */
	struct tracked_file **files;    /* in reading order: by run, then name */
	size_t nfiles, cap;
	struct strmap by_path;
	struct loader_run **runs;       /* in the order they were found */
	size_t nruns, runcap;
	struct strmap run_by_name;
	size_t next;            /* round-robin position for dirty files */
	size_t ndirty;
	bool stale_dirty;       /* a file went away or came back */
	/* progress */
	uint64_t bytes_total;   /* sizes of tracked files when last seen */
	uint64_t bytes_read;
	double started, finished;       /* of the loader; of the last load, 0 while busy */
	double load_t0;         /* the current load began then ... */
	uint64_t load_b0;       /* ... with this much read */
	struct s3 *s3;          /* the S3 client, once an s3:// logdir was listed */
	struct s3_multi *s3m;   /* live: S3 reads on the engine's poll() (engine's) */
	/* live reads over the network: a run whose read is in flight waits
	 * for it (its files stay in order) while the others are read */
	size_t net_inflight;    /* runs waiting so, LOADER_MAX_WAITING at most */
	bool net_wait;          /* nothing to read until an answer comes */
	struct s3_side *s3side; /* copies of remote side files (s3_side.c) */
};

struct loader_progress {
	bool busy;
	size_t nfiles, ndirty, nfailed;
	uint64_t bytes_total, bytes_read;
	double load_t0;         /* when the current load began */
	uint64_t load_b0;       /* bytes read by then */
};

void loader_init(struct loader *l, struct sink *sink, struct diag *diag);
void loader_free(struct loader *l);
/* Track a file discovery claimed for the run of that name (no-op when
 * already tracked). TB_ERR when its reader refused it (reported). */
int loader_add_file(struct loader *l, const char *path, const char *name, const char *run, size_t run_len,
		    const struct source_claim *c) TB_MUST;
bool loader_tracks(const struct loader *l, const char *path);
/* Read what dirty files gained, up to about budget bytes. TB_OK while
 * work remains, TB_DONE when every file is read up to its end or the
 * next reads wait on the network (net_wait). */
int loader_work(struct loader *l, size_t budget) TB_MUST;
/* Read every dirty file to its end on up to jobs threads, a run to a
 * thread (parload.c), each filling a fork of the sink. For the headless
 * commands: the sink must not be looked at meanwhile. Same result as
 * loader_work in a loop. */
void loader_load_all(struct loader *l, int jobs);
/* The CPUs this process may run on, at most 8. */
int loader_default_jobs(void);
/* Look at a tracked file again (a watch event, a poll): gone, back,
 * grown or replaced; it is read when it changed. */
void loader_touch(struct loader *l, const char *path);
/* A side file a reader reads by name changed (W&B's wandb-summary.json,
 * files/ or not; hparams.yaml...): the tracked files beside it are read
 * again, so their readers look at it even when the log itself did not
 * grow. False when path is no side file. */
bool loader_touch_side(struct loader *l, const char *path);
/* The same for every tracked file at or under dir (it came or went). */
void loader_touch_under(struct loader *l, const char *dir);
void loader_restat_all(struct loader *l);
/* Tell the sink which runs lost every file (stale) or got one back. */
void loader_update_stale(struct loader *l);
bool loader_busy(const struct loader *l);
void loader_progress(const struct loader *l, struct loader_progress *p);
/* Tracked files, for the load benchmark's cat baseline. */
const char *loader_file_path(const struct loader *l, size_t i);

#endif
