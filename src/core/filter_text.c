/* filter_text.c: a compiled filter written back as canonical text: lower
 * case keywords, `==` for `=`, `not` for `!`, parentheses only where the
 * precedence needs them. Every key and value is written so that it reads
 * back as the same thing, quoted when a bare form would not, which the
 * fuzz target checks by compiling the text again. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "filter_int.h"

struct sbuf {
	char *p;
	size_t n, cap;
	bool nomem;
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->nomem || tb_grow((void **)&b->p, &b->cap, b->n + n + 1, 1) != TB_OK) {
		b->nomem = true;
		return;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void put_str(struct sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void put_quoted(struct sbuf *b, const char *s, size_t n)
{
	put(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			put(b, "\\", 1);
		put(b, s + i, 1);
	}
	put(b, "\"", 1);
}

static bool has_prefix(const char *s, size_t n, const char *prefix)
{
	size_t l = strlen(prefix);
	return n >= l && strncasecmp(s, prefix, l) == 0;
}

/* A key or tag bare when it reads back as itself: key characters only,
 * and (where a term starts) no keyword or prefix. */
static bool bare_name(const char *s, size_t n, bool term_start)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!filter_is_key_char((unsigned char)s[i]))
			return false;
	if (!term_start)
		return true;
	return !filter_word_is(s, n, "and") && !filter_word_is(s, n, "or") && !filter_word_is(s, n, "not") &&
	       !has_prefix(s, n, "has:") && !has_prefix(s, n, "config:") && !has_prefix(s, n, "hp:");
}

static void put_name(struct sbuf *b, const char *s, size_t n, bool term_start)
{
	if (bare_name(s, n, term_start))
		put(b, s, n);
	else
		put_quoted(b, s, n);
}

static void put_key(struct sbuf *b, const struct filter *f, const struct fnode *n)
{
	const char *k = f->pool + n->key;
	if (n->scope == FILTER_CONFIG) {
		put_str(b, "config:");
		put_name(b, k, n->keylen, false);
	} else {
		/* quoted when it is a keyword or starts like has:, quoted or not
		 * in the input: `"lr"` and `lr` are the same key */
		put_name(b, k, n->keylen, true);
	}
}

/* A regex reads back bare when the bare scan takes all of it and leaves
 * no '(' open (a following ')' would close it). */
static bool bare_regex(const char *s, size_t n)
{
	int open;
	return n && s[0] != '"' && s[0] != '\'' && s[n - 1] != '\\' && !filter_word_is(s, n, "and") &&
	       !filter_word_is(s, n, "or") && !filter_word_is(s, n, "not") &&
	       filter_regex_run(s, n, &open) == n && open == 0;
}

static void put_value(struct sbuf *b, const struct filter *f, const struct fnode *n)
{
	const char *v = f->pool + n->val;
	if (n->op == FOP_RE || n->op == FOP_NRE) {
		if (bare_regex(v, n->vallen))
			put(b, v, n->vallen);
		else
			put_quoted(b, v, n->vallen);
	} else if (n->lit == FL_STRING) {
		put_quoted(b, v, n->vallen);
	} else {
		put(b, v, n->vallen);   /* number, true/false or word: as read */
	}
}

static int prec(enum fnode_kind k)
{
	return k == FN_OR ? 1 : k == FN_AND ? 2 : 3;
}

static void emit(struct sbuf *b, const struct filter *f, uint32_t i, int outer)
{
	static const char *const ops[] = {
		[FOP_EQ] = "==", [FOP_NE] = "!=", [FOP_LT] = "<", [FOP_LE] = "<=",
		[FOP_GT] = ">", [FOP_GE] = ">=", [FOP_RE] = "~", [FOP_NRE] = "!~",
	};
	const struct fnode *n = &f->nodes[i];
	bool paren = prec(n->kind) < outer;
	if (paren)
		put(b, "(", 1);
	switch (n->kind) {
	case FN_ALL:
		break;
	case FN_OR:
	case FN_AND:
		for (uint32_t c = n->child; c != FNODE_NONE; c = f->nodes[c].next) {
			if (c != n->child)
				put_str(b, n->kind == FN_OR ? " or " : " and ");
			emit(b, f, c, prec(n->kind));
		}
		break;
	case FN_NOT:
		put_str(b, "not ");
		emit(b, f, n->child, prec(FN_NOT));
		break;
	case FN_HAS:
		put_str(b, "has:");
		put_name(b, f->pool + n->key, n->keylen, false);
		break;
	case FN_TRUTHY:
		put_key(b, f, n);
		break;
	case FN_CMP:
		put_key(b, f, n);
		put_str(b, ops[n->op]);
		put_value(b, f, n);
		break;
	}
	if (paren)
		put(b, ")", 1);
}

int filter_build_text(struct filter *f)
{
	struct sbuf b = { NULL, 0, 0, false };
	put(&b, "", 0);
	emit(&b, f, f->root, 0);
	if (b.nomem) {
		free(b.p);
		return TB_NOMEM;
	}
	f->text = b.p;
	return TB_OK;
}

const char *filter_text(const struct filter *f)
{
	return f ? f->text : "";
}
