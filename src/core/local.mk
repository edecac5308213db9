libtbcore_a_SOURCES += \
	src/core/app.c \
	src/core/util.c \
	src/core/strmap.c \
	src/core/store.c \
	src/core/series.c \
	src/core/best.c \
	src/core/diag.c \
	src/core/sanitize.c \
	src/core/filter.c \
	src/core/filter_eval.c \
	src/core/filter_regex.c \
	src/core/filter_text.c \
	src/core/filter_int.h
