libtbcore_a_SOURCES += \
	src/cmd/common.c \
	src/cmd/export.c \
	src/cmd/summary.c \
	src/cmd/cmd.h
