/* snap.h: snapshots. A chart (or a grid of them) drawn with Cairo as an
 * SVG or an anti-aliased PNG, from the same series, smoothing caches,
 * windows, ticks, best markers and palette as the screen's; a canvas as
 * plain text or with ANSI colours; the `snapshot` command; the screen's
 * key that writes the selected chart to a file. */
#ifndef TAILBOARD_SNAP_H
#define TAILBOARD_SNAP_H

#include <stdio.h>
#include "tailboard/chart.h"
#include "tailboard/cmd.h"
#include "tailboard/view.h"

enum snap_format { SNAP_SVG, SNAP_PNG, SNAP_TXT, SNAP_ANSI };

/* "svg", "png", "txt", "ansi". */
int snap_format_parse(const char *s, enum snap_format *out) TB_MUST;
/* The picture format a file name asks for (.svg, .png). */
int snap_format_of_path(const char *path, enum snap_format *out) TB_MUST;

/* One chart of a snapshot: its title and series, sanitised as the screen
 * has them; colours index chart_palette's 256-colour entries. */
struct snap_chart {
	const char *title;
	const struct chart_series *ss;
	size_t n;
};

/* A run colour (1-based) as pictures draw it on white paper: the
 * palette's hue, darkened where it is too light to read (yellow, cyan). */
void snap_run_rgb(int color, double *r, double *g, double *b);
/* The same in palette (enum chart_pal); mono's are black and grey. */
void snap_run_rgb_of(int palette, int color, double *r, double *g, double *b);

/* The charts as a grid (cols across) in a width x height picture, written
 * to path atomically. TB_ERR with a message in err. */
int snap_write(const char *path, enum snap_format f, const struct snap_chart *charts, size_t n, int cols,
	       const struct chart_view *v, int width, int height, char *err, size_t cap) TB_MUST;

/* A canvas as UTF-8 lines, plainly or with ANSI attributes and colours
 * (colours: palette's entries at depth: 8 as 30-37, 256 as 38;5, true
 * colour as 38;2). */
int snap_canvas_write(FILE *fp, const struct canvas *cv, bool ansi, int palette, enum chart_depth depth) TB_MUST;

/* tailboard snapshot: load, draw --tag's charts, write -o (or text to stdout). */
int snap_command(struct cmd *c) TB_MUST;

/* The screen's key: the selected chart of v (series from p) to a file
 * named after its tag and the time, in the current directory, or the
 * temporary directory when that is inside one of the logdirs; what
 * happened (the path, or why not) into msg. */
int snap_key(struct view *v, struct painter *p, const struct discover *disc, double wall_now, char *msg,
	     size_t cap) TB_MUST;

#endif
