# bench: sources added by this module

# live (issue 4): append -> store latency with inotify and polling, idle CPU.
# Not run by make check; `make bench` builds and runs it.
EXTRA_PROGRAMS = bench/latency
bench_latency_SOURCES = bench/latency.c
bench_latency_LDADD = $(LDADD_CORE)
CLEANFILES += bench/latency
bench_bins = bench/latency
bench: $(bench_bins)
	./bench/latency
.PHONY: bench
