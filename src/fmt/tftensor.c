/* tftensor.c: a scalar out of a TensorProto: TF2 and PyTorch new-style
 * scalars in any numeric dtype, from tensor_content or the typed fields. */
#include <math.h>
#include <string.h>
#include "pb.h"
#include "tfevents.h"

/* TensorFlow DataType values we can read as a scalar */
enum { DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6,
       DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_UINT16 = 17, DT_HALF = 19,
       DT_UINT32 = 22, DT_UINT64 = 23 };

static double half_to_double(uint32_t h)
{
	int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, man = h & 0x3ff;
	double v;
	if (exp == 0)
		v = ldexp(man, -24);
	else if (exp == 31)
		v = man ? NAN : INFINITY;
	else
		v = ldexp(man | 0x400, exp - 25);
	return sign ? -v : v;
}

static double bfloat16_to_double(uint32_t b)
{
	union { uint32_t u; float f; } c = { .u = (b & 0xffff) << 16 };
	return c.f;
}

/* Element size in tensor_content, 0 for types we do not read. */
static size_t dtype_size(uint64_t dt)
{
	switch (dt) {
	case DT_FLOAT: case DT_INT32: case DT_UINT32: return 4;
	case DT_DOUBLE: case DT_INT64: case DT_UINT64: return 8;
	case DT_HALF: case DT_BFLOAT16: case DT_INT16: case DT_UINT16: return 2;
	case DT_INT8: case DT_UINT8: case DT_BOOL: return 1;
	}
	return 0;
}

static double from_bits(uint64_t dt, uint64_t bits)
{
	switch (dt) {
	case DT_FLOAT: {
		union { uint32_t u; float f; } c = { .u = (uint32_t)bits };
		return c.f;
	}
	case DT_DOUBLE: {
		union { uint64_t u; double d; } c = { .u = bits };
		return c.d;
	}
	case DT_HALF: return half_to_double((uint32_t)bits);
	case DT_BFLOAT16: return bfloat16_to_double((uint32_t)bits);
	case DT_INT8: return (int8_t)bits;
	case DT_INT16: return (int16_t)bits;
	case DT_INT32: return (int32_t)bits;
	case DT_INT64: return (double)(int64_t)bits;
	case DT_UINT64: return (double)bits;
	default: return (double)(uint32_t)bits;
	}
}

/* Number of elements the shape describes; -1 if unknown rank. */
static int64_t shape_elements(const struct pb_reader *parent, const struct pb_field *f)
{
	struct pb_reader r, dr;
	struct pb_field g, d;
	int64_t n = 1;
	if (pb_sub(parent, f, &r) != 0)
		return -1;
	while (pb_next(&r, &g) == 1) {
		if (g.num == 3 && g.u)          /* unknown_rank */
			return -1;
		if (g.num != 2 || pb_sub(&r, &g, &dr) != 0)
			continue;
		int64_t size = 0;
		while (pb_next(&dr, &d) == 1)
			if (d.num == 1 && d.wire == PB_VARINT)
				size = (int64_t)d.u;
		if (size < 0 || (size > 0 && n > INT64_MAX / size))
			return -1;
		n *= size;
	}
	return n;
}

/* First element of a typed *_val field, packed or not. */
static bool first_val(const struct pb_field *f, uint64_t *bits)
{
	if (f->wire == PB_LEN) {
		const uint8_t *p = f->data, *end = f->data + f->len;
		if (f->num == 5 || f->num == 16) {          /* packed float / uint32 */
			if (f->len < 4)
				return false;
			*bits = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
			return true;
		}
		if (f->num == 6) {                          /* packed double */
			if (f->len < 8)
				return false;
			*bits = 0;
			for (int i = 7; i >= 0; i--)
				*bits = (*bits << 8) | p[i];
			return true;
		}
		return pb_varint(&p, end, bits) == 1;       /* packed varints */
	}
	*bits = f->u;
	return true;
}

int tfevents_tensor_scalar(const uint8_t *buf, size_t len, double *out, bool *single)
{
	struct pb_reader r;
	struct pb_field f, content = { 0 }, typed = { 0 };
	uint64_t dtype = 0;
	int64_t elems = 1;
	bool have_content = false, have_typed = false;
	pb_init(&r, buf, len);
	int rc;
	while ((rc = pb_next(&r, &f)) == 1) {
		switch (f.num) {
		case 1: dtype = f.u; break;
		case 2: elems = shape_elements(&r, &f); break;
		case 4: content = f; have_content = f.len > 0; break;
		case 5: case 6: case 7: case 10: case 11: case 13: case 16: case 17:
			if (!have_typed) {
				typed = f;
				have_typed = true;
			}
			break;
		}
	}
	if (rc < 0 || elems != 1)
		return TB_ERR;
	size_t sz = dtype_size(dtype);
	if (!sz)
		return TB_ERR;
	uint64_t bits = 0;
	if (have_content) {
		if (content.len < sz)
			return TB_ERR;
		for (size_t i = sz; i-- > 0;)
			bits = (bits << 8) | content.data[i];
	} else if (!have_typed || !first_val(&typed, &bits)) {
		return TB_ERR;
	}
	*out = from_bits(dtype, bits);
	*single = dtype == DT_FLOAT || dtype == DT_HALF || dtype == DT_BFLOAT16;
	return TB_OK;
}

/* Plugin names kept per tag; strmap values must outlive the map. */
