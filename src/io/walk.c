/* walk.c: a directory tree, depth first, each directory announced before
 * its entries (the watcher sets its watch there first, so nothing lands
 * unseen between the listing and the watch). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tailboard/path.h"
#include "tailboard/source.h"
#include "tailboard/xalloc.h"
#include "walk.h"

struct entry {
	char *name;
	unsigned char type;     /* d_type: DT_UNKNOWN means ask lstat */
};

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The directory's entries but . and .., sorted when asked; NULL and
 * *n = 0 when it is empty. TB_ERR when it cannot be opened. */
static int list_dir(const char *path, bool sorted, struct entry **out, size_t *n)
{
	DIR *d = opendir(path);
	size_t cap = 0;
	struct dirent *de;
	*out = NULL;
	*n = 0;
	if (!d)
		return TB_ERR;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].name = xstrdup(de->d_name);
		(*out)[(*n)++].type = de->d_type;
	}
	closedir(d);
	if (sorted && *n)
		qsort(*out, *n, sizeof(**out), cmp_entries);
	return TB_OK;
}

/* What an entry is: 'd' a directory to go into, 'f' anything else
 * discovery should judge (files, and FIFOs or devices named like logs,
 * which the loader then names as not regular), 0 for links to
 * directories and broken links. */
static char entry_kind(const char *full, unsigned char type)
{
	struct stat st;
	if (type == DT_DIR)
		return 'd';
	if (type != DT_UNKNOWN && type != DT_LNK)
		return 'f';
	if (lstat(full, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return 'd';
	if (S_ISLNK(st.st_mode) && (stat(full, &st) != 0 || S_ISDIR(st.st_mode)))
		return 0;
	return 'f';
}

bool walk_in_checkpoint(const char *rel)
{
	const char *end = strrchr(rel, '/');
	if (!end)
		return false;
	const char *start = end;
	while (start > rel && start[-1] != '/')
		start--;
	return source_checkpoint_dir(start, (size_t)(end - start), NULL);
}

int walk_tree(const char *root, const char *rel, int depth, const struct walk_ops *ops, void *arg)
{
	char dpath[8192];
	if (*rel ? path_join(dpath, sizeof(dpath), root, rel) != TB_OK
		 : path_join(dpath, sizeof(dpath), "", root) != TB_OK)
		return TB_ERR;
	enum walk_verdict v = ops->dir(arg, rel, dpath);
	if (v != WALK_IN)
		return v == WALK_STOP ? TB_AGAIN : TB_DONE;
	struct entry *ents;
	size_t n;
	if (list_dir(dpath, ops->sorted, &ents, &n) != TB_OK) {
		if (ops->error)
			ops->error(arg, dpath, errno);
		return TB_ERR;
	}
	int rc = TB_OK;
	for (size_t i = 0; i < n; i++) {
		char full[8192], child[4096];
		if (rc == TB_AGAIN || path_join(full, sizeof(full), dpath, ents[i].name) != TB_OK ||
		    path_join(child, sizeof(child), rel, ents[i].name) != TB_OK)
			continue;
		char kind = entry_kind(full, ents[i].type);
		if (kind == 'd' && depth < WALK_MAX_DEPTH && !source_skip_dir(ents[i].name) &&
		    !walk_in_checkpoint(child)) {
			if (walk_tree(root, child, depth + 1, ops, arg) == TB_AGAIN)
				rc = TB_AGAIN;
		} else if (kind == 'f' && ops->file) {
			ops->file(arg, rel, ents[i].name, full);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	return rc;
}
