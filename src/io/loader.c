/* loader.c: tracked files and the budgeted read loop. Files are opened,
 * read and closed on every turn, so thousands of runs never exhaust file
 * descriptors, and a replaced file is noticed by its inode. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tailboard/loader.h"

#define READ_CHUNK ((size_t)256 << 10)  /* one read: well inside the cache */
#define READ_BURST ((size_t)8 << 20)    /* reads per open, at most */
#define WHOLE_FILE_MAX ((off_t)256 << 20)   /* trainer_state.json is never this big */

int loader_init(struct loader *l)
{
	memset(l, 0, sizeof(*l));
	l->started = tb_now();
	return strmap_init(&l->by_path);
}

static void file_free(struct tracked_file *f)
{
	const struct source_ops *ops = source_ops_for(f->kind);
	if (ops && ops->close)
		ops->close(f);
	gzstream_free(f);
	free(f->path);
	free(f->name);
	free(f->pending);
	free(f);
}

void loader_free(struct loader *l)
{
	for (size_t i = 0; i < l->nfiles; i++)
		file_free(l->files[i]);
	free(l->files);
	for (size_t i = 0; i < l->nlogdirs; i++) {
		free(l->logdirs[i].name);
		free(l->logdirs[i].path);
	}
	free(l->logdirs);
	strmap_free(&l->by_path);
	memset(l, 0, sizeof(*l));
}

int loader_add_logdir(struct loader *l, const char *name, const char *path)
{
	struct logdir *p = realloc(l->logdirs, (l->nlogdirs + 1) * sizeof(*p));
	if (!p)
		return TB_NOMEM;
	l->logdirs = p;
	struct logdir *ld = &p[l->nlogdirs];
	memset(ld, 0, sizeof(*ld));
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;          /* "runs/" and "runs" name runs alike */
	ld->path = strndup(path, len);
	ld->name = name ? strdup(name) : NULL;
	if (!ld->path || (name && !ld->name))
		return TB_NOMEM;
	l->nlogdirs++;
	return TB_OK;
}

struct tracked_file *loader_find(const struct loader *l, const char *path)
{
	return strmap_get(&l->by_path, path, strlen(path));
}

/* Reading order: by run (creation order), then by file name, as
 * TensorBoard reads a run's event files one after another. */
static int cmp_files(const void *a, const void *b)
{
	const struct tracked_file *x = *(struct tracked_file *const *)a;
	const struct tracked_file *y = *(struct tracked_file *const *)b;
	if (x->run->index != y->run->index)
		return x->run->index < y->run->index ? -1 : 1;
	return strcmp(x->name, y->name);
}

int loader_add_file(struct loader *l, struct source_ctx *ctx, size_t ld, const char *path,
		    const char *name, const struct classify *c)
{
	if (loader_find(l, path))
		return TB_OK;
	char run_name[4096];
	size_t rn = discover_run_name(&l->logdirs[ld], c->run_rel, run_name, sizeof(run_name));
	struct run *r = store_get_run(ctx->store, run_name, rn);
	if (!r || tb_grow((void **)&l->files, &l->cap, l->nfiles + 1, sizeof(*l->files)) != TB_OK)
		return TB_NOMEM;
	struct tracked_file *f = calloc(1, sizeof(*f));
	if (!f)
		return TB_NOMEM;
	f->path = strdup(path);
	f->name = strdup(name);
	f->run = r;
	f->kind = c->kind;
	f->gz = c->gz;
	f->dirty = true;
	const struct source_ops *ops = source_ops_for(c->kind);
	if (!f->path || !f->name || !ops || strmap_put(&l->by_path, path, strlen(path), f) != TB_OK) {
		file_free(f);
		return TB_NOMEM;
	}
	r->format = ops->name;
	if (ops->open && ops->open(ctx, f) != TB_OK) {
		f->failed = true;
		f->dirty = false;
	}
	struct stat st;
	if (stat(path, &st) == 0) {
		f->size = st.st_size;
		l->bytes_total += (uint64_t)st.st_size;
	}
	l->files[l->nfiles++] = f;
	l->ndirty += f->dirty;
	/* keep the table in reading order; inserts are rare after the scan */
	if (l->nfiles > 1 && cmp_files(&l->files[l->nfiles - 2], &l->files[l->nfiles - 1]) > 0) {
		qsort(l->files, l->nfiles, sizeof(*l->files), cmp_files);
		l->next = 0;
	}
	return TB_OK;
}

static void mark_clean(struct loader *l, struct tracked_file *f)
{
	if (f->dirty) {
		f->dirty = false;
		l->ndirty--;
	}
}

static void mark_dirty(struct loader *l, struct tracked_file *f)
{
	if (!f->dirty && !f->failed) {
		f->dirty = true;
		l->ndirty++;
	}
}

#define PREFIX_BYTES 4096

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
static void rewind_run(struct loader *l, struct source_ctx *ctx, struct run *r)
{
	run_purge(ctx->store, r, INT64_MIN);
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
		if (ops->close)
			ops->close(f);
		gzstream_free(f);
		f->raw_off = f->log_off = 0;
		f->npending = 0;
		f->ino = 0;
		f->dev = 0;
		f->prefix_len = 0;
		f->failed = ops->open && ops->open(ctx, f) != TB_OK;
		mark_dirty(l, f);
		if (first == SIZE_MAX)
			first = i;
	}
	/* the table is in reading order: start again at the run's first file */
	if (first != SIZE_MAX)
		l->next = first;
	l->finished = 0;
}

/* Is the file on disk still the stream we were reading? It must hold at
 * least what we read and begin with the same bytes. That covers a new
 * inode with the same content (rsync, "write a temp file and rename it
 * over": read on, as TensorBoard does), and catches truncation, different
 * content under a new inode, a file rewritten in place, and a deleted
 * file whose inode number came back with another file. Anything else
 * starts the run over. Returns true when the run was rewound. */
static bool check_identity(struct loader *l, struct source_ctx *ctx, struct tracked_file *f,
			   int fd, const struct stat *st)
{
	uint64_t h;
	if (!f->raw_off)
		return false;
	if ((uint64_t)st->st_size >= f->raw_off &&
	    (!f->prefix_len || (hash_prefix(fd, f->prefix_len, &h) && h == f->prefix_hash)))
		return false;
	rewind_run(l, ctx, f->run);
	return true;
}

/* Hand new bytes to the parser; stamp the run when points arrived. */
static int feed(struct loader *l, struct source_ctx *ctx, struct tracked_file *f,
		const uint8_t *raw, size_t n, bool eof)
{
	size_t before = f->run->npoints;
	uint64_t gen = f->run->gen;
	int rc = source_feed(ctx, f, raw, n, eof);
	if (f->run->npoints != before || f->run->gen != gen)
		f->run->last_append = tb_now();   /* once a batch: the clock is not free */
	if (rc != TB_OK)
		mark_clean(l, f);
	return rc;
}

static int read_whole(struct loader *l, struct source_ctx *ctx, struct tracked_file *f, int fd,
		      const struct stat *st)
{
	if (st->st_size > WHOLE_FILE_MAX) {
		diag_report(ctx->diag, f->path, -1, "file too large to parse whole (%lld bytes)",
			    (long long)st->st_size);
		f->failed = true;
		return TB_ERR;
	}
	f->npending = 0;
	f->log_off = 0;
	gzstream_free(f);
	uint8_t buf[65536];
	ssize_t n;
	uint64_t total = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		int rc = source_take(ctx, f, buf, (size_t)n);
		if (rc != TB_OK)
			return rc;
		total += (uint64_t)n;
	}
	if (n < 0) {
		diag_report(ctx->diag, f->path, -1, "read failed: %s", strerror(errno));
		return TB_ERR;
	}
	f->raw_off = total;
	l->bytes_read += total;
	f->bytes_read += total;
	return feed(l, ctx, f, NULL, 0, true);
}

/* Read and parse the next chunk of f, at most max bytes; *used = bytes
 * read from disk. TB_AGAIN while there is more to read, TB_DONE at the
 * end, TB_ERR when the file failed. */
static int read_chunk(struct loader *l, struct source_ctx *ctx, struct tracked_file *f, int fd,
		      const struct stat *st, size_t max, size_t *used)
{
	*used = 0;
	size_t want = max;
	/* grow pending only by what the file holds: a megabyte reserved for
	 * each of a million empty files is a terabyte of address space */
	if ((uint64_t)st->st_size > f->raw_off)
		want = (size_t)TB_MIN((uint64_t)want, (uint64_t)st->st_size - f->raw_off);
	else
		want = 0;
	uint8_t *dst;
	uint8_t tmp[65536];
	if (f->gz) {
		want = TB_MIN(want, sizeof(tmp));
		dst = tmp;
	} else {
		if (tb_grow((void **)&f->pending, &f->pendcap, f->npending + want, 1) != TB_OK) {
			/* give up on this file, or the loop would retry it forever */
			diag_report(ctx->diag, f->path, (int64_t)f->raw_off, "out of memory");
			f->failed = true;
			mark_clean(l, f);
			return TB_ERR;
		}
		dst = want ? f->pending + f->npending : NULL;
	}
	ssize_t n = want ? pread(fd, dst, want, (off_t)f->raw_off) : 0;
	if (n > 0 && f->prefix_len < PREFIX_BYTES)
		prefix_update(f, fd, f->raw_off + (uint64_t)n);
	if (n < 0) {
		diag_report(ctx->diag, f->path, (int64_t)f->raw_off, "read failed: %s", strerror(errno));
		f->failed = true;
		mark_clean(l, f);
		return TB_ERR;
	}
	size_t got = (size_t)n;
	*used = got;
	f->raw_off += got;
	f->bytes_read += got;
	l->bytes_read += got;
	if (!f->gz)
		f->npending += got;     /* pread went straight into pending */
	bool eof = got < want || f->raw_off >= (uint64_t)st->st_size;
	int rc = feed(l, ctx, f, f->gz ? tmp : NULL, f->gz ? got : 0, eof);
	if (eof)
		mark_clean(l, f);
	if (eof && !f->npending) {
		/* idle files keep no buffer: memory stays bounded by what is
		 * pending, not by how many files there are */
		free(f->pending);
		f->pending = NULL;
		f->pendcap = 0;
	}
	return rc != TB_OK ? TB_ERR : eof ? TB_DONE : TB_AGAIN;
}

/* Read up to budget new bytes of f; returns bytes consumed from disk. */
static size_t read_some(struct loader *l, struct source_ctx *ctx, struct tracked_file *f, size_t budget)
{
	const struct source_ops *ops = source_ops_for(f->kind);
	/* O_NONBLOCK: a FIFO named like an event file must never block us */
	int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd < 0 && errno == ENOENT)
			f->gone = true;
		else
			diag_report(ctx->diag, f->path, -1, "%s", fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		f->failed = fd >= 0;
		mark_clean(l, f);
		return 0;
	}
	f->gone = false;
	int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	/* checked with the file open: what we read next is what we judged */
	if (!ops->whole_file && check_identity(l, ctx, f, fd, &st)) {
		close(fd);
		return 1;
	}
	if (f->size != st.st_size)
		l->bytes_total += (uint64_t)st.st_size - (uint64_t)f->size;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->size = st.st_size;
	f->mtime_ns = mtime;
	if (ops->whole_file) {
		read_whole(l, ctx, f, fd, &st);
		mark_clean(l, f);
		close(fd);
		return (size_t)st.st_size;
	}
	/* chunks a fraction of the cache, each parsed as soon as it is read:
	 * the parser reads what the kernel just wrote, still in cache */
	size_t spent = 0;
	for (;;) {
		size_t got;
		int rc = read_chunk(l, ctx, f, fd, &st, TB_MIN(budget - spent, READ_CHUNK), &got);
		spent += got;
		if (rc != TB_AGAIN || spent >= TB_MIN(budget, READ_BURST))
			break;
	}
	close(fd);
	return spent ? spent : 1;
}

int loader_work(struct loader *l, struct source_ctx *ctx, size_t budget)
{
	size_t spent = 0;
	while (l->ndirty && spent < budget) {
		if (l->next >= l->nfiles)
			l->next = 0;
		struct tracked_file *f = l->files[l->next];
		if (!f->dirty) {
			l->next++;
			continue;
		}
		/* stay on this file until it is read to its end: a run's files
		 * are read in order, which TensorBoard's restart rule relies on */
		spent += read_some(l, ctx, f, budget - spent);
	}
	if (!l->ndirty && !l->finished)
		l->finished = tb_now();
	return l->ndirty ? TB_OK : TB_DONE;
}

int loader_touch(struct loader *l, struct source_ctx *ctx, const char *path)
{
	struct tracked_file *f = loader_find(l, path);
	struct stat st;
	(void)ctx;
	if (!f)
		return TB_DONE;
	if (stat(path, &st) != 0) {
		f->gone = true;
		return TB_OK;
	}
	int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (st.st_ino != f->ino || st.st_dev != f->dev || st.st_size != f->size || mtime != f->mtime_ns) {
		if (st.st_ino != f->ino || (uint64_t)st.st_size < f->raw_off)
			f->failed = false;      /* a new file deserves a new chance */
		mark_dirty(l, f);
		l->finished = 0;
	}
	return TB_OK;
}

void loader_restat_all(struct loader *l, struct source_ctx *ctx)
{
	for (size_t i = 0; i < l->nfiles; i++)
		loader_touch(l, ctx, l->files[i]->path);
}

bool loader_busy(const struct loader *l)
{
	return l->ndirty > 0;
}
