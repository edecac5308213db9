/* palette.c: run colours, one table for the terminal and the snapshots,
 * so a run has the same colour on the screen and in a picture. Each
 * palette is its true colours, their nearest xterm-256 entries (cube
 * and grey ramp only: the first 16 are whatever the user's theme made
 * them) and a shorter set of ANSI colours for 8-colour terminals, where
 * neighbours in the list must not repeat a hue. */
#include <string.h>
#include "tailboard/chart.h"

struct pal_def {
	const char *name;
	const uint32_t *rgb;
	const short *x256;
	size_t n;
	const short *x8;
	size_t n8;
	bool bold;
};

/* TensorBoard-like hues; the 8-colour fallback is yellow, cyan, magenta,
 * green, red, blue in ANSI numbers (curses' COLOR_*). The true colours
 * are the 256 entries themselves, so a run looks the same at both depths. */
static const short rich[] = { 208, 39, 170, 76, 196, 226, 51, 141, 214, 118 };
static const uint32_t rich_rgb[] = { 0xff8700, 0x00afff, 0xd75fd7, 0x5fd700, 0xff0000,
	0xffff00, 0x00ffff, 0xaf87ff, 0xffaf00, 0x87ff00 };
static const short base[] = { 3, 6, 5, 2, 1, 4 };

/* Okabe & Ito's colour-blind-safe eight without black, which a dark
 * terminal would hide: orange, sky blue, bluish green, yellow, blue,
 * vermillion, reddish purple. Eight ANSI colours cannot keep them apart
 * for every eye; yellow, cyan, blue, red, magenta avoid the red-green
 * pair at least. */
static const uint32_t oi_rgb[] = { 0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7 };
static const short oi_256[] = { 178, 74, 35, 221, 25, 166, 175 };
static const short oi_8[] = { 3, 6, 4, 1, 5 };

/* Saturated hues at full brightness, drawn bold (on 8 colours that is
 * the bright half of most terminals' palettes). */
static const uint32_t hc_rgb[] = { 0xffff00, 0x00ffff, 0xff00ff, 0x00ff00, 0xffffff, 0xff5f00 };
static const short hc_256[] = { 226, 51, 201, 46, 231, 202 };
static const short hc_8[] = { 3, 6, 5, 2, 7, 1 };

/* mono: no colour on a terminal (runs wear glyphs instead); pictures
 * draw it in black and greys, a dash pattern a run. */
static const uint32_t mono_rgb[] = { 0x000000, 0x6e6e6e, 0x000000, 0x6e6e6e, 0x000000, 0x6e6e6e, 0x000000, 0x6e6e6e };

static const struct pal_def pals[PAL_COUNT] = {
	[PAL_DEFAULT] = { "default", rich_rgb, rich, TB_ARRAY_LEN(rich), base, TB_ARRAY_LEN(base), false },
	[PAL_OKABE_ITO] = { "okabe-ito", oi_rgb, oi_256, TB_ARRAY_LEN(oi_256), oi_8, TB_ARRAY_LEN(oi_8), false },
	[PAL_HIGH_CONTRAST] = { "high-contrast", hc_rgb, hc_256, TB_ARRAY_LEN(hc_256), hc_8, TB_ARRAY_LEN(hc_8), true },
	[PAL_MONO] = { "mono", mono_rgb, NULL, 0, NULL, 0, false },
};

size_t chart_palette(bool want_rich, const short **out)
{
	*out = want_rich ? rich : base;
	return want_rich ? TB_ARRAY_LEN(rich) : TB_ARRAY_LEN(base);
}

struct chart_colours chart_colours(int pal, enum chart_depth depth)
{
	struct chart_colours c = { 0 };
	if (pal < 0 || pal >= PAL_COUNT)
		pal = PAL_DEFAULT;
	const struct pal_def *d = &pals[pal];
	c.bold = d->bold;
	switch (depth) {
	case DEPTH_8: c.n = d->n8; c.idx = d->x8; break;
	case DEPTH_256: c.n = d->n; c.idx = d->x256; break;
	case DEPTH_RGB: c.n = d->n; c.idx = d->x256; c.rgb = d->rgb; break;
	case DEPTH_PICTURE:
		c.rgb = d->rgb;
		c.n = pal == PAL_MONO ? TB_ARRAY_LEN(mono_rgb) : d->n;
		c.dashed = pal == PAL_MONO;
		break;
	default: break;
	}
	return c;
}

const char *chart_palette_name(int pal)
{
	return pal >= 0 && pal < PAL_COUNT ? pals[pal].name : pals[PAL_DEFAULT].name;
}

int chart_palette_parse(const char *name)
{
	for (int i = 0; i < PAL_COUNT; i++)
		if (strcmp(name, pals[i].name) == 0)
			return i;
	return -1;
}

/* xterm's 256: 16 system colours, a 6x6x6 cube, 24 greys. */
uint32_t chart_xterm_rgb(int n)
{
	static const uint32_t sys[16] = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd,
		0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff };
	if (n < 0 || n > 255)
		return 0;
	if (n < 16)
		return sys[n];
	if (n >= 232) {
		uint32_t g = (uint32_t)(8 + (n - 232) * 10);
		return g << 16 | g << 8 | g;
	}
	static const uint32_t lv[6] = { 0, 95, 135, 175, 215, 255 };
	n -= 16;
	return lv[n / 36] << 16 | lv[n / 6 % 6] << 8 | lv[n % 6];
}

/* The xterm-256 entry nearest an RGB colour, by squared distance, among
 * the cube and the greys (16-255). */
int chart_xterm_nearest(uint32_t rgb)
{
	int best = 16;
	long bd = -1;
	for (int n = 16; n < 256; n++) {
		uint32_t c = chart_xterm_rgb(n);
		long dr = (long)(c >> 16) - (long)(rgb >> 16), dg = (long)(c >> 8 & 0xff) - (long)(rgb >> 8 & 0xff),
		     db = (long)(c & 0xff) - (long)(rgb & 0xff), d = dr * dr + dg * dg + db * db;
		if (bd < 0 || d < bd) {
			bd = d;
			best = n;
		}
	}
	return best;
}
