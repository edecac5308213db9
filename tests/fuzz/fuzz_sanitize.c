/* fuzz_sanitize.c: the display sanitiser never lets a control byte, an
 * escape or invalid UTF-8 through, and never overruns its buffer. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *out, bool ascii)
{
	const unsigned char *p = (const unsigned char *)out;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || (ascii && *p >= 0x80))
			abort();
		/* C1 controls as UTF-8 (U+0080..U+009F) never survive */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char small[17], *big;
	for (int ascii = 0; ascii < 2; ascii++) {
		sanitize_str((const char *)data, size, small, sizeof(small), ascii);
		check(small, ascii);
		if ((big = sanitize_dup((const char *)data, size, ascii))) {
			check(big, ascii);
			(void)sanitize_width(big);
			free(big);
		}
	}
	return 0;
}
