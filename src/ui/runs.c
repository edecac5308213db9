/* runs.c: the run list at scale. T ranks runs by the best value of the
 * selected chart's tag and keeps the top N; with many runs shown, the
 * charts draw only the run list's visible page (and the selected run), so
 * a 10,000-run sweep stays readable and a frame stays cheap. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "ui_int.h"

bool model_run_listed(const struct ui *u, size_t i)
{
	return !u->runs[i].filtered && !u->runs[i].cut;
}

size_t runs_listed_count(const struct ui *u)
{
	size_t n = 0;
	for (size_t i = 0; i < u->nruns; i++)
		n += model_run_listed(u, i);
	return n;
}

/* Ranked runs first, best first in the tag's direction; runs without a
 * value after them; ties and the rest in natural order. */
static int cmp_rank(const void *x, const void *y)
{
	const struct ui_run *a = x, *b = y;
	bool ha = !isnan(a->rank), hb = !isnan(b->rank);
	if (ha != hb)
		return ha ? -1 : 1;
	if (ha && a->rank != b->rank)   /* ranks are negated for max tags */
		return a->rank < b->rank ? -1 : 1;
	return natural_cmp(a->run->name, a->run->name_len, b->run->name, b->run->name_len);
}

/* The tag of the selected chart (a group header ranks by its first tag). */
static const struct ui_tag *ranked_tag(const struct ui *u)
{
	const struct ui_item *it = model_sel_item(u);
	if (!it)
		return NULL;
	if (it->tag != SIZE_MAX)
		return &u->tags[it->tag];
	const struct ui_group *g = &u->groups[it->group];
	return g->count ? &u->tags[g->first] : NULL;
}

int runs_rank(struct ui *u)
{
	free(u->top_tag);
	u->top_tag = NULL;
	for (size_t i = 0; i < u->nruns; i++)
		u->runs[i].cut = false;
	const struct ui_tag *t = ranked_tag(u);
	if (!u->top || !t)
		return TB_OK;
	struct run *sel = u->run_sel < u->nruns ? u->runs[u->run_sel].run : NULL;
	for (size_t i = 0; i < u->nruns; i++) {
		struct ui_run *r = &u->runs[i];
		const struct series *s = r->filtered ? NULL : run_find_series(r->run, t->tag, t->len);
		r->rank = r->best = NAN;
		if (s && s->best != SIZE_MAX && s->best < s->n) {
			r->best = series_value(s, s->best);
			r->rank = s->dir == BEST_MAX ? -r->best : r->best;
		}
	}
	qsort(u->runs, u->nruns, sizeof *u->runs, cmp_rank);
	size_t kept = 0;
	for (size_t i = 0; i < u->nruns; i++) {
		struct ui_run *r = &u->runs[i];
		r->cut = r->filtered || isnan(r->rank) || kept >= TOP_N;
		kept += !r->cut;
	}
	/* keep the selection on its run, or the best one when it was cut */
	u->run_sel = 0;
	for (size_t i = 0; i < u->nruns; i++)
		if (u->runs[i].run == sel && !u->runs[i].cut)
			u->run_sel = i;
	if (u->run_sel < u->nruns && u->runs[u->run_sel].cut)
		u->run_sel = 0;
	u->top_tag = t->disp ? strdup(t->disp) : NULL;
	return TB_OK;
}

size_t runs_page(struct ui *u, size_t rows)
{
	size_t pos = 0, sel_pos = 0, n = 0;
	for (size_t i = 0; i < u->nruns; i++) {
		if (!model_run_listed(u, i))
			continue;
		if (i == u->run_sel)
			sel_pos = pos;
		pos++;
	}
	n = pos;
	if (rows == 0)
		rows = 1;
	/* scroll only as far as the selection needs */
	if (sel_pos < u->list_first)
		u->list_first = sel_pos;
	if (sel_pos >= u->list_first + rows)
		u->list_first = sel_pos - rows + 1;
	if (u->list_first + rows > n)
		u->list_first = n > rows ? n - rows : 0;
	u->page_lo = u->nruns;
	u->page_hi = 0;
	pos = 0;
	for (size_t i = 0; i < u->nruns; i++) {
		if (!model_run_listed(u, i))
			continue;
		if (pos >= u->list_first && pos < u->list_first + rows) {
			if (u->page_lo == u->nruns)
				u->page_lo = i;
			u->page_hi = i;
		}
		pos++;
	}
	return u->list_first;
}
