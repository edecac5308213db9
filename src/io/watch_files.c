/* watch_files.c: what the watcher does for one file before the loader
 * reads it.
 *
 * The loader rewinds a file whose inode changed or that shrank below its
 * offset, and re-reading appends every point again.  So the watcher looks
 * first:
 *  - same inode, shorter than our offset (truncated): the file's run is
 *    emptied and all its files re-read from the start;
 *  - new inode (rsync, "write temp + rename"): when the new file begins with
 *    the same bytes the old one did (a fingerprint of its first 4 KiB, which
 *    for event files holds the header's wall time) and is at least as long
 *    as what we read, it is the same stream, so reading goes on from our
 *    offset, as TensorBoard does; otherwise the run is re-read as above.
 * Resetting a run reaches into the loader's file table; it belongs in
 * loader.c (see the live issue's report) and lives here until then. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "watch_int.h"

#define PRINT_BYTES 4096

struct fprint {
	dev_t dev;
	ino_t ino;
	size_t len;             /* bytes hashed */
	uint64_t hash;
};

/* FNV-1a of the first len bytes; false when they cannot all be read. */
static bool hash_prefix(const char *path, size_t len, uint64_t *out)
{
	uint8_t buf[PRINT_BYTES];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	ssize_t n = len ? pread(fd, buf, len, 0) : 0;
	close(fd);
	if (n < 0 || (size_t)n != len)
		return false;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ buf[i]) * 0x100000001b3u;
	*out = h;
	return true;
}

static struct fprint *print_get(struct watch *w, const struct tracked_file *f)
{
	return strmap_get(&w->prints, (const char *)&f, sizeof(f));
}

/* Fingerprint the file now on disk when it is the one the loader reads
 * and the print does not yet cover PRINT_BYTES. */
static void print_update(struct watch *w, struct tracked_file *f, const struct stat *st)
{
	if (f->ino && (st->st_ino != f->ino || st->st_dev != f->dev))
		return;
	struct fprint *p = print_get(w, f);
	size_t want = (size_t)TB_MIN((off_t)PRINT_BYTES, st->st_size);
	if (p && p->ino == st->st_ino && p->dev == st->st_dev && p->len >= want)
		return;
	if (!p) {
		if (!(p = calloc(1, sizeof(*p))))
			return;
		if (tb_grow((void **)&w->allprints, &w->printcap, w->nprints + 1,
			    sizeof(*w->allprints)) != TB_OK ||
		    strmap_put(&w->prints, (const char *)&f, sizeof(f), p) != TB_OK) {
			free(p);
			return;
		}
		w->allprints[w->nprints++] = p;
	}
	uint64_t h;
	if (!hash_prefix(f->path, want, &h)) {
		p->ino = 0;
		return;
	}
	p->dev = st->st_dev;
	p->ino = st->st_ino;
	p->len = want;
	p->hash = h;
}

/* Empty the run and read all its files again from their first byte. */
static void rewind_run(struct app *app, struct run *r)
{
	struct loader *l = &app->loader;
	run_purge(&app->store, r, INT64_MIN);
	r->tb_file_version = 0;
	r->tb_have_recent = false;
	r->tb_recent_step = 0;
	for (size_t i = 0; i < r->nskipped; i++)
		r->skipped[i].count = 0;
	size_t first = SIZE_MAX;
	for (size_t i = 0; i < l->nfiles; i++) {
		struct tracked_file *f = l->files[i];
		if (f->run != r)
			continue;
		const struct source_ops *ops = source_ops_for(f->kind);
		if (ops && ops->close)
			ops->close(f);
		gzstream_free(f);
		f->raw_off = f->log_off = 0;
		f->npending = 0;
		f->ino = 0;
		f->dev = 0;
		f->failed = false;
		if (ops && ops->open && ops->open(&app->ctx, f) != TB_OK)
			f->failed = true;
		if (!f->dirty && !f->failed) {
			f->dirty = true;
			l->ndirty++;
		}
		struct fprint *p = print_get(app->watch, f);
		if (p)
			p->ino = 0;
		if (first == SIZE_MAX)
			first = i;
	}
	/* the table is in reading order: start at the run's first file */
	if (first != SIZE_MAX)
		l->next = first;
	l->finished = 0;
}

/* Same stream under a new inode: the new file starts with the bytes the
 * old one did and holds at least what we read. */
static bool same_stream(struct watch *w, const struct tracked_file *f, const struct stat *st)
{
	const struct fprint *p = print_get(w, f);
	uint64_t h;
	if (!p || !p->ino || p->ino != f->ino || p->dev != f->dev)
		return false;
	if ((uint64_t)st->st_size < f->raw_off || (size_t)st->st_size < p->len)
		return false;
	return hash_prefix(f->path, p->len, &h) && h == p->hash;
}

void wfiles_check(struct app *app, struct tracked_file *f)
{
	struct watch *w = app->watch;
	struct stat st;
	if (stat(f->path, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (!f->gone)
			w->stale_dirty = true;
		loader_touch(&app->loader, &app->ctx, f->path);
		f->gone = true;
		return;
	}
	if (f->gone) {
		/* back (moved back, logdir returned): the run is live again */
		f->gone = false;
		w->stale_dirty = true;
	}
	if (f->ino && f->raw_off > 0) {
		bool same = st.st_ino == f->ino && st.st_dev == f->dev;
		if (same && (uint64_t)st.st_size < f->raw_off) {
			rewind_run(app, f->run);
		} else if (!same) {
			if (same_stream(w, f, &st)) {
				f->dev = st.st_dev;
				f->ino = st.st_ino;
			} else {
				rewind_run(app, f->run);
			}
		}
	}
	print_update(w, f, &st);
	loader_touch(&app->loader, &app->ctx, f->path);
}

static bool under(const char *path, const char *dir, size_t dlen)
{
	return strncmp(path, dir, dlen) == 0 && (path[dlen] == '\0' || path[dlen] == '/');
}

void wfiles_check_under(struct app *app, const char *path)
{
	size_t dlen = strlen(path);
	/* wfiles_check may rewind runs but never adds files: indexes hold */
	for (size_t i = 0; i < app->loader.nfiles; i++)
		if (under(app->loader.files[i]->path, path, dlen))
			wfiles_check(app, app->loader.files[i]);
}

void wfiles_consider(struct app *app, size_t ld, const char *dir_rel, const char *name,
		     const char *full)
{
	struct stat st;
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	struct classify c;
	memset(&c, 0, sizeof(c));
	if (!classify_file(dir_rel, name, full, &c))
		return;
	if (loader_add_file(&app->loader, &app->ctx, ld, full, name, &c) == TB_OK)
		app->loader.finished = 0;
}

void wfiles_update_stale(struct app *app)
{
	struct watch *w = app->watch;
	size_t nruns = app->store.nruns;
	if (!w->stale_dirty || !nruns)
		return;
	size_t *count = calloc(2 * nruns, sizeof(*count));
	if (!count)
		return;
	for (size_t i = 0; i < app->loader.nfiles; i++) {
		const struct tracked_file *f = app->loader.files[i];
		size_t k = f->run->index;
		if (k < nruns) {
			count[2 * k]++;
			count[2 * k + 1] += f->gone;
		}
	}
	/* a run is stale when every file it was read from is gone; its points
	 * stay so the finished curve can still be compared */
	for (size_t k = 0; k < nruns; k++)
		if (count[2 * k])
			app->store.runs[k]->stale = count[2 * k + 1] == count[2 * k];
	free(count);
	w->stale_dirty = false;
}

void wfiles_free(struct watch *w)
{
	for (size_t i = 0; i < w->nprints; i++)
		free(w->allprints[i]);
	free(w->allprints);
	strmap_free(&w->prints);
}
