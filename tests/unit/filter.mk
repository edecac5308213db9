# tests/unit/filter.mk: the filter expression language (src/core/filter*.c)
check_PROGRAMS += tests/unit/test_filter
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c
tests_unit_test_filter_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_filter
