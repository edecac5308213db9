/* runs.c: `tailboard runs`, the screen's runs table without a screen: one
 * line a run (those --run, --source and --filter keep): name, state, when
 * it last wrote, the hyperparameters that differ between the runs (named
 * by their keys), last, best and best step of every tag --tag matches,
 * points. --sort COL (or -COL, descending) orders them; numbers sort as
 * numbers, blanks last either way. Tab-separated with a header line for a
 * pipe; on a terminal aligned, after a line with the hyperparameters every
 * run shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "numfmt.h"
#include "outbuf.h"
#include "tailboard/hpdiff.h"
#include "tailboard/run_subject.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"

enum rcol_kind { RC_NAME, RC_STATE, RC_WRITTEN, RC_HPARAM, RC_LAST, RC_BEST, RC_BEST_STEP, RC_POINTS };

struct rcol {
	enum rcol_kind kind;
	const char *key;        /* hyperparameter key or tag */
	size_t len;
	char *head;
};

struct rtable {
	struct rcol *cols;
	size_t ncols;
	struct hp_col *hp;
	size_t nhp;
};

static void col_add(struct rtable *t, enum rcol_kind k, const char *key, size_t len, const char *head)
{
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	t->cols[t->ncols++] = (struct rcol){ k, key, len, xstrdup(head) };
}

static int cmp_tag(const void *a, const void *b)
{
	const struct series *x = *(const struct series *const *)a, *y = *(const struct series *const *)b;
	int c = memcmp(x->tag, y->tag, TB_MIN(x->tag_len, y->tag_len));
	return c ? c : (x->tag_len > y->tag_len) - (x->tag_len < y->tag_len);
}

/* The tags --tag matches in any of the runs, each once, by name. */
static int tag_cols(struct cmd *c, struct rtable *t, struct run **runs, size_t n)
{
	if (!c->opt->tag_re)
		return TB_OK;
	size_t nt = 0, cap = 0;
	const struct series **tags = NULL;
	for (size_t r = 0; r < n; r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser)
			return TB_ERR;
		for (size_t k = 0; k < ns; k++) {
			xgrow((void **)&tags, &cap, nt + 1, sizeof *tags);
			tags[nt++] = ser[k];
		}
		free(ser);
	}
	if (nt)
		qsort(tags, nt, sizeof *tags, cmp_tag);
	for (size_t k = 0; k < nt; k++) {
		if (k && cmp_tag(&tags[k], &tags[k - 1]) == 0)
			continue;
		char *name = sanitize_dup(tags[k]->tag, tags[k]->tag_len, false);
		char head[600];
		static const char *const what[] = { "last", "best", "best_step" };
		for (int w = 0; w < 3; w++) {
			snprintf(head, sizeof head, "%s:%s", name ? name : "?", what[w]);
			col_add(t, (enum rcol_kind)(RC_LAST + w), tags[k]->tag, tags[k]->tag_len, head);
		}
		free(name);
	}
	free(tags);
	return TB_OK;
}

/* A cell's text (sanitised, no tabs or controls) and, to sort by, its
 * number (NaN: sort by text). */
static void cell(const struct rcol *col, const struct run *r, char *buf, size_t cap, double *num)
{
	*num = NAN;
	snprintf(buf, cap, "-");
	const char *text = NULL;
	if (col->kind == RC_NAME) {
		text = r->name;
	} else if (col->kind == RC_STATE) {
		text = run_state_name(r, (double)time(NULL));
	} else if (col->kind == RC_WRITTEN) {
		*num = run_last_write(r);
		cmd_fmt_iso(*num, buf, cap);
	} else if (col->kind == RC_POINTS) {
		*num = (double)r->npoints;
		buf[cmd_fmt_int((int64_t)r->npoints, buf)] = '\0';
	} else if (col->kind == RC_HPARAM) {
		const char *v = run_hparam(r, col->key);
		if (v && hp_number(v, num))
			hp_shortest(*num, buf, cap);
		else
			text = v;
	} else {
		const struct series *s = run_find_series(r, col->key, col->len);
		size_t k = !s ? SIZE_MAX : col->kind == RC_LAST ? series_last(s) : s->best;
		if (k == SIZE_MAX)
			return;
		if (col->kind == RC_BEST_STEP) {
			*num = (double)series_step(s, k);
			buf[cmd_fmt_int(series_step(s, k), buf)] = '\0';
		} else {
			*num = series_value(s, k);
			cmd_fmt_value(s, k, buf, cap);
		}
	}
	if (text) {
		char *clean = sanitize_dup(text, strlen(text), false);
		snprintf(buf, cap, "%s", clean ? clean : "?");
		free(clean);
	}
}

struct row {
	struct run *run;
	double num;
	char text[256];
	size_t pos;             /* the name order, to keep ties stable */
};

static int cmp_rows(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	bool an = !isnan(a->num), bn = !isnan(b->num);
	if (an != bn)
		return an ? -1 : 1;     /* numbers before text */
	if (an && a->num != b->num)
		return a->num < b->num ? -1 : 1;
	int c = an ? 0 : strcmp(a->text, b->text);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* The runs in --sort's order: blanks ("-") last whichever way. */
static int order(struct cmd *c, const struct rtable *t, struct run **runs, size_t n)
{
	const char *want = c->opt->sort;
	if (!want)
		return TB_OK;
	bool desc = want[0] == '-';
	want += desc;
	const struct rcol *col = NULL;
	for (size_t i = 0; i < t->ncols && !col; i++)
		if (strcmp(t->cols[i].head, want) == 0)
			col = &t->cols[i];
	if (!col) {
		char list[2048] = "";
		size_t used = 0;
		for (size_t i = 0; i < t->ncols && used < sizeof list - 1; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", t->cols[i].head);
		diag_report(c->diag, NULL, -1, "--sort: no column '%s'; the columns are: %s", want, list);
		return TB_ERR;
	}
	struct row *rows = xcalloc(n + 1, sizeof *rows);
	size_t nr = 0, nb = 0;
	struct run **blank = xcalloc(n + 1, sizeof *blank);
	for (size_t i = 0; i < n; i++) {
		struct row r = { .run = runs[i], .pos = i };
		cell(col, runs[i], r.text, sizeof r.text, &r.num);
		if (isnan(r.num) && strcmp(r.text, "-") == 0)
			blank[nb++] = runs[i];
		else
			rows[nr++] = r;
	}
	qsort(rows, nr, sizeof *rows, cmp_rows);
	for (size_t i = 0; i < nr; i++)
		runs[i] = rows[desc ? nr - 1 - i : i].run;
	for (size_t i = 0; i < nb; i++)
		runs[nr + i] = blank[i];
	free(rows);
	free(blank);
	return TB_OK;
}

static void put_table(struct outbuf *o, const struct rtable *t, struct run **runs, size_t n)
{
	for (size_t i = 0; i < t->ncols; i++) {
		char *clean = sanitize_dup(t->cols[i].head, strlen(t->cols[i].head), false);
		outbuf_puts(o, clean ? clean : "?");
		free(clean);
		outbuf_putc(o, i + 1 < t->ncols ? '\t' : '\n');
	}
	for (size_t r = 0; r < n && !o->err; r++)
		for (size_t i = 0; i < t->ncols; i++) {
			char buf[256];
			double num;
			cell(&t->cols[i], runs[r], buf, sizeof buf, &num);
			outbuf_puts(o, buf);
			outbuf_putc(o, i + 1 < t->ncols ? '\t' : '\n');
		}
}

/* "# same in every run: lr=0.001  seed=1" (a terminal's first line). */
static void put_same(struct outbuf *o, const struct rtable *t)
{
	bool any = false;
	for (size_t k = 0; k < t->nhp; k++) {
		if (!t->hp[k].same)
			continue;
		char val[256], *item;
		hp_value_text(t->hp[k].value, val, sizeof val);
		outbuf_puts(o, any ? "  " : "# same in every run: ");
		size_t len = strlen(t->hp[k].key) + strlen(val) + 2;
		item = xmalloc(len);
		snprintf(item, len, "%s=%s", t->hp[k].key, val);
		char *clean = sanitize_dup(item, strlen(item), false);
		outbuf_puts(o, clean ? clean : "?");
		free(clean);
		free(item);
		any = true;
	}
	if (any)
		outbuf_putc(o, '\n');
}

static int build(struct cmd *c, struct rtable *t, struct run **runs, size_t n)
{
	col_add(t, RC_NAME, NULL, 0, "run");
	col_add(t, RC_STATE, NULL, 0, "state");
	col_add(t, RC_WRITTEN, NULL, 0, "last_write");
	t->nhp = hpdiff_columns((const struct run *const *)runs, n, &t->hp);
	for (size_t k = 0; k < t->nhp; k++)
		if (!t->hp[k].same)
			col_add(t, RC_HPARAM, t->hp[k].key, strlen(t->hp[k].key), t->hp[k].key);
	if (tag_cols(c, t, runs, n) != TB_OK)
		return TB_ERR;
	col_add(t, RC_POINTS, NULL, 0, "points");
	if (t->ncols > OUTBUF_MAX_COLS)
		t->ncols = OUTBUF_MAX_COLS;     /* the aligned table's limit; say nothing more */
	return TB_OK;
}

static void rtable_free(struct rtable *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].head);
	free(t->cols);
	free(t->hp);
}

int cmd_runs(struct cmd *c)
{
	int status = cmd_load_all(c);
	size_t n;
	struct run **runs = cmd_sorted_runs(c, &n);
	if (!runs)
		return 2;
	struct rtable t = { 0 };
	if (build(c, &t, runs, n) != TB_OK || order(c, &t, runs, n) != TB_OK) {
		rtable_free(&t);
		free(runs);
		return 2;
	}
	struct cmd_table out;
	cmd_table_begin(&out);
	if (out.tty)
		put_same(&out.o, &t);
	put_table(out.lines, &t, runs, n);
	rtable_free(&t);
	free(runs);
	if (cmd_table_end(c, &out))
		status = 1;
	return status;
}
