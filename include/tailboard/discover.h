/* discover.h: the logdirs and which of their files are runs' data. A run
 * is a directory that directly holds event files (TensorBoard's rule) or
 * another format's run (source_claim), named by its path relative to the
 * logdir ("." for the logdir itself, "name/rel" under --logdir_spec).
 * Discovery owns the logdirs and run naming; it hands the files it finds
 * to the loader. */
#ifndef TAILBOARD_DISCOVER_H
#define TAILBOARD_DISCOVER_H

#include "tailboard/loader.h"

struct s3_scan;

struct logdir {
	char *name;             /* --logdir_spec name, NULL for plain --logdir */
	char *path;
	bool present;           /* existed at the last scan */
	struct s3_scan *s3;     /* s3://, live: its listing in flight (discover_s3.c) */
};

struct discover {
	struct logdir *lds;
	size_t n;
	bool scanned;           /* the first full scan completed */
	struct dckpt **ckpts;   /* checkpoints seen (discover_ckpt.c) */
	size_t nckpts, ckptcap;
	uint64_t scan_gen;      /* bumped at each scan: what it did not see is gone */
	struct loader *loader;
	struct diag *diag;
	char *s3_endpoint;      /* --s3-endpoint, NULL: the environment's */
	char *s3_style;         /* --s3-addressing-style, NULL: the profile's, else auto */
};

void discover_init(struct discover *d, struct loader *l, struct diag *diag);
void discover_free(struct discover *d);
void discover_add_logdir(struct discover *d, const char *name, const char *path);
/* Where s3:// logdirs are (--s3-endpoint); NULL: AWS_ENDPOINT_URL, the
 * profile's, else AWS's own (discover_s3.c). */
void discover_set_s3_endpoint(struct discover *d, const char *url);
/* How their URLs name the bucket: auto, path or virtual; false for
 * anything else. */
bool discover_set_s3_style(struct discover *d, const char *style);
/* Walk every logdir and track files not seen before. TB_ERR when a
 * logdir could not be read (reported). */
int discover_scan(struct discover *d) TB_MUST;
/* The same where the status is of no use (live: it is looked at again). */
void discover_rescan(struct discover *d);
/* Has logdir ld appeared or vanished since the last look? Reports one
 * that vanished (its runs keep their points), scans one that is there. */
void discover_recheck(struct discover *d, size_t ld);
/* Walk one subtree of logdir ld (dir_rel "" = the whole logdir); what
 * cannot be read is reported. */
void discover_scan_dir(struct discover *d, size_t ld, const char *dir_rel);
/* One file of logdir ld appeared (a watch event): track it when it holds
 * metrics. */
void discover_file(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full);
/* Is name in dir_rel (a directory when is_dir) a checkpoint? Then it is
 * told to the sink, once, for its run; names only, never opened. */
bool discover_checkpoint(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full,
			 bool is_dir);
/* The file or directory at full went away: so did the checkpoints at or
 * under it. */
void discover_gone(struct discover *d, const char *full);
/* After a scan of full in logdir ld: checkpoints under it it did not see are gone. */
void discover_sweep(struct discover *d, size_t ld, const char *full);
void discover_ckpts_free(struct discover *d);
/* Run name per TensorBoard: rel path, "." for the logdir, "name/rel" with
 * a spec name. Writes at most cap bytes; returns the length. */
size_t discover_run_name(const struct logdir *ld, const char *run_rel, char *out, size_t cap);

#endif
