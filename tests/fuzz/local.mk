# tests/fuzz: one target per parser. With --enable-fuzzing they are
# libFuzzer binaries (make fuzz-smoke); otherwise the same code is linked
# with replay.c and `make check` replays the regression inputs and seeds.
FUZZ_TARGETS = tfevents wandb wandb_history trainer_state csv jsonl gzip pb sanitize filter yaml wandb_output s3_list
EXTRA_DIST += tests/fuzz/fuzz_source.c tests/fuzz/fuzz_pb.c tests/fuzz/fuzz_sanitize.c tests/fuzz/fuzz_filter.c tests/fuzz/filter.dict tests/fuzz/fuzz_yaml.c tests/fuzz/fuzz_s3_list.c \
	tests/fuzz/replay.c tests/fuzz/seeds.sh tests/fuzz/smoke.sh tests/fuzz/afl.sh tests/fuzz/regressions tests/fault/fuzz_replay.sh
TESTS += tests/fault/fuzz_replay.sh
if ENABLE_FUZZING
FUZZ_BINS = tests/fuzz/fuzz_tfevents tests/fuzz/fuzz_wandb tests/fuzz/fuzz_wandb_history tests/fuzz/fuzz_trainer_state tests/fuzz/fuzz_csv tests/fuzz/fuzz_jsonl tests/fuzz/fuzz_gzip tests/fuzz/fuzz_pb tests/fuzz/fuzz_sanitize tests/fuzz/fuzz_filter tests/fuzz/fuzz_yaml tests/fuzz/fuzz_wandb_output tests/fuzz/fuzz_s3_list
noinst_PROGRAMS = $(FUZZ_BINS)
tests_fuzz_fuzz_tfevents_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_tfevents_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_TFEVENTS
tests_fuzz_fuzz_tfevents_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_tfevents_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_wandb_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_wandb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB
tests_fuzz_fuzz_wandb_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_wandb_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_wandb_history_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_wandb_history_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB_HISTORY
tests_fuzz_fuzz_wandb_history_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_wandb_history_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_trainer_state_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_trainer_state_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_TRAINER_STATE
tests_fuzz_fuzz_trainer_state_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_trainer_state_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_csv_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_CSV
tests_fuzz_fuzz_csv_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_csv_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_jsonl_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_jsonl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_JSONL
tests_fuzz_fuzz_jsonl_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_jsonl_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_gzip_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_gzip_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_JSONL -DFUZZ_GZ=1
tests_fuzz_fuzz_gzip_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_gzip_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_pb_SOURCES = tests/fuzz/fuzz_pb.c
tests_fuzz_fuzz_pb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt 
tests_fuzz_fuzz_pb_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_pb_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_sanitize_SOURCES = tests/fuzz/fuzz_sanitize.c
tests_fuzz_fuzz_sanitize_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt 
tests_fuzz_fuzz_sanitize_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_sanitize_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_filter_SOURCES = tests/fuzz/fuzz_filter.c
tests_fuzz_fuzz_filter_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_filter_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_yaml_SOURCES = tests/fuzz/fuzz_yaml.c
tests_fuzz_fuzz_yaml_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_fuzz_fuzz_yaml_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_yaml_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_wandb_output_SOURCES = tests/fuzz/fuzz_source.c
tests_fuzz_fuzz_wandb_output_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB_OUTPUT
tests_fuzz_fuzz_wandb_output_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_wandb_output_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_s3_list_SOURCES = tests/fuzz/fuzz_s3_list.c
tests_fuzz_fuzz_s3_list_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/io
tests_fuzz_fuzz_s3_list_LDADD = $(TEST_LIBS)
tests_fuzz_fuzz_s3_list_LDFLAGS = -fsanitize=fuzzer
else
FUZZ_BINS = tests/fuzz/replay_tfevents tests/fuzz/replay_wandb tests/fuzz/replay_wandb_history tests/fuzz/replay_trainer_state tests/fuzz/replay_csv tests/fuzz/replay_jsonl tests/fuzz/replay_gzip tests/fuzz/replay_pb tests/fuzz/replay_sanitize tests/fuzz/replay_filter tests/fuzz/replay_yaml tests/fuzz/replay_wandb_output tests/fuzz/replay_s3_list
check_PROGRAMS += $(FUZZ_BINS)
tests_fuzz_replay_tfevents_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_tfevents_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_TFEVENTS
tests_fuzz_replay_tfevents_LDADD = $(TEST_LIBS)
tests_fuzz_replay_wandb_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_wandb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB
tests_fuzz_replay_wandb_LDADD = $(TEST_LIBS)
tests_fuzz_replay_wandb_history_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_wandb_history_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB_HISTORY
tests_fuzz_replay_wandb_history_LDADD = $(TEST_LIBS)
tests_fuzz_replay_trainer_state_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_trainer_state_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_TRAINER_STATE
tests_fuzz_replay_trainer_state_LDADD = $(TEST_LIBS)
tests_fuzz_replay_csv_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_csv_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_CSV
tests_fuzz_replay_csv_LDADD = $(TEST_LIBS)
tests_fuzz_replay_jsonl_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_jsonl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_JSONL
tests_fuzz_replay_jsonl_LDADD = $(TEST_LIBS)
tests_fuzz_replay_gzip_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_gzip_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_JSONL -DFUZZ_GZ=1
tests_fuzz_replay_gzip_LDADD = $(TEST_LIBS)
tests_fuzz_replay_pb_SOURCES = tests/fuzz/fuzz_pb.c tests/fuzz/replay.c
tests_fuzz_replay_pb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt 
tests_fuzz_replay_pb_LDADD = $(TEST_LIBS)
tests_fuzz_replay_sanitize_SOURCES = tests/fuzz/fuzz_sanitize.c tests/fuzz/replay.c
tests_fuzz_replay_sanitize_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt 
tests_fuzz_replay_sanitize_LDADD = $(TEST_LIBS)
tests_fuzz_replay_filter_SOURCES = tests/fuzz/fuzz_filter.c tests/fuzz/replay.c
tests_fuzz_replay_filter_LDADD = $(TEST_LIBS)
tests_fuzz_replay_yaml_SOURCES = tests/fuzz/fuzz_yaml.c tests/fuzz/replay.c
tests_fuzz_replay_yaml_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt
tests_fuzz_replay_yaml_LDADD = $(TEST_LIBS)
tests_fuzz_replay_wandb_output_SOURCES = tests/fuzz/fuzz_source.c tests/fuzz/replay.c
tests_fuzz_replay_wandb_output_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/fmt -DFUZZ_KIND=SRC_WANDB_OUTPUT
tests_fuzz_replay_wandb_output_LDADD = $(TEST_LIBS)
tests_fuzz_replay_s3_list_SOURCES = tests/fuzz/fuzz_s3_list.c tests/fuzz/replay.c
tests_fuzz_replay_s3_list_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/io
tests_fuzz_replay_s3_list_LDADD = $(TEST_LIBS)
endif

# Each target for FUZZ_SECONDS (default 60), seeded from ../shared/realdata.
FUZZ_SECONDS ?= 60
fuzz-smoke: $(FUZZ_BINS)
if ENABLE_FUZZING
	FUZZ_SECONDS=$(FUZZ_SECONDS) TB_SRCDIR='$(abs_top_srcdir)' $(SHELL) $(top_srcdir)/tests/fuzz/smoke.sh '$(abs_top_builddir)/tests/fuzz' $(FUZZ_TARGETS)
else
	@echo 'fuzz-smoke needs: ./configure CC=clang --enable-fuzzing' >&2; exit 1
endif
# The same targets under AFL++: ./configure CC=afl-clang-fast --enable-fuzzing
AFL_SECONDS ?= 30
fuzz-afl: $(FUZZ_BINS)
if ENABLE_FUZZING
	AFL_SECONDS=$(AFL_SECONDS) TB_SRCDIR='$(abs_top_srcdir)' $(SHELL) $(top_srcdir)/tests/fuzz/afl.sh '$(abs_top_builddir)/tests/fuzz' $(FUZZ_TARGETS)
else
	@echo 'fuzz-afl needs: ./configure CC=afl-clang-fast --enable-fuzzing' >&2; exit 1
endif
.PHONY: fuzz-smoke fuzz-afl
