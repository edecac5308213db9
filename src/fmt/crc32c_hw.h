/* crc32c_hw.h: CRC-32C with the SSE4.2 crc32 instruction, inline so the
 * record framing can check a record without a call per CRC. Only call
 * CRC32C_HW functions after crc32c_hw_available() said yes. */
#ifndef TAILBOARD_CRC32C_HW_H
#define TAILBOARD_CRC32C_HW_H

#include <string.h>
#include "config.h"
#include "tailboard/common.h"

#ifdef HAVE_SSE42
#include <nmmintrin.h>
#define CRC32C_HW __attribute__((target("sse4.2")))

static inline CRC32C_HW uint32_t crc32c_hw_inline(uint32_t crc, const uint8_t *p, size_t len)
{
	uint64_t c = ~crc;
	/* unaligned 8-byte loads are cheap on every CPU with SSE4.2; the
	 * tail in at most three steps, not one dependent step a byte */
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		c = _mm_crc32_u64(c, v);
	}
	uint32_t c32 = (uint32_t)c;
	if (len & 4) {
		uint32_t v;
		memcpy(&v, p, 4);
		c32 = _mm_crc32_u32(c32, v);
		p += 4;
	}
	if (len & 2) {
		uint16_t v;
		memcpy(&v, p, 2);
		c32 = _mm_crc32_u16(c32, v);
		p += 2;
	}
	if (len & 1)
		c32 = _mm_crc32_u8(c32, *p);
	return ~c32;
}
#endif

#endif
