# tests/screen.mk: the chart core (unit) and the real screen in tmux (e2e)
check_PROGRAMS += tests/unit/test_chart
tests_unit_test_chart_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_chart
TESTS += tests/e2e/screen_basic.sh tests/e2e/screen_mixed.sh
EXTRA_DIST += tests/e2e/screen_basic.sh tests/e2e/screen_mixed.sh
