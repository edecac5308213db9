/* s3_side.c: the small files beside a remote metric file (hparams.yaml,
 * meta_tags.csv, config.yaml, config.json, wandb-metadata.json,
 * wandb-summary.json), for the readers' fmt_side_read. Discovery tells
 * which of them the listing holds, with their ETags; a copy is kept per
 * key and ETag. Headless, a reader's first ask GETs it at once (readers
 * may ask from the loader's threads: one lock). Live, the listing starts
 * the GET; a reader that asks before the answer gets "not there yet",
 * and its run is read again when it comes. A new ETag in a later listing
 * fetches the file again; the old copy is answered meanwhile. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader_int.h"
#include "s3.h"
#include "tailboard/xalloc.h"

#define KV_CAP ((uint64_t)256 << 10)
#define JSON_CAP (((uint64_t)1 << 20) + 1)

struct side_copy {
	struct s3_side *sd;
	char *path, *bucket, *key;
	char etag[72];          /* as last listed */
	char got_etag[72];      /* of the bytes held ("": none) */
	char req_etag[72];      /* of the GET in flight */
	uint64_t get;           /* bytes asked for at most: the reader's cap */
	uint8_t *p;
	size_t n, cap;
	bool pending;           /* live: a GET in flight */
	char **askers;          /* live: files whose readers were told "not yet" */
	size_t nask, askcap;
};

struct s3_side {
	pthread_mutex_t mu;
	struct loader *l;
	struct strmap by_path;
	struct side_copy **all;
	size_t n, cap;
	struct side_fs fs;
};

/* The readers' caps: kvfile.c's 256 KiB, trainer_state.c's and
 * wandb_files.c's 1 MiB plus the byte that tells them "too big". */
static uint64_t side_cap(const char *name)
{
	static const struct {
		const char *name;
		uint64_t cap;
	} names[] = {
		{ "hparams.yaml", KV_CAP }, { "meta_tags.csv", KV_CAP }, { "config.yaml", KV_CAP },
		{ "config.json", JSON_CAP }, { "wandb-metadata.json", JSON_CAP }, { "wandb-summary.json", JSON_CAP },
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(names); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].cap;
	return 0;
}

bool s3_side_name(const char *name)
{
	return side_cap(name) != 0;
}

static int take(void *arg, const uint8_t *p, size_t n)
{
	struct side_copy *c = arg;
	if (!p) {
		c->n = 0;       /* cut short: it comes again */
		return TB_OK;
	}
	if (c->n + n > c->get)
		n = (size_t)(c->get - c->n);
	xgrow((void **)&c->p, &c->cap, c->n + n, 1);
	memcpy(c->p + c->n, p, n);
	c->n += n;
	return TB_OK;
}

/* Does asker still wait for a copy on its way? */
static bool waits_more(const struct s3_side *sd, const char *asker)
{
	for (size_t i = 0; i < sd->n; i++) {
		const struct side_copy *c = sd->all[i];
		for (size_t k = 0; c->pending && k < c->nask; k++)
			if (strcmp(c->askers[k], asker) == 0)
				return true;
	}
	return false;
}

/* Live: the copy came; the runs told "not yet" are read again. */
static void on_side(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n, const char *err)
{
	struct side_copy *c = arg;
	struct loader *l = c->sd->l;
	(void)meta;
	(void)err;      /* an optional file: not reported, asked again at the next new ETag */
	c->pending = false;
	if (rc != TB_OK)
		return;
	c->n = 0;
	take(c, body, n);
	snprintf(c->got_etag, sizeof(c->got_etag), "%s", c->req_etag);
	for (size_t i = 0; i < c->nask; i++) {
		/* once all it waits for came: facts keep the order of a local read */
		if (!waits_more(c->sd, c->askers[i]))
			loader_reopen_file(l, c->askers[i]);
		free(c->askers[i]);
	}
	c->nask = 0;
}

static void fetch_async(struct side_copy *c)
{
	struct loader *l = c->sd->l;
	if (c->pending || !l->s3m || strcmp(c->got_etag, c->etag) == 0)
		return;
	snprintf(c->req_etag, sizeof(c->req_etag), "%s", c->etag);
	c->pending = s3_multi_get(l->s3m, l->s3, c->bucket, c->key, 0, c->get, on_side, c) != NULL;
}

static void ask_later(struct side_copy *c, const char *asker)
{
	for (size_t i = 0; i < c->nask; i++)
		if (strcmp(c->askers[i], asker) == 0)
			return;
	xgrow((void **)&c->askers, &c->askcap, c->nask + 1, sizeof(*c->askers));
	c->askers[c->nask++] = xstrdup(asker);
}

/* fmt_side_read's provider (side_fs.read), under the lock. */
static long side_read_locked(struct s3_side *sd, const char *asker, const char *path, char *buf, size_t cap,
			     int64_t *stamp)
{
	struct side_copy *c = strmap_get(&sd->by_path, path, strlen(path));
	*stamp = 0;
	if (!c)
		return -1;      /* not in the listing */
	if (!sd->l->s3m && strcmp(c->got_etag, c->etag) != 0) {
		char err[1024];
		struct s3_meta meta;
		c->n = 0;
		c->got_etag[0] = '\0';
		if (s3_get(sd->l->s3, c->bucket, c->key, 0, c->get, take, c, &meta, err, sizeof(err)) != TB_OK ||
		    meta.status == 416)
			return -1;      /* optional: not reported, as a local one that cannot be read */
		snprintf(c->got_etag, sizeof(c->got_etag), "%s", c->etag);
	}
	if (!c->got_etag[0] || (sd->l->s3m && waits_more(sd, asker))) {
		/* live: all the files beside it at once, as from a disk */
		if (!c->got_etag[0])
			ask_later(c, asker);
		fetch_async(c);
		return -1;
	}
	uint64_t h = 0xcbf29ce484222325u;       /* FNV-1a of the ETag and size */
	for (const char *p = c->got_etag; *p; p++)
		h = (h ^ (uint8_t)*p) * 0x100000001b3u;
	*stamp = (int64_t)((h ^ c->n) | 1);
	if (!buf)
		return (long)c->n;
	size_t n = TB_MIN(c->n, cap);
	memcpy(buf, c->p, n);
	return (long)n;
}

static long side_read(void *arg, const char *asker, const char *path, char *buf, size_t cap, int64_t *stamp)
{
	struct s3_side *sd = arg;
	if (strncmp(path, "s3://", 5) != 0)
		return SIDE_LOCAL;
	pthread_mutex_lock(&sd->mu);
	long n = side_read_locked(sd, asker, path, buf, cap, stamp);
	pthread_mutex_unlock(&sd->mu);
	return n;
}

void s3_side_attach(struct loader *l)
{
	if (l->s3side)
		return;
	struct s3_side *sd = l->s3side = xcalloc(1, sizeof(*sd));
	pthread_mutex_init(&sd->mu, NULL);
	sd->l = l;
	strmap_init(&sd->by_path);
	sd->fs = (struct side_fs){ side_read, sd };
	l->env.side = &sd->fs;
}

void s3_side_seen(struct loader *l, const char *path, const char *bucket, const char *key, const char *etag)
{
	s3_side_attach(l);
	struct s3_side *sd = l->s3side;
	pthread_mutex_lock(&sd->mu);
	struct side_copy *c = strmap_get(&sd->by_path, path, strlen(path));
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		c->sd = sd;
		c->path = xstrdup(path);
		c->bucket = xstrdup(bucket);
		c->key = xstrdup(key);
		const char *slash = strrchr(key, '/');
		c->get = side_cap(slash ? slash + 1 : key);
		strmap_put(&sd->by_path, c->path, strlen(c->path), c);
		xgrow((void **)&sd->all, &sd->cap, sd->n + 1, sizeof(*sd->all));
		sd->all[sd->n++] = c;
	}
	snprintf(c->etag, sizeof(c->etag), "%s", etag);
	fetch_async(c);         /* live: before a reader asks */
	pthread_mutex_unlock(&sd->mu);
}

void s3_side_free(struct loader *l)
{
	struct s3_side *sd = l->s3side;
	if (!sd)
		return;
	for (size_t i = 0; i < sd->n; i++) {
		struct side_copy *c = sd->all[i];
		for (size_t k = 0; k < c->nask; k++)
			free(c->askers[k]);
		free(c->askers);
		free(c->p);
		free(c->path);
		free(c->bucket);
		free(c->key);
		free(c);
	}
	free(sd->all);
	strmap_free(&sd->by_path);
	pthread_mutex_destroy(&sd->mu);
	free(sd);
	l->s3side = NULL;
	l->env.side = NULL;
}
