/* tfsource.c: the TensorBoard event-file source: TFRecord framing with both
 * CRCs checked, a torn tail left for later, corruption reported, and
 * records too big to be scalars checked as they stream by. */
#include <stdlib.h>
#include "crc32c.h"
#include "pb.h"
#include "tfevents.h"
#include "tfrecord.h"

/* Records larger than this are not held in memory: they are images or
 * graphs, never scalars, so their data is checked against its CRC as it
 * streams by and counted, not decoded. A crafted length can then cost no
 * more than a read buffer. */
#define BIG_RECORD ((size_t)16 << 20)

struct tfe_state {
	uint64_t skip_left;     /* data bytes of a big record still to come */
	uint64_t rec_off;       /* where that record starts, for messages */
	uint32_t crc;           /* running CRC of its data so far */
	bool want_crc;          /* its data is done; its CRC is next */
};

static int tfevents_open(struct source_ctx *ctx, struct tracked_file *f)
{
	(void)ctx;
	f->state = calloc(1, sizeof(struct tfe_state));
	return f->state ? TB_OK : TB_NOMEM;
}

static void tfevents_close(struct tracked_file *f)
{
	free(f->state);
	f->state = NULL;
}

static int report_bad(struct source_ctx *ctx, struct tracked_file *f, uint64_t at, const char *what)
{
	/* at offset 0 the file was never an event file (a CSV named
	 * *tfevents*, say): say so rather than "corrupt" */
	if (at == 0)
		diag_report(ctx->diag, f->path, 0, "not a TensorBoard event file (%s)", what);
	else
		diag_report(ctx->diag, f->path, (int64_t)at, "%s; the rest of this file is skipped", what);
	return TB_ERR;
}

/* Consume what there is of a big record's data and then its CRC. */
static int skip_big(struct source_ctx *ctx, struct tracked_file *f, struct tfe_state *st,
		    const uint8_t *buf, size_t len, size_t *off)
{
	if (st->skip_left) {
		size_t n = (size_t)TB_MIN((uint64_t)(len - *off), st->skip_left);
		st->crc = crc32c_update(st->crc, buf + *off, n);
		*off += n;
		st->skip_left -= n;
		st->want_crc = !st->skip_left;
	}
	if (!st->want_crc || len - *off < 4)
		return TB_AGAIN;
	uint32_t want = (uint32_t)pb_load_le(buf + *off, 4);
	st->want_crc = false;
	if (crc32c_mask(st->crc) != want)
		return report_bad(ctx, f, st->rec_off, tfrecord_strerror(TFR_BAD_DATACRC));
	*off += 4;
	return run_count_skipped(f->run, "", 0, "large record");
}

static int tfevents_parse(struct source_ctx *ctx, struct tracked_file *f, const uint8_t *buf,
			  size_t len, bool eof, size_t *used)
{
	struct tfe_state *st = f->state;
	tfrecord_parse_fn frame = tfrecord_parser();
	tfrecord_verify_fn verify = tfrecord_verifier();
	size_t off = 0, checked = 0;   /* [off, checked) is whole records, CRCs checked */
	int rc = TB_OK;
	(void)eof;
	while (off < len) {
		if (st->skip_left || st->want_crc) {
			rc = skip_big(ctx, f, st, buf, len, &off);
			if (rc == TB_AGAIN) {
				rc = TB_OK;
				break;
			}
			if (rc != TB_OK)
				break;
			continue;
		}
		size_t dlen, total;
		if (off >= checked)
			checked = off + verify(buf + off, len - off);
		if (off < checked) {
			dlen = (size_t)pb_load_le(buf + off, 8);
			total = dlen + TFRECORD_OVERHEAD;
		} else {
			/* not a whole record that checks out: which is it? */
			enum tfrecord_status s = frame(buf + off, len - off, &dlen, &total);
			if (s == TFR_SHORT && dlen > BIG_RECORD) {
				st->skip_left = dlen;
				st->rec_off = f->log_off + off;
				st->crc = 0;
				off += 12;
				continue;
			}
			if (s == TFR_SHORT)
				break;          /* torn tail: the writer is not done */
			if (s != TFR_OK) {
				rc = report_bad(ctx, f, f->log_off + off, tfrecord_strerror(s));
				break;
			}
		}
		rc = tfevents_decode(ctx, f->run, buf + off + 12, dlen);
		if (rc == TB_NOMEM)
			break;
		if (rc != TB_OK)
			diag_report(ctx->diag, f->path, (int64_t)(f->log_off + off),
				    "event record is not a valid Event protobuf; skipped");
		rc = TB_OK;
		off += total;
	}
	*used = off;
	return rc;
}

const struct source_ops source_tfevents = {
	.name = "tfevents",
	.open = tfevents_open,
	.parse = tfevents_parse,
	.close = tfevents_close,
};

