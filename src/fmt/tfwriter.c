/* tfwriter.c: a small TensorBoard event-file writer. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tailboard/tfwriter.h"
#include "tfrecord.h"

/* Protobuf output into a bounded buffer; overflow sets ok = false. */
struct pbw {
	uint8_t *p, *end;
	bool ok;
};

static void put_byte(struct pbw *w, uint8_t b)
{
	if (w->p < w->end)
		*w->p++ = b;
	else
		w->ok = false;
}

static void put_varint(struct pbw *w, uint64_t v)
{
	while (v >= 0x80) {
		put_byte(w, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	put_byte(w, (uint8_t)v);
}

static void put_key(struct pbw *w, uint32_t num, int wire)
{
	put_varint(w, (uint64_t)num << 3 | (uint64_t)wire);
}

static void put_fixed(struct pbw *w, uint32_t num, uint64_t bits, int bytes)
{
	put_key(w, num, bytes == 8 ? 1 : 5);
	for (int i = 0; i < bytes; i++)
		put_byte(w, (uint8_t)(bits >> (8 * i)));
}

static void put_double(struct pbw *w, uint32_t num, double d)
{
	union { double d; uint64_t u; } c = { .d = d };
	put_fixed(w, num, c.u, 8);
}

static void put_float(struct pbw *w, uint32_t num, float f)
{
	union { float f; uint32_t u; } c = { .f = f };
	put_fixed(w, num, c.u, 4);
}

static void put_bytes(struct pbw *w, uint32_t num, const void *data, size_t len)
{
	put_key(w, num, 2);
	put_varint(w, len);
	if ((size_t)(w->end - w->p) < len) {
		w->ok = false;
		return;
	}
	memcpy(w->p, data, len);
	w->p += len;
}

/* Nested messages: reserve a 2-byte length (messages here are < 16 KiB),
 * patch it once the body is written, and shift short bodies left so the
 * length is a canonical 1-byte varint. Marks of enclosing messages stay
 * valid because inner messages are closed first. */
static uint8_t *open_msg(struct pbw *w, uint32_t num)
{
	put_key(w, num, 2);
	uint8_t *mark = w->p;
	put_byte(w, 0);
	put_byte(w, 0);
	return mark;
}

static void close_msg(struct pbw *w, uint8_t *mark)
{
	size_t len = (size_t)(w->p - mark) - 2;
	if (!w->ok || len >= 1u << 14) {
		w->ok = false;
		return;
	}
	if (len < 0x80) {
		mark[0] = (uint8_t)len;
		memmove(mark + 1, mark + 2, len);
		w->p--;
	} else {
		mark[0] = (uint8_t)(0x80 | (len & 0x7f));
		mark[1] = (uint8_t)(len >> 7);
	}
}

/* An Event's wall_time and step (left out when 0, as writers do). */
static void put_head(struct pbw *w, double wall, int64_t step)
{
	put_double(w, 1, wall);
	if (step)
		put_key(w, 2, 0), put_varint(w, (uint64_t)step);
}

/* A summary value's metadata naming its plugin ("scalars", "text"). */
static void put_plugin(struct pbw *w, const char *name)
{
	uint8_t *meta = open_msg(w, 9);
	uint8_t *pd = open_msg(w, 1);
	put_bytes(w, 1, name, strlen(name));
	close_msg(w, pd);
	close_msg(w, meta);
}

size_t tfwriter_encode_scalar(uint8_t *out, size_t cap, const char *tag, int64_t step,
			      double wall, double value, enum tfw_scalar kind)
{
	struct pbw w = { out, out + cap, true };
	put_head(&w, wall, step);
	uint8_t *sum = open_msg(&w, 5);
	uint8_t *val = open_msg(&w, 1);
	put_bytes(&w, 1, tag, strlen(tag));
	if (kind == TFW_SIMPLE) {
		put_float(&w, 2, (float)value);
	} else {
		put_plugin(&w, "scalars");
		uint8_t *t = open_msg(&w, 8);
		put_key(&w, 1, 0);
		put_varint(&w, kind == TFW_TENSOR_FLOAT ? 1 : 2);       /* DT_FLOAT / DT_DOUBLE */
		uint8_t *shape = open_msg(&w, 2);                       /* rank 0 */
		close_msg(&w, shape);
		if (kind == TFW_TENSOR_FLOAT) {
			union { float f; uint32_t u; } c = { .f = (float)value };
			uint8_t b[4] = { (uint8_t)c.u, (uint8_t)(c.u >> 8), (uint8_t)(c.u >> 16), (uint8_t)(c.u >> 24) };
			put_bytes(&w, 4, b, 4);                         /* tensor_content */
		} else {
			put_double(&w, 6, value);                       /* double_val */
		}
		close_msg(&w, t);
	}
	close_msg(&w, val);
	close_msg(&w, sum);
	return w.ok ? (size_t)(w.p - out) : 0;
}

size_t tfwriter_encode_version(uint8_t *out, size_t cap, double wall)
{
	struct pbw w = { out, out + cap, true };
	put_double(&w, 1, wall);
	put_bytes(&w, 3, "brain.Event:2", 13);
	return w.ok ? (size_t)(w.p - out) : 0;
}

size_t tfwriter_encode_session_start(uint8_t *out, size_t cap, int64_t step, double wall)
{
	struct pbw w = { out, out + cap, true };
	put_head(&w, wall, step);
	uint8_t *sl = open_msg(&w, 7);
	put_key(&w, 1, 0);
	put_varint(&w, 1);      /* START */
	close_msg(&w, sl);
	return w.ok ? (size_t)(w.p - out) : 0;
}

size_t tfwriter_encode_text(uint8_t *out, size_t cap, const char *tag, int64_t step, double wall,
			    const char *text)
{
	struct pbw w = { out, out + cap, true };
	put_head(&w, wall, step);
	uint8_t *sum = open_msg(&w, 5);
	uint8_t *val = open_msg(&w, 1);
	put_bytes(&w, 1, tag, strlen(tag));
	put_plugin(&w, "text");
	uint8_t *t = open_msg(&w, 8);
	put_key(&w, 1, 0);
	put_varint(&w, 7);                                      /* DT_STRING */
	uint8_t *shape = open_msg(&w, 2);
	uint8_t *dim = open_msg(&w, 2);
	put_key(&w, 1, 0);
	put_varint(&w, 1);                                      /* [1] */
	close_msg(&w, dim);
	close_msg(&w, shape);
	put_bytes(&w, 8, text, strlen(text));                   /* string_val */
	close_msg(&w, t);
	close_msg(&w, val);
	close_msg(&w, sum);
	return w.ok ? (size_t)(w.p - out) : 0;
}

/* google.protobuf.Value for "key=value": number, bool or string. */
static void put_pbvalue(struct pbw *w, const char *v)
{
	char *end;
	double d = strtod(v, &end);
	uint8_t *val = open_msg(w, 2);
	if (*v && !*end) {
		put_double(w, 2, d);
	} else if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
		put_key(w, 4, 0);
		put_varint(w, v[0] == 't');
	} else {
		put_bytes(w, 3, v, strlen(v));
	}
	close_msg(w, val);
}

size_t tfwriter_encode_hparams(uint8_t *out, size_t cap, const char *const *kv, size_t n, double wall)
{
	struct pbw w = { out, out + cap, true };
	put_double(&w, 1, wall);
	uint8_t *sum = open_msg(&w, 5);
	uint8_t *val = open_msg(&w, 1);
	put_bytes(&w, 1, "_hparams_/session_start_info", 28);
	uint8_t *meta = open_msg(&w, 9);
	uint8_t *pd = open_msg(&w, 1);
	put_bytes(&w, 1, "hparams", 7);
	uint8_t *content = open_msg(&w, 2);                     /* HParamsPluginData */
	uint8_t *ssi = open_msg(&w, 3);                         /* session_start_info */
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(kv[i], '=');
		if (!eq)
			continue;
		uint8_t *ent = open_msg(&w, 1);                 /* hparams map entry */
		put_bytes(&w, 1, kv[i], (size_t)(eq - kv[i]));
		put_pbvalue(&w, eq + 1);
		close_msg(&w, ent);
	}
	close_msg(&w, ssi);
	close_msg(&w, content);
	close_msg(&w, pd);
	close_msg(&w, meta);
	close_msg(&w, val);
	close_msg(&w, sum);
	return w.ok ? (size_t)(w.p - out) : 0;
}

static int write_record(struct tfwriter *w, size_t len)
{
	/* the event was encoded at buf + 12; frame it in place */
	uint8_t *rec = malloc(len + TFRECORD_OVERHEAD);
	if (!rec)
		return TB_NOMEM;
	tfrecord_frame(w->buf, len, rec);
	size_t off = 0, total = len + TFRECORD_OVERHEAD;
	int rc = TB_OK;
	while (off < total) {
		ssize_t n = write(w->fd, rec + off, total - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = TB_ERR;
			break;
		}
		off += (size_t)n;
	}
	free(rec);
	return rc;
}

int tfwriter_open(struct tfwriter *w, const char *path, bool header)
{
	memset(w, 0, sizeof(*w));
	w->cap = 16384;
	w->buf = malloc(w->cap);
	w->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (!w->buf || w->fd < 0) {
		tfwriter_close(w);
		return TB_ERR;
	}
	struct stat st;
	if (header && fstat(w->fd, &st) == 0 && st.st_size == 0) {
		size_t n = tfwriter_encode_version(w->buf, w->cap, 0);
		if (write_record(w, n) != TB_OK) {
			tfwriter_close(w);
			return TB_ERR;
		}
	}
	return TB_OK;
}

void tfwriter_close(struct tfwriter *w)
{
	if (w->fd >= 0)
		close(w->fd);
	free(w->buf);
	w->fd = -1;
	w->buf = NULL;
}

int tfwriter_scalar(struct tfwriter *w, const char *tag, int64_t step, double wall,
		    double value, enum tfw_scalar kind)
{
	size_t n = tfwriter_encode_scalar(w->buf, w->cap, tag, step, wall, value, kind);
	return n ? write_record(w, n) : TB_ERR;
}

int tfwriter_session_start(struct tfwriter *w, int64_t step, double wall)
{
	size_t n = tfwriter_encode_session_start(w->buf, w->cap, step, wall);
	return n ? write_record(w, n) : TB_ERR;
}
