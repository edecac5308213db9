# tests/formats.mk: W&B, Hugging Face, CSV, JSONL and gzip readers
check_PROGRAMS += tests/unit/test_formats
tests_unit_test_formats_SOURCES = tests/unit/test_formats.c
tests_unit_test_formats_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_formats_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_formats tests/formats_realdata.sh
EXTRA_DIST += tests/formats_realdata.sh tests/tools/wandb_dump.py tests/tools/cmp_points.py
