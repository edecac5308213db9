/* pyjson.c: Python's NaN/Infinity literals on top of cJSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "pyjson.h"

/* Marker strings: a control byte no JSON writer puts in a key or value by
 * accident, so "NaN" as real text stays text. */
#define MARK_NAN  "\"\\u0001nan\""
#define MARK_PINF "\"\\u0001inf\""
#define MARK_NINF "\"\\u0001-inf\""

struct lit {
	const char *word;
	size_t len;
	const char *mark;
};

static const struct lit lits[] = {
	{ "NaN", 3, MARK_NAN },
	{ "Infinity", 8, MARK_PINF },
	{ "-Infinity", 9, MARK_NINF },
};

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The literal starting at text[i] outside a string, or NULL. */
static const struct lit *lit_at(const char *text, size_t len, size_t i)
{
	if (i > 0 && is_ident(text[i - 1]))
		return NULL;
	for (size_t k = 0; k < TB_ARRAY_LEN(lits); k++) {
		const struct lit *l = &lits[k];
		if (len - i >= l->len && memcmp(text + i, l->word, l->len) == 0 &&
		    (i + l->len == len || !is_ident(text[i + l->len])))
			return l;
	}
	return NULL;
}

/* Walk the text; with out == NULL only measure.  Returns the output size.
 * If map_out is given, stops when the output reaches map_out's value and
 * stores the matching input offset there. */
static size_t rewrite(const char *text, size_t len, char *out, size_t *map_out)
{
	size_t o = 0;
	bool in_str = false;
	for (size_t i = 0; i < len; i++) {
		if (map_out && o >= *map_out) {
			*map_out = i;
			return o;
		}
		char c = text[i];
		if (in_str) {
			if (c == '\\' && i + 1 < len) {
				if (out) {
					out[o] = c;
					out[o + 1] = text[i + 1];
				}
				o += 2;
				i++;
				continue;
			}
			if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == 'N' || c == 'I' || c == '-') {
			const struct lit *l = lit_at(text, len, i);
			if (l) {
				size_t m = strlen(l->mark);
				if (out)
					memcpy(out + o, l->mark, m);
				o += m;
				i += l->len - 1;
				continue;
			}
		}
		if (out)
			out[o] = c;
		o++;
	}
	if (map_out)
		*map_out = len;
	return o;
}

cJSON *pyjson_parse(const char *text, size_t len, size_t *err_off)
{
	size_t n = rewrite(text, len, NULL, NULL);
	const char *end = NULL;
	cJSON *j;
	*err_off = 0;
	if (n == len) {
		j = cJSON_ParseWithLengthOpts(text, len, &end, 0);
		if (!j && end)
			*err_off = (size_t)(end - text);
		else if (!j) {
			const char *e = cJSON_GetErrorPtr();
			*err_off = e && e >= text && e <= text + len ? (size_t)(e - text) : 0;
		}
		return j;
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return NULL;
	rewrite(text, len, copy, NULL);
	copy[n] = '\0';
	j = cJSON_ParseWithLengthOpts(copy, n, &end, 0);
	if (!j) {
		const char *e = end ? end : cJSON_GetErrorPtr();
		size_t at = e && e >= copy && e <= copy + n ? (size_t)(e - copy) : 0;
		rewrite(text, len, NULL, &at);
		*err_off = at;
	}
	free(copy);
	return j;
}

bool pyjson_number(const cJSON *item, double *out)
{
	if (!item)
		return false;
	if (cJSON_IsNumber(item)) {
		*out = item->valuedouble;
		return true;
	}
	if (cJSON_IsString(item) && item->valuestring && item->valuestring[0] == '\001') {
		const char *s = item->valuestring + 1;
		if (strcmp(s, "nan") == 0)
			*out = NAN;
		else if (strcmp(s, "inf") == 0)
			*out = INFINITY;
		else if (strcmp(s, "-inf") == 0)
			*out = -INFINITY;
		else
			return false;
		return true;
	}
	return false;
}
