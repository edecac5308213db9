/* fuzz_filter.c: filter expressions. Any text compiles, or fails with a
 * column inside it and a message free of control bytes; a compiled filter
 * matches without reading past a value (each is an exact-size copy), and
 * its canonical text compiles to the same text and matches the same runs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct subject {
	unsigned seed;
	char *copy;             /* the last string handed out, exact size */
};

static unsigned hash(unsigned h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = h * 31 + (unsigned char)s[i];
	return h;
}

static bool give_text(struct subject *sj, const char *s, size_t n, struct filter_value *out)
{
	free(sj->copy);
	if (!(sj->copy = malloc(n ? n : 1)))
		return false;
	memcpy(sj->copy, s, n);
	out->type = FV_STRING;
	out->str = sj->copy;
	out->len = n;
	return true;
}

/* A value chosen by the key's bytes, so every type and absence turn up. */
static bool get(void *arg, enum filter_scope scope, const char *key, size_t keylen, struct filter_value *out)
{
	static const double nums[] = { 0, 1, -3, 1e-4, 32, NAN, INFINITY, -0.5 };
	static const char *const texts[] = { "", "0", "1e-4", " 32 ", "bert-base", "True", "stale",
		"none", "a\"b", "nan", "0012", "x(y)" };
	struct subject *sj = arg;
	unsigned h = hash(sj->seed * 2654435761u + (unsigned)scope, key, keylen);
	switch (h % 6) {
	case 0:
		return false;
	case 1:
		out->type = FV_NUMBER;
		out->num = nums[(h / 6) % (sizeof(nums) / sizeof(nums[0]))];
		return true;
	case 2: {
		const char *t = texts[(h / 6) % (sizeof(texts) / sizeof(texts[0]))];
		return give_text(sj, t, strlen(t), out);
	}
	case 3:
		out->type = FV_BOOL;
		out->b = (h / 6) & 1;
		return true;
	case 4:
		return give_text(sj, key, keylen, out);
	default:
		out->type = FV_MISSING;
		return true;
	}
}

static bool has(void *arg, const char *tag, size_t taglen)
{
	const struct subject *sj = arg;
	return hash(sj->seed, tag, taglen) & 1;
}

static void check_error(int rc, const struct filter *f, const char *text, const char *err, size_t pos)
{
	if (rc == TB_NOMEM)
		return;
	if (rc != TB_ERR || f || pos > strlen(text) || strncmp(err, "filter: column ", 15) != 0)
		abort();
	for (const char *c = err; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[256], tiny[2];
	struct filter *f, *g;
	size_t pos = (size_t)-1;
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	int rc = filter_compile(text, &f, err, sizeof(err), &pos);
	if (rc != TB_OK) {
		check_error(rc, f, text, err, pos);
		if (filter_compile(text, &f, tiny, sizeof(tiny), NULL) == TB_OK)
			abort();
		free(text);
		return 0;
	}
	const char *canon = filter_text(f);
	/* "!" writes as "not ": near the limit the text may outgrow it */
	bool again = strlen(canon) <= FILTER_MAX_LEN;
	if (again && (filter_compile(canon, &g, err, sizeof(err), NULL) != TB_OK ||
		      strcmp(filter_text(g), canon) != 0))
		abort();
	for (unsigned seed = 0; seed < 8; seed++) {
		struct subject sj = { seed, NULL };
		struct filter_subject s = { &sj, get, has };
		bool a = filter_match(f, &s);
		if (again && filter_match(g, &s) != a)
			abort();
		free(sj.copy);
	}
	if (again)
		filter_free(g);
	filter_free(f);
	free(text);
	return 0;
}
