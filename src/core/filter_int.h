/* filter_int.h: the compiled form of a filter, shared by filter.c (the
 * parser), filter_eval.c (matching, numbers), filter_regex.c (bare regex
 * words, patterns refused) and filter_text.c (canonical text), and only
 * them. */
#ifndef TAILBOARD_FILTER_INT_H
#define TAILBOARD_FILTER_INT_H

#include <regex.h>
#include "tailboard/filter.h"

#define FNODE_NONE UINT32_MAX

enum fnode_kind {
	FN_ALL,         /* blank expression: matches everything */
	FN_OR,          /* children: a list of two or more */
	FN_AND,
	FN_NOT,         /* one child */
	FN_CMP,         /* key op literal */
	FN_TRUTHY,      /* bare key */
	FN_HAS,         /* has:tag, the tag in key */
};

enum fop { FOP_EQ, FOP_NE, FOP_LT, FOP_LE, FOP_GT, FOP_GE, FOP_RE, FOP_NRE };

enum flit {
	FL_NUMBER,      /* unquoted and reads as a number */
	FL_BOOL,        /* unquoted true or false */
	FL_WORD,        /* unquoted other text (every regex written bare) */
	FL_STRING,      /* quoted: always compared as text */
};

/* Strings live in filter->pool as offsets (the pool grows while parsing),
 * each followed by a NUL so callbacks and regcomp can take them as is. */
struct fnode {
	enum fnode_kind kind;
	uint32_t child, next;   /* first child, next sibling; FNODE_NONE */
	enum filter_scope scope;
	size_t key, keylen;
	enum fop op;
	enum flit lit;
	size_t val, vallen;
	double num;             /* FL_NUMBER */
	bool b;                 /* FL_BOOL */
	regex_t *re;            /* FOP_RE, FOP_NRE */
};

struct filter {
	struct fnode *nodes;
	size_t nnodes, nodecap;
	char *pool;
	size_t npool, poolcap;
	uint32_t root;
	char *text;             /* canonical */
};

static inline bool filter_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Bytes of a bare key or tag: UTF-8 passes whole. */
static inline bool filter_is_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || c == '_' || c == '.' || c == '/' || c == '-' || c == ':';
}

/* Bytes that end a bare value (not a regex): spaces, controls, grouping,
 * operator characters and quotes. */
static inline bool filter_ends_value(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == '=' || c == '!' ||
	       c == '<' || c == '>' || c == '~' || c == '&' || c == '|' || c == '"' || c == '\'';
}

/* Length of a bare regex at s[0..n): up to a space or control byte, `&&`,
 * `||` or a ')' it did not open; *open gets the '(' it left open. */
size_t filter_regex_run(const char *s, size_t n, int *open);
/* Strict decimal number (or inf/nan spelling) filling all of s[0..n). */
bool filter_read_number(const char *s, size_t n, double *out);
/* NULL when pattern is safe to compile, else why not (static text). */
const char *filter_regex_refuse(const char *pattern, size_t n);
/* Canonical text of a parsed filter into f->text; TB_OK or TB_NOMEM. */
int filter_build_text(struct filter *f);
bool filter_word_is(const char *s, size_t n, const char *word);

#endif
