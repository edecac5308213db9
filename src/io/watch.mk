# src/io/watch: follow logdirs live (inotify, polling fallback) and the built-in demo
libtbcore_a_SOURCES += \
	src/io/watch.c \
	src/io/watch_inotify.c \
	src/io/watch_files.c \
	src/io/watch_int.h \
	src/io/demo.c
