# src/io/watch: inotify and polling (placeholder until the live issue lands)
libtbcore_a_SOURCES += src/io/watch.c
libtbcore_a_SOURCES += src/io/demo.c
