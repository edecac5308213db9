/* model.c: what the screen lists, rebuilt from the store when it changes:
 * runs in natural order with their visibility, tags grouped by the prefix
 * before the first '/', and the grid's navigation items. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/run_subject.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

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

/* Pinned runs first (*), each part in natural order. */
static int cmp_runs(const void *x, const void *y)
{
	const struct view_run *a = x, *b = y;
	if (a->pinned != b->pinned)
		return a->pinned ? -1 : 1;
	return natural_cmp(a->run->name, a->run->name_len, b->run->name, b->run->name_len);
}

static int cmp_tags(const void *x, const void *y)
{
	const struct view_tag *a = x, *b = y;
	return natural_cmp(a->tag, a->len, b->tag, b->len);
}

static void free_tags(struct view *v)
{
	for (size_t i = 0; i < v->ntags; i++) {
		free(v->tags[i].disp);
		free(v->tags[i].own);
	}
	free(v->tags);
	v->tags = NULL;
	v->ntags = 0;
	for (size_t i = 0; i < v->ngroups; i++)
		free(v->groups[i].name);
	free(v->groups);
	v->groups = NULL;
	v->ngroups = 0;
	free(v->items);
	v->items = NULL;
	v->nitems = 0;
}

static void free_runs(struct view *v)
{
	for (size_t i = 0; i < v->nruns; i++)
		free(v->runs[i].disp);
	free(v->runs);
	v->runs = NULL;
	v->nruns = 0;
}

void model_free(struct view *v)
{
	free_tags(v);
	for (size_t i = 0; i < TB_ARRAY_LEN(v->pane_sel); i++)
		free(v->pane_sel[i]);
	free(v->pane_restore);
	free_runs(v);
	for (size_t i = 0; i < v->ncollapsed; i++)
		free(v->collapsed[i]);
	free(v->collapsed);
	free(v->hidden_by_index);
	free(v->pinned_by_index);
	free(v->top_tag);
	if (v->have_run_re)
		regfree(&v->run_re);
	if (v->have_tag_re)
		regfree(&v->tag_re);
	if (v->have_hide_re)
		regfree(&v->hide_re);
	filter_free(v->run_filter);
	free(v->run_filter_text);
}

bool model_run_shown(const struct view *v, size_t i)
{
	if (v->runs[i].hidden || !model_run_listed(v, i))
		return false;
	/* many runs: the charts follow the run list's page (and the pins) */
	return !v->charts_paged || i == v->run_sel || (i >= v->page_lo && i <= v->page_hi) || v->runs[i].pinned;
}

static bool regex_match(const regex_t *re, const char *s, size_t len)
{
	char buf[1024];
	size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;     /* raw bytes may hold NUL; match what precedes it */
	return regexec(re, buf, 0, NULL, 0) == 0;
}

static bool group_collapsed(const struct view *v, const char *name)
{
	for (size_t i = 0; i < v->ncollapsed; i++)
		if (strcmp(v->collapsed[i], name) == 0)
			return true;
	return false;
}

/* A run's earliest wall time (for relative time) and latest (its age):
 * the first and last point of each series; files' times when the format
 * has none (trainer_state.json). */
static void run_times(struct view_run *vr)
{
	const struct run *r = vr->run;
	double fw = 0, lw = 0;
	bool have = false;
	for (size_t k = 0; k < r->nseries; k++) {
		const struct series *s = r->series[k];
		if (!s->n)
			continue;
		double a = series_wall(s, 0), b = series_wall(s, s->n - 1);
		if (!have || a < fw)
			fw = a;
		if (!have || b > lw)
			lw = b;
		have = true;
	}
	vr->first_wall = fw;
	vr->last_wall = lw > 1e8 ? lw : r->mtime;       /* not Unix times: steps or zeros */
}

/* Same runs, new points: what a point can change, without re-sorting or
 * re-filtering thousands of names on every frame of a load. */
static void refresh_runs(struct view *v)
{
	bool relabel = false;
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *vr = &v->runs[i];
		struct run *r = vr->run;
		run_times(vr);
		if (vr->label != r->label || (v->hp_names && vr->nhp_seen != r->nhparams)) {
			free(vr->disp);
			vr->disp = model_run_disp(v, r);
			vr->label = r->label;
			relabel = true;
		}
		/* a run's facts (hyperparameters, state) may come after its points */
		if (v->run_filter) {
			bool out = (v->have_run_re && !regex_match(&v->run_re, r->name, r->name_len)) ||
				   !run_matches(v->run_filter, r);
			v->tags_dirty |= out != vr->filtered;
			vr->filtered = out;
		}
	}
	if (relabel)
		model_names(v);
}

static void build_runs(struct view *v)
{
	const struct store *st = v->st;
	const char *sel_name = NULL;
	size_t sel_len = 0;
	if (v->run_sel < v->nruns) {
		sel_name = v->runs[v->run_sel].run->name;
		sel_len = v->runs[v->run_sel].run->name_len;
	}
	struct view_run *runs = xcalloc(st->nruns, sizeof *runs);
	if (st->nruns > v->nhidden_cap) {
		v->hidden_by_index = xreallocarray(v->hidden_by_index, st->nruns, sizeof *v->hidden_by_index);
		memset(v->hidden_by_index + v->nhidden_cap, 0, (st->nruns - v->nhidden_cap) * sizeof *v->hidden_by_index);
		v->nhidden_cap = st->nruns;
	}
	for (size_t i = 0; i < st->nruns; i++) {
		struct run *r = st->runs[i];
		runs[i].run = r;
		runs[i].disp = model_run_disp(v, r);
		runs[i].hidden = v->hidden_by_index[r->index];
		runs[i].pinned = r->index < v->npinned_cap && v->pinned_by_index[r->index];
		runs[i].filtered = (v->have_run_re && !regex_match(&v->run_re, r->name, r->name_len)) ||
				   !run_matches(v->run_filter, r);
		runs[i].label = r->label;
		run_times(&runs[i]);
	}
	qsort(runs, st->nruns, sizeof *runs, cmp_runs);
	free_runs(v);
	v->runs = runs;
	v->nruns = st->nruns;
	v->run_sel = 0;
	for (size_t i = 0; sel_name && i < v->nruns; i++)
		if (v->runs[i].run->name_len == sel_len && memcmp(v->runs[i].run->name, sel_name, sel_len) == 0)
			v->run_sel = i;
	model_names(v);
}

static bool tag_kept(const struct view *v, const char *tag, size_t len)
{
	return (!v->have_tag_re || regex_match(&v->tag_re, tag, len)) &&
	       !(v->have_hide_re && regex_match(&v->hide_re, tag, len));
}

/* The tags of unfiltered runs that have points, once each, sorted: 10,000
 * runs share a few tags, and sorting every run's copy would cost more than
 * the frame. Machine metrics are the system pane's, never the grid's. */
static void collect_tags(struct view *v, size_t cap)
{
	if (v->system) {
		system_collect(v, cap, tag_kept);
		return;
	}
	struct strmap seen;
	strmap_init(&seen);
	size_t m = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		if (v->runs[i].filtered)
			continue;
		struct run *r = v->runs[i].run;
		for (size_t k = 0; k < r->nseries && m < cap; k++) {
			struct series *s = r->series[k];
			if (!s->n || system_tag(s->tag, s->tag_len) || strmap_get(&seen, s->tag, s->tag_len))
				continue;   /* text or image only tags: nothing to chart */
			strmap_put(&seen, s->tag, s->tag_len, v);
			if (!tag_kept(v, s->tag, s->tag_len))
				continue;
			v->tags[m].tag = s->tag;
			v->tags[m].len = s->tag_len;
			m++;
		}
	}
	strmap_free(&seen);
	qsort(v->tags, m, sizeof *v->tags, cmp_tags);
	v->ntags = m;
}

/* Groups: tags sorted naturally keep each prefix contiguous. */
static void group_tags(struct view *v)
{
	for (size_t i = 0; i < v->ntags; i++) {
		struct view_tag *t = &v->tags[i];
		t->disp = sanitize_dup(t->tag, t->len, !v->utf8);
		const char *slash = memchr(t->tag, '/', t->len);
		size_t plen = slash ? (size_t)(slash - t->tag) : t->len;
		struct view_group *g = v->ngroups ? &v->groups[v->ngroups - 1] : NULL;
		char *pname = sanitize_dup(t->tag, plen, !v->utf8);
		if (!g || strcmp(g->name, pname) != 0) {
			g = &v->groups[v->ngroups++];
			g->name = pname;
			g->first = i;
			g->collapsed = group_collapsed(v, pname);
		} else {
			free(pname);
		}
		g->count++;
		t->group = v->ngroups - 1;
	}
}

/* Has a run the charts can show points of tag t? With many runs the
 * charts follow the run list's page, and a chart none of its runs has
 * would be an empty box. */
static bool run_has(const struct view *v, size_t r, const struct view_tag *t)
{
	if (r >= v->nruns || !model_run_listed(v, r))
		return false;
	const struct series *s = run_find_series(v->runs[r].run, t->tag, t->len);
	return s && s->n;
}

static bool tag_shown(const struct view *v, const struct view_tag *t)
{
	if (v->system)
		return true;    /* collected from the runs that have points of it */
	size_t lo = v->charts_paged ? v->page_lo : 0, hi = v->charts_paged ? v->page_hi + 1 : v->nruns;
	for (size_t i = lo; i < hi && i < v->nruns; i++)
		if (run_has(v, i, t))
			return true;
	for (size_t i = 0; v->charts_paged && i < v->nruns && v->runs[i].pinned; i++)
		if (run_has(v, i, t))
			return true;
	return v->charts_paged && run_has(v, v->run_sel, t);
}

/* The grid's items: each group's header, then its charts unless folded,
 * leaving out groups and charts with nothing to show; the selection stays
 * on the item named sel. */
static void list_items(struct view *v, const char *sel)
{
	v->item_sel = 0;
	v->nitems = 0;
	bool found = false;
	for (size_t g = 0; g < v->ngroups; g++) {
		struct view_group *gr = &v->groups[g];
		gr->shown = 0;
		for (size_t t = gr->first; t < gr->first + gr->count; t++)
			gr->shown += v->tags[t].shown = tag_shown(v, &v->tags[t]);
		if (!gr->shown)
			continue;
		if (sel && strcmp(sel, gr->name) == 0) {
			v->item_sel = v->nitems;
			found = true;
		}
		v->items[v->nitems++] = (struct view_item){ g, SIZE_MAX };
		if (gr->collapsed)
			continue;
		for (size_t t = gr->first; t < gr->first + gr->count; t++) {
			if (!v->tags[t].shown)
				continue;
			if (sel && strcmp(sel, v->tags[t].disp) == 0) {
				v->item_sel = v->nitems;
				found = true;
			}
			v->items[v->nitems++] = (struct view_item){ g, t };
		}
	}
	/* start on the first chart rather than a header */
	if (!found && v->nitems > 1)
		v->item_sel = 1;
	v->items_paged = v->charts_paged;
	v->items_lo = v->page_lo;
	v->items_hi = v->page_hi;
	v->items_run = v->run_sel;
}

/* The selected item's name, when the user chose it (NULL: the first chart). */
char *model_sel_name(const struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	/* until the user moves it, the selection stays on the first chart
	 * while a load adds tags before it */
	if (!it || !v->item_chosen)
		return NULL;
	return xstrdup(it->tag != SIZE_MAX ? v->tags[it->tag].disp : v->groups[it->group].name);
}

void model_items(struct view *v)
{
	char *sel = model_sel_name(v);
	list_items(v, sel);
	free(sel);
}

static void build_tags(struct view *v)
{
	/* the previous selection, to keep it across the rebuild; after M, the
	 * one the user left in this pane */
	char *sel = v->pane_restore ? v->pane_restore : model_sel_name(v);
	v->pane_restore = NULL;
	v->item_chosen = v->item_chosen || sel;
	free_tags(v);
	size_t cap = 0;
	for (size_t i = 0; i < v->nruns; i++)
		cap += v->runs[i].run->nseries;
	v->tags = xcalloc(cap, sizeof *v->tags);
	v->groups = xcalloc(cap, sizeof *v->groups);
	v->items = xcalloc(cap * 2 + 1, sizeof *v->items);
	collect_tags(v, cap);
	group_tags(v);
	list_items(v, sel);
	free(sel);
}

/* Series with points in runs the filter lets through: the tag list can
 * only change when this does. */
static size_t tags_signature(const struct view *v)
{
	size_t sig = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		if (v->runs[i].filtered)
			continue;
		const struct run *r = v->runs[i].run;
		for (size_t k = 0; k < r->nseries; k++)
			sig += r->series[k]->n > 0;
	}
	return sig;
}

void model_rebuild(struct view *v)
{
	bool full = v->runs_dirty || v->st->nruns != v->nruns;
	if (full)
		build_runs(v);
	else
		refresh_runs(v);
	size_t sig = tags_signature(v);
	if (full || v->tags_dirty || sig != v->tags_sig || !v->tags)
		build_tags(v);
	runs_rank(v);
	/* the selection stays among the listed runs (a filter may leave it out) */
	if (v->run_sel < v->nruns && !model_run_listed(v, v->run_sel))
		for (size_t i = 0; i < v->nruns; i++)
			if (model_run_listed(v, i)) {
				v->run_sel = i;
				break;
			}
	v->runs_dirty = false;
	v->tags_dirty = false;
	v->tags_sig = sig;
	v->model_gen = v->st->gen;
	v->model_dirty = false;
	v->model_epoch++;
}

const struct view_item *model_sel_item(const struct view *v)
{
	return v->item_sel < v->nitems ? &v->items[v->item_sel] : NULL;
}

void model_toggle_group(struct view *v, size_t g)
{
	const char *name = v->groups[g].name;
	for (size_t i = 0; i < v->ncollapsed; i++)
		if (strcmp(v->collapsed[i], name) == 0) {
			free(v->collapsed[i]);
			v->collapsed[i] = v->collapsed[--v->ncollapsed];
			v->model_dirty = v->tags_dirty = true;
			return;
		}
	v->collapsed = xreallocarray(v->collapsed, v->ncollapsed + 1, sizeof *v->collapsed);
	v->collapsed[v->ncollapsed++] = xstrdup(name);
	v->model_dirty = v->tags_dirty = true;
}

/* which: '/' runs or 't' tags; empty text clears. Returns TB_ERR with a
 * message in v->message when the regex does not compile. */
/* F: an expression over the runs' facts; a bad one is named where it
 * goes wrong, and the last good one stays. */
static int set_expr(struct view *v, const char *text)
{
	struct filter *f = NULL;
	char err[256];
	if (filter_compile(text, &f, err, sizeof err, NULL) != TB_OK) {
		snprintf(v->message, sizeof v->message, "%s", err);
		return TB_ERR;
	}
	filter_free(v->run_filter);
	free(v->run_filter_text);
	v->run_filter = *text ? f : NULL;
	v->run_filter_text = *text ? xstrdup(text) : NULL;
	if (!*text)
		filter_free(f);
	v->model_dirty = v->runs_dirty = v->tags_dirty = true;
	return TB_OK;
}

int model_set_filter(struct view *v, int which, const char *text)
{
	if (which == 'F')
		return set_expr(v, text);
	regex_t *re = which == '/' ? &v->run_re : &v->tag_re;
	bool *have = which == '/' ? &v->have_run_re : &v->have_tag_re;
	char *saved = which == '/' ? v->run_re_text : v->tag_re_text;
	if (!*text) {
		if (*have)
			regfree(re);
		*have = false;
		saved[0] = 0;
		v->model_dirty = v->runs_dirty = v->tags_dirty = true;
		return TB_OK;
	}
	regex_t tmp;
	int rc = regcomp(&tmp, text, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc) {
		char msg[128];
		regerror(rc, &tmp, msg, sizeof msg);
		snprintf(v->message, sizeof v->message, "bad regex: %s", msg);
		return TB_ERR;
	}
	if (*have)
		regfree(re);
	*re = tmp;
	*have = true;
	snprintf(saved, 256, "%s", text);
	v->model_dirty = v->runs_dirty = v->tags_dirty = true;
	return TB_OK;
}
