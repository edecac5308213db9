/* yaml.c: block YAML into a JSON tree, line by line (yaml.h says what is
 * read). Indentation decides nesting: a key whose value is empty owns the
 * lines indented below it, or a sequence at its own indentation, as
 * PyYAML writes lists under a key. Every line is looked at once or
 * skipped, and nesting is bounded, so a hostile file costs its length. */
#include <stdlib.h>
#include <string.h>
#include "hparams.h"
#include "yaml.h"

#define YAML_MAX_DEPTH 32
#define YAML_MAX_BLOCK 4096     /* bytes kept of a block scalar */

struct yline {
	int indent;
	char *s;                /* the line without its indentation and trailing blanks */
};

struct yp {
	struct yline *l;
	size_t n, i;
	int depth;
};

static cJSON *block(struct yp *p, int indent);

static bool is_item(const char *s)
{
	return s[0] == '-' && (s[1] == ' ' || s[1] == '\0');
}

/* The ": " (or final ':') that ends a mapping key at the start of s, with
 * the key unquoted in place; NULL when s is not "key: ...". */
static char *split_key(char *s, char **key)
{
	char *colon;
	if (*s == '"' || *s == '\'') {
		char *end = strchr(s + 1, *s);
		if (!end || end[1] != ':' || (end[2] != ' ' && end[2] != '\0'))
			return NULL;
		*end = '\0';
		*key = s + 1;
		return end + 1;
	}
	if (*s == '[' || *s == '{' || *s == '#' || *s == '?' || is_item(s))
		return NULL;
	for (colon = s; (colon = strchr(colon, ':')); colon++) {
		if (colon[1] == ' ' || colon[1] == '\0') {
			*key = s;
			return colon;
		}
	}
	return NULL;
}

static bool is_entry(const char *s)
{
	char tmp[512], *key;
	size_t n = strlen(s);
	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;    /* a key this long is not in the first 511 bytes: not one */
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return split_key(tmp, &key) != NULL;
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

/* Drop tags (!!python/object:...) and anchors (&id001) before a value. */
static char *strip_props(char *v)
{
	while (*v == '!' || *v == '&') {
		while (*v && *v != ' ')
			v++;
		v = trim(v);
	}
	return v;
}

static cJSON *quoted(char *v)
{
	char q = *v, *o = v, *s = v + 1;
	for (; *s; s++) {
		if (q == '\'' && s[0] == '\'' && s[1] == '\'') {
			*o++ = *s++;            /* '' is a quote */
		} else if (*s == q) {
			break;
		} else if (q == '"' && s[0] == '\\' && s[1]) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return cJSON_CreateString(v);
}

/* [a, b] and {a: 1}: as JSON when they are JSON, else [a, b] of plain
 * scalars split at commas, else the text as written. */
static cJSON *flow(char *v)
{
	cJSON *j = cJSON_Parse(v);
	size_t n = strlen(v);
	if (j)
		return j;
	if (v[0] != '[' || v[n - 1] != ']' || strcspn(v + 1, "[]{}\"'") < n - 2)
		return cJSON_CreateString(v);
	cJSON *arr = cJSON_CreateArray();
	v[n - 1] = '\0';
	for (char *part = v + 1, *next; arr && part; part = next) {
		next = strchr(part, ',');
		if (next)
			*next++ = '\0';
		part = trim(part);
		if (*part || next)
			cJSON_AddItemToArray(arr, hparams_plain_node(part, strlen(part)));
	}
	return arr;
}

/* | and > scalars: the lines below, joined with spaces. */
static cJSON *block_scalar(struct yp *p, int indent)
{
	char buf[YAML_MAX_BLOCK + 1];
	size_t n = 0;
	for (; p->i < p->n && p->l[p->i].indent > indent; p->i++) {
		const char *s = p->l[p->i].s;
		size_t k = strlen(s);
		if (n && n < YAML_MAX_BLOCK)
			buf[n++] = ' ';
		if (k > YAML_MAX_BLOCK - n)
			k = YAML_MAX_BLOCK - n;
		memcpy(buf + n, s, k);
		n += k;
	}
	buf[n] = '\0';
	return cJSON_CreateString(buf);
}

static char *cut_comment(char *v)
{
	for (char *h = v; (h = strchr(h, '#')); h++)
		if (h > v && (h[-1] == ' ' || h[-1] == '\t')) {
			*h = '\0';
			break;
		}
	return trim(v);
}

/* The value after "key:" or "- ", whose line was consumed; what is below
 * it belongs to it. in_map: a sequence at the key's own indentation is
 * its value. */
static cJSON *value(struct yp *p, char *v, int indent, bool in_map)
{
	v = strip_props(trim(v));
	if (!*v) {
		if (p->i < p->n && p->l[p->i].indent > indent)
			return block(p, p->l[p->i].indent);
		if (in_map && p->i < p->n && p->l[p->i].indent == indent && is_item(p->l[p->i].s))
			return block(p, indent);
		return cJSON_CreateNull();
	}
	if ((v[0] == '|' || v[0] == '>') && strspn(v + 1, "+-0123456789") == strlen(v + 1))
		return block_scalar(p, indent);
	if (v[0] == '"' || v[0] == '\'')
		return quoted(v);
	v = cut_comment(v);
	if (v[0] == '[' || v[0] == '{')
		return flow(v);
	return hparams_plain_node(v, strlen(v));
}

static cJSON *mapping(struct yp *p, int indent)
{
	cJSON *obj = cJSON_CreateObject();
	while (obj && p->i < p->n && p->l[p->i].indent == indent) {
		char *key, *rest = split_key(p->l[p->i].s, &key);
		if (!rest)
			break;
		*rest = '\0';
		p->i++;
		cJSON *v = value(p, rest + 1, indent, true);
		if (v && !cJSON_AddItemToObject(obj, trim(key), v))
			cJSON_Delete(v);
		while (p->i < p->n && p->l[p->i].indent > indent)
			p->i++;         /* below a scalar: a multi-line plain scalar, not read */
	}
	return obj;
}

static cJSON *sequence(struct yp *p, int indent)
{
	cJSON *arr = cJSON_CreateArray();
	while (arr && p->i < p->n && p->l[p->i].indent == indent && is_item(p->l[p->i].s)) {
		struct yline *l = &p->l[p->i];
		char *rest = l->s + 1;
		while (*rest == ' ')
			rest++;
		cJSON *v;
		if (*rest && (is_item(rest) || is_entry(rest))) {
			/* "- key: v" and "- - v": the rest of the line is the
			 * first line of a nested block, indented where it starts */
			l->indent += (int)(rest - l->s);
			l->s = rest;
			v = block(p, l->indent);
		} else {
			p->i++;
			v = value(p, rest, indent, false);
		}
		if (v && !cJSON_AddItemToArray(arr, v))
			cJSON_Delete(v);
	}
	return arr;
}

/* The node whose first line is p->l[p->i], at indent. */
static cJSON *block(struct yp *p, int indent)
{
	cJSON *v;
	if (p->depth >= YAML_MAX_DEPTH) {
		while (p->i < p->n && p->l[p->i].indent >= indent)
			p->i++;
		return cJSON_CreateNull();
	}
	p->depth++;
	if (is_item(p->l[p->i].s))
		v = sequence(p, indent);
	else if (is_entry(p->l[p->i].s))
		v = mapping(p, indent);
	else
		v = value(p, p->l[p->i++].s, indent, false);
	p->depth--;
	return v;
}

static size_t split_lines(char *text, size_t len, struct yline *out)
{
	size_t n = 0;
	text[len] = '\0';
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		int indent = 0;
		while (line[indent] == ' ')
			indent++;
		char *s = trim(line + indent);
		if (!*s || *s == '#' || *s == '%' || strcmp(s, "---") == 0 || strcmp(s, "...") == 0)
			continue;
		out[n].indent = indent;
		out[n++].s = s;
	}
	return n;
}

cJSON *yaml_parse(char *text, size_t len)
{
	size_t lines = 1;
	for (size_t k = 0; k < len; k++)
		lines += text[k] == '\n';
	struct yp p = { calloc(lines, sizeof(struct yline)), 0, 0, 0 };
	if (!p.l)
		return NULL;
	p.n = split_lines(text, len, p.l);
	cJSON *root = p.n ? block(&p, p.l[0].indent) : NULL;
	/* a document that goes back left of where it started: the mappings
	 * found there are the root's too */
	while (cJSON_IsObject(root) && p.i < p.n) {
		cJSON *more = is_entry(p.l[p.i].s) ? mapping(&p, p.l[p.i].indent) : NULL;
		if (!more) {
			p.i++;
			continue;
		}
		for (cJSON *c; (c = more->child);) {
			cJSON_DetachItemViaPointer(more, c);
			if (!cJSON_AddItemToObject(root, c->string, c))
				cJSON_Delete(c);
		}
		cJSON_Delete(more);
	}
	free(p.l);
	return root;
}
