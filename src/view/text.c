/* text.c: text for narrow places: names cut in the middle (between whole
 * words where they fit), counts made short, ten-cell bars. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "tailboard/sanitize.h"
#include "view_int.h"

/* Width of the character at s, and its length in bytes. */
static int char_width(const char *s, size_t len, mbstate_t *st, size_t *n)
{
	wchar_t wc;
	*n = mbrtowc(&wc, s, len, st);
	if (*n == (size_t)-1 || *n == (size_t)-2 || *n == 0) {
		*n = 1;
		memset(st, 0, sizeof *st);
		return 1;
	}
	int cw = wcwidth(wc);
	return cw < 0 ? 1 : cw;
}

static int span_width(const char *s, size_t len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int w = 0;
	for (size_t i = 0, n; i < len; i += n)
		w += char_width(s + i, len - i, &st, &n);
	return w;
}

/* Whole words where they fit: the first words and the last, those between
 * given up for the dots ("gc=false lr=5e-06 ... (run1)"), so a label of
 * key=value words stays readable where a cut inside words would leave
 * "gc=f...=16". False when not even the first and the last word fit. */
static bool ellipsize_words(const char *s, int w, const char *dots, char *out, size_t cap)
{
	const char *last = strrchr(s, ' ');
	if (!last || last == s)
		return false;
	int tail_w = sanitize_width(last + 1), head_w = 0;
	size_t head = 0;
	for (const char *p = s; p < last;) {
		const char *e = strchr(p, ' ');
		int need = (head ? head_w + 1 : 0) + span_width(p, (size_t)(e - p));
		if (need + 3 + tail_w > w)      /* " ... " around the dots: 3 cells */
			break;
		head_w = need;
		head = (size_t)(e - s);
		p = e + 1;
	}
	if (!head)
		return false;
	snprintf(out, cap, "%.*s %s %s", (int)head, s, dots, last + 1);
	return true;
}

void text_ellipsize(const char *s, int w, bool utf8, char *out, size_t cap)
{
	if (sanitize_width(s) <= w || w < 3) {
		snprintf(out, cap, "%s", s);
		return;
	}
	const char *dots = utf8 ? "\xe2\x80\xa6" : "~";
	if (ellipsize_words(s, w, dots, out, cap))
		return;
	int keep = w - 1, head = (keep + 1) / 2, tail = keep - head;
	size_t len = strlen(s), i = 0, o = 0, n;
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	/* the head: as many characters as fit in head cells */
	while (i < len && o + 8 < cap) {
		int cw = char_width(s + i, len - i, &st, &n);
		if (used + cw > head)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
		used += cw;
	}
	o += (size_t)snprintf(out + o, cap - o, "%s", dots);
	/* the tail: skip until what is left fits in tail cells */
	int total = sanitize_width(s), skipped = used;
	size_t j = i;
	memset(&st, 0, sizeof st);
	while (j < len && total - skipped > tail) {
		skipped += char_width(s + j, len - j, &st, &n);
		j += n;
	}
	snprintf(out + o, cap - o, "%s", s + j);
}

void text_count(size_t n, char *buf, size_t cap)
{
	if (n < 10000)
		snprintf(buf, cap, "%zu", n);
	else
		label_number((double)n, 0, buf, cap);
}

void text_bar(int fill, bool utf8, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < 10 && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s", i < fill ? (utf8 ? "\xe2\x96\x88" : "#") : (utf8 ? "\xc2\xb7" : "-"));
}

void text_cut(const char *s, int w, bool utf8, char *out, size_t cap)
{
	if (w < 1 || !cap) {
		if (cap)
			out[0] = 0;
		return;
	}
	if (sanitize_width(s) <= w) {
		snprintf(out, cap, "%s", s);
		return;
	}
	size_t len = strlen(s), i = 0, n;
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (i < len && i + 8 < cap) {
		int cw = char_width(s + i, len - i, &st, &n);
		if (used + cw > w - 1)
			break;
		i += n;
		used += cw;
	}
	snprintf(out, cap, "%.*s%s", (int)i, s, utf8 ? "\xe2\x80\xa6" : "~");
}
