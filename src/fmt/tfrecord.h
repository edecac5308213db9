/* tfrecord.h: TFRecord framing: u64 length, masked crc32c(length), data,
 * masked crc32c(data); all little-endian. */
#ifndef TAILBOARD_TFRECORD_H
#define TAILBOARD_TFRECORD_H

#include "tailboard/common.h"

/* Larger records are taken as corruption (TF's own writers never come near). */
#define TFRECORD_MAX_LEN ((uint64_t)1 << 30)
#define TFRECORD_OVERHEAD 16

enum tfrecord_status {
	TFR_OK,          /* a record: data at buf+12, *data_len bytes, *total in all */
	TFR_SHORT,       /* not all of it is here yet (*data_len set once the
			  * 12-byte header is here and checks out) */
	TFR_BAD_LENCRC,  /* length's CRC does not match */
	TFR_BAD_LEN,     /* length past TFRECORD_MAX_LEN */
	TFR_BAD_DATACRC, /* data's CRC does not match */
};

enum tfrecord_status tfrecord_parse(const uint8_t *buf, size_t len, size_t *data_len, size_t *total);
/* tfrecord_parse for this CPU (hardware CRC when it has it), for loops
 * over many records: one call a record instead of three. */
typedef enum tfrecord_status (*tfrecord_parse_fn)(const uint8_t *buf, size_t len, size_t *data_len,
						  size_t *total);
tfrecord_parse_fn tfrecord_parser(void);
/* How many bytes at the start of buf are whole records whose lengths and
 * data check out; it stops before the first that does not (tfrecord_parse
 * then says why). For the CPU it runs on, checking several records' CRCs
 * at once where it can. */
typedef size_t (*tfrecord_verify_fn)(const uint8_t *buf, size_t len);
tfrecord_verify_fn tfrecord_verifier(void);
const char *tfrecord_strerror(enum tfrecord_status st);
/* Frame data into out (len + 16 bytes). For writers and tests. */
void tfrecord_frame(const uint8_t *data, size_t len, uint8_t *out);

#endif
