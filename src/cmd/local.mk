# src/cmd: the headless commands (export, summary).
noinst_LIBRARIES += libtbcmd.a
libtbcmd_a_SOURCES = \
	src/cmd/common.c \
	src/cmd/export.c \
	src/cmd/summary.c
