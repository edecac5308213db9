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

bool discover_set_s3_style(struct discover *d, const char *style)
{
	if (!s3_style_ok(style))
		return false;
	free(d->s3_style);
	d->s3_style = xstrdup(style);
	return true;
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

/* What discovery keeps of an s3:// logdir (ld->s3). */
struct s3_scan {
	struct discover *d;
	size_t ldi;
	char *bucket, *prefix;
	struct s3_listing list; /* live: the pages so far */
	struct s3_listing last; /* the last whole listing, for the claims' dir_has */
	struct s3_req *req;     /* live: the page in flight */
	bool said;              /* the failure is reported until a listing works */
	struct strmap heads;    /* path -> struct head: first bytes for the claims */
	struct head **all;
	size_t nall, allcap;
};

/* An object's first bytes, for the claims that sniff (CSV, JSONL). */
struct head {
	struct s3_scan *sc;
	char etag[72];          /* of the object they were read from */
	uint8_t *p;
	size_t n, cap;
	bool pending;           /* live: the GET is in flight */
	struct s3_object obj;   /* live: the object to claim when they come */
};

/* claim_fs's argument for one key. */
struct sniff {
	struct s3_scan *sc;
	const struct s3_object *o;
	const char *full;
};

static void claim_key(struct s3_scan *sc, const struct s3_object *o);
static void claim_dir_again(struct s3_scan *sc, const char *key);

static int head_take(void *arg, const uint8_t *p, size_t n)
{
	struct head *h = arg;
	if (!p) {
		h->n = 0;       /* cut short: it comes again */
		return TB_OK;
	}
	xgrow((void **)&h->p, &h->cap, h->n + n, 1);
	memcpy(h->p + h->n, p, n);
	h->n += n;
	return TB_OK;
}

static void on_head(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n, const char *err)
{
	struct head *h = arg;
	(void)meta;
	h->pending = false;
	if (rc != TB_OK) {
		diag_report(h->sc->d->diag, h->sc->d->lds[h->sc->ldi].path, -1, "%s", err);
		h->etag[0] = '\0';     /* the next listing asks again */
	} else {
		head_take(h, body, n);
		claim_key(h->sc, &h->obj);
		claim_dir_again(h->sc, h->obj.key);     /* claims that waited for this sibling */
	}
	free(h->obj.key);
	h->obj.key = NULL;
}

/* The first key of the last listing not before want (it is in key order). */
static size_t first_key(const struct s3_listing *l, const char *want)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].key, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The listed object at s3://BUCKET/KEY, or NULL. */
static const struct s3_object *listed(const struct s3_scan *sc, const char *path)
{
	size_t bl = strlen(sc->bucket);
	if (strncmp(path, "s3://", 5) != 0 || strncmp(path + 5, sc->bucket, bl) != 0 || path[5 + bl] != '/')
		return NULL;
	size_t i = first_key(&sc->last, path + 6 + bl);
	return i < sc->last.n && strcmp(sc->last.v[i].key, path + 6 + bl) == 0 ? &sc->last.v[i] : NULL;
}

/* The head of an object a claim looks at (the one claimed, or a sibling
 * CSV's for dir_shared): from the cache, else fetched (headless: now;
 * live: later, CLAIM_NOT_YET meanwhile, and the directory's keys are
 * claimed again when it comes). */
static long sniff_head(void *arg, const char *path, uint8_t *buf, size_t cap)
{
	struct sniff *sn = arg;
	struct s3_scan *sc = sn->sc;
	struct loader *l = sc->d->loader;
	const struct s3_object *o = strcmp(path, sn->full) == 0 ? sn->o : listed(sc, path);
	if (!o)
		return -1;
	struct head *h = strmap_get(&sc->heads, path, strlen(path));
	if (!h) {
		h = xcalloc(1, sizeof(*h));
		h->sc = sc;
		strmap_put(&sc->heads, path, strlen(path), h);
		xgrow((void **)&sc->all, &sc->allcap, sc->nall + 1, sizeof(*sc->all));
		sc->all[sc->nall++] = h;
	}
	if (h->pending)
		return CLAIM_NOT_YET;
	if (strcmp(h->etag, o->etag) != 0) {
		char err[2048];
		struct s3_meta meta;
		snprintf(h->etag, sizeof(h->etag), "%s", o->etag);
		h->n = 0;
		if (l->s3m) {
			h->obj = *o;
			h->obj.key = xstrdup(o->key);
			h->pending = s3_multi_get(l->s3m, l->s3, sc->bucket, o->key, 0, CLAIM_FS_HEAD, on_head, h);
			if (!h->pending) {
				free(h->obj.key);
				h->obj.key = NULL;
				h->etag[0] = '\0';
				return -1;
			}
			return CLAIM_NOT_YET;
		}
		if (s3_get(l->s3, sc->bucket, o->key, 0, CLAIM_FS_HEAD, head_take, h, &meta, err, sizeof(err)) !=
		    TB_OK) {
			diag_report(sc->d->diag, path, -1, "%s", err);
			h->etag[0] = '\0';
			return -1;
		}
	}
	size_t n = TB_MIN(h->n, cap);
	memcpy(buf, h->p, n);
	return (long)n;
}

/* The listing's keys right under directory dir (s3://BUCKET/KEYDIR):
 * "dir/" as the first key not before it, then all that share it. */
static bool dir_range(const struct s3_scan *sc, const char *dir, char *want, size_t cap, size_t *first)
{
	size_t bl = strlen(sc->bucket);
	if (strncmp(dir, "s3://", 5) != 0 || strncmp(dir + 5, sc->bucket, bl) != 0 || dir[5 + bl] != '/')
		return false;
	if (snprintf(want, cap, "%s/", dir + 6 + bl) >= (int)cap)
		return false;
	*first = first_key(&sc->last, want);
	return true;
}

/* claim_fs.list: files and subdirectories right under dir, from the last
 * listing; a subdirectory's keys are adjacent (they share a prefix). */
static void sniff_list(void *arg, const char *dir, bool (*each)(const struct claim_entry *e, void *earg), void *earg)
{
	struct sniff *sn = arg;
	const struct s3_listing *l = &sn->sc->last;
	char want[4096], sub[4096] = "";
	size_t i;
	if (!dir_range(sn->sc, dir, want, sizeof(want), &i))
		return;
	for (size_t wn = strlen(want); i < l->n && strncmp(l->v[i].key, want, wn) == 0; i++) {
		const char *name = l->v[i].key + wn, *slash = strchr(name, '/');
		struct claim_entry e = { name, false, l->v[i].size, (int64_t)(l->v[i].mtime * 1e9) };
		if (!*name)
			continue;       /* the directory's own marker */
		if (slash) {
			size_t n = (size_t)(slash - name);
			if (n >= sizeof(sub) || (strncmp(sub, name, n) == 0 && sub[n] == '\0'))
				continue;       /* that subdirectory was said */
			snprintf(sub, sizeof(sub), "%.*s", (int)n, name);
			e = (struct claim_entry){ sub, true, 0, 0 };
		}
		if (!each(&e, earg))
			return;
	}
}

/* Is there an object right under directory dir (s3://BUCKET/KEYDIR) whose
 * name match accepts? From the last listing. */
static bool sniff_dir_has(void *arg, const char *dir, bool (*match)(const char *name, void *marg), void *marg)
{
	struct sniff *sn = arg;
	const struct s3_listing *l = &sn->sc->last;
	char want[4096];
	size_t i;
	if (!dir_range(sn->sc, dir, want, sizeof(want), &i))
		return false;
	for (size_t wn = strlen(want); i < l->n && strncmp(l->v[i].key, want, wn) == 0; i++) {
		const char *name = l->v[i].key + wn;
		if (*name && !strchr(name, '/') && match(name, marg))
			return true;
	}
	return false;
}

/* Hand the object to discovery (once: tracked objects are only looked at
 * again by the loader). */
static void claim_key(struct s3_scan *sc, const struct s3_object *o)
{
	struct discover *d = sc->d;
	const char *rel = o->key + strlen(sc->prefix);
	const char *slash = strrchr(rel, '/');
	char dir_rel[4096], full[8192];
	snprintf(dir_rel, sizeof(dir_rel), "%.*s", slash ? (int)(slash - rel) : 0, rel);
	snprintf(full, sizeof(full), "s3://%s/%s", sc->bucket, o->key);
	if (!loader_tracks(d->loader, full)) {
		struct sniff sn = { sc, o, full };
		struct claim_fs fs = { sniff_head, sniff_dir_has, sniff_list, &sn };
		discover_file_fs(d, sc->ldi, dir_rel, slash ? slash + 1 : rel, full, &fs);
	}
	loader_remote_seen(d->loader, full, sc->bucket, o->key, o->size, o->etag, o->mtime, d->scan_gen);
}

/* Claim the untracked keys beside key again (live: a CSV's claim waits
 * for its siblings' heads). */
static void claim_dir_again(struct s3_scan *sc, const char *key)
{
	const char *slash = strrchr(key, '/');
	char want[4096];
	if (snprintf(want, sizeof(want), "%.*s", slash ? (int)(slash - key) + 1 : 0, key) >= (int)sizeof(want))
		return;
	size_t wn = strlen(want), i = first_key(&sc->last, want);
	for (; i < sc->last.n && strncmp(sc->last.v[i].key, want, wn) == 0; i++) {
		const struct s3_object *o = &sc->last.v[i];
		char full[8192];
		snprintf(full, sizeof(full), "s3://%s/%s", sc->bucket, o->key);
		if (!strchr(o->key + wn, '/') && strcmp(o->key, key) != 0 && !loader_tracks(sc->d->loader, full) &&
		    strncmp(o->key, sc->prefix, strlen(sc->prefix)) == 0)
			claim_key(sc, o);
	}
}

static void take_key(struct s3_scan *sc, struct strmap *seen, const char *root, const struct s3_object *o)
{
	const char *rel = o->key + strlen(sc->prefix);
	size_t n = strlen(rel);
	if (!n || rel[n - 1] == '/')
		return;         /* a "directory" marker */
	const char *slash = strrchr(rel, '/');
	char dir_rel[4096];
	snprintf(dir_rel, sizeof(dir_rel), "%.*s", slash ? (int)(slash - rel) : 0, rel);
	if (!walkable(dir_rel))
		return;
	announce_dirs(sc->d, sc->ldi, seen, dir_rel, root);     /* as the walk: directories first */
	claim_key(sc, o);
}


/* The listing of the logdir (taken: it is kept until the next one): track
 * what is new, mark what left gone. */
static void apply_listing(struct s3_scan *sc, struct s3_listing *taken)
{
	struct discover *d = sc->d;
	s3_listing_free(&sc->last);
	sc->last = *taken;
	memset(taken, 0, sizeof(*taken));
	const struct s3_listing *list = &sc->last;
	char root[8192];
	struct strmap seen;
	strmap_init(&seen);
	snprintf(root, sizeof(root), "s3://%s/%s", sc->bucket, sc->prefix);
	size_t plen = strlen(sc->prefix);
	d->scan_gen++;
	s3_side_attach(d->loader);      /* before any stream opens: their readers ask */
	for (size_t i = 0; i < list->n; i++) {
		const char *key = list->v[i].key, *slash = strrchr(key, '/');
		char full[8192];
		if (strncmp(key, sc->prefix, plen) == 0 && s3_side_name(slash ? slash + 1 : key) &&
		    snprintf(full, sizeof(full), "s3://%s/%s", sc->bucket, key) < (int)sizeof(full))
			s3_side_seen(d->loader, full, sc->bucket, key, list->v[i].etag);
	}
	for (size_t i = 0; i < list->n; i++)
		if (strncmp(list->v[i].key, sc->prefix, plen) == 0)
			take_key(sc, &seen, root, &list->v[i]);
	loader_remote_sweep(d->loader, root, d->scan_gen);
	root[strlen(root) - 1] = '\0';  /* checkpoints the listing no longer holds are gone */
	discover_sweep(d, sc->ldi, root);
	strmap_free(&seen);
	d->lds[sc->ldi].present = true;
	sc->said = false;
}

static void scan_failed(struct s3_scan *sc, const char *err)
{
	struct logdir *ld = &sc->d->lds[sc->ldi];
	if (!sc->said || ld->present)
		diag_report(sc->d->diag, ld->path, -1, "%s", err);
	sc->said = true;
	ld->present = false;
	s3_listing_free(&sc->list);
}

/* Live: a listing in flight, page after page, on the engine's poll(). */
static void on_page(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n, const char *err)
{
	struct s3_scan *sc = arg;
	char token[4096], perr[1024];
	(void)meta;
	sc->req = NULL;
	if (rc == TB_OK &&
	    s3_list_parse((const char *)body, n, &sc->list, token, sizeof(token), perr, sizeof(perr)) != TB_OK) {
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
	apply_listing(sc, &sc->list);
}

void discover_s3_free(struct logdir *ld)
{
	struct s3_scan *sc = ld->s3;
	if (!sc)
		return;
	for (size_t i = 0; i < sc->nall; i++) {
		free(sc->all[i]->p);
		free(sc->all[i]->obj.key);
		free(sc->all[i]);
	}
	free(sc->all);
	strmap_free(&sc->heads);
	free(sc->bucket);
	free(sc->prefix);
	s3_listing_free(&sc->list);
	s3_listing_free(&sc->last);
	free(sc);
	ld->s3 = NULL;
}

static struct s3 *client(struct s3_scan *sc)
{
	struct discover *d = sc->d;
	char err[1024];
	if (!d->loader->s3 && !(d->loader->s3 = s3_new(d->s3_endpoint, d->s3_style, err, sizeof(err))))
		scan_failed(sc, err);   /* said once, not at every poll */
	return d->loader->s3;
}

/* The logdir's state, made at its first scan. */
static struct s3_scan *scan_state(struct discover *d, size_t ldi)
{
	struct logdir *ld = &d->lds[ldi];
	if (ld->s3)
		return ld->s3;
	char *bucket, *prefix;
	if (s3_split_url(ld->path, &bucket, &prefix) != TB_OK) {
		diag_report(d->diag, ld->path, -1, "%s", "s3: no bucket (s3://BUCKET[/PREFIX])");
		return NULL;
	}
	struct s3_scan *sc = ld->s3 = xcalloc(1, sizeof(*sc));
	sc->d = d;
	sc->ldi = ldi;
	sc->bucket = bucket;
	sc->prefix = prefix;
	strmap_init(&sc->heads);
	return sc;
}

int discover_s3_scan(struct discover *d, size_t ldi)
{
	struct s3_scan *sc = scan_state(d, ldi);
	if (!sc || !client(sc))
		return TB_ERR;
	if (d->loader->s3m) {
		/* live: the last poll's listing may still be coming */
		if (!sc->req && !(sc->req = s3_multi_list_page(d->loader->s3m, d->loader->s3, sc->bucket, sc->prefix,
							       "", on_page, sc)))
			scan_failed(sc, "s3: cannot start a request");
		return TB_OK;
	}
	char err[2048];
	struct s3_listing list;
	if (s3_list(d->loader->s3, sc->bucket, sc->prefix, &list, err, sizeof(err)) != TB_OK) {
		scan_failed(sc, err);
		return TB_ERR;
	}
	apply_listing(sc, &list);
	return TB_OK;
}
