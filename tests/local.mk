# tests: C unit tests (TAP) and shell tests (TAP) driving the real binary.
TEST_LIBS = $(LDADD_CORE)
include tests/screen.mk
include tests/formats.mk
include tests/live.mk
include tests/unit/filter.mk

check_PROGRAMS += tests/unit/test_core tests/tools/tbwrite
tests_unit_test_core_SOURCES = tests/unit/test_core.c
tests_unit_test_core_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_core_LDADD = $(TEST_LIBS)
tests_tools_tbwrite_SOURCES = tests/tools/tbwrite.c
tests_tools_tbwrite_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_tools_tbwrite_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_core tests/realdata_tfevents.sh tests/events_fixtures.sh tests/cli.sh tests/keys_doc.sh
EXTRA_DIST += tests/realdata_tfevents.sh tests/events_fixtures.sh tests/cli.sh tests/keys_doc.sh tests/tools/compare_export.py doc/keys.sh
include tests/fuzz/local.mk
include tests/scale.mk
include tests/hardening.mk
