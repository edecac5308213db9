# tests: C unit tests (TAP) and shell tests (TAP) driving the real binary,
# one directory an area, each with its own fragment.

TEST_LIBS = libtbapp.a $(LIBS_VIEW)
EXTRA_DIST += tests/lib.sh tests/tap.h tests/lsan.supp
include tests/tools/local.mk
include tests/unit/local.mk
include tests/formats/local.mk
include tests/screen/local.mk
include tests/live/local.mk
include tests/fault/local.mk
include tests/scale/local.mk
include tests/fuzz/local.mk
include tests/s3/local.mk
