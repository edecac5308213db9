# src/ui: the only code that includes curses (placeholder until the screen lands)
libtbui_a_SOURCES += src/ui/ui_stub.c
