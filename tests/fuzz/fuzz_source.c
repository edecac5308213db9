/* fuzz_source.c: one fuzz target per format reader, chosen at compile time
 * with -DFUZZ_KIND=SRC_... (and -DFUZZ_GZ=1 for the gzip stream). The input
 * is fed in two pieces, split where its first byte says, so torn records
 * and resumed parsing are exercised as a growing file would. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/source.h"
#include "tailboard/store.h"

#ifndef FUZZ_GZ
#define FUZZ_GZ 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* false once the reader stopped the file (corruption reported) */
static bool feed(struct source_stream *s, const struct source_env *env, const uint8_t *p, size_t n, bool eof)
{
	return stream_feed(s, env, p, n, eof) == TB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store st;
	struct diag d;
	struct store_sink sink;
	struct source_stream s;
	struct source_run shared = { { NULL } };
	store_init(&st);
	diag_init(&d);
	d.to_stderr = false;
	store_sink_init(&sink, &st, &d);
	struct source_env env = { &sink.sink, &d };
	const char name[] = "fuzz-input";
	void *run = sink.sink.ops->run(&sink.sink, "run", 3);
	if (stream_open(&s, &env, FUZZ_KIND, name, FUZZ_GZ, run, &shared) == TB_OK) {
		size_t split = size ? data[0] % (size + 1) : 0;
		if (source_whole_file(FUZZ_KIND)) {
			/* a rewrite: whole-file readers see the file again */
			if (feed(&s, &env, data, size, true)) {
				stream_clear(&s);
				feed(&s, &env, data, size, true);
			}
		} else if (feed(&s, &env, data, split, false) && feed(&s, &env, data + split, size - split, true)) {
			/* the loader rewinds a replaced file: the reader starts over */
			stream_rewind(&s, &env);
			feed(&s, &env, data, size, true);
		}
	}
	stream_close(&s);
	source_run_free(&shared);
	store_free(&st);
	diag_free(&d);
	return 0;
}
