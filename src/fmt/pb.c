/* pb.c: protobuf wire decoding, bounded. */
#include "pb.h"

void pb_init(struct pb_reader *r, const uint8_t *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->depth = 0;
	r->groups = 0;
}

int pb_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
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

static uint64_t load_le(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Skip a group up to its matching end tag, bounded by depth. */
static int skip_group(struct pb_reader *r, uint32_t num)
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

int pb_next(struct pb_reader *r, struct pb_field *f)
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
		f->u = load_le(r->p, 8);
		r->p += 8;
		return 1;
	case PB_FIXED32:
		if (r->end - r->p < 4)
			return -1;
		f->u = load_le(r->p, 4);
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
		return skip_group(r, f->num) == 1 ? 1 : -1;
	case PB_EGROUP:
		return r->groups > 0 ? 1 : -1;
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
