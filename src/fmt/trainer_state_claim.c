/* trainer_state_claim.c: which trainer_state.json of a Hugging Face
 * output directory is read: out/checkpoint-N/trainer_state.json names the
 * run out, and only the newest checkpoint's counts. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int64_t state_mtime(const struct claim_fs *fs, const char *dir, const char *sub, const char *name)
{
	char p[4096];
	int n = sub ? snprintf(p, sizeof(p), "%s/%s/%s", dir, sub, name) : snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (n <= 0 || (size_t)n >= sizeof(p))
		return INT64_MIN;
	return claim_mtime(fs, p);
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

/* The output dir's checkpoints that hold a state, as they are listed. */
struct ckpt_scan {
	const struct claim_fs *fs;
	const char *outdir, *name;
	struct cand *all;
	size_t n, cap;
	bool listed;
};

static bool ckpt_each(const struct claim_entry *e, void *arg)
{
	struct ckpt_scan *s = arg;
	long num;
	int64_t t;
	s->listed = true;
	if (!e->is_dir || !checkpoint_number(e->name, strlen(e->name), &num) ||
	    (t = state_mtime(s->fs, s->outdir, e->name, s->name)) == INT64_MIN)
		return true;
	xgrow((void **)&s->all, &s->cap, s->n + 1, sizeof(*s->all));
	s->all[s->n++] = (struct cand){ num, t };
	return true;
}

/* Is the trainer state in checkpoint `mine` (LONG_MIN: the output dir's own
 * file) the one to read for output dir `outdir`?  Preference: the output
 * dir's own file, then the highest checkpoint-N, then last-checkpoint; one
 * further down wins only when clearly newer (a new training in an old dir). */
static bool hf_newest(const struct claim_fs *fs, const char *outdir, long mine, const char *name)
{
	struct cand best = { 0, INT64_MIN };
	bool have = false;
	int64_t t = state_mtime(fs, outdir, NULL, name);
	if (t != INT64_MIN) {
		best = (struct cand){ LONG_MAX, t };
		have = true;
	}
	struct ckpt_scan s = { fs, outdir, name, NULL, 0, 0, false };
	claim_list(fs, outdir, false, ckpt_each, &s);
	if (!s.listed)
		return true;    /* cannot be listed: read it */
	if (s.n)
		qsort(s.all, s.n, sizeof(*s.all), cmp_rank_desc);     /* preference order */
	for (size_t i = 0; i < s.n; i++) {
		if (!have || s.all[i].mtime > best.mtime + NEWER_SLACK_NS) {
			best = s.all[i];
			have = true;
		}
	}
	free(s.all);
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
		if (!path_dir(in->path, 1, outdir, sizeof(outdir)) || !hf_newest(in->fs, outdir, num, in->name))
			return false;
		claim_set_run(out, in->dir_rel, plen, NULL, 0);
		return true;
	}
	if (!path_dir(in->path, 0, outdir, sizeof(outdir)) || !hf_newest(in->fs, outdir, LONG_MIN, in->name))
		return false;
	claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}
