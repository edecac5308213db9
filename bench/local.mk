# bench: make bench. Not run by make check. Every figure is printed
# against a baseline measured in the same run (bench/scale.sh).
# latency: append -> store with inotify and polling, idle CPU;
# bench_load, bench_frame, bench_pty, bench_health: the scale figures, on workloads
# generated into a temporary directory by tests/tools/tbgen.
EXTRA_PROGRAMS = bench/latency bench/bench_load bench/bench_frame bench/bench_pty bench/bench_health bench/bench_table bench/bench_bands bench/bench_system
bench_latency_SOURCES = bench/latency.c
bench_latency_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_load_SOURCES = bench/bench_load.c bench/bench_util.c bench/bench_util.h
bench_bench_load_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_frame_SOURCES = bench/bench_frame.c bench/bench_util.c bench/bench_util.h
bench_bench_frame_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_pty_SOURCES = bench/bench_pty.c bench/bench_util.c bench/bench_util.h
bench_bench_pty_LDADD = libtbapp.a $(LIBS_VIEW) -lutil
bench_bench_health_SOURCES = bench/bench_health.c bench/bench_util.c bench/bench_util.h
bench_bench_health_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_table_SOURCES = bench/bench_table.c bench/bench_util.c bench/bench_util.h
bench_bench_table_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_bands_SOURCES = bench/bench_bands.c bench/bench_util.c bench/bench_util.h
bench_bench_bands_LDADD = libtbapp.a $(LIBS_VIEW)
bench_bench_system_SOURCES = bench/bench_system.c bench/bench_util.c bench/bench_util.h
bench_bench_system_LDADD = libtbapp.a $(LIBS_VIEW)
EXTRA_DIST += bench/scale.sh bench/s3.sh
CLEANFILES += bench/latency bench/bench_load bench/bench_frame bench/bench_pty bench/bench_health bench/bench_table bench/bench_bands bench/bench_system
bench_scale_bins = bench/bench_load bench/bench_frame bench/bench_pty bench/bench_health bench/bench_table bench/bench_bands bench/bench_system tests/tools/tbgen tailboard
bench: bench/latency bench-scale bench-s3
	./bench/latency
bench-scale: $(bench_scale_bins)
	$(SHELL) $(top_srcdir)/bench/scale.sh $(abs_top_builddir)
# s3:// logdirs on a local Ceph RGW (needs Ceph, as tests/s3; skipped,
# saying why, without it); alone: make bench-s3
bench-s3: tailboard tests/tools/tbappend tests/tools/watchdrv
	$(SHELL) $(top_srcdir)/bench/s3.sh $(abs_top_builddir)
.PHONY: bench bench-scale bench-s3
