# src/ui: the terminal; the only code that includes curses.
noinst_LIBRARIES += libtbui.a
libtbui_a_SOURCES = \
	src/ui/ui_int.h \
	src/ui/term.c \
	src/ui/input.c \
	src/ui/loop.c \
	src/ui/alerts.c \
	src/ui/print.c
