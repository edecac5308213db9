/* fuzz_source.c: one fuzz target per format reader, chosen at compile time
 * with -DFUZZ_KIND=SRC_... (and -DFUZZ_GZ=1 for the gzip stream). The input
 * is fed in two pieces, split where its first byte says, so torn records
 * and resumed parsing are exercised as a growing file would. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/source.h"

#ifndef FUZZ_GZ
#define FUZZ_GZ 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store st;
	struct diag d;
	struct source_ctx ctx = { &st, &d };
	struct tracked_file f;
	store_init(&st);
	diag_init(&d);
	d.to_stderr = false;
	memset(&f, 0, sizeof(f));
	char name[] = "fuzz-input";
	f.path = name;
	f.name = name;
	f.kind = FUZZ_KIND;
	f.gz = FUZZ_GZ;
	f.run = store_get_run(&st, "run", 3);
	const struct source_ops *ops = source_ops_for(f.kind);
	if (f.run && (!ops->open || ops->open(&ctx, &f) == TB_OK)) {
		size_t split = size ? data[0] % (size + 1) : 0;
		if (ops->whole_file) {
			source_feed(&ctx, &f, data, size, true);
			/* a rewrite: whole-file readers see the file again */
			f.npending = 0;
			f.log_off = 0;
			if (!f.failed)
				source_feed(&ctx, &f, data, size, true);
		} else {
			if (source_feed(&ctx, &f, data, split, false) == TB_OK && !f.failed)
				source_feed(&ctx, &f, data + split, size - split, true);
		}
		if (ops->close)
			ops->close(&f);
	}
	gzstream_free(&f);
	free(f.pending);
	store_free(&st);
	diag_free(&d);
	return 0;
}
