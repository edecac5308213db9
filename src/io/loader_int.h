/* loader_int.h: the loader's records, shared by loader.c (the reading
 * loop, identity checks) and parload.c (the threaded first read). */
#ifndef TAILBOARD_LOADER_INT_H
#define TAILBOARD_LOADER_INT_H

#include <sys/types.h>
#include "tailboard/loader.h"

/* A run as the loader knows it: the sink's handle, the state its readers
 * share across the run's files, and how many of its files are gone. */
struct loader_run {
	void *handle;
	size_t index;           /* in loader.runs: reading order */
	struct source_run shared;       /* its readers' */
	size_t nfiles, ngone;
	bool stale;             /* what the sink was last told */
	bool net_wait;          /* a read of one of its files is in flight */
};

struct tracked_file {
	char *path;             /* full path as opened */
	char *name;             /* base name, for ordering within a run */
	struct loader_run *run;
	struct source_stream stream;
	uint64_t raw_off;       /* bytes of the file consumed (compressed bytes for .gz) */
	/* what we last saw on disk */
	dev_t dev;
	ino_t ino;
	off_t size;
	int64_t mtime_ns;
	uint64_t prefix_hash;   /* of the first prefix_len bytes: is a new inode */
	uint32_t prefix_len;    /* the same stream (rsync) or another file? */
	bool failed;            /* stopped after corrupt data; see diag */
	bool gone;
	bool dirty;             /* may have unread bytes */
	uint64_t bytes_read;
	struct tracked_remote *remote;  /* an S3 object (loader_s3.c); NULL for a local file */
};

void loader_mark_dirty(struct loader *l, struct tracked_file *f);
void loader_mark_clean(struct loader *l, struct tracked_file *f);
void loader_set_gone(struct loader *l, struct tracked_file *f, bool gone);
void loader_fail(struct loader *l, struct tracked_file *f);
/* Let f's reader consume what is pending; a failure stops the file. */
int loader_parse(struct loader *l, struct tracked_file *f, bool eof) TB_MUST;
void loader_rewind_run(struct loader *l, struct loader_run *r);
/* A side file path's reader waited for came: its run is read again, its
 * stream opened anew (readers read side files when they open). */
void loader_reopen_file(struct loader *l, const char *path);

/* loader_s3.c: the S3 object behind a tracked file. The listing saw the
 * object at path (key in bucket) with this size and ETag: remember it,
 * and mark the file dirty when it changed. No-op for untracked paths. */
void loader_remote_seen(struct loader *l, const char *path, const char *bucket, const char *key,
			uint64_t size, const char *etag, double mtime, uint64_t gen);
/* After listing gen of root (s3://BUCKET/PREFIX/): the objects under it
 * the listing no longer holds are gone. */
void loader_remote_sweep(struct loader *l, const char *root, uint64_t gen);
void loader_remote_free(struct tracked_file *f);
/* read_some for a remote file: bytes from raw_off by a ranged GET. */
size_t loader_read_remote(struct loader *l, struct tracked_file *f, size_t budget);

/* s3_side.c: remote side files for fmt_side_read (env.side). Is name one
 * of the files readers open beside theirs? */
bool s3_side_name(const char *name);
/* Make the cache and lend it to the streams opened from now on. */
void s3_side_attach(struct loader *l);
/* The listing holds side file path (key in bucket) with this ETag. */
void s3_side_seen(struct loader *l, const char *path, const char *bucket, const char *key, const char *etag);
void s3_side_free(struct loader *l);

#endif
