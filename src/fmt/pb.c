/* pb.c: protobuf wire decoding, bounded. */
#include "pb.h"

void pb_init(struct pb_reader *r, const uint8_t *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->depth = 0;
	r->groups = 0;
}

int pb_varint_slow(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	if (p >= end)
		return 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (p >= end)
			return -1;
		uint8_t b = *p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*pp = p;
			*out = v;
			return 1;
		}
	}
	return -1;              /* more than 10 bytes */
}

/* Skip a group up to its matching end tag, bounded by depth. */
int pb_skip_group(struct pb_reader *r, uint32_t num)
{
	struct pb_field f;
	int rc;
	if (r->depth + ++r->groups > PB_MAX_DEPTH)
		return -1;
	while ((rc = pb_next(r, &f)) == 1) {
		if (f.wire == PB_EGROUP) {
			r->groups--;
			return f.num == num ? 1 : -1;
		}
	}
	return -1;
}

int pb_sub(const struct pb_reader *parent, const struct pb_field *f, struct pb_reader *child)
{
	if (f->wire != PB_LEN || parent->depth + 1 > PB_MAX_DEPTH)
		return -1;
	child->p = f->data;
	child->end = f->data + f->len;
	child->depth = parent->depth + 1;
	child->groups = 0;
	return 0;
}
