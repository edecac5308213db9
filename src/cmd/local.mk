# src/cmd: the headless commands (export, summary, watch), and the number
# formatting they share: shortest round-trip digits from double-conversion
# through shortest.cc, the one C++ file.
noinst_LIBRARIES += libtbcmd.a
libtbcmd_a_SOURCES = \
	src/cmd/common.c \
	src/cmd/export.c src/cmd/export_group.c src/cmd/export_int.h \
	src/cmd/summary.c \
	src/cmd/runs.c \
	src/cmd/numfmt.c src/cmd/numfast.c src/cmd/numfmt.h \
	src/cmd/outbuf.c src/cmd/outbuf.h \
	src/cmd/shortest.cc src/cmd/shortest.h \
	src/cmd/watch.c src/cmd/watch_until.c src/cmd/watch_exec.c src/cmd/watchcmd.h
