# tests/scale.mk: many runs and a big logdir (counts and keys, never timing).
# tbgen writes large generated logdirs quickly for these tests and make bench.
check_PROGRAMS += tests/tools/tbgen
tests_tools_tbgen_SOURCES = tests/tools/tbgen.c
tests_tools_tbgen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_tools_tbgen_LDADD = $(TEST_LIBS)
SCALE_TESTS = tests/scale_many_runs.sh tests/scale_loading.sh tests/scale_jobs.sh
TESTS += $(SCALE_TESTS)
EXTRA_DIST += $(SCALE_TESTS)
