/* text.c: a canvas as text: plain UTF-8 lines (trailing blanks cut, as a
 * terminal's capture has them), or with ANSI attributes and the palette's
 * colours, one SGR sequence where a cell's look changes. */
#include <stdlib.h>
#include <string.h>
#include "snap_int.h"

static void sgr(FILE *fp, const struct cell *c, const struct chart_colours *pal)
{
	size_t i = c->color && pal->n ? (size_t)(c->color - 1) % pal->n : 0;
	fputs("\x1b[0", fp);
	if ((c->attr & CELL_BOLD) || (c->color && pal->bold)) fputs(";1", fp);
	if (c->attr & CELL_DIM) fputs(";2", fp);
	if (c->attr & CELL_UNDERLINE) fputs(";4", fp);
	if (c->attr & CELL_REVERSE) fputs(";7", fp);
	if (!c->color || !pal->n)
		;
	else if (pal->rgb)
		fprintf(fp, ";38;2;%u;%u;%u", (unsigned)(pal->rgb[i] >> 16), (unsigned)(pal->rgb[i] >> 8 & 0xff),
			(unsigned)(pal->rgb[i] & 0xff));
	else if (pal->n && pal->idx[i] >= 8)
		fprintf(fp, ";38;5;%d", pal->idx[i]);
	else
		fprintf(fp, ";%d", 30 + pal->idx[i]);
	fputc('m', fp);
}

/* Cells up to the last that shows something: a glyph, or a blank that
 * is reversed or underlined (the status line's bar). */
static int row_end(const struct canvas *cv, int y, bool ansi)
{
	int end = 0;
	for (int x = 0; x < cv->w; x++) {
		const struct cell *c = &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
		if ((c->ch && c->ch != ' ') || (ansi && (c->attr & (CELL_REVERSE | CELL_UNDERLINE))))
			end = x + 1;
	}
	return end;
}

int snap_canvas_write(FILE *fp, const struct canvas *cv, bool ansi, int palette, enum chart_depth depth)
{
	struct chart_colours pal = chart_colours(palette, depth == DEPTH_PICTURE ? DEPTH_RGB : depth);
	for (int y = 0; y < cv->h; y++) {
		int end = row_end(cv, y, ansi);
		uint8_t color = 0, attr = 0;
		for (int x = 0; x < end; x++) {
			const struct cell *c = &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
			if (c->ch == CELL_CONT)
				continue;
			if (ansi && (c->color != color || (c->attr & ~CELL_MARK) != attr)) {
				sgr(fp, c, &pal);
				color = c->color;
				attr = c->attr & ~CELL_MARK;
			}
			char u[5];
			int k = utf8_encode(c->ch ? c->ch : ' ', u);
			fwrite(u, 1, (size_t)k, fp);
		}
		if (ansi && (color || attr))
			fputs("\x1b[0m", fp);
		fputc('\n', fp);
	}
	return ferror(fp) ? TB_ERR : TB_OK;
}
