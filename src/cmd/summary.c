/* summary.c: one line per run and tag (points, steps, last, best, when it
 * last wrote), plus what was skipped; --stats adds totals. Tab-separated
 * for a pipe; on a terminal the same table, aligned. Lines are built in
 * an output buffer (outbuf.h), not a stdio call a field: straight to
 * stdout for a pipe, in memory first for the aligned table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "numfmt.h"
#include "outbuf.h"
#include "tailboard/sanitize.h"

static void put_name(struct outbuf *o, const char *s, size_t len)
{
	char *clean = sanitize_dup(s, len, false);
	/* tabs separate columns; sanitize already turned them into "\x09" */
	outbuf_puts(o, clean ? clean : "?");
	free(clean);
}

static void put_int(struct outbuf *o, int64_t v)
{
	char *p = outbuf_reserve(o, CMD_NUM_MAX);
	if (p)
		o->len += cmd_fmt_int(v, p);
}

static void put_value(struct outbuf *o, const struct series *s, size_t i)
{
	char *p = outbuf_reserve(o, CMD_NUM_MAX);
	if (p)
		o->len += cmd_put_value(s, i, p);
}

/* "image:3,histogram:12" for a tag, or "-" */
static void put_skipped(struct outbuf *o, const struct run *r, const char *tag, size_t len)
{
	bool any = false;
	for (size_t i = 0; i < r->nskipped; i++) {
		const struct tag_count *t = &r->skipped[i];
		if (t->tag_len != len || memcmp(t->tag, tag, len) != 0)
			continue;
		if (any)
			outbuf_putc(o, ',');
		outbuf_puts(o, t->kind);
		outbuf_putc(o, ':');
		put_int(o, (int64_t)t->count);
		any = true;
	}
	if (!any)
		outbuf_putc(o, '-');
}

/* When the series last wrote, ISO 8601 UTC: its last point's time, or
 * its run's files' when the format has no times. */
static void put_written(struct outbuf *o, const struct series *s, size_t end)
{
	double t = s->n ? series_wall(s, end) : 0;
	if (!(t > 1e8))
		t = s->run->mtime;
	char buf[32];
	cmd_fmt_iso(t, buf, sizeof buf);
	outbuf_putc(o, '\t');
	outbuf_puts(o, buf);
}

static const char *best_dir_name(enum best_dir d)
{
	return d == BEST_MAX ? "max" : d == BEST_NONE ? "none" : "min";
}

static bool all_nan(const struct series *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!isnan(series_value(s, i)))
			return false;
	return true;
}

/* points, first and last step, last value, best direction, best value and
 * its step, each after a tab */
static void put_columns(struct outbuf *o, const struct series *s, size_t first, size_t end)
{
	const char *dir = best_dir_name(s->dir);
	if (!s->n) {
		outbuf_puts(o, "\t0\t-\t-\t-\t");
		outbuf_puts(o, dir);
		outbuf_puts(o, "\t-\t-");
		return;
	}
	outbuf_putc(o, '\t');
	put_int(o, (int64_t)s->n);
	outbuf_putc(o, '\t');
	put_int(o, series_step(s, first));
	outbuf_putc(o, '\t');
	put_int(o, series_step(s, end));
	outbuf_putc(o, '\t');
	put_value(o, s, end);
	outbuf_putc(o, '\t');
	outbuf_puts(o, dir);
	outbuf_putc(o, '\t');
	if (s->best != SIZE_MAX) {
		put_value(o, s, s->best);
		outbuf_putc(o, '\t');
		put_int(o, series_step(s, s->best));
	} else if (!s->nfinite) {
		/* points there, none finite: not "no best" */
		outbuf_puts(o, all_nan(s) ? "all-nan\t-" : "no-finite\t-");
	} else {
		outbuf_puts(o, "-\t-");
	}
}

static void put_series(struct outbuf *o, const struct series *s)
{
	/* in step order, the first and last points; no index for a sorted
	 * series (nearly all), which would cost 8 bytes a point */
	size_t *idx = s->sorted ? NULL : series_sorted_index(s);
	if (!s->sorted && !idx)
		return;
	size_t first = idx ? idx[0] : 0, end = s->n ? (idx ? idx[s->n - 1] : s->n - 1) : 0;
	put_name(o, s->run->name, s->run->name_len);
	outbuf_putc(o, '\t');
	put_name(o, s->tag, s->tag_len);
	put_columns(o, s, first, end);
	outbuf_putc(o, '\t');
	put_skipped(o, s->run, s->tag, s->tag_len);
	put_written(o, s, end);
	outbuf_putc(o, '\n');
	free(idx);
}

/* Tags that only ever held images, histograms... get a line too. */
static void put_skipped_only(struct outbuf *o, const struct run *r)
{
	for (size_t i = 0; i < r->nskipped; i++) {
		const struct tag_count *t = &r->skipped[i];
		bool seen = run_find_series(r, t->tag, t->tag_len) != NULL;
		for (size_t j = 0; j < i && !seen; j++)
			seen = r->skipped[j].tag_len == t->tag_len && memcmp(r->skipped[j].tag, t->tag, t->tag_len) == 0;
		if (seen)
			continue;
		put_name(o, r->name, r->name_len);
		outbuf_putc(o, '\t');
		if (t->tag_len)
			put_name(o, t->tag, t->tag_len);
		else
			outbuf_puts(o, "(graph)");
		outbuf_puts(o, "\t0\t-\t-\t-\t-\t-\t-\t");
		put_skipped(o, r, t->tag, t->tag_len);
		outbuf_puts(o, "\t-\n");
	}
}

/* "# stats: ..." totals for --stats. */
static void put_stats(struct cmd *c, struct outbuf *o, double secs)
{
	struct loader_progress p;
	engine_progress(c->engine, &p);
	size_t npoints = store_npoints(c->store);
	char line[512];
	int n = snprintf(line, sizeof(line), "# stats: runs %zu, files %zu (%zu with errors), bytes read %llu, "
		"points %zu, seconds %.3f, MB/s %.1f, bytes per point %.1f, errors %zu\n",
		c->store->nruns, p.nfiles, p.nfailed, (unsigned long long)p.bytes_read,
		npoints, secs, secs > 0 ? (double)p.bytes_read / secs / 1e6 : 0.0,
		npoints ? (double)store_point_bytes(c->store) / (double)npoints : 0.0,
		c->diag->total);
	outbuf_put(o, line, (size_t)TB_MIN(TB_MAX(n, 0), (int)sizeof(line) - 1));
}

/* The header and every wanted run's lines; a bad --tag regex (reported)
 * ends them. */
static void put_runs(struct cmd *c, struct outbuf *o, struct run **runs, size_t nruns)
{
	outbuf_puts(o, "run\ttag\tpoints\tfirst_step\tlast_step\tlast\tbest_dir\tbest\tbest_step\tskipped\tlast_write\n");
	for (size_t r = 0; r < nruns && !o->err; r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser)
			break;
		for (size_t k = 0; k < ns; k++)
			put_series(o, ser[k]);
		if (!c->opt->tag_re)
			put_skipped_only(o, runs[r]);
		free(ser);
	}
}

int cmd_summary(struct cmd *c)
{
	double t0 = tb_now();
	int status = cmd_load_all(c);
	double secs = tb_now() - t0;
	size_t nruns;
	struct run **runs = cmd_sorted_runs(c, &nruns);
	if (!runs)
		return 2;
	/* a terminal gets the table aligned, which needs all of it first */
	struct cmd_table out;
	cmd_table_begin(&out);
	put_runs(c, out.lines, runs, nruns);
	free(runs);
	if (c->opt->stats)
		put_stats(c, out.lines, secs);
	if (cmd_table_end(c, &out))
		status = 1;
	return status;
}
