/* export_group.c: `export --group-by SPEC`: the runs export would print,
 * split into groups as the screen splits them (core's group.c), and for
 * each group and tag its statistics over the aligned steps
 * (group_stats.c): run,tag,step,mean,std,min,max,n, the group's name in
 * the run column, sorted by group, tag and step. A step no member has a
 * finite value at prints n 0 and nan. */
#include <stdlib.h>
#include <string.h>
#include "export_int.h"
#include "tailboard/group.h"
#include "tailboard/xalloc.h"

static int cmp_tag(const void *x, const void *y)
{
	const struct series *a = *(struct series *const *)x, *b = *(struct series *const *)y;
	int c = memcmp(a->tag, b->tag, TB_MIN(a->tag_len, b->tag_len));
	return c ? c : (a->tag_len > b->tag_len) - (a->tag_len < b->tag_len);
}

/* single: a value that came from a float32 prints as one (min, max) */
static void put_num(struct outbuf *o, double v, bool json, bool single)
{
	char *q = outbuf_reserve(o, CMD_NUM_MAX + 2);
	if (!q)
		return;
	bool quote = json && !(v == v && v - v == 0);  /* nan and inf: JSON strings */
	size_t k = 0;
	if (quote)
		q[k++] = '"';
	k += single ? cmd_fmt_float(v, q + k, CMD_NUM_MAX) : cmd_fmt_number(v, q + k, CMD_NUM_MAX);
	if (quote)
		q[k++] = '"';
	o->len += k;
}

static void put_rows(struct outbuf *o, const char *name, const struct series *s, const struct group_stats *g,
		     bool json, bool single, bool tty, bool *first)
{
	char num[CMD_NUM_MAX];
	for (size_t i = 0; i < g->n && !o->err; i++) {
		if (json) {
			outbuf_puts(o, *first ? "\n {\"run\": " : ",\n {\"run\": ");
			export_json_string(o, name, strlen(name));
			outbuf_puts(o, ", \"tag\": ");
			export_json_string(o, s->tag, s->tag_len);
			outbuf_puts(o, ", \"step\": ");
		} else {
			export_csv_field(o, name, strlen(name), tty);
			outbuf_putc(o, ',');
			export_csv_field(o, s->tag, s->tag_len, tty);
			outbuf_putc(o, ',');
		}
		*first = false;
		snprintf(num, sizeof num, "%lld", (long long)g->step[i]);
		outbuf_puts(o, num);
		const double cols[4] = { g->mean[i], g->sd[i], g->min[i], g->max[i] };
		static const char *const keys[4] = { ", \"mean\": ", ", \"std\": ", ", \"min\": ", ", \"max\": " };
		for (int k = 0; k < 4; k++) {
			outbuf_puts(o, json ? keys[k] : ",");
			put_num(o, cols[k], json, single && k >= 2);
		}
		snprintf(num, sizeof num, "%s%u%s", json ? ", \"n\": " : ",", g->count[i], json ? "}" : "\n");
		outbuf_puts(o, num);
	}
}

/* One group: every tag any member has (as --tag keeps them), in order. */
static int put_group(struct cmd *c, struct outbuf *o, const char *name, struct run **runs, size_t n,
		     bool tty, bool *first)
{
	struct series **all = NULL;
	size_t nall = 0, cap = 0;
	for (size_t r = 0; r < n; r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser)
			return 2;
		for (size_t k = 0; k < ns; k++)
			if (ser[k]->n) {
				xgrow((void **)&all, &cap, nall + 1, sizeof *all);
				all[nall++] = ser[k];
			}
		free(ser);
	}
	if (nall)
		qsort(all, nall, sizeof *all, cmp_tag);     /* a tag's series together */
	int rc = 0;
	for (size_t a = 0, b; a < nall && !o->err; a = b) {
		for (b = a + 1; b < nall && cmp_tag(&all[a], &all[b]) == 0; b++)
			;
		struct group_stats g = { 0 };
		if (group_stats_compute(&g, (const struct series *const *)all + a, b - a) != TB_OK) {
			diag_report(c->diag, name, -1, "out of memory for the group's statistics");
			rc = 1;
			continue;
		}
		bool single = true;
		for (size_t k = a; k < b; k++)
			single &= all[k]->single;
		put_rows(o, name, all[a], &g, c->opt->format == OUT_JSON, single, tty, first);
		group_stats_free(&g);
	}
	free(all);
	return rc;
}

static int cmp_name(const void *x, const void *y, void *names)
{
	return strcmp(((char **)names)[*(const size_t *)x], ((char **)names)[*(const size_t *)y]);
}

int export_group(struct cmd *c, struct outbuf *o, bool tty)
{
	struct group_spec spec;
	char err[200];
	if (group_spec_parse(&spec, c->opt->group_by, err, sizeof err) != TB_OK)
		return 2;       /* the command line checked it */
	size_t nruns;
	struct run **runs = cmd_sorted_runs(c, &nruns);
	if (!runs) {
		group_spec_free(&spec);
		return 2;
	}
	struct run_groups rg;
	run_groups_make(&spec, (const struct run *const *)runs, nruns, &rg);
	size_t *order = xcalloc(rg.n + 1, sizeof *order);
	for (size_t k = 0; k < rg.n; k++)
		order[k] = k;
	qsort_r(order, rg.n, sizeof *order, cmp_name, rg.names);
	bool json = c->opt->format == OUT_JSON, first = true;
	outbuf_puts(o, json ? "[" : "run,tag,step,mean,std,min,max,n\n");
	struct run **members = xcalloc(nruns + 1, sizeof *members);
	int rc = 0;
	for (size_t k = 0; k < rg.n && rc != 2; k++) {
		size_t n = 0;
		for (size_t r = 0; r < nruns; r++)
			if (rg.of[r] == order[k])
				members[n++] = runs[r];
		int st = put_group(c, o, rg.names[order[k]], members, n, tty, &first);
		rc = st ? st : rc;
	}
	if (json)
		outbuf_puts(o, first ? "]\n" : "\n]\n");
	free(members);
	free(order);
	run_groups_free(&rg);
	free(runs);
	group_spec_free(&spec);
	return rc;
}
