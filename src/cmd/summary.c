/* summary.c: one line per run and tag (points, steps, last, best, when it
 * last wrote), plus what was skipped; --stats adds totals. Tab-separated
 * for a pipe; on a terminal the same table, aligned. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/* When the series last wrote, ISO 8601 UTC: its last point's time, or
 * its run's files' when the format has no times. */
static void put_written(FILE *fp, const struct series *s, size_t end)
{
	double t = s->n ? series_wall(s, end) : 0;
	if (!(t > 1e8))
		t = s->run->mtime;
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	if (t > 0 && gmtime_r(&tt, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		fprintf(fp, "\t%s", buf);
	else
		fputs("\t-", fp);
}

static const char *best_dir_name(enum best_dir d)
{
	return d == BEST_MAX ? "max" : d == BEST_NONE ? "none" : "min";
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
			(long long)series_step(s, end), last, best_dir_name(s->dir), best, best_step);
	} else {
		fprintf(fp, "\t0\t-\t-\t-\t%s\t-\t-\t", best_dir_name(s->dir));
	}
	put_skipped(fp, s->run, s->tag, s->tag_len);
	put_written(fp, s, end);
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
		fputs("\t-\n", fp);
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

/* The tab-separated table, columns padded to their widest cell (by
 * display width: names may hold any UTF-8) and two spaces apart. */
static void put_aligned(FILE *out, const char *tsv)
{
	int width[32] = { 0 };
	for (int pass = 0; pass < 2; pass++) {
		for (const char *line = tsv; *line;) {
			const char *eol = strchr(line, '\n');
			size_t len = eol ? (size_t)(eol - line) : strlen(line);
			int col = 0;
			for (const char *f = line; f <= line + len && col < 32; col++) {
				const char *tab = memchr(f, '\t', (size_t)(line + len - f));
				size_t n = tab ? (size_t)(tab - f) : (size_t)(line + len - f);
				char cell[4096];
				snprintf(cell, sizeof cell, "%.*s", (int)TB_MIN(n, sizeof cell - 1), f);
				int w = sanitize_width(cell);
				if (pass == 0 && line[0] != '#' && w > width[col])
					width[col] = w;
				if (pass == 1)
					fprintf(out, "%s%*s", cell, tab && line[0] != '#' ? width[col] - w + 2 : 0, "");
				if (!tab)
					break;
				f = tab + 1;
			}
			if (pass == 1)
				putc('\n', out);
			line += len + (eol != NULL);
		}
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
	bool tty = isatty(STDOUT_FILENO);
	char *table = NULL;
	size_t tablen = 0;
	FILE *fp = tty ? open_memstream(&table, &tablen) : stdout;
	if (!fp) {
		tty = false;
		fp = stdout;
	}
	signal(SIGPIPE, SIG_IGN);       /* as export: a closed pipe is an EPIPE, not a kill */
	fputs("run\ttag\tpoints\tfirst_step\tlast_step\tlast\tbest_dir\tbest\tbest_step\tskipped\tlast_write\n", fp);
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
	if (tty) {
		fclose(fp);
		fp = stdout;
		put_aligned(fp, table ? table : "");
		free(table);
	}
	if (fflush(fp) != 0 || ferror(fp)) {
		if (errno != EPIPE)
			diag_report(c->diag, "stdout", -1, "write error: %s", strerror(errno));
		status = 1;
	}
	return status;
}
