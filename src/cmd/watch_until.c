/* watch_until.c: `--until [run~REGEX:]TAG OP VALUE`, met by the first
 * point of a matching series that satisfies it, those on disk when watch
 * starts included. Checked like the health monitor feeds: per series, a
 * count of points looked at, so a turn looks only at its new points; a
 * series whose points were removed is looked at again from its start.
 *
 * The tag is a glob as in --alert rules (fnmatch; a plain tag matches
 * itself). The regex is POSIX extended, case-insensitive and unanchored
 * as --run is; it ends at the last ':' before the operator (the last '<'
 * or '>'), so with a run prefix the tag holds no ':', and a tag never
 * holds '<' or '>'. NaN meets no condition. */
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "watchcmd.h"
#include "tailboard/xalloc.h"

struct until_series {
	signed char match;      /* 0 unknown, 1 the tag matches, -1 not */
	size_t checked;         /* points looked at */
	uint64_t reset_gen;
};

struct until_run {
	signed char match;      /* the run's name against the regex, as above */
	uint64_t gen;
	struct until_series *ser;
	size_t nser;
};

static int fail(char *err, size_t errlen, const char *expr, const char *why)
{
	snprintf(err, errlen, "--until '%s': %s", expr, why);
	return TB_ERR;
}

/* The operator, the last '<' or '>' (a number holds neither; a regex
 * may): its position in s, its length, its kind; NULL when none. */
static const char *find_op(const char *s, size_t *len, enum until_op *op)
{
	const char *p = NULL;
	for (const char *q = s; *q; q++)
		if (*q == '<' || *q == '>')
			p = q;
	if (!p)
		return NULL;
	bool eq = p[1] == '=';
	*len = eq ? 2 : 1;
	*op = *p == '<' ? (eq ? UNTIL_LE : UNTIL_LT) : (eq ? UNTIL_GE : UNTIL_GT);
	return p;
}

static int parse_run(struct until *u, const char *expr, const char **tag, const char *op, char *err,
		     size_t errlen)
{
	const char *colon = NULL;
	for (const char *p = *tag; p < op; p++)
		if (*p == ':')
			colon = p;
	if (!colon)
		return fail(err, errlen, expr, "run~REGEX wants a ':' before the tag (run~REGEX:TAG<VALUE)");
	char *re = xstrndup(*tag + 4, (size_t)(colon - *tag - 4));
	int rc = regcomp(&u->re, re, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	free(re);
	if (rc != 0) {
		char msg[128], why[200];
		regerror(rc, &u->re, msg, sizeof(msg));
		snprintf(why, sizeof(why), "bad regex: %s", msg);
		return fail(err, errlen, expr, why);
	}
	u->has_re = true;
	*tag = colon + 1;
	return TB_OK;
}

int until_parse(struct until *u, const char *expr, char *err, size_t errlen)
{
	memset(u, 0, sizeof(*u));
	u->gen = UINT64_MAX;
	size_t oplen;
	const char *op = find_op(expr, &oplen, &u->op), *tag = expr;
	if (!op)
		return fail(err, errlen, expr, "no comparison; like 'eval/loss<0.3' or 'run~^big:acc>=0.9'");
	if (strncmp(expr, "run~", 4) == 0 && parse_run(u, expr, &tag, op, err, errlen) != TB_OK)
		return TB_ERR;
	if (tag == op) {
		until_free(u);
		return fail(err, errlen, expr, "no tag before the comparison");
	}
	char *end;
	u->value = strtod(op + oplen, &end);
	if (end == op + oplen || *end || !isfinite(u->value)) {
		until_free(u);
		return fail(err, errlen, expr, "the value after the comparison is not a finite number");
	}
	u->glob = xstrndup(tag, (size_t)(op - tag));
	return TB_OK;
}

void until_free(struct until *u)
{
	if (u->has_re)
		regfree(&u->re);
	for (size_t i = 0; i < u->nruns; i++)
		free(u->runs[i].ser);
	free(u->runs);
	free(u->glob);
	memset(u, 0, sizeof(*u));
}

static bool meets(const struct until *u, double v)
{
	switch (u->op) {
	case UNTIL_LT: return v < u->value;
	case UNTIL_LE: return v <= u->value;
	case UNTIL_GT: return v > u->value;
	default: return v >= u->value;  /* false for NaN, as every case */
	}
}

/* A C string of up to 511 bytes of a name (regexec and fnmatch need one;
 * a NUL in a name ends it). */
static const char *cstr(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = TB_MIN(len, cap - 1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static bool check_series(struct until_series *us, const struct series *s, const struct until *u,
			 struct until_hit *hit)
{
	char buf[512];
	if (!us->match)
		us->match = fnmatch(u->glob, cstr(s->tag, s->tag_len, buf, sizeof(buf)), 0) == 0 ? 1 : -1;
	if (us->match < 0)
		return false;
	if (us->reset_gen != s->reset_gen) {
		us->reset_gen = s->reset_gen;
		us->checked = 0;
	}
	for (; us->checked < s->n; us->checked++) {
		double v = series_value(s, us->checked);
		if (!meets(u, v))
			continue;
		hit->series = s;
		hit->ev = (struct health_event){ .step = series_step(s, us->checked), .value = v,
			.wall = series_wall(s, us->checked), .single = s->single };
		us->checked++;
		return true;
	}
	return false;
}

static bool check_run(struct until_run *ur, const struct run *r, const struct until *u, struct until_hit *hit)
{
	char buf[512];
	if (!ur->match)
		ur->match = !u->has_re || regexec(&u->re, cstr(r->name, r->name_len, buf, sizeof(buf)), 0, NULL, 0) == 0
			? 1 : -1;
	if (ur->match < 0 || ur->gen == r->gen)
		return false;
	if (ur->nser < r->nseries) {
		ur->ser = xreallocarray(ur->ser, r->nseries, sizeof(*ur->ser));
		memset(ur->ser + ur->nser, 0, (r->nseries - ur->nser) * sizeof(*ur->ser));
		for (size_t j = ur->nser; j < r->nseries; j++)
			ur->ser[j].reset_gen = r->series[j]->reset_gen;
		ur->nser = r->nseries;
	}
	for (size_t j = 0; j < r->nseries; j++)
		if (check_series(&ur->ser[j], r->series[j], u, hit)) {
			hit->run = r;
			return true;    /* gen not taken: the rest is looked at next time */
		}
	ur->gen = r->gen;
	return false;
}

bool until_check(struct until *u, const struct store *st, struct until_hit *hit)
{
	if (u->gen == st->gen)
		return false;
	if (u->nruns < st->nruns) {
		u->runs = xreallocarray(u->runs, st->nruns, sizeof(*u->runs));
		memset(u->runs + u->nruns, 0, (st->nruns - u->nruns) * sizeof(*u->runs));
		for (size_t i = u->nruns; i < st->nruns; i++)
			u->runs[i].gen = st->runs[i]->gen - 1;
		u->nruns = st->nruns;
	}
	for (size_t i = 0; i < st->nruns; i++)
		if (check_run(&u->runs[i], st->runs[i], u, hit))
			return true;
	u->gen = st->gen;
	return false;
}
