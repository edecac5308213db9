# tests/scale: many runs and a big logdir (counts and keys, never timing).
SCALE_TESTS = tests/scale/scale_many_runs.sh tests/scale/scale_loading.sh tests/scale/scale_jobs.sh
TESTS += $(SCALE_TESTS)
EXTRA_DIST += $(SCALE_TESTS)
