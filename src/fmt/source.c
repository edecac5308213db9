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
	if (tb_grow((void **)&f->pending, &f->pendcap, f->npending + n, 1) != TB_OK)
		return TB_NOMEM;
	memcpy(f->pending + f->npending, buf, n);
	f->npending += n;
	return TB_OK;
}
