/* source_int.h: what the readers of src/fmt share and nothing outside
 * sees: the reader table entry, and emit, a reader's way out. */
#ifndef TAILBOARD_SOURCE_INT_H
#define TAILBOARD_SOURCE_INT_H

#include "tailboard/source.h"

#define EMIT_BATCH 256

/* A reader's output for one call: points batched into the sink (one call
 * a few hundred points), every other event passed on at once, after the
 * points before it, so the sink sees them in the order they were read. */
struct emit {
	struct sink *sink;
	struct diag *diag;
	size_t n;
	int status;             /* TB_NOMEM once points were lost (reported) */
	struct sink_point p[EMIT_BATCH];
};

/* What discovery knows of a file when it asks each reader. */
struct claim_in {
	const char *dir_rel;
	const char *name;
	const char *path;
	size_t dlen, n;         /* lengths of dir_rel and name */
	size_t base;            /* name's length without ".gz" */
	bool gz;
	const struct claim_fs *fs;      /* NULL: path is on this filesystem */
};

struct source_ops {
	const char *name;
	bool whole_file;
	bool report_cut_gz;     /* at the end of a .gz file, say when it stops inside a member */
	bool (*claim)(const struct claim_in *in, struct source_claim *out);
	int (*open)(struct emit *e, struct source_file *f);
	/* Consume whole records from buf (off: its logical offset in the
	 * file); *used = bytes consumed. eof: nothing more is on disk now.
	 * TB_OK, or TB_ERR after reporting corruption. */
	int (*parse)(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
		     uint64_t off, bool eof, size_t *used);
	/* The file is read again from its first byte. */
	void (*reset)(struct emit *e, struct source_file *f);
	void (*close)(struct source_file *f);
	void (*run_free)(void *run_state);
};

const struct source_ops *source_ops_for(enum source_kind kind);

extern const struct source_ops source_tfevents;
extern const struct source_ops source_wandb;
extern const struct source_ops source_wandb_history;
extern const struct source_ops source_wandb_events;
extern const struct source_ops source_trainer_state;
extern const struct source_ops source_csv;
extern const struct source_ops source_jsonl;
extern const struct source_ops source_wandb_output;

void emit_init(struct emit *e, const struct source_env *env);
/* Hand the batched points to the sink; points it had no memory for are
 * reported there and counted in e->status. */
void emit_flush(struct emit *e);

static inline void emit_point(struct emit *e, void *series, int64_t step, double wall, double value, bool f32)
{
	if (e->n == EMIT_BATCH)
		emit_flush(e);
	struct sink_point *p = &e->p[e->n++];
	p->series = series;
	p->step = step;
	p->wall = wall;
	p->value = value;
	p->f32 = f32;
}

void *emit_series(struct emit *e, void *run, const char *tag, size_t len);
void emit_purge(struct emit *e, void *run, const char *tag, size_t len, int64_t step);
void emit_skipped(struct emit *e, void *run, const char *tag, size_t len, const char *kind);
void emit_fact(struct emit *e, void *run, enum sink_fact what, const char *key, const char *value);
void emit_line(struct emit *e, void *run, const struct sink_line *l);

#endif
