/* pb.h: a bounded protobuf wire-format reader. Nothing read from the input
 * (lengths, nesting) is trusted: every length is checked against the bytes
 * that remain and nesting stops at PB_MAX_DEPTH. */
#ifndef TAILBOARD_PB_H
#define TAILBOARD_PB_H

#include "tailboard/common.h"

#define PB_MAX_DEPTH 32

enum pb_wire { PB_VARINT = 0, PB_FIXED64 = 1, PB_LEN = 2, PB_SGROUP = 3, PB_EGROUP = 4, PB_FIXED32 = 5 };

struct pb_reader {
	const uint8_t *p, *end;
	int depth;
	int groups;             /* open groups being skipped */
};

struct pb_field {
	uint32_t num;
	enum pb_wire wire;
	uint64_t u;             /* varint, fixed32 or fixed64 payload */
	const uint8_t *data;    /* PB_LEN payload */
	size_t len;
};

void pb_init(struct pb_reader *r, const uint8_t *buf, size_t len);
/* 1: a field was read; 0: clean end of message; -1: malformed. Groups
 * (deprecated) are skipped whole. */
int pb_next(struct pb_reader *r, struct pb_field *f);
/* Reader over a length-delimited field's payload, one level deeper. */
int pb_sub(const struct pb_reader *parent, const struct pb_field *f, struct pb_reader *child);
/* Varint from a byte range (packed repeated fields). 1 ok, 0 end, -1 bad. */
int pb_varint(const uint8_t **p, const uint8_t *end, uint64_t *out);
static inline double pb_double(const struct pb_field *f)
{
	union { uint64_t u; double d; } c = { .u = f->u };
	return c.d;
}
static inline float pb_float(const struct pb_field *f)
{
	union { uint32_t u; float f; } c = { .u = (uint32_t)f->u };
	return c.f;
}

#endif
