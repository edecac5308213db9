/* discover_ckpt.c: the checkpoints under the logdirs, by name only (never
 * opened: they can be gigabytes), told to the sink as they come and go.
 * Inotify says when one is deleted (the Trainer's save_total_limit); a
 * scan says so by not seeing it again, which is how polling sees it. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/discover.h"
#include "tailboard/xalloc.h"

struct dckpt {
	char *full;             /* its path: its name in the sink too */
	size_t ld;
	char *owner;
	size_t olen;
	uint64_t scan;          /* the scan that last saw it */
};

static void tell(struct discover *d, const struct dckpt *k, const struct source_checkpoint *c, bool present)
{
	struct sink *s = d->loader->env.sink;
	struct sink_checkpoint sc = { k->full, c ? c->step : -1, c ? c->epoch : -1 };
	if (s->ops->checkpoint)
		s->ops->checkpoint(s, k->owner, k->olen, &sc, present);
}

bool discover_checkpoint(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full,
			 bool is_dir)
{
	struct source_checkpoint c;
	if (!source_checkpoint(dir_rel, name, is_dir, &c))
		return false;
	for (size_t i = 0; i < d->nckpts; i++)
		if (strcmp(d->ckpts[i]->full, full) == 0) {
			d->ckpts[i]->scan = d->scan_gen;
			return true;
		}
	char run[4096];
	size_t rn = discover_run_name(&d->lds[ld], c.owner_rel, run, sizeof(run));
	struct dckpt *k = xcalloc(1, sizeof(*k));
	k->full = xstrdup(full);
	k->ld = ld;
	k->owner = xstrndup(run, rn);
	k->olen = rn;
	k->scan = d->scan_gen;
	xgrow((void **)&d->ckpts, &d->ckptcap, d->nckpts + 1, sizeof(*d->ckpts));
	d->ckpts[d->nckpts++] = k;
	tell(d, k, &c, true);
	return true;
}

static bool under(const char *path, const char *dir, size_t n)
{
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void drop(struct discover *d, size_t i)
{
	struct dckpt *k = d->ckpts[i];
	tell(d, k, NULL, false);
	free(k->full);
	free(k->owner);
	free(k);
	d->ckpts[i] = d->ckpts[--d->nckpts];
}

void discover_gone(struct discover *d, const char *full)
{
	size_t n = strlen(full);
	for (size_t i = d->nckpts; i-- > 0;)
		if (under(d->ckpts[i]->full, full, n))
			drop(d, i);
}

void discover_sweep(struct discover *d, size_t ld, const char *full)
{
	size_t n = strlen(full);
	for (size_t i = d->nckpts; i-- > 0;)
		if (d->ckpts[i]->ld == ld && d->ckpts[i]->scan != d->scan_gen && under(d->ckpts[i]->full, full, n))
			drop(d, i);
}

void discover_ckpts_free(struct discover *d)
{
	for (size_t i = 0; i < d->nckpts; i++) {
		free(d->ckpts[i]->full);
		free(d->ckpts[i]->owner);
		free(d->ckpts[i]);
	}
	free(d->ckpts);
	d->ckpts = NULL;
	d->nckpts = d->ckptcap = 0;
}
