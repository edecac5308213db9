/* csv_claim.c: which CSV files are metric logs (Lightning's metrics.csv,
 * Keras' CSVLogger, any CSV whose header names a step-like column), and
 * whether the run is their directory or the file itself. */
#include <dirent.h>
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

/* Another metric CSV in dir than self? */
static bool other_csv(const char *dir, const char *self, const char *name)
{
	bool is_log;
	char path[4096], buf[512];
	if (strcmp(name, self) == 0 || !csv_name(name, &is_log) || path_join(path, sizeof(path), dir, name))
		return false;
	long got = claim_sniff(NULL, path, path_ends_with(name, strlen(name), ".gz"), buf, sizeof(buf));
	return csv_header_ok(buf, got, is_log);
}

/* Does the directory also hold event files or other metric CSVs? Then
 * each file is its own run, so nothing mixes. */
static bool dir_shared(const char *path, const char *self)
{
	char dir[4096];
	unsigned seen = 0;
	bool shared = false;
	if (!path_dir(path, 0, dir, sizeof(dir)))
		return false;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && !shared && (e = readdir(d))) {
		if (source_tfevents_name(e->d_name))
			shared = true;
		else if (seen < MAX_SIBLINGS && e->d_name[0] != '.' && strcmp(e->d_name, self) != 0) {
			bool lg;
			if (csv_name(e->d_name, &lg)) {
				seen++;
				shared = other_csv(dir, self, e->d_name);
			}
		}
	}
	if (d)
		closedir(d);
	return shared;
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
	out->kind = SRC_CSV;
	if (dir_shared(in->path, in->name))
		claim_set_run(out, in->dir_rel, in->dlen, in->name, in->n);
	else
		claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}
