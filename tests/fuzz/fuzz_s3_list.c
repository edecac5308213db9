/* fuzz_s3_list.c: what an S3 server (or anything answering in its place)
 * sends back: any bytes as a ListObjectsV2 page give keys, each a string,
 * a continuation token that fits, or an error; as an error body, a Code
 * and Message of printable ASCII only (they go into messages). */
#include <stdlib.h>
#include <string.h>
#include "s3_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void printable_or_abort(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s >= 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct s3_listing l;
	char token[4096], err[1024], code[64], msg[160];
	memset(&l, 0, sizeof(l));
	if (size > (1u << 20))
		return 0;
	int rc = s3_list_parse((const char *)data, size, &l, token, sizeof(token), err, sizeof(err));
	if (rc != TB_OK && !err[0])
		abort();
	if (strlen(token) >= sizeof(token) || (rc != TB_OK && token[0]))
		abort();
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i].key || strlen(l.v[i].etag) >= sizeof(l.v[i].etag))
			abort();
	s3_listing_free(&l);
	s3_xml_error((const char *)data, size, code, sizeof(code), msg, sizeof(msg));
	printable_or_abort(code);
	printable_or_abort(msg);
	return 0;
}
