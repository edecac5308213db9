/* wandb.c: W&B .wandb transaction logs.
 *
 * Framing (W&B's datastore, the LevelDB log layout): a 7-byte file header
 * ":W&B", u16 0xBEE1, u8 version 0; then 32 KiB blocks of chunks, each
 * u32 CRC-32 (zlib) over the type byte and the data, u16 length, u8 type
 * FULL=1 / FIRST=2 / MIDDLE=3 / LAST=4; a block's last < 7 bytes are zero
 * padding.  A record is a FULL chunk or FIRST, MIDDLE*, LAST.
 *
 * Records are W&B's `Record` protobuf (wandb_internal.proto): history = 2,
 * summary = 3, output = 4, config = 5, stats = 7, output_raw = 13, run = 17,
 * environment = 26.  Their items carry a key
 * (or, since wandb-core, nested_key parts, joined here with '/') and a
 * JSON-encoded value.
 *
 * Only whole chunks are consumed: a torn tail waits for the writer.  A CRC
 * mismatch or an impossible header skips to the next block, the unit the
 * writer never lets a chunk cross. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "pb.h"
#include "claim.h"
#include "wandb.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

#define BLOCK 32768u
#define HDR 7u
#define MAX_RECORD (64u << 20)

enum { CH_FULL = 1, CH_FIRST = 2, CH_MIDDLE = 3, CH_LAST = 4 };

/* Record fields */
enum { REC_HISTORY = 2, REC_SUMMARY = 3, REC_OUTPUT = 4, REC_CONFIG = 5, REC_STATS = 7, REC_OUTPUT_RAW = 13,
       REC_RUN = 17, REC_EXIT = 18, REC_ENV = 26 };

struct wandb_state {
	uint64_t skip_to;       /* resync: ignore bytes before this offset */
	uint8_t *frag;          /* FIRST..MIDDLE chunks of a record so far */
	size_t nfrag, fragcap;
	uint64_t frag_off;
	bool in_frag;
	int64_t step;           /* latest history step: system stats use it */
	unsigned nreports;
	struct fmt_buf tag, key, text;
	struct fmt_buf media;   /* this history record's media objects (wandb_media_add) */
	struct fmt_buf smedia;  /* the summary's, over the whole log */
	struct wandb_files files;
	struct tagcache tags;
	struct wandb_console con[2];    /* console text by stream (wandb_output.c) */
	bool raw;               /* output_raw seen: output records repeat it */
};

static int wandb_open(struct emit *e, struct source_file *f)
{
	struct wandb_state *s = xcalloc(1, sizeof(*s));
	tagcache_init(&s->tags);
	f->state = s;
	wandb_files_read(e, f, &s->files);
	return TB_OK;
}

static void wandb_reset(struct emit *e, struct source_file *f)
{
	struct wandb_state *s = f->state;
	(void)e;
	s->skip_to = 0;
	s->in_frag = false;
	s->nfrag = 0;
	s->step = 0;
	s->smedia.n = 0;
	memset(&s->files, 0, sizeof(s->files));
	s->con[0].part.n = s->con[1].part.n = 0;
	s->raw = false;
}

static void wandb_close(struct source_file *f)
{
	struct wandb_state *s = f->state;
	if (!s)
		return;
	free(s->frag);
	fmt_buf_free(&s->tag);
	fmt_buf_free(&s->key);
	fmt_buf_free(&s->text);
	fmt_buf_free(&s->media);
	fmt_buf_free(&s->smedia);
	fmt_buf_free(&s->con[0].part);
	fmt_buf_free(&s->con[1].part);
	tagcache_free(&s->tags);
	free(s);
	f->state = NULL;
}

/* ---- items: key/nested_key + value_json ----------------------------- */

struct item {
	const uint8_t *value;
	size_t vlen;
	bool has_value;
};

/* Read an item's key into key (nested_key parts joined by sep: '/' for
 * tags, '.' for config keys) and locate its value. */
static int item_read(const struct pb_reader *parent, const struct pb_field *fld,
		     struct fmt_buf *key, struct item *it, char sep)
{
	struct pb_reader r;
	struct pb_field x;
	int rc;
	bool nested = false;
	fmt_buf_set(key, "", 0);
	memset(it, 0, sizeof(*it));
	if (pb_sub(parent, fld, &r) != 0)
		return TB_ERR;
	while ((rc = pb_next(&r, &x)) == 1) {
		if (x.wire != PB_LEN)
			continue;
		if (x.num == 1 && !nested) {
			fmt_buf_set(key, (const char *)x.data, x.len);
		} else if (x.num == 2) {
			if (!nested)
				key->n = 0;
			if (nested)
				fmt_buf_add(key, &sep, 1);
			fmt_buf_add(key, (const char *)x.data, x.len);
			nested = true;
		} else if (x.num == 16) {
			it->value = x.data;
			it->vlen = x.len;
			it->has_value = true;
		}
	}
	return rc == 0 ? TB_OK : TB_ERR;
}

static cJSON *item_json(const struct item *it)
{
	size_t off;
	if (!it->has_value)
		return NULL;
	return pyjson_parse((const char *)it->value, it->vlen, &off);
}

/* ---- history ------------------------------------------------------------ */

static int history_read(struct emit *e, struct source_file *f,
			const struct pb_reader *rec, const struct pb_field *fld)
{
	struct wandb_state *s = f->state;
	struct pb_reader r;
	struct pb_field x;
	struct item it;
	bool have_step = false, have_item_step = false;
	int64_t step = 0, item_step = 0;
	double wall = 0;
	int rc;

	/* pass 1: the step and time, wherever they sit among the items, and
	 * the media objects logged a field an item */
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	s->media.n = 0;
	while ((rc = pb_next(&r, &x)) == 1) {
		if (x.num == 2 && x.wire == PB_LEN) {
			struct pb_reader sr;
			struct pb_field y;
			if (pb_sub(&r, &x, &sr) != 0)
				return TB_ERR;
			step = 0;   /* proto3: an empty HistoryStep is step 0 */
			while (pb_next(&sr, &y) == 1)
				if (y.num == 1 && y.wire == PB_VARINT)
					step = (int64_t)y.u;
			have_step = true;
		} else if (x.num == 1 && x.wire == PB_LEN) {
			if ((rc = item_read(&r, &x, &s->key, &it, '/')) != TB_OK)
				return rc;
			wandb_media_add(&s->media, s->key.p, s->key.n);
			if (strcmp(s->key.p, "_step") == 0 || strcmp(s->key.p, "_timestamp") == 0) {
				cJSON *j = item_json(&it);
				double v;
				if (j && pyjson_number(j, &v)) {
					if (s->key.p[1] == 's')
						have_item_step = fmt_step_from_double(v, &item_step);
					else
						wall = v;
				}
				cJSON_Delete(j);
			}
		}
	}
	if (rc != 0)
		return TB_ERR;
	/* _step is what the user saw in W&B; the HistoryStep field agrees when both exist */
	if (have_item_step)
		step = item_step;
	else if (!have_step)
		step = s->step;
	s->step = step;

	/* pass 2: the values; W&B's own keys start with '_' */
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while (pb_next(&r, &x) == 1) {
		if (x.num != 1 || x.wire != PB_LEN)
			continue;
		if ((rc = item_read(&r, &x, &s->key, &it, '/')) != TB_OK)
			return rc;
		if (s->key.n == 0 || s->key.p[0] == '_' || wandb_in_media(&s->media, s->key.p, s->key.n))
			continue;
		cJSON *j = item_json(&it);
		if (!j)
			continue;
		fmt_buf_set(&s->tag, s->key.p, s->key.n);
		wandb_emit_value(e, f, &s->tags, &s->tag, j, step, wall, 0);
		cJSON_Delete(j);
	}
	return TB_OK;
}

/* ---- system stats -------------------------------------------------------- */

static int stats_read(struct emit *e, struct source_file *f,
		      const struct pb_reader *rec, const struct pb_field *fld)
{
	struct wandb_state *s = f->state;
	struct pb_reader r;
	struct pb_field x;
	struct item it;
	double wall = 0;
	int rc;

	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while ((rc = pb_next(&r, &x)) == 1) {
		if (x.num == 2 && x.wire == PB_LEN && wandb_timestamp(&r, &x, &wall) != TB_OK)
			return TB_ERR;
	}
	if (rc != 0)
		return TB_ERR;
	/* System metrics have no step of their own: they sit at the latest
	 * history step, so they line up with training on a step axis. */
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while (pb_next(&r, &x) == 1) {
		if (x.num != 3 || x.wire != PB_LEN)
			continue;
		if ((rc = item_read(&r, &x, &s->key, &it, '/')) != TB_OK)
			return rc;
		cJSON *j = item_json(&it);
		if (!j)
			continue;
		fmt_buf_set(&s->tag, "system/", 7);
		fmt_buf_add(&s->tag, s->key.p, s->key.n);
		wandb_emit_value(e, f, &s->tags, &s->tag, j, s->step, wall, 0);
		cJSON_Delete(j);
	}
	return TB_OK;
}

/* ---- config, summary, run ------------------------------------------------ */

/* A summary's media and tables logged a field an item (my_table/_type,
 * my_table/nrows): their names, from every update so far. */
static int summary_media(struct wandb_state *s, const struct pb_reader *rec, const struct pb_field *fld)
{
	struct pb_reader r;
	struct pb_field x;
	struct item it;
	int rc;
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while ((rc = pb_next(&r, &x)) == 1 && s->smedia.n < 65536)
		if (x.num == 1 && x.wire == PB_LEN && item_read(&r, &x, &s->key, &it, '/') == TB_OK)
			wandb_media_add(&s->smedia, s->key.p, s->key.n);
	return rc < 0 ? TB_ERR : TB_OK;
}

/* ConfigRecord / SummaryRecord: repeated items in field 1 ("update"). */
static int items_read(struct emit *e, struct source_file *f, const struct pb_reader *rec,
		      const struct pb_field *fld, bool summary)
{
	struct wandb_state *s = f->state;
	struct pb_reader r;
	struct pb_field x;
	struct item it;
	int rc;
	unsigned budget = 1024;
	if ((summary && summary_media(s, rec, fld) != TB_OK) || pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while ((rc = pb_next(&r, &x)) == 1) {
		if (x.num != 1 || x.wire != PB_LEN)
			continue;
		if ((rc = item_read(&r, &x, &s->key, &it, summary ? '/' : '.')) != TB_OK)
			return rc;
		if (s->key.n == 0 || s->key.p[0] == '_' || (summary && wandb_in_media(&s->smedia, s->key.p, s->key.n)))
			continue;   /* _wandb, _runtime...: W&B's bookkeeping; a table's fields */
		cJSON *j = item_json(&it);
		if (!j)
			continue;
		if (!summary) {
			wandb_set_config(e, f, s->key.p, j);
		} else {
			/* final values W&B shows in its runs table */
			fmt_buf_set(&s->text, "summary/", 8);
			fmt_buf_add(&s->text, s->key.p, s->key.n);
			wandb_summary_emit(e, f, &s->text, j, 0, &budget);
		}
		cJSON_Delete(j);
	}
	return rc == 0 ? TB_OK : TB_ERR;
}

static void set_info(struct emit *e, struct source_file *f, struct fmt_buf *tmp, const char *key,
		     const struct pb_field *x)
{
	if (!x->len)
		return;
	fmt_buf_set(tmp, (const char *)x->data, x->len);
	emit_fact(e, f->run, SINK_INFO, key, tmp->p);
}

static int run_read(struct emit *e, struct source_file *f, const struct pb_reader *rec, const struct pb_field *fld)
{
	struct wandb_state *s = f->state;
	struct pb_reader r;
	struct pb_field x;
	int rc = TB_OK, more;
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while (rc == TB_OK && (more = pb_next(&r, &x)) == 1) {
		if (x.wire != PB_LEN)
			continue;
		switch (x.num) {
		case 1: set_info(e, f, &s->text, "wandb id", &x); break;
		case 2: set_info(e, f, &s->text, "wandb entity", &x); break;
		case 3: set_info(e, f, &s->text, "wandb project", &x); break;
		case 6: set_info(e, f, &s->text, "wandb group", &x); break;
		case 13: wandb_env_fact(e, f, "host", (const char *)x.data, x.len); break;
		case 17: wandb_time_fact(e, f, &r, &x); break;
		case 21: wandb_git_read(e, f, &r, &x); break;
		case 4: rc = items_read(e, f, &r, &x, false); break;
		case 8:
			if (x.len) {
				fmt_buf_set(&s->text, (const char *)x.data, x.len);
				emit_fact(e, f->run, SINK_LABEL, NULL, s->text.p);
			}
			break;
		default: break;
		}
	}
	if (rc != TB_OK)
		return rc;
	return more == 0 ? TB_OK : TB_ERR;
}

/* RunExitRecord: exit_code (1): the run is over, and how. */
static int exit_read(struct emit *e, struct source_file *f, const struct pb_reader *rec, const struct pb_field *fld)
{
	struct pb_reader r;
	struct pb_field x;
	int64_t code = 0;
	char text[32];
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while (pb_next(&r, &x) == 1)
		if (x.num == 1 && x.wire == PB_VARINT)
			code = (int32_t)x.u;
	snprintf(text, sizeof(text), "exit %lld", (long long)code);
	emit_fact(e, f->run, SINK_FINISHED, NULL, text);
	return TB_OK;
}

static int record_read(struct emit *e, struct source_file *f,
		       const uint8_t *data, size_t n, uint64_t off)
{
	struct wandb_state *s = f->state;
	struct pb_reader r;
	struct pb_field x;
	int rc = TB_OK, more;
	pb_init(&r, data, n);
	while (rc == TB_OK && (more = pb_next(&r, &x)) == 1) {
		if (x.wire != PB_LEN)
			continue;
		switch (x.num) {
		case REC_HISTORY: rc = history_read(e, f, &r, &x); break;
		case REC_STATS: rc = stats_read(e, f, &r, &x); break;
		case REC_CONFIG: rc = items_read(e, f, &r, &x, false); break;
		case REC_SUMMARY: rc = items_read(e, f, &r, &x, true); break;
		case REC_RUN: rc = run_read(e, f, &r, &x); break;
		case REC_EXIT: rc = exit_read(e, f, &r, &x); break;
		case REC_ENV: rc = wandb_env_read(e, f, &r, &x); break;
		case REC_OUTPUT_RAW: s->raw = true; /* fall through */
		case REC_OUTPUT:
			if (x.num == REC_OUTPUT_RAW || !s->raw)
				rc = wandb_output_read(e, f, &r, &x, s->con);
			break;
		default: break;
		}
	}
	if (rc == TB_NOMEM)
		return rc;
	if (rc != TB_OK || more != 0)
		fmt_report(e, f, &s->nreports, (int64_t)off,
			   "malformed W&B record (protobuf does not parse); record skipped");
	return TB_OK;
}

/* ---- framing ------------------------------------------------------------- */

static void resync(struct emit *e, struct source_file *f, uint64_t at, const char *why)
{
	struct wandb_state *s = f->state;
	uint64_t next = (at / BLOCK + 1) * BLOCK;
	char msg[160];
	snprintf(msg, sizeof(msg), "%s; skipping to the next block at offset %llu",
		 why, (unsigned long long)next);
	fmt_report(e, f, &s->nreports, (int64_t)at, msg);
	s->skip_to = next;
	s->in_frag = false;
	s->nfrag = 0;
}

static int frag_add(struct wandb_state *s, const uint8_t *p, size_t n)
{
	if (tb_grow((void **)&s->frag, &s->fragcap, s->nfrag + n, 1) != TB_OK)
		return TB_NOMEM;    /* a record's size follows the data: reported */
	memcpy(s->frag + s->nfrag, p, n);
	s->nfrag += n;
	return TB_OK;
}

/* The file header: ":W&B", 0xBEE1, version 0. TB_AGAIN until 7 bytes are there. */
static int header_check(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len)
{
	if (len < HDR)
		return TB_AGAIN;
	if (memcmp(buf, ":W&B", 4) != 0 || buf[4] != 0xE1 || buf[5] != 0xBE) {
		diag_report(e->diag, f->path, 0, "not a W&B transaction log (bad file header)");
		return TB_ERR;
	}
	if (buf[6] != 0) {
		diag_report(e->diag, f->path, 6, "W&B log format version %u is not supported", buf[6]);
		return TB_ERR;
	}
	return TB_OK;
}

static void unfinished(struct emit *e, struct source_file *f, struct wandb_state *s)
{
	if (s->in_frag)
		fmt_report(e, f, &s->nreports, (int64_t)s->frag_off,
			   "W&B record never finished (FIRST chunk without LAST); dropped");
}

/* One whole chunk of type at offset at: a record, or part of one. */
static int chunk_take(struct emit *e, struct source_file *f, uint8_t type, const uint8_t *d, size_t n,
		      uint64_t at)
{
	struct wandb_state *s = f->state;
	int rc = TB_OK;
	switch (type) {
	case CH_FULL:
		unfinished(e, f, s);
		s->in_frag = false;
		return record_read(e, f, d, n, at);
	case CH_FIRST:
		unfinished(e, f, s);
		s->in_frag = true;
		s->nfrag = 0;
		s->frag_off = at;
		rc = frag_add(s, d, n);
		break;
	default:        /* MIDDLE, LAST */
		if (!s->in_frag) {
			fmt_report(e, f, &s->nreports, (int64_t)at,
				   "W&B chunk continues a record whose start is missing; dropped");
			break;
		}
		if (s->nfrag + n > MAX_RECORD) {
			fmt_report(e, f, &s->nreports, (int64_t)s->frag_off, "W&B record larger than 64 MiB; dropped");
			s->in_frag = false;
			break;
		}
		rc = frag_add(s, d, n);
		if (rc == TB_OK && type == CH_LAST) {
			s->in_frag = false;
			rc = record_read(e, f, s->frag, s->nfrag, s->frag_off);
		}
		break;
	}
	if (rc == TB_NOMEM)
		diag_report(e->diag, f->path, (int64_t)s->frag_off, "out of memory for a W&B record");
	return rc;
}

/* The chunk at buf[pos] (logical offset at): *adv = bytes to step over,
 * 0 when it is not all there yet. */
static int chunk_at(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len, size_t pos,
		    uint64_t at, size_t *adv)
{
	size_t left = BLOCK - (size_t)(at % BLOCK);
	*adv = 0;
	if (left < HDR) {       /* block trailer: zero padding */
		*adv = len - pos < left ? 0 : left;
		return TB_OK;
	}
	if (len - pos < HDR)
		return TB_OK;
	const uint8_t *h = buf + pos;
	uint32_t crc = (uint32_t)h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16 | (uint32_t)h[3] << 24;
	size_t n = (size_t)h[4] | (size_t)h[5] << 8;
	uint8_t type = h[6];
	if (crc == 0 && n == 0 && type == 0) {
		/* zeros: space not yet written, or padding a writer left; once
		 * bytes exist past this block, the writer has moved on */
		*adv = len - pos > left ? left : 0;
		return TB_OK;
	}
	if (HDR + n > left || type < CH_FULL || type > CH_LAST) {
		resync(e, f, at, type < CH_FULL || type > CH_LAST ? "bad W&B chunk type"
			: "W&B chunk length runs past its block");
		return TB_OK;
	}
	if (len - pos < HDR + n)
		return TB_OK;   /* torn tail: wait for the writer */
	uLong c = crc32(0L, &type, 1);
	c = crc32(c, h + HDR, (uInt)n);
	if ((uint32_t)c != crc) {
		resync(e, f, at, "CRC mismatch in W&B chunk");
		return TB_OK;
	}
	*adv = HDR + n;
	return chunk_take(e, f, type, h + HDR, n, at);
}

static int wandb_parse(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
		       uint64_t base, bool eof, size_t *used)
{
	struct wandb_state *s = f->state;
	size_t pos = 0;
	int rc = TB_OK;
	*used = 0;
	if (base == 0 && len > 0) {
		rc = header_check(e, f, buf, len);
		if (rc == TB_AGAIN)
			return TB_OK;
		if (rc != TB_OK) {
			*used = len;
			return rc;
		}
		pos = HDR;
	}
	while (pos < len && rc == TB_OK) {
		uint64_t at = base + pos;
		if (at < s->skip_to) {
			pos += (size_t)TB_MIN(s->skip_to - at, (uint64_t)(len - pos));
			continue;
		}
		uint64_t skip = s->skip_to;
		size_t adv;
		rc = chunk_at(e, f, buf, len, pos, at, &adv);
		if (!adv && s->skip_to == skip)
			break;  /* not all there yet */
		pos += adv;
	}
	*used = pos;
	if (eof && rc == TB_OK)
		wandb_files_read(e, f, &s->files);   /* rewritten beside the log: at most a stat each */
	return rc == TB_NOMEM ? TB_NOMEM : TB_OK;
}

const struct source_ops source_wandb = {
	.name = "wandb",
	.claim = wandb_claim,
	.open = wandb_open,
	.parse = wandb_parse,
	.reset = wandb_reset,
	.close = wandb_close,
};
