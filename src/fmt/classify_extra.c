/* classify_extra.c: which files outside TensorBoard's naming hold metrics,
 * and which run each belongs to.  Decided by name, then at most a 4 KiB
 * look at the first bytes; weights, checkpoints, images and profiler dumps
 * are never opened because only the names below are ever sniffed.
 *
 *   wandb/run-<date>-<id>/run-<id>.wandb      -> that run directory
 *   .../run-<date>-<id>/[files/]wandb-history.jsonl (no .wandb beside it)
 *   out/checkpoint-N/trainer_state.json       -> out (newest checkpoint only)
 *   out/trainer_state.json                    -> out
 *   version_N/metrics.csv, Keras training.log -> their directory, or
 *       dir/filename when the directory holds several metric CSVs or
 *       TensorBoard files (each file its own run, no mixing)
 *   dir/name.jsonl with a step-like key       -> dir/name */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include "fmt_common.h"
#include "pyjson.h"
#include "tailboard/discover.h"

#define SNIFF 4096
#define MAX_SIBLINGS 64
/* a checkpoint listed after a preferred one wins only when this much newer */
#define NEWER_SLACK_NS (60LL * 1000000000LL)

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static void set_run(struct classify *out, const char *dir_rel, size_t dlen, const char *leaf, size_t llen)
{
	if (!leaf)
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s", (int)dlen, dir_rel);
	else if (dlen)
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s/%.*s", (int)dlen, dir_rel, (int)llen, leaf);
	else
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s", (int)llen, leaf);
}

/* Last path component of [p, p+n) and the length of what precedes it. */
static const char *last_part(const char *p, size_t n, size_t *parent_len)
{
	const char *s = n ? memrchr(p, '/', n) : NULL;
	*parent_len = s ? (size_t)(s - p) : 0;
	return s ? s + 1 : p;
}

/* W&B run directory: run-YYYYMMDD_HHMMSS-<id> or offline-run-... */
static bool is_wandb_run_dir(const char *p, size_t n)
{
	if (n > 8 && memcmp(p, "offline-", 8) == 0)
		p += 8, n -= 8;
	if (n < 21 || memcmp(p, "run-", 4) != 0 || p[12] != '_' || p[19] != '-')
		return false;
	for (int i = 4; i < 19; i++)
		if (i != 12 && (p[i] < '0' || p[i] > '9'))
			return false;
	return true;
}

/* Index of the end of the W&B run directory within dir_rel, or -1. */
static long wandb_run_end(const char *dir_rel)
{
	const char *p = dir_rel;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 10 && memcmp(p, "latest-run", 10) == 0)
			return -2;      /* W&B's symlink to a run seen elsewhere */
		if (is_wandb_run_dir(p, n))
			return (long)(p - dir_rel + (long)n);
		if (!e)
			break;
		p = e + 1;
	}
	return -1;
}

static bool dir_has(const char *dir, bool (*match)(const char *name, void *arg), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;
	if (!d)
		return false;
	while (!found && (e = readdir(d)))
		found = match(e->d_name, arg);
	closedir(d);
	return found;
}

static bool match_wandb(const char *name, void *arg)
{
	(void)arg;
	return ends_with(name, strlen(name), ".wandb");
}

static bool match_tfevents(const char *name, void *arg)
{
	(void)arg;
	return strstr(name, "tfevents") != NULL;
}

/* Directory part of fullpath, minus `up` more components. */
static bool path_dir(const char *fullpath, int up, char *out, size_t cap)
{
	size_t n = strlen(fullpath);
	for (int i = 0; i <= up; i++) {
		const char *s = n ? memrchr(fullpath, '/', n) : NULL;
		if (!s) {
			if (i == up) {
				snprintf(out, cap, ".");
				return true;
			}
			return false;
		}
		n = (size_t)(s - fullpath);
	}
	if (n >= cap)
		return false;
	snprintf(out, cap, "%.*s", (int)n, n ? fullpath : "/");
	return true;
}

/* First bytes of a file, inflated when gz. */
static long sniff(const char *path, bool gz, char *buf, size_t cap)
{
	if (!gz)
		return fmt_read_head(path, buf, cap);
	gzFile g = gzopen(path, "rb");
	if (!g)
		return -1;
	int n = gzread(g, buf, (unsigned)cap);
	gzclose(g);
	return n;
}

/* ---- Hugging Face ---------------------------------------------------------- */

static bool checkpoint_number(const char *p, size_t n, long *num)
{
	if (n == 15 && memcmp(p, "last-checkpoint", 15) == 0) {
		*num = -1;
		return true;
	}
	if (n < 12 || memcmp(p, "checkpoint-", 11) != 0)
		return false;
	long v = 0;
	for (size_t i = 11; i < n; i++) {
		if (p[i] < '0' || p[i] > '9' || v > 100000000000L)
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*num = v;
	return true;
}

static int64_t state_mtime(const char *dir, const char *sub, const char *name)
{
	char p[4096];
	struct stat st;
	int n = sub ? snprintf(p, sizeof(p), "%s/%s/%s", dir, sub, name) : snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (n <= 0 || (size_t)n >= sizeof(p) || stat(p, &st) != 0)
		return INT64_MIN;
	return (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

/* Is the trainer state in checkpoint `mine` (LONG_MIN: the output dir's own
 * file) the one to read for output dir `outdir`?  Preference: the output
 * dir's own file, then the highest checkpoint-N, then last-checkpoint; one
 * further down wins only when clearly newer (a new training in an old dir). */
static bool hf_newest(const char *outdir, long mine, const char *name)
{
	struct cand { long rank; int64_t mtime; } best = { 0, INT64_MIN }, c;
	bool have = false;
	int64_t t = state_mtime(outdir, NULL, name);
	if (t != INT64_MIN) {
		best = (struct cand){ LONG_MAX, t };
		have = true;
	}
	DIR *d = opendir(outdir);
	if (!d)
		return true;
	struct dirent *e;
	/* rank: own file LONG_MAX, checkpoint-N N, last-checkpoint -1 */
	struct cand *all = NULL;
	size_t n = 0, cap = 0;
	while ((e = readdir(d))) {
		long num;
		if (!checkpoint_number(e->d_name, strlen(e->d_name), &num))
			continue;
		t = state_mtime(outdir, e->d_name, name);
		if (t == INT64_MIN || tb_grow((void **)&all, &cap, n + 1, sizeof(*all)) != TB_OK)
			continue;
		all[n++] = (struct cand){ num, t };
	}
	closedir(d);
	/* walk in preference order: rank descending */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (all[j].rank > all[i].rank) {
				c = all[i];
				all[i] = all[j];
				all[j] = c;
			}
	for (size_t i = 0; i < n; i++) {
		if (!have || all[i].mtime > best.mtime + NEWER_SLACK_NS) {
			best = all[i];
			have = true;
		}
	}
	free(all);
	return !have || best.rank == (mine == LONG_MIN ? LONG_MAX : mine);
}

static bool classify_hf(const char *dir_rel, const char *fullpath, const char *name, struct classify *out)
{
	size_t dlen = strlen(dir_rel), plen;
	const char *leaf = last_part(dir_rel, dlen, &plen);
	long num;
	char outdir[4096];
	out->kind = SRC_TRAINER_STATE;
	if (dlen && checkpoint_number(leaf, dlen - (size_t)(leaf - dir_rel), &num)) {
		if (!path_dir(fullpath, 1, outdir, sizeof(outdir)) || !hf_newest(outdir, num, name))
			return false;
		set_run(out, dir_rel, plen, NULL, 0);
		return true;
	}
	if (!path_dir(fullpath, 0, outdir, sizeof(outdir)) || !hf_newest(outdir, LONG_MIN, name))
		return false;
	set_run(out, dir_rel, dlen, NULL, 0);
	return true;
}

/* ---- CSV -------------------------------------------------------------------- */

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

static bool csv_name(const char *name, size_t n, bool *is_log)
{
	*is_log = ends_with(name, n, ".log");
	return *is_log || ends_with(name, n, ".csv");
}

struct sib { const char *dir; const char *self; };

static bool match_other_csv(const char *name, void *arg)
{
	struct sib *s = arg;
	size_t n = strlen(name);
	bool gz = ends_with(name, n, ".gz"), is_log;
	char path[4096], buf[512];
	if (strcmp(name, s->self) == 0 || !csv_name(name, gz ? n - 3 : n, &is_log))
		return false;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", s->dir, name) >= sizeof(path))
		return false;
	long got = sniff(path, gz, buf, sizeof(buf));
	return csv_header_ok(buf, got, is_log);
}

static bool classify_csv(const char *dir_rel, const char *name, const char *fullpath,
			 bool is_log, struct classify *out)
{
	char buf[SNIFF], dir[4096];
	long n = sniff(fullpath, out->gz, buf, sizeof(buf));
	bool lightning = strcmp(name, "metrics.csv") == 0 || strcmp(name, "metrics.csv.gz") == 0;
	bool empty = n >= 0;
	for (long i = 0; i < n && empty; i++)
		empty = buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ';
	/* Lightning creates metrics.csv before it knows its columns */
	if (!(empty && lightning) && !csv_header_ok(buf, n, is_log))
		return false;
	out->kind = SRC_CSV;
	size_t dlen = strlen(dir_rel);
	/* alone in its directory: the directory is the run */
	struct sib s = { dir, name };
	bool shared = false;
	if (path_dir(fullpath, 0, dir, sizeof(dir))) {
		unsigned seen = 0;
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && !shared && (e = readdir(d))) {
			if (match_tfevents(e->d_name, NULL))
				shared = true;
			else if (seen < MAX_SIBLINGS && e->d_name[0] != '.') {
				size_t en = strlen(e->d_name);
				bool gz = ends_with(e->d_name, en, ".gz"), lg;
				if (csv_name(e->d_name, gz ? en - 3 : en, &lg) && strcmp(e->d_name, name) != 0) {
					seen++;
					shared = match_other_csv(e->d_name, &s);
				}
			}
		}
		if (d)
			closedir(d);
	}
	if (shared)
		set_run(out, dir_rel, dlen, name, strlen(name));
	else
		set_run(out, dir_rel, dlen, NULL, 0);
	return true;
}

/* ---- JSONL ------------------------------------------------------------------ */

static bool classify_jsonl(const char *dir_rel, const char *name, size_t stem,
			   const char *fullpath, struct classify *out)
{
	char buf[SNIFF];
	long n = sniff(fullpath, out->gz, buf, sizeof(buf));
	bool known = strstr(name, "metric") || strncmp(name, "log.", 4) == 0 || strstr(name, "history");
	if (n < 0)
		return false;
	if (n == 0 && !known)
		return false;
	if (n > 0) {
		const char *nl = memchr(buf, '\n', (size_t)n);
		size_t len = nl ? (size_t)(nl - buf) : (size_t)n;
		if (!nl && n == (long)sizeof(buf))
			return false;       /* a first line this long is data, not metrics */
		size_t err;
		cJSON *j = pyjson_parse(buf, len, &err);
		bool ok = false;
		double v;
		if (cJSON_IsObject(j)) {
			for (const cJSON *c = j->child; c && !ok; c = c->next) {
				if (!c->string || !pyjson_number(c, &v))
					continue;
				ok = known || fmt_step_key_rank(c->string, strlen(c->string)) >= 0;
			}
		}
		cJSON_Delete(j);
		if (!ok)
			return false;
	}
	out->kind = SRC_JSONL;
	set_run(out, dir_rel, strlen(dir_rel), name, stem);
	return true;
}

/* ---- entry ------------------------------------------------------------------ */

bool classify_extra(const char *dir_rel, const char *name, const char *fullpath,
		    struct classify *out)
{
	size_t n = strlen(name), dlen = strlen(dir_rel);
	bool is_log;
	out->gz = ends_with(name, n, ".gz");
	size_t base = out->gz ? n - 3 : n;
	long wend = wandb_run_end(dir_rel);

	if (wend == -2 || name[0] == '.')
		return false;
	if (ends_with(name, base, ".wandb")) {
		out->kind = SRC_WANDB;
		set_run(out, dir_rel, dlen, NULL, 0);
		return true;
	}
	if (base == 19 && memcmp(name, "wandb-history.jsonl", 19) == 0) {
		/* run-x/wandb-history.jsonl (0.8) or run-x/files/wandb-history.jsonl */
		size_t plen;
		const char *leaf = last_part(dir_rel, dlen, &plen);
		bool in_files = dlen && strcmp(leaf, "files") == 0;
		size_t rlen = in_files ? plen : dlen;
		char rundir[4096];
		if (!path_dir(fullpath, in_files ? 1 : 0, rundir, sizeof(rundir)) ||
		    dir_has(rundir, match_wandb, NULL))
			return false;   /* the .wandb log has it all */
		out->kind = SRC_WANDB_HISTORY;
		set_run(out, dir_rel, rlen, NULL, 0);
		return true;
	}
	if (wend >= 0)
		return false;   /* W&B's media, config and console files */
	if (base == 18 && memcmp(name, "trainer_state.json", 18) == 0)
		return classify_hf(dir_rel, fullpath, name, out);
	if (csv_name(name, base, &is_log))
		return classify_csv(dir_rel, name, fullpath, is_log, out);
	if (ends_with(name, base, ".jsonl"))
		return classify_jsonl(dir_rel, name, base - 6, fullpath, out);
	return false;
}
