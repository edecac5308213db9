/* fmt_common.c: shared helpers for the non-TensorBoard readers. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fmt_common.h"
#include "tailboard/xalloc.h"

void fmt_owned_init(struct fmt_owned *o)
{
	memset(o, 0, sizeof(*o));
	strmap_init(&o->by_tag);
}

void fmt_owned_free(struct fmt_owned *o)
{
	strmap_free(&o->by_tag);
	for (size_t i = 0; i < o->n; i++)
		free(o->tags[i].tag);
	free(o->tags);
	memset(o, 0, sizeof(*o));
}

void *fmt_owned_series(struct emit *e, struct source_file *f, struct fmt_owned *o,
		       const char *tag, size_t len)
{
	void *s = strmap_get(&o->by_tag, tag, len);
	if (s)
		return s;
	s = emit_series(e, f->run, tag, len);
	xgrow((void **)&o->tags, &o->cap, o->n + 1, sizeof(*o->tags));
	o->tags[o->n].tag = xstrndup(tag, len);
	o->tags[o->n++].len = len;
	strmap_put(&o->by_tag, tag, len, s);
	return s;
}

void fmt_owned_clear(struct emit *e, struct source_file *f, struct fmt_owned *o)
{
	for (size_t i = 0; i < o->n; i++)
		emit_purge(e, f->run, o->tags[i].tag, o->tags[i].len, INT64_MIN);
}

void fmt_buf_set(struct fmt_buf *b, const char *s, size_t n)
{
	b->n = 0;
	fmt_buf_add(b, s, n);
}

void fmt_buf_add(struct fmt_buf *b, const char *s, size_t n)
{
	xgrow((void **)&b->p, &b->cap, b->n + n + 1, 1);
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void fmt_buf_free(struct fmt_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void fmt_report(struct emit *e, const struct source_file *f, unsigned *count,
		int64_t offset, const char *what)
{
	if (*count >= FMT_MAX_REPORTS)
		return;
	if (++*count == FMT_MAX_REPORTS)
		diag_report(e->diag, f->path, offset, "%s (further problems in this file not reported)", what);
	else
		diag_report(e->diag, f->path, offset, "%s", what);
}

bool fmt_step_from_double(double v, int64_t *out)
{
	/* 2^63 is exactly representable; anything at or past it is not int64 */
	if (!isfinite(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0)
		return false;
	if (floor(v) != v)
		return false;
	*out = (int64_t)v;
	return true;
}

bool fmt_parse_number(const char *s, size_t n, double *out)
{
	char tmp[64];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* strtod also takes hex floats; no logger writes those on purpose */
	if (n > 1 && (tmp[1] == 'x' || tmp[1] == 'X'))
		return false;
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (end != tmp + n)
		return false;
	*out = v;
	return true;
}

int fmt_step_key_rank(const char *key, size_t n)
{
	static const char *const names[] = {
		"step", "_step", "global_step", "iteration", "iter", "epoch",
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(names); i++)
		if (strlen(names[i]) == n && memcmp(names[i], key, n) == 0)
			return (int)i;
	return -1;
}

bool fmt_is_wall_key(const char *key, size_t n)
{
	static const char *const names[] = {
		"_timestamp", "timestamp", "wall_time", "walltime", "time",
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(names); i++)
		if (strlen(names[i]) == n && memcmp(names[i], key, n) == 0)
			return true;
	return false;
}

long fmt_read_head(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < cap) {
		ssize_t r = read(fd, buf + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return (long)got;
}

static int64_t local_stamp(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return (int64_t)st.st_mtim.tv_sec * 1000000007 + st.st_mtim.tv_nsec + (int64_t)st.st_size * 31 + 1;
}

long fmt_side_read(const struct source_file *f, const char *path, char *buf, size_t cap, int64_t *stamp)
{
	int64_t ignored;
	if (!stamp)
		stamp = &ignored;
	if (f->side && f->side->read) {
		long n = f->side->read(f->side->arg, f->path, path, buf, cap, stamp);
		if (n != SIDE_LOCAL)
			return n;
	}
	*stamp = local_stamp(path);
	return buf ? fmt_read_head(path, buf, cap) : 0;
}

int64_t fmt_side_stamp(const struct source_file *f, const char *path)
{
	int64_t stamp;
	fmt_side_read(f, path, NULL, 0, &stamp);
	return stamp;
}
