/* model.c: what the screen lists, rebuilt from the store when it changes:
 * runs in natural order with their visibility, tags grouped by the prefix
 * before the first '/', and the grid's navigation items. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "ui_int.h"

/* "layer10" after "layer9": digit runs compare by value. */
int natural_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && j < bn) {
		if (isdigit((unsigned char)a[i]) && isdigit((unsigned char)b[j])) {
			size_t i0 = i, j0 = j;
			while (i0 < an && a[i0] == '0') i0++;
			while (j0 < bn && b[j0] == '0') j0++;
			size_t i1 = i0, j1 = j0;
			while (i1 < an && isdigit((unsigned char)a[i1])) i1++;
			while (j1 < bn && isdigit((unsigned char)b[j1])) j1++;
			if (i1 - i0 != j1 - j0)
				return i1 - i0 < j1 - j0 ? -1 : 1;
			int c = memcmp(a + i0, b + j0, i1 - i0);
			if (c)
				return c;
			i = i1;
			j = j1;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ? -1 : 1;
		i++;
		j++;
	}
	return (an - i > 0) - (bn - j > 0);
}

static int cmp_runs(const void *x, const void *y)
{
	const struct ui_run *a = x, *b = y;
	return natural_cmp(a->run->name, a->run->name_len, b->run->name, b->run->name_len);
}

static int cmp_tags(const void *x, const void *y)
{
	const struct ui_tag *a = x, *b = y;
	return natural_cmp(a->tag, a->len, b->tag, b->len);
}

static void free_tags(struct ui *u)
{
	for (size_t i = 0; i < u->ntags; i++)
		free(u->tags[i].disp);
	free(u->tags);
	u->tags = NULL;
	u->ntags = 0;
	for (size_t i = 0; i < u->ngroups; i++)
		free(u->groups[i].name);
	free(u->groups);
	u->groups = NULL;
	u->ngroups = 0;
	free(u->items);
	u->items = NULL;
	u->nitems = 0;
}

static void free_runs(struct ui *u)
{
	for (size_t i = 0; i < u->nruns; i++)
		free(u->runs[i].disp);
	free(u->runs);
	u->runs = NULL;
	u->nruns = 0;
}

void model_free(struct ui *u)
{
	free_tags(u);
	free_runs(u);
	for (size_t i = 0; i < u->ncollapsed; i++)
		free(u->collapsed[i]);
	free(u->collapsed);
	free(u->hidden_by_index);
	free(u->top_tag);
	if (u->have_run_re)
		regfree(&u->run_re);
	if (u->have_tag_re)
		regfree(&u->tag_re);
}

bool model_run_shown(const struct ui *u, size_t i)
{
	if (u->runs[i].hidden || !model_run_listed(u, i))
		return false;
	/* many runs: the charts follow the run list's page */
	return !u->charts_paged || i == u->run_sel || (i >= u->page_lo && i <= u->page_hi);
}

static bool regex_match(const regex_t *re, const char *s, size_t len)
{
	char buf[1024];
	size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;     /* raw bytes may hold NUL; match what precedes it */
	return regexec(re, buf, 0, NULL, 0) == 0;
}

static bool group_collapsed(const struct ui *u, const char *name)
{
	for (size_t i = 0; i < u->ncollapsed; i++)
		if (strcmp(u->collapsed[i], name) == 0)
			return true;
	return false;
}

/* Earliest wall time of a run, for relative time. */
static double first_wall(const struct run *r)
{
	double fw = 0;
	bool have = false;
	for (size_t k = 0; k < r->nseries; k++) {
		const struct series *s = r->series[k];
		if (s->n && (!have || series_wall(s, 0) < fw)) {
			fw = series_wall(s, 0);
			have = true;
		}
	}
	return fw;
}

/* Same runs, new points: what a point can change, without re-sorting or
 * re-filtering thousands of names on every frame of a load. */
static int refresh_runs(struct ui *u)
{
	for (size_t i = 0; i < u->nruns; i++) {
		struct ui_run *ur = &u->runs[i];
		struct run *r = ur->run;
		ur->first_wall = first_wall(r);
		if (ur->label != r->label) {
			char *d = sanitize_dup(r->label ? r->label : r->name,
					r->label ? strlen(r->label) : r->name_len, !u->utf8);
			if (!d)
				return TB_NOMEM;
			free(ur->disp);
			ur->disp = d;
			ur->label = r->label;
		}
	}
	return TB_OK;
}

static int build_runs(struct ui *u)
{
	struct store *st = &u->app->store;
	const char *sel_name = NULL;
	size_t sel_len = 0;
	if (u->run_sel < u->nruns) {
		sel_name = u->runs[u->run_sel].run->name;
		sel_len = u->runs[u->run_sel].run->name_len;
	}
	struct ui_run *runs = calloc(st->nruns ? st->nruns : 1, sizeof *runs);
	if (!runs)
		return TB_NOMEM;
	if (st->nruns > u->nhidden_cap) {
		bool *h = realloc(u->hidden_by_index, st->nruns * sizeof *h);
		if (!h) {
			free(runs);
			return TB_NOMEM;
		}
		memset(h + u->nhidden_cap, 0, (st->nruns - u->nhidden_cap) * sizeof *h);
		u->hidden_by_index = h;
		u->nhidden_cap = st->nruns;
	}
	for (size_t i = 0; i < st->nruns; i++) {
		struct run *r = st->runs[i];
		runs[i].run = r;
		const char *nm = r->label ? r->label : r->name;
		size_t nl = r->label ? strlen(r->label) : r->name_len;
		runs[i].disp = sanitize_dup(nm, nl, !u->utf8);
		runs[i].hidden = u->hidden_by_index[r->index];
		runs[i].filtered = u->have_run_re && !regex_match(&u->run_re, r->name, r->name_len);
		runs[i].label = r->label;
		runs[i].first_wall = first_wall(r);
	}
	qsort(runs, st->nruns, sizeof *runs, cmp_runs);
	free_runs(u);
	u->runs = runs;
	u->nruns = st->nruns;
	u->run_sel = 0;
	for (size_t i = 0; sel_name && i < u->nruns; i++)
		if (u->runs[i].run->name_len == sel_len && memcmp(u->runs[i].run->name, sel_name, sel_len) == 0)
			u->run_sel = i;
	return TB_OK;
}

static int build_tags(struct ui *u)
{
	/* previous selection, to keep it across the rebuild */
	char *sel = NULL;
	const struct ui_item *it = model_sel_item(u);
	if (it && it->tag != SIZE_MAX)
		sel = strdup(u->tags[it->tag].disp);
	else if (it)
		sel = strdup(u->groups[it->group].name);
	free_tags(u);
	size_t cap = 0;
	for (size_t i = 0; i < u->nruns; i++)
		cap += u->runs[i].run->nseries;
	u->tags = calloc(cap ? cap : 1, sizeof *u->tags);
	u->groups = calloc(cap ? cap : 1, sizeof *u->groups);
	u->items = calloc(cap * 2 + 1, sizeof *u->items);
	if (!u->tags || !u->groups || !u->items) {
		free(sel);
		return TB_NOMEM;
	}
	/* unique tags through a hash first: 10,000 runs share a few tags,
	 * and sorting every run's copy would cost more than the frame */
	struct strmap seen;
	if (strmap_init(&seen)) {
		free(sel);
		return TB_NOMEM;
	}
	size_t m = 0;
	for (size_t i = 0; i < u->nruns; i++) {
		if (u->runs[i].filtered)
			continue;
		struct run *r = u->runs[i].run;
		for (size_t k = 0; k < r->nseries; k++) {
			struct series *s = r->series[k];
			if (!s->n)
				continue;   /* text or image only tags: nothing to chart */
			if (strmap_get(&seen, s->tag, s->tag_len))
				continue;
			if (strmap_put(&seen, s->tag, s->tag_len, u))
				break;
			if (u->have_tag_re && !regex_match(&u->tag_re, s->tag, s->tag_len))
				continue;
			u->tags[m].tag = s->tag;
			u->tags[m].len = s->tag_len;
			m++;
		}
	}
	strmap_free(&seen);
	qsort(u->tags, m, sizeof *u->tags, cmp_tags);
	u->ntags = m;
	/* groups: tags sorted naturally keep each prefix contiguous */
	for (size_t i = 0; i < m; i++) {
		struct ui_tag *t = &u->tags[i];
		t->disp = sanitize_dup(t->tag, t->len, !u->utf8);
		const char *slash = memchr(t->tag, '/', t->len);
		size_t plen = slash ? (size_t)(slash - t->tag) : t->len;
		struct ui_group *g = u->ngroups ? &u->groups[u->ngroups - 1] : NULL;
		char *pname = sanitize_dup(t->tag, plen, !u->utf8);
		if (!g || !pname || strcmp(g->name, pname) != 0) {
			g = &u->groups[u->ngroups++];
			g->name = pname;
			g->first = i;
			g->collapsed = pname && group_collapsed(u, pname);
		} else {
			free(pname);
		}
		g->count++;
		t->group = u->ngroups - 1;
	}
	u->item_sel = 0;
	for (size_t g = 0; g < u->ngroups; g++) {
		struct ui_group *gr = &u->groups[g];
		if (sel && strcmp(sel, gr->name) == 0)
			u->item_sel = u->nitems;
		u->items[u->nitems++] = (struct ui_item){ g, SIZE_MAX };
		if (gr->collapsed)
			continue;
		for (size_t t = gr->first; t < gr->first + gr->count; t++) {
			if (sel && strcmp(sel, u->tags[t].disp) == 0)
				u->item_sel = u->nitems;
			u->items[u->nitems++] = (struct ui_item){ g, t };
		}
	}
	/* start on the first chart rather than a header */
	if (!sel && u->nitems > 1)
		u->item_sel = 1;
	free(sel);
	return TB_OK;
}

/* Series with points in runs the filter lets through: the tag list can
 * only change when this does. */
static size_t tags_signature(const struct ui *u)
{
	size_t sig = 0;
	for (size_t i = 0; i < u->nruns; i++) {
		if (u->runs[i].filtered)
			continue;
		const struct run *r = u->runs[i].run;
		for (size_t k = 0; k < r->nseries; k++)
			sig += r->series[k]->n > 0;
	}
	return sig;
}

int model_rebuild(struct ui *u)
{
	bool full = u->runs_dirty || u->app->store.nruns != u->nruns;
	int rc = full ? build_runs(u) : refresh_runs(u);
	size_t sig = tags_signature(u);
	if (rc == TB_OK && (full || u->tags_dirty || sig != u->tags_sig || !u->tags))
		rc = build_tags(u);
	if (rc == TB_OK)
		rc = runs_rank(u);
	if (rc == TB_OK) {
		u->runs_dirty = false;
		u->tags_dirty = false;
		u->tags_sig = sig;
	}
	u->model_gen = u->app->store.gen;
	u->model_dirty = false;
	u->dirty = true;
	return rc;
}

const struct ui_item *model_sel_item(const struct ui *u)
{
	return u->item_sel < u->nitems ? &u->items[u->item_sel] : NULL;
}

void model_toggle_group(struct ui *u, size_t g)
{
	const char *name = u->groups[g].name;
	for (size_t i = 0; i < u->ncollapsed; i++)
		if (strcmp(u->collapsed[i], name) == 0) {
			free(u->collapsed[i]);
			u->collapsed[i] = u->collapsed[--u->ncollapsed];
			u->model_dirty = u->tags_dirty = true;
			return;
		}
	char **c = realloc(u->collapsed, (u->ncollapsed + 1) * sizeof *c);
	if (!c)
		return;
	u->collapsed = c;
	c[u->ncollapsed] = strdup(name);
	if (c[u->ncollapsed])
		u->ncollapsed++;
	u->model_dirty = u->tags_dirty = true;
}

/* which: '/' runs or 't' tags; empty text clears. Returns TB_ERR with a
 * message in u->message when the regex does not compile. */
int model_set_filter(struct ui *u, int which, const char *text)
{
	regex_t *re = which == '/' ? &u->run_re : &u->tag_re;
	bool *have = which == '/' ? &u->have_run_re : &u->have_tag_re;
	char *saved = which == '/' ? u->run_re_text : u->tag_re_text;
	if (!*text) {
		if (*have)
			regfree(re);
		*have = false;
		saved[0] = 0;
		u->model_dirty = u->runs_dirty = u->tags_dirty = true;
		return TB_OK;
	}
	regex_t tmp;
	int rc = regcomp(&tmp, text, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc) {
		char msg[128];
		regerror(rc, &tmp, msg, sizeof msg);
		snprintf(u->message, sizeof u->message, "bad regex: %s", msg);
		return TB_ERR;
	}
	if (*have)
		regfree(re);
	*re = tmp;
	*have = true;
	snprintf(saved, 256, "%s", text);
	u->model_dirty = u->runs_dirty = u->tags_dirty = true;
	return TB_OK;
}
