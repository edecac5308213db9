/* watch_inotify.c: the table of inotify watches and what each event means.
 * One watch per directory under a logdir; a new directory is watched, then
 * scanned, because files can land in it before the watch exists. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tailboard/path.h"
#include "tailboard/xalloc.h"
#include "walk.h"
#include "watch_int.h"

#define MAX_READS 64            /* per watch_process: let keys through during floods */
#define SNAP 8                  /* entries handled per event on one directory */

int wtab_add(struct watch *w, int wd, enum ent_kind kind, size_t ld, const char *rel)
{
	if (wd < 0)
		return TB_ERR;
	if ((size_t)wd >= w->wdcap) {
		size_t old = w->wdcap;
		xgrow((void **)&w->by_wd, &w->wdcap, (size_t)wd + 1, sizeof(*w->by_wd));
		for (size_t i = old; i < w->wdcap; i++)
			w->by_wd[i] = -1;
	}
	/* the kernel hands back the same wd for a directory watched twice */
	for (int i = w->by_wd[wd]; i >= 0; i = w->ents[i].next)
		if (w->ents[i].kind == kind && w->ents[i].ld == ld && strcmp(w->ents[i].rel, rel) == 0)
			return TB_OK;
	char *copy = xstrdup(rel);
	int slot = w->freelist;
	if (slot >= 0) {
		w->freelist = w->ents[slot].next;
	} else {
		xgrow((void **)&w->ents, &w->entcap, w->nents + 1, sizeof(*w->ents));
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

struct add {
	struct watch *w;
	size_t ld;
};

/* Watch a directory before listing it, so nothing lands unseen. */
static enum walk_verdict add_dir(void *arg, const char *rel, const char *full)
{
	struct add *a = arg;
	/* below the logdir, directory symlinks are not followed (as the scan) */
	int wd = inotify_add_watch(a->w->fd, full, WATCH_MASK | (*rel ? IN_DONT_FOLLOW : 0));
	if (wd < 0)
		return errno == ENOSPC || errno == ENOMEM ? WALK_STOP : WALK_SKIP;
	return wtab_add(a->w, wd, ENT_DIR, a->ld, rel) == TB_OK ? WALK_IN : WALK_SKIP;
}

/* discovery reports an unreadable directory; the watch only skips it */
static const struct walk_ops add_ops = { add_dir, NULL, NULL, false };

int winotify_add_tree(struct watch *w, size_t ld, const char *rel)
{
	struct add a = { w, ld };
	int rc = walk_tree(w->disc->lds[ld].path, rel, path_depth(rel), &add_ops, &a);
	return rc == TB_ERR ? TB_OK : rc;
}

/* A directory appeared under logdir ld (made, or moved in). */
static void on_new_dir(struct watch *w, size_t ld, const char *name, const char *child, const char *full)
{
	if (source_skip_dir(name) || walk_in_checkpoint(child))
		return;
	int rc = winotify_add_tree(w, ld, child);
	if (rc == TB_AGAIN) {
		watch_ld_fallback(w, ld, "watch limit");
		return;
	}
	if (rc == TB_DONE) {
		/* gone again, or unreadable (EACCES): the scan names an
		 * unreadable one, as at startup */
		struct stat st;
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
			discover_scan_dir(w->disc, ld, child);
		return;
	}
	discover_scan_dir(w->disc, ld, child);
	loader_touch_under(w->loader, full);    /* moved back in */
}

static void on_dir_event(struct watch *w, size_t ld, const char *rel, const struct inotify_event *ev)
{
	if (!ev->len || !ev->name[0]) {
		/* the directory itself: only the logdir's own fate matters here,
		 * a subdirectory's is seen by its parent */
		if ((ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) && !*rel)
			watch_ld_reattach(w, ld);
		return;
	}
	char child[4096], full[8192];
	if (path_join(child, sizeof(child), rel, ev->name) != TB_OK ||
	    watch_join(w, ld, child, full, sizeof(full)) != TB_OK)
		return;
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
			on_new_dir(w, ld, ev->name, child, full);
		} else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
			wtab_drop_subtree(w, ld, child);
			loader_touch_under(w->loader, full);
			discover_gone(w->disc, full);
		}
		return;
	}
	struct stat st;
	if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
		discover_gone(w->disc, full);
	if (loader_tracks(w->loader, full)) {
		loader_touch(w->loader, full);
		return;
	}
	(void)loader_touch_side(w->loader, full);       /* the metric files beside it look again */
	if (!(ev->mask & (IN_DELETE | IN_MOVED_FROM)) && stat(full, &st) == 0 && S_ISREG(st.st_mode))
		discover_file(w->disc, ld, rel, ev->name, full);       /* FIFOs appearing live are passed over unopened */
}

static void on_event(struct watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		w->overflows++;
		watch_rescan_all(w);
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
			on_dir_event(w, snap[i].ld, snap[i].rel, ev);
			break;
		case ENT_WAIT:
			/* the missing logdir (or a directory on the way) appeared,
			 * or the directory we wait in went away */
			if (self || strcmp(ev->name, snap[i].rel) == 0)
				watch_ld_reattach(w, snap[i].ld);
			break;
		case ENT_FILE:
			if (self || strcmp(ev->name, snap[i].rel) == 0) {
				const char *path = w->disc->lds[snap[i].ld].path;
				if (self)
					watch_ld_reattach(w, snap[i].ld);
				else if (loader_tracks(w->loader, path))
					loader_touch(w->loader, path);
				else
					discover_scan_dir(w->disc, snap[i].ld, "");
			}
			break;
		}
	}
}

int winotify_drain(struct watch *w)
{
	for (int reads = 0; w->fd >= 0 && reads < MAX_READS; reads++) {
		ssize_t n = read(w->fd, w->evbuf, sizeof(w->evbuf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return TB_DONE;
		if (n <= 0) {
			diag_report(w->diag, NULL, -1, "inotify read failed: %s", n ? strerror(errno) : "end of file");
			return TB_ERR;
		}
		for (ssize_t off = 0; off < n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(const void *)(w->evbuf + off);
			on_event(w, ev);
			off += (ssize_t)(sizeof(*ev) + ev->len);
		}
	}
	return TB_OK;           /* more may be queued; poll() says so */
}
