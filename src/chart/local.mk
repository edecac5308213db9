# src/chart: the curses-free chart core (canvas, tiers, decimation,
# smoothing, ticks). Depends on core only.
noinst_LIBRARIES += libtbchart.a
libtbchart_a_SOURCES = \
	src/chart/canvas.c \
	src/chart/cache.c \
	src/chart/caches.c \
	src/chart/smooth.c \
	src/chart/ticks.c \
	src/chart/plot.c src/chart/plot.h \
	src/chart/chart.c src/chart/axes.c src/chart/band.c \
	src/chart/palette.c
