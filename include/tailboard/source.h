/* source.h: incremental format readers behind one interface.
 *
 * The loader owns the bytes: it reads what a file gained (inflating .gz on
 * the way), appends it to the file's pending buffer and hands the buffer to
 * the source's parse(), which consumes whole records only and reports how
 * many bytes it used.  A torn tail therefore stays pending until the writer
 * finishes it.  Whole-file formats (trainer_state.json) get the complete file
 * each time it changes and replace their run's points only when it parses. */
#ifndef TAILBOARD_SOURCE_H
#define TAILBOARD_SOURCE_H

#include <sys/types.h>
#include "tailboard/common.h"
#include "tailboard/store.h"
#include "tailboard/diag.h"

enum source_kind {
	SRC_TFEVENTS,
	SRC_WANDB,           /* run-<id>.wandb transaction log */
	SRC_WANDB_HISTORY,   /* legacy files/wandb-history.jsonl */
	SRC_TRAINER_STATE,   /* Hugging Face trainer_state.json */
	SRC_CSV,             /* Lightning / Keras / generic CSV */
	SRC_JSONL,
	SRC_KINDS
};

struct tracked_file {
	char *path;             /* full path as opened */
	char *name;             /* base name, for ordering within a run */
	struct run *run;
	enum source_kind kind;
	bool gz;
	/* where we are */
	uint64_t raw_off;       /* bytes of the file consumed (compressed bytes for .gz) */
	uint64_t log_off;       /* logical (inflated) offset of pending[0] */
	uint8_t *pending;
	size_t npending, pendcap;
	void *gz_state;         /* z_stream while inflating */
	void *state;            /* the source's own state */
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
};

struct source_ctx {
	struct store *store;
	struct diag *diag;
};

struct source_ops {
	const char *name;
	bool whole_file;
	int (*open)(struct source_ctx *ctx, struct tracked_file *f);
	/* Consume complete records from buf; *used = bytes consumed.  eof says
	 * nothing more is on disk right now.  Return TB_OK, or TB_ERR after
	 * reporting corruption (the loader then stops reading this file). */
	int (*parse)(struct source_ctx *ctx, struct tracked_file *f,
		     const uint8_t *buf, size_t len, bool eof, size_t *used);
	void (*close)(struct tracked_file *f);
};

const struct source_ops *source_ops_for(enum source_kind kind);

/* .gz files: inflate raw bytes read from disk and append what comes out to
 * f->pending (state kept in f->gz_state across calls, so a growing file
 * loses nothing). TB_OK, or TB_ERR after reporting a corrupt stream. */
int gzstream_inflate(struct source_ctx *ctx, struct tracked_file *f,
		     const uint8_t *raw, size_t n);
void gzstream_free(struct tracked_file *f);
/* Give a file's parser new bytes read from disk (inflated first for .gz;
 * raw may be NULL when the caller already appended to f->pending), then
 * keep what it did not use. On a parse error the file is marked failed.
 * The loader and the fuzz targets both go through here. */
int source_feed(struct source_ctx *ctx, struct tracked_file *f, const uint8_t *raw, size_t n, bool eof);
/* The first half of source_feed alone: raw bytes into f->pending, inflated
 * for .gz, without parsing (whole-file formats parse once, at the end). */
int source_take(struct source_ctx *ctx, struct tracked_file *f, const uint8_t *raw, size_t n);
/* Append bytes to f->pending; TB_NOMEM on failure. */
int source_pending_append(struct tracked_file *f, const uint8_t *buf, size_t n);

extern const struct source_ops source_tfevents;
extern const struct source_ops source_wandb;
extern const struct source_ops source_wandb_history;
extern const struct source_ops source_trainer_state;
extern const struct source_ops source_csv;
extern const struct source_ops source_jsonl;

#endif
