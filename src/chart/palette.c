/* palette.c: run colours, one table for the terminal and the snapshots,
 * so a run has the same colour on the screen and in a picture. */
#include "tailboard/chart.h"

/* TensorBoard-like hues; the 8-colour fallback is yellow, cyan, magenta,
 * green, red, blue in ANSI numbers (curses' COLOR_*). */
static const short rich[] = { 208, 39, 170, 76, 196, 226, 51, 141, 214, 118 };
static const short base[] = { 3, 6, 5, 2, 1, 4 };

size_t chart_palette(bool want_rich, const short **out)
{
	*out = want_rich ? rich : base;
	return want_rich ? TB_ARRAY_LEN(rich) : TB_ARRAY_LEN(base);
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
