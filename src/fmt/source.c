/* source.c: the table of format readers and the pending-bytes buffer. */
#include <string.h>
#include "tailboard/source.h"

const struct source_ops *source_ops_for(enum source_kind kind)
{
	switch (kind) {
	case SRC_TFEVENTS: return &source_tfevents;
	case SRC_WANDB: return &source_wandb;
	case SRC_WANDB_HISTORY: return &source_wandb_history;
	case SRC_TRAINER_STATE: return &source_trainer_state;
	case SRC_CSV: return &source_csv;
	case SRC_JSONL: return &source_jsonl;
	case SRC_KINDS: break;
	}
	return NULL;
}

int source_pending_append(struct tracked_file *f, const uint8_t *buf, size_t n)
{
	if (!n)
		return TB_OK;   /* memcpy from a NULL buffer is undefined even for 0 bytes */
	if (tb_grow((void **)&f->pending, &f->pendcap, f->npending + n, 1) != TB_OK)
		return TB_NOMEM;
	memcpy(f->pending + f->npending, buf, n);
	f->npending += n;
	return TB_OK;
}

int source_take(struct source_ctx *ctx, struct tracked_file *f, const uint8_t *raw, size_t n)
{
	int rc = f->gz ? gzstream_inflate(ctx, f, raw, n) : source_pending_append(f, raw, n);
	if (rc != TB_OK) {
		f->failed = true;
		f->npending = 0;
	}
	return rc;
}

int source_feed(struct source_ctx *ctx, struct tracked_file *f, const uint8_t *raw, size_t n, bool eof)
{
	const struct source_ops *ops = source_ops_for(f->kind);
	int rc;
	if (raw && n && (rc = source_take(ctx, f, raw, n)) != TB_OK)
		return rc;
	size_t used = 0;
	rc = ops->parse(ctx, f, f->pending, f->npending, eof, &used);
	if (used > f->npending)
		used = f->npending;
	if (used)       /* pending may be NULL: an idle file keeps no buffer */
		memmove(f->pending, f->pending + used, f->npending - used);
	f->npending -= used;
	f->log_off += used;
	if (rc != TB_OK) {
		f->failed = true;
		f->npending = 0;
	}
	return rc;
}
