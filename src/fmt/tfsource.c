/* tfsource.c: the TensorBoard event-file source: its claim (a run is the
 * directory holding event files, PyTorch's add_hparams child aside),
 * TFRecord framing with both CRCs checked, a torn tail left for later,
 * corruption reported, and records too big to be scalars checked as they
 * stream by. */
#include <stdlib.h>
#include "claim.h"
#include "crc32c.h"
#include "pb.h"
#include "tfevents.h"
#include "tfrecord.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

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
	struct tagcache tags;
};

/* Is [p, p+n) what str(time.time()) gives: Unix seconds (9 to 11 digits,
 * 1973 to 5138), a point, a fraction? */
static bool time_named(const char *p, size_t n)
{
	size_t i = 0, frac;
	while (i < n && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i < 9 || i > 11 || i == n || p[i] != '.')
		return false;
	frac = ++i;
	while (i < n && p[i] >= '0' && p[i] <= '9')
		i++;
	return i == n && i > frac;
}

static bool events_name(const char *name, void *arg)
{
	(void)arg;
	return source_tfevents_name(name);
}

/* PyTorch's SummaryWriter.add_hparams writes the hparams into a child of
 * the writer's directory named str(time.time()) (runs/exp1/1700000000.12/
 * events...), holding nothing else but the metric values passed along.
 * TensorBoard shows that child as a run of its own; here its files are
 * read as the parent's run, where the hyperparameters belong. A name is
 * not enough (someone may name runs by the time), so the parent must hold
 * event files too, as the writer's own directory always does: the writer
 * made its file there before add_hparams could be called. */
static bool hparams_child(const struct claim_in *in, size_t *parent_len)
{
	char parent[4096];
	const char *leaf = claim_last_part(in->dir_rel, in->dlen, parent_len);
	return in->dlen && time_named(leaf, in->dlen - (size_t)(leaf - in->dir_rel)) &&
	       path_dir(in->path, 1, parent, sizeof(parent)) && claim_dir_has(in->fs, parent, events_name, NULL);
}

bool tfevents_claim(const struct claim_in *in, struct source_claim *out)
{
	size_t plen;
	if (!source_tfevents_name(in->name))
		return false;
	out->kind = SRC_TFEVENTS;
	if (hparams_child(in, &plen))
		claim_set_run(out, in->dir_rel, plen, NULL, 0);
	else
		claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}

static int tfevents_open(struct emit *e, struct source_file *f)
{
	(void)e;
	struct tfe_state *st = xcalloc(1, sizeof(*st));
	tagcache_init(&st->tags);
	f->state = st;
	if (!*f->run_state)
		*f->run_state = tf_run_new();
	return TB_OK;
}

static void tfevents_reset(struct emit *e, struct source_file *f)
{
	struct tfe_state *st = f->state;
	(void)e;
	st->skip_left = st->rec_off = 0;
	st->crc = 0;
	st->want_crc = false;
	tf_run_reset(*f->run_state);    /* every file of the run is read again */
}

static void tfevents_close(struct source_file *f)
{
	struct tfe_state *st = f->state;
	if (!st)
		return;
	tagcache_free(&st->tags);
	free(st);
	f->state = NULL;
}

static int report_bad(struct emit *e, struct source_file *f, uint64_t at, const char *what)
{
	/* at offset 0 the file was never an event file (a CSV named
	 * *tfevents*, say): say so rather than "corrupt" */
	if (at == 0)
		diag_report(e->diag, f->path, 0, "not a TensorBoard event file (%s)", what);
	else
		diag_report(e->diag, f->path, (int64_t)at, "%s; the rest of this file is skipped", what);
	return TB_ERR;
}

/* Consume what there is of a big record's data and then its CRC. */
static int skip_big(struct emit *e, struct source_file *f, struct tfe_state *st,
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
		return report_bad(e, f, st->rec_off, tfrecord_strerror(TFR_BAD_DATACRC));
	*off += 4;
	emit_skipped(e, f->run, "", 0, "large record");
	return TB_OK;
}

static int tfevents_parse(struct emit *e, struct source_file *f, const uint8_t *buf,
			  size_t len, uint64_t base, bool eof, size_t *used)
{
	struct tfe_state *st = f->state;
	struct tf_decoder dec = { e, f->run, *f->run_state, &st->tags };
	tfrecord_parse_fn frame = tfrecord_parser();
	tfrecord_verify_fn verify = tfrecord_verifier();
	size_t off = 0, checked = 0;   /* [off, checked) is whole records, CRCs checked */
	int rc = TB_OK;
	(void)eof;
	while (off < len) {
		if (st->skip_left || st->want_crc) {
			rc = skip_big(e, f, st, buf, len, &off);
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
				st->rec_off = base + off;
				st->crc = 0;
				off += 12;
				continue;
			}
			if (s == TFR_SHORT)
				break;          /* torn tail: the writer is not done */
			if (s != TFR_OK) {
				rc = report_bad(e, f, base + off, tfrecord_strerror(s));
				break;
			}
		}
		rc = tfevents_decode(&dec, buf + off + 12, dlen);
		if (rc != TB_OK)
			diag_report(e->diag, f->path, (int64_t)(base + off),
				    "event record is not a valid Event protobuf; skipped");
		rc = TB_OK;
		off += total;
	}
	*used = off;
	return rc;
}

const struct source_ops source_tfevents = {
	.name = "tfevents",
	.claim = tfevents_claim,
	.open = tfevents_open,
	.parse = tfevents_parse,
	.reset = tfevents_reset,
	.close = tfevents_close,
	.run_free = tf_run_free,
};

