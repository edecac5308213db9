/* group.c: which runs go together (`--group-by KEY`, `-KEY`, `~REGEX`),
 * and which hyperparameters differ between runs. The runs table and the
 * bands both ask the second question, so it is answered here once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/group.h"
#include "tailboard/xalloc.h"
#include "filter_int.h"

int group_spec_parse(struct group_spec *g, const char *text, char *err, size_t errlen)
{
	memset(g, 0, sizeof *g);
	if (!text || !*text)
		return TB_OK;
	if (text[0] == '~') {
		const char *why = filter_regex_refuse(text + 1, strlen(text + 1));
		int rc = why ? REG_BADPAT : regcomp(&g->re, text + 1, REG_EXTENDED);
		if (rc != 0) {
			char msg[100] = "";
			if (!why)
				regerror(rc, &g->re, msg, sizeof msg);
			for (char *c = msg; *c; c++)    /* a translated message: no controls */
				if ((unsigned char)*c < 0x20 || *c == 0x7f)
					*c = '?';
			snprintf(err, errlen, "bad regex: %s", why ? why : msg);
			return TB_ERR;
		}
		g->by = GROUP_REGEX;
	} else if (text[0] == '-' && text[1]) {
		g->by = GROUP_ALL_BUT;
		g->key = xstrdup(text + 1);
	} else {
		g->by = GROUP_KEY;
		g->key = xstrdup(text);
	}
	g->text = xstrdup(text);
	return TB_OK;
}

void group_spec_free(struct group_spec *g)
{
	if (g->by == GROUP_REGEX)
		regfree(&g->re);
	free(g->key);
	free(g->text);
	memset(g, 0, sizeof *g);
}

static const char *hp_find(const struct run *r, const char *key)
{
	for (size_t i = 0; i < r->nhparams; i++)
		if (strcmp(r->hparams[i].key, key) == 0)
			return r->hparams[i].value;
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t hp_keys(const struct run *const *runs, size_t n, struct hp_key **out)
{
	size_t nk = 0, cap = 0;
	const char **keys = NULL;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < runs[i]->nhparams; k++) {
			xgrow((void **)&keys, &cap, nk + 1, sizeof *keys);
			keys[nk++] = runs[i]->hparams[k].key;
		}
	*out = NULL;
	if (!nk)
		return 0;
	qsort(keys, nk, sizeof *keys, cmp_str);
	struct hp_key *o = xcalloc(nk, sizeof *o);
	size_t m = 0;
	for (size_t k = 0; k < nk; k++) {
		if (k && strcmp(keys[k], keys[k - 1]) == 0)
			continue;
		const char *first = NULL;
		bool differs = false;
		for (size_t i = 0; i < n && !differs; i++) {
			const char *val = hp_find(runs[i], keys[k]);
			differs = !val || (first && strcmp(val, first) != 0);
			first = first ? first : val;
		}
		o[m++] = (struct hp_key){ keys[k], differs, differs ? NULL : first };
	}
	free(keys);
	*out = o;
	return m;
}

bool hp_value_text(const char *val, char *buf, size_t cap, double *num)
{
	char *end;
	double d = strtod(val, &end);
	if (end == val || *end || !isfinite(d)) {
		snprintf(buf, cap, "%s", val);
		return false;
	}
	*num = d;
	if (d == trunc(d) && fabs(d) < 1e15) {
		snprintf(buf, cap, "%.0f", d);
		return true;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, cap, "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return true;
}

/* "KEY=VALUE", the value as the runs table shows it. */
static int key_value(char *buf, size_t cap, const char *key, const char *val)
{
	char text[256];
	double d;
	if (val)
		hp_value_text(val, text, sizeof text, &d);
	return snprintf(buf, cap, "%s=%s", key, val ? text : "(none)");
}

/* The group name of r, malloc'd. */
static char *name_of(const struct group_spec *g, const struct run *r, const struct hp_key *keys, size_t nk)
{
	char buf[1024];
	if (g->by == GROUP_KEY) {
		key_value(buf, sizeof buf, g->key, hp_find(r, g->key));
		return xstrdup(buf);
	}
	if (g->by == GROUP_ALL_BUT) {
		size_t used = 0;
		buf[0] = 0;
		for (size_t k = 0; k < nk && used + 1 < sizeof buf; k++) {
			if (!keys[k].differs || strcmp(keys[k].key, g->key) == 0)
				continue;
			if (used)
				buf[used++] = ' ';
			int w = key_value(buf + used, sizeof buf - used, keys[k].key, hp_find(r, keys[k].key));
			used = TB_MIN(used + (size_t)(w > 0 ? w : 0), sizeof buf - 1);
		}
		return xstrdup(used ? buf : "all");
	}
	/* the regex: its first capture group, else the whole match */
	char *name = xstrndup(r->name, r->name_len);    /* regexec wants a NUL */
	regmatch_t m[2];
	if (regexec(&g->re, name, 2, m, 0) == 0) {
		regmatch_t *c = m[1].rm_so >= 0 ? &m[1] : &m[0];
		if (c->rm_eo > c->rm_so) {
			char *grp = xstrndup(name + c->rm_so, (size_t)(c->rm_eo - c->rm_so));
			free(name);
			return grp;
		}
	}
	return name;
}

void run_groups_make(const struct group_spec *g, const struct run *const *runs, size_t n,
		     struct run_groups *out)
{
	memset(out, 0, sizeof *out);
	out->of = xcalloc(n ? n : 1, sizeof *out->of);
	struct hp_key *keys = NULL;
	size_t nk = g->by == GROUP_ALL_BUT ? hp_keys(runs, n, &keys) : 0;
	size_t capn = 0, capr = 0;
	for (size_t i = 0; i < n; i++) {
		char *name = g->by == GROUP_NONE ? xstrndup(runs[i]->name, runs[i]->name_len)
						 : name_of(g, runs[i], keys, nk);
		size_t k = 0;
		while (k < out->n && strcmp(out->names[k], name) != 0)
			k++;
		if (k == out->n) {
			xgrow((void **)&out->names, &capn, out->n + 1, sizeof *out->names);
			xgrow((void **)&out->nruns, &capr, out->n + 1, sizeof *out->nruns);
			out->names[out->n] = name;
			out->nruns[out->n++] = 0;
		} else {
			free(name);
		}
		out->nruns[k]++;
		out->of[i] = k;
	}
	free(keys);
}

void run_groups_free(struct run_groups *rg)
{
	for (size_t i = 0; i < rg->n; i++)
		free(rg->names[i]);
	free(rg->names);
	free(rg->nruns);
	free(rg->of);
	memset(rg, 0, sizeof *rg);
}
