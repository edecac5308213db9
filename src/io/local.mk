libtbcore_a_SOURCES += \
	src/io/classify.c \
	src/io/discover.c \
	src/io/loader.c \
	src/io/parload.c
