/* pngstat: what a snapshot PNG shows, decoded with Cairo, for tests.
 *
 *   pngstat FILE.png
 *
 * Prints "size W H", then "color N COUNT" for each run colour of the
 * palette: the pixels drawn in that colour (within a small distance, so
 * the anti-aliased edges of a line do not count, its middle does). */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include "tailboard/snap.h"

static int near(uint32_t px, double r, double g, double b)
{
	int d[3] = { (int)(px >> 16 & 0xff) - (int)(r * 255 + 0.5), (int)(px >> 8 & 0xff) - (int)(g * 255 + 0.5),
		     (int)(px & 0xff) - (int)(b * 255 + 0.5) };
	return abs(d[0]) <= 10 && abs(d[1]) <= 10 && abs(d[2]) <= 10;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pngstat FILE.png\n");
		return 2;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngstat: %s: %s\n", argv[1], cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	cairo_surface_flush(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	printf("size %d %d\n", w, h);
	const short *pal;
	size_t n = chart_palette(true, &pal);
	for (size_t c = 1; c <= n; c++) {
		double r, g, b;
		long count = 0;
		snap_run_rgb((int)c, &r, &g, &b);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				count += near(*(const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride + (size_t)x * 4), r, g, b);
		printf("color %zu %ld\n", c, count);
	}
	cairo_surface_destroy(s);
	return 0;
}
