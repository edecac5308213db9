/* replay.c: main() for fuzz targets in ordinary builds: runs the target
 * once on every file named on the command line (the regression inputs and
 * seeds), so `make check` replays what the fuzzers found. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		if (!fp) {
			perror(argv[i]);
			return 1;
		}
		uint8_t *buf = NULL;
		size_t n = 0, cap = 0, got;
		do {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				uint8_t *p = realloc(buf, cap);
				if (!p)
					return 1;
				buf = p;
			}
			got = fread(buf + n, 1, cap - n, fp);
			n += got;
		} while (got > 0);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
	}
	return 0;
}
