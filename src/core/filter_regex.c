/* filter_regex.c: where a bare regex ends, and which patterns are refused
 * before regcomp sees them.
 *
 * A typo must not hang the screen, and glibc's regcomp can: it copies an
 * atom once for each repetition it may match, so counted repetitions
 * multiply (`((a{100}){100}){100}` takes a second and 10^6 nodes, one level
 * more exhausts memory), and nodes that can match empty cost it far more
 * than linear time: `.{1,20000}` 17 s, `a*++++++++++` 0.6 s,
 * `((((((((a?)?)?)?)?)?)?)?)?++++++` 28 s, and ten times that under ASan.
 * So the pattern is walked once, as regcomp parses it, counting nodes and
 * those that can match empty, and refusing to repeat what can match empty
 * (`(a*)+` means `a*` anyway). Back-references are refused too: they make
 * matching exponential. The slowest pattern accepted compiles in about
 * 10 ms; no filter anyone types comes near the limits. */
#include <string.h>
#include "filter_int.h"

#define REGEX_MAX_COPIES 2000
#define REGEX_MAX_EMPTY_COPIES 256
#define REGEX_MAX_GROUPS 32
#define REGEX_BIG 100000        /* repetition counts saturate here */

static bool is_control(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

/* Index after the bracket expression at s[i] == '['. A bare regex also
 * stops at a space; an unclosed one is regcomp's to refuse. */
static size_t bracket_end(const char *s, size_t i, size_t n, bool bare)
{
	i++;
	if (i < n && s[i] == '^')
		i++;
	if (i < n && s[i] == ']')
		i++;
	while (i < n) {
		if (bare && is_control((unsigned char)s[i]))
			return i;
		if (s[i] == ']')
			return i + 1;
		if (s[i] == '[' && i + 1 < n && (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '=')) {
			/* [:alpha:] and friends: a ']' inside does not close */
			char close = s[i + 1];
			size_t j = i + 2;
			while (j + 1 < n && !(s[j] == close && s[j + 1] == ']') &&
			       !(bare && is_control((unsigned char)s[j])))
				j++;
			i = j + 1 < n && s[j] == close ? j + 2 : j;
			continue;
		}
		i++;
	}
	return i;
}

size_t filter_regex_run(const char *s, size_t n, int *open)
{
	int depth = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (is_control(c) || (c == ')' && depth == 0))
			break;
		if ((c == '&' || c == '|') && i + 1 < n && s[i + 1] == s[i])
			break;
		if (c == '\\') {
			i++;
			if (i < n && !is_control((unsigned char)s[i]))
				i++;
			continue;
		}
		if (c == '[') {
			i = bracket_end(s, i, n, true);
			continue;
		}
		depth += c == '(' ? 1 : c == ')' ? -1 : 0;
		i++;
	}
	*open = depth;
	return i;
}

/* One group level (or the whole pattern) while walking it. */
struct level {
	size_t sum, empty;      /* nodes so far; those of them that can match empty */
	size_t c, ce;           /* the same for the last atom */
	bool null;              /* the last atom can match empty */
	bool before_null;       /* so can everything before it in this branch */
	bool branch_null;       /* an earlier branch can */
};

static void level_start(struct level *l)
{
	memset(l, 0, sizeof(*l));
	l->null = l->before_null = true;        /* an empty branch matches empty */
}

static void add_atom(struct level *l, size_t c, size_t ce, bool null)
{
	l->before_null = l->before_null && l->null;
	l->c = c;
	l->ce = ce;
	l->null = null;
	l->sum += c;
	l->empty += ce;
}

/* The last atom k times, `optional` of them only maybe: x{2,5} is 5 and
 * 3, x+ (xx*) 2 and 1, x? 1 and 1. Repeating what can match empty
 * ((a*)+, (a?)?, ()*) is refused: that is where regcomp's time goes. */
static bool quantify(struct level *l, size_t k, size_t optional, bool zero_min)
{
	if (l->c == 0)
		return true;    /* nothing to repeat: regcomp's error */
	if (l->null)
		return false;
	size_t c = l->c * k, ce = zero_min ? c : l->ce * k + l->c * optional;
	l->sum = l->sum - l->c + c;
	l->empty = l->empty - l->ce + ce;
	l->c = c;
	l->ce = ce;
	l->null = zero_min;
	return true;
}

/* {m}, {m,}, {m,n} or {,n} at s[*i], with *i left on the '}'. */
static bool bound(const char *s, size_t n, size_t *i, size_t *lo, size_t *hi)
{
	size_t j = *i + 1;
	bool comma = false, have_hi = false;
	*lo = *hi = 0;
	for (; j < n && s[j] >= '0' && s[j] <= '9'; j++)
		*lo = TB_MIN(*lo * 10 + (size_t)(s[j] - '0'), REGEX_BIG);
	if (j < n && s[j] == ',') {
		comma = true;
		for (j++; j < n && s[j] >= '0' && s[j] <= '9'; j++, have_hi = true)
			*hi = TB_MIN(*hi * 10 + (size_t)(s[j] - '0'), REGEX_BIG);
	}
	if (j >= n || s[j] != '}' || j == *i + 1 || (j == *i + 2 && comma))
		return false;
	*i = j;
	if (!comma)
		*hi = *lo;
	else if (!have_hi)
		*hi = *lo + 1;  /* x{2,} is xxx* */
	*hi = TB_MAX(*hi, *lo);
	return true;
}

static void close_group(struct level *inner, struct level *outer)
{
	bool null = inner->branch_null || (inner->before_null && inner->null);
	add_atom(outer, TB_MAX(inner->sum, 1), null ? TB_MAX(inner->sum, 1) : inner->empty, null);
}

const char *filter_regex_refuse(const char *s, size_t n)
{
	struct level lv[REGEX_MAX_GROUPS + 1];
	size_t lo, hi;
	int d = 0;
	bool ok = true;
	level_start(&lv[0]);
	for (size_t i = 0; i < n && ok; i++) {
		struct level *l = &lv[d];
		if (s[i] == '\\') {
			if (i + 1 < n && s[i + 1] >= '1' && s[i + 1] <= '9')
				return "back-references are not supported";
			/* GNU's word anchors match empty, like ^ and $ */
			bool anchor = ++i < n && s[i] && strchr("bB<>`'", s[i]);
			add_atom(l, 1, anchor, anchor);
		} else if (s[i] == '^' || s[i] == '$') {
			add_atom(l, 1, 1, true);
		} else if (s[i] == '[') {
			i = bracket_end(s, i, n, false) - 1;
			add_atom(l, 1, 0, false);
		} else if (s[i] == '(') {
			if (d == REGEX_MAX_GROUPS)
				return "groups nested too deep";
			level_start(&lv[++d]);
		} else if (s[i] == ')' && d > 0) {
			d--;
			close_group(l, &lv[d]);
		} else if (s[i] == '|') {
			l->branch_null = l->branch_null || (l->before_null && l->null);
			l->before_null = l->null = true;
			l->c = l->ce = 0;
		} else if (s[i] == '*' || s[i] == '?') {
			ok = quantify(l, 1, 1, true);
		} else if (s[i] == '+') {
			ok = quantify(l, 2, 1, false);
		} else if (s[i] == '{' && bound(s, n, &i, &lo, &hi)) {
			ok = quantify(l, TB_MAX(hi, 1), hi - lo, lo == 0);
		} else {
			add_atom(l, 1, 0, false);
		}
		if (lv[d].sum > REGEX_MAX_COPIES || lv[d].empty > REGEX_MAX_EMPTY_COPIES)
			return "too complex: repetitions expand too far";
	}
	return ok ? NULL : "repeats what can match empty, like (a*)+";
}
