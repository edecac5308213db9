/* tfwriter.h: writes TensorBoard event files (the project's own writer,
 * used by tests, the live demo and benchmarks). Records are built in memory
 * and appended with one write() each, as TensorFlow's writer does. */
#ifndef TAILBOARD_TFWRITER_H
#define TAILBOARD_TFWRITER_H

#include "tailboard/common.h"

struct tfwriter {
	int fd;
	uint8_t *buf;           /* scratch for one record */
	size_t cap;
};

enum tfw_scalar { TFW_SIMPLE, TFW_TENSOR_FLOAT, TFW_TENSOR_DOUBLE };

/* Open (create or append). With header, writes the "brain.Event:2" record
 * when the file is empty. */
int tfwriter_open(struct tfwriter *w, const char *path, bool header) TB_MUST;
void tfwriter_close(struct tfwriter *w);
int tfwriter_scalar(struct tfwriter *w, const char *tag, int64_t step, double wall,
		    double value, enum tfw_scalar kind) TB_MUST;
int tfwriter_session_start(struct tfwriter *w, int64_t step, double wall) TB_MUST;

/* Encoders into a caller's buffer, for tests that need odd bytes.
 * Return the bytes used, 0 when cap is too small. */
size_t tfwriter_encode_scalar(uint8_t *out, size_t cap, const char *tag, int64_t step,
			      double wall, double value, enum tfw_scalar kind);
size_t tfwriter_encode_version(uint8_t *out, size_t cap, double wall);
size_t tfwriter_encode_session_start(uint8_t *out, size_t cap, int64_t step, double wall);
/* A text summary as PyTorch's add_text writes it (plugin "text", a
 * DT_STRING tensor of shape [1]); tag as written ("args/text_summary"). */
size_t tfwriter_encode_text(uint8_t *out, size_t cap, const char *tag, int64_t step, double wall,
			    const char *text);
/* The hparams plugin's session start info, as add_hparams writes it; each
 * "key=value" is a number when the value reads as one, a bool for
 * true/false, else a string. */
size_t tfwriter_encode_hparams(uint8_t *out, size_t cap, const char *const *kv, size_t n, double wall);

#endif
