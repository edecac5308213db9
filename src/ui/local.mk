# src/ui: the screen; the only code that includes curses
libtbui_a_SOURCES += \
	src/ui/ui_int.h \
	src/ui/model.c \
	src/ui/runs.c \
	src/ui/keys.c \
	src/ui/draw.c \
	src/ui/loop.c
