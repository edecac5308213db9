# tests/live: following logdirs live (watch) and the demo.
LIVE_TESTS = tests/live/live_inotify.sh tests/live/live_replace.sh tests/live/live_overflow.sh \
	tests/live/live_poll.sh tests/live/live_demo.sh
TESTS += $(LIVE_TESTS)
EXTRA_DIST += $(LIVE_TESTS) tests/live/live_lib.sh
