/* formats_stub.c: placeholder until the W&B/HF/CSV/JSONL/gzip readers land. */
#include "tailboard/source.h"
#include "tailboard/discover.h"

static int stub_parse(struct source_ctx *ctx, struct tracked_file *f,
		      const uint8_t *buf, size_t len, bool eof, size_t *used)
{
	(void)ctx; (void)f; (void)buf; (void)eof;
	*used = len;
	return TB_OK;
}

#define STUB(n) const struct source_ops n = { .name = #n, .parse = stub_parse }
STUB(source_wandb);
STUB(source_wandb_history);
STUB(source_trainer_state);
STUB(source_csv);
STUB(source_jsonl);

bool classify_extra(const char *dir_rel, const char *name, const char *fullpath,
		    struct classify *out)
{
	(void)dir_rel; (void)name; (void)fullpath; (void)out;
	return false;
}

int gzstream_inflate(struct source_ctx *ctx, struct tracked_file *f,
		     const uint8_t *raw, size_t n)
{
	(void)raw; (void)n;
	diag_report(ctx->diag, f->path, -1, "gzip files are not supported yet");
	return TB_ERR;
}

void gzstream_free(struct tracked_file *f) { (void)f; }
