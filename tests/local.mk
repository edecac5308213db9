# tests: C unit tests (TAP) and shell tests (TAP) driving the real binary.
TEST_LIBS = $(LDADD_CORE)
include tests/screen.mk
include tests/formats.mk
include tests/live.mk
