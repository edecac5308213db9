# src/chart: the curses-free chart core (canvas, tiers, decimation, smoothing, ticks)
libtbcore_a_SOURCES += \
	src/chart/canvas.c \
	src/chart/cache.c \
	src/chart/ticks.c \
	src/chart/plot.c src/chart/plot.h \
	src/chart/chart.c
