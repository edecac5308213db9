# src/view: the curses-free screen: the user's state, the model of runs
# and tags, the runs table, the grid's layout, the key table and its actions, and the
# frame rendered into a canvas.
noinst_LIBRARIES += libtbview.a
libtbview_a_SOURCES = \
	src/view/view_int.h \
	src/view/view.c \
	src/view/model.c src/view/names.c src/view/overview.c \
	src/view/runs.c \
	src/view/actions.c \
	src/view/keys.c \
	src/view/cursor.c \
	src/view/layout.c \
	src/view/text.c \
	src/view/frame.c src/view/console.c \
	src/view/overlay.c \
	src/view/table.c \
	src/view/table_draw.c \
	src/view/datatable.c \
	src/view/alerts.c \
	src/view/bands.c \
	src/view/system.c \
	src/view/charts.c \
	src/view/grid.c src/view/mouse.c
