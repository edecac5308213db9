/* pb.h: a bounded protobuf wire-format reader. Nothing read from the input
 * (lengths, nesting) is trusted: every length is checked against the bytes
 * that remain and nesting stops at PB_MAX_DEPTH. */
#ifndef TAILBOARD_PB_H
#define TAILBOARD_PB_H

#include <string.h>
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
/* Reader over a length-delimited field's payload, one level deeper. */
int pb_sub(const struct pb_reader *parent, const struct pb_field *f, struct pb_reader *child) TB_MUST;
/* Varint from a byte range (packed repeated fields). 1 ok, 0 end, -1 bad. */
int pb_varint_slow(const uint8_t **p, const uint8_t *end, uint64_t *out);
static inline int pb_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	/* keys and small lengths are one byte, steps below two million at
	 * most three: those without a loop or a call */
	const uint8_t *p = *pp;
	if (p < end && p[0] < 0x80) {
		*out = p[0];
		*pp = p + 1;
		return 1;
	}
	if (end - p >= 3) {
		uint64_t x = (uint64_t)(p[0] & 0x7f) | (uint64_t)(p[1] & 0x7f) << 7;
		if (p[1] < 0x80) {
			*out = x;
			*pp = p + 2;
			return 1;
		}
		if (p[2] < 0x80) {
			*out = x | (uint64_t)p[2] << 14;
			*pp = p + 3;
			return 1;
		}
	}
	return pb_varint_slow(pp, end, out);
}
int pb_skip_group(struct pb_reader *r, uint32_t num) TB_MUST;

static inline uint64_t pb_load_le(const uint8_t *p, int n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n == 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		return v;
	}
	if (n == 4) {
		uint32_t v;
		memcpy(&v, p, 4);
		return v;
	}
#endif
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* 1: a field was read; 0: clean end of message; -1: malformed. Groups
 * (deprecated) are skipped whole. Inline: it is the loader's hot loop. */
static inline int pb_next(struct pb_reader *r, struct pb_field *f)
{
	uint64_t key;
	int rc = pb_varint(&r->p, r->end, &key);
	if (rc <= 0)
		return rc;
	f->num = (uint32_t)(key >> 3);
	f->wire = (enum pb_wire)(key & 7);
	f->data = NULL;
	f->len = 0;
	f->u = 0;
	if (f->num == 0 || key >> 32)
		return -1;
	switch (f->wire) {
	case PB_VARINT:
		return pb_varint(&r->p, r->end, &f->u) == 1 ? 1 : -1;
	case PB_FIXED64:
		if (r->end - r->p < 8)
			return -1;
		f->u = pb_load_le(r->p, 8);
		r->p += 8;
		return 1;
	case PB_FIXED32:
		if (r->end - r->p < 4)
			return -1;
		f->u = pb_load_le(r->p, 4);
		r->p += 4;
		return 1;
	case PB_LEN: {
		uint64_t len;
		if (pb_varint(&r->p, r->end, &len) != 1 || len > (uint64_t)(r->end - r->p))
			return -1;
		f->data = r->p;
		f->len = (size_t)len;
		r->p += len;
		return 1;
	}
	case PB_SGROUP:
		return pb_skip_group(r, f->num) == 1 ? 1 : -1;
	case PB_EGROUP:
		return r->groups > 0 ? 1 : -1;
	}
	return -1;
}
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
