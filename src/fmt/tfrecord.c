/* tfrecord.c: TFRecord framing, checked on both CRCs. */
#include <string.h>
#include "crc32c.h"
#include "crc32c_hw.h"
#include "pb.h"
#include "tfrecord.h"

static uint64_t le64(const uint8_t *p)
{
	return pb_load_le(p, 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)pb_load_le(p, 4);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* The framing check, once for each CRC implementation: inlined into
 * each, so a record costs no call per CRC. */
#define TFRECORD_PARSE_BODY(crc)                                                       \
	*data_len = 0;                                                                 \
	if (len < 12)                                                                  \
		return TFR_SHORT;                                                      \
	uint64_t n = le64(buf);                                                        \
	if (crc32c_mask(crc(0, buf, 8)) != le32(buf + 8))                              \
		return TFR_BAD_LENCRC;                                                 \
	if (n > TFRECORD_MAX_LEN)                                                      \
		return TFR_BAD_LEN;                                                    \
	*data_len = (size_t)n;                                                         \
	if (len - 12 < n + 4)                                                          \
		return TFR_SHORT;                                                      \
	if (crc32c_mask(crc(0, buf + 12, (size_t)n)) != le32(buf + 12 + n))            \
		return TFR_BAD_DATACRC;                                                \
	*total = (size_t)n + TFRECORD_OVERHEAD;                                        \
	return TFR_OK

static enum tfrecord_status parse_sw(const uint8_t *buf, size_t len, size_t *data_len, size_t *total)
{
	TFRECORD_PARSE_BODY(crc32c_sw);
}

#ifdef HAVE_SSE42
static CRC32C_HW enum tfrecord_status parse_hw(const uint8_t *buf, size_t len, size_t *data_len,
					       size_t *total)
{
	TFRECORD_PARSE_BODY(crc32c_hw_inline);
}
#endif

/* tfrecord_verify one record at a time, for CPUs without the instruction. */
static size_t verify_sw(const uint8_t *buf, size_t len)
{
	size_t off = 0, dlen, total;
	while (parse_sw(buf + off, len - off, &dlen, &total) == TFR_OK)
		off += total;
	return off;
}

#ifdef HAVE_SSE42
#define VERIFY_BATCH 48

/* Three records' data CRCs at once. The crc32 instruction takes three
 * cycles to give its result but accepts a new one every cycle, so three
 * independent chains cost what one does. */
static inline CRC32C_HW bool data_ok3(const uint8_t *buf, const size_t *at, const uint64_t *n)
{
	const uint8_t *p0 = buf + at[0] + 12, *p1 = buf + at[1] + 12, *p2 = buf + at[2] + 12;
	uint64_t m = TB_MIN(TB_MIN(n[0], n[1]), n[2]) / 8;
	uint64_t c0 = 0xffffffffu, c1 = 0xffffffffu, c2 = 0xffffffffu;
	for (uint64_t w = 0; w < m; w++) {
		c0 = _mm_crc32_u64(c0, le64(p0 + 8 * w));
		c1 = _mm_crc32_u64(c1, le64(p1 + 8 * w));
		c2 = _mm_crc32_u64(c2, le64(p2 + 8 * w));
	}
	/* the rest of each from where the chains stopped */
	uint32_t r0 = crc32c_hw_inline(~(uint32_t)c0, p0 + 8 * m, (size_t)(n[0] - 8 * m));
	uint32_t r1 = crc32c_hw_inline(~(uint32_t)c1, p1 + 8 * m, (size_t)(n[1] - 8 * m));
	uint32_t r2 = crc32c_hw_inline(~(uint32_t)c2, p2 + 8 * m, (size_t)(n[2] - 8 * m));
	return ((crc32c_mask(r0) ^ le32(p0 + n[0])) | (crc32c_mask(r1) ^ le32(p1 + n[1])) |
		(crc32c_mask(r2) ^ le32(p2 + n[2]))) == 0;
}

static inline CRC32C_HW bool length_ok(const uint8_t *rec)
{
	return crc32c_mask(crc32c_hw_inline(0, rec, 8)) == le32(rec + 8);
}

/* Find a batch of whole records by their lengths first, then check their
 * CRCs three at a time; a length that fails its CRC was still only used
 * to find where the next record would be, inside the buffer. */
static CRC32C_HW size_t verify_hw(const uint8_t *buf, size_t len)
{
	size_t off = 0;
	for (;;) {
		size_t at[VERIFY_BATCH], k = 0, o = off;
		uint64_t n[VERIFY_BATCH];
		while (k < VERIFY_BATCH && len - o >= 12) {
			uint64_t m = le64(buf + o);
			if (m > TFRECORD_MAX_LEN || len - o - 12 < m + 4)
				break;
			at[k] = o;
			n[k++] = m;
			o += (size_t)m + TFRECORD_OVERHEAD;
		}
		size_t i = 0, dlen, total;
		for (; i + 3 <= k; i += 3) {
			bool lens = length_ok(buf + at[i]) & length_ok(buf + at[i + 1]) & length_ok(buf + at[i + 2]);
			if (!lens || !data_ok3(buf, at + i, n + i))
				break;
		}
		/* the last few, and a group that failed, one by one */
		for (; i < k && parse_hw(buf + at[i], len - at[i], &dlen, &total) == TFR_OK; i++)
			;
		if (i < k)
			return at[i];   /* the first that fails */
		off = o;
		if (k < VERIFY_BATCH)
			return off;
	}
}
#endif

tfrecord_verify_fn tfrecord_verifier(void)
{
#ifdef HAVE_SSE42
	if (crc32c_hw_available())
		return verify_hw;
#endif
	return verify_sw;
}

tfrecord_parse_fn tfrecord_parser(void)
{
#ifdef HAVE_SSE42
	if (crc32c_hw_available())
		return parse_hw;
#endif
	return parse_sw;
}

enum tfrecord_status tfrecord_parse(const uint8_t *buf, size_t len, size_t *data_len, size_t *total)
{
	return tfrecord_parser()(buf, len, data_len, total);
}

const char *tfrecord_strerror(enum tfrecord_status st)
{
	switch (st) {
	case TFR_OK: return "ok";
	case TFR_SHORT: return "record cut short";
	case TFR_BAD_LENCRC: return "record length fails its CRC";
	case TFR_BAD_LEN: return "record length is impossibly large";
	case TFR_BAD_DATACRC: return "record data fails its CRC";
	}
	return "?";
}

void tfrecord_frame(const uint8_t *data, size_t len, uint8_t *out)
{
	uint64_t n = len;
	for (int i = 0; i < 8; i++)
		out[i] = (uint8_t)(n >> (8 * i));
	put32(out + 8, crc32c_mask(crc32c(out, 8)));
	memcpy(out + 12, data, len);
	put32(out + 12 + len, crc32c_mask(crc32c(data, len)));
}
