# bench/bench.mk: make bench-scale (also run by make bench): the five scale
# figures, each against a baseline measured in the same run, on workloads
# generated into a temporary directory by tests/tools/tbgen.
EXTRA_PROGRAMS += bench/bench_load bench/bench_frame bench/bench_pty
bench_bench_load_SOURCES = bench/bench_load.c bench/bench_util.c bench/bench_util.h
bench_bench_load_LDADD = $(LDADD_CORE)
bench_bench_frame_SOURCES = bench/bench_frame.c bench/bench_util.c bench/bench_util.h
bench_bench_frame_LDADD = $(LDADD_CORE)
bench_bench_pty_SOURCES = bench/bench_pty.c bench/bench_util.c bench/bench_util.h
bench_bench_pty_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
bench_bench_pty_LDADD = $(LDADD_CORE) -lutil
EXTRA_DIST += bench/scale.sh
CLEANFILES += bench/bench_load bench/bench_frame bench/bench_pty
bench_scale_bins = bench/bench_load bench/bench_frame bench/bench_pty tests/tools/tbgen tailboard
bench-scale: $(bench_scale_bins)
	$(SHELL) $(top_srcdir)/bench/scale.sh $(abs_top_builddir)
bench: bench-scale
.PHONY: bench-scale
