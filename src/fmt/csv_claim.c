/* csv_claim.c: which CSV files are metric logs (Lightning's metrics.csv,
 * Keras' CSVLogger, any CSV whose header names a step-like column), and
 * whether the run is their directory or the file itself. */
#include <stdio.h>
#include <string.h>
#include "claim.h"
#include "fmt_common.h"
#include "tailboard/path.h"

#define SNIFF 4096
#define MAX_SIBLINGS 64

/* Header of a metrics CSV: a short first line of plain names, one of them
 * step-like (for Keras' training.log, "epoch"). */
static bool csv_header_ok(const char *buf, long n, bool need_epoch)
{
	const char *nl = n > 0 ? memchr(buf, '\n', (size_t)n) : NULL;
	if (!nl)
		return false;
	size_t len = (size_t)(nl - buf), cols = 0;
	bool step = false;
	for (size_t i = 0; i <= len;) {
		const char *c = buf + i;
		const char *e = memchr(c, ',', len - i);
		size_t m = e ? (size_t)(e - c) : len - i;
		while (m && (c[m - 1] == '\r' || c[m - 1] == ' '))
			m--;
		if (m >= 2 && c[0] == '"' && c[m - 1] == '"')
			c++, m -= 2;
		for (size_t k = 0; k < m; k++)
			if ((unsigned char)c[k] < 0x20)
				return false;
		double ignored;
		if (m && fmt_parse_number(c, m, &ignored))
			return false;   /* a data row, not a header */
		int rank = fmt_step_key_rank(c, m);
		if (rank >= 0 && (!need_epoch || (m == 5 && memcmp(c, "epoch", 5) == 0)))
			step = true;
		cols++;
		if (!e)
			break;
		i = (size_t)(e - buf) + 1;
	}
	return step && cols >= 2;
}

/* "x.csv", "x.log", with or without ".gz" */
static bool csv_name(const char *name, bool *is_log)
{
	size_t n = strlen(name);
	if (path_ends_with(name, n, ".gz"))
		n -= 3;
	*is_log = path_ends_with(name, n, ".log");
	return *is_log || path_ends_with(name, n, ".csv");
}

enum { SHARED_NO, SHARED_YES, SHARED_NOT_YET };

/* What dir_shared looks at in the directory's entries. */
struct shared_scan {
	const struct claim_fs *fs;
	const char *dir, *self;
	unsigned seen;
	int verdict;
};

/* Another metric CSV than self in the directory, or an event file? */
static bool shared_each(const struct claim_entry *e, void *arg)
{
	struct shared_scan *s = arg;
	bool is_log;
	char path[4096], buf[512];
	if (e->is_dir)
		return true;
	if (source_tfevents_name(e->name)) {
		s->verdict = SHARED_YES;
		return false;
	}
	if (s->seen >= MAX_SIBLINGS || e->name[0] == '.' || strcmp(e->name, s->self) == 0 ||
	    !csv_name(e->name, &is_log) || path_join(path, sizeof(path), s->dir, e->name))
		return true;
	s->seen++;
	long got = claim_sniff(s->fs, path, path_ends_with(e->name, strlen(e->name), ".gz"), buf, sizeof(buf));
	if (got == CLAIM_NOT_YET)
		s->verdict = SHARED_NOT_YET;    /* unless an event file or another CSV says yes */
	else if (csv_header_ok(buf, got, is_log)) {
		s->verdict = SHARED_YES;
		return false;
	}
	return true;
}

/* Does the directory also hold event files or other metric CSVs? Then
 * each file is its own run, so nothing mixes. NOT_YET: a sibling's first
 * bytes are still on their way (live, from a bucket). */
static int dir_shared(const struct claim_fs *fs, const char *path, const char *self)
{
	char dir[4096];
	if (!path_dir(path, 0, dir, sizeof(dir)))
		return SHARED_NO;
	struct shared_scan s = { fs, dir, self, 0, SHARED_NO };
	claim_list(fs, dir, false, shared_each, &s);
	return s.verdict;
}

bool csv_claim(const struct claim_in *in, struct source_claim *out)
{
	bool is_log;
	if (!csv_name(in->name, &is_log))
		return false;
	char buf[SNIFF];
	long n = claim_sniff(in->fs, in->path, in->gz, buf, sizeof(buf));
	bool lightning = strcmp(in->name, "metrics.csv") == 0 || strcmp(in->name, "metrics.csv.gz") == 0;
	bool empty = n >= 0;
	for (long i = 0; i < n && empty; i++)
		empty = buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ';
	/* Lightning creates metrics.csv before it knows its columns */
	if (!(empty && lightning) && !csv_header_ok(buf, n, is_log))
		return false;
	int shared = dir_shared(in->fs, in->path, in->name);
	if (shared == SHARED_NOT_YET)
		return false;   /* claimed again when the sibling's head comes */
	out->kind = SRC_CSV;
	if (shared == SHARED_YES)
		claim_set_run(out, in->dir_rel, in->dlen, in->name, in->n);
	else
		claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}
