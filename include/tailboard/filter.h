/* filter.h: run filter expressions, compiled once and matched against any
 * run through callbacks, so this module knows nothing of the store.
 *
 *   expr    := or
 *   or      := and { ("or" | "||") and }
 *   and     := unary { ("and" | "&&") unary }
 *   unary   := ("not" | "!") unary | "(" expr ")" | term
 *   term    := "has:" TAG | KEY [ OP VALUE ]
 *   OP      := == | = | != | < | <= | > | >= | ~ | !~
 *
 * Precedence not > and > or, so `a or b and c` is `a or (b and c)`.
 * Keywords (and, or, not, has:, config:, hp:, true, false) are
 * case-insensitive; `a b` without an operator between is an error.
 *
 * KEY: letters, digits, bytes >= 0x80 and _ . / - : (nested hyperparameters
 * flattened with '.', tags with '/'), or a quoted string for any other
 * key. A bare `config:K` or `hp:K` asks for hyperparameter K only
 * (FILTER_CONFIG), so a hyperparameter called "name" stays reachable;
 * a quoted key is taken as written, prefix and all. The caller decides
 * what a FILTER_ANY key means (name, state, format, then hyperparameters).
 * TAG: the same characters, or quoted.
 *
 * VALUE: a number (1e-4, -3, .5, inf, nan; decimal only, read the same in
 * every locale), true or false, a bare word (stale, bert-base) that ends at
 * a space, a parenthesis or one of = ! < > ~ & | " ', or a quoted string
 * '...' or "..." in which a backslash escapes only the quote and itself
 * ("a\.b" stays a\.b for a regex). After ~ and !~ a bare word is a regex
 * that runs to a space, `&&`, `||` or a ')' it did not open, so
 * `(name~(bert|gpt))` works. and, or and not are never bare values.
 *
 * Matching:
 *  - A bare KEY is true when the value is present and truthy: not false,
 *    not a zero or NaN number, not "", "0", "false", "none" or "null".
 *  - A missing key makes every comparison false, != and !~ included:
 *    `lr!=1` is false for a run without lr, `not lr==1` is true.
 *  - ~ and !~: case-insensitive POSIX extended regex, unanchored, against
 *    the value's text (numbers as %.15g, booleans as true/false).
 *    Back-references, repeating what can match empty (`(a*)+`) and
 *    repetitions that expand too far (`.{1,5000}`) are refused at compile
 *    time: glibc's regcomp can take minutes on them, and a typo must not
 *    hang the screen.
 *  - Against an unquoted true/false the value is read as a boolean (bool,
 *    non-zero number, text true/false or a number) when it can be.
 *  - Against an unquoted number: numeric, when the value is a number, a
 *    boolean (0/1) or text that reads as a number (hyperparameters often
 *    arrive as text). NaN equals nothing.
 *  - Otherwise text: == exact bytes, < > byte-wise lexicographic. Quoting
 *    a value asks for this: `name=="0012"` does not match a run "12".
 *
 * Errors name a position: "filter: column 7: expected a value after '>='".
 * Columns count characters (UTF-8) from 1; *errpos is the byte offset.
 * Messages hold no control bytes and quote only printable ASCII of the
 * input. Keep the last good filter until a new one compiles. */
#ifndef TAILBOARD_FILTER_H
#define TAILBOARD_FILTER_H

#include "tailboard/common.h"

#define FILTER_MAX_LEN 4096     /* bytes of expression text */
#define FILTER_MAX_DEPTH 64     /* parentheses and nots, nested */

enum filter_type { FV_MISSING, FV_NUMBER, FV_STRING, FV_BOOL };

struct filter_value {
	enum filter_type type;
	double num;             /* FV_NUMBER */
	const char *str;        /* FV_STRING: len bytes, need not end in NUL */
	size_t len;
	bool b;                 /* FV_BOOL */
};

enum filter_scope {
	FILTER_ANY,             /* KEY as written: the caller's lookup order */
	FILTER_CONFIG,          /* config:KEY or hp:KEY: hyperparameters only */
};

struct filter_subject {
	void *arg;
	/* Value of key (NUL-terminated, keylen bytes) for this run; false or
	 * FV_MISSING when absent. out->str must stay valid until the next
	 * call. NULL: every key is missing. */
	bool (*get)(void *arg, enum filter_scope scope, const char *key, size_t keylen,
		    struct filter_value *out);
	/* Does the run have points for tag (NUL-terminated)? NULL: never. */
	bool (*has)(void *arg, const char *tag, size_t taglen);
};

struct filter;

/* TB_OK with *out set; TB_ERR with "filter: column N: ..." in err and the
 * byte offset in *errpos; TB_NOMEM. err and errpos may be NULL. Blank
 * text compiles to a filter that matches every run. */
int filter_compile(const char *text, struct filter **out, char *err, size_t errlen, size_t *errpos);
/* Does the run match? A NULL filter matches every run. */
bool filter_match(const struct filter *f, const struct filter_subject *s);
/* The expression as canonical text, which compiles to the same filter
 * (unless it outgrows FILTER_MAX_LEN: `!` is written `not `):
 * `lr>=1e-4 and (name~bert or not has:eval/f1)`. Raw bytes of the input's
 * keys and values: sanitise before display. */
const char *filter_text(const struct filter *f);
void filter_free(struct filter *f);

#endif
