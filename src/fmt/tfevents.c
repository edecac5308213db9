/* tfevents.c: the TensorBoard event-file source: TFRecord framing, Event and
 * Summary protobufs, TF1 simple_value, TF2/PyTorch tensor scalars, hparams,
 * and TensorBoard's purge of orphaned data after restarts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crc32c.h"
#include "pb.h"
#include "tfevents.h"
#include "tfrecord.h"

/* TensorFlow DataType values we can read as a scalar */
enum { DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6,
       DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_UINT16 = 17, DT_HALF = 19,
       DT_UINT32 = 22, DT_UINT64 = 23 };

enum { SESSION_START = 1 };

static double half_to_double(uint32_t h)
{
	int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, man = h & 0x3ff;
	double v;
	if (exp == 0)
		v = ldexp(man, -24);
	else if (exp == 31)
		v = man ? NAN : INFINITY;
	else
		v = ldexp(man | 0x400, exp - 25);
	return sign ? -v : v;
}

static double bfloat16_to_double(uint32_t b)
{
	union { uint32_t u; float f; } c = { .u = (b & 0xffff) << 16 };
	return c.f;
}

/* Element size in tensor_content, 0 for types we do not read. */
static size_t dtype_size(uint64_t dt)
{
	switch (dt) {
	case DT_FLOAT: case DT_INT32: case DT_UINT32: return 4;
	case DT_DOUBLE: case DT_INT64: case DT_UINT64: return 8;
	case DT_HALF: case DT_BFLOAT16: case DT_INT16: case DT_UINT16: return 2;
	case DT_INT8: case DT_UINT8: case DT_BOOL: return 1;
	}
	return 0;
}

static double from_bits(uint64_t dt, uint64_t bits)
{
	switch (dt) {
	case DT_FLOAT: {
		union { uint32_t u; float f; } c = { .u = (uint32_t)bits };
		return c.f;
	}
	case DT_DOUBLE: {
		union { uint64_t u; double d; } c = { .u = bits };
		return c.d;
	}
	case DT_HALF: return half_to_double((uint32_t)bits);
	case DT_BFLOAT16: return bfloat16_to_double((uint32_t)bits);
	case DT_INT8: return (int8_t)bits;
	case DT_INT16: return (int16_t)bits;
	case DT_INT32: return (int32_t)bits;
	case DT_INT64: return (double)(int64_t)bits;
	case DT_UINT64: return (double)bits;
	default: return (double)(uint32_t)bits;
	}
}

/* Number of elements the shape describes; -1 if unknown rank. */
static int64_t shape_elements(const struct pb_reader *parent, const struct pb_field *f)
{
	struct pb_reader r, dr;
	struct pb_field g, d;
	int64_t n = 1;
	if (pb_sub(parent, f, &r) != 0)
		return -1;
	while (pb_next(&r, &g) == 1) {
		if (g.num == 3 && g.u)          /* unknown_rank */
			return -1;
		if (g.num != 2 || pb_sub(&r, &g, &dr) != 0)
			continue;
		int64_t size = 0;
		while (pb_next(&dr, &d) == 1)
			if (d.num == 1 && d.wire == PB_VARINT)
				size = (int64_t)d.u;
		if (size < 0 || (size > 0 && n > INT64_MAX / size))
			return -1;
		n *= size;
	}
	return n;
}

/* First element of a typed *_val field, packed or not. */
static bool first_val(const struct pb_field *f, uint64_t *bits)
{
	if (f->wire == PB_LEN) {
		const uint8_t *p = f->data, *end = f->data + f->len;
		if (f->num == 5 || f->num == 16) {          /* packed float / uint32 */
			if (f->len < 4)
				return false;
			*bits = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
			return true;
		}
		if (f->num == 6) {                          /* packed double */
			if (f->len < 8)
				return false;
			*bits = 0;
			for (int i = 7; i >= 0; i--)
				*bits = (*bits << 8) | p[i];
			return true;
		}
		return pb_varint(&p, end, bits) == 1;       /* packed varints */
	}
	*bits = f->u;
	return true;
}

int tfevents_tensor_scalar(const uint8_t *buf, size_t len, double *out, bool *single)
{
	struct pb_reader r;
	struct pb_field f, content = { 0 }, typed = { 0 };
	uint64_t dtype = 0;
	int64_t elems = 1;
	bool have_content = false, have_typed = false;
	pb_init(&r, buf, len);
	int rc;
	while ((rc = pb_next(&r, &f)) == 1) {
		switch (f.num) {
		case 1: dtype = f.u; break;
		case 2: elems = shape_elements(&r, &f); break;
		case 4: content = f; have_content = f.len > 0; break;
		case 5: case 6: case 7: case 10: case 11: case 13: case 16: case 17:
			if (!have_typed) {
				typed = f;
				have_typed = true;
			}
			break;
		}
	}
	if (rc < 0 || elems != 1)
		return TB_ERR;
	size_t sz = dtype_size(dtype);
	if (!sz)
		return TB_ERR;
	uint64_t bits = 0;
	if (have_content) {
		if (content.len < sz)
			return TB_ERR;
		for (size_t i = sz; i-- > 0;)
			bits = (bits << 8) | content.data[i];
	} else if (!have_typed || !first_val(&typed, &bits)) {
		return TB_ERR;
	}
	*out = from_bits(dtype, bits);
	*single = dtype == DT_FLOAT || dtype == DT_HALF || dtype == DT_BFLOAT16;
	return TB_OK;
}

/* Plugin names kept per tag; strmap values must outlive the map. */
static const char *plugin_intern(const uint8_t *name, size_t len)
{
	static const char *const known[] = { "scalars", "hparams", "images", "histograms",
		"distributions", "audio", "text", "pr_curves", "custom_scalars", "mesh",
		"graph_keras_model", "projector", NULL };
	for (const char *const *k = known; *k; k++)
		if (strlen(*k) == len && memcmp(*k, name, len) == 0)
			return *k;
	return len ? "tensor" : "";
}

static const char *metadata_plugin(const struct pb_reader *parent, const struct pb_field *f,
				   struct pb_field *content)
{
	struct pb_reader m, pd;
	struct pb_field g, h;
	const char *plugin = "";
	if (pb_sub(parent, f, &m) != 0)
		return plugin;
	while (pb_next(&m, &g) == 1) {
		if (g.num != 1 || pb_sub(&m, &g, &pd) != 0)
			continue;
		while (pb_next(&pd, &h) == 1) {
			if (h.num == 1 && h.wire == PB_LEN)
				plugin = plugin_intern(h.data, h.len);
			else if (h.num == 2 && h.wire == PB_LEN && content)
				*content = h;
		}
	}
	return plugin;
}

/* google.protobuf.Value as text */
static void pbvalue_text(const struct pb_reader *parent, const struct pb_field *f, char *out, size_t cap)
{
	struct pb_reader r;
	struct pb_field g;
	snprintf(out, cap, "null");
	if (pb_sub(parent, f, &r) != 0)
		return;
	while (pb_next(&r, &g) == 1) {
		if (g.num == 2 && g.wire == PB_FIXED64)
			snprintf(out, cap, "%.17g", pb_double(&g));
		else if (g.num == 3 && g.wire == PB_LEN)
			snprintf(out, cap, "%.*s", (int)TB_MIN(g.len, cap - 1), (const char *)g.data);
		else if (g.num == 4 && g.wire == PB_VARINT)
			snprintf(out, cap, "%s", g.u ? "true" : "false");
	}
}

/* HParamsPluginData.session_start_info.hparams -> run->hparams */
static void read_hparams(struct run *r, const uint8_t *buf, size_t len)
{
	struct pb_reader top, ssi, ent;
	struct pb_field f, g, h;
	pb_init(&top, buf, len);
	while (pb_next(&top, &f) == 1) {
		if (f.num != 3 || pb_sub(&top, &f, &ssi) != 0)
			continue;
		while (pb_next(&ssi, &g) == 1) {
			if (g.num != 1 || pb_sub(&ssi, &g, &ent) != 0)
				continue;
			char key[256] = "", val[256] = "null";
			while (pb_next(&ent, &h) == 1) {
				if (h.num == 1 && h.wire == PB_LEN)
					snprintf(key, sizeof(key), "%.*s", (int)TB_MIN(h.len, 255), (const char *)h.data);
				else if (h.num == 2)
					pbvalue_text(&ent, &h, val, sizeof(val));
			}
			if (key[0])
				run_set_kv(&r->hparams, &r->nhparams, key, val);
		}
	}
}

/* TensorBoard reads the number after "brain.Event:" as a float; only its
 * integer part matters (>= 2 or not). */
static int parse_file_version(const uint8_t *p, size_t len)
{
	int v = 0;
	if (len < 12 || memcmp(p, "brain.Event:", 12) != 0)
		return 0;
	for (size_t i = 12; i < len && p[i] >= '0' && p[i] <= '9' && v < 1000; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

struct event {
	double wall;
	int64_t step;
	bool has_summary, session_start;
	struct pb_field summary;
};

static int purge_tags(struct source_ctx *ctx, struct run *r, const struct pb_reader *er,
		      const struct event *ev)
{
	struct pb_reader sr, vr;
	struct pb_field f, g;
	if (pb_sub(er, &ev->summary, &sr) != 0)
		return TB_ERR;
	while (pb_next(&sr, &f) == 1) {
		if (f.num != 1 || pb_sub(&sr, &f, &vr) != 0)
			continue;
		while (pb_next(&vr, &g) == 1) {
			if (g.num == 1 && g.wire == PB_LEN) {
				struct series *s = run_find_series(r, (const char *)g.data, g.len);
				if (s)
					series_purge(ctx->store, s, ev->step);
			}
		}
	}
	return TB_OK;
}

static int decode_value(struct source_ctx *ctx, struct run *r, const struct pb_reader *sr,
			const struct pb_field *vf, const struct event *ev)
{
	struct pb_reader vr;
	struct pb_field f, tag = { 0 }, node = { 0 }, meta = { 0 }, payload = { 0 }, content = { 0 };
	bool have_meta = false;
	if (pb_sub(sr, vf, &vr) != 0)
		return TB_ERR;
	while (pb_next(&vr, &f) == 1) {
		switch (f.num) {
		case 1: tag = f; break;
		case 7: node = f; break;
		case 9: meta = f; have_meta = true; break;
		case 2: case 3: case 4: case 5: case 6: case 8: payload = f; break;
		}
	}
	if (!tag.len && payload.num == 8)
		tag = node;             /* old tensors are named by node_name */
	const char *name = tag.data ? (const char *)tag.data : "";
	/* the plugin map is only needed for tensors and metadata, not for the
	 * simple_value events that make up most TF1/PyTorch files */
	const char *plugin = have_meta || payload.num == 8 ? strmap_get(&r->tb_plugin, name, tag.len) : NULL;
	if (have_meta) {
		const char *p = metadata_plugin(&vr, &meta, &content);
		if (!plugin && strmap_put(&r->tb_plugin, name, tag.len, (void *)(uintptr_t)p) != TB_OK)
			return TB_NOMEM;
		if (!plugin)
			plugin = p;
		if (p == plugin_intern((const uint8_t *)"hparams", 7) && content.len)
			read_hparams(r, content.data, content.len);
	}
	double v;
	bool single = false;    /* a float32 value: printed in float32's shortest form */
	switch (payload.num) {
	case 2:
		if (payload.wire != PB_FIXED32)
			return TB_ERR;
		v = pb_float(&payload);
		single = true;
		break;
	case 8:
		if (plugin && strcmp(plugin, "scalars") == 0 &&
		    tfevents_tensor_scalar(payload.data, payload.len, &v, &single) == TB_OK)
			break;
		return run_count_skipped(r, name, tag.len, plugin && *plugin ? plugin : "tensor");
	case 3: case 5: return run_count_skipped(r, name, tag.len, "histogram");
	case 4: return run_count_skipped(r, name, tag.len, "image");
	case 6: return run_count_skipped(r, name, tag.len, "audio");
	default: return TB_OK;
	}
	struct series *s = run_get_series(ctx->store, r, name, tag.len);
	if (!s)
		return TB_NOMEM;
	return single ? series_append_f32(ctx->store, s, ev->step, ev->wall, (float)v)
		      : series_append(ctx->store, s, ev->step, ev->wall, v);
}

static void read_session_log(const struct pb_reader *er, const struct pb_field *f, struct event *ev)
{
	struct pb_reader r;
	struct pb_field g;
	if (pb_sub(er, f, &r) != 0)
		return;
	while (pb_next(&r, &g) == 1)
		if (g.num == 1 && g.wire == PB_VARINT && g.u == SESSION_START)
			ev->session_start = true;
}

/* One-value-at-a-time scanner for the fast path below. */
static bool fast_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	return pb_varint(p, end, v) == 1;
}

/* Is [p, end) a run of Summary.Value messages each exactly
 * { tag (1), simple_value (2) }? Checked before anything is stored, so
 * the fast path either takes the whole event or none of it. */
static bool fast_values_ok(const uint8_t *p, const uint8_t *end)
{
	uint64_t n, t;
	while (p < end) {
		if (*p++ != 0x0a || !fast_varint(&p, end, &n) || n > (uint64_t)(end - p))
			return false;
		const uint8_t *v = p, *vend = p + n;
		if (v >= vend || *v++ != 0x0a || !fast_varint(&v, vend, &t) || t > (uint64_t)(vend - v))
			return false;
		v += t;
		if (vend - v != 5 || *v != 0x15)
			return false;
		p = vend;
	}
	return true;
}

/* Fast path for the shape nearly every TF1, PyTorch and tensorboardX
 * scalar event has: wall_time, step, summary { value { tag, simple_value }
 * ... }. Returns true when it stored the event, false to let the general
 * decoder (which handles everything, purges included) take it. */
static bool decode_fast(struct source_ctx *ctx, struct run *r, const uint8_t *p, const uint8_t *end)
{
	double wall = 0;
	uint64_t step = 0, n;
	if (p < end && *p == 0x09) {
		if (end - p < 9)
			return false;
		union { uint64_t u; double d; } c = { .u = pb_load_le(p + 1, 8) };
		wall = c.d;
		p += 9;
	}
	if (p < end && *p == 0x10) {
		p++;
		if (!fast_varint(&p, end, &step))
			return false;
	}
	if (p >= end || *p++ != 0x2a || !fast_varint(&p, end, &n) || n != (uint64_t)(end - p))
		return false;
	if (r->tb_file_version < 2 && r->tb_have_recent && (int64_t)step < r->tb_recent_step)
		return false;   /* a restart to purge: the general path does it */
	if (!fast_values_ok(p, end))
		return false;
	r->tb_have_recent = true;
	r->tb_recent_step = (int64_t)step;
	while (p < end) {
		uint64_t vlen, tlen;
		p++;
		fast_varint(&p, end, &vlen);
		const uint8_t *v = p + 1;
		fast_varint(&v, end, &tlen);
		union { uint32_t u; float f; } c = { .u = (uint32_t)pb_load_le(v + tlen + 1, 4) };
		struct series *s = run_get_series(ctx->store, r, (const char *)v, (size_t)tlen);
		if (!s || series_append_f32(ctx->store, s, (int64_t)step, wall, c.f) != TB_OK)
			return true;    /* out of memory: nothing better to do here */
		p += vlen;
	}
	return true;
}

int tfevents_decode(struct source_ctx *ctx, struct run *r, const uint8_t *buf, size_t len)
{
	if (decode_fast(ctx, r, buf, buf + len))
		return TB_OK;

	struct pb_reader er;
	struct pb_field f;
	struct event ev = { 0 };
	int rc;
	pb_init(&er, buf, len);
	while ((rc = pb_next(&er, &f)) == 1) {
		switch (f.num) {
		case 1: ev.wall = pb_double(&f); break;
		case 2: ev.step = (int64_t)f.u; break;
		case 3:
			/* "brain.Event:2"; the version decides how restarts are found */
			if (f.wire == PB_LEN)
				r->tb_file_version = parse_file_version(f.data, f.len);
			break;
		case 4: case 9: run_count_skipped(r, "", 0, "graph"); break;
		case 8: run_count_skipped(r, "", 0, "run_metadata"); break;
		case 5:
			if (f.wire == PB_LEN) {
				ev.summary = f;
				ev.has_summary = true;
			}
			break;
		case 7: read_session_log(&er, &f, &ev); break;
		}
	}
	if (rc < 0)
		return TB_ERR;
	/* TensorBoard's purge_orphaned_data: with a version-2 header a
	 * SessionLog START drops every tag's points at or after its step;
	 * without one, a summary whose step goes backwards drops its tags'. */
	if (r->tb_file_version >= 2) {
		if (ev.session_start)
			run_purge(ctx->store, r, ev.step);
	} else if (ev.has_summary && r->tb_have_recent && ev.step < r->tb_recent_step) {
		purge_tags(ctx, r, &er, &ev);
	}
	if (!ev.has_summary)
		return TB_OK;
	r->tb_have_recent = true;
	r->tb_recent_step = ev.step;
	struct pb_reader sr;
	if (pb_sub(&er, &ev.summary, &sr) != 0)
		return TB_ERR;
	while ((rc = pb_next(&sr, &f)) == 1) {
		if (f.num == 1 && f.wire == PB_LEN) {
			int st = decode_value(ctx, r, &sr, &f, &ev);
			if (st == TB_NOMEM)
				return st;
		}
	}
	return rc < 0 ? TB_ERR : TB_OK;
}

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
	size_t off = 0;
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
		enum tfrecord_status s = tfrecord_parse(buf + off, len - off, &dlen, &total);
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
