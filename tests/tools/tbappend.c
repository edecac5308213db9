/* tbappend: append scalar events to a TensorBoard event file, for tests.
 *
 *   tbappend [-H] FILE TAG STEP VALUE [TAG STEP VALUE]...
 *
 * -H writes the "brain.Event:2" header first when the file is empty (or,
 * for FILE "-", always). FILE "-" writes the framed records to stdout, so a
 * test can cut a record in two and append the halves apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/tfwriter.h"
#include "tfrecord.h"

static int put(const uint8_t *ev, size_t len)
{
	uint8_t rec[4096 + TFRECORD_OVERHEAD];
	tfrecord_frame(ev, len, rec);
	return fwrite(rec, 1, len + TFRECORD_OVERHEAD, stdout) == len + TFRECORD_OVERHEAD ? 0 : 1;
}

int main(int argc, char **argv)
{
	int i = 1;
	bool header = false;
	if (i < argc && strcmp(argv[i], "-H") == 0) {
		header = true;
		i++;
	}
	if (argc - i < 4 || (argc - i - 1) % 3) {
		fputs("usage: tbappend [-H] FILE TAG STEP VALUE [TAG STEP VALUE]...\n", stderr);
		return 2;
	}
	const char *file = argv[i++];
	bool out = strcmp(file, "-") == 0;
	struct tfwriter w;
	uint8_t ev[4096];
	if (out) {
		if (header && put(ev, tfwriter_encode_version(ev, sizeof(ev), 1.0)))
			return 1;
	} else if (tfwriter_open(&w, file, header) != TB_OK) {
		perror(file);
		return 1;
	}
	int rc = 0;
	for (; i + 2 < argc; i += 3) {
		long long step = atoll(argv[i + 1]);
		double value = atof(argv[i + 2]);
		if (out) {
			size_t n = tfwriter_encode_scalar(ev, sizeof(ev), argv[i], step, 1.0 + (double)step,
							  value, TFW_TENSOR_DOUBLE);
			rc |= !n || put(ev, n);
		} else {
			rc |= tfwriter_scalar(&w, argv[i], step, 1.0 + (double)step, value,
					      TFW_TENSOR_DOUBLE) != TB_OK;
		}
	}
	if (!out)
		tfwriter_close(&w);
	return rc;
}
