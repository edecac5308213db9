# src/snap: snapshots: charts drawn with Cairo as SVG or PNG (the chart
# core's series, windows, ticks and palette), canvases as text, the
# snapshot command and the screen's picture key. Between view and ui.
noinst_LIBRARIES += libtbsnap.a
libtbsnap_a_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
libtbsnap_a_SOURCES = \
	src/snap/snap_int.h \
	src/snap/draw.c src/snap/lines.c \
	src/snap/write.c \
	src/snap/text.c \
	src/snap/command.c \
	src/snap/key.c
