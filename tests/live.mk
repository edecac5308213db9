# tests/live.mk: following logdirs live (watch), the demo, and their tools.
# watchdrv runs the watcher the way the screen's loop does, with no screen;
# tbappend appends scalar events (or prints framed records) for the tests.
check_PROGRAMS += tests/tools/watchdrv tests/tools/tbappend
tests_tools_watchdrv_SOURCES = tests/tools/watchdrv.c
tests_tools_watchdrv_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src
tests_tools_watchdrv_LDADD = $(TEST_LIBS)
tests_tools_tbappend_SOURCES = tests/tools/tbappend.c
tests_tools_tbappend_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src
tests_tools_tbappend_LDADD = $(TEST_LIBS)
LIVE_TESTS = \
	tests/live_inotify.sh \
	tests/live_replace.sh \
	tests/live_overflow.sh \
	tests/live_poll.sh \
	tests/live_demo.sh
TESTS += $(LIVE_TESTS)
EXTRA_DIST += $(LIVE_TESTS) tests/live_lib.sh
