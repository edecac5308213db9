/* runs.c: the run list at scale. T ranks runs by the best value of the
 * selected chart's tag and keeps the top N; with many runs shown, the
 * charts draw only the run list's visible page (and the selected run), so
 * a 10,000-run sweep stays readable and a frame stays cheap. A run's
 * state and age, for the list and the runs table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

bool model_run_listed(const struct view *v, size_t i)
{
	return !v->runs[i].filtered && !v->runs[i].cut;
}

size_t model_listed_count(const struct view *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->nruns; i++)
		n += model_run_listed(v, i);
	return n;
}

/* Ranked runs first, best first in the tag's direction; runs without a
 * value after them; ties and the rest in natural order. */
static int cmp_rank(const void *x, const void *y)
{
	const struct view_run *a = x, *b = y;
	bool ha = !isnan(a->rank), hb = !isnan(b->rank);
	if (ha != hb)
		return ha ? -1 : 1;
	if (ha && a->rank != b->rank)   /* ranks are negated for max tags */
		return a->rank < b->rank ? -1 : 1;
	return natural_cmp(a->run->name, a->run->name_len, b->run->name, b->run->name_len);
}

/* The tag of the selected chart (a group header ranks by its first tag). */
static const struct view_tag *ranked_tag(const struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	if (!it)
		return NULL;
	if (it->tag != SIZE_MAX)
		return &v->tags[it->tag];
	const struct view_group *g = &v->groups[it->group];
	return g->count ? &v->tags[g->first] : NULL;
}

void runs_rank(struct view *v)
{
	free(v->top_tag);
	v->top_tag = NULL;
	for (size_t i = 0; i < v->nruns; i++)
		v->runs[i].cut = false;
	const struct view_tag *t = ranked_tag(v);
	if (!v->top || !t)
		return;
	struct run *sel = v->run_sel < v->nruns ? v->runs[v->run_sel].run : NULL;
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *r = &v->runs[i];
		const struct series *s = r->filtered ? NULL : run_find_series(r->run, t->tag, t->len);
		r->rank = r->best = NAN;
		if (s && s->best != SIZE_MAX && s->best < s->n) {
			r->best = series_value(s, s->best);
			r->rank = s->dir == BEST_MAX ? -r->best : r->best;
		}
	}
	qsort(v->runs, v->nruns, sizeof *v->runs, cmp_rank);
	size_t kept = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *r = &v->runs[i];
		r->cut = r->filtered || isnan(r->rank) || kept >= TOP_N;
		kept += !r->cut;
	}
	/* keep the selection on its run, or the best one when it was cut */
	v->run_sel = 0;
	for (size_t i = 0; i < v->nruns; i++)
		if (v->runs[i].run == sel && !v->runs[i].cut)
			v->run_sel = i;
	if (v->run_sel < v->nruns && v->runs[v->run_sel].cut)
		v->run_sel = 0;
	v->top_tag = t->disp ? xstrdup(t->disp) : NULL;
}

void runs_page(struct view *v, size_t rows)
{
	size_t pos = 0, sel_pos = 0, n = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		if (!model_run_listed(v, i))
			continue;
		if (i == v->run_sel)
			sel_pos = pos;
		pos++;
	}
	n = pos;
	if (rows == 0)
		rows = 1;
	/* scroll only as far as the selection needs */
	if (sel_pos < v->list_first)
		v->list_first = sel_pos;
	if (sel_pos >= v->list_first + rows)
		v->list_first = sel_pos - rows + 1;
	if (v->list_first + rows > n)
		v->list_first = n > rows ? n - rows : 0;
	v->page_lo = v->nruns;
	v->page_hi = 0;
	pos = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		if (!model_run_listed(v, i))
			continue;
		if (pos >= v->list_first && pos < v->list_first + rows) {
			if (v->page_lo == v->nruns)
				v->page_lo = i;
			v->page_hi = i;
		}
		pos++;
	}
}

static bool run_live(const struct view_run *r, const struct view_status *s)
{
	/* live: points arrived in the last minute after the first load, so a
	 * finished sweep does not light up just for being read */
	return s->loaded_at > 0 && r->run->last_append > s->loaded_at && s->now - r->run->last_append < LIVE_SECS;
}

/* A run's state in one cell: live, stale (its files are gone), finished
 * (as its format says), or blank. Letters in ASCII: the glyphs that tell
 * runs apart are punctuation. */
const char *runs_state(const struct view *v, const struct view_run *r, const struct view_status *s)
{
	if (run_live(r, s))
		return v->utf8 ? "\xe2\x97\x8f" : "L";
	if (r->run->stale)
		return v->utf8 ? "\xe2\x9c\x97" : "S";
	if (r->run->finished)
		return v->utf8 ? "\xe2\x9c\x93" : "F";
	return " ";
}

/* How long ago a run last wrote: 12s, 3m, 2h, 5d. */
void runs_age(const struct view_run *r, const struct view_status *s, char *buf, size_t cap)
{
	double a = s->wall_now - r->last_wall;
	if (!(r->last_wall > 0) || a < 0)
		snprintf(buf, cap, "-");
	else if (a < 60)
		snprintf(buf, cap, "%.0fs", a);
	else if (a < 3600)
		snprintf(buf, cap, "%.0fm", a / 60);
	else if (a < 86400 * 2)
		snprintf(buf, cap, "%.0fh", a / 3600);
	else
		snprintf(buf, cap, "%.0fd", a / 86400);
}
