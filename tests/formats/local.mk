# tests/formats: the readers on real logs (../shared/realdata, skipped
# when absent) and on event files written byte by byte; export's bytes on
# the same logs against the printf code it replaced; the health detectors
# over every series there (tests/tools/health_csv, and watch --once).
FORMATS_TESTS = tests/formats/realdata_tfevents.sh tests/formats/events_fixtures.sh tests/formats/formats_realdata.sh \
	tests/formats/export_realdata.sh tests/formats/export_smoothing.sh tests/formats/runs_cmd.sh tests/formats/health_realdata.sh tests/formats/watch_realdata.sh \
	tests/formats/export_group.sh tests/formats/hparams_realdata.sh tests/formats/snapshot.sh tests/formats/wandb_media.sh \
	tests/formats/export_wandb_expected.sh tests/formats/overview_realdata.sh tests/formats/wandb_events.sh
TESTS += $(FORMATS_TESTS)
EXTRA_DIST += $(FORMATS_TESTS)
