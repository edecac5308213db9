/* loader_s3.c: tracked files that are S3 objects. Their bytes come by
 * ranged GET from where the last read ended and go into the same stream
 * a local file's do, so every reader works unchanged. Object stores
 * replace objects whole: a new ETag is either the same stream grown
 * (re-uploaded longer) or another object; the first bytes tell which,
 * as the prefix hash does for a local file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader_int.h"
#include "s3.h"
#include "tailboard/xalloc.h"

#define READ_BURST ((uint64_t)8 << 20)         /* one GET, at most */
#define PREFETCH 8              /* live: GETs for the files read next, beside those waited for */
#define PREFETCH_BYTES ((uint64_t)1 << 20)
#define PREFETCH_LOOK 64        /* files looked at ahead for them */
#define PREFIX_BYTES 4096
#define FNV_BASIS 0xcbf29ce484222325u

/* A GET's body, kept whole (at most READ_BURST) until its status is known. */
struct grab {
	uint8_t *p;
	size_t n, cap;
};

struct tracked_remote {
	struct s3 *s3;
	char *bucket, *key;
	uint64_t size;          /* as last listed, or as a GET answered */
	char etag[72];          /* as last listed */
	char read_etag[72];     /* of the object the bytes read so far came from */
	uint64_t seen_gen;      /* the last listing that held it */
	/* live (loader.s3m): the GET in flight, then its answer */
	struct loader *loader;
	struct s3_req *req;
	bool ready, prefix_check;
	bool waited;            /* its run waits for this answer (loader_run.net_wait) */
	uint64_t off;
	struct s3_meta meta;
	struct grab got;
};

void loader_remote_seen(struct loader *l, const char *path, const char *bucket, const char *key, uint64_t size,
			const char *etag, double mtime, uint64_t gen)
{
	struct tracked_file *f = strmap_get(&l->by_path, path, strlen(path));
	if (!f)
		return;
	struct tracked_remote *r = f->remote;
	bool fresh = !r;
	if (fresh) {
		r = f->remote = xcalloc(1, sizeof(*r));
		r->s3 = l->s3;
		r->bucket = xstrdup(bucket);
		r->key = xstrdup(key);
	}
	r->seen_gen = gen;
	loader_set_gone(l, f, false);
	int64_t ns = (int64_t)(mtime * 1e9);
	if (mtime > 0 && ns != f->mtime_ns) {
		/* when the run last wrote, as a local file's mtime says it */
		char when[32];
		snprintf(when, sizeof(when), "%.3f", mtime);
		l->env.sink->ops->fact(l->env.sink, f->run->handle, SINK_MTIME, NULL, when);
		f->mtime_ns = ns;
	}
	if (!fresh && r->size == size && strcmp(r->etag, etag) == 0)
		return;
	l->bytes_total += size - (uint64_t)f->size;
	f->size = (off_t)size;
	r->size = size;
	snprintf(r->etag, sizeof(r->etag), "%s", etag);
	f->failed = false;      /* changed: a new chance */
	loader_mark_dirty(l, f);
}

void loader_remote_sweep(struct loader *l, const char *root, uint64_t gen)
{
	size_t n = strlen(root);
	for (size_t i = 0; i < l->nfiles; i++) {
		struct tracked_file *f = l->files[i];
		if (f->remote && f->remote->seen_gen != gen && strncmp(f->path, root, n) == 0) {
			loader_set_gone(l, f, true);
			loader_mark_clean(l, f);
		}
	}
}

void loader_remote_free(struct tracked_file *f)
{
	if (!f->remote)
		return;
	free(f->remote->bucket);
	free(f->remote->key);
	free(f->remote->got.p);
	free(f->remote);
	f->remote = NULL;
}

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

static int collect(void *arg, const uint8_t *p, size_t n)
{
	struct grab *g = arg;
	if (!p) {
		g->n = 0;       /* cut short: it comes again */
		return TB_OK;
	}
	if (g->n + n > g->cap) {
		size_t cap = TB_MAX(g->cap * 2, g->n + n);
		uint8_t *q = realloc(g->p, cap);
		if (!q)
			return TB_ERR;
		g->p = q;
		g->cap = cap;
	}
	memcpy(g->p + g->n, p, n);
	g->n += n;
	return TB_OK;
}

/* A ranged GET's answer: a server that ignored the range sent the object
 * from byte 0; the object may have grown since it was listed. */
static void answered(struct tracked_remote *r, struct grab *g, const struct s3_meta *meta, uint64_t off)
{
	size_t skip = meta->status == 200 ? (size_t)TB_MIN((uint64_t)g->n, off) : 0;
	memmove(g->p, g->p + skip, g->n - skip);
	g->n -= skip;
	if (meta->total > r->size)
		r->size = meta->total;
}

static int get(struct loader *l, struct tracked_file *f, uint64_t off, uint64_t len, struct grab *g,
	       struct s3_meta *meta)
{
	struct tracked_remote *r = f->remote;
	char err[2048];
	if (s3_get(r->s3, r->bucket, r->key, off, len, collect, g, meta, err, sizeof(err)) != TB_OK) {
		diag_report(l->env.diag, f->path, -1, "%s", err);
		return TB_ERR;
	}
	answered(r, g, meta, off);
	return TB_OK;
}

/* The object changed: does it still begin as what we read? */
static bool same_prefix(struct loader *l, struct tracked_file *f)
{
	struct grab g = { NULL, 0, 0 };
	struct s3_meta meta;
	bool same = f->prefix_len && get(l, f, 0, f->prefix_len, &g, &meta) == TB_OK && g.n == f->prefix_len &&
		    fnv(FNV_BASIS, g.p, g.n) == f->prefix_hash;
	free(g.p);
	return same;
}

static void prefix_extend(struct tracked_file *f, const uint8_t *p, size_t n)
{
	if (f->raw_off != f->prefix_len || f->prefix_len >= PREFIX_BYTES)
		return;         /* the hash covers the file's first bytes only */
	size_t take = TB_MIN(n, PREFIX_BYTES - (size_t)f->prefix_len);
	f->prefix_hash = fnv(f->prefix_len ? f->prefix_hash : FNV_BASIS, p, take);
	f->prefix_len += (uint32_t)take;
}

/* Hand g's bytes to the stream and parse; eof when nothing more is there. */
static void feed(struct loader *l, struct tracked_file *f, const struct grab *g, bool whole)
{
	if (whole)
		stream_clear(&f->stream);
	else
		prefix_extend(f, g->p, g->n);
	if (g->n && stream_take(&f->stream, &l->env, g->p, g->n) != TB_OK) {
		loader_fail(l, f);
		return;
	}
	f->raw_off = whole ? g->n : f->raw_off + g->n;
	f->bytes_read += g->n;
	l->bytes_read += g->n;
	bool eof = whole || f->raw_off >= f->remote->size;
	if (loader_parse(l, f, eof) == TB_OK && eof) {
		loader_mark_clean(l, f);
		stream_trim(&f->stream);
	}
}

/* The bytes from off came (meta says how): into the stream. */
static size_t apply(struct loader *l, struct tracked_file *f, const struct s3_meta *meta, struct grab *g,
		    uint64_t off, bool whole)
{
	struct tracked_remote *r = f->remote;
	snprintf(r->read_etag, sizeof(r->read_etag), "%s", meta->etag[0] ? meta->etag : r->etag);
	if (meta->status == 416 && off) {
		/* shorter than what we read: the run starts over */
		r->size = meta->total;
		loader_rewind_run(l, f->run);
		return 1;
	}
	feed(l, f, g, whole);
	return g->n ? g->n : 1;
}

/* Where the next read starts and how much it asks for; 0 bytes of a
 * streamed file means nothing new. */
static uint64_t next_len(const struct tracked_file *f, size_t budget, bool whole, uint64_t *off)
{
	*off = whole ? 0 : f->raw_off;
	return whole ? 0 : TB_MIN(TB_MIN(f->remote->size - *off, (uint64_t)budget), READ_BURST);
}

static size_t read_blocking(struct loader *l, struct tracked_file *f, size_t budget, bool whole)
{
	struct tracked_remote *r = f->remote;
	bool replaced = f->raw_off && strcmp(r->etag, r->read_etag) != 0;
	if (!whole && f->raw_off && (f->raw_off > r->size || (replaced && !same_prefix(l, f)))) {
		loader_rewind_run(l, f->run);
		return 1;
	}
	uint64_t off, len = next_len(f, budget, whole, &off);
	struct grab g = { NULL, 0, 0 };
	struct s3_meta meta;
	if (!whole && !len) {
		feed(l, f, &g, false);
		return 1;
	}
	if (get(l, f, off, len, &g, &meta) != TB_OK) {
		loader_fail(l, f);
		free(g.p);
		return 1;
	}
	size_t used = apply(l, f, &meta, &g, off, whole);
	free(g.p);
	return used;
}

/* Live, on the engine's poll(): a GET finished. */
static void on_got(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n, const char *err)
{
	struct tracked_file *f = arg;
	struct tracked_remote *r = f->remote;
	struct loader *l = r->loader;
	r->req = NULL;
	if (r->waited) {
		f->run->net_wait = false;
		l->net_inflight--;
		l->net_wait = false;
	}
	r->waited = false;
	r->got.n = 0;
	if (rc != TB_OK || collect(&r->got, body, n) != TB_OK) {
		diag_report(l->env.diag, f->path, -1, "%s", rc != TB_OK ? err : "out of memory");
		/* forget the ETag: the next listing sees a change and tries again */
		r->etag[0] = '\0';
		loader_mark_clean(l, f);
		return;
	}
	r->meta = *meta;
	r->ready = true;
}

static bool send_get(struct loader *l, struct tracked_file *f, uint64_t off, uint64_t len, bool prefix)
{
	struct tracked_remote *r = f->remote;
	r->loader = l;
	r->prefix_check = prefix;
	r->off = off;
	r->req = s3_multi_get(l->s3m, r->s3, r->bucket, r->key, off, len, on_got, f);
	return r->req != NULL;
}

/* While runs wait, fetch what the next dirty files will want (the next
 * files of a waiting run among them): their answers are fed in reading
 * order when the loader gets there. */
static void prefetch(struct loader *l)
{
	size_t sent = 0;
	for (size_t k = 1; k <= PREFETCH_LOOK && k < l->nfiles && sent < PREFETCH; k++) {
		struct tracked_file *g = l->files[(l->next + k) % l->nfiles];
		struct tracked_remote *r = g->remote;
		if (!g->dirty || !r || r->req || r->ready || (g->raw_off && strcmp(r->etag, r->read_etag) != 0))
			continue;
		bool whole = source_whole_file(g->stream.file.kind);
		uint64_t off = whole ? 0 : g->raw_off;
		uint64_t len = whole ? 0 : TB_MIN(r->size - TB_MIN(off, r->size), PREFETCH_BYTES);
		if ((whole || len) && send_get(l, g, off, len, false))
			sent++;
	}
}

/* f's run waits for f's answer, in order, without blocking; the others
 * are read meanwhile, up to LOADER_MAX_WAITING runs waiting at once. On a
 * kept-alive connection RGW answers each ~40 ms late: many at once hide
 * it, and one run's big file holds no other run back. */
static void wait_for(struct loader *l, struct tracked_file *f)
{
	f->remote->waited = true;
	f->run->net_wait = true;
	l->net_inflight++;
	if (l->net_inflight >= LOADER_MAX_WAITING)
		l->net_wait = true;
}

static size_t start_get(struct loader *l, struct tracked_file *f, uint64_t off, uint64_t len, bool prefix)
{
	if (!send_get(l, f, off, len, prefix)) {
		diag_report(l->env.diag, f->path, -1, "%s", "s3: cannot start a request");
		loader_fail(l, f);
		return 1;
	}
	wait_for(l, f);
	prefetch(l);
	return 0;
}

static size_t read_async(struct loader *l, struct tracked_file *f, size_t budget, bool whole)
{
	struct tracked_remote *r = f->remote;
	if (r->req) {
		if (!r->waited)
			wait_for(l, f);         /* prefetched, not here yet */
		return 0;
	}
	if (r->ready) {
		r->ready = false;
		bool whole_or_at = whole || r->off == f->raw_off;
		if (!r->prefix_check && !whole_or_at)
			return 1;       /* fetched for an offset the run has left (rewound): ask again */
		if (!r->prefix_check) {
			answered(r, &r->got, &r->meta, r->off);
			size_t used = apply(l, f, &r->meta, &r->got, r->off, whole);
			free(r->got.p);         /* idle files keep no buffer */
			r->got = (struct grab){ NULL, 0, 0 };
			return used;
		}
		if (!f->prefix_len || r->got.n != f->prefix_len || fnv(FNV_BASIS, r->got.p, r->got.n) != f->prefix_hash) {
			loader_rewind_run(l, f->run);
			return 1;
		}
		/* the same stream, grown: read on */
		snprintf(r->read_etag, sizeof(r->read_etag), "%s", r->etag);
	}
	if (!whole && f->raw_off && f->raw_off > r->size) {
		loader_rewind_run(l, f->run);
		return 1;
	}
	if (!whole && f->raw_off && strcmp(r->etag, r->read_etag) != 0)
		return start_get(l, f, 0, f->prefix_len ? f->prefix_len : 1, true);
	uint64_t off, len = next_len(f, budget, whole, &off);
	if (!whole && !len) {
		struct grab none = { NULL, 0, 0 };
		feed(l, f, &none, false);
		return 1;
	}
	return start_get(l, f, off, len, false);
}

size_t loader_read_remote(struct loader *l, struct tracked_file *f, size_t budget)
{
	bool whole = source_whole_file(f->stream.file.kind);
	return l->s3m ? read_async(l, f, budget, whole) : read_blocking(l, f, budget, whole);
}
