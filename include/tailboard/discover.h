/* discover.h: walk logdirs, decide which files are runs' data. */
#ifndef TAILBOARD_DISCOVER_H
#define TAILBOARD_DISCOVER_H

#include "tailboard/common.h"
#include "tailboard/source.h"

struct logdir {
	char *name;             /* --logdir_spec name, NULL for plain --logdir */
	char *path;
	bool present;           /* existed at the last scan */
	bool polling;           /* the watcher polls it */
	const char *poll_reason;
};

struct classify {
	enum source_kind kind;
	bool gz;
	/* run directory relative to the logdir ("" = logdir itself), plus an
	 * optional suffix for runs that are a file, not a directory */
	char run_rel[4096];
};

/* Decide from a name (and, when needed, a peek at the first bytes) whether
 * a file holds metrics. dir_rel is the file's directory relative to the
 * logdir, "" for the logdir itself. Returns true when it counts. */
bool classify_file(const char *dir_rel, const char *name, const char *fullpath,
		   struct classify *out);
/* The non-TensorBoard formats' rules (W&B, HF, CSV, JSONL), called by
 * classify_file for names it does not claim. */
bool classify_extra(const char *dir_rel, const char *name, const char *fullpath,
		    struct classify *out);
/* Directories never descended into (checkpoints' weights, .git, ...). */
bool classify_skip_dir(const char *name);

/* Run name per TensorBoard: rel path, "." for the logdir, "name/rel" with
 * a spec name.  Writes at most cap bytes; returns length. */
size_t discover_run_name(const struct logdir *ld, const char *run_rel, char *out, size_t cap);

struct loader;
/* Walk every logdir and track files not seen before. */
int discover_scan(struct loader *l, struct source_ctx *ctx);
/* Walk one subtree of logdir number ld (dir_rel "" = the whole logdir). */
int discover_scan_dir(struct loader *l, struct source_ctx *ctx, size_t ld, const char *dir_rel);

#endif
