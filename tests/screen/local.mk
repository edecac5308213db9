# tests/screen: the real screen in tmux.
SCREEN_TESTS = tests/screen/screen_system.sh tests/screen/screen_basic.sh tests/screen/screen_mixed.sh tests/screen/screen_sizes.sh tests/screen/screen_table.sh \
	tests/screen/screen_alerts.sh tests/screen/screen_checkpoints.sh tests/screen/screen_print.sh \
	tests/screen/screen_bands.sh tests/screen/screen_overview.sh tests/screen/screen_console.sh
SCREEN_TESTS += tests/screen/screen_palette.sh tests/screen/screen_layout.sh tests/screen/screen_mouse.sh
TESTS += $(SCREEN_TESTS)
EXTRA_DIST += $(SCREEN_TESTS)
