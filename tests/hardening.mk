# tests/hardening.mk: the fault suite, terminal safety and the read-only
# guarantee; they drive the real binary against hostile or failing input.
# ttyscan checks bytes written to a terminal; inofill uses up the inotify
# watch limit for one command.
check_PROGRAMS += tests/tools/ttyscan tests/tools/inofill
tests_tools_ttyscan_SOURCES = tests/tools/ttyscan.c
tests_tools_ttyscan_LDADD = $(TEST_LIBS)
tests_tools_inofill_SOURCES = tests/tools/inofill.c
tests_tools_inofill_LDADD = $(TEST_LIBS)
HARDENING_TESTS = \
	tests/fault_files.sh \
	tests/fault_output.sh \
	tests/fault_live.sh \
	tests/fault_many.sh \
	tests/fault_signals.sh \
	tests/termsafe_screen.sh \
	tests/termsafe_headless.sh \
	tests/readonly.sh
TESTS += $(HARDENING_TESTS)
EXTRA_DIST += $(HARDENING_TESTS) tests/hardening_lib.sh
