/* trainer_state_claim.c: which trainer_state.json of a Hugging Face
 * output directory is read: out/checkpoint-N/trainer_state.json names the
 * run out, and only the newest checkpoint's counts. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "claim.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

/* a checkpoint listed after a preferred one wins only when this much newer */
#define NEWER_SLACK_NS (60LL * 1000000000LL)

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

/* rank: the output dir's own file LONG_MAX, checkpoint-N N, last-checkpoint -1 */
struct cand {
	long rank;
	int64_t mtime;
};

static int cmp_rank_desc(const void *a, const void *b)
{
	long x = ((const struct cand *)a)->rank, y = ((const struct cand *)b)->rank;
	return (x < y) - (x > y);
}

/* Is the trainer state in checkpoint `mine` (LONG_MIN: the output dir's own
 * file) the one to read for output dir `outdir`?  Preference: the output
 * dir's own file, then the highest checkpoint-N, then last-checkpoint; one
 * further down wins only when clearly newer (a new training in an old dir). */
static bool hf_newest(const char *outdir, long mine, const char *name)
{
	struct cand best = { 0, INT64_MIN }, *all = NULL;
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
	size_t n = 0, cap = 0;
	while ((e = readdir(d))) {
		long num;
		if (!checkpoint_number(e->d_name, strlen(e->d_name), &num))
			continue;
		if ((t = state_mtime(outdir, e->d_name, name)) == INT64_MIN)
			continue;
		xgrow((void **)&all, &cap, n + 1, sizeof(*all));
		all[n++] = (struct cand){ num, t };
	}
	closedir(d);
	if (n)
		qsort(all, n, sizeof(*all), cmp_rank_desc);     /* preference order */
	for (size_t i = 0; i < n; i++) {
		if (!have || all[i].mtime > best.mtime + NEWER_SLACK_NS) {
			best = all[i];
			have = true;
		}
	}
	free(all);
	return !have || best.rank == (mine == LONG_MIN ? LONG_MAX : mine);
}

bool trainer_state_claim(const struct claim_in *in, struct source_claim *out)
{
	if (in->base != 18 || memcmp(in->name, "trainer_state.json", 18) != 0)
		return false;
	size_t plen;
	const char *leaf = claim_last_part(in->dir_rel, in->dlen, &plen);
	long num;
	char outdir[4096];
	out->kind = SRC_TRAINER_STATE;
	if (in->dlen && checkpoint_number(leaf, in->dlen - (size_t)(leaf - in->dir_rel), &num)) {
		if (!path_dir(in->path, 1, outdir, sizeof(outdir)) || !hf_newest(outdir, num, in->name))
			return false;
		claim_set_run(out, in->dir_rel, plen, NULL, 0);
		return true;
	}
	if (!path_dir(in->path, 0, outdir, sizeof(outdir)) || !hf_newest(outdir, LONG_MIN, in->name))
		return false;
	claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}
