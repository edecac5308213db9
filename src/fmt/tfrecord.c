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
