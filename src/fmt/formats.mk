# src/fmt: formats beyond TensorBoard: W&B, Hugging Face, CSV, JSONL, gzip
libtbcore_a_SOURCES += \
	src/fmt/fmt_common.c src/fmt/fmt_common.h \
	src/fmt/pyjson.c src/fmt/pyjson.h \
	src/fmt/gzstream.c src/fmt/gzstream.h \
	src/fmt/kvfile.c src/fmt/kvfile.h \
	src/fmt/wandb.c src/fmt/wandb_value.c src/fmt/wandb.h \
	src/fmt/jsonl.c \
	src/fmt/csv.c \
	src/fmt/trainer_state.c \
	src/fmt/classify_extra.c
