/* summary.c: one line per run and tag (points, steps, last, best), plus
 * what was skipped; --stats adds totals. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
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

int cmd_summary(struct app *app)
{
	double t0 = tb_now();
	int status = cmd_load_all(app);
	double secs = tb_now() - t0;
	size_t nruns;
	struct run **runs = cmd_sorted_runs(app, &nruns);
	if (!runs)
		return 2;
	FILE *fp = stdout;
	signal(SIGPIPE, SIG_IGN);       /* as export: a closed pipe is an EPIPE, not a kill */
	fputs("run\ttag\tpoints\tfirst_step\tlast_step\tlast\tbest_dir\tbest\tbest_step\tskipped\n", fp);
	for (size_t r = 0; r < nruns && !ferror(fp); r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(app, runs[r], &ns);
		if (!ser)
			break;
		for (size_t k = 0; k < ns; k++)
			put_series(fp, ser[k]);
		if (!app->opt.tag_re)
			put_skipped_only(fp, runs[r]);
		free(ser);
	}
	free(runs);
	if (app->opt.stats) {
		size_t failed = 0;
		for (size_t i = 0; i < app->loader.nfiles; i++)
			failed += app->loader.files[i]->failed;
		fprintf(fp, "# stats: runs %zu, files %zu (%zu with errors), bytes read %llu, points %zu, "
			"seconds %.3f, MB/s %.1f, bytes per point %.1f, errors %zu\n",
			app->store.nruns, app->loader.nfiles, failed, (unsigned long long)app->loader.bytes_read,
			app->store.npoints, secs, secs > 0 ? (double)app->loader.bytes_read / secs / 1e6 : 0.0,
			app->store.npoints ? (double)app->store.point_bytes / (double)app->store.npoints : 0.0,
			app->diag.total);
	}
	if (fflush(fp) != 0 || ferror(fp)) {
		if (errno != EPIPE)
			diag_report(&app->diag, "stdout", -1, "write error: %s", strerror(errno));
		status = 1;
	}
	return status;
}
