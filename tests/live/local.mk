# tests/live: following logdirs live (the watcher), the demo, and the
# watch command's alerts, exit codes and --exec with writers of their own.
LIVE_TESTS = tests/live/live_inotify.sh tests/live/live_replace.sh tests/live/live_overflow.sh \
	tests/live/live_poll.sh tests/live/live_demo.sh \
	tests/live/watch_alerts.sh tests/live/watch_exit.sh tests/live/watch_exec.sh \
	tests/live/live_hparams.sh
TESTS += $(LIVE_TESTS)
EXTRA_DIST += $(LIVE_TESTS) tests/live/live_lib.sh tests/live/watch_lib.sh
