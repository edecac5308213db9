# src/io: discovery, the loader (and its threaded first read), the
# watcher, the engine's one loop, the built-in demo writer, and the S3
# client behind s3:// logdirs.
noinst_LIBRARIES += libtbio.a
libtbio_a_SOURCES = \
	src/io/walk.c src/io/walk.h \
	src/io/discover.c src/io/discover_ckpt.c \
	src/io/loader.c src/io/loader_int.h \
	src/io/parload.c \
	src/io/watch.c src/io/watch_inotify.c src/io/watch_int.h \
	src/io/engine.c \
	src/io/demo.c \
	src/io/s3.c src/io/s3.h src/io/s3_int.h src/io/s3_conf.c src/io/s3_list.c src/io/s3_multi.c \
	src/io/discover_s3.c src/io/loader_s3.c src/io/s3_side.c
