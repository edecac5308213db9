/* discover_s3.c: an s3://BUCKET/PREFIX logdir, found from its listing.
 * Each key becomes (directory, name) relative to the prefix and goes
 * through the rules the directory walk applies (skipped directories,
 * checkpoint directories not descended into, checkpoints by name, the
 * readers' claims), so runs are named as for a local copy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader_int.h"
#include "s3_int.h"
#include "tailboard/discover.h"
#include "tailboard/strmap.h"
#include "tailboard/xalloc.h"
#include "walk.h"

void discover_set_s3_endpoint(struct discover *d, const char *url)
{
	free(d->s3_endpoint);
	d->s3_endpoint = url ? xstrdup(url) : NULL;
}

/* Would the walk reach a file in dir_rel? No skipped directory on the
 * way, nothing below a checkpoint-N's own files, not too deep. */
static bool walkable(const char *dir_rel)
{
	char part[4096];
	int depth = 0;
	for (const char *p = dir_rel; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		snprintf(part, sizeof(part), "%.*s", (int)n, p);
		if (!n || source_skip_dir(part) || ++depth > WALK_MAX_DEPTH)
			return false;
		/* dir_rel up to here: inside a checkpoint-N directory? */
		snprintf(part, sizeof(part), "%.*s", (int)(p + n - dir_rel), dir_rel);
		if (walk_in_checkpoint(part))
			return false;
		p = slash ? slash + 1 : p + n;
	}
	return true;
}

/* Tell discovery about each directory of dir_rel once, as the walk
 * would (checkpoint-N directories are checkpoints). */
static void announce_dirs(struct discover *d, size_t ldi, struct strmap *seen, const char *dir_rel,
			  const char *root)
{
	for (const char *p = dir_rel; *p;) {
		const char *slash = strchr(p, '/');
		size_t end = slash ? (size_t)(slash - dir_rel) : strlen(dir_rel);
		if (!strmap_get(seen, dir_rel, end)) {
			strmap_put(seen, dir_rel, end, (void *)1);
			char parent[4096], leaf[4096], full[8192];
			size_t pl = (size_t)(p - dir_rel);
			snprintf(parent, sizeof(parent), "%.*s", pl ? (int)pl - 1 : 0, dir_rel);
			snprintf(leaf, sizeof(leaf), "%.*s", (int)(end - pl), p);
			if (snprintf(full, sizeof(full), "%s%.*s", root, (int)end, dir_rel) < (int)sizeof(full))
				discover_checkpoint(d, ldi, parent, leaf, full, true);
		}
		if (!slash)
			break;
		p = slash + 1;
	}
}

static void take_key(struct discover *d, size_t ldi, struct strmap *seen, const char *root,
		     const char *bucket, const struct s3_object *o, size_t plen)
{
	const char *rel = o->key + plen;
	size_t n = strlen(rel);
	if (!n || rel[n - 1] == '/')
		return;         /* a "directory" marker */
	const char *slash = strrchr(rel, '/');
	char dir_rel[4096], full[8192];
	snprintf(dir_rel, sizeof(dir_rel), "%.*s", slash ? (int)(slash - rel) : 0, rel);
	if (!walkable(dir_rel))
		return;
	announce_dirs(d, ldi, seen, dir_rel, root);     /* as the walk: directories first */
	snprintf(full, sizeof(full), "s3://%s/%s", bucket, o->key);
	discover_file(d, ldi, dir_rel, slash ? slash + 1 : rel, full);
	loader_remote_seen(d->loader, full, bucket, o->key, o->size, o->etag, d->scan_gen);
}

static struct s3 *client(struct discover *d, struct logdir *ld)
{
	char err[1024];
	if (!d->loader->s3 && !(d->loader->s3 = s3_new(d->s3_endpoint, err, sizeof(err))))
		diag_report(d->diag, ld->path, -1, "%s", err);
	return d->loader->s3;
}

/* The listing of logdir ldi: track what is new, mark what left gone. */
static void apply_listing(struct discover *d, size_t ldi, const char *bucket, const char *prefix,
			  const struct s3_listing *list)
{
	char root[8192];
	struct strmap seen;
	strmap_init(&seen);
	snprintf(root, sizeof(root), "s3://%s/%s", bucket, prefix);
	size_t plen = strlen(prefix);
	d->scan_gen++;
	for (size_t i = 0; i < list->n; i++)
		if (strncmp(list->v[i].key, prefix, plen) == 0)
			take_key(d, ldi, &seen, root, bucket, &list->v[i], plen);
	loader_remote_sweep(d->loader, root, d->scan_gen);
	strmap_free(&seen);
	d->lds[ldi].present = true;
}

/* Live: a listing in flight, page after page, on the engine's poll(). */
struct s3_scan {
	struct discover *d;
	size_t ldi;
	char *bucket, *prefix;
	struct s3_listing list;
	struct s3_req *req;
	bool said;              /* the failure is reported until a listing works */
};

static void scan_failed(struct s3_scan *sc, const char *err)
{
	struct logdir *ld = &sc->d->lds[sc->ldi];
	if (!sc->said || ld->present)
		diag_report(sc->d->diag, ld->path, -1, "%s", err);
	sc->said = true;
	ld->present = false;
	s3_listing_free(&sc->list);
}

static void on_page(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n, const char *err)
{
	struct s3_scan *sc = arg;
	char token[4096], perr[1024];
	(void)meta;
	sc->req = NULL;
	if (rc == TB_OK && s3_list_parse((const char *)body, n, &sc->list, token, sizeof(token), perr, sizeof(perr)) != TB_OK) {
		rc = TB_ERR;
		err = perr;
	}
	if (rc != TB_OK) {
		scan_failed(sc, err);
		return;
	}
	if (token[0]) {
		sc->req = s3_multi_list_page(sc->d->loader->s3m, sc->d->loader->s3, sc->bucket, sc->prefix, token,
					     on_page, sc);
		if (!sc->req)
			scan_failed(sc, "s3: cannot start a request");
		return;
	}
	apply_listing(sc->d, sc->ldi, sc->bucket, sc->prefix, &sc->list);
	s3_listing_free(&sc->list);
	sc->said = false;
}

static int scan_async(struct discover *d, size_t ldi, char *bucket, char *prefix)
{
	struct logdir *ld = &d->lds[ldi];
	struct s3_scan *sc = ld->s3;
	if (!sc) {
		sc = ld->s3 = xcalloc(1, sizeof(*sc));
		sc->d = d;
		sc->ldi = ldi;
		sc->bucket = bucket;
		sc->prefix = prefix;
	} else {
		free(bucket);
		free(prefix);
	}
	if (sc->req)
		return TB_OK;   /* the last poll's listing is still coming */
	sc->req = s3_multi_list_page(d->loader->s3m, d->loader->s3, sc->bucket, sc->prefix, "", on_page, sc);
	if (!sc->req)
		scan_failed(sc, "s3: cannot start a request");
	return TB_OK;
}

void discover_s3_free(struct logdir *ld)
{
	if (!ld->s3)
		return;
	free(ld->s3->bucket);
	free(ld->s3->prefix);
	s3_listing_free(&ld->s3->list);
	free(ld->s3);
	ld->s3 = NULL;
}

int discover_s3_scan(struct discover *d, size_t ldi)
{
	struct logdir *ld = &d->lds[ldi];
	char *bucket, *prefix, err[2048];
	if (s3_split_url(ld->path, &bucket, &prefix) != TB_OK) {
		diag_report(d->diag, ld->path, -1, "%s", "s3: no bucket (s3://BUCKET[/PREFIX])");
		return TB_ERR;
	}
	struct s3 *s = client(d, ld);
	if (s && d->loader->s3m)
		return scan_async(d, ldi, bucket, prefix);
	struct s3_listing list;
	int rc = TB_ERR;
	if (s && s3_list(s, bucket, prefix, &list, err, sizeof(err)) != TB_OK) {
		if (ld->present || !d->scanned)
			diag_report(d->diag, ld->path, -1, "%s", err);
		ld->present = false;
	} else if (s) {
		apply_listing(d, ldi, bucket, prefix, &list);
		s3_listing_free(&list);
		rc = TB_OK;
	}
	free(bucket);
	free(prefix);
	return rc;
}
