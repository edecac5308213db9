/* crc32c_sse42.c: CRC-32C with the SSE4.2 crc32 instruction. Built alone
 * with -msse4.2 and called only after crc32c_hw_available() said yes. */
#include <nmmintrin.h>
#include <string.h>
#include "crc32c.h"

uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint64_t c = ~crc;
	/* unaligned 8-byte loads are cheap on every CPU with SSE4.2 */
	while (len >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		c = _mm_crc32_u64(c, v);
		p += 8;
		len -= 8;
	}
	while (len--)
		c = _mm_crc32_u8((uint32_t)c, *p++);
	return ~(uint32_t)c;
}
