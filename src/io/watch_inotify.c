/* watch_inotify.c: the table of inotify watches and what each event means.
 * One watch per directory under a logdir; a new directory is watched, then
 * scanned, because files can land in it before the watch exists. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "watch_int.h"

#define MAX_DEPTH 64            /* as discover.c */
#define MAX_READS 64            /* per watch_process: let keys through during floods */
#define SNAP 8                  /* entries handled per event on one directory */

static const uint32_t MASK = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
	IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_EXCL_UNLINK;

int wtab_add(struct watch *w, int wd, enum ent_kind kind, size_t ld, const char *rel)
{
	if (wd < 0)
		return TB_ERR;
	if ((size_t)wd >= w->wdcap) {
		size_t old = w->wdcap;
		if (tb_grow((void **)&w->by_wd, &w->wdcap, (size_t)wd + 1, sizeof(*w->by_wd)) != TB_OK)
			return TB_NOMEM;
		for (size_t i = old; i < w->wdcap; i++)
			w->by_wd[i] = -1;
	}
	/* the kernel hands back the same wd for a directory watched twice */
	for (int i = w->by_wd[wd]; i >= 0; i = w->ents[i].next)
		if (w->ents[i].kind == kind && w->ents[i].ld == ld && strcmp(w->ents[i].rel, rel) == 0)
			return TB_OK;
	char *copy = strdup(rel);
	if (!copy)
		return TB_NOMEM;
	int slot = w->freelist;
	if (slot >= 0) {
		w->freelist = w->ents[slot].next;
	} else {
		if (tb_grow((void **)&w->ents, &w->entcap, w->nents + 1, sizeof(*w->ents)) != TB_OK) {
			free(copy);
			return TB_NOMEM;
		}
		slot = (int)w->nents++;
	}
	struct wentry *e = &w->ents[slot];
	e->wd = wd;
	e->kind = kind;
	e->ld = ld;
	e->rel = copy;
	e->next = w->by_wd[wd];
	w->by_wd[wd] = slot;
	return TB_OK;
}

/* Unlink entry i; remove the kernel watch when nothing else uses it and
 * the kernel has not already dropped it (rm). */
static void wtab_remove(struct watch *w, int i, bool rm)
{
	struct wentry *e = &w->ents[i];
	int wd = e->wd;
	int *pp = &w->by_wd[wd];
	while (*pp != i)
		pp = &w->ents[*pp].next;
	*pp = e->next;
	free(e->rel);
	e->rel = NULL;
	e->wd = -1;
	e->next = w->freelist;
	w->freelist = i;
	if (rm && w->by_wd[wd] < 0 && w->fd >= 0)
		inotify_rm_watch(w->fd, wd);
}

void wtab_drop_ld(struct watch *w, size_t ld)
{
	for (size_t i = 0; i < w->nents; i++)
		if (w->ents[i].wd >= 0 && w->ents[i].ld == ld)
			wtab_remove(w, (int)i, true);
}

/* A directory went away or moved out: forget it and everything below. */
static void wtab_drop_subtree(struct watch *w, size_t ld, const char *rel)
{
	size_t n = strlen(rel);
	for (size_t i = 0; i < w->nents; i++) {
		struct wentry *e = &w->ents[i];
		if (e->wd >= 0 && e->kind == ENT_DIR && e->ld == ld && strncmp(e->rel, rel, n) == 0 &&
		    (e->rel[n] == '\0' || e->rel[n] == '/'))
			wtab_remove(w, (int)i, true);
	}
}

void wtab_free(struct watch *w)
{
	for (size_t i = 0; i < w->nents; i++)
		free(w->ents[i].rel);
	free(w->ents);
	free(w->by_wd);
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

static int join_rel(char *out, size_t cap, const char *rel, const char *name)
{
	int n = *rel ? snprintf(out, cap, "%s/%s", rel, name) : snprintf(out, cap, "%s", name);
	return n < 0 || (size_t)n >= cap ? TB_ERR : TB_OK;
}

int winotify_add_tree(struct app *app, size_t ld, const char *rel, int depth)
{
	struct watch *w = app->watch;
	char path[8192];
	if (watch_join(app, ld, rel, path, sizeof(path)) != TB_OK)
		return TB_ERR;
	/* below the logdir, directory symlinks are not followed (as discover) */
	int wd = inotify_add_watch(w->fd, path, MASK | IN_ONLYDIR | (*rel ? IN_DONT_FOLLOW : 0));
	if (wd < 0) {
		if (errno == ENOSPC || errno == ENOMEM)
			return TB_AGAIN;
		return TB_DONE;         /* gone already, or not ours to read */
	}
	if (wtab_add(w, wd, ENT_DIR, ld, rel) != TB_OK)
		return TB_NOMEM;
	DIR *d = opendir(path);
	if (!d)
		return TB_OK;
	int rc = TB_OK;
	struct dirent *de;
	while (rc != TB_AGAIN && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char child[4096];
		if (join_rel(child, sizeof(child), rel, de->d_name) != TB_OK)
			continue;
		bool isdir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN) {
			char full[8192];
			struct stat st;
			isdir = watch_join(app, ld, child, full, sizeof(full)) == TB_OK &&
				lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
		}
		if (isdir && depth < MAX_DEPTH && !classify_skip_dir(de->d_name))
			rc = winotify_add_tree(app, ld, child, depth + 1);
	}
	closedir(d);
	return rc == TB_AGAIN ? TB_AGAIN : TB_OK;
}

static int rel_depth(const char *rel)
{
	int depth = 1;
	for (const char *p = rel; *p; p++)
		depth += *p == '/';
	return depth;
}

static void on_dir_event(struct app *app, size_t ld, const char *rel, const struct inotify_event *ev)
{
	if (!ev->len || !ev->name[0]) {
		/* the directory itself: only the logdir's own fate matters here,
		 * a subdirectory's is seen by its parent */
		if ((ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) && !*rel)
			watch_ld_reattach(app, ld);
		return;
	}
	char child[4096], full[8192];
	if (join_rel(child, sizeof(child), rel, ev->name) != TB_OK ||
	    watch_join(app, ld, child, full, sizeof(full)) != TB_OK)
		return;
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
			if (classify_skip_dir(ev->name))
				return;
			int rc = winotify_add_tree(app, ld, child, rel_depth(child));
			if (rc == TB_AGAIN) {
				watch_ld_fallback(app, ld, "watch limit");
				return;
			}
			if (rc == TB_DONE) {
				/* gone again, or unreadable (EACCES): the scan
				 * names an unreadable one, as at startup */
				struct stat st;
				if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
					discover_scan_dir(&app->loader, &app->ctx, ld, child);
				return;
			}
			discover_scan_dir(&app->loader, &app->ctx, ld, child);
			wfiles_check_under(app, full);  /* moved back in */
		} else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
			wtab_drop_subtree(app->watch, ld, child);
			wfiles_check_under(app, full);
		}
		return;
	}
	struct tracked_file *f = loader_find(&app->loader, full);
	if (f)
		wfiles_check(app, f);
	else if (!(ev->mask & (IN_DELETE | IN_MOVED_FROM)))
		wfiles_consider(app, ld, rel, ev->name, full);
}

static void on_event(struct app *app, const struct inotify_event *ev)
{
	struct watch *w = app->watch;
	if (ev->mask & IN_Q_OVERFLOW) {
		w->overflows++;
		watch_rescan_all(app);
		return;
	}
	if (ev->wd < 0 || (size_t)ev->wd >= w->wdcap || w->by_wd[ev->wd] < 0)
		return;
	if (ev->mask & IN_IGNORED) {
		/* the kernel dropped the watch (directory deleted) */
		while (w->by_wd[ev->wd] >= 0)
			wtab_remove(w, w->by_wd[ev->wd], false);
		return;
	}
	/* copy first: handlers add and drop entries */
	struct { enum ent_kind kind; size_t ld; char rel[4096]; } snap[SNAP];
	int n = 0;
	for (int i = w->by_wd[ev->wd]; i >= 0 && n < SNAP; i = w->ents[i].next, n++) {
		snap[n].kind = w->ents[i].kind;
		snap[n].ld = w->ents[i].ld;
		snprintf(snap[n].rel, sizeof(snap[n].rel), "%s", w->ents[i].rel);
	}
	bool self = !ev->len || !ev->name[0];
	for (int i = 0; i < n; i++) {
		switch (snap[i].kind) {
		case ENT_DIR:
			on_dir_event(app, snap[i].ld, snap[i].rel, ev);
			break;
		case ENT_WAIT:
			/* the missing logdir (or a directory on the way) appeared,
			 * or the directory we wait in went away */
			if (self || strcmp(ev->name, snap[i].rel) == 0)
				watch_ld_reattach(app, snap[i].ld);
			break;
		case ENT_FILE:
			if (self || strcmp(ev->name, snap[i].rel) == 0) {
				const char *path = app->loader.logdirs[snap[i].ld].path;
				struct tracked_file *f = loader_find(&app->loader, path);
				if (self)
					watch_ld_reattach(app, snap[i].ld);
				else if (f)
					wfiles_check(app, f);
				else
					discover_scan_dir(&app->loader, &app->ctx, snap[i].ld, "");
			}
			break;
		}
	}
}

int winotify_drain(struct app *app)
{
	struct watch *w = app->watch;
	for (int reads = 0; w->fd >= 0 && reads < MAX_READS; reads++) {
		ssize_t n = read(w->fd, w->evbuf, sizeof(w->evbuf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return TB_DONE;
		if (n <= 0) {
			diag_report(&app->diag, NULL, -1, "inotify read failed: %s", n ? strerror(errno) : "end of file");
			return TB_ERR;
		}
		for (ssize_t off = 0; off < n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(const void *)(w->evbuf + off);
			on_event(app, ev);
			off += (ssize_t)(sizeof(*ev) + ev->len);
		}
	}
	return TB_OK;           /* more may be queued; poll() says so */
}
