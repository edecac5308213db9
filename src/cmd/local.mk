# src/cmd: the headless commands (export, summary, watch).
noinst_LIBRARIES += libtbcmd.a
libtbcmd_a_SOURCES = \
	src/cmd/common.c \
	src/cmd/export.c \
	src/cmd/summary.c \
	src/cmd/watch.c src/cmd/watch_until.c src/cmd/watch_exec.c src/cmd/watchcmd.h
