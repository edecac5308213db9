/* canvas.c: a grid of cells the chart draws into; curses-free so the tests
 * can print it as text. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tailboard/chart.h"

int canvas_init(struct canvas *cv, int w, int h)
{
	cv->w = cv->h = 0;
	cv->cells = NULL;
	return canvas_resize(cv, w, h);
}

void canvas_free(struct canvas *cv)
{
	free(cv->cells);
	cv->cells = NULL;
	cv->w = cv->h = 0;
}

int canvas_resize(struct canvas *cv, int w, int h)
{
	if (w < 0 || h < 0)
		return TB_ERR;
	size_t need = (size_t)w * (size_t)h, have = (size_t)cv->w * (size_t)cv->h;
	if (need > have || !cv->cells) {
		struct cell *c = realloc(cv->cells, (need ? need : 1) * sizeof *c);
		if (!c)
			return TB_NOMEM;
		cv->cells = c;
	}
	cv->w = w;
	cv->h = h;
	canvas_clear(cv);
	return TB_OK;
}

void canvas_clear(struct canvas *cv)
{
	memset(cv->cells, 0, (size_t)cv->w * (size_t)cv->h * sizeof *cv->cells);
}

struct cell *canvas_at(struct canvas *cv, int x, int y)
{
	if (x < 0 || y < 0 || x >= cv->w || y >= cv->h)
		return NULL;
	return &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
}

void canvas_put(struct canvas *cv, int x, int y, uint32_t ch, int color, int attr)
{
	struct cell *c = canvas_at(cv, x, y);
	if (!c)
		return;
	c->ch = ch;
	c->color = (uint8_t)color;
	c->attr = (uint8_t)attr;
	c->dots = 0;
}

/* Decode one UTF-8 sequence; the input is already sanitised, so a bad byte
 * only needs to not loop forever. */
static uint32_t utf8_next(const char **sp)
{
	const unsigned char *s = (const unsigned char *)*sp;
	uint32_t cp = s[0];
	int n = 0;
	if (cp < 0x80)
		n = 0;
	else if ((cp & 0xe0) == 0xc0) { cp &= 0x1f; n = 1; }
	else if ((cp & 0xf0) == 0xe0) { cp &= 0x0f; n = 2; }
	else if ((cp & 0xf8) == 0xf0) { cp &= 0x07; n = 3; }
	else { *sp += 1; return '?'; }
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) { *sp += i; return '?'; }
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*sp += n + 1;
	return cp;
}

int canvas_text(struct canvas *cv, int x, int y, const char *s, int maxw, int color, int attr)
{
	int used = 0;
	while (*s && used < maxw) {
		uint32_t cp = utf8_next(&s);
		canvas_put(cv, x + used, y, cp, color, attr);
		used++;
	}
	return used;
}

int canvas_print(struct canvas *cv, int x, int y, int maxw, const char *s, int color, int attr)
{
	int used = 0;
	while (*s && used < maxw) {
		uint32_t cp = utf8_next(&s);
		int w = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
		if (w == 0)
			continue;       /* combining marks: the terminal puts them on the cell before */
		if (w < 0)
			w = 1;
		if (used + w > maxw)
			break;
		canvas_put(cv, x + used, y, cp, color, attr);
		if (w == 2)
			canvas_put(cv, x + used + 1, y, CELL_CONT, color, attr);
		used += w;
	}
	return used;
}

void canvas_fill(struct canvas *cv, int x, int y, int w, int h, int attr)
{
	for (int j = y; j < y + h; j++)
		for (int i = x; i < x + w; i++)
			canvas_put(cv, i, j, 0, 0, attr);
}

int utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) { out[0] = (char)cp; out[1] = 0; return 1; }
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		out[2] = 0;
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		out[3] = 0;
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	out[4] = 0;
	return 4;
}

char *canvas_to_text(const struct canvas *cv)
{
	size_t cap = (size_t)cv->w * (size_t)cv->h * 4 + (size_t)cv->h + 1;
	char *out = malloc(cap), *p = out;
	if (!out)
		return NULL;
	for (int y = 0; y < cv->h; y++) {
		char *line = p;
		for (int x = 0; x < cv->w; x++) {
			uint32_t ch = cv->cells[(size_t)y * (size_t)cv->w + (size_t)x].ch;
			if (ch != CELL_CONT)
				p += utf8_encode(ch ? ch : ' ', p);
		}
		while (p > line && p[-1] == ' ')
			p--;        /* trailing blanks make test expectations brittle */
		*p++ = '\n';
	}
	*p = 0;
	return out;
}
