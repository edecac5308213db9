/* tfevents.h: TensorBoard Event decoding into the store. */
#ifndef TAILBOARD_TFEVENTS_H
#define TAILBOARD_TFEVENTS_H

#include "tailboard/source.h"

/* Decode one Event protobuf for run r: scalars go to the store, other
 * values are counted, hparams land in r->hparams, restarts purge per
 * TensorBoard. TB_OK, or TB_ERR when the protobuf is malformed. */
int tfevents_decode(struct source_ctx *ctx, struct run *r, const uint8_t *buf, size_t len);

/* Scalar out of a TensorProto. TB_OK with *out set (and *single when the
 * dtype is float32 or narrower), TB_ERR when it is not a one-element
 * numeric tensor. */
int tfevents_tensor_scalar(const uint8_t *buf, size_t len, double *out, bool *single);

#endif
