/* outbuf.c: see outbuf.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "outbuf.h"
#include "tailboard/sanitize.h"

/* A megabyte a write(2): past that the calls cost nothing next to the
 * formatting, and a pipe's reader still gets steady blocks. */
#define OUTBUF_BLOCK ((size_t)1 << 20)

int outbuf_init(struct outbuf *o, int fd)
{
	*o = (struct outbuf){ .fd = fd };
	o->buf = malloc(OUTBUF_BLOCK);
	if (!o->buf)
		return TB_NOMEM;
	o->cap = OUTBUF_BLOCK;
	return TB_OK;
}

void outbuf_init_mem(struct outbuf *o)
{
	*o = (struct outbuf){ .fd = -1 };
}

void outbuf_free(struct outbuf *o)
{
	free(o->buf);
	o->buf = NULL;
	o->len = o->cap = 0;
}

static int write_all(struct outbuf *o, const char *p, size_t n)
{
	while (n && !o->err) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->err = w < 0 ? errno : EIO;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
	return o->err ? TB_ERR : TB_OK;
}

int outbuf_flush(struct outbuf *o)
{
	if (o->fd < 0 || o->err)
		return o->err ? TB_ERR : TB_OK;
	int rc = write_all(o, o->buf, o->len);
	o->len = 0;
	return rc;
}

int outbuf_append(struct outbuf *o, struct outbuf *from)
{
	int rc = TB_OK;
	if (o->fd >= 0 && from->len >= OUTBUF_BLOCK) {
		/* big enough to go out as it is, without a copy */
		rc = outbuf_flush(o);
		if (rc == TB_OK)
			rc = write_all(o, from->buf, from->len);
	} else {
		outbuf_put(o, from->buf, from->len);
		rc = o->err ? TB_ERR : TB_OK;
	}
	from->len = 0;
	return rc;
}

char *outbuf_reserve_slow(struct outbuf *o, size_t n)
{
	if (o->err)
		return NULL;
	if (o->fd >= 0 && o->len && outbuf_flush(o) != TB_OK)
		return NULL;
	if (o->cap - o->len < n) {
		size_t cap = TB_MAX(o->cap * 2, o->len + n);
		cap = TB_MAX(cap, (size_t)4096);
		char *p = realloc(o->buf, cap);
		if (!p) {
			o->err = ENOMEM;
			return NULL;
		}
		o->buf = p;
		o->cap = cap;
	}
	return o->buf + o->len;
}

/* Columns padded to their widest cell by display width (names may hold
 * any UTF-8); lines starting with '#' are left as they are. */
void outbuf_put_aligned(struct outbuf *out, const char *tsv)
{
	int width[OUTBUF_MAX_COLS] = { 0 };
	for (int pass = 0; pass < 2; pass++) {
		for (const char *line = tsv; *line;) {
			const char *eol = strchr(line, '\n');
			size_t len = eol ? (size_t)(eol - line) : strlen(line);
			int col = 0;
			for (const char *f = line; f <= line + len && col < OUTBUF_MAX_COLS; col++) {
				const char *tab = memchr(f, '\t', (size_t)(line + len - f));
				size_t n = tab ? (size_t)(tab - f) : (size_t)(line + len - f);
				char cell[4096];
				int cn = snprintf(cell, sizeof cell, "%.*s", (int)TB_MIN(n, sizeof cell - 1), f);
				int w = sanitize_width(cell);
				if (pass == 0 && line[0] != '#' && w > width[col])
					width[col] = w;
				if (pass == 1) {
					outbuf_put(out, cell, (size_t)cn);
					for (int pad = tab && line[0] != '#' ? width[col] - w + 2 : 0; pad > 0; pad--)
						outbuf_putc(out, ' ');
				}
				if (!tab)
					break;
				f = tab + 1;
			}
			if (pass == 1)
				outbuf_putc(out, '\n');
			line += len + (eol != NULL);
		}
	}
}
