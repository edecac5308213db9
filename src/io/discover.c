/* discover.c: walk logdirs and hand every metrics file to the loader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tailboard/discover.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"
#include "s3.h"
#include "walk.h"

void discover_init(struct discover *d, struct loader *l, struct diag *diag)
{
	memset(d, 0, sizeof(*d));
	d->loader = l;
	d->diag = diag;
}

void discover_free(struct discover *d)
{
	discover_ckpts_free(d);
	for (size_t i = 0; i < d->n; i++) {
		discover_s3_free(&d->lds[i]);
		free(d->lds[i].name);
		free(d->lds[i].path);
	}
	free(d->lds);
	free(d->s3_endpoint);
	free(d->s3_style);
	memset(d, 0, sizeof(*d));
}

void discover_add_logdir(struct discover *d, const char *name, const char *path)
{
	d->lds = xreallocarray(d->lds, d->n + 1, sizeof(*d->lds));
	struct logdir *ld = &d->lds[d->n++];
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;          /* "runs/" and "runs" name runs alike */
	ld->path = xstrndup(path, len);
	ld->name = name ? xstrdup(name) : NULL;
	ld->present = false;
	ld->s3 = NULL;
}

size_t discover_run_name(const struct logdir *ld, const char *run_rel, char *out, size_t cap)
{
	int n;
	if (ld->name && *ld->name)
		n = *run_rel ? snprintf(out, cap, "%s/%s", ld->name, run_rel) : snprintf(out, cap, "%s", ld->name);
	else
		n = snprintf(out, cap, "%s", *run_rel ? run_rel : ".");
	return n < 0 ? 0 : TB_MIN((size_t)n, cap - 1);
}

void discover_file(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full)
{
	discover_file_fs(d, ld, dir_rel, name, full, NULL);
}

void discover_file_fs(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full,
		      const struct claim_fs *fs)
{
	struct source_claim c;
	if (discover_checkpoint(d, ld, dir_rel, name, full, false) || !source_claim_fs(dir_rel, name, full, fs, &c))
		return;
	char run[4096];
	size_t rn = discover_run_name(&d->lds[ld], c.run_rel, run, sizeof(run));
	/* a file its reader refuses was reported, and is tracked as failed:
	 * a watch event on it gives it a new chance */
	if (loader_add_file(d->loader, full, name, run, rn, &c) != TB_OK)
		return;
}

struct scan {
	struct discover *d;
	size_t ld;
};

static enum walk_verdict scan_dir(void *arg, const char *rel, const char *full)
{
	struct scan *s = arg;
	const char *slash = strrchr(rel, '/');
	char parent[4096];
	if (*rel) {
		snprintf(parent, sizeof(parent), "%.*s", slash ? (int)(slash - rel) : 0, rel);
		discover_checkpoint(s->d, s->ld, parent, slash ? slash + 1 : rel, full, true);
	}
	return WALK_IN;
}

static void scan_file(void *arg, const char *dir_rel, const char *name, const char *full)
{
	struct scan *s = arg;
	discover_file(s->d, s->ld, dir_rel, name, full);
}

static void scan_error(void *arg, const char *full, int err)
{
	struct scan *s = arg;
	diag_report(s->d->diag, full, -1, "cannot read directory: %s", strerror(err));
}

static const struct walk_ops scan_ops = { scan_dir, scan_file, scan_error, true };

static int scan_ld(struct discover *d, size_t ldi, const char *dir_rel)
{
	struct logdir *ld = &d->lds[ldi];
	struct stat st;
	if (s3_is_url(ld->path))
		return discover_s3_scan(d, ldi);
	if (stat(ld->path, &st) != 0) {
		if (ld->present || !d->scanned)
			diag_report(d->diag, ld->path, -1, "%s", strerror(errno));
		ld->present = false;
		return TB_ERR;
	}
	ld->present = true;
	if (S_ISREG(st.st_mode)) {
		/* a single file given as the logdir: its own run */
		const char *slash = strrchr(ld->path, '/');
		discover_file(d, ldi, "", slash ? slash + 1 : ld->path, ld->path);
		return TB_OK;
	}
	struct scan s = { d, ldi };
	char full[8192];
	d->scan_gen++;
	/* unreadable directories below are reported and skipped; the scan
	 * failed only when the one asked for cannot be read */
	int rc = walk_tree(ld->path, dir_rel, path_depth(dir_rel), &scan_ops, &s);
	if (rc != TB_ERR && (*dir_rel ? path_join(full, sizeof(full), ld->path, dir_rel)
				      : path_join(full, sizeof(full), "", ld->path)) == TB_OK)
		discover_sweep(d, ldi, full);
	return rc == TB_ERR ? TB_ERR : TB_OK;
}

void discover_scan_dir(struct discover *d, size_t ld, const char *dir_rel)
{
	scan_ld(d, ld, dir_rel);        /* what failed was reported */
}

void discover_recheck(struct discover *d, size_t ld)
{
	struct stat st;
	struct logdir *l = &d->lds[ld];
	bool now = stat(l->path, &st) == 0;
	if (l->present && !now)
		diag_report(d->diag, l->path, -1,
			    "logdir vanished; its runs keep their points (stale) until it returns");
	l->present = now;
	if (now)
		discover_scan_dir(d, ld, "");
}

static int scan_all(struct discover *d)
{
	int rc = TB_OK;
	for (size_t i = 0; i < d->n; i++)
		if (scan_ld(d, i, "") != TB_OK)
			rc = TB_ERR;
	d->scanned = true;
	return rc;
}

void discover_rescan(struct discover *d)
{
	scan_all(d);    /* every failure was reported; live, it is looked at again */
}

int discover_scan(struct discover *d)
{
	return scan_all(d);
}
