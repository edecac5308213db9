/* outbuf.h: output in large blocks. export and summary build their text in
 * one of these and it goes out with write(2) a megabyte at a time, not a
 * stdio call a field; with no fd it is a memory buffer that grows (a
 * worker's share of an export, written out by the main thread in order). */
#ifndef TAILBOARD_OUTBUF_H
#define TAILBOARD_OUTBUF_H

#include <string.h>
#include "tailboard/common.h"

struct outbuf {
	char *buf;
	size_t len, cap;
	int fd;                 /* -1: memory only */
	int err;                /* errno of the first failed write or allocation */
};

/* A buffer writing to fd, its first block allocated: TB_OK or TB_NOMEM. */
int outbuf_init(struct outbuf *o, int fd) TB_MUST;
/* A memory buffer, empty until written to. */
void outbuf_init_mem(struct outbuf *o);
void outbuf_free(struct outbuf *o);
/* Write out what is buffered. TB_OK, or TB_ERR with o->err set (and set
 * from then on: later writes are dropped). */
int outbuf_flush(struct outbuf *o) TB_MUST;
/* Write a memory buffer's contents through o, then empty it. */
int outbuf_append(struct outbuf *o, struct outbuf *from);
/* A tab-separated table (NUL-terminated) written aligned for a terminal:
 * columns two spaces apart, up to OUTBUF_MAX_COLS of them. */
#define OUTBUF_MAX_COLS 256
void outbuf_put_aligned(struct outbuf *out, const char *tsv);
/* A table for stdout (common.c): its lines go straight out to a pipe; on
 * a terminal into memory first, written aligned by cmd_table_end, which
 * reports a write error (not a closed pipe) and returns 1 for it. What
 * goes to t->o before the end precedes the table. */
struct cmd;
struct cmd_table {
	struct outbuf o, mem;
	struct outbuf *lines;   /* where the table's lines go */
	bool tty;
};
void cmd_table_begin(struct cmd_table *t);
int cmd_table_end(struct cmd *c, struct cmd_table *t);
/* Make room for n more bytes: flush or grow. NULL on failure (o->err). */
char *outbuf_reserve_slow(struct outbuf *o, size_t n);

/* Where the next n bytes go; the caller adds what it wrote to o->len. */
static inline char *outbuf_reserve(struct outbuf *o, size_t n)
{
	return o->cap - o->len >= n ? o->buf + o->len : outbuf_reserve_slow(o, n);
}

static inline void outbuf_put(struct outbuf *o, const void *p, size_t n)
{
	char *dst = outbuf_reserve(o, n);
	if (dst) {
		memcpy(dst, p, n);
		o->len += n;
	}
}

static inline void outbuf_puts(struct outbuf *o, const char *s)
{
	outbuf_put(o, s, strlen(s));
}

static inline void outbuf_putc(struct outbuf *o, char c)
{
	outbuf_put(o, &c, 1);
}

#endif
