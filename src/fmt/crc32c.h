/* crc32c.h: CRC-32C (Castagnoli) and TFRecord's masked form. */
#ifndef TAILBOARD_CRC32C_H
#define TAILBOARD_CRC32C_H

#include "tailboard/common.h"

uint32_t crc32c(const void *buf, size_t len);
/* Continue a CRC over more bytes: crc32c_update(crc32c(a), b) = crc32c(ab). */
uint32_t crc32c_update(uint32_t crc, const void *buf, size_t len);
/* Both implementations, for tests and benchmarks. */
uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len);
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len);
bool crc32c_hw_available(void);

static inline uint32_t crc32c_mask(uint32_t crc)
{
	return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

#endif
