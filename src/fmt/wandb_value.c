/* wandb_value.c: turning W&B's JSON-encoded values into points and facts. */
#include <stdlib.h>
#include <string.h>
#include "wandb.h"

#define WANDB_MAX_DEPTH 8
#define WANDB_MAX_TEXT 200

int wandb_emit_value(struct source_ctx *ctx, struct tracked_file *f, struct fmt_buf *tag,
		     const cJSON *v, int64_t step, double wall, int depth)
{
	double x;
	if (pyjson_number(v, &x)) {
		struct series *s = run_get_series(ctx->store, f->run, tag->p, tag->n);
		if (!s)
			return TB_NOMEM;
		return series_append(ctx->store, s, step, wall, x);
	}
	if (!cJSON_IsObject(v) || depth >= WANDB_MAX_DEPTH)
		return TB_OK;
	if (cJSON_GetObjectItemCaseSensitive(v, "_type"))
		return TB_OK;   /* image, histogram, table...: not a scalar */
	size_t base = tag->n;
	for (const cJSON *c = v->child; c; c = c->next) {
		if (!c->string || c->string[0] == '_')
			continue;
		if (fmt_buf_add(tag, "/", 1) != TB_OK || fmt_buf_add(tag, c->string, strlen(c->string)) != TB_OK)
			return TB_NOMEM;
		int rc = wandb_emit_value(ctx, f, tag, c, step, wall, depth + 1);
		tag->n = base;
		tag->p[base] = '\0';
		if (rc != TB_OK)
			return rc;
	}
	return TB_OK;
}

int wandb_set_config(struct tracked_file *f, const char *key, const cJSON *v)
{
	char buf[WANDB_MAX_TEXT + 4];
	char *text = NULL;
	const char *s;
	if (cJSON_IsString(v) && v->valuestring) {
		s = v->valuestring;
	} else {
		text = cJSON_PrintUnformatted(v);
		if (!text)
			return TB_NOMEM;
		s = text;
	}
	size_t n = strlen(s);
	if (n > WANDB_MAX_TEXT) {
		memcpy(buf, s, WANDB_MAX_TEXT);
		memcpy(buf + WANDB_MAX_TEXT, "...", 4);
		s = buf;
	}
	int rc = run_set_kv(&f->run->hparams, &f->run->nhparams, key, s);
	free(text);
	return rc;
}
