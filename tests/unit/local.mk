# tests/unit: the curses-free parts, each a TAP program (the view's from
# scripted keys to text frames), the structure check, the command line and
# the key docs.
check_PROGRAMS += tests/unit/test_core tests/unit/test_tfevents tests/unit/test_formats tests/unit/test_chart \
	tests/unit/test_view tests/unit/test_screen tests/unit/test_table tests/unit/test_filter tests/unit/test_numfmt \
	tests/unit/test_group tests/unit/test_hparams tests/unit/test_claim_fs
tests_unit_test_group_SOURCES = tests/unit/test_group.c
tests_unit_test_group_LDADD = $(TEST_LIBS)
tests_unit_test_core_SOURCES = tests/unit/test_core.c
tests_unit_test_core_LDADD = $(TEST_LIBS)
tests_unit_test_tfevents_SOURCES = tests/unit/test_tfevents.c
tests_unit_test_tfevents_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_tfevents_LDADD = $(TEST_LIBS)
tests_unit_test_formats_SOURCES = tests/unit/test_formats.c tests/unit/store_env.h
tests_unit_test_formats_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_formats_LDADD = $(TEST_LIBS)
tests_unit_test_claim_fs_SOURCES = tests/unit/test_claim_fs.c
tests_unit_test_claim_fs_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_claim_fs_LDADD = $(TEST_LIBS)
tests_unit_test_hparams_SOURCES = tests/unit/test_hparams.c
tests_unit_test_hparams_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_unit_test_hparams_LDADD = $(TEST_LIBS)
tests_unit_test_chart_SOURCES = tests/unit/test_chart.c
tests_unit_test_chart_LDADD = $(TEST_LIBS)
tests_unit_test_view_SOURCES = tests/unit/test_view.c tests/unit/vt.c tests/unit/vt.h
tests_unit_test_view_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/view
tests_unit_test_view_LDADD = $(TEST_LIBS)
tests_unit_test_screen_SOURCES = tests/unit/test_screen.c tests/unit/vt.c tests/unit/vt.h
tests_unit_test_screen_LDADD = $(TEST_LIBS)
tests_unit_test_table_SOURCES = tests/unit/test_table.c tests/unit/vt.c tests/unit/vt.h
tests_unit_test_table_LDADD = $(TEST_LIBS)
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c
tests_unit_test_filter_LDADD = $(TEST_LIBS)
# number formatting against the printf code it replaced (oldfmt.h)
tests_unit_test_numfmt_SOURCES = tests/unit/test_numfmt.c tests/tools/oldfmt.h
tests_unit_test_numfmt_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/cmd
tests_unit_test_numfmt_LDADD = $(TEST_LIBS)
# health: the detectors, the --alert rules, the monitor over a store
check_PROGRAMS += tests/unit/test_health tests/unit/test_health_rules tests/unit/test_health_mon
tests_unit_test_health_SOURCES = tests/unit/test_health.c
tests_unit_test_health_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/core
tests_unit_test_health_LDADD = $(TEST_LIBS)
tests_unit_test_health_rules_SOURCES = tests/unit/test_health_rules.c
tests_unit_test_health_rules_LDADD = $(TEST_LIBS)
tests_unit_test_health_mon_SOURCES = tests/unit/test_health_mon.c
tests_unit_test_health_mon_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_health tests/unit/test_health_rules tests/unit/test_health_mon
# health on the screen: notification bytes, the run list's mark, the alert list
check_PROGRAMS += tests/unit/test_alerts
tests_unit_test_alerts_SOURCES = tests/unit/test_alerts.c tests/unit/vt.c tests/unit/vt.h
tests_unit_test_alerts_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_alerts
UNIT_SHELL_TESTS = tests/unit/cli.sh tests/unit/keys_doc.sh tests/unit/structure.sh
TESTS += tests/unit/test_claim_fs tests/unit/test_core tests/unit/test_tfevents tests/unit/test_formats tests/unit/test_chart \
	tests/unit/test_view tests/unit/test_screen tests/unit/test_table tests/unit/test_filter tests/unit/test_numfmt tests/unit/test_group tests/unit/test_hparams $(UNIT_SHELL_TESTS)
EXTRA_DIST += $(UNIT_SHELL_TESTS) tests/unit/layers.sh tests/unit/sizes.sh
# make check tries 1M random patterns of each kind; this 10M and every
# float32 of two binades (a few minutes)
check-long: tests/unit/test_numfmt
	./tests/unit/test_numfmt 10000000
.PHONY: check-long
# checkpoints: names, the store's owners, the nearest
check_PROGRAMS += tests/unit/test_checkpoint
tests_unit_test_checkpoint_SOURCES = tests/unit/test_checkpoint.c
tests_unit_test_checkpoint_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_checkpoint
# palettes at each colour depth (--print=ansi, snapshot), the config file
TESTS += tests/unit/palette.sh tests/unit/config.sh
EXTRA_DIST += tests/unit/palette.sh tests/unit/config.sh
# the grid's shape, pinned runs and the mouse, through the view
check_PROGRAMS += tests/unit/test_layout
tests_unit_test_layout_SOURCES = tests/unit/test_layout.c tests/unit/vt.c tests/unit/vt.h
tests_unit_test_layout_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/view
tests_unit_test_layout_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_layout
# console output: W&B's output records and output.log, the log's bound, the text shown
check_PROGRAMS += tests/unit/test_console
tests_unit_test_console_SOURCES = tests/unit/test_console.c tests/unit/store_env.h
tests_unit_test_console_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/view
tests_unit_test_console_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_console
