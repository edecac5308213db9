/* claim.c: the one table that says which files hold metrics. Each reader
 * claims by name, then at most a 4 KiB look at the first bytes; weights,
 * checkpoints, images and profiler dumps are never opened because only
 * the names the claims accept are ever sniffed.
 *
 *   *tfevents* (TensorBoard's rule)            -> its directory
 *   wandb/run-<date>-<id>/run-<id>.wandb      -> that run directory
 *   .../run-<date>-<id>/[files/]wandb-history.jsonl (no .wandb beside it)
 *   .../run-<date>-<id>/[files/]output.log     -> that run (its console text)
 *   out/checkpoint-N/trainer_state.json       -> out (newest checkpoint only)
 *   version_N/metrics.csv, Keras training.log -> their directory, or dir/file
 *       when the directory holds several metric CSVs or event files
 *   dir/name.jsonl with a step-like key       -> dir/name */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include "claim.h"
#include "fmt_common.h"
#include "tailboard/path.h"

bool source_tfevents_name(const char *name)
{
	/* the profiler's *.profile-empty markers hold no summaries */
	return strstr(name, "tfevents") && !path_ends_with(name, strlen(name), ".profile-empty");
}

bool source_skip_dir(const char *name)
{
	/* tmp-checkpoint-N: the Trainer's checkpoint being written, renamed
	 * to checkpoint-N when done (not a run of its own meanwhile) */
	return strcmp(name, ".git") == 0 || strcmp(name, "__pycache__") == 0 ||
	       strncmp(name, "tmp-checkpoint-", 15) == 0 ||
	       strcmp(name, ".ipynb_checkpoints") == 0 || strcmp(name, "node_modules") == 0;
}

/* The first cap bytes inflated from raw[0, n): a .gz file's head. */
static long inflate_head(uint8_t *raw, size_t n, char *buf, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -1;
	z.next_in = raw;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	int rc = inflate(&z, Z_SYNC_FLUSH);
	long got = (long)(cap - z.avail_out);
	inflateEnd(&z);
	return rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR ? got : -1;
}

long claim_sniff(const struct claim_fs *fs, const char *path, bool gz, char *buf, size_t cap)
{
	if (fs) {
		uint8_t raw[CLAIM_FS_HEAD];
		long n = fs->head(fs->arg, path, gz ? raw : (uint8_t *)buf, gz ? sizeof(raw) : TB_MIN(cap, sizeof(raw)));
		return n < 0 || !gz ? n : inflate_head(raw, (size_t)n, buf, cap);
	}
	if (!gz)
		return fmt_read_head(path, buf, cap);
	gzFile g = gzopen(path, "rb");
	if (!g)
		return -1;
	int n = gzread(g, buf, (unsigned)cap);
	gzclose(g);
	return n;
}

bool claim_dir_has(const struct claim_fs *fs, const char *dir, bool (*match)(const char *name, void *arg), void *arg)
{
	if (fs)
		return fs->dir_has && fs->dir_has(fs->arg, dir, match, arg);
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;
	if (!d)
		return false;
	while (!found && (e = readdir(d)))
		found = match(e->d_name, arg);
	closedir(d);
	return found;
}

void claim_list(const struct claim_fs *fs, const char *dir, bool want_stat,
		bool (*each)(const struct claim_entry *e, void *arg), void *arg)
{
	if (fs) {
		if (fs->list)
			fs->list(fs->arg, dir, each, arg);
		return;
	}
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	int dfd = dirfd(d);
	bool go = true;
	while (go && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct claim_entry e = { de->d_name, de->d_type == DT_DIR, 0, 0 };
		struct stat st;
		/* a symlink is what it points to, as stat() saw it before */
		bool look = want_stat || de->d_type == DT_UNKNOWN || de->d_type == DT_LNK;
		if (look && fstatat(dfd, de->d_name, &st, 0) == 0) {
			e.is_dir = S_ISDIR(st.st_mode);
			e.size = e.is_dir ? 0 : (uint64_t)st.st_size;
			e.mtime_ns = e.is_dir ? 0 : (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		}
		go = each(&e, arg);
	}
	closedir(d);
}

struct find_one {
	const char *name;
	int64_t mtime;
};

static bool find_each(const struct claim_entry *e, void *arg)
{
	struct find_one *f = arg;
	if (e->is_dir || strcmp(e->name, f->name) != 0)
		return true;
	f->mtime = e->mtime_ns;
	return false;
}

int64_t claim_mtime(const struct claim_fs *fs, const char *path)
{
	if (!fs) {
		struct stat st;
		if (stat(path, &st) != 0)
			return INT64_MIN;
		return (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	}
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash || (size_t)(slash - path) >= sizeof(dir))
		return INT64_MIN;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	struct find_one f = { slash + 1, INT64_MIN };
	claim_list(fs, dir, true, find_each, &f);
	return f.mtime;
}

void claim_set_run(struct source_claim *out, const char *dir_rel, size_t dlen, const char *leaf, size_t llen)
{
	if (!leaf)
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s", (int)dlen, dir_rel);
	else if (dlen)
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s/%.*s", (int)dlen, dir_rel, (int)llen, leaf);
	else
		snprintf(out->run_rel, sizeof(out->run_rel), "%.*s", (int)llen, leaf);
}

const char *claim_last_part(const char *p, size_t n, size_t *parent_len)
{
	const char *s = n ? memrchr(p, '/', n) : NULL;
	*parent_len = s ? (size_t)(s - p) : 0;
	return s ? s + 1 : p;
}

/* Readers asked after TensorBoard's rule, in order; the W&B ones come
 * first because inside a W&B run directory only W&B's logs count. */
static const struct source_ops *const wandb_readers[] = { &source_wandb, &source_wandb_history, &source_wandb_events,
							   &source_wandb_output };
static const struct source_ops *const other_readers[] = { &source_trainer_state, &source_csv, &source_jsonl };

bool source_claim(const char *dir_rel, const char *name, const char *path, struct source_claim *out)
{
	return source_claim_fs(dir_rel, name, path, NULL, out);
}

bool source_claim_fs(const char *dir_rel, const char *name, const char *path, const struct claim_fs *fs,
		     struct source_claim *out)
{
	size_t n = strlen(name);
	bool gz = path_ends_with(name, n, ".gz");
	struct claim_in in = { dir_rel, name, path, strlen(dir_rel), n, gz ? n - 3 : n, gz, fs };
	memset(out, 0, sizeof(*out));
	out->gz = gz;
	if (source_tfevents.claim(&in, out))
		return true;
	long wend = wandb_run_end(dir_rel);
	if (wend == -2 || name[0] == '.')
		return false;
	for (size_t i = 0; i < TB_ARRAY_LEN(wandb_readers); i++)
		if (wandb_readers[i]->claim(&in, out))
			return true;
	if (wend >= 0)
		return false;   /* W&B's media and config files */
	for (size_t i = 0; i < TB_ARRAY_LEN(other_readers); i++)
		if (other_readers[i]->claim(&in, out))
			return true;
	return false;
}
