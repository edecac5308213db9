# src/app: the composition root: the app struct (a library, so the test
# drivers and benchmarks build the same app), command line and main.
noinst_LIBRARIES += libtbapp.a
libtbapp_a_SOURCES = src/app/app.c
bin_PROGRAMS += tailboard
tailboard_SOURCES = src/app/main.c src/app/cli.c src/app/cli.h src/app/config.c src/app/usage.c
tailboard_LDADD = libtbapp.a $(LIBS_UI)
