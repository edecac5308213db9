# src/core: the store, its sink, diagnostics, the sanitiser, allocation,
# paths, the health detectors. Depends on nothing above it.
noinst_LIBRARIES += libtbcore.a
libtbcore_a_SOURCES = \
	src/core/util.c \
	src/core/xalloc.c \
	src/core/path.c \
	src/core/strmap.c \
	src/core/store.c src/core/checkpoint.c \
	src/core/series.c src/core/series_int.h \
	src/core/store_sink.c src/core/runlog.c \
	src/core/best.c \
	src/core/diag.c \
	src/core/sanitize.c \
	src/core/filter.c \
	src/core/filter_eval.c \
	src/core/filter_regex.c \
	src/core/filter_text.c \
	src/core/filter_int.h \
	src/core/run_subject.c src/core/hpdiff.c \
	src/core/group.c src/core/group_stats.c \
	src/core/health.c src/core/health_stats.c src/core/health_rules.c \
	src/core/health_run.c src/core/health_fmt.c src/core/health_int.h \
	src/core/health_mon.c \
	src/core/notify.c
