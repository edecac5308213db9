# tests/tools: programs the tests drive or write logs with.
# tbwrite/tbappend/tbgen write event files (tbgen: big generated logdirs
# for the scale tests and make bench); watchdrv runs the engine with no
# screen for the live tests; ttyscan checks bytes written to a terminal;
# inofill uses up the inotify watch limit for one command; export_ref is
# export before its numbers left printf (oldfmt.h), the reference
# tests/formats/export_realdata.sh holds export to; health_csv runs the
# health detectors over an export's CSV.
check_PROGRAMS += tests/tools/tbwrite tests/tools/tbappend tests/tools/tbgen tests/tools/watchdrv \
	tests/tools/ttyscan tests/tools/inofill tests/tools/export_ref
tests_tools_tbwrite_SOURCES = tests/tools/tbwrite.c
tests_tools_tbwrite_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_tools_tbwrite_LDADD = $(TEST_LIBS)
tests_tools_tbappend_SOURCES = tests/tools/tbappend.c
tests_tools_tbappend_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_tools_tbappend_LDADD = $(TEST_LIBS)
tests_tools_tbgen_SOURCES = tests/tools/tbgen.c
tests_tools_tbgen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_tools_tbgen_LDADD = $(TEST_LIBS)
tests_tools_watchdrv_SOURCES = tests/tools/watchdrv.c
tests_tools_watchdrv_LDADD = $(TEST_LIBS)
tests_tools_ttyscan_SOURCES = tests/tools/ttyscan.c
tests_tools_ttyscan_LDADD = $(TEST_LIBS)
tests_tools_inofill_SOURCES = tests/tools/inofill.c
tests_tools_inofill_LDADD = $(TEST_LIBS)
tests_tools_export_ref_SOURCES = tests/tools/export_ref.c tests/tools/oldfmt.h
tests_tools_export_ref_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/tools/health_csv
tests_tools_health_csv_SOURCES = tests/tools/health_csv.c
tests_tools_health_csv_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/tools/compare_export.py tests/tools/cmp_points.py tests/tools/wandb_dump.py tests/tools/wandb_media.py \
	tests/tools/hparams_ref.py tests/tools/cmp_hparams.py
# pngstat decodes a snapshot PNG with Cairo and counts each run colour's pixels
check_PROGRAMS += tests/tools/pngstat
tests_tools_pngstat_SOURCES = tests/tools/pngstat.c
tests_tools_pngstat_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
tests_tools_pngstat_LDADD = libtbsnap.a $(TEST_LIBS) $(CAIRO_LIBS)
EXTRA_DIST += tests/tools/wandb_output.py tests/tools/wandb_rec.py
