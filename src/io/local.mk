# src/io: discovery, the loader (and its threaded first read), the
# watcher, the engine's one loop, and the built-in demo writer.
noinst_LIBRARIES += libtbio.a
libtbio_a_SOURCES = \
	src/io/walk.c src/io/walk.h \
	src/io/discover.c src/io/discover_ckpt.c \
	src/io/loader.c src/io/loader_int.h \
	src/io/parload.c \
	src/io/watch.c src/io/watch_inotify.c src/io/watch_int.h \
	src/io/engine.c \
	src/io/demo.c
