/* wandb_claim.c: which files are W&B's logs, and where its run
 * directories are (inside one, only W&B's logs hold metrics). */
#include <string.h>
#include "claim.h"
#include "tailboard/path.h"

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

long wandb_run_end(const char *dir_rel)
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

bool wandb_claim(const struct claim_in *in, struct source_claim *out)
{
	if (!path_ends_with(in->name, in->base, ".wandb"))
		return false;
	out->kind = SRC_WANDB;
	claim_set_run(out, in->dir_rel, in->dlen, NULL, 0);
	return true;
}

static bool match_wandb(const char *name, void *arg)
{
	(void)arg;
	return path_ends_with(name, strlen(name), ".wandb");
}

/* run-x/NAME (0.8) or run-x/files/NAME, only when no .wandb log beside
 * it has it all */
static bool legacy_claim(const struct claim_in *in, const char *name, enum source_kind kind,
			 struct source_claim *out)
{
	if (in->base != strlen(name) || memcmp(in->name, name, in->base) != 0)
		return false;
	size_t plen;
	const char *leaf = claim_last_part(in->dir_rel, in->dlen, &plen);
	bool in_files = in->dlen && strcmp(leaf, "files") == 0;
	char rundir[4096];
	if (!path_dir(in->path, in_files ? 1 : 0, rundir, sizeof(rundir)) ||
	    claim_dir_has(in->fs, rundir, match_wandb, NULL))
		return false;
	out->kind = kind;
	claim_set_run(out, in->dir_rel, in_files ? plen : in->dlen, NULL, 0);
	return true;
}

bool wandb_history_claim(const struct claim_in *in, struct source_claim *out)
{
	return legacy_claim(in, "wandb-history.jsonl", SRC_WANDB_HISTORY, out);
}

/* its system metrics, one line a sample (wandb < 0.10) */
bool wandb_events_claim(const struct claim_in *in, struct source_claim *out)
{
	return legacy_claim(in, "wandb-events.jsonl", SRC_WANDB_EVENTS, out);
}
