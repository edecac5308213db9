/* filter_eval.c: matching a compiled filter against one run, and reading
 * a value as a number, a boolean or text. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "filter_int.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t i, size_t n)
{
	size_t j = i;
	while (j < n && is_digit(s[j]))
		j++;
	return j - i;
}

bool filter_read_number(const char *s, size_t n, double *out)
{
	size_t i = 0, d;
	if (n == 0 || n > 64)
		return false;
	if (s[0] == '+' || s[0] == '-')
		i++;
	if (filter_word_is(s + i, n - i, "inf") || filter_word_is(s + i, n - i, "infinity")) {
		*out = s[0] == '-' ? -INFINITY : INFINITY;
		return true;
	}
	if (filter_word_is(s + i, n - i, "nan")) {
		*out = NAN;
		return true;
	}
	d = digits(s, i, n);
	i += d;
	if (i < n && s[i] == '.') {
		size_t f = digits(s, i + 1, n);
		i += 1 + f;
		d += f;
	}
	if (d == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if ((d = digits(s, i, n)) == 0)
			return false;
		i += d;
	}
	if (i != n)
		return false;
	/* strtod wants the locale's decimal point (main sets LC_ALL from the
	 * environment): give it that, so 0.5 reads the same under de_DE */
	const char *dp = localeconv()->decimal_point;
	size_t dpl = dp ? strlen(dp) : 0;
	if (dpl == 0 || dpl > 4)
		dp = ".", dpl = 1;
	char buf[64 * 4 + 1];
	size_t o = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			memcpy(buf + o, dp, dpl);
			o += dpl;
		} else
			buf[o++] = s[i];
	}
	buf[o] = '\0';
	*out = strtod(buf, NULL);
	return true;
}

/* regexec wants a NUL-terminated string and the callback's text need not
 * have one. REG_STARTEND would avoid the copy, but it is not everywhere
 * and sanitizers read up to the NUL anyway; names are short. */
static bool regex_match(const regex_t *re, const char *s, size_t n)
{
	char small[512], *buf = n < sizeof(small) ? small : malloc(n + 1);
	if (!buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	bool ok = regexec(re, buf, 0, NULL, 0) == 0;
	if (buf != small)
		free(buf);
	return ok;
}

/* A value as text: numbers as %.15g with a '.' whatever the locale. */
struct vtext {
	const char *s;
	size_t n;
	char buf[48];
};

static void value_text(const struct filter_value *v, struct vtext *t)
{
	if (v->type == FV_STRING) {
		t->s = v->str;
		t->n = v->len;
		return;
	}
	if (v->type == FV_BOOL)
		snprintf(t->buf, sizeof(t->buf), "%s", v->b ? "true" : "false");
	else
		snprintf(t->buf, sizeof(t->buf), "%.15g", v->num);
	const char *dp = localeconv()->decimal_point;
	char *at = dp && *dp && strcmp(dp, ".") != 0 ? strstr(t->buf, dp) : NULL;
	if (at) {
		*at = '.';
		memmove(at + 1, at + strlen(dp), strlen(at + strlen(dp)) + 1);
	}
	t->s = t->buf;
	t->n = strlen(t->buf);
}

static void trim(const char **s, size_t *n)
{
	while (*n && filter_is_space((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && filter_is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static bool value_number(const struct filter_value *v, double *x)
{
	const char *s = v->str;
	size_t n = v->len;
	if (v->type != FV_STRING) {
		*x = v->type == FV_BOOL ? (double)v->b : v->num;
		return true;
	}
	trim(&s, &n);
	return filter_read_number(s, n, x);
}

static bool value_bool(const struct filter_value *v, bool *b)
{
	const char *s = v->str;
	size_t n = v->len;
	double x;
	if (v->type == FV_STRING) {
		trim(&s, &n);
		if (filter_word_is(s, n, "true") || filter_word_is(s, n, "false")) {
			*b = n == 4;
			return true;
		}
	}
	if (v->type == FV_BOOL) {
		*b = v->b;
		return true;
	}
	if (!value_number(v, &x) || isnan(x))
		return false;
	*b = x != 0;
	return true;
}

static bool truthy(const struct filter_value *v)
{
	const char *s = v->str;
	size_t n = v->len;
	bool b;
	double x;
	if (value_bool(v, &b))
		return b;
	if (v->type != FV_STRING || value_number(v, &x))
		return false;   /* NaN */
	trim(&s, &n);
	return n && !filter_word_is(s, n, "none") && !filter_word_is(s, n, "null");
}

static bool holds(enum fop op, int c)
{
	switch (op) {
	case FOP_EQ: return c == 0;
	case FOP_NE: return c != 0;
	case FOP_LT: return c < 0;
	case FOP_LE: return c <= 0;
	case FOP_GT: return c > 0;
	case FOP_GE: return c >= 0;
	default: return false;
	}
}

static bool compare(const struct filter *f, const struct fnode *n, const struct filter_value *v)
{
	struct vtext t;
	bool b;
	double x;
	if (n->op == FOP_RE || n->op == FOP_NRE) {
		value_text(v, &t);
		return regex_match(n->re, t.s, t.n) == (n->op == FOP_RE);
	}
	if (n->lit == FL_BOOL && value_bool(v, &b))
		return holds(n->op, (int)b - (int)n->b);
	if (n->lit == FL_NUMBER && value_number(v, &x)) {
		if (isnan(x) || isnan(n->num))
			return n->op == FOP_NE;         /* NaN equals nothing */
		return holds(n->op, (x > n->num) - (x < n->num));
	}
	value_text(v, &t);
	size_t m = TB_MIN(t.n, n->vallen);
	int c = m ? memcmp(t.s, f->pool + n->val, m) : 0;
	return holds(n->op, c ? c : (t.n > n->vallen) - (t.n < n->vallen));
}

static bool lookup(const struct filter *f, const struct fnode *n, const struct filter_subject *s,
		   struct filter_value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = FV_MISSING;
	if (!s->get || !s->get(s->arg, n->scope, f->pool + n->key, n->keylen, v))
		return false;
	if (v->type == FV_STRING && !v->str) {
		if (v->len)
			return false;
		v->str = "";
	}
	return v->type == FV_NUMBER || v->type == FV_STRING || v->type == FV_BOOL;
}

/* Recursion as deep as the nesting, which the parser bounds. */
static bool eval(const struct filter *f, uint32_t i, const struct filter_subject *s)
{
	const struct fnode *n = &f->nodes[i];
	struct filter_value v;
	uint32_t c;
	switch (n->kind) {
	case FN_ALL:
		return true;
	case FN_OR:
		for (c = n->child; c != FNODE_NONE; c = f->nodes[c].next)
			if (eval(f, c, s))
				return true;
		return false;
	case FN_AND:
		for (c = n->child; c != FNODE_NONE; c = f->nodes[c].next)
			if (!eval(f, c, s))
				return false;
		return true;
	case FN_NOT:
		return !eval(f, n->child, s);
	case FN_HAS:
		return s->has && s->has(s->arg, f->pool + n->key, n->keylen);
	case FN_TRUTHY:
		return lookup(f, n, s, &v) && truthy(&v);
	case FN_CMP:
		return lookup(f, n, s, &v) && compare(f, n, &v);
	}
	return false;
}

bool filter_match(const struct filter *f, const struct filter_subject *s)
{
	static const struct filter_subject nothing;
	return !f || eval(f, f->root, s ? s : &nothing);
}
