/* tfevents.c: TensorBoard Event and Summary protobufs into a sink: TF1
 * simple_value, TF2/PyTorch tensor scalars (tftensor.c), hparams (and the
 * Hugging Face Trainer's JSON text summaries, tftext.c), counts of what
 * is not a scalar, and TensorBoard's purge of orphaned data after
 * restarts. The event-file source around it is tfsource.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hparams.h"
#include "pb.h"
#include "tfevents.h"
#include "tailboard/xalloc.h"

enum { SESSION_START = 1 };     /* SessionLog.status */

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

/* google.protobuf.Value as hyperparameter text (hparams.h): null_value 1,
 * number_value 2, string_value 3, bool_value 4 */
static void pbvalue_text(const struct pb_reader *parent, const struct pb_field *f, char *out, size_t cap)
{
	struct pb_reader r;
	struct pb_field g;
	snprintf(out, cap, "null");
	if (pb_sub(parent, f, &r) != 0)
		return;
	while (pb_next(&r, &g) == 1) {
		if (g.num == 2 && g.wire == PB_FIXED64)
			hparams_number(pb_double(&g), out, cap);
		else if (g.num == 3 && g.wire == PB_LEN)
			hparams_text((const char *)g.data, g.len, out, cap);
		else if (g.num == 4 && g.wire == PB_VARINT)
			snprintf(out, cap, "%s", g.u ? "true" : "false");
	}
}

/* HParamsPluginData.session_start_info.hparams -> run->hparams */
static void read_hparams(struct tf_decoder *d, const uint8_t *buf, size_t len)
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
			char key[HP_MAX_KEY + 1] = "", val[HP_MAX_TEXT + 1] = "null";
			while (pb_next(&ent, &h) == 1) {
				if (h.num == 1 && h.wire == PB_LEN && h.len <= HP_MAX_KEY)
					snprintf(key, sizeof(key), "%.*s", (int)h.len, (const char *)h.data);
				else if (h.num == 2)
					pbvalue_text(&ent, &h, val, sizeof(val));
			}
			if (key[0])
				emit_fact(d->e, d->run, SINK_HPARAM, key, val);
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

static int purge_tags(struct tf_decoder *d, const struct pb_reader *er, const struct event *ev)
{
	struct pb_reader sr, vr;
	struct pb_field f, g;
	if (pb_sub(er, &ev->summary, &sr) != 0)
		return TB_ERR;
	while (pb_next(&sr, &f) == 1) {
		if (f.num != 1 || pb_sub(&sr, &f, &vr) != 0)
			continue;
		while (pb_next(&vr, &g) == 1) {
			if (g.num == 1 && g.wire == PB_LEN)
				emit_purge(d->e, d->run, (const char *)g.data, g.len, ev->step);
		}
	}
	return TB_OK;
}

static int skipped(struct tf_decoder *d, const char *tag, size_t len, const char *kind)
{
	emit_skipped(d->e, d->run, tag, len, kind);
	return TB_OK;
}

static int decode_value(struct tf_decoder *d, const struct pb_reader *sr, const struct pb_field *vf,
			const struct event *ev)
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
	const char *plugin = have_meta || payload.num == 8 ? strmap_get(&d->rs->plugin, name, tag.len) : NULL;
	if (have_meta) {
		const char *p = metadata_plugin(&vr, &meta, &content);
		if (!plugin) {
			strmap_put(&d->rs->plugin, name, tag.len, (void *)(uintptr_t)p);
			plugin = p;
		}
		if (p == plugin_intern((const uint8_t *)"hparams", 7) && content.len)
			read_hparams(d, content.data, content.len);
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
		if (plugin && strcmp(plugin, "text") == 0)
			tfevents_text_hparams(d, name, tag.len, payload.data, payload.len);
		return skipped(d, name, tag.len, plugin && *plugin ? plugin : "tensor");
	case 3: case 5: return skipped(d, name, tag.len, "histogram");
	case 4: return skipped(d, name, tag.len, "image");
	case 6: return skipped(d, name, tag.len, "audio");
	default: return TB_OK;
	}
	void *s = tagcache_get(d->tags, d->e, d->run, name, tag.len);
	emit_point(d->e, s, ev->step, ev->wall, single ? (double)(float)v : v, single);
	return TB_OK;
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

/* A varint for the fast path: pb_varint, which reads the short ones inline. */
static inline bool fast_varint(const uint8_t **pp, const uint8_t *end, uint64_t *v)
{
	return pb_varint(pp, end, v) == 1;
}

/* One Summary.Value that is exactly { tag (1), simple_value (2) } at *pp,
 * or false. */
static inline bool fast_value(const uint8_t **pp, const uint8_t *end, const uint8_t **tag,
			      size_t *tag_len, float *value)
{
	const uint8_t *p = *pp;
	uint64_t n, t;
	if (p >= end || *p++ != 0x0a || !fast_varint(&p, end, &n) || n > (uint64_t)(end - p))
		return false;
	const uint8_t *v = p, *vend = p + n;
	if (v >= vend || *v++ != 0x0a || !fast_varint(&v, vend, &t) || t > (uint64_t)(vend - v) ||
	    vend - (v + t) != 5 || v[t] != 0x15)
		return false;
	union { uint32_t u; float f; } c = { .u = (uint32_t)pb_load_le(v + t + 1, 4) };
	*tag = v;
	*tag_len = (size_t)t;
	*value = c.f;
	*pp = vend;
	return true;
}

#define FAST_VALUES 16

/* Fast path for the shape nearly every TF1, PyTorch and tensorboardX
 * scalar event has: wall_time, step, summary { value { tag, simple_value }
 * ... }. Every value is checked before any is stored, so it either takes
 * the whole event or none of it. Returns true when it stored the event,
 * false to let the general decoder (which handles everything, purges
 * included) take it. */
static bool decode_fast(struct tf_decoder *d, const uint8_t *p, const uint8_t *end)
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
	struct tf_run *rs = d->rs;
	if (rs->file_version < 2 && rs->have_recent && (int64_t)step < rs->recent_step)
		return false;   /* a restart to purge: the general path does it */
	struct { const uint8_t *tag; size_t len; float v; } vals[FAST_VALUES];
	size_t nv = 0;
	while (p < end) {
		if (nv == FAST_VALUES || !fast_value(&p, end, &vals[nv].tag, &vals[nv].len, &vals[nv].v))
			return false;
		nv++;
	}
	rs->have_recent = true;
	rs->recent_step = (int64_t)step;
	/* in locals: the stores into the batch could otherwise alias d */
	struct tagcache *tags = d->tags;
	struct emit *e = d->e;
	void *run = d->run;
	for (size_t i = 0; i < nv; i++)
		emit_point(e, tagcache_get(tags, e, run, (const char *)vals[i].tag, vals[i].len), (int64_t)step, wall,
			   vals[i].v, true);
	return true;
}

int tfevents_decode(struct tf_decoder *d, const uint8_t *buf, size_t len)
{
	if (decode_fast(d, buf, buf + len))
		return TB_OK;
	struct tf_run *rs = d->rs;

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
				rs->file_version = parse_file_version(f.data, f.len);
			break;
		case 4: case 9: emit_skipped(d->e, d->run, "", 0, "graph"); break;
		case 8: emit_skipped(d->e, d->run, "", 0, "run_metadata"); break;
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
	if (rs->file_version >= 2) {
		if (ev.session_start)
			emit_purge(d->e, d->run, NULL, 0, ev.step);
	} else if (ev.has_summary && rs->have_recent && ev.step < rs->recent_step) {
		purge_tags(d, &er, &ev);
	}
	if (!ev.has_summary)
		return TB_OK;
	rs->have_recent = true;
	rs->recent_step = ev.step;
	struct pb_reader sr;
	if (pb_sub(&er, &ev.summary, &sr) != 0)
		return TB_ERR;
	while ((rc = pb_next(&sr, &f)) == 1) {
		if (f.num == 1 && f.wire == PB_LEN) {
			int st = decode_value(d, &sr, &f, &ev);
			if (st == TB_NOMEM)
				return st;
		}
	}
	return rc < 0 ? TB_ERR : TB_OK;
}


struct tf_run *tf_run_new(void)
{
	struct tf_run *rs = xcalloc(1, sizeof(*rs));
	strmap_init(&rs->plugin);
	return rs;
}

void tf_run_reset(struct tf_run *rs)
{
	strmap_free(&rs->plugin);
	memset(rs, 0, sizeof(*rs));
	strmap_init(&rs->plugin);
}

void tf_run_free(void *run_state)
{
	struct tf_run *rs = run_state;
	strmap_free(&rs->plugin);
	free(rs);
}
