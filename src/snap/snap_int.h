/* snap_int.h: what the files of src/snap share. */
#ifndef TAILBOARD_SNAP_INT_H
#define TAILBOARD_SNAP_INT_H

#include <cairo.h>
#include "tailboard/snap.h"

/* draw.c: one chart into the rectangle (x, y, w, h) of cr, in points. */
int draw_chart(cairo_t *cr, double x, double y, double w, double h, const struct snap_chart *c,
	       const struct chart_view *v) TB_MUST;

/* lines.c: a series' raw or smoothed values as a path, decimated to a
 * few points a pixel column. */
struct draw_box {
	double x, y, w, h;      /* the plot, in points */
	struct chart_scale sc;
	bool logy;
	enum chart_xmode xmode;
};
void lines_path(cairo_t *cr, const struct draw_box *b, const struct chart_series *cs, const struct series_cache *c,
		bool smoothed);
/* The band between two series (a group's spread), filled. */
void lines_band(cairo_t *cr, const struct draw_box *b, const struct chart_series *cs, bool smoothed);

/* write.c */
/* Text for an XML document: sanitised UTF-8 with & < > " ' as entities and
 * what XML 1.0 cannot hold dropped; appended to *buf (malloc'd). */
void xml_escape_append(char **buf, size_t *len, size_t *cap, const char *s);

#endif
