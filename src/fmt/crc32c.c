/* crc32c.c: CRC-32C, with the SSE4.2 instruction when the CPU has it and
 * slicing-by-8 otherwise. (zlib's crc32 uses another polynomial.) */
#include <string.h>
#include "config.h"
#include "crc32c.h"
#include "crc32c_hw.h"
#include "crc32c_table.h"

uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	crc = ~crc;
	while (len && ((uintptr_t)p & 7)) {
		crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
		len--;
	}
	while (len >= 8) {
		uint32_t lo, hi;
		memcpy(&lo, p, 4);
		memcpy(&hi, p + 4, 4);
		lo ^= crc;  /* little-endian hosts; tailboard targets Linux x86/ARM */
		crc = crc32c_table[7][lo & 0xff] ^ crc32c_table[6][(lo >> 8) & 0xff] ^
		      crc32c_table[5][(lo >> 16) & 0xff] ^ crc32c_table[4][lo >> 24] ^
		      crc32c_table[3][hi & 0xff] ^ crc32c_table[2][(hi >> 8) & 0xff] ^
		      crc32c_table[1][(hi >> 16) & 0xff] ^ crc32c_table[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
	return ~crc;
}

#ifndef HAVE_SSE42
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	return crc32c_sw(crc, buf, len);
}

bool crc32c_hw_available(void)
{
	return false;
}
#else
CRC32C_HW uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	return crc32c_hw_inline(crc, buf, len);
}

bool crc32c_hw_available(void)
{
	return __builtin_cpu_supports("sse4.2");
}
#endif

uint32_t crc32c_update(uint32_t crc, const void *buf, size_t len)
{
	return crc32c_hw_available() ? crc32c_hw(crc, buf, len) : crc32c_sw(crc, buf, len);
}

uint32_t crc32c(const void *buf, size_t len)
{
	return crc32c_update(0, buf, len);
}
