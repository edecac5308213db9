/* hparams.c: hyperparameters from JSON (and from YAML once it is a JSON
 * tree, yaml.c) into run facts, flattened and typed as hparams.h says.
 *
 * Why text that keeps its type rather than a typed store: the store keeps
 * facts as text and the filter reads text that looks like a number as a
 * number, so the shortest text that reads back (5e-05, not
 * 5.0000000000000002e-05) is all a number needs, and the same value
 * written by two formats (1.0e-05 in YAML, 1e-05 in JSON) reads the same. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hparams.h"
#include "pyjson.h"

void hparams_number(double v, char *buf, size_t cap)
{
	if (isnan(v)) {
		snprintf(buf, cap, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, cap, v > 0 ? "inf" : "-inf");
		return;
	}
	/* %g drops trailing zeros, so 15 digits already give the short form
	 * of everything a person typed; 16 and 17 are for computed values */
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, cap, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* ---- bounded text ----------------------------------------------------- */

struct jout {
	char *p;
	size_t n;
	bool full;              /* more than HP_MAX_TEXT bytes were asked for */
};

static void put(struct jout *o, const char *s, size_t n)
{
	if (o->full)
		return;
	if (n > HP_MAX_TEXT - o->n) {
		memcpy(o->p + o->n, s, HP_MAX_TEXT - o->n);
		o->n = HP_MAX_TEXT;
		o->full = true;
		return;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void puts_(struct jout *o, const char *s)
{
	put(o, s, strlen(s));
}

/* End the text; cut text ends in "..." on a UTF-8 character boundary. */
static void finish(struct jout *o)
{
	if (o->full) {
		size_t k = HP_MAX_TEXT - 3;
		while (k > 0 && ((unsigned char)o->p[k] & 0xc0) == 0x80)
			k--;
		memcpy(o->p + k, "...", 3);
		o->n = k + 3;
	}
	o->p[o->n] = '\0';
}

static void json_string(struct jout *o, const char *s)
{
	put(o, "\"", 1);
	for (; *s && !o->full; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(o, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\u%04x", c);
			puts_(o, esc);
		} else {
			put(o, s, 1);
		}
	}
	put(o, "\"", 1);
}

/* Compact JSON; Python's NaN and Infinity stay as Python writes them. */
static void json_write(struct jout *o, const cJSON *v)
{
	double x;
	char num[40];
	if (o->full)
		return;
	if (pyjson_number(v, &x)) {
		if (isfinite(x))
			hparams_number(x, num, sizeof(num));
		else
			snprintf(num, sizeof(num), isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
		puts_(o, num);
	} else if (cJSON_IsBool(v)) {
		puts_(o, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsString(v) && v->valuestring) {
		json_string(o, v->valuestring);
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		/* each level writes a byte, so the bound also bounds the depth */
		bool obj = cJSON_IsObject(v);
		put(o, obj ? "{" : "[", 1);
		for (const cJSON *c = v->child; c && !o->full; c = c->next) {
			if (c != v->child)
				put(o, ",", 1);
			if (obj) {
				json_string(o, c->string ? c->string : "");
				put(o, ":", 1);
			}
			json_write(o, c);
		}
		put(o, obj ? "}" : "]", 1);
	} else {
		puts_(o, "null");
	}
}

void hparams_text(const char *s, size_t n, char *buf, size_t cap)
{
	struct jout o = { buf, 0, false };
	if (cap <= HP_MAX_TEXT) {
		buf[0] = '\0';
		return;
	}
	put(&o, s, n);
	finish(&o);
}

void hparams_json_text(const cJSON *v, char *buf, size_t cap)
{
	struct jout o = { buf, 0, false };
	double x;
	if (cap <= HP_MAX_TEXT) {
		buf[0] = '\0';
		return;
	}
	if (pyjson_number(v, &x)) {
		hparams_number(x, buf, cap);
		return;
	}
	if (cJSON_IsString(v) && v->valuestring)
		puts_(&o, v->valuestring);
	else if (cJSON_IsBool(v))
		puts_(&o, cJSON_IsTrue(v) ? "true" : "false");
	else
		json_write(&o, v);
	finish(&o);
}

/* ---- flattening ------------------------------------------------------- */

struct flat {
	struct emit *e;
	void *run;
	unsigned flags;
	unsigned nfacts;
	size_t klen;
	char key[HP_MAX_KEY + 1];
};

static void emit_value(struct flat *fl, const cJSON *v)
{
	char text[HP_MAX_TEXT + 1];
	if (!fl->klen || fl->nfacts >= HP_MAX_FACTS)
		return;
	fl->nfacts++;
	hparams_json_text(v, text, sizeof(text));
	emit_fact(fl->e, fl->run, SINK_HPARAM, fl->key, text);
}

/* W&B's {"value": X, "desc": D} (desc optional) stands for X. */
static const cJSON *unwrap(const cJSON *v)
{
	const cJSON *val = NULL;
	if (!cJSON_IsObject(v))
		return v;
	for (const cJSON *c = v->child; c; c = c->next) {
		if (c->string && strcmp(c->string, "value") == 0)
			val = c;
		else if (!c->string || strcmp(c->string, "desc") != 0)
			return v;
	}
	return val ? val : v;
}

static bool wandb_own(const char *key)
{
	return key[0] == '_' || strcmp(key, "wandb_version") == 0;
}

static void walk(struct flat *fl, const cJSON *v, int depth)
{
	if ((fl->flags & HP_WANDB) && depth == 1)
		v = unwrap(v);
	size_t members = 0;
	for (const cJSON *c = cJSON_IsObject(v) ? v->child : NULL; c && members <= HP_MAX_MEMBERS; c = c->next)
		members++;
	if (!members || depth >= HP_MAX_DEPTH || (depth > 0 && members > HP_MAX_MEMBERS)) {
		emit_value(fl, v);
		return;
	}
	size_t base = fl->klen;
	for (const cJSON *c = v->child; c && fl->nfacts < HP_MAX_FACTS; c = c->next) {
		if (!c->string || !*c->string || ((fl->flags & HP_WANDB) && depth == 0 && wandb_own(c->string)))
			continue;
		size_t n = strlen(c->string), at = base ? base + 1 : 0;
		if (at > HP_MAX_KEY || n > HP_MAX_KEY - at)
			continue;       /* the key would not fit: left out */
		if (base)
			fl->key[base] = '.';
		memcpy(fl->key + at, c->string, n);
		fl->klen = at + n;
		fl->key[fl->klen] = '\0';
		walk(fl, c, depth + 1);
		fl->klen = base;
		fl->key[base] = '\0';
	}
}

void hparams_emit_json(struct emit *e, void *run, const char *prefix, const cJSON *v, unsigned flags)
{
	struct flat *fl = calloc(1, sizeof(*fl));
	size_t n = strlen(prefix);
	if (!fl || !v || n > HP_MAX_KEY) {
		free(fl);
		return;
	}
	*fl = (struct flat){ e, run, flags, 0, n, "" };
	memcpy(fl->key, prefix, n + 1);
	walk(fl, v, (flags & HP_MEMBER) ? 1 : 0);
	free(fl);
}

/* ---- plain scalars ------------------------------------------------------ */

enum plain { P_NULL, P_TRUE, P_FALSE, P_NUMBER, P_TEXT };

static bool word(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(*words, s, n) == 0)
			return true;
	return false;
}

/* A decimal number as people and PyYAML write it: sign, digits, point,
 * exponent; no hex, no leading zeros (0755 is a name, not 755). */
static bool decimal(const char *s, size_t n, double *x)
{
	size_t i = 0, digits = 0;
	char tmp[64];
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i + 1 < n && s[i] == '0' && s[i + 1] >= '0' && s[i + 1] <= '9')
		return false;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = ++i;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			e = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == e)
			return false;
	}
	if (i != n || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*x = strtod(tmp, NULL);
	return true;
}

static enum plain plain_kind(const char *s, size_t n, double *x)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	static const char *const infs[] = { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL };
	static const char *const ninfs[] = { "-.inf", "-.Inf", "-.INF", NULL };
	static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };
	if (word(s, n, nulls))
		return P_NULL;
	if (word(s, n, trues))
		return P_TRUE;
	if (word(s, n, falses))
		return P_FALSE;
	if (word(s, n, infs) || word(s, n, ninfs) || word(s, n, nans)) {
		*x = word(s, n, nans) ? NAN : word(s, n, infs) ? INFINITY : -INFINITY;
		return P_NUMBER;
	}
	return decimal(s, n, x) ? P_NUMBER : P_TEXT;
}

cJSON *hparams_plain_node(const char *s, size_t n)
{
	double x = 0;
	switch (plain_kind(s, n, &x)) {
	case P_NULL: return cJSON_CreateNull();
	case P_TRUE: return cJSON_CreateTrue();
	case P_FALSE: return cJSON_CreateFalse();
	case P_NUMBER:
		/* non-finite numbers as pyjson marks them: cJSON has no literal */
		if (!isfinite(x))
			return cJSON_CreateString(isnan(x) ? "\001nan" : x > 0 ? "\001inf" : "\001-inf");
		return cJSON_CreateNumber(x);
	case P_TEXT: break;
	}
	char *t = malloc(n + 1);
	if (!t)
		return NULL;
	memcpy(t, s, n);
	t[n] = '\0';
	cJSON *node = cJSON_CreateString(t);
	free(t);
	return node;
}

void hparams_plain_scalar(const char *s, size_t n, char *buf, size_t cap)
{
	double x = 0;
	enum plain k = plain_kind(s, n, &x);
	struct jout o = { buf, 0, false };
	if (cap <= HP_MAX_TEXT) {
		buf[0] = '\0';
		return;
	}
	if (k == P_NUMBER) {
		hparams_number(x, buf, cap);
		return;
	}
	if (k == P_TEXT)
		put(&o, s, n);
	else
		puts_(&o, k == P_NULL ? "null" : k == P_TRUE ? "true" : "false");
	finish(&o);
}
