/* source.h: the format readers, as discovery and the loader see them.
 *
 * Discovery asks source_claim whether a file holds metrics and which run
 * it belongs to (one table: each format's name rule and a look at the
 * first bytes). The loader reads bytes and hands them to the file's
 * stream: the stream inflates .gz, keeps a torn tail pending until the
 * writer finishes it, and feeds whole records to the reader, which emits
 * points and run facts into a sink (sink.h). Whole-file formats
 * (trainer_state.json, CSV) get the complete file each time it changes.
 * Readers keep their own state; when the loader rewinds a file (it was
 * truncated or replaced) the reader is told so, it never guesses. */
#ifndef TAILBOARD_SOURCE_H
#define TAILBOARD_SOURCE_H

#include "tailboard/common.h"
#include "tailboard/diag.h"
#include "tailboard/sink.h"

enum source_kind {
	SRC_TFEVENTS,
	SRC_WANDB,           /* run-<id>.wandb transaction log */
	SRC_WANDB_HISTORY,   /* legacy files/wandb-history.jsonl */
	SRC_TRAINER_STATE,   /* Hugging Face trainer_state.json */
	SRC_CSV,             /* Lightning / Keras / generic CSV */
	SRC_JSONL,
	SRC_WANDB_OUTPUT,    /* W&B's console text: files/output.log (legacy: output.log) */
	SRC_WANDB_EVENTS,    /* legacy wandb-events.jsonl: the machine's stats */
	SRC_KINDS
};

/* What a file is, when it holds metrics. */
struct source_claim {
	enum source_kind kind;
	bool gz;
	/* run directory relative to the logdir ("" = logdir itself), plus an
	 * optional suffix for runs that are a file, not a directory */
	char run_rel[4096];
};

/* Decide from a name (and, when needed, a peek at the first bytes) whether
 * a file holds metrics. dir_rel is the file's directory relative to the
 * logdir, "" for the logdir itself; path is where it can be opened. */
bool source_claim(const char *dir_rel, const char *name, const char *path, struct source_claim *out);
/* Where a claim looks when the file is not on this filesystem (an object
 * store): head puts up to cap raw bytes of path into buf and returns how
 * many, -1 when they cannot be had, CLAIM_NOT_YET when they are on their
 * way (live: the key is claimed again when they come); dir_has and list
 * answer from the store's last listing. list calls each for every direct
 * entry of directory dir (files and subdirectories, the latter once each,
 * size 0), until each returns false. */
#define CLAIM_FS_HEAD 16384     /* raw bytes asked for at most (a .gz head) */
#define CLAIM_NOT_YET (-2L)
struct claim_entry {
	const char *name;
	bool is_dir;
	uint64_t size;
	int64_t mtime_ns;       /* a directory's: 0 */
};

struct claim_fs {
	long (*head)(void *arg, const char *path, uint8_t *buf, size_t cap);
	/* Does directory dir directly hold a file whose name match accepts? */
	bool (*dir_has)(void *arg, const char *dir, bool (*match)(const char *name, void *marg), void *marg);
	void (*list)(void *arg, const char *dir, bool (*each)(const struct claim_entry *e, void *earg), void *earg);
	void *arg;
};

/* Where readers read the small files beside theirs (hparams.yaml,
 * config.json, wandb-metadata.json...) when those are not on this
 * filesystem. read: up to cap bytes of path (asked for by the reader of
 * file asker) into buf; how many, -1 when there is no such file or it is
 * not there yet (live: the asker's run is read again when it comes), or
 * SIDE_LOCAL when path is on this filesystem. *stamp: the copy's identity,
 * 0 when there is none. */
#define SIDE_LOCAL (-3L)
struct side_fs {
	long (*read)(void *arg, const char *asker, const char *path, char *buf, size_t cap, int64_t *stamp);
	void *arg;
};

bool source_claim_fs(const char *dir_rel, const char *name, const char *path, const struct claim_fs *fs,
		     struct source_claim *out);
/* A saved checkpoint, as its name says (checkpoint.c): never opened. */
struct source_checkpoint {
	int64_t step;           /* -1 when the name gives only an epoch */
	int64_t epoch;          /* counted from 0 as the logs count; -1 when none */
	char owner_rel[4096];   /* the directory of the run it belongs to, rel to the logdir */
};

/* Is name (a directory when is_dir) in dir_rel a checkpoint: Hugging Face
 * checkpoint-N/, Lightning *.ckpt with step= or epoch=, Keras *.h5,
 * *.hdf5, *.keras with an epoch number? */
bool source_checkpoint(const char *dir_rel, const char *name, bool is_dir, struct source_checkpoint *c);
/* Hugging Face's checkpoint-N (n bytes of name); *step = N when step. */
bool source_checkpoint_dir(const char *name, size_t n, int64_t *step);
/* Directories never descended into (.git, caches, ...). */
bool source_skip_dir(const char *name);
/* TensorBoard's rule for event files: "tfevents" in the name (and not a
 * profiler's empty marker). */
bool source_tfevents_name(const char *name);
/* The reader's name ("tfevents", "csv", ...), as --source takes it. */
const char *source_name(enum source_kind kind);
/* Does the reader want the whole file each time it changes? */
bool source_whole_file(enum source_kind kind);
/* What a run's readers share across its files (TensorBoard's restart
 * rule is kept per run): the loader keeps one for each run; only the
 * readers look inside. */
struct source_run {
	void *state[SRC_KINDS];
};

void source_run_free(struct source_run *r);

/* What a reader sees of a file. */
struct source_file {
	const char *path;
	enum source_kind kind;
	bool gz;
	void *run;              /* the sink's handle of the file's run */
	void **run_state;       /* the run's slot for this reader, shared by its files */
	void *state;            /* the reader's own, for this file */
	const struct side_fs *side;     /* the files beside it, when remote (NULL: local) */
};

/* What the caller lends a stream for one call. */
struct source_env {
	struct sink *sink;
	struct diag *diag;
	const struct side_fs *side;     /* streams opened take it (NULL: every file is local) */
};

/* The bytes between the loader and a reader. Its fields are the stream's:
 * callers go through the stream_ functions. */
struct source_stream {
	struct source_file file;
	uint8_t *pending;       /* read, not yet consumed by the reader */
	size_t npending, pendcap;
	uint64_t log_off;       /* logical (inflated) offset of pending[0] */
	void *gz;               /* inflate state of a .gz file */
};

/* Set the stream up and open the reader, for the sink's run handle run
 * whose readers share shared; TB_ERR when the reader refuses. */
int stream_open(struct source_stream *s, const struct source_env *env, enum source_kind kind,
		const char *path, bool gz, void *run, struct source_run *shared) TB_MUST;
void stream_close(struct source_stream *s);
/* Room for n bytes read from disk straight into the stream (not .gz);
 * NULL when there is no memory for them. stream_commit then counts them. */
uint8_t *stream_room(struct source_stream *s, size_t n);
void stream_commit(struct source_stream *s, size_t n);
/* Raw bytes from disk, copied (inflated for .gz), not parsed yet. */
int stream_take(struct source_stream *s, const struct source_env *env, const uint8_t *raw, size_t n) TB_MUST;
/* Let the reader consume what is pending; eof says nothing more is on
 * disk now. TB_ERR after the reader reported corruption: the caller
 * stops reading this file. */
int stream_parse(struct source_stream *s, const struct source_env *env, bool eof) TB_MUST;
/* Raw bytes in, then parse: stream_take + stream_parse. */
int stream_feed(struct source_stream *s, const struct source_env *env, const uint8_t *raw, size_t n,
		bool eof) TB_MUST;
/* Forget pending bytes and inflate state: the whole file comes again
 * (whole-file readers compare it with what they read before). */
void stream_clear(struct source_stream *s);
/* The file is read again from its first byte: stream_clear, and the
 * reader starts over. */
void stream_rewind(struct source_stream *s, const struct source_env *env);
/* Drop the buffer of an idle stream: memory follows what is pending. */
void stream_trim(struct source_stream *s);

#endif
