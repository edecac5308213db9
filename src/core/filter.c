/* filter.c: the filter expression parser (grammar and semantics in
 * include/tailboard/filter.h). Recursive descent over a bounded string:
 * every read is checked against len, nesting stops at FILTER_MAX_DEPTH,
 * and the first error wins, with its byte offset, so a malformed filter
 * always says where. and/or chains become one node with a list of
 * children, which keeps matching's recursion as shallow as the nesting. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "filter_int.h"

struct parser {
	const char *s;
	size_t len, pos;
	struct filter *f;
	int depth;              /* parentheses and nots open */
	const char *prev;       /* the token just read, for "after '>='" */
	int status;             /* TB_OK until the first failure */
	size_t errpos;
	char msg[200];
};

bool filter_word_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static bool is_keyword(const char *s, size_t n)
{
	return filter_word_is(s, n, "and") || filter_word_is(s, n, "or") || filter_word_is(s, n, "not");
}

static void skip_space(struct parser *p)
{
	while (p->pos < p->len && filter_is_space((unsigned char)p->s[p->pos]))
		p->pos++;
}

static size_t key_run(const struct parser *p, size_t at)
{
	size_t i = at;
	while (i < p->len && filter_is_key_char((unsigned char)p->s[i]))
		i++;
	return i - at;
}

static int fail(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, size_t at, const char *fmt, ...)
{
	if (p->status == TB_OK) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
		va_end(ap);
		p->status = TB_ERR;
		p->errpos = at;
	}
	return p->status;
}

static int nomem(struct parser *p)
{
	if (p->status == TB_OK)
		p->status = TB_NOMEM;
	return p->status;
}

/* What is at `at`, for a message: printable ASCII only, whatever the input. */
static void describe(const struct parser *p, size_t at, char *buf, size_t cap)
{
	if (at >= p->len) {
		snprintf(buf, cap, "the end");
		return;
	}
	const unsigned char *s = (const unsigned char *)p->s + at;
	size_t avail = p->len - at, n = 1;
	if (*s < 0x21 || *s > 0x7e) {
		snprintf(buf, cap, "byte 0x%02x", *s);
		return;
	}
	if (filter_is_key_char(*s))
		while (n < avail && n < 20 && filter_is_key_char(s[n]) && s[n] < 0x7f)
			n++;
	else if (strchr("=!<>~&|", *s) && n < avail && s[1] && strchr("=!<>~&|", s[1]))
		n = 2;
	bool more = n == 20 && n < avail && filter_is_key_char(s[n]);
	snprintf(buf, cap, "'%.*s'%s", (int)n, (const char *)s, more ? "..." : "");
}

/* "expected WHAT after PREV, found X" */
static int expect(struct parser *p, size_t at, const char *what)
{
	char found[40];
	describe(p, at, found, sizeof(found));
	return fail(p, at, "expected %s%s%s, found %s", what, p->prev ? " after " : "",
		    p->prev ? p->prev : "", found);
}

static int new_node(struct parser *p, enum fnode_kind kind, uint32_t *out)
{
	struct filter *f = p->f;
	if (f->nnodes >= UINT32_MAX - 1 ||
	    tb_grow((void **)&f->nodes, &f->nodecap, f->nnodes + 1, sizeof(*f->nodes)) != TB_OK)
		return nomem(p);
	struct fnode *n = &f->nodes[f->nnodes];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->child = n->next = FNODE_NONE;
	*out = (uint32_t)f->nnodes++;
	return TB_OK;
}

/* Append bytes to the pool as one NUL-terminated string at *off. */
static int pool_add(struct parser *p, const char *s, size_t n, size_t *off)
{
	struct filter *f = p->f;
	if (tb_grow((void **)&f->pool, &f->poolcap, f->npool + n + 1, 1) != TB_OK)
		return nomem(p);
	*off = f->npool;
	if (n)
		memcpy(f->pool + f->npool, s, n);
	f->pool[f->npool + n] = '\0';
	f->npool += n + 1;
	return TB_OK;
}

/* A quoted string at p->pos: only the quote and the backslash itself are
 * escaped, so regexes keep their backslashes. */
static int parse_string(struct parser *p, size_t *off, size_t *outlen)
{
	size_t at = p->pos;
	char q = p->s[p->pos++];
	size_t n = 0;
	/* the unescaped text is never longer than the quoted one */
	char *tmp = malloc(p->len - at + 1);
	if (!tmp)
		return nomem(p);
	while (p->pos < p->len && p->s[p->pos] != q) {
		if (p->s[p->pos] == '\\' && p->pos + 1 < p->len &&
		    (p->s[p->pos + 1] == q || p->s[p->pos + 1] == '\\'))
			p->pos++;
		tmp[n++] = p->s[p->pos++];
	}
	int rc = p->pos < p->len ? pool_add(p, tmp, n, off)
		: fail(p, at, "unterminated string: no closing %c", q);
	free(tmp);
	if (rc == TB_OK) {
		p->pos++;
		*outlen = n;
	}
	return rc;
}

static bool at_quote(const struct parser *p, size_t at)
{
	return at < p->len && (p->s[at] == '"' || p->s[at] == '\'');
}

/* The key of a term: quoted (as written), or bare with an optional
 * config:/hp: prefix. Returns with p->pos after it. */
static int parse_key(struct parser *p, struct fnode *tmp)
{
	size_t at = p->pos, n = key_run(p, at), skip = 0;
	const char *w = p->s + at;
	if (at_quote(p, at))
		return parse_string(p, &tmp->key, &tmp->keylen);
	if (n == 0 || filter_word_is(w, n, "and") || filter_word_is(w, n, "or"))
		return expect(p, at, "a key, has:TAG, not or '('");
	if (n >= 7 && strncasecmp(w, "config:", 7) == 0)
		skip = 7;
	else if (n >= 3 && strncasecmp(w, "hp:", 3) == 0)
		skip = 3;
	if (skip)
		tmp->scope = FILTER_CONFIG;
	if (skip && n == skip) {
		p->pos = at + skip;
		p->prev = skip == 7 ? "'config:'" : "'hp:'";
		return at_quote(p, p->pos) ? parse_string(p, &tmp->key, &tmp->keylen) : expect(p, p->pos, "a key");
	}
	p->pos = at + n;
	tmp->keylen = n - skip;
	return pool_add(p, w + skip, n - skip, &tmp->key);
}

/* has:TAG with p->pos after "has:" */
static int parse_has(struct parser *p, struct fnode *tmp)
{
	size_t at = p->pos, n = key_run(p, at);
	tmp->kind = FN_HAS;
	p->prev = "'has:'";
	if (n) {
		p->pos += n;
		tmp->keylen = n;
		return pool_add(p, p->s + at, n, &tmp->key);
	}
	return at_quote(p, at) ? parse_string(p, &tmp->key, &tmp->keylen) : expect(p, at, "a tag");
}

/* The comparison at p->pos, longest first; p->prev names it as written. */
static bool take_op(struct parser *p, enum fop *op)
{
	static const struct { const char *text, *quoted; enum fop op; } ops[] = {
		{ "==", "'=='", FOP_EQ }, { "!=", "'!='", FOP_NE }, { "<=", "'<='", FOP_LE },
		{ ">=", "'>='", FOP_GE }, { "!~", "'!~'", FOP_NRE }, { "=", "'='", FOP_EQ },
		{ "<", "'<'", FOP_LT }, { ">", "'>'", FOP_GT }, { "~", "'~'", FOP_RE },
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(ops); i++) {
		size_t n = strlen(ops[i].text);
		if (n <= p->len - p->pos && memcmp(p->s + p->pos, ops[i].text, n) == 0) {
			*op = ops[i].op;
			p->pos += n;
			p->prev = ops[i].quoted;
			return true;
		}
	}
	return false;
}

static int compile_regex(struct parser *p, size_t at, struct fnode *tmp)
{
	const char *pat = p->f->pool + tmp->val;
	const char *why = filter_regex_refuse(pat, tmp->vallen);
	if (why)
		return fail(p, at, "bad regex: %s", why);
	/* the pool holds no NUL inside a value: a quoted string cannot carry one */
	if (!(tmp->re = malloc(sizeof(*tmp->re))))
		return nomem(p);
	int rc = regcomp(tmp->re, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[100];
		regerror(rc, tmp->re, msg, sizeof(msg));
		free(tmp->re);
		tmp->re = NULL;
		for (char *c = msg; *c; c++)    /* a translated message: no controls */
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		return fail(p, at, "bad regex: %s", msg);
	}
	return TB_OK;
}

/* The value after an operator. */
static int parse_value(struct parser *p, struct fnode *tmp)
{
	skip_space(p);
	size_t at = p->pos, n;
	bool regex = tmp->op == FOP_RE || tmp->op == FOP_NRE;
	int open, rc;
	if (at_quote(p, at)) {
		tmp->lit = FL_STRING;
		rc = parse_string(p, &tmp->val, &tmp->vallen);
	} else {
		if (regex)
			n = filter_regex_run(p->s + at, p->len - at, &open);
		else
			for (n = 0; at + n < p->len && !filter_ends_value((unsigned char)p->s[at + n]); n++)
				;
		if (n == 0)
			return expect(p, at, "a value");
		if (is_keyword(p->s + at, n))
			return fail(p, at, "'%.*s' is a keyword: quote it to compare with the word",
				    (int)n, p->s + at);
		const char *w = p->s + at;
		tmp->lit = FL_WORD;
		if (!regex && filter_read_number(w, n, &tmp->num))
			tmp->lit = FL_NUMBER;
		else if (!regex && (filter_word_is(w, n, "true") || filter_word_is(w, n, "false"))) {
			/* as text (a value that is no boolean) it reads the
			 * same however it was written */
			tmp->lit = FL_BOOL;
			tmp->b = n == 4;
			w = tmp->b ? "true" : "false";
		}
		p->pos = at + n;
		tmp->vallen = n;
		rc = pool_add(p, w, n, &tmp->val);
	}
	if (rc == TB_OK && regex)
		rc = compile_regex(p, at, tmp);
	return rc;
}

/* has:TAG | KEY [OP VALUE] */
static int parse_term(struct parser *p, uint32_t *out)
{
	struct fnode tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.kind = FN_TRUTHY;
	size_t n = key_run(p, p->pos);
	int rc;
	if (n >= 4 && strncasecmp(p->s + p->pos, "has:", 4) == 0) {
		p->pos += 4;
		rc = parse_has(p, &tmp);
	} else if ((rc = parse_key(p, &tmp)) == TB_OK) {
		skip_space(p);
		if (take_op(p, &tmp.op)) {
			tmp.kind = FN_CMP;
			rc = parse_value(p, &tmp);
		}
	}
	if (rc == TB_OK && (rc = new_node(p, tmp.kind, out)) == TB_OK) {
		tmp.child = tmp.next = FNODE_NONE;
		p->f->nodes[*out] = tmp;
		return TB_OK;
	}
	if (tmp.re) {
		regfree(tmp.re);
		free(tmp.re);
	}
	return rc;
}

static int parse_list(struct parser *p, enum fnode_kind kind, uint32_t *out);

static int enter(struct parser *p, size_t at)
{
	if (++p->depth > FILTER_MAX_DEPTH)
		return fail(p, at, "more than %d parentheses and nots nested", FILTER_MAX_DEPTH);
	return TB_OK;
}

/* not UNARY | ( EXPR ) | TERM */
static int parse_unary(struct parser *p, uint32_t *out)
{
	skip_space(p);
	size_t at = p->pos, n = key_run(p, at);
	const char *s = p->s;
	bool bang = at < p->len && s[at] == '!' && (at + 1 >= p->len || (s[at + 1] != '=' && s[at + 1] != '~'));
	int rc;
	if (bang || filter_word_is(s + at, n, "not")) {
		uint32_t child;
		p->pos = at + (bang ? 1 : n);
		p->prev = bang ? "'!'" : "'not'";
		if ((rc = enter(p, at)) != TB_OK || (rc = parse_unary(p, &child)) != TB_OK ||
		    (rc = new_node(p, FN_NOT, out)) != TB_OK)
			return rc;
		p->f->nodes[*out].child = child;
		p->depth--;
		return TB_OK;
	}
	if (at < p->len && s[at] == '(') {
		p->pos++;
		p->prev = "'('";
		if ((rc = enter(p, at)) != TB_OK || (rc = parse_list(p, FN_OR, out)) != TB_OK)
			return rc;
		skip_space(p);
		if (p->pos >= p->len) {
			size_t col = 1;
			for (size_t i = 0; i < at; i++)
				col += ((unsigned char)s[i] & 0xc0) != 0x80;
			return fail(p, p->pos, "missing ')' for the '(' at column %zu", col);
		}
		if (s[p->pos] != ')') {
			p->prev = NULL;
			return expect(p, p->pos, "'and', 'or' or ')'");
		}
		p->pos++;
		p->depth--;
		return TB_OK;
	}
	return parse_term(p, out);
}

/* An or-list of and-lists, or an and-list of unaries: one node for the
 * whole chain, or the single operand when there is no connective. */
static bool take_connective(struct parser *p, enum fnode_kind kind)
{
	const char *sym = kind == FN_OR ? "||" : "&&", *word = kind == FN_OR ? "or" : "and";
	skip_space(p);
	size_t n = key_run(p, p->pos);
	if (p->len - p->pos >= 2 && memcmp(p->s + p->pos, sym, 2) == 0)
		n = 2;
	else if (!filter_word_is(p->s + p->pos, n, word))
		return false;
	p->pos += n;
	p->prev = kind == FN_OR ? "'or'" : "'and'";
	return true;
}

static int parse_list(struct parser *p, enum fnode_kind kind, uint32_t *out)
{
	uint32_t first, last, next, node = FNODE_NONE;
	int rc = kind == FN_OR ? parse_list(p, FN_AND, &first) : parse_unary(p, &first);
	if (rc != TB_OK)
		return rc;
	last = first;
	while (take_connective(p, kind)) {
		rc = kind == FN_OR ? parse_list(p, FN_AND, &next) : parse_unary(p, &next);
		if (rc == TB_OK && node == FNODE_NONE && (rc = new_node(p, kind, &node)) == TB_OK)
			p->f->nodes[node].child = first;
		if (rc != TB_OK)
			return rc;
		p->f->nodes[last].next = next;
		last = next;
	}
	*out = node == FNODE_NONE ? first : node;
	return TB_OK;
}

static int parse_all(struct parser *p)
{
	skip_space(p);
	if (p->pos == p->len)
		return new_node(p, FN_ALL, &p->f->root);
	int rc = parse_list(p, FN_OR, &p->f->root);
	if (rc != TB_OK)
		return rc;
	skip_space(p);
	if (p->pos < p->len) {
		if (p->s[p->pos] == ')')
			return fail(p, p->pos, "')' without a '(' before it");
		p->prev = NULL;
		return expect(p, p->pos, "'and', 'or' or the end");
	}
	return TB_OK;
}

static void report(const char *text, const struct parser *p, char *err, size_t errlen, size_t *errpos)
{
	if (errpos)
		*errpos = p->status == TB_NOMEM ? 0 : p->errpos;
	if (!err || !errlen)
		return;
	if (p->status == TB_NOMEM) {
		snprintf(err, errlen, "filter: out of memory");
		return;
	}
	size_t col = 1;         /* characters, not bytes: what the user sees */
	for (size_t i = 0; i < p->errpos; i++)
		col += ((unsigned char)text[i] & 0xc0) != 0x80;
	snprintf(err, errlen, "filter: column %zu: %s", col, p->msg);
}

int filter_compile(const char *text, struct filter **out, char *err, size_t errlen, size_t *errpos)
{
	struct parser p;
	memset(&p, 0, sizeof(p));
	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	if (!text)
		text = "";
	p.s = text;
	/* never read further than the limit, whatever follows */
	p.len = strnlen(text, FILTER_MAX_LEN + 1);
	if (p.len > FILTER_MAX_LEN)
		fail(&p, FILTER_MAX_LEN, "longer than %d bytes", FILTER_MAX_LEN);
	else if (!(p.f = calloc(1, sizeof(*p.f))))
		p.status = TB_NOMEM;
	else if (parse_all(&p) == TB_OK && filter_build_text(p.f) != TB_OK)
		p.status = TB_NOMEM;
	if (p.status != TB_OK) {
		report(text, &p, err, errlen, errpos);
		filter_free(p.f);
		return p.status;
	}
	*out = p.f;
	return TB_OK;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nnodes; i++)
		if (f->nodes[i].re) {
			regfree(f->nodes[i].re);
			free(f->nodes[i].re);
		}
	free(f->nodes);
	free(f->pool);
	free(f->text);
	free(f);
}
