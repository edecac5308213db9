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

/* "KEY=VALUE", the value as the runs table shows it. */
static int key_value(char *buf, size_t cap, const char *key, const char *val)
{
	char text[256];
	if (val)
		hp_value_text(val, text, sizeof text);
	return snprintf(buf, cap, "%s=%s", key, val ? text : "(none)");
}

/* The group name of r, malloc'd. */
static char *name_of(const struct group_spec *g, const struct run *r, const struct hp_col *keys, size_t nk)
{
	char buf[1024];
	if (g->by == GROUP_KEY) {
		key_value(buf, sizeof buf, g->key, run_hparam(r, g->key));
		return xstrdup(buf);
	}
	if (g->by == GROUP_ALL_BUT) {
		size_t used = 0;
		buf[0] = 0;
		for (size_t k = 0; k < nk && used + 1 < sizeof buf; k++) {
			if (keys[k].same || strcmp(keys[k].key, g->key) == 0)
				continue;
			if (used)
				buf[used++] = ' ';
			int w = key_value(buf + used, sizeof buf - used, keys[k].key, run_hparam(r, keys[k].key));
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
	struct hp_col *keys = NULL;
	size_t nk = g->by == GROUP_ALL_BUT ? hpdiff_columns(runs, n, &keys) : 0;
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
