# src/fmt: the format readers (TensorBoard, W&B, Hugging Face, CSV, JSONL,
# gzip under any of them), their claims, and the event-file writer.
noinst_LIBRARIES += libtbfmt.a
libtbfmt_a_SOURCES = \
	src/fmt/source_int.h src/fmt/stream.c src/fmt/gzstream.c src/fmt/gzstream.h \
	src/fmt/claim.c src/fmt/claim.h src/fmt/checkpoint.c src/fmt/tagcache.c src/fmt/tagcache.h \
	src/fmt/crc32c.c src/fmt/crc32c.h src/fmt/crc32c_hw.h src/fmt/crc32c_table.h \
	src/fmt/pb.c src/fmt/pb.h \
	src/fmt/tfrecord.c src/fmt/tfrecord.h \
	src/fmt/tfevents.c src/fmt/tfevents.h src/fmt/tftensor.c src/fmt/tftext.c src/fmt/tfsource.c \
	src/fmt/tfwriter.c \
	src/fmt/fmt_common.c src/fmt/fmt_common.h \
	src/fmt/pyjson.c src/fmt/pyjson.h \
	src/fmt/hparams.c src/fmt/hparams.h src/fmt/yaml.c src/fmt/yaml.h \
	src/fmt/kvfile.c src/fmt/kvfile.h \
	src/fmt/wandb.c src/fmt/wandb_value.c src/fmt/wandb_claim.c src/fmt/wandb_files.c src/fmt/wandb_output.c \
	src/fmt/wandb.h \
	src/fmt/jsonl.c \
	src/fmt/csv.c src/fmt/csv_claim.c \
	src/fmt/trainer_state.c src/fmt/trainer_state_claim.c
