/* kvfile.c: hparams.yaml, meta_tags.csv and W&B's config.yaml, read as flat
 * key = value pairs.  This is not a YAML parser: block scalars, flow
 * collections and anchors are kept as their text, which is what a run
 * list needs to show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt_common.h"
#include "kvfile.h"
#include "tailboard/xalloc.h"

#define KV_MAX_FILE (256u << 10)
#define KV_MAX_DEPTH 8

static char *slurp(const char *path, size_t *len)
{
	char *buf = xmalloc(KV_MAX_FILE + 1);
	long n = fmt_read_head(path, buf, KV_MAX_FILE);
	if (n <= 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
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
	char *buf = slurp(path, &len);
	if (!buf)
		return;
	struct { int indent; char key[128]; } stack[KV_MAX_DEPTH];
	int depth = 0;
	char full[512];
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		int indent = 0;
		while (line[indent] == ' ')
			indent++;
		char *body = trim(line + indent);
		if (!*body || *body == '#' || *body == '-' || strcmp(body, "---") == 0)
			continue;
		char *colon = strstr(body, ": ");
		if (!colon && body[strlen(body) - 1] == ':')
			colon = body + strlen(body) - 1;
		if (!colon)
			continue;
		*colon = '\0';
		char *key = unquote(trim(body));
		char *val = trim(colon + 1);
		while (depth > 0 && stack[depth - 1].indent >= indent)
			depth--;
		if (!*val || strcmp(val, "|") == 0 || strcmp(val, ">") == 0) {
			if (depth < KV_MAX_DEPTH) {
				stack[depth].indent = indent;
				snprintf(stack[depth].key, sizeof(stack[depth].key), "%s", key);
				depth++;
			}
			continue;
		}
		val = unquote(val);
		size_t o = 0;
		full[0] = '\0';
		for (int i = 0; i < depth; i++)
			o += (size_t)snprintf(full + o, sizeof(full) - TB_MIN(o, sizeof(full)), "%s/", stack[i].key);
		if (o >= sizeof(full))
			continue;
		if (wandb_style) {
			/* key: {desc: ..., value: X} -> key = X */
			if (depth == 0 && strcmp(key, "wandb_version") == 0)
				continue;
			if (depth >= 1 && stack[0].key[0] == '_')
				continue;
			if (strcmp(key, "desc") == 0)
				continue;
			if (strcmp(key, "value") == 0 && depth >= 1) {
				full[o - 1] = '\0';   /* drop the trailing '/' */
				emit_fact(e, f->run, SINK_HPARAM, full, val);
				continue;
			}
		}
		snprintf(full + o, sizeof(full) - o, "%s", key);
		emit_fact(e, f->run, SINK_HPARAM, full, val);
	}
	free(buf);
}

void kvfile_load_csv(struct emit *e, struct source_file *f, const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
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
		char *key = unquote(trim(line)), *val = unquote(trim(comma + 1));
		if (first && strcmp(key, "key") == 0 && strcmp(val, "value") == 0) {
			first = false;
			continue;
		}
		first = false;
		if (*key)
			emit_fact(e, f->run, SINK_HPARAM, key, val);
	}
	free(buf);
}
