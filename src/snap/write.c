/* write.c: the picture's surface (SVG or PNG, both through Cairo), the
 * charts laid out as a grid on it, and the bytes written beside the
 * target and renamed over it, so a reader never sees half a picture.
 *
 * Cairo's SVG surface draws text as glyph outlines, never as <text>: the
 * names from the logs reach the document only through the <title> and
 * <desc> added here, escaped for XML. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-svg.h>
#include "tailboard/xalloc.h"
#include "snap_int.h"

int snap_format_parse(const char *s, enum snap_format *out)
{
	static const char *const names[] = { "svg", "png", "txt", "ansi" };
	for (size_t i = 0; i < TB_ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum snap_format)i;
			return TB_OK;
		}
	return TB_ERR;
}

int snap_format_of_path(const char *path, enum snap_format *out)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return TB_ERR;
	if (strcasecmp(dot, ".svg") == 0)
		*out = SNAP_SVG;
	else if (strcasecmp(dot, ".png") == 0)
		*out = SNAP_PNG;
	else
		return TB_ERR;
	return TB_OK;
}

struct membuf {
	char *p;
	size_t len, cap;
};

static void mem_put(struct membuf *m, const void *data, size_t n)
{
	if (n > SIZE_MAX / 4 || m->len > SIZE_MAX / 4)
		abort();        /* no picture is this big; tells the compiler so too */
	if (m->len + n + 1 > m->cap) {
		m->cap = (m->len + n + 1) * 2;
		m->p = xrealloc(m->p, m->cap);
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
	m->p[m->len] = 0;
}

static cairo_status_t on_write(void *arg, const unsigned char *data, unsigned int n)
{
	mem_put(arg, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* One UTF-8 sequence's codepoint at s (valid: the sanitiser's output);
 * *n its length. */
static uint32_t utf8_at(const unsigned char *s, int *n)
{
	if (s[0] < 0x80) { *n = 1; return s[0]; }
	if ((s[0] & 0xe0) == 0xc0 && s[1]) { *n = 2; return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f); }
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*n = 3;
		return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*n = 4;
		return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 | (uint32_t)(s[2] & 0x3f) << 6 |
		       (s[3] & 0x3f);
	}
	*n = 1;
	return 0xfffd;
}

void xml_escape_append(char **buf, size_t *len, size_t *cap, const char *s)
{
	struct membuf m = { *buf, *len, *cap };
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n;
		uint32_t cp = utf8_at(p, &n);
		const char *ent = cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;" :
				  cp == '"' ? "&quot;" : cp == '\'' ? "&apos;" : NULL;
		/* XML 1.0's Char: tab, newline, CR, and from U+0020 but
		 * surrogates, U+FFFE and U+FFFF */
		bool allowed = cp == 9 || cp == 10 || cp == 13 || (cp >= 0x20 && cp < 0xd800) ||
			       (cp >= 0xe000 && cp < 0xfffe) || cp >= 0x10000;
		if (ent)
			mem_put(&m, ent, strlen(ent));
		else if (allowed && cp != 0xfffd)
			mem_put(&m, p, (size_t)n);
		else
			mem_put(&m, "\xef\xbf\xbd", 3);
		p += n;
	}
	*buf = m.p;
	*len = m.len;
	*cap = m.cap;
}

/* <title>: the charts' titles; <desc>: each chart's legend. */
static char *svg_head(const struct snap_chart *charts, size_t n)
{
	struct membuf m = { NULL, 0, 0 };
	mem_put(&m, "<title>", 7);
	for (size_t i = 0; i < n; i++) {
		if (i)
			mem_put(&m, ", ", 2);
		xml_escape_append(&m.p, &m.len, &m.cap, charts[i].title);
	}
	mem_put(&m, "</title>\n<desc>", 15);
	for (size_t i = 0; i < n; i++) {
		xml_escape_append(&m.p, &m.len, &m.cap, charts[i].title);
		mem_put(&m, ":", 1);
		for (size_t k = 0; k < charts[i].n; k++) {
			char entry[600];
			chart_legend_text(&charts[i].ss[k], entry, sizeof entry);
			mem_put(&m, "\n  ", 3);
			xml_escape_append(&m.p, &m.len, &m.cap, entry);
		}
		mem_put(&m, "\n", 1);
	}
	mem_put(&m, "</desc>\n", 8);
	return m.p;
}

/* The document with the head after <svg ...>. */
static int svg_finish(struct membuf *out, const struct membuf *doc, const struct snap_chart *charts, size_t n)
{
	const char *svg = doc->p ? strstr(doc->p, "<svg") : NULL;
	const char *gt = svg ? strchr(svg, '>') : NULL;
	size_t pre = gt ? (size_t)(gt + 1 - doc->p) : 0;
	if (!gt || pre > doc->len)
		return TB_ERR;
	char *head = svg_head(charts, n);
	mem_put(out, doc->p, pre);
	mem_put(out, "\n", 1);
	mem_put(out, head, strlen(head));
	mem_put(out, gt + 1, doc->len - pre);
	free(head);
	return TB_OK;
}

static int draw_all(cairo_surface_t *sf, const struct snap_chart *charts, size_t n, int cols,
		    const struct chart_view *v, int width, int height)
{
	cairo_t *cr = cairo_create(sf);
	int rows = (int)((n + (size_t)cols - 1) / (size_t)cols), rc = TB_OK;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	double cw = (double)width / cols, ch = (double)height / (rows ? rows : 1);
	for (size_t i = 0; i < n && rc == TB_OK; i++)
		rc = draw_chart(cr, (double)(i % (size_t)cols) * cw, (double)(i / (size_t)cols) * ch, cw, ch, &charts[i], v);
	if (rc == TB_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = TB_ERR;
	cairo_destroy(cr);
	return rc;
}

/* Bytes beside path, then renamed over it. */
static int write_file(const char *path, const struct membuf *m, char *err, size_t cap)
{
	size_t pl = strlen(path);
	char *tmp = xmalloc(pl + 16);
	snprintf(tmp, pl + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp), rc = TB_ERR;
	if (fd < 0) {
		snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return TB_ERR;
	}
	size_t off = 0;
	while (off < m->len) {
		ssize_t k = write(fd, m->p + off, m->len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	int saved = errno;
	/* mkstemp's 0600 is for secrets: a picture reads as any new file does */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || off < m->len || close(fd) != 0 || rename(tmp, path) != 0) {
		snprintf(err, cap, "cannot write %s: %s", path, strerror(off < m->len ? saved : errno));
		unlink(tmp);
	} else {
		rc = TB_OK;
	}
	free(tmp);
	return rc;
}

int snap_write(const char *path, enum snap_format f, const struct snap_chart *charts, size_t n, int cols,
	       const struct chart_view *v, int width, int height, char *err, size_t cap)
{
	struct membuf doc = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	cairo_surface_t *sf = f == SNAP_SVG ? cairo_svg_surface_create_for_stream(on_write, &doc, width, height)
					    : cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	int rc = draw_all(sf, charts, n, cols > 0 ? cols : 1, v, width, height);
	if (rc == TB_OK && f == SNAP_PNG && cairo_surface_write_to_png_stream(sf, on_write, &doc) != CAIRO_STATUS_SUCCESS)
		rc = TB_ERR;
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		rc = TB_ERR;
	cairo_surface_destroy(sf);
	if (rc == TB_OK && f == SNAP_SVG)
		rc = svg_finish(&out, &doc, charts, n);
	if (rc != TB_OK)
		snprintf(err, cap, "cannot draw %s (cairo)", path);
	else
		rc = write_file(path, f == SNAP_SVG ? &out : &doc, err, cap);
	free(doc.p);
	free(out.p);
	return rc;
}
