/* trainer_state.c: Hugging Face Trainer's trainer_state.json.
 *
 * log_history is a list of dicts, each with the global "step" and the
 * numbers logged then (loss, learning_rate, grad_norm, epoch, eval_*...).
 * Tags follow the Trainer's own TensorBoard callback: eval_x -> eval/x,
 * test_x -> test/x, everything else train/x.  The file has no timestamps:
 * wall time is 0. Hyperparameters: train_batch_size, num_train_epochs,
 * max_steps, logging_steps, eval_steps and save_steps from the file, a
 * hyperparameter search's trial_params, and the model's config.json.
 *
 * The Trainer rewrites the file in place, not atomically, so a reader can
 * catch it half-written.  The loader gives us the whole file on every
 * change; a version that does not parse leaves the points from the last
 * good one in place and is not reported the first time, because the next
 * change (the writer finishing) normally fixes it.  Only a second failure
 * in a row is reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "claim.h"
#include "fmt_common.h"
#include "hparams.h"
#include "pyjson.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

#define TS_MAX_CONFIG ((size_t)1 << 20)

struct ts_state {
	struct fmt_owned owned;
	size_t last_len;
	uint32_t last_crc;
	bool have_last;
	unsigned failures;      /* consecutive versions that did not parse */
	struct fmt_buf tag;
};

static int ts_open(struct emit *e, struct source_file *f)
{
	(void)e;
	struct ts_state *s = xcalloc(1, sizeof(*s));
	fmt_owned_init(&s->owned);
	f->state = s;
	return TB_OK;
}

static void ts_reset(struct emit *e, struct source_file *f)
{
	struct ts_state *s = f->state;
	fmt_owned_clear(e, f, &s->owned);
	s->have_last = false;
	s->failures = 0;
}

static void ts_close(struct source_file *f)
{
	struct ts_state *s = f->state;
	if (!s)
		return;
	fmt_owned_free(&s->owned);
	fmt_buf_free(&s->tag);
	free(s);
	f->state = NULL;
}

static void tag_for(struct fmt_buf *tag, const char *key)
{
	static const char *const groups[] = { "eval", "test" };
	for (size_t i = 0; i < TB_ARRAY_LEN(groups); i++) {
		size_t g = strlen(groups[i]);
		if (strncmp(key, groups[i], g) == 0 && key[g] == '_' && key[g + 1]) {
			fmt_buf_set(tag, groups[i], g);
			fmt_buf_add(tag, "/", 1);
			fmt_buf_add(tag, key + g + 1, strlen(key + g + 1));
			return;
		}
	}
	fmt_buf_set(tag, "train/", 6);
	fmt_buf_add(tag, key, strlen(key));
}

static void set_fact(struct emit *e, struct source_file *f, enum sink_fact what, const cJSON *root,
		     const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
	char text[HP_MAX_TEXT + 1];
	if (!v || cJSON_IsNull(v))
		return;
	hparams_json_text(v, text, sizeof(text));
	emit_fact(e, f->run, what, key, text);
}

/* Is the state inside a checkpoint of an output directory? */
static bool in_checkpoint(const char *path)
{
	char dir[4096];
	const char *last;
	path_split(path, dir, sizeof(dir), &last);
	const char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : dir;
	return strncmp(name, "checkpoint-", 11) == 0 || strcmp(name, "last-checkpoint") == 0;
}

/* The model's config.json, read-only and bounded: beside the state (a
 * checkpoint holds one), else in the output directory above the
 * checkpoint. Its fields are hyperparameters under "model.", as the
 * Trainer's model_config text summary gives them to event files. One that
 * is missing, too big or does not parse (caught half-written) adds
 * nothing and is not reported. training_args.bin is a pickle: not read. */
static void config_read(struct emit *e, struct source_file *f)
{
	char dir[4096], path[4096 + 16];
	char *buf = NULL;
	long n = -1;
	size_t err;
	for (int up = 0; up < 2 && n <= 0; up++) {
		if ((up && !in_checkpoint(f->path)) || !path_dir(f->path, up, dir, sizeof(dir)))
			break;
		snprintf(path, sizeof(path), "%s/config.json", dir);
		if (!buf)
			buf = xmalloc(TS_MAX_CONFIG + 1);
		n = fmt_side_read(f, path, buf, TS_MAX_CONFIG + 1, NULL);
	}
	if (n > 0 && (size_t)n <= TS_MAX_CONFIG) {
		cJSON *root = pyjson_parse(buf, (size_t)n, &err);
		if (cJSON_IsObject(root))
			hparams_emit_json(e, f->run, "model", root, 0);
		cJSON_Delete(root);
	}
	free(buf);
}

static void facts_read(struct emit *e, struct source_file *f, const cJSON *root)
{
	static const char *const info[] = {
		"best_metric", "best_model_checkpoint", "best_global_step", "global_step", "epoch",
	};
	static const char *const hparams[] = {
		"max_steps", "num_train_epochs", "train_batch_size", "logging_steps", "eval_steps", "save_steps",
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(info); i++)
		set_fact(e, f, SINK_INFO, root, info[i]);
	for (size_t i = 0; i < TB_ARRAY_LEN(hparams); i++)
		set_fact(e, f, SINK_HPARAM, root, hparams[i]);
	/* a hyperparameter search's trial: its parameters, named as the
	 * TrainingArguments they set (learning_rate...) */
	const cJSON *trial = cJSON_GetObjectItemCaseSensitive(root, "trial_params");
	if (cJSON_IsObject(trial))
		hparams_emit_json(e, f->run, "", trial, 0);
	config_read(e, f);
	/* the Trainer's last save has global_step == max_steps */
	double step, max;
	if (pyjson_number(cJSON_GetObjectItemCaseSensitive(root, "global_step"), &step) &&
	    pyjson_number(cJSON_GetObjectItemCaseSensitive(root, "max_steps"), &max) && max > 0 && step >= max)
		emit_fact(e, f->run, SINK_FINISHED, NULL, "max_steps");
}

static void history_read(struct emit *e, struct source_file *f, const cJSON *hist)
{
	struct ts_state *s = f->state;
	const cJSON *entry;
	cJSON_ArrayForEach(entry, hist) {
		double v;
		int64_t step;
		if (!cJSON_IsObject(entry) || !pyjson_number(cJSON_GetObjectItemCaseSensitive(entry, "step"), &v) ||
		    !fmt_step_from_double(v, &step))
			continue;
		for (const cJSON *c = entry->child; c; c = c->next) {
			if (!c->string || strcmp(c->string, "step") == 0 || !pyjson_number(c, &v))
				continue;
			tag_for(&s->tag, c->string);
			void *ser = fmt_owned_series(e, f, &s->owned, s->tag.p, s->tag.n);
			emit_point(e, ser, step, 0.0, v, false);
		}
	}
}

static int ts_parse(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
		    uint64_t base, bool eof, size_t *used)
{
	struct ts_state *s = f->state;
	size_t err;
	(void)eof;
	(void)base;
	*used = len;
	uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)TB_MIN(len, (size_t)UINT32_MAX));
	if (s->have_last && s->last_len == len && s->last_crc == crc)
		return TB_OK;   /* touched, not changed */
	cJSON *root = pyjson_parse((const char *)buf, len, &err);
	const cJSON *hist = root ? cJSON_GetObjectItemCaseSensitive(root, "log_history") : NULL;
	if (!cJSON_IsArray(hist)) {
		/* half-written (or not a trainer state): keep the last good points */
		if (++s->failures == 2)
			diag_report(e->diag, f->path, root ? -1 : (int64_t)err,
				    root ? "trainer_state.json has no log_history list; keeping the points read before"
					 : "trainer_state.json does not parse (still being written?); keeping the points read before");
		cJSON_Delete(root);
		return TB_OK;
	}
	s->failures = 0;
	s->have_last = true;
	s->last_len = len;
	s->last_crc = crc;
	fmt_owned_clear(e, f, &s->owned);
	history_read(e, f, hist);
	facts_read(e, f, root);
	cJSON_Delete(root);
	return TB_OK;
}

const struct source_ops source_trainer_state = {
	.name = "trainer_state",
	.whole_file = true,
	.report_cut_gz = true,
	.claim = trainer_state_claim,
	.open = ts_open,
	.parse = ts_parse,
	.reset = ts_reset,
	.close = ts_close,
};
