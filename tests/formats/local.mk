# tests/formats: the readers on real logs (../shared/realdata, skipped
# when absent) and on event files written byte by byte; export's bytes on
# the same logs against the printf code it replaced.
FORMATS_TESTS = tests/formats/realdata_tfevents.sh tests/formats/events_fixtures.sh tests/formats/formats_realdata.sh \
	tests/formats/export_realdata.sh
TESTS += $(FORMATS_TESTS)
EXTRA_DIST += $(FORMATS_TESTS)
