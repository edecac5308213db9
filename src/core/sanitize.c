/* sanitize.c: make bytes from log files safe to print on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"

/* Decode one UTF-8 sequence; returns its length, or 0 when invalid
 * (overlong, surrogate, out of range or cut short). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Invisible characters that reorder or hide text: bidi controls,
 * zero-width characters, line/paragraph separators, BOM. */
static bool is_format_char(uint32_t cp)
{
	return cp == 0x061c || cp == 0x00ad || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

size_t sanitize_str(const char *in, size_t len, char *out, size_t outcap, bool ascii)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;
	if (!outcap)
		return 0;
	while (i < len) {
		char tmp[8];
		size_t tn;
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			/* invalid byte: replacement character, one byte consumed */
			if (ascii)
				tmp[0] = '?', tn = 1;
			else
				memcpy(tmp, "\xef\xbf\xbd", 3), tn = 3;
			n = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			tn = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02x", (unsigned)cp);
		} else if (is_format_char(cp)) {
			if (ascii)
				tmp[0] = '?', tn = 1;
			else
				memcpy(tmp, "\xef\xbf\xbd", 3), tn = 3;
		} else if (cp >= 0x80 && ascii) {
			tmp[0] = '?', tn = 1;
		} else {
			memcpy(tmp, s + i, n);
			tn = n;
		}
		if (o + tn >= outcap)
			break;
		memcpy(out + o, tmp, tn);
		o += tn;
		i += n;
	}
	out[o] = '\0';
	return o;
}

char *sanitize_dup(const char *in, size_t len, bool ascii)
{
	/* worst case: every byte becomes a 4-byte escape */
	size_t cap = len * 4 + 1;
	char *out = xmalloc(cap);
	sanitize_str(in, len, out, cap, ascii);
	return out;
}

int sanitize_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strlen(str), i = 0;
	int w = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n) {
			w++;
			i++;
			continue;
		}
		int cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
		w += cw < 0 ? 1 : cw;
		i += n;
	}
	return w;
}
