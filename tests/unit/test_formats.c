/* test_formats.c: the non-TensorBoard readers on synthetic input, with the
 * loader's contract emulated: bytes arrive in chunks, parse() consumes only
 * whole records, whole-file formats get everything each time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "../tap.h"
#include "store_env.h"
#include "tailboard/source.h"
#include "tailboard/store.h"
#include "pyjson.h"

static bool diag_has(const struct test_env *e, const char *needle)
{
	for (size_t i = 0; i < e->d.n; i++)
		if (strstr(e->d.items[i].text, needle))
			return true;
	return false;
}

/* A file as the loader keeps it: its stream and its run's reader state. */
struct tfile {
	struct source_stream s;
	struct source_run shared;
	struct run *run;
	bool open;
};

static void file_init(struct test_env *e, struct tfile *f, enum source_kind kind, const char *path, bool gz)
{
	memset(f, 0, sizeof(*f));
	f->run = e->sink.sink.ops->run(&e->sink.sink, "r", 1);
	f->open = stream_open(&f->s, &e->env, kind, path, gz, f->run, &f->shared) == TB_OK;
}

static void file_close(struct tfile *f)
{
	stream_close(&f->s);
	source_run_free(&f->shared);
}

/* Raw bytes (inflated when gz), then let the reader consume. */
static int feed(struct test_env *e, struct tfile *f, const void *data, size_t n, bool eof)
{
	return stream_feed(&f->s, &e->env, data, n, eof);
}

/* Whole-file formats: the file's full content, each time. */
static int feed_whole(struct test_env *e, struct tfile *f, const char *text)
{
	stream_clear(&f->s);
	return feed(e, f, text, strlen(text), true);
}

static struct series *ser(struct test_env *e, const char *tag)
{
	return run_find_series(store_find_run(&e->st, "r", 1), tag, strlen(tag));
}

/* ---- pyjson --------------------------------------------------------------- */

static void test_pyjson(void)
{
	const char *t = "{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity, \"s\": \"NaN Infinity\", \"d\": 1.5}";
	size_t err;
	cJSON *j = pyjson_parse(t, strlen(t), &err);
	double v = 0;
	TAP_OK(j != NULL, "pyjson: Python literals parse");
	TAP_OK(pyjson_number(cJSON_GetObjectItem(j, "a"), &v) && isnan(v), "pyjson: NaN");
	TAP_OK(pyjson_number(cJSON_GetObjectItem(j, "b"), &v) && isinf(v) && v > 0, "pyjson: Infinity");
	TAP_OK(pyjson_number(cJSON_GetObjectItem(j, "c"), &v) && isinf(v) && v < 0, "pyjson: -Infinity");
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "s")), "NaN Infinity", "pyjson: literals inside strings untouched");
	TAP_OK(pyjson_number(cJSON_GetObjectItem(j, "d"), &v) && v == 1.5, "pyjson: plain numbers");
	cJSON_Delete(j);
	const char *bad = "{\"a\": NaN, \"b\": ]";
	j = pyjson_parse(bad, strlen(bad), &err);
	TAP_OK(j == NULL && err >= 15 && err <= 17, "pyjson: error offset maps back to the input (%zu)", err);
}

/* ---- W&B ------------------------------------------------------------------- */

struct wbuf {
	uint8_t *p;
	size_t n, cap;
};

static void wb_put(struct wbuf *b, const void *d, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void pb_key(struct wbuf *b, unsigned num, unsigned wire)
{
	uint8_t k[5];
	size_t n = 0;
	unsigned v = num << 3 | wire;
	do {
		k[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	wb_put(b, k, n);
}

static void pb_len(struct wbuf *b, unsigned num, const void *d, size_t len)
{
	uint8_t k[10];
	size_t n = 0, v = len;
	pb_key(b, num, 2);
	do {
		k[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	wb_put(b, k, n);
	wb_put(b, d, len);
}

/* HistoryItem {key=1 or nested_key=2, value_json=16} */
static void wb_item(struct wbuf *out, unsigned field, const char *key, bool nested, const char *json)
{
	struct wbuf it = { 0 };
	pb_len(&it, nested ? 2 : 1, key, strlen(key));
	pb_len(&it, 16, json, strlen(json));
	pb_len(out, field, it.p, it.n);
	free(it.p);
}

/* Record{history=2{item...}} with _step and loss (plus padding bytes) */
static void wb_history(struct wbuf *rec, int step, const char *loss, size_t pad)
{
	struct wbuf h = { 0 };
	char s[32];
	snprintf(s, sizeof(s), "%d", step);
	wb_item(&h, 1, "_step", false, s);
	wb_item(&h, 1, "_timestamp", false, "1700000000.5");
	wb_item(&h, 1, "loss", true, loss);
	wb_item(&h, 1, "acc", false, "{\"top1\": 0.25, \"img\": {\"_type\": \"image-file\", \"w\": 3}}");
	if (pad) {
		char *big = malloc(pad + 3);
		memset(big, 'x', pad + 2);
		big[0] = '"';
		big[pad + 1] = '"';
		big[pad + 2] = 0;
		wb_item(&h, 1, "text", false, big);
		free(big);
	}
	rec->n = 0;
	pb_len(rec, 2, h.p, h.n);
	free(h.p);
}

/* Write data as LevelDB-log chunks at the current file offset. */
static void wb_chunks(struct wbuf *file, const uint8_t *d, size_t n)
{
	bool first = true;
	do {
		size_t left = 32768 - file->n % 32768;
		if (left < 7) {
			static const uint8_t zeros[7];
			wb_put(file, zeros, left);
			left = 32768;
		}
		size_t room = left - 7, take = n < room ? n : room;
		uint8_t type = first ? (take == n ? 1 : 2) : (take == n ? 4 : 3);
		uLong c = crc32(crc32(0, &type, 1), d, (uInt)take);
		uint8_t h[7] = { (uint8_t)c, (uint8_t)(c >> 8), (uint8_t)(c >> 16), (uint8_t)(c >> 24),
				 (uint8_t)take, (uint8_t)(take >> 8), type };
		wb_put(file, h, 7);
		wb_put(file, d, take);
		d += take;
		n -= take;
		first = false;
	} while (n);
}

/* Offsets where each history record's first chunk starts, by step. */
static size_t rec_start[40];

static void build_wandb(struct wbuf *file, size_t *corrupt_at)
{
	struct wbuf rec = { 0 }, run = { 0 }, r = { 0 };
	wb_put(file, ":W&B\xe1\xbe\x00", 7);
	/* run record: id, project, display name, config */
	struct wbuf cfg = { 0 };
	wb_item(&cfg, 1, "lr", false, "0.001");
	wb_item(&cfg, 1, "_wandb", false, "{}");
	pb_len(&run, 1, "abc123", 6);
	pb_len(&run, 3, "proj", 4);
	pb_len(&run, 4, cfg.p, cfg.n);
	pb_len(&run, 8, "happy-run-1", 11);
	pb_len(&r, 17, run.p, run.n);
	wb_chunks(file, r.p, r.n);
	for (int i = 0; i < 3; i++) {
		wb_history(&rec, i, i == 1 ? "NaN" : "0.5", 0);
		rec_start[i] = file->n;
		wb_chunks(file, rec.p, rec.n);
	}
	/* a record spanning blocks: FIRST, MIDDLE, LAST */
	wb_history(&rec, 3, "0.25", 70000);
	wb_chunks(file, rec.p, rec.n);
	/* step 4 gets a bad CRC; steps 5.. follow in later blocks */
	*corrupt_at = file->n;
	wb_history(&rec, 4, "9", 0);
	wb_chunks(file, rec.p, rec.n);
	file->p[*corrupt_at + 20] ^= 0xff;
	/* stats */
	struct wbuf stats = { 0 }, ts = { 0 };
	uint8_t sec[] = { 0x08, 0x80, 0xe2, 0xcf, 0xaa, 0x06 };  /* seconds = 1700000000 */
	wb_put(&ts, sec, sizeof(sec));
	pb_len(&stats, 2, ts.p, ts.n);
	wb_item(&stats, 3, "gpu.0.temp", false, "61.0");
	r.n = 0;
	pb_len(&r, 7, stats.p, stats.n);
	for (int i = 5; i < 40; i++) {
		wb_history(&rec, i, "0.125", 3000);
		rec_start[i] = file->n;
		wb_chunks(file, rec.p, rec.n);
	}
	wb_chunks(file, r.p, r.n);
	free(rec.p);
	free(run.p);
	free(r.p);
	free(cfg.p);
	free(stats.p);
	free(ts.p);
}

static void test_wandb(void)
{
	struct wbuf file = { 0 };
	size_t corrupt_at;
	build_wandb(&file, &corrupt_at);
	/* The CRC error skips to the next block: records starting before it
	 * are lost with the bad one (a record's later chunks alone are dropped). */
	size_t resume = (corrupt_at / 32768 + 1) * 32768, want = 4;
	int first_after = -1;
	for (int i = 5; i < 40; i++)
		if (rec_start[i] >= resume) {
			want++;
			if (first_after < 0)
				first_after = i;
		}
	static const size_t chunks[] = { 1, 7, 4096, 1 << 20 };
	for (size_t c = 0; c < TB_ARRAY_LEN(chunks); c++) {
		struct test_env e;
		struct tfile f;
		test_env_init(&e);
		file_init(&e, &f, SRC_WANDB, "run-abc.wandb", false);
		size_t step = chunks[c];
		for (size_t off = 0; off < file.n; off += step)
			feed(&e, &f, file.p + off, TB_MIN(step, file.n - off), off + step >= file.n);
		struct series *loss = ser(&e, "loss"), *top1 = ser(&e, "acc/top1"), *sys = ser(&e, "system/gpu.0.temp");
		TAP_OK(loss && loss->n == want && want > 20, "wandb chunk %zu: %zu loss points", step, want);
		if (!loss || loss->n != want)
			printf("#   got %zu\n", loss ? loss->n : 0);
		TAP_OK(loss && isnan(series_value(loss, 1)) && series_value(loss, 3) == 0.25 && series_step(loss, 4) == first_after,
		       "wandb chunk %zu: NaN, a record across blocks, resync after the CRC error", step);
		TAP_OK(loss && series_wall(loss, 0) == 1700000000.5, "wandb chunk %zu: _timestamp is the wall time", step);
		TAP_OK(top1 && top1->n == want && !ser(&e, "acc/img/w"), "wandb chunk %zu: nested values, media skipped", step);
		TAP_OK(sys && sys->n == 1 && series_step(sys, 0) == 39 && series_value(sys, 0) == 61.0 && series_wall(sys, 0) == 1700000000.0,
		       "wandb chunk %zu: system stats at the latest step", step);
		TAP_OK(diag_has(&e, "CRC mismatch") && diag_has(&e, "run-abc.wandb"), "wandb chunk %zu: CRC error reported with the file", step);
		TAP_EQ_INT(f.s.npending, 0, "wandb chunk %zu: everything consumed", step);
		struct run *r = store_find_run(&e.st, "r", 1);
		TAP_OK(r->label && strcmp(r->label, "happy-run-1") == 0, "wandb: display name is the label");
		TAP_OK(r->nhparams == 1 && strcmp(r->hparams[0].key, "lr") == 0 && strcmp(r->hparams[0].value, "0.001") == 0,
		       "wandb: config -> hparams, _wandb left out");
		file_close(&f);
		test_env_free(&e);
	}
	/* torn tail: a record cut short waits, then completes */
	{
		struct test_env e;
		struct tfile f;
		test_env_init(&e);
		file_init(&e, &f, SRC_WANDB, "t.wandb", false);
		size_t cut = 500;
		feed(&e, &f, file.p, cut, true);
		size_t before = ser(&e, "loss") ? ser(&e, "loss")->n : 0;
		TAP_OK(f.s.npending > 0 && e.d.n == 0, "wandb: torn tail kept pending, no error");
		feed(&e, &f, file.p + cut, file.n - cut, true);
		TAP_OK(ser(&e, "loss")->n == want && before < want, "wandb: torn record read once complete");
		file_close(&f);
		test_env_free(&e);
	}
	/* not a W&B file */
	{
		struct test_env e;
		struct tfile f;
		test_env_init(&e);
		file_init(&e, &f, SRC_WANDB, "bad.wandb", false);
		int rc = feed(&e, &f, "GARBAGE!", 8, true);
		TAP_OK(rc == TB_ERR && diag_has(&e, "bad file header"), "wandb: bad header is an error");
		file_close(&f);
		test_env_free(&e);
	}
	free(file.p);
}

/* ---- trainer_state.json ------------------------------------------------------ */

static const char *TS_GOOD =
	"{\"best_metric\": 0.5, \"best_model_checkpoint\": \"out/checkpoint-20\", \"log_history\": [\n"
	"  {\"epoch\": 0.5, \"learning_rate\": 5e-05, \"loss\": NaN, \"step\": 10},\n"
	"  {\"epoch\": 1.0, \"eval_loss\": Infinity, \"eval_runtime\": 1.5, \"step\": 20},\n"
	"  {\"epoch\": 1.0, \"grad_norm\": -Infinity, \"loss\": 0.75, \"step\": 20}\n"
	"], \"max_steps\": 40}";

static void test_trainer_state(void)
{
	struct test_env e;
	struct tfile f;
	test_env_init(&e);
	file_init(&e, &f, SRC_TRAINER_STATE, "out/checkpoint-20/trainer_state.json", false);
	TAP_EQ_INT(feed_whole(&e, &f, TS_GOOD), TB_OK, "trainer_state: parses with NaN/Infinity");
	struct series *loss = ser(&e, "train/loss"), *ev = ser(&e, "eval/loss"), *gn = ser(&e, "train/grad_norm");
	TAP_OK(loss && loss->n == 2 && isnan(series_value(loss, 0)) && series_value(loss, 1) == 0.75 && series_step(loss, 1) == 20,
	       "trainer_state: train/loss with a NaN point");
	TAP_OK(ev && ev->n == 1 && isinf(series_value(ev, 0)), "trainer_state: eval_ -> eval/, Infinity point");
	TAP_OK(gn && isinf(series_value(gn, 0)) && series_value(gn, 0) < 0, "trainer_state: -Infinity point");
	TAP_OK(ser(&e, "train/epoch") && ser(&e, "train/epoch")->n == 3 && !ser(&e, "train/step"),
	       "trainer_state: epoch is a tag, step is not");
	struct run *r = f.run;
	bool best = false;
	for (size_t i = 0; i < r->ninfo; i++)
		best |= strcmp(r->info[i].key, "best_model_checkpoint") == 0 && strcmp(r->info[i].value, "out/checkpoint-20") == 0;
	TAP_OK(best, "trainer_state: best_model_checkpoint in the run info");
	/* half-written: points kept, no message the first time */
	char half[64];
	snprintf(half, sizeof(half), "%.40s", TS_GOOD);
	TAP_EQ_INT(feed_whole(&e, &f, half), TB_OK, "trainer_state: half-written file is not an error");
	TAP_OK(ser(&e, "train/loss")->n == 2 && e.d.n == 0, "trainer_state: old points kept, nothing reported");
	feed_whole(&e, &f, half);
	TAP_OK(e.d.n == 1 && diag_has(&e, "does not parse"), "trainer_state: second failure in a row reported");
	/* rewritten with more history: points replaced, not duplicated */
	const char *more = "{\"log_history\": [{\"loss\": 1.0, \"step\": 10}, {\"loss\": 0.5, \"step\": 20}, {\"loss\": 0.25, \"step\": 30}]}";
	feed_whole(&e, &f, more);
	loss = ser(&e, "train/loss");
	TAP_OK(loss->n == 3 && series_value(loss, 2) == 0.25 && ser(&e, "eval/loss")->n == 0, "trainer_state: re-read replaces the points");
	file_close(&f);
	test_env_free(&e);
}

/* ---- CSV ----------------------------------------------------------------------- */

static void test_csv(void)
{
	struct test_env e;
	struct tfile f;
	test_env_init(&e);
	file_init(&e, &f, SRC_CSV, "lightning_logs/version_0/metrics.csv", false);
	/* Lightning: sparse rows; a ragged row; torn last row */
	const char *v1 = "epoch,lr-Adam,step,train_loss,val_loss\n"
			 ",0.001,0,,\n"
			 "0,,49,2.5,\n"
			 "0,,49,,3.0,EXTRA\n"
			 "0,,99,2.25,\n"
			 "1,,99,,2.75\n"
			 "1,,149,2.";
	TAP_EQ_INT(feed_whole(&e, &f, v1), TB_OK, "csv: parses");
	struct series *tl = ser(&e, "train_loss"), *vl = ser(&e, "val_loss"), *ep = ser(&e, "epoch"), *lr = ser(&e, "lr-Adam");
	TAP_OK(tl && tl->n == 2 && series_step(tl, 1) == 99 && series_value(tl, 1) == 2.25, "csv: train_loss from sparse rows");
	TAP_OK(vl && vl->n == 1 && series_value(vl, 0) == 2.75, "csv: ragged row skipped, val_loss from the good row");
	TAP_OK(ep && ep->n == 3 && lr && lr->n == 1, "csv: empty cells are missing, epoch is a tag");
	TAP_OK(diag_has(&e, "has 6 fields, the header has 5") && diag_has(&e, "offset 61"),
	       "csv: ragged row reported with file offset");
	if (e.d.n)
		printf("# %s\n", e.d.items[0].text);
	/* the writer finishes the torn row and appends: incremental */
	const char *v2 = "epoch,lr-Adam,step,train_loss,val_loss\n"
			 ",0.001,0,,\n"
			 "0,,49,2.5,\n"
			 "0,,49,,3.0,EXTRA\n"
			 "0,,99,2.25,\n"
			 "1,,99,,2.75\n"
			 "1,,149,2.125,\n"
			 "1,,199,2.0,\n";
	feed_whole(&e, &f, v2);
	tl = ser(&e, "train_loss");
	TAP_OK(tl->n == 4 && series_value(tl, 2) == 2.125 && series_value(tl, 3) == 2.0, "csv: torn row waited, appended rows read");
	TAP_EQ_INT(e.d.n, 1, "csv: the ragged row is not reported twice");
	/* Lightning 2.x rewrites the file with a new column: re-read */
	const char *v3 = "epoch,step,train_loss,val_acc\n0,49,9.0,\n0,99,8.0,0.5\n";
	feed_whole(&e, &f, v3);
	tl = ser(&e, "train_loss");
	TAP_OK(tl->n == 2 && series_value(tl, 0) == 9.0 && ser(&e, "val_loss")->n == 0 && ser(&e, "val_acc")->n == 1,
	       "csv: rewritten file replaces its points");
	file_close(&f);
	test_env_free(&e);

	/* Keras: epoch is the step; no step column */
	test_env_init(&e);
	file_init(&e, &f, SRC_CSV, "training.log", false);
	feed_whole(&e, &f, "epoch,acc,loss,val_acc,val_loss\n0,0.5,1.0,0.4,1.2\n1,0.6,0.8,0.45,1.1\n");
	TAP_OK(ser(&e, "val_loss") && ser(&e, "val_loss")->n == 2 && series_step(ser(&e, "val_loss"), 1) == 1 && !ser(&e, "epoch"),
	       "csv: Keras epoch column is the step");
	file_close(&f);
	test_env_free(&e);
}

/* ---- JSONL ---------------------------------------------------------------------- */

static void test_jsonl(void)
{
	struct test_env e;
	struct tfile f;
	test_env_init(&e);
	file_init(&e, &f, SRC_JSONL, "metrics.jsonl", false);
	const char *a = "{\"step\": 1, \"loss\": 0.5, \"timestamp\": 1700000000}\n"
			"this is not json\n"
			"{\"step\": 2, \"loss\": NaN, \"val\": {\"acc\": 0.75}}\n"
			"{\"step\": 3, \"lo";
	feed(&e, &f, a, strlen(a), true);
	struct series *loss = ser(&e, "loss");
	TAP_OK(loss && loss->n == 2 && isnan(series_value(loss, 1)) && series_wall(loss, 0) == 1700000000.0, "jsonl: points, NaN, wall time");
	TAP_OK(ser(&e, "val/acc") && series_step(ser(&e, "val/acc"), 0) == 2, "jsonl: nested keys joined with /");
	TAP_OK(diag_has(&e, "line 2 is not a JSON object") && diag_has(&e, "offset 50"), "jsonl: bad line reported with its offset");
	TAP_OK(f.s.npending > 0, "jsonl: torn last line waits");
	const char *b = "ss\": 0.25}\n";
	feed(&e, &f, b, strlen(b), true);
	TAP_OK(loss->n == 3 && series_value(loss, 2) == 0.25 && series_step(loss, 2) == 3, "jsonl: torn line read once complete");
	file_close(&f);
	test_env_free(&e);

	/* no step key: the line number */
	test_env_init(&e);
	file_init(&e, &f, SRC_JSONL, "log.jsonl", false);
	const char *c = "{\"loss\": 1}\n{\"loss\": 2}";
	feed(&e, &f, c, strlen(c), true);
	loss = ser(&e, "loss");
	TAP_OK(loss && loss->n == 2 && series_step(loss, 0) == 1 && series_step(loss, 1) == 2, "jsonl: line number as step; complete last object at EOF");
	file_close(&f);
	test_env_free(&e);
}

/* ---- gzip ------------------------------------------------------------------------- */

static size_t gz_compress(const char *text, uint8_t *out, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)(uintptr_t)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t n = cap - z.avail_out;
	deflateEnd(&z);
	return n;
}

static void test_gzip(void)
{
	char text[20000];
	size_t o = 0;
	for (int i = 0; i < 400; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "{\"step\": %d, \"loss\": %d.5, \"noise\": %u}\n", i, i, (unsigned)(i * 2654435761u) % 1000);
	uint8_t gz[40000];
	size_t n = gz_compress(text, gz, sizeof(gz));

	/* whole stream, a byte at a time */
	struct test_env e;
	struct tfile f;
	test_env_init(&e);
	file_init(&e, &f, SRC_JSONL, "m.jsonl.gz", true);
	for (size_t i = 0; i < n; i++)
		feed(&e, &f, gz + i, 1, i + 1 == n);
	TAP_OK(ser(&e, "loss") && ser(&e, "loss")->n == 400 && e.d.n == 0, "gzip: fed a byte at a time, all 400 points");
	file_close(&f);
	test_env_free(&e);

	/* cut mid-block: what inflated loads, the cut is reported */
	test_env_init(&e);
	file_init(&e, &f, SRC_JSONL, "cut.jsonl.gz", true);
	feed(&e, &f, gz, n / 2, true);
	size_t got = ser(&e, "loss") ? ser(&e, "loss")->n : 0;
	TAP_OK(got > 0 && got < 400, "gzip cut: the first %zu points load", got);
	TAP_OK(diag_has(&e, "cut.jsonl.gz") && diag_has(&e, "gzip stream ends inside a member"), "gzip cut: reported with the file");
	file_close(&f);
	test_env_free(&e);

	/* corrupt: reported with its compressed offset, the file stops */
	test_env_init(&e);
	file_init(&e, &f, SRC_JSONL, "bad.jsonl.gz", true);
	uint8_t bad[40000];
	memcpy(bad, gz, n);
	for (size_t i = n / 2; i < n / 2 + 64; i++)
		bad[i] ^= 0x5a;
	int rc = feed(&e, &f, bad, n, true);
	TAP_OK(rc == TB_ERR && diag_has(&e, "corrupt gzip data"), "gzip corrupt: reported, file stopped");
	file_close(&f);
	test_env_free(&e);
}

/* ---- classification ---------------------------------------------------------------- */

static char root[256];

static void mk(const char *rel, const char *content)
{
	char p[512], *s;
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	FILE *fp = fopen(p, "w");
	fputs(content, fp);
	fclose(fp);
}

static bool cls(const char *dir_rel, const char *name, struct source_claim *c)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s%s%s", root, dir_rel, *dir_rel ? "/" : "", name);
	return source_claim(dir_rel, name, p, c);
}

static void test_classify(void)
{
	struct source_claim c;
	snprintf(root, sizeof(root), "/tmp/tb-classify.%d", (int)getpid());
	mkdir(root, 0755);
	mk("wandb/run-20220429_201847-2zuxwf70/run-2zuxwf70.wandb", ":W&B");
	mk("wandb/run-20220429_201847-2zuxwf70/files/wandb-history.jsonl", "{}\n");
	mk("wandb/run-20220429_201847-2zuxwf70/files/config.yaml", "a: 1\n");
	mk("wandb/run-20200101_000000-old/wandb-history.jsonl", "{\"_step\": 0}\n");
	mk("out/checkpoint-500/trainer_state.json", "{}");
	mk("out/checkpoint-1000/trainer_state.json", "{}");
	mk("lightning_logs/version_0/metrics.csv", "epoch,step,loss\n");
	mk("keras/training.log", "epoch,acc,loss\n0,1,2\n");
	mk("keras2/a.log", "epoch,acc,loss\n0,1,2\n");
	mk("keras2/b.log", "epoch,acc,loss\n0,1,2\n");
	mk("logs/debug.log", "2024-01-01 starting\n");
	mk("exp/metrics.jsonl", "{\"iteration\": 1, \"loss\": 2}\n");
	mk("data/train.jsonl", "{\"text\": \"hello\", \"label\": 3}\n");
	mk("model.bin", "x");

	TAP_OK(cls("wandb/run-20220429_201847-2zuxwf70", "run-2zuxwf70.wandb", &c) && c.kind == SRC_WANDB &&
	       strcmp(c.run_rel, "wandb/run-20220429_201847-2zuxwf70") == 0, "classify: .wandb -> its run dir");
	TAP_OK(!cls("wandb/run-20220429_201847-2zuxwf70/files", "wandb-history.jsonl", &c), "classify: history beside a .wandb skipped");
	TAP_OK(!cls("wandb/run-20220429_201847-2zuxwf70/files", "config.yaml", &c), "classify: W&B config not a metric file");
	TAP_OK(!cls("wandb/latest-run", "run-2zuxwf70.wandb", &c), "classify: latest-run symlink skipped");
	TAP_OK(cls("wandb/run-20200101_000000-old", "wandb-history.jsonl", &c) && c.kind == SRC_WANDB_HISTORY &&
	       strcmp(c.run_rel, "wandb/run-20200101_000000-old") == 0, "classify: legacy history -> run dir");
	TAP_OK(!cls("out/checkpoint-500", "trainer_state.json", &c), "classify: older checkpoint skipped");
	TAP_OK(cls("out/checkpoint-1000", "trainer_state.json", &c) && c.kind == SRC_TRAINER_STATE &&
	       strcmp(c.run_rel, "out") == 0, "classify: newest checkpoint -> output dir");
	TAP_OK(cls("lightning_logs/version_0", "metrics.csv", &c) && c.kind == SRC_CSV &&
	       strcmp(c.run_rel, "lightning_logs/version_0") == 0, "classify: Lightning metrics.csv");
	TAP_OK(cls("keras", "training.log", &c) && strcmp(c.run_rel, "keras") == 0, "classify: Keras log alone -> dir");
	TAP_OK(cls("keras2", "a.log", &c) && strcmp(c.run_rel, "keras2/a.log") == 0, "classify: several Keras logs -> dir/file");
	TAP_OK(!cls("logs", "debug.log", &c), "classify: plain log not a CSV");
	TAP_OK(cls("exp", "metrics.jsonl", &c) && c.kind == SRC_JSONL && strcmp(c.run_rel, "exp/metrics") == 0, "classify: jsonl -> dir/stem");
	TAP_OK(!cls("data", "train.jsonl", &c), "classify: data jsonl without a step key skipped");
	TAP_OK(!cls("", "model.bin", &c), "classify: weights never claimed");
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
}

int main(void)
{
	test_pyjson();
	test_wandb();
	test_trainer_state();
	test_csv();
	test_jsonl();
	test_gzip();
	test_classify();
	return tap_done();
}
