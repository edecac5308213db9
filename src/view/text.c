/* text.c: text for narrow places: names cut in the middle, counts made
 * short, ten-cell bars. */
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

void text_ellipsize(const char *s, int w, bool utf8, char *out, size_t cap)
{
	if (sanitize_width(s) <= w || w < 3) {
		snprintf(out, cap, "%s", s);
		return;
	}
	const char *dots = utf8 ? "\xe2\x80\xa6" : "~";
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
