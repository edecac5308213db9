/* loader.c: tracked files and the budgeted read loop. Files are opened,
 * read and closed on every turn, so thousands of runs never exhaust file
 * descriptors, and a replaced file is noticed by its inode. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "loader_int.h"
#include "s3.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

#define READ_CHUNK ((size_t)256 << 10)  /* one read: well inside the cache */
#define READ_BURST ((size_t)8 << 20)    /* reads per open, at most */
#define WHOLE_FILE_MAX ((off_t)256 << 20)   /* trainer_state.json is never this big */
#define PREFIX_BYTES 4096

void loader_init(struct loader *l, struct sink *sink, struct diag *diag)
{
	memset(l, 0, sizeof(*l));
	l->env.sink = sink;
	l->env.diag = diag;
	l->started = l->load_t0 = tb_now();
	strmap_init(&l->by_path);
	strmap_init(&l->run_by_name);
}

static void file_free(struct tracked_file *f)
{
	stream_close(&f->stream);
	loader_remote_free(f);
	free(f->path);
	free(f->name);
	free(f);
}

void loader_free(struct loader *l)
{
	for (size_t i = 0; i < l->nfiles; i++)
		file_free(l->files[i]);
	free(l->files);
	for (size_t i = 0; i < l->nruns; i++) {
		source_run_free(&l->runs[i]->shared);
		free(l->runs[i]);
	}
	free(l->runs);
	s3_side_free(l);
	s3_free(l->s3);
	strmap_free(&l->by_path);
	strmap_free(&l->run_by_name);
	memset(l, 0, sizeof(*l));
}

static struct tracked_file *find(const struct loader *l, const char *path)
{
	return strmap_get(&l->by_path, path, strlen(path));
}

bool loader_tracks(const struct loader *l, const char *path)
{
	return find(l, path) != NULL;
}

const char *loader_file_path(const struct loader *l, size_t i)
{
	return i < l->nfiles ? l->files[i]->path : NULL;
}

static struct loader_run *run_for(struct loader *l, const char *name, size_t len)
{
	struct loader_run *r = strmap_get(&l->run_by_name, name, len);
	if (r)
		return r;
	r = xcalloc(1, sizeof(*r));
	r->handle = l->env.sink->ops->run(l->env.sink, name, len);
	r->index = l->nruns;
	xgrow((void **)&l->runs, &l->runcap, l->nruns + 1, sizeof(*l->runs));
	l->runs[l->nruns++] = r;
	strmap_put(&l->run_by_name, name, len, r);
	return r;
}

/* Reading order: by run (as found), then by file name, as TensorBoard
 * reads a run's event files one after another. */
static int cmp_files(const void *a, const void *b)
{
	const struct tracked_file *x = *(struct tracked_file *const *)a;
	const struct tracked_file *y = *(struct tracked_file *const *)b;
	if (x->run->index != y->run->index)
		return x->run->index < y->run->index ? -1 : 1;
	return strcmp(x->name, y->name);
}

void loader_mark_dirty(struct loader *l, struct tracked_file *f)
{
	if (f->dirty || f->failed)
		return;
	if (!l->ndirty && l->finished) {
		/* a new load begins (the first one began with the loader) */
		l->load_t0 = tb_now();
		l->load_b0 = l->bytes_read;
	}
	f->dirty = true;
	l->ndirty++;
	l->finished = 0;
	l->net_wait = l->net_inflight >= LOADER_MAX_WAITING;   /* else something new to read, perhaps */
}

void loader_mark_clean(struct loader *l, struct tracked_file *f)
{
	if (f->dirty) {
		f->dirty = false;
		l->ndirty--;
	}
}

void loader_set_gone(struct loader *l, struct tracked_file *f, bool gone)
{
	if (f->gone == gone)
		return;
	f->gone = gone;
	f->run->ngone += gone ? 1 : (size_t)-1;
	l->stale_dirty = true;
}

int loader_add_file(struct loader *l, const char *path, const char *name, const char *run, size_t run_len,
		    const struct source_claim *c)
{
	if (find(l, path))
		return TB_OK;
	struct loader_run *r = run_for(l, run, run_len);
	struct tracked_file *f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->name = xstrdup(name);
	f->run = r;
	r->nfiles++;
	if (c->kind != SRC_WANDB_OUTPUT)      /* console text: the run's format is its metrics' */
		l->env.sink->ops->fact(l->env.sink, r->handle, SINK_FORMAT, NULL, source_name(c->kind));
	int rc = stream_open(&f->stream, &l->env, c->kind, f->path, c->gz, r->handle, &r->shared);
	struct stat st;
	if (stat(path, &st) == 0) {
		f->size = st.st_size;
		l->bytes_total += (uint64_t)st.st_size;
	}
	xgrow((void **)&l->files, &l->cap, l->nfiles + 1, sizeof(*l->files));
	l->files[l->nfiles++] = f;
	strmap_put(&l->by_path, path, strlen(path), f);
	f->failed = rc != TB_OK;
	loader_mark_dirty(l, f);
	/* keep the table in reading order; inserts are rare after the scan */
	if (l->nfiles > 1 && cmp_files(&l->files[l->nfiles - 2], &l->files[l->nfiles - 1]) > 0) {
		qsort(l->files, l->nfiles, sizeof(*l->files), cmp_files);
		l->next = 0;
	}
	return rc == TB_OK ? TB_OK : TB_ERR;
}

/* FNV-1a of the first len bytes of fd; false when they cannot all be read. */
static bool hash_prefix(int fd, size_t len, uint64_t *out)
{
	uint8_t buf[PREFIX_BYTES];
	if (len > sizeof(buf) || pread(fd, buf, len, 0) != (ssize_t)len)
		return false;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ buf[i]) * 0x100000001b3u;
	*out = h;
	return true;
}

/* Remember how the file begins (up to PREFIX_BYTES, which for an event
 * file holds the header's wall time) once we have read that far. */
static void prefix_update(struct tracked_file *f, int fd, uint64_t have)
{
	size_t want = (size_t)TB_MIN((uint64_t)PREFIX_BYTES, have);
	if (want > f->prefix_len && hash_prefix(fd, want, &f->prefix_hash))
		f->prefix_len = (uint32_t)want;
}

/* Empty a run and read all its files again from their first byte: one of
 * them was truncated or replaced by different content, and re-reading only
 * that file would append its points a second time. */
void loader_rewind_run(struct loader *l, struct loader_run *r)
{
	l->env.sink->ops->reset(l->env.sink, r->handle);
	size_t first = SIZE_MAX;
	for (size_t i = 0; i < l->nfiles; i++) {
		struct tracked_file *f = l->files[i];
		if (f->run != r)
			continue;
		stream_rewind(&f->stream, &l->env);
		f->raw_off = 0;
		f->ino = 0;
		f->dev = 0;
		f->prefix_len = 0;
		f->failed = false;
		loader_mark_dirty(l, f);
		if (first == SIZE_MAX)
			first = i;
	}
	/* the table is in reading order: start again at the run's first file */
	if (first != SIZE_MAX)
		l->next = first;
}

void loader_reopen_file(struct loader *l, const char *path)
{
	struct tracked_file *f = find(l, path);
	if (!f)
		return;
	enum source_kind kind = f->stream.file.kind;
	bool gz = f->stream.file.gz;
	loader_rewind_run(l, f->run);
	stream_close(&f->stream);
	f->failed = stream_open(&f->stream, &l->env, kind, f->path, gz, f->run->handle, &f->run->shared) != TB_OK;
}

/* Is the file on disk still the stream we were reading? It must hold at
 * least what we read and begin with the same bytes. That covers a new
 * inode with the same content (rsync, "write a temp file and rename it
 * over": read on, as TensorBoard does), and catches truncation, different
 * content under a new inode, a file rewritten in place, and a deleted
 * file whose inode number came back with another file. Anything else
 * starts the run over. Returns true when the run was rewound. */
static bool check_identity(struct loader *l, struct tracked_file *f, int fd, const struct stat *st)
{
	uint64_t h;
	if (!f->raw_off)
		return false;
	if ((uint64_t)st->st_size >= f->raw_off &&
	    (!f->prefix_len || (hash_prefix(fd, f->prefix_len, &h) && h == f->prefix_hash)))
		return false;
	loader_rewind_run(l, f->run);
	return true;
}

/* Parse what is pending; a reader that reports corruption stops the file. */
int loader_parse(struct loader *l, struct tracked_file *f, bool eof)
{
	int rc = stream_parse(&f->stream, &l->env, eof);
	if (rc != TB_OK) {
		f->failed = true;
		loader_mark_clean(l, f);
	}
	return rc;
}

void loader_fail(struct loader *l, struct tracked_file *f)
{
	f->failed = true;
	loader_mark_clean(l, f);
}

static int read_whole(struct loader *l, struct tracked_file *f, int fd, const struct stat *st)
{
	if (st->st_size > WHOLE_FILE_MAX) {
		diag_report(l->env.diag, f->path, -1, "file too large to parse whole (%lld bytes)",
			    (long long)st->st_size);
		loader_fail(l, f);
		return TB_ERR;
	}
	stream_clear(&f->stream);
	uint8_t buf[65536];
	ssize_t n;
	uint64_t total = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (stream_take(&f->stream, &l->env, buf, (size_t)n) != TB_OK) {
			loader_fail(l, f);
			return TB_ERR;
		}
		total += (uint64_t)n;
	}
	if (n < 0) {
		diag_report(l->env.diag, f->path, -1, "read failed: %s", strerror(errno));
		loader_fail(l, f);
		return TB_ERR;
	}
	f->raw_off = total;
	l->bytes_read += total;
	f->bytes_read += total;
	return loader_parse(l, f, true);
}

/* Read the next chunk of f, at most max bytes, into its stream and parse
 * it; *used = bytes read from disk. TB_AGAIN while there is more to read,
 * TB_DONE at the end, TB_ERR when the file failed. */
static int read_chunk(struct loader *l, struct tracked_file *f, int fd, const struct stat *st, size_t max,
		      size_t *used)
{
	*used = 0;
	/* grow pending only by what the file holds: a megabyte reserved for
	 * each of a million empty files is a terabyte of address space */
	size_t want = (uint64_t)st->st_size > f->raw_off
		? (size_t)TB_MIN((uint64_t)max, (uint64_t)st->st_size - f->raw_off) : 0;
	uint8_t tmp[65536], *dst = tmp;
	if (f->stream.file.gz) {
		want = TB_MIN(want, sizeof(tmp));
	} else if (want && !(dst = stream_room(&f->stream, want))) {
		/* give up on this file, or the loop would retry it forever */
		diag_report(l->env.diag, f->path, (int64_t)f->raw_off, "out of memory");
		loader_fail(l, f);
		return TB_ERR;
	}
	ssize_t n = want ? pread(fd, dst, want, (off_t)f->raw_off) : 0;
	if (n < 0) {
		diag_report(l->env.diag, f->path, (int64_t)f->raw_off, "read failed: %s", strerror(errno));
		loader_fail(l, f);
		return TB_ERR;
	}
	if (n > 0 && f->prefix_len < PREFIX_BYTES)
		prefix_update(f, fd, f->raw_off + (uint64_t)n);
	size_t got = (size_t)n;
	*used = got;
	f->raw_off += got;
	f->bytes_read += got;
	l->bytes_read += got;
	int rc = TB_OK;
	if (!f->stream.file.gz)
		stream_commit(&f->stream, got);        /* pread went straight into pending */
	else if (got)
		rc = stream_take(&f->stream, &l->env, tmp, got);
	bool eof = got < want || f->raw_off >= (uint64_t)st->st_size;
	if (rc == TB_OK)
		rc = loader_parse(l, f, eof);
	else
		loader_fail(l, f);
	if (eof) {
		loader_mark_clean(l, f);
		/* idle files keep no buffer: memory stays bounded by what is
		 * pending, not by how many files there are */
		stream_trim(&f->stream);
	}
	return rc != TB_OK ? TB_ERR : eof ? TB_DONE : TB_AGAIN;
}

/* Open f to read it; -1 after noting it gone or reporting why not. */
static int open_file(struct loader *l, struct tracked_file *f, struct stat *st)
{
	/* O_NONBLOCK: a FIFO named like an event file must never block us */
	int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0 && fstat(fd, st) == 0 && S_ISREG(st->st_mode)) {
		loader_set_gone(l, f, false);
		return fd;
	}
	if (fd < 0 && errno == ENOENT)
		loader_set_gone(l, f, true);
	else
		diag_report(l->env.diag, f->path, -1, "%s", fd < 0 ? strerror(errno) : "not a regular file");
	if (fd >= 0) {
		close(fd);
		f->failed = true;
	}
	loader_mark_clean(l, f);
	return -1;
}

/* Read up to budget new bytes of f; returns bytes consumed from disk. */
static size_t read_some(struct loader *l, struct tracked_file *f, size_t budget)
{
	if (f->remote)
		return loader_read_remote(l, f, budget);
	struct stat st;
	int fd = open_file(l, f, &st);
	if (fd < 0)
		return 0;
	/* checked with the file open: what we read next is what we judged */
	bool whole = source_whole_file(f->stream.file.kind);
	if (!whole && check_identity(l, f, fd, &st)) {
		close(fd);
		return 1;
	}
	if (f->size != st.st_size)
		l->bytes_total += (uint64_t)st.st_size - (uint64_t)f->size;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->size = st.st_size;
	int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (mtime != f->mtime_ns) {
		/* when the run last wrote: its formats without times need this */
		char when[32];
		snprintf(when, sizeof(when), "%.3f", (double)mtime / 1e9);
		l->env.sink->ops->fact(l->env.sink, f->run->handle, SINK_MTIME, NULL, when);
	}
	f->mtime_ns = mtime;
	if (whole) {
		(void)read_whole(l, f, fd, &st);        /* failures are reported and mark f */
		loader_mark_clean(l, f);
		close(fd);
		return (size_t)st.st_size;
	}
	/* chunks a fraction of the cache, each parsed as soon as it is read:
	 * the parser reads what the kernel just wrote, still in cache */
	size_t spent = 0;
	for (;;) {
		size_t got;
		int rc = read_chunk(l, f, fd, &st, TB_MIN(budget - spent, READ_CHUNK), &got);
		spent += got;
		if (rc != TB_AGAIN || spent >= TB_MIN(budget, READ_BURST))
			break;
	}
	close(fd);
	return spent ? spent : 1;
}

/* The run's first dirty file at or before index i: a run's files are
 * next to each other in reading order. */
static size_t run_first_dirty(const struct loader *l, size_t i)
{
	size_t first = i;
	for (size_t k = i; k-- > 0 && l->files[k]->run == l->files[i]->run;)
		if (l->files[k]->dirty)
			first = k;
	return first;
}

int loader_work(struct loader *l, size_t budget)
{
	size_t spent = 0, passed = 0;
	while (l->ndirty && spent < budget && !l->net_wait) {
		if (l->next >= l->nfiles)
			l->next = 0;
		struct tracked_file *f = l->files[l->next];
		if (!f->dirty || f->run->net_wait) {
			l->next++;
			/* a lap without a file to read: every dirty one waits on the network */
			l->net_wait = ++passed > l->nfiles;
			continue;
		}
		passed = 0;
		size_t first = f->remote ? run_first_dirty(l, l->next) : l->next;
		if (first != l->next) {
			l->next = first;        /* an earlier file of the run changed, or was waited for */
			continue;
		}
		/* stay on this file until it is read to its end: a run's files
		 * are read in order, which TensorBoard's restart rule relies on */
		spent += read_some(l, f, budget - spent);
	}
	if (!l->ndirty && !l->finished)
		l->finished = tb_now();
	return l->ndirty && !l->net_wait ? TB_OK : TB_DONE;
}

static void touch(struct loader *l, struct tracked_file *f)
{
	struct stat st;
	if (f->remote)
		return;         /* the bucket's listing tells (loader_remote_seen) */
	if (stat(f->path, &st) != 0) {
		loader_set_gone(l, f, true);
		return;
	}
	/* back (moved back, logdir returned): the run is live again; a FIFO
	 * in its place is gone, and named when the read refuses it */
	loader_set_gone(l, f, !S_ISREG(st.st_mode));
	int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (st.st_ino != f->ino || st.st_dev != f->dev || st.st_size != f->size || mtime != f->mtime_ns) {
		if (st.st_ino != f->ino || (uint64_t)st.st_size < f->raw_off)
			f->failed = false;      /* a new file deserves a new chance */
		loader_mark_dirty(l, f);
	}
}

void loader_touch(struct loader *l, const char *path)
{
	struct tracked_file *f = find(l, path);
	if (f)
		touch(l, f);
}

/* Is f directly in dir (dlen bytes of it)? */
static bool directly_in(const struct tracked_file *f, const char *dir, size_t dlen)
{
	return strncmp(f->path, dir, dlen) == 0 && f->path[dlen] == '/' && !strchr(f->path + dlen + 1, '/');
}

bool loader_touch_side(struct loader *l, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || !s3_side_name(slash + 1))
		return false;
	size_t dlen = (size_t)(slash - path), plen = dlen;
	/* W&B keeps them in the run directory's files/ */
	if (dlen >= 6 && strncmp(path + dlen - 6, "/files", 6) == 0)
		plen = dlen - 6;
	for (size_t i = 0; i < l->nfiles; i++) {
		struct tracked_file *f = l->files[i];
		if (!f->remote && (directly_in(f, path, dlen) || directly_in(f, path, plen)))
			loader_mark_dirty(l, f);
	}
	return true;
}

void loader_touch_under(struct loader *l, const char *dir)
{
	/* touching may rewind runs but never adds files: indexes hold */
	for (size_t i = 0; i < l->nfiles; i++)
		if (path_under(l->files[i]->path, dir))
			touch(l, l->files[i]);
}

void loader_restat_all(struct loader *l)
{
	for (size_t i = 0; i < l->nfiles; i++)
		touch(l, l->files[i]);
}

void loader_update_stale(struct loader *l)
{
	if (!l->stale_dirty)
		return;
	l->stale_dirty = false;
	/* a run is stale when every file it was read from is gone; its points
	 * stay so the finished curve can still be compared */
	for (size_t i = 0; i < l->nruns; i++) {
		struct loader_run *r = l->runs[i];
		bool stale = r->nfiles && r->ngone == r->nfiles;
		if (stale != r->stale) {
			r->stale = stale;
			l->env.sink->ops->fact(l->env.sink, r->handle, SINK_STALE, NULL, stale ? "stale" : NULL);
		}
	}
}

bool loader_busy(const struct loader *l)
{
	return l->ndirty > 0 && !l->net_wait;
}

void loader_progress(const struct loader *l, struct loader_progress *p)
{
	memset(p, 0, sizeof(*p));
	p->busy = l->ndirty > 0;
	p->nfiles = l->nfiles;
	p->ndirty = l->ndirty;
	for (size_t i = 0; i < l->nfiles; i++)
		p->nfailed += l->files[i]->failed;
	p->bytes_total = l->bytes_total;
	p->bytes_read = l->bytes_read;
	p->load_t0 = l->load_t0;
	p->load_b0 = l->load_b0;
}
