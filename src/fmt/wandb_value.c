/* wandb_value.c: turning W&B's JSON-encoded values into points and facts. */
#include <stdlib.h>
#include <string.h>
#include "hparams.h"
#include "pb.h"
#include "wandb.h"
#include "tailboard/xalloc.h"

#define WANDB_MAX_DEPTH 8

void wandb_emit_value(struct emit *e, struct source_file *f, struct tagcache *tags, struct fmt_buf *tag,
		      const cJSON *v, int64_t step, double wall, int depth)
{
	double x;
	if (pyjson_number(v, &x)) {
		emit_point(e, tagcache_get(tags, e, f->run, tag->p, tag->n), step, wall, x, false);
		return;
	}
	if (!cJSON_IsObject(v) || depth >= WANDB_MAX_DEPTH)
		return;
	if (cJSON_GetObjectItemCaseSensitive(v, "_type"))
		return;         /* image, histogram, table...: not a scalar */
	size_t base = tag->n;
	for (const cJSON *c = v->child; c; c = c->next) {
		if (!c->string || c->string[0] == '_')
			continue;
		fmt_buf_add(tag, "/", 1);
		fmt_buf_add(tag, c->string, strlen(c->string));
		wandb_emit_value(e, f, tags, tag, c, step, wall, depth + 1);
		tag->n = base;
		tag->p[base] = '\0';
	}
}

void wandb_set_config(struct emit *e, struct source_file *f, const char *key, const cJSON *v)
{
	hparams_emit_json(e, f->run, key, v, HP_WANDB | HP_MEMBER);
}

void wandb_media_add(struct fmt_buf *media, const char *key, size_t n)
{
	if (n > 6 && (key[n - 6] == '/' || key[n - 6] == '.') && memcmp(key + n - 5, "_type", 5) == 0) {
		fmt_buf_add(media, key, n - 6);
		fmt_buf_add(media, "", 1);      /* the name's NUL, kept in n */
	}
}

bool wandb_in_media(const struct fmt_buf *media, const char *key, size_t n)
{
	for (size_t at = 0; at < media->n;) {
		size_t len = strlen(media->p + at);
		if (n > len && memcmp(key, media->p + at, len) == 0 && (key[len] == '/' || key[len] == '.'))
			return true;
		at += len + 1;
	}
	return false;
}

int wandb_timestamp(const struct pb_reader *parent, const struct pb_field *fld, double *out)
{
	struct pb_reader r;
	struct pb_field x;
	int64_t sec = 0, nanos = 0;
	if (pb_sub(parent, fld, &r) != 0)
		return TB_ERR;
	while (pb_next(&r, &x) == 1) {
		if (x.num == 1 && x.wire == PB_VARINT)
			sec = (int64_t)x.u;
		else if (x.num == 2 && x.wire == PB_VARINT)
			nanos = (int32_t)x.u;
	}
	*out = (double)sec + (double)nanos / 1e9;
	return TB_OK;
}
