/* test_tfevents.c: CRC32C, the protobuf reader, TFRecord framing, each
 * scalar encoding and the Event decoder, from hand-made bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "crc32c.h"
#include "pb.h"
#include "tfevents.h"
#include "tfrecord.h"
#include "tailboard/store.h"
#include "tailboard/tfwriter.h"

static void test_crc(void)
{
	const char *s = "123456789";
	TAP_EQ_INT(crc32c(s, 9), 0xE3069283u, "crc32c(\"123456789\") standard vector");
	TAP_EQ_INT(crc32c_sw(0, s, 9), 0xE3069283u, "slicing-by-8 gives the standard vector");
	TAP_EQ_INT(crc32c_hw(0, s, 9), 0xE3069283u, "hardware path (or its fallback) agrees");
	uint8_t len24[8] = { 24, 0, 0, 0, 0, 0, 0, 0 };
	TAP_EQ_INT(crc32c_mask(crc32c(len24, 8)), 0x224B7FA3u, "masked CRC of length 24");
	uint8_t zeros[32] = { 0 };
	TAP_EQ_INT(crc32c(zeros, 32), 0x8A9136AAu, "32 zero bytes (RFC 3720 vector)");
	/* odd lengths and alignments: both implementations agree */
	uint8_t buf[301];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	int agree = 1;
	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n + off <= sizeof(buf); n += 13)
			agree &= crc32c_sw(0, buf + off, n) == crc32c_hw(0, buf + off, n);
	TAP_OK(agree, "sw and hw CRC agree at every offset and length");
}

static void test_varint(void)
{
	const uint8_t one[] = { 0x01 }, big[] = { 0xac, 0x02 }, max[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0x01 }, toolong[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0x01 }, cut[] = { 0x80 };
	const uint8_t *p;
	uint64_t v;
	p = one;
	TAP_OK(pb_varint(&p, one + 1, &v) == 1 && v == 1, "varint 1");
	p = big;
	TAP_OK(pb_varint(&p, big + 2, &v) == 1 && v == 300, "varint 300");
	p = max;
	TAP_OK(pb_varint(&p, max + 10, &v) == 1 && v == UINT64_MAX, "varint 2^64-1 in 10 bytes");
	p = toolong;
	TAP_EQ_INT(pb_varint(&p, toolong + 11, &v), -1, "11-byte varint rejected");
	p = cut;
	TAP_EQ_INT(pb_varint(&p, cut + 1, &v), -1, "varint cut short rejected");
}

static void test_pb(void)
{
	/* field 1 varint 150, field 2 "hi", field 3 fixed32, field 4 fixed64,
	 * field 5 group (skipped), field 6 varint 7 */
	const uint8_t msg[] = { 0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i', 0x1d, 1, 0, 0, 0,
		0x21, 2, 0, 0, 0, 0, 0, 0, 0, 0x2b, 0x08, 0x01, 0x2c, 0x30, 0x07 };
	struct pb_reader r;
	struct pb_field f;
	pb_init(&r, msg, sizeof(msg));
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 1 && f.u == 150, "pb varint field");
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 2 && f.len == 2 && f.data[0] == 'h', "pb bytes field");
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 3 && f.u == 1, "pb fixed32 field");
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 4 && f.u == 2, "pb fixed64 field");
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 5, "pb group skipped whole");
	TAP_OK(pb_next(&r, &f) == 1 && f.num == 6 && f.u == 7, "pb field after the group");
	TAP_EQ_INT(pb_next(&r, &f), 0, "pb clean end");
	const uint8_t lie[] = { 0x12, 0x7f, 'x' };   /* claims 127 bytes, has 1 */
	pb_init(&r, lie, sizeof(lie));
	TAP_EQ_INT(pb_next(&r, &f), -1, "length past the end rejected");
	const uint8_t zero[] = { 0x00, 0x01 };       /* field number 0 */
	pb_init(&r, zero, sizeof(zero));
	TAP_EQ_INT(pb_next(&r, &f), -1, "field number 0 rejected");
	/* nesting deeper than PB_MAX_DEPTH is refused */
	uint8_t deep[2 * 40];
	for (int i = 0; i < 40; i++) {
		deep[2 * i] = 0x0a;
		deep[2 * i + 1] = (uint8_t)(2 * (39 - i));
	}
	struct pb_reader rs[41];
	pb_init(&rs[0], deep, sizeof(deep));
	int depth = 0;
	while (depth < 40 && pb_next(&rs[depth], &f) == 1 && pb_sub(&rs[depth], &f, &rs[depth + 1]) == 0)
		depth++;
	TAP_EQ_INT(depth, PB_MAX_DEPTH, "nesting stops at PB_MAX_DEPTH");
}

/* TensorProto bytes for the scalar encodings */
static void test_tensor_scalars(void)
{
	double v;
	bool single;
	/* DT_FLOAT, rank 0 (empty shape), tensor_content 1.5f */
	const uint8_t f_content[] = { 0x08, 0x01, 0x12, 0x00, 0x22, 0x04, 0x00, 0x00, 0xc0, 0x3f };
	TAP_OK(tfevents_tensor_scalar(f_content, sizeof(f_content), &v, &single) == TB_OK && v == 1.5, "float tensor_content");
	/* DT_FLOAT, float_val packed [2.5] */
	const uint8_t f_packed[] = { 0x08, 0x01, 0x12, 0x00, 0x2a, 0x04, 0x00, 0x00, 0x20, 0x40 };
	TAP_OK(tfevents_tensor_scalar(f_packed, sizeof(f_packed), &v, &single) == TB_OK && v == 2.5, "float_val packed");
	/* DT_FLOAT, float_val unpacked (fixed32, field 5) [2.5] */
	const uint8_t f_unpacked[] = { 0x08, 0x01, 0x2d, 0x00, 0x00, 0x20, 0x40 };
	TAP_OK(tfevents_tensor_scalar(f_unpacked, sizeof(f_unpacked), &v, &single) == TB_OK && v == 2.5, "float_val unpacked");
	/* DT_DOUBLE, double_val packed [0.1] */
	uint8_t d_packed[] = { 0x08, 0x02, 0x32, 0x08, 0, 0, 0, 0, 0, 0, 0, 0 };
	union { double d; uint64_t u; } c = { .d = 0.1 };
	for (int i = 0; i < 8; i++)
		d_packed[4 + i] = (uint8_t)(c.u >> (8 * i));
	TAP_OK(tfevents_tensor_scalar(d_packed, sizeof(d_packed), &v, &single) == TB_OK && v == 0.1, "double_val packed");
	/* DT_HALF, half_val [0x3c00 = 1.0] (varint field 13) */
	const uint8_t h[] = { 0x08, 0x13, 0x68, 0x80, 0x78 };
	TAP_OK(tfevents_tensor_scalar(h, sizeof(h), &v, &single) == TB_OK && v == 1.0, "half_val 1.0");
	/* DT_HALF via tensor_content: 0xc000 = -2.0 */
	const uint8_t h2[] = { 0x08, 0x13, 0x22, 0x02, 0x00, 0xc0 };
	TAP_OK(tfevents_tensor_scalar(h2, sizeof(h2), &v, &single) == TB_OK && v == -2.0, "half tensor_content -2.0");
	/* DT_BFLOAT16 half_val 0x3fc0 = 1.5 */
	const uint8_t bf[] = { 0x08, 0x0e, 0x68, 0xc0, 0x7f };
	TAP_OK(tfevents_tensor_scalar(bf, sizeof(bf), &v, &single) == TB_OK && v == 1.5, "bfloat16 1.5");
	/* DT_INT32 int_val [-3] (varint, sign-extended to 10 bytes) */
	const uint8_t i32[] = { 0x08, 0x03, 0x38, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
	TAP_OK(tfevents_tensor_scalar(i32, sizeof(i32), &v, &single) == TB_OK && v == -3, "int32 int_val -3");
	/* DT_INT64 int64_val [1234567890123] */
	const uint8_t i64[] = { 0x08, 0x09, 0x50, 0xcb, 0x89, 0xec, 0x8f, 0xf7, 0x23 };
	TAP_OK(tfevents_tensor_scalar(i64, sizeof(i64), &v, &single) == TB_OK && v == 1234567890123.0, "int64 int64_val");
	/* shape [3]: not a scalar */
	const uint8_t vec[] = { 0x08, 0x01, 0x12, 0x04, 0x12, 0x02, 0x08, 0x03, 0x2a, 0x04, 0, 0, 0x80, 0x3f };
	TAP_EQ_INT(tfevents_tensor_scalar(vec, sizeof(vec), &v, &single), TB_ERR, "a 3-vector is not a scalar");
	/* DT_STRING: not numeric */
	const uint8_t str[] = { 0x08, 0x07, 0x42, 0x01, 'x' };
	TAP_EQ_INT(tfevents_tensor_scalar(str, sizeof(str), &v, &single), TB_ERR, "a string tensor is not a scalar");
}

/* A decoder for one run into a store, as an event file's reader has it. */
struct dec {
	struct store st;
	struct diag d;
	struct store_sink sink;
	struct emit e;
	struct tf_run *rs;
	struct tagcache tags;
	struct tf_decoder dec;
};

static void dec_init(struct dec *x, struct store *st, const char *run)
{
	diag_init(&x->d);
	x->d.to_stderr = false;
	store_sink_init(&x->sink, st, &x->d);
	struct source_env env = { &x->sink.sink, &x->d };
	emit_init(&x->e, &env);
	x->rs = tf_run_new();
	tagcache_init(&x->tags);
	x->dec = (struct tf_decoder){ &x->e, store_get_run(st, run, strlen(run)), x->rs, &x->tags };
}

static void dec_free(struct dec *x)
{
	tagcache_free(&x->tags);
	tf_run_free(x->rs);
	diag_free(&x->d);
}

/* Decode one event and hand its points to the store at once. */
static int decode(struct dec *x, const uint8_t *buf, size_t n)
{
	int rc = tfevents_decode(&x->dec, buf, n);
	emit_flush(&x->e);
	return x->e.status != TB_OK ? TB_NOMEM : rc;
}

static void test_events(void)
{
	struct store st;
	struct dec x, y;
	uint8_t buf[512];
	store_init(&st);
	dec_init(&x, &st, "r");
	struct run *r = x.dec.run;
	size_t n = tfwriter_encode_scalar(buf, sizeof(buf), "loss", 5, 100.5, 0.25, TFW_SIMPLE);
	TAP_OK(n && decode(&x, buf, n) == TB_OK, "simple_value event decodes");
	struct series *s = run_find_series(r, "loss", 4);
	TAP_OK(s && s->n == 1 && series_step(s, 0) == 5 && series_value(s, 0) == 0.25 && series_wall(s, 0) == 100.5, "simple_value point stored");
	n = tfwriter_encode_scalar(buf, sizeof(buf), "acc", 6, 101, 0.75, TFW_TENSOR_FLOAT);
	TAP_OK(n && decode(&x, buf, n) == TB_OK, "tensor float event decodes");
	s = run_find_series(r, "acc", 3);
	TAP_OK(s && s->n == 1 && series_value(s, 0) == 0.75 && s->dir == BEST_MAX, "tensor scalar stored, acc is max-best");
	n = tfwriter_encode_scalar(buf, sizeof(buf), "lr", 7, 102, 1e-300, TFW_TENSOR_DOUBLE);
	TAP_OK(decode(&x, buf, n) == TB_OK, "tensor double event decodes");
	s = run_find_series(r, "lr", 2);
	TAP_OK(s && s->n == 1 && series_value(s, 0) == 1e-300, "tensor double keeps full precision");
	/* restart with a version-2 header: START at step 4 drops steps >= 4 */
	n = tfwriter_encode_version(buf, sizeof(buf), 1);
	TAP_OK(decode(&x, buf, n) == TB_OK, "version header decodes");
	n = tfwriter_encode_session_start(buf, sizeof(buf), 4, 103);
	TAP_OK(decode(&x, buf, n) == TB_OK, "SessionLog START decodes");
	TAP_EQ_INT(run_find_series(r, "loss", 4)->n, 0, "SessionLog START purges later steps");
	TAP_EQ_INT(r->npoints, 0, "run point count follows the purge");
	/* without a header: a step going backwards purges that tag only */
	dec_init(&y, &st, "old");
	struct run *r2 = y.dec.run;
	bool all = true;
	for (int i = 0; i < 10; i++) {
		n = tfwriter_encode_scalar(buf, sizeof(buf), i % 2 ? "a" : "b", i, i, i, TFW_SIMPLE);
		all &= decode(&y, buf, n) == TB_OK;
	}
	n = tfwriter_encode_scalar(buf, sizeof(buf), "a", 4, 20, 42, TFW_SIMPLE);
	all &= decode(&y, buf, n) == TB_OK;
	TAP_OK(all, "events without a header decode");
	struct series *a = run_find_series(r2, "a", 1), *b = run_find_series(r2, "b", 1);
	TAP_OK(a->n == 3 && series_step(a, 2) == 4 && series_value(a, 2) == 42, "out-of-order step purges its tag's later points");
	TAP_EQ_INT(b->n, 5, "other tags keep their points");
	/* a malformed event is refused, not half-read */
	const uint8_t junk[] = { 0x2a, 0x7f, 0x00 };
	TAP_EQ_INT(decode(&y, junk, sizeof(junk)), TB_ERR, "malformed Event refused");
	dec_free(&x);
	dec_free(&y);
	store_free(&st);
}

static void test_tfrecord(void)
{
	uint8_t data[5] = { 1, 2, 3, 4, 5 }, rec[21];
	size_t dl, total;
	tfrecord_frame(data, 5, rec);
	TAP_OK(tfrecord_parse(rec, 21, &dl, &total) == TFR_OK && dl == 5 && total == 21, "framed record parses");
	TAP_EQ_INT(tfrecord_parse(rec, 20, &dl, &total), TFR_SHORT, "missing final CRC is a torn record");
	TAP_EQ_INT(tfrecord_parse(rec, 10, &dl, &total), TFR_SHORT, "10 bytes is a torn header");
	rec[14] ^= 1;
	TAP_EQ_INT(tfrecord_parse(rec, 21, &dl, &total), TFR_BAD_DATACRC, "flipped data bit fails the data CRC");
	rec[14] ^= 1;
	rec[0] ^= 1;
	TAP_EQ_INT(tfrecord_parse(rec, 21, &dl, &total), TFR_BAD_LENCRC, "flipped length bit fails the length CRC");
	/* a record claiming 2^60 bytes with a valid length CRC */
	uint8_t huge[16] = { 0, 0, 0, 0, 0, 0, 0, 0x10 };
	uint32_t m = crc32c_mask(crc32c(huge, 8));
	for (int i = 0; i < 4; i++)
		huge[8 + i] = (uint8_t)(m >> (8 * i));
	TAP_EQ_INT(tfrecord_parse(huge, 16, &dl, &total), TFR_BAD_LEN, "2^60-byte length refused");
}

/* tfrecord_verifier checks records in batches, three CRCs at a time: it
 * must stop exactly where checking one record at a time stops, whatever
 * the lengths, wherever a bit flips and wherever the buffer ends. */
static void test_tfrecord_verify(void)
{
	enum { NREC = 200 };
	static uint8_t buf[NREC * (100 + 16)];
	uint8_t data[100];
	tfrecord_verify_fn verify = tfrecord_verifier();
	unsigned seed = 12345;
	bool agree = true;
	for (int trial = 0; trial < 300 && agree; trial++) {
		size_t len = 0;
		for (int r = 0; r < NREC; r++) {
			seed = seed * 1103515245u + 12345u;
			size_t n = (seed >> 16) % (trial % 3 ? 40 : 100);    /* runs of similar and mixed lengths */
			for (size_t i = 0; i < n; i++)
				data[i] = (uint8_t)(seed >> (i % 24));
			tfrecord_frame(data, n, buf + len);
			len += n + 16;
		}
		seed = seed * 1103515245u + 12345u;
		if (trial % 4)
			buf[(seed >> 8) % len] ^= (uint8_t)(1u << (seed % 8));   /* one flipped bit */
		size_t cut = trial % 5 ? len : (seed >> 4) % len;            /* a torn end */
		size_t want = 0, dl, total;
		while (tfrecord_parse(buf + want, cut - want, &dl, &total) == TFR_OK)
			want += total;
		agree = verify(buf, cut) == want;
	}
	TAP_OK(agree, "batched CRC checks stop where one-by-one checks do");
}

/* The tag cache's word compare: tags alike in their first and last 8 bytes
 * but not between, and every length around the word size. */
static void test_tag_lookup(void)
{
	struct store st;
	struct dec x;
	store_init(&st);
	dec_init(&x, &st, "r");
	struct run *r = x.dec.run;
	const char *tags[] = { "train/xxxxxxxxxxxxxxx/loss", "train/xxxxxxxyxxxxxxx/loss",
		"train/loss", "train/lost", "abcdefgh", "abcdefgi", "abcdefghijklmnopq",
		"abcdefghXjklmnopq", "lr", "l", "" };
	size_t nt = sizeof(tags) / sizeof(*tags);
	struct series *made[16];
	bool ok = true;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < nt; i++) {
			size_t len = strlen(tags[i]);
			char copy[64];      /* not the pointer the series was made from */
			memcpy(copy, tags[i], len + 1);
			struct series *s = tagcache_get(&x.tags, &x.e, r, copy, len);
			if (round == 0)
				made[i] = s;
			ok &= s == made[i] && s->tag_len == len && memcmp(s->tag, tags[i], len) == 0;
		}
	}
	TAP_OK(ok && r->nseries == nt, "tags that differ only between their first and last words stay apart");
	dec_free(&x);
	store_free(&st);
}

int main(void)
{
	test_crc();
	test_varint();
	test_pb();
	test_tensor_scalars();
	test_events();
	test_tfrecord();
	test_tfrecord_verify();
	test_tag_lookup();
	return tap_done();
}
