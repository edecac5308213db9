/* summary.c: one line per run and tag (points, steps, last, best), plus
 * what was skipped; --stats adds totals. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/cmd.h"
#include "tailboard/sanitize.h"

static void put_name(FILE *fp, const char *s, size_t len)
{
	char *clean = sanitize_dup(s, len, false);
	/* tabs separate columns; sanitize already turned them into "\x09" */
	fputs(clean ? clean : "?", fp);
	free(clean);
}

/* "image:3,histogram:12" for a tag, or "-" */
static void put_skipped(FILE *fp, const struct run *r, const char *tag, size_t len)
{
	bool any = false;
	for (size_t i = 0; i < r->nskipped; i++) {
		const struct tag_count *t = &r->skipped[i];
		if (t->tag_len != len || memcmp(t->tag, tag, len) != 0)
			continue;
		fprintf(fp, "%s%s:%zu", any ? "," : "", t->kind, t->count);
		any = true;
	}
	if (!any)
		fputs("-", fp);
}

static void put_series(FILE *fp, const struct series *s)
{
	char last[40] = "-", best[40] = "-", best_step[24] = "-";
	/* in step order, the first and last points; no index for a sorted
	 * series (nearly all), which would cost 8 bytes a point */
	size_t *idx = s->sorted ? NULL : series_sorted_index(s);
	if (!s->sorted && !idx)
		return;
	size_t first = idx ? idx[0] : 0, end = s->n ? (idx ? idx[s->n - 1] : s->n - 1) : 0;
	put_name(fp, s->run->name, s->run->name_len);
	putc('\t', fp);
	put_name(fp, s->tag, s->tag_len);
	if (s->n) {
		cmd_fmt_value(s, end, last, sizeof(last));
		if (s->best != SIZE_MAX) {
			cmd_fmt_value(s, s->best, best, sizeof(best));
			snprintf(best_step, sizeof(best_step), "%lld", (long long)series_step(s, s->best));
		}
		fprintf(fp, "\t%zu\t%lld\t%lld\t%s\t%s\t%s\t%s\t", s->n, (long long)series_step(s, first),
			(long long)series_step(s, end), last, s->dir == BEST_MAX ? "max" : "min", best, best_step);
	} else {
		fprintf(fp, "\t0\t-\t-\t-\t%s\t-\t-\t", s->dir == BEST_MAX ? "max" : "min");
	}
	put_skipped(fp, s->run, s->tag, s->tag_len);
	putc('\n', fp);
	free(idx);
}

/* Tags that only ever held images, histograms... get a line too. */
static void put_skipped_only(FILE *fp, const struct run *r)
{
	for (size_t i = 0; i < r->nskipped; i++) {
		const struct tag_count *t = &r->skipped[i];
		bool seen = run_find_series(r, t->tag, t->tag_len) != NULL;
		for (size_t j = 0; j < i && !seen; j++)
			seen = r->skipped[j].tag_len == t->tag_len && memcmp(r->skipped[j].tag, t->tag, t->tag_len) == 0;
		if (seen)
			continue;
		put_name(fp, r->name, r->name_len);
		putc('\t', fp);
		if (t->tag_len)
			put_name(fp, t->tag, t->tag_len);
		else
			fputs("(graph)", fp);
		fputs("\t0\t-\t-\t-\t-\t-\t-\t", fp);
		put_skipped(fp, r, t->tag, t->tag_len);
		putc('\n', fp);
	}
}

/* "# stats: ..." totals for --stats. */
static void put_stats(struct cmd *c, FILE *fp, double secs)
{
	struct loader_progress p;
	engine_progress(c->engine, &p);
	size_t npoints = store_npoints(c->store);
	fprintf(fp, "# stats: runs %zu, files %zu (%zu with errors), bytes read %llu, points %zu, "
		"seconds %.3f, MB/s %.1f, bytes per point %.1f, errors %zu\n",
		c->store->nruns, p.nfiles, p.nfailed, (unsigned long long)p.bytes_read,
		npoints, secs, secs > 0 ? (double)p.bytes_read / secs / 1e6 : 0.0,
		npoints ? (double)store_point_bytes(c->store) / (double)npoints : 0.0,
		c->diag->total);
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
	FILE *fp = stdout;
	signal(SIGPIPE, SIG_IGN);       /* as export: a closed pipe is an EPIPE, not a kill */
	fputs("run\ttag\tpoints\tfirst_step\tlast_step\tlast\tbest_dir\tbest\tbest_step\tskipped\n", fp);
	for (size_t r = 0; r < nruns && !ferror(fp); r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser)
			break;
		for (size_t k = 0; k < ns; k++)
			put_series(fp, ser[k]);
		if (!c->opt->tag_re)
			put_skipped_only(fp, runs[r]);
		free(ser);
	}
	free(runs);
	if (c->opt->stats)
		put_stats(c, fp, secs);
	if (fflush(fp) != 0 || ferror(fp)) {
		if (errno != EPIPE)
			diag_report(c->diag, "stdout", -1, "write error: %s", strerror(errno));
		status = 1;
	}
	return status;
}
