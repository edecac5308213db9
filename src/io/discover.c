/* discover.c: walk logdirs and hand every metrics file to the loader. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tailboard/discover.h"
#include "tailboard/loader.h"

#define MAX_DEPTH 64    /* deeper trees are almost surely a loop of bind mounts */

struct walk {
	struct loader *l;
	struct source_ctx *ctx;
	size_t ld;
};

static int join(char *out, size_t cap, const char *a, const char *b)
{
	int n = *a ? snprintf(out, cap, "%s/%s", a, b) : snprintf(out, cap, "%s", b);
	return n < 0 || (size_t)n >= cap ? TB_ERR : TB_OK;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void consider_file(struct walk *w, const char *dir_rel, const char *name, const char *full)
{
	struct classify c;
	memset(&c, 0, sizeof(c));
	if (!classify_file(dir_rel, name, full, &c))
		return;
	loader_add_file(w->l, w->ctx, w->ld, full, name, &c);
}

static int walk_dir(struct walk *w, const char *dir_rel, int depth)
{
	const struct logdir *ld = &w->l->logdirs[w->ld];
	char dpath[8192];
	if (*dir_rel ? join(dpath, sizeof(dpath), ld->path, dir_rel) : join(dpath, sizeof(dpath), "", ld->path))
		return TB_ERR;
	DIR *d = opendir(dpath);
	if (!d) {
		diag_report(w->ctx->diag, dpath, -1, "cannot read directory: %s", strerror(errno));
		return TB_ERR;
	}
	/* names first, then sort: runs and files are found in a stable order */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (tb_grow((void **)&names, &cap, n + 1, sizeof(*names)) != TB_OK)
			break;
		if (!(names[n] = strdup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n)          /* an empty directory leaves names NULL, which qsort must not get */
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char full[8192], rel[4096];
		struct stat st;
		if (join(full, sizeof(full), dpath, names[i]) || join(rel, sizeof(rel), dir_rel, names[i]))
			continue;
		/* lstat: directory symlinks are not followed (loops); file
		 * symlinks are, and only regular files are ever opened */
		if (lstat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < MAX_DEPTH && !classify_skip_dir(names[i]))
				walk_dir(w, rel, depth + 1);
			continue;
		}
		if (S_ISLNK(st.st_mode) && (stat(full, &st) != 0 || S_ISDIR(st.st_mode)))
			continue;
		consider_file(w, dir_rel, names[i], full);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return TB_OK;
}

int discover_scan_dir(struct loader *l, struct source_ctx *ctx, size_t ldi, const char *dir_rel)
{
	struct walk w = { l, ctx, ldi };
	struct logdir *ld = &l->logdirs[ldi];
	struct stat st;
	if (stat(ld->path, &st) != 0) {
		if (ld->present || !l->scanned)
			diag_report(ctx->diag, ld->path, -1, "%s", strerror(errno));
		ld->present = false;
		return TB_ERR;
	}
	ld->present = true;
	if (S_ISREG(st.st_mode)) {
		/* a single file given as the logdir: its own run */
		const char *slash = strrchr(ld->path, '/');
		consider_file(&w, "", slash ? slash + 1 : ld->path, ld->path);
		return TB_OK;
	}
	int depth = 0;
	for (const char *p = dir_rel; *p; p++)
		depth += *p == '/';
	return walk_dir(&w, dir_rel, depth);
}

int discover_scan(struct loader *l, struct source_ctx *ctx)
{
	int rc = TB_OK;
	for (size_t i = 0; i < l->nlogdirs; i++)
		if (discover_scan_dir(l, ctx, i, "") != TB_OK)
			rc = TB_ERR;
	l->scanned = true;
	return rc;
}
