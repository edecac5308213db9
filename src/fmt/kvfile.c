/* kvfile.c: hyperparameter files found beside metric files: Lightning's
 * hparams.yaml, W&B's legacy config.yaml (read as YAML by yaml.c, then
 * flattened like any JSON by hparams.c) and test-tube's meta_tags.csv
 * ("key,value" rows). They are optional: one that is missing or
 * unreadable adds nothing and is not reported; YAML that stops parsing is
 * reported with its line, and what came before the error is kept. */
#include <stdlib.h>
#include <string.h>
#include "fmt_common.h"
#include "hparams.h"
#include "kvfile.h"
#include "yaml.h"
#include "tailboard/xalloc.h"

#define KV_MAX_FILE (256u << 10)

static char *slurp(const struct source_file *f, const char *path, size_t *len)
{
	char *buf = xmalloc(KV_MAX_FILE + 1);
	long n = fmt_side_read(f, path, buf, KV_MAX_FILE, NULL);
	if (n <= 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* Strip one pair of matching quotes. */
static char *unquote(char *v)
{
	size_t n = strlen(v);
	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

void kvfile_load_yaml(struct emit *e, struct source_file *f, const char *path, bool wandb_style)
{
	size_t len;
	char *buf = slurp(f, path, &len);
	if (!buf)
		return;
	struct yaml_error err;
	cJSON *root = yaml_parse(buf, len, &err);
	free(buf);
	if (err.problem[0])
		diag_report(e->diag, path, -1, "%s at line %zu, column %zu; hyperparameters before it are kept",
			    err.problem, err.line, err.column);
	if (cJSON_IsObject(root))
		hparams_emit_json(e, f->run, "", root, wandb_style ? HP_WANDB : 0);
	cJSON_Delete(root);
}

void kvfile_load_csv(struct emit *e, struct source_file *f, const char *path)
{
	size_t len;
	char *buf = slurp(f, path, &len);
	if (!buf)
		return;
	bool first = true;
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *comma = strchr(line, ',');
		if (!comma)
			continue;
		*comma = '\0';
		char *key = unquote(tb_trim(line)), *val = tb_trim(comma + 1);
		if (first && strcmp(key, "key") == 0 && strcmp(val, "value") == 0) {
			first = false;
			continue;
		}
		first = false;
		if (!*key)
			continue;
		/* Python's str() of the value, typed as it reads; a quoted
		 * cell is text as written */
		char text[HP_MAX_TEXT + 1];
		char *uq = unquote(val);
		if (uq != val)
			hparams_text(uq, strlen(uq), text, sizeof(text));
		else
			hparams_plain_scalar(val, strlen(val), text, sizeof(text));
		emit_fact(e, f->run, SINK_HPARAM, key, text);
	}
	free(buf);
}
