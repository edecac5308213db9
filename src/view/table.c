/* table.c: the runs table (R), a view of its own: one row a listed run;
 * columns: name, state and age, the hyperparameters that differ between
 * the listed runs (those equal everywhere fold into one line), then last,
 * best and best step of the selected chart's tag and of the pinned tags,
 * then points. Sorted by any column; rows show, hide and solo runs for
 * the charts. Built from the model when it or the table's settings change. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/hpdiff.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define COL_MAX_W 18            /* a hyperparameter's column, at most */

static void cols_free(struct view *v)
{
	for (size_t i = 0; i < v->ntcols; i++)
		free(v->tcols[i].key);
	free(v->tcols);
	v->tcols = NULL;
	v->ntcols = 0;
	free(v->tsame);
	v->tsame = NULL;
}

void table_free(struct view *v)
{
	cols_free(v);
	free(v->torder);
	v->torder = NULL;
	for (size_t i = 0; i < v->npinned; i++)
		free(v->pinned[i]);
	v->npinned = 0;
}

static void add_col(struct view *v, enum table_kind k, const char *key, size_t len, const char *head)
{
	v->tcols = xreallocarray(v->tcols, v->ntcols + 1, sizeof *v->tcols);
	v->tcols[v->ntcols++] = (struct table_col){ k, key ? xstrndup(key, len) : NULL, len, head, 0, 0 };
}

/* The listed runs' hyperparameter keys: those that differ are columns,
 * those equal everywhere fold into one line (v->tsame). */
static void hparam_cols(struct view *v)
{
	const struct run **runs = xcalloc(v->nruns + 1, sizeof *runs);
	size_t n = 0;
	for (size_t i = 0; i < v->nruns; i++)
		if (model_run_listed(v, i))
			runs[n++] = v->runs[i].run;
	struct hp_col *cols;
	size_t nc = hpdiff_columns(runs, n, &cols);
	char same[2048] = "";
	size_t used = 0;
	v->ntsame = 0;
	for (size_t k = 0; k < nc; k++) {
		if (!cols[k].same) {
			add_col(v, TC_HPARAM, cols[k].key, strlen(cols[k].key), NULL);
		} else if (used + 4 < sizeof same) {
			v->ntsame++;
			char val[64];
			hp_value_text(cols[k].value, val, sizeof val);
			used += (size_t)snprintf(same + used, sizeof same - used, "%s%s=%s", used ? "  " : "",
						 cols[k].key, val);
		}
	}
	free(cols);
	free(runs);
	if (used) {
		used = TB_MIN(used, sizeof same - 1);
		v->tsame = xmalloc(used * 4 + 1);
		sanitize_str(same, used, v->tsame, used * 4 + 1, !v->utf8);
	}
}

static void tag_cols(struct view *v, const char *tag, size_t len)
{
	for (size_t i = 0; i < v->ntcols; i++)
		if (v->tcols[i].kind == TC_LAST && v->tcols[i].len == len && memcmp(v->tcols[i].key, tag, len) == 0)
			return;     /* pinned and selected: once */
	add_col(v, TC_LAST, tag, len, "last");
	add_col(v, TC_BEST, tag, len, "best");
	add_col(v, TC_BEST_STEP, tag, len, "@step");
}

/* A cell: its text (sanitised) and, for sorting, its number (NaN: text). */
void table_cell(const struct view *v, struct table_col *c, size_t run, const struct view_status *s,
		char *buf, size_t cap, double *num)
{
	const struct view_run *vr = &v->runs[run];
	const struct run *r = vr->run;
	*num = NAN;
	buf[0] = 0;
	if (c->kind == TC_NAME) {
		snprintf(buf, cap, "%s", vr->disp ? vr->disp + vr->strip : "?");
	} else if (c->kind == TC_STATE) {
		char age[16];
		*num = vr->last_wall > 0 ? -vr->last_wall : NAN;       /* newest first */
		if (!s)
			return;     /* its text only when drawn: it needs the clock */
		runs_age(vr, s, age, sizeof age);
		snprintf(buf, cap, "%s %s", runs_state(v, vr, s), age);
	} else if (c->kind == TC_POINTS) {
		text_count(r->npoints, buf, cap);
		*num = (double)r->npoints;
	} else if (c->kind == TC_HPARAM) {
		const char *val = run_hparam_near(r, c->key, &c->hint);
		if (!val)
			return;
		sanitize_str(val, strlen(val), buf, cap, !v->utf8);
		double d;
		if (hp_number(val, &d)) {
			*num = d;
			if (strlen(val) > 8 || strpbrk(val, "eE"))
				hp_shortest(d, buf, cap);       /* 0.20000000000000001 reads 0.2 */
		}
	} else {
		const struct series *sr = run_find_series(r, c->key, c->len);
		size_t k = !sr ? SIZE_MAX : c->kind == TC_LAST ? series_last(sr) : sr->best;
		if (k == SIZE_MAX)
			return;
		if (c->kind == TC_BEST_STEP) {
			*num = (double)series_step(sr, k);
			snprintf(buf, cap, "%lld", (long long)series_step(sr, k));
		} else {
			*num = series_value(sr, k);
			label_value(*num, buf, cap);
		}
	}
}

struct sort_key {
	size_t run;
	double num;
	char text[64];
};

static int cmp_keys(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	bool an = !isnan(a->num), bn = !isnan(b->num);
	if (an != bn)
		return an ? -1 : 1;     /* numbers before text */
	if (an && a->num != b->num)
		return a->num < b->num ? -1 : 1;
	int c = natural_cmp(a->text, strlen(a->text), b->text, strlen(b->text));
	return c ? c : (a->run > b->run) - (a->run < b->run);
}

/* The listed runs in the table's order: by the sort column (blanks last
 * either way), else in the run list's order. */
static void order(struct view *v)
{
	free(v->torder);
	v->torder = xcalloc(v->nruns + 1, sizeof *v->torder);
	v->ntorder = 0;
	struct sort_key *keys = xcalloc(v->nruns + 1, sizeof *keys);
	size_t *blanks = xcalloc(v->nruns + 1, sizeof *blanks);
	size_t n = 0, nblank = 0;
	struct table_col *c = v->table_sort >= 0 && (size_t)v->table_sort < v->ntcols ? &v->tcols[v->table_sort] : NULL;
	for (size_t i = 0; i < v->nruns; i++) {
		if (!model_run_listed(v, i))
			continue;
		struct sort_key k = { i, NAN, "" };
		if (c)
			table_cell(v, c, i, NULL, k.text, sizeof k.text, &k.num);
		if (c && isnan(k.num) && !k.text[0])
			blanks[nblank++] = i;   /* blanks gather at the end, in list order */
		else
			keys[n++] = k;
	}
	if (c)
		qsort(keys, n, sizeof *keys, cmp_keys);
	for (size_t i = 0; i < n; i++)
		v->torder[v->ntorder++] = keys[v->table_desc ? n - 1 - i : i].run;
	for (size_t i = 0; i < nblank; i++)
		v->torder[v->ntorder++] = blanks[i];
	free(keys);
	free(blanks);
}

/* The columns and their widths: the header, the widest cell of a listed
 * run, within bounds. */
static void columns(struct view *v)
{
	cols_free(v);
	add_col(v, TC_NAME, NULL, 0, "run");
	add_col(v, TC_STATE, NULL, 0, "age");
	hparam_cols(v);
	const struct view_item *it = model_sel_item(v);
	if (it && it->tag != SIZE_MAX)
		tag_cols(v, v->tags[it->tag].tag, v->tags[it->tag].len);
	for (size_t i = 0; i < v->npinned; i++)
		tag_cols(v, v->pinned[i], strlen(v->pinned[i]));
	add_col(v, TC_POINTS, NULL, 0, "points");
	if (v->table_col >= (int)v->ntcols)
		v->table_col = (int)v->ntcols - 1;
	for (size_t c = 0; c < v->ntcols; c++) {
		struct table_col *tc = &v->tcols[c];
		int w = (tc->head ? (int)strlen(tc->head) : sanitize_width(tc->key)) + 1;   /* and the sort mark */
		if (tc->kind == TC_STATE)
			w = 7;      /* "● 1243d" */
		for (size_t i = 0; i < v->nruns; i++) {
			if (!model_run_listed(v, i))
				continue;
			char buf[400];
			double num;
			table_cell(v, tc, i, NULL, buf, sizeof buf, &num);
			w = TB_MAX(w, sanitize_width(buf));
		}
		tc->w = TB_MIN(w, tc->kind == TC_NAME ? 40 : COL_MAX_W);
	}
}

void table_build(struct view *v)
{
	/* the columns and their widths again only when what they show
	 * changed, the order only when the sort did: 10,000 runs' cells cost
	 * more than a frame */
	const struct view_item *sel = model_sel_item(v);
	uint64_t sig[6] = { v->st->gen, v->model_epoch, v->npinned, sel ? sel->tag + 1 : 0, v->utf8,
			    (uint64_t)(v->table_sort + 1) * 2 + v->table_desc };
	bool same_cols = v->tcols && memcmp(sig, v->table_sig, 5 * sizeof *sig) == 0;
	if (same_cols && sig[5] == v->table_sig[5])
		return;
	memcpy(v->table_sig, sig, sizeof sig);
	if (!same_cols)
		columns(v);
	order(v);
}

/* The selected run's place in the table's order. */
static size_t position(const struct view *v)
{
	for (size_t i = 0; i < v->ntorder; i++)
		if (v->torder[i] == v->run_sel)
			return i;
	return 0;
}

static void move_to(struct view *v, ptrdiff_t d, bool end)
{
	if (!v->ntorder)
		return;
	ptrdiff_t p = end ? (d < 0 ? 0 : (ptrdiff_t)v->ntorder - 1) : (ptrdiff_t)position(v) + d;
	p = p < 0 ? 0 : p >= (ptrdiff_t)v->ntorder ? (ptrdiff_t)v->ntorder - 1 : p;
	v->run_sel = v->torder[p];
}

/* p in the charts: the selected chart's tag joins the table (four at
 * most), or leaves it. */
static void pin(struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	if (!it || it->tag == SIZE_MAX)
		return;
	const struct view_tag *t = &v->tags[it->tag];
	for (size_t i = 0; i < v->npinned; i++)
		if (strlen(v->pinned[i]) == t->len && memcmp(v->pinned[i], t->tag, t->len) == 0) {
			free(v->pinned[i]);
			memmove(&v->pinned[i], &v->pinned[i + 1], (v->npinned - i - 1) * sizeof *v->pinned);
			v->npinned--;
			snprintf(v->message, sizeof v->message, "%s left the runs table", t->disp);
			return;
		}
	if (v->npinned == TB_ARRAY_LEN(v->pinned)) {
		snprintf(v->message, sizeof v->message, "four tags are pinned already (p on one unpins it)");
		return;
	}
	v->pinned[v->npinned++] = xstrndup(t->tag, t->len);
	snprintf(v->message, sizeof v->message, "%s pinned to the runs table (R)", t->disp);
}

bool table_action(struct view *v, int a, int key)
{
	int page = v->table_rows > 1 ? v->table_rows - 1 : 1;
	if (a == ACT_TABLE) {
		v->table = !v->table;
		return true;
	}
	if (a == ACT_PIN) {
		pin(v);
		return true;
	}
	if (!v->table)
		return false;
	switch (a) {
	case ACT_DOWN: move_to(v, 1, false); break;
	case ACT_UP: move_to(v, -1, false); break;
	case ACT_PAGE: move_to(v, key == VK_PGUP ? -page : page, false); break;
	case ACT_END: move_to(v, key == 'g' || key == VK_HOME ? -1 : 1, true); break;
	case ACT_LEFT: v->table_col -= v->table_col > 0; break;
	case ACT_RIGHT: v->table_col += v->table_col + 1 < (int)v->ntcols; break;
	case ACT_SORT:
		v->table_desc = v->table_sort == v->table_col ? !v->table_desc : false;
		v->table_sort = v->table_col;
		break;
	case ACT_ENTER: case ACT_ESC: v->table = false; break;
	default: return false;
	}
	return true;
}
