/* fuzz_pb.c: the protobuf wire reader, descending into every
 * length-delimited field as if it were a message. */
#include "pb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct pb_reader *r0)
{
	struct pb_reader r = *r0, sub;
	struct pb_field f;
	while (pb_next(&r, &f) == 1) {
		if (f.wire == PB_LEN && pb_sub(&r, &f, &sub) == 0)
			walk(&sub);
		if (f.wire == PB_LEN) {
			const uint8_t *p = f.data;
			uint64_t v;
			while (pb_varint(&p, f.data + f.len, &v) == 1)
				;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pb_reader r;
	pb_init(&r, data, size);
	walk(&r);
	return 0;
}
