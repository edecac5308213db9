/* test_filter.c: the filter expression language: each operator,
 * precedence, missing keys, numeric text, regexes, has:, the canonical
 * text, and malformed input, each with the column it reports. */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/filter.h"

/* A run as the callbacks see it: values by key, hyperparameters marked. */
struct entry {
	const char *key;
	enum filter_type type;
	double num;
	const char *str;
	bool b;
	bool hparam;
};

struct run {
	const struct entry *v;
	const char *const *tags;
};

static size_t unterminated;     /* keys handed over without their NUL */

static bool run_get(void *arg, enum filter_scope scope, const char *key, size_t keylen,
		    struct filter_value *out)
{
	const struct run *r = arg;
	unterminated += key[keylen] != '\0';
	for (const struct entry *e = r->v; e && e->key; e++) {
		if (strlen(e->key) != keylen || memcmp(e->key, key, keylen) != 0)
			continue;
		if (scope == FILTER_CONFIG && !e->hparam)
			continue;
		out->type = e->type;
		out->num = e->num;
		out->b = e->b;
		out->str = e->str;
		out->len = e->str ? strlen(e->str) : 0;
		return true;
	}
	return false;
}

static bool run_has(void *arg, const char *tag, size_t taglen)
{
	const struct run *r = arg;
	for (const char *const *t = r->tags; t && *t; t++)
		if (strlen(*t) == taglen && memcmp(*t, tag, taglen) == 0)
			return true;
	return false;
}

#define S(k, s) { k, FV_STRING, 0, s, false, false }
#define HS(k, s) { k, FV_STRING, 0, s, false, true }
#define HN(k, n) { k, FV_NUMBER, n, NULL, false, true }
#define HB(k, b) { k, FV_BOOL, 0, NULL, b, true }

static const struct entry bert_v[] = {
	S("name", "bert-base-v2"), S("state", "live"), S("format", "tfevents"),
	HS("lr", "1e-4"), HN("batch_size", 32), HN("optimizer.lr", 0.001), HB("use_amp", true),
	HS("amp_text", " True"), HS("dropout", "0.0"), HS("notes", ""), HS("name", "cfgname"),
	HS("quote", "a\"b"), HS("apos", "it's"), HN("loss", NAN), HS("none_text", "None"),
	HS("nan_text", "nan"), HS("no", "no"), HN("big", INFINITY), { NULL, 0, 0, NULL, false, false },
};
static const char *const bert_tags[] = { "eval/f1", "train/loss", "eval f1", NULL };
static const struct entry gpt_v[] = {
	S("name", "gpt2-small"), S("state", "stale"), S("format", "wandb"),
	HN("lr", 3e-4), HS("batch_size", "64"), HS("seed", "0012"), HS("use_amp", "false"),
	{ NULL, 0, 0, NULL, false, false },
};
static const char *const gpt_tags[] = { "train/loss", NULL };
static const struct entry bare_v[] = { S("name", "run-3"), { NULL, 0, 0, NULL, false, false } };
/* x, y, z as booleans for precedence: x true, y and z false */
static const struct entry xyz_v[] = {
	HB("x", true), HB("y", false), HB("z", false), HB("t", true), { NULL, 0, 0, NULL, false, false },
};

static struct run bert = { bert_v, bert_tags }, gpt = { gpt_v, gpt_tags }, bare = { bare_v, NULL },
	xyz = { xyz_v, NULL };

/* 1 match, 0 no match, -1 does not compile */
static int m(const char *expr, struct run *r)
{
	struct filter *f;
	char err[160];
	if (filter_compile(expr, &f, err, sizeof(err), NULL) != TB_OK) {
		printf("# %s: %s\n", expr, err);
		return -1;
	}
	struct filter_subject s = { r, run_get, run_has };
	int ok = filter_match(f, &s);
	filter_free(f);
	return ok;
}

/* expr matches exactly the runs marked 1 among bert, gpt, bare */
#define WHO(expr, b, g, n) TAP_OK(m(expr, &bert) == (b) && m(expr, &gpt) == (g) && m(expr, &bare) == (n), \
	"%-36s bert %d gpt %d run-3 %d", expr, b, g, n)
#define XYZ(expr, want) TAP_EQ_INT(m(expr, &xyz), want, "%s (x true, y z false)", expr)

static void test_operators(void)
{
	WHO("lr>=1e-4", 1, 1, 0);
	WHO("lr>1e-4", 0, 1, 0);
	WHO("lr<3e-4", 1, 0, 0);
	WHO("lr<=3e-4", 1, 1, 0);
	WHO("lr==0.0001", 1, 0, 0);
	WHO("lr=1e-4", 1, 0, 0);
	WHO("lr!=1e-4", 0, 1, 0);
	WHO("name~bert", 1, 0, 0);
	WHO("name~BERT", 1, 0, 0);
	WHO("name~^bert-base", 1, 0, 0);
	WHO("name~base$", 0, 0, 0);
	WHO("name!~bert", 0, 1, 1);
	WHO("state!~stale", 1, 0, 0);
	WHO("has:eval/f1", 1, 0, 0);
	WHO("has:train/loss", 1, 1, 0);
	WHO("HAS:\"eval f1\"", 1, 0, 0);
	WHO("not has:eval/f1", 0, 1, 1);
	WHO("not state=stale", 1, 0, 1);
	WHO("batch_size==32 and lr>=1e-4", 1, 0, 0);
	WHO("batch_size==64", 0, 1, 0);
	WHO("state==stale or name~bert", 1, 1, 0);
	WHO("name<c", 1, 0, 0);
	WHO("name>=gpt", 0, 1, 1);
	WHO("name>gpt2-small", 0, 0, 1);
	WHO("format==tfevents", 1, 0, 0);
	WHO("optimizer.lr==0.001", 1, 0, 0);
}

static void test_precedence(void)
{
	XYZ("x or y and z", 1);
	XYZ("(x or y) and z", 0);
	XYZ("y and z or x", 1);
	XYZ("not x and y", 0);
	XYZ("not (x and y)", 1);
	XYZ("not x or t", 1);
	XYZ("!x || t && y", 0);
	XYZ("x && !y && !z", 1);
	XYZ("X", 0);                              /* keys are case-sensitive */
	XYZ("x AND t", 1);
	XYZ("y Or z", 0);
	XYZ("NOT NOT x", 1);
	XYZ("((((x))))", 1);
	XYZ("x and (y or (z or t))", 1);
	XYZ("x and(y or t)", 1);
	XYZ("not(y)", 1);
}

static void test_missing(void)
{
	WHO("seed", 0, 1, 0);
	WHO("not seed", 1, 0, 1);
	WHO("seed!=12", 0, 0, 0);
	WHO("not seed==12", 1, 0, 1);
	WHO("seed!~x", 0, 1, 0);
	WHO("config:state", 0, 0, 0);
	TAP_OK(m("lr", &(struct run){ NULL, NULL }) == 0, "a run with no values at all");
	struct filter *f;
	TAP_OK(filter_compile("lr<1 and has:x", &f, NULL, 0, NULL) == TB_OK &&
	       !filter_match(f, &(struct filter_subject){ NULL, NULL, NULL }) &&
	       !filter_match(f, NULL), "no callbacks: every key missing, no tags");
	filter_free(f);
}

static void test_values(void)
{
	WHO("use_amp", 1, 0, 0);                  /* text "false" is not truthy */
	WHO("use_amp==true", 1, 0, 0);
	WHO("use_amp==False", 0, 1, 0);
	WHO("use_amp!=false", 1, 0, 0);
	WHO("use_amp==1", 1, 0, 0);
	WHO("use_amp==\"true\"", 1, 0, 0);
	WHO("use_amp~^TR", 1, 0, 0);
	WHO("amp_text==true", 1, 0, 0);
	WHO("batch_size", 1, 1, 0);
	WHO("dropout", 0, 0, 0);
	WHO("notes", 0, 0, 0);
	WHO("none_text or nan_text", 0, 0, 0);
	WHO("no", 1, 0, 0);                       /* only false, none, null, 0 and "" are false */
	WHO("seed==12", 0, 1, 0);
	WHO("seed==\"0012\"", 0, 1, 0);
	WHO("seed=='12'", 0, 0, 0);
	WHO("seed<2", 0, 0, 0);
	WHO("seed<\"2\"", 0, 1, 0);
	WHO("batch_size~^3", 1, 0, 0);
	WHO("batch_size==\"32\"", 1, 0, 0);
	WHO("quote==\"a\\\"b\"", 1, 0, 0);
	WHO("apos=='it\\'s'", 1, 0, 0);
	WHO("loss", 0, 0, 0);
	WHO("loss==nan or loss>0 or loss<=0", 0, 0, 0);
	WHO("loss!=1", 1, 0, 0);
	WHO("big==inf and big>1e308 and lr<INF and lr>-Infinity", 1, 0, 0);
	WHO("lr>=+.0001 and lr<=1.E-4", 1, 0, 0);
	WHO("name==0x10", 0, 0, 0);               /* a word, not hex */
	WHO("config:name==cfgname", 1, 0, 0);
	WHO("hp:name==cfgname", 1, 0, 0);
	WHO("name==cfgname", 0, 0, 0);
	WHO("\"name\"==bert-base-v2", 1, 0, 0);
	WHO("config:\"lr\">1e-5", 1, 1, 0);
}

static void test_regex(void)
{
	WHO("(name~(bert|gpt))", 1, 1, 0);
	WHO("(name~bert)", 1, 0, 0);
	WHO("name~[(]x or name~gpt", 0, 1, 0);
	WHO("name~[[:digit:]]$", 1, 0, 1);
	WHO("name~'-v[0-9]'", 1, 0, 0);
	WHO("format~\"tf\\.?events\"", 1, 0, 0);
	WHO("name~bert||name~run", 1, 0, 1);
	WHO("name~^b|^r", 1, 0, 1);
	WHO("name~\"gpt2 small\"", 0, 0, 0);
	WHO("name~\"^(a|b|c)+ert\"", 1, 0, 0);
	WHO("name~'^[a-z]+[0-9]?-[a-z]{4,5}(-v[0-9]{1,3})?$'", 1, 1, 0);
}

static void test_blank(void)
{
	struct filter *f;
	TAP_OK(filter_compile(" \t", &f, NULL, 0, NULL) == TB_OK && filter_match(f, NULL) &&
	       strcmp(filter_text(f), "") == 0, "blank text matches every run");
	filter_free(f);
	TAP_OK(filter_match(NULL, NULL) && strcmp(filter_text(NULL), "") == 0, "NULL filter matches");
	filter_free(NULL);
}

static void canon(const char *in, const char *want)
{
	struct filter *f, *g;
	char err[160];
	if (filter_compile(in, &f, err, sizeof(err), NULL) != TB_OK) {
		TAP_OK(0, "canonical %s: %s", in, err);
		return;
	}
	TAP_EQ_STR(filter_text(f), want, "canonical text of %s", in);
	bool again = filter_compile(filter_text(f), &g, NULL, 0, NULL) == TB_OK &&
		     strcmp(filter_text(g), want) == 0;
	TAP_OK(again, "... and compiles back to itself");
	if (again)
		filter_free(g);
	filter_free(f);
}

static void test_canonical(void)
{
	canon("LR >= 1e-4 AND batch_size=32", "LR>=1e-4 and batch_size==32");
	canon("a or (b and c)", "a or b and c");
	canon("(a or b) and c", "(a or b) and c");
	canon("!(a || b) && c", "not (a or b) and c");
	canon("a and (b and c) and ((d))", "a and b and c and d");
	canon("hp:lr>1 or CONFIG:x", "config:lr>1 or config:x");
	canon("name ~ \"bert\"", "name~bert");
	canon("name~'a b' or name~\"(x)\" and name~'and'", "name~\"a b\" or name~(x) and name~\"and\"");
	canon("\"not\"==1 or \"has:x\" or 'lr'", "\"not\"==1 or \"has:x\" or lr");
	canon("x==True or y=='true' or has:'eval f1'", "x==true or y==\"true\" or has:\"eval f1\"");
	canon("q==\"a\\\"b\\\\c\"", "q==\"a\\\"b\\\\c\"");
	canon("(name~(a|b)) and not has:x", "name~(a|b) and not has:x");
	canon("(y or name~[(] ) and z", "(y or name~[(]) and z");
	canon("(y or name~[[:alpha:](] ) and z", "(y or name~[[:alpha:](]) and z");
	canon("name~'a)' or name~'x\\\\\\\\'", "name~\"a)\" or name~\"x\\\\\\\\\"");
}

/* expr for a test's name: escaped, and cut short */
static const char *show(const char *expr)
{
	static char out[80];
	size_t o = 0;
	for (const unsigned char *c = (const unsigned char *)expr; *c && o < 60; c++)
		o += (size_t)snprintf(out + o, sizeof(out) - o, *c < 0x20 || *c > 0x7e ? "\\x%02x" : "%c", *c);
	snprintf(out + o, sizeof(out) - o, "%s", o >= 60 ? "..." : "");
	return out;
}

static void bad(const char *expr, size_t col, const char *needle)
{
	struct filter *f = (struct filter *)1;
	char err[200], want[32];
	size_t pos = (size_t)-1;
	int rc = filter_compile(expr, &f, err, sizeof(err), &pos);
	snprintf(want, sizeof(want), "filter: column %zu: ", col);
	bool ok = rc == TB_ERR && f == NULL && strncmp(err, want, strlen(want)) == 0 &&
		  strstr(err, needle) && pos <= strlen(expr);
	TAP_OK(ok, "%s -> column %zu, %s", show(expr), col, needle);
	if (!ok)
		printf("#   got rc %d: %s (byte %zu)\n", rc, err, pos);
}

static void test_errors(void)
{
	bad("lr>=", 5, "expected a value after '>=', found the end");
	bad("lr >= 1e-4 and", 15, "expected a key, has:TAG, not or '(' after 'and', found the end");
	bad("(a", 3, "missing ')' for the '(' at column 1");
	bad("x and (y or (z", 15, "missing ')' for the '(' at column 13");
	bad("a)", 2, "')' without a '(' before it");
	bad("()", 2, "expected a key, has:TAG, not or '(' after '(', found ')'");
	bad("a b", 3, "expected 'and', 'or' or the end, found 'b'");
	bad("(a b)", 4, "expected 'and', 'or' or ')', found 'b'");
	bad("a & b", 3, "found '&'");
	bad("name==\"bert", 7, "unterminated string: no closing \"");
	bad("'abc==1", 1, "unterminated string: no closing '");
	bad("name~(bert", 6, "bad regex");
	bad("lr>1 and name ~ \"(x\"", 17, "bad regex");
	bad("name~\"(a)\\1\"", 6, "back-references are not supported");
	bad("name~((a{100}){100}){100}", 6, "too complex");
	bad("name~a++++++++++++++++", 6, "too complex");
	bad("name~'.{1,20000}'", 6, "too complex");           /* 17 s in regcomp */
	bad("name~a*+++++++++", 6, "repeats what can match empty");    /* 0.6 s */
	bad("name~'((((((((a?)?)?)?)?)?)?)?)?++++++'", 6, "repeats what can match empty"); /* 28 s */
	bad("name~'()*++++++++'", 6, "repeats what can match empty");
	bad("has:", 5, "expected a tag after 'has:', found the end");
	bad("has: x", 5, "expected a tag after 'has:'");
	bad("config:", 8, "expected a key after 'config:'");
	bad("hp:==3", 4, "expected a key after 'hp:', found '=='");
	bad(">=3", 1, "expected a key, has:TAG, not or '(', found '>='");
	bad("!=3", 1, "found '!='");
	bad("lr>=<3", 5, "expected a value after '>=', found '<'");
	bad("a===3", 4, "expected a value after '==', found '='");
	bad("a==and", 4, "'and' is a keyword: quote it");
	bad("name~not", 6, "'not' is a keyword");
	bad("and", 1, "found 'and'");
	bad("a && && b", 6, "after 'and', found '&&'");
	bad("not", 4, "after 'not', found the end");
	bad("!", 2, "after '!', found the end");
	bad("a=1 @", 5, "found '@'");
	bad("a=1 \x01", 5, "found byte 0x01");
	bad("a=\x7f", 3, "expected a value after '=', found byte 0x7f");
	bad("n\xc3\xa9v>=", 6, "expected a value");       /* columns count characters */
	bad("\xc3\xa9t\xc3\xa9 \xe2\x82\xac", 5, "found byte 0xe2");
	bad("a==b c", 6, "found 'c'");
	bad("a or averyveryverylongkeyname x", 31, "found 'x'");
	bad("a averyveryverylongkeyname_more", 3, "found 'averyveryverylongkey'...");
}

static void test_limits(void)
{
	char buf[FILTER_MAX_LEN + 2];
	int d = FILTER_MAX_DEPTH;
	memset(buf, '(', (size_t)d);
	buf[d] = 'x';
	memset(buf + d + 1, ')', (size_t)d);
	buf[2 * d + 1] = '\0';
	TAP_EQ_INT(m(buf, &xyz), 1, "%d nested parentheses", d);
	memset(buf, '(', (size_t)d + 1);
	strcpy(buf + d + 1, "x");
	bad(buf, (size_t)d + 1, "more than 64 parentheses and nots nested");
	buf[0] = '\0';
	for (int i = 0; i <= d; i++)
		strcat(buf, "not ");
	strcat(buf, "x");
	bad(buf, 4 * (size_t)d + 1, "more than 64");
	memset(buf, '(', sizeof(buf) - 1);  /* deep and too long: the length is checked first */
	buf[sizeof(buf) - 1] = '\0';
	bad(buf, FILTER_MAX_LEN + 1, "longer than 4096 bytes");
	memset(buf, 'k', FILTER_MAX_LEN);
	buf[FILTER_MAX_LEN] = '\0';
	TAP_EQ_INT(m(buf, &xyz), 0, "a key of %d bytes compiles", FILTER_MAX_LEN);
	/* a long chain stays one list node: no deep recursion to match it */
	buf[0] = '\0';
	for (int i = 0; i < 800; i++)
		strcat(buf, i ? " or y" : "y");
	strcat(buf, " or x");
	TAP_EQ_INT(m(buf, &xyz), 1, "an or-chain of 801 terms");

	/* small or absent error buffers */
	struct filter *f;
	char tiny[8];
	size_t pos;
	TAP_OK(filter_compile("a==", &f, tiny, sizeof(tiny), &pos) == TB_ERR && strlen(tiny) == 7 && pos == 3,
	       "error message truncated to the buffer");
	TAP_OK(filter_compile("a==", &f, NULL, 0, NULL) == TB_ERR && f == NULL, "no error buffer");
	TAP_OK(filter_compile(NULL, &f, NULL, 0, NULL) == TB_OK && filter_match(f, NULL), "NULL text: blank");
	filter_free(f);
}

/* Every prefix and every one-byte change of valid expressions: an answer
 * and a position inside the text, never a crash. */
static void test_mutations(void)
{
	static const char *const exprs[] = {
		"lr>=1e-4 and (name~'bert|gpt' or not has:\"eval/f1\") || !config:seed!=3",
		"(a or (b and c)) && x==true && y~[[:alpha:](] && z=='q\\'s'",
	};
	static const char alphabet[] = "()!=<>~&|\"'\\ aZ0.-:[]{}\x01\xc3";
	size_t tried = 0, bad_pos = 0, crashed_roundtrip = 0;
	char buf[256], err[200];
	for (size_t e = 0; e < TB_ARRAY_LEN(exprs); e++) {
		size_t n = strlen(exprs[e]);
		for (size_t i = 0; i <= n; i++)
			for (size_t a = 0; a <= sizeof(alphabet) - 1; a++) {
				memcpy(buf, exprs[e], n + 1);
				if (a < sizeof(alphabet) - 1)
					buf[i] = alphabet[a];
				else
					buf[i] = '\0';          /* the prefix */
				if (i == n && a < sizeof(alphabet) - 1)
					buf[n + 1] = '\0';
				struct filter *f, *g;
				size_t pos = (size_t)-1;
				tried++;
				if (filter_compile(buf, &f, err, sizeof(err), &pos) != TB_OK) {
					bad_pos += pos > strlen(buf) || !strstr(err, "column ");
					continue;
				}
				filter_match(f, &(struct filter_subject){ &bert, run_get, run_has });
				if (filter_compile(filter_text(f), &g, err, sizeof(err), NULL) != TB_OK ||
				    strcmp(filter_text(f), filter_text(g)) != 0)
					crashed_roundtrip++;
				filter_free(g);
				filter_free(f);
			}
	}
	TAP_OK(bad_pos == 0, "%zu mutated expressions: every error has a column inside the text", tried);
	TAP_OK(crashed_roundtrip == 0, "every mutated expression that compiles writes back to itself");
}

/* Under a locale with a decimal comma, numbers still read and print with
 * a point (main sets LC_ALL from the environment). */
static void test_locale(void)
{
	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.utf8")) {
		TAP_OK(1, "# SKIP no de_DE locale installed");
		return;
	}
	WHO("optimizer.lr==0.001 and optimizer.lr~^0\\.001$ and lr<0.5", 1, 0, 0);
	setlocale(LC_NUMERIC, "C");
}

int main(void)
{
	test_operators();
	test_precedence();
	test_missing();
	test_values();
	test_regex();
	test_blank();
	test_canonical();
	test_errors();
	test_limits();
	test_mutations();
	test_locale();
	TAP_EQ_INT(unterminated, 0, "every key reached get() NUL-terminated");
	return tap_done();
}
