# tests/fault: hostile or failing input, terminal safety, the read-only
# guarantee, and the fuzzers' regression inputs replayed.
FAULT_TESTS = tests/fault/fault_files.sh tests/fault/fault_output.sh tests/fault/fault_live.sh \
	tests/fault/fault_many.sh tests/fault/fault_signals.sh tests/fault/termsafe_screen.sh \
	tests/fault/termsafe_headless.sh tests/fault/readonly.sh tests/fault/fuzz_replay.sh
TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/fault/hardening_lib.sh
