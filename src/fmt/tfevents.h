/* tfevents.h: TensorBoard Event decoding (tfevents.c), for the event-file
 * reader (tfsource.c) and the tests. */
#ifndef TAILBOARD_TFEVENTS_H
#define TAILBOARD_TFEVENTS_H

#include "source_int.h"
#include "tagcache.h"

/* TensorBoard's restart bookkeeping for a run, across its event files
 * (EventAccumulator keeps it per run): the file version decides how
 * restarts are found, the last summary step finds them in old files. */
struct tf_run {
	int file_version;
	bool have_recent;
	int64_t recent_step;
	struct strmap plugin;   /* tag -> plugin of its first metadata (static string) */
};

struct tf_run *tf_run_new(void);
void tf_run_free(void *run_state);
void tf_run_reset(struct tf_run *rs);

/* Where one file's events go. */
struct tf_decoder {
	struct emit *e;
	void *run;
	struct tf_run *rs;
	struct tagcache *tags;
};

/* Decode one Event protobuf: scalars are emitted, other values counted,
 * hparams become run facts, restarts purge per TensorBoard. TB_OK, or
 * TB_ERR when the protobuf is malformed. */
int tfevents_decode(struct tf_decoder *d, const uint8_t *buf, size_t len) TB_MUST;

/* The Hugging Face Trainer's "args" and "model_config" text summaries
 * (tftext.c): their JSON fields become the run's hyperparameters, the
 * model's prefixed "model."; other tags and text that is not a JSON
 * object add nothing. */
void tfevents_text_hparams(struct tf_decoder *d, const char *tag, size_t len, const uint8_t *tensor, size_t tlen);

/* Scalar out of a TensorProto. TB_OK with *out set (and *single when the
 * dtype is float32 or narrower), TB_ERR when it is not a one-element
 * numeric tensor. */
int tfevents_tensor_scalar(const uint8_t *buf, size_t len, double *out, bool *single) TB_MUST;

#endif
