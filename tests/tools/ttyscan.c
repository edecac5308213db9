/* ttyscan: check bytes written to a terminal for anything a log file could
 * have smuggled in, for the terminal-safety tests.
 *
 *   ttyscan [--ascii] FILE
 *
 * Prints one line per finding ("OFFSET: what") and exits 1 if there is any:
 * string controls (OSC ESC ], DCS ESC P, SOS/PM/APC ESC X ^ _), an escape
 * other than a CSI or the few a terminfo entry uses, C0 controls other than
 * BS, TAB, LF, CR, SO, SI, the C1 range (as raw bytes or as U+0080..U+009F),
 * invalid UTF-8, and invisible format characters (bidi overrides,
 * zero-width). --ascii: every byte over 0x7f is a finding (C locale). The
 * CSI sequences a log file could spell (cursor moves) are checked by the
 * tests themselves, through their distinctive parameters. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int found;

static void report(size_t off, const char *what, unsigned v)
{
	if (found++ < 20)
		printf("%zu: %s 0x%x\n", off, what, v);
}

static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
	if (c >= 0xf5 || !len || len > n)
		return 0;
	uint32_t v = c & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return len;
}

static bool format_char(uint32_t cp)
{
	return cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

int main(int argc, char **argv)
{
	bool ascii = argc == 3 && strcmp(argv[1], "--ascii") == 0;
	if (argc != 2 + ascii) {
		fputs("usage: ttyscan [--ascii] FILE\n", stderr);
		return 2;
	}
	FILE *fp = fopen(argv[argc - 1], "rb");
	if (!fp) {
		perror(argv[argc - 1]);
		return 2;
	}
	size_t n = 0, cap = 1 << 16;
	unsigned char *b = malloc(cap);
	size_t got;
	while (b && (got = fread(b + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			b = realloc(b, cap *= 2);
	}
	fclose(fp);
	if (!b)
		return 2;
	for (size_t i = 0; i < n;) {
		unsigned c = b[i];
		if (c == 0x1b) {
			unsigned d = i + 1 < n ? b[i + 1] : 0;
			if (d == '[') {             /* CSI: parameters, intermediates, final */
				size_t j = i + 2;
				while (j < n && b[j] >= 0x20 && b[j] <= 0x3f)
					j++;
				if (j >= n || b[j] < 0x40 || b[j] > 0x7e)
					report(i, "malformed CSI", j < n ? b[j] : 0);
				i = j + 1;
			} else if (d == '(' || d == ')') {  /* charset designation */
				i += 3;
			} else if (d && strchr("=>78MDEc", (int)d)) {
				i += 2;
			} else {
				report(i, d && strchr("]P^_X", (int)d) ? "string control ESC" : "escape ESC", d);
				i += 2;
			}
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			if (!strchr("\b\t\n\r\x0e\x0f", (int)c) || !c)
				report(i, "control", c);
			i++;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (ascii) {
			report(i, "non-ASCII byte", c);
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_len(b + i, n - i, &cp);
		if (!len) {
			report(i, c >= 0x80 && c < 0xa0 ? "raw C1 byte" : "invalid UTF-8 byte", c);
			i++;
			continue;
		}
		if (cp >= 0x80 && cp < 0xa0)
			report(i, "C1 control U+", cp);
		else if (format_char(cp))
			report(i, "format character U+", cp);
		i += len;
	}
	free(b);
	return found ? 1 : 0;
}
