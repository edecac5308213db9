/* watch.c: how each logdir is followed (inotify, waiting for it to exist,
 * or polling where inotify cannot see), and the calls the main loop makes.
 *
 * Deleted files and directories: the runs read from them keep their points
 * and are marked stale (run->stale) once every file they were read from is
 * gone; a file that comes back makes its run live again.  A logdir that
 * vanishes is reported once and picked up again when it returns. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include "watch_int.h"

#define DEFAULT_PERIOD 2.0

/* Filesystems whose changes on other hosts inotify never hears of. */
static const struct { uint32_t magic; const char *name; } netfs[] = {
	{ 0x6969, "nfs" },
	{ 0x517B, "smb" },
	{ 0xFF534D42, "cifs" },
	{ 0xFE534D42, "smb2" },
	{ 0x65735546, "fuse" },
	{ 0x00C36400, "ceph" },
	{ 0x0BD00BD0, "lustre" },
	{ 0x47504653, "gpfs" },
};

static const char *netfs_name(const char *path)
{
	struct statfs sf;
	if (statfs(path, &sf) != 0)
		return NULL;
	for (size_t i = 0; i < TB_ARRAY_LEN(netfs); i++)
		if ((uint32_t)sf.f_type == netfs[i].magic)
			return netfs[i].name;
	return NULL;
}

int watch_join(const struct app *app, size_t ld, const char *rel, char *out, size_t cap)
{
	const char *base = app->loader.logdirs[ld].path;
	int n = *rel ? snprintf(out, cap, "%s/%s", base, rel) : snprintf(out, cap, "%s", base);
	return n < 0 || (size_t)n >= cap ? TB_ERR : TB_OK;
}

static void set_poll(struct app *app, size_t ld, const char *reason, bool waiting)
{
	struct ldstate *s = &app->watch->lds[ld];
	s->mode = LD_POLL;
	s->reason = reason;
	s->waiting_poll = waiting;
	s->next_poll = tb_now() + app->watch->period;
	app->loader.logdirs[ld].polling = true;
	app->loader.logdirs[ld].poll_reason = reason;
}

/* Split path into its parent directory and last component. */
static void split_path(const char *path, char *parent, size_t pcap, const char **last)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(parent, pcap, ".");
		*last = path;
	} else if (slash == path) {
		snprintf(parent, pcap, "/");
		*last = slash + 1;
	} else {
		snprintf(parent, pcap, "%.*s", (int)(slash - path), path);
		*last = slash + 1;
	}
}

/* The logdir does not exist: watch the nearest directory that does, for
 * the next component of the path to appear. */
static int wait_for(struct app *app, size_t ld)
{
	struct watch *w = app->watch;
	char cur[4096], parent[4096];
	snprintf(cur, sizeof(cur), "%s", app->loader.logdirs[ld].path);
	for (;;) {
		const char *last;
		struct stat st;
		split_path(cur, parent, sizeof(parent), &last);
		if (stat(parent, &st) == 0 && S_ISDIR(st.st_mode)) {
			const char *net = netfs_name(parent);
			if (net) {
				set_poll(app, ld, net, true);
				return TB_OK;
			}
			int wd = inotify_add_watch(w->fd, parent, IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE |
						   IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |
						   IN_MOVE_SELF | IN_EXCL_UNLINK | IN_ONLYDIR);
			if (wd < 0 || wtab_add(w, wd, ENT_WAIT, ld, last) != TB_OK) {
				set_poll(app, ld, errno == ENOSPC ? "watch limit" : "waiting", true);
				return TB_OK;
			}
			w->lds[ld].mode = LD_WAITING;
			return TB_OK;
		}
		if (strcmp(parent, ".") == 0 || strcmp(parent, "/") == 0) {
			set_poll(app, ld, "waiting", true);     /* cannot happen but for races */
			return TB_OK;
		}
		memmove(cur, parent, strlen(parent) + 1);
	}
}

int watch_ld_setup(struct app *app, size_t ld)
{
	struct watch *w = app->watch;
	struct logdir *d = &app->loader.logdirs[ld];
	struct stat st;
	d->polling = false;
	d->poll_reason = NULL;
	w->lds[ld].mode = LD_NONE;
	if (app->opt.poll_secs > 0) {
		set_poll(app, ld, "--poll", false);
		return TB_OK;
	}
	if (w->fd < 0) {
		set_poll(app, ld, "no inotify", false);
		return TB_OK;
	}
	if (stat(d->path, &st) != 0)
		return wait_for(app, ld);
	const char *net = netfs_name(d->path);
	if (net) {
		set_poll(app, ld, net, false);
		return TB_OK;
	}
	if (S_ISDIR(st.st_mode)) {
		int rc = winotify_add_tree(app, ld, "", 0);
		if (rc == TB_AGAIN) {
			watch_ld_fallback(app, ld, "watch limit");
			return TB_OK;
		}
		if (rc == TB_DONE)
			return wait_for(app, ld);       /* gone in between */
	} else {
		/* a single file as the logdir: watch its directory for it */
		char parent[4096];
		const char *last;
		split_path(d->path, parent, sizeof(parent), &last);
		int wd = inotify_add_watch(w->fd, parent, IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE |
					   IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |
					   IN_MOVE_SELF | IN_EXCL_UNLINK | IN_ONLYDIR);
		if (wd < 0 || wtab_add(w, wd, ENT_FILE, ld, last) != TB_OK) {
			set_poll(app, ld, "watch limit", false);
			return TB_OK;
		}
	}
	w->lds[ld].mode = LD_INOTIFY;
	return TB_OK;
}

void watch_ld_teardown(struct app *app, size_t ld)
{
	wtab_drop_ld(app->watch, ld);
	app->watch->lds[ld].mode = LD_NONE;
}

void watch_ld_fallback(struct app *app, size_t ld, const char *reason)
{
	wtab_drop_ld(app->watch, ld);
	set_poll(app, ld, reason, false);
	watch_update_desc(app);
}

void watch_ld_reattach(struct app *app, size_t ld)
{
	struct logdir *d = &app->loader.logdirs[ld];
	struct stat st;
	watch_ld_teardown(app, ld);
	watch_ld_setup(app, ld);
	bool now = stat(d->path, &st) == 0;
	if (d->present && !now)
		diag_report(&app->diag, d->path, -1,
			    "logdir vanished; its runs keep their points (stale) until it returns");
	d->present = now;
	if (now)
		discover_scan_dir(&app->loader, &app->ctx, ld, "");
	wfiles_check_under(app, d->path);
	watch_update_desc(app);
}

void watch_poll_ld(struct app *app, size_t ld)
{
	struct ldstate *s = &app->watch->lds[ld];
	struct logdir *d = &app->loader.logdirs[ld];
	struct stat st;
	if (s->waiting_poll && stat(d->path, &st) == 0) {
		watch_ld_reattach(app, ld);     /* it appeared: inotify may see it now */
		return;
	}
	/* discover reports a logdir that was present and is not */
	discover_scan_dir(&app->loader, &app->ctx, ld, "");
	wfiles_check_under(app, d->path);
}

void watch_rescan_all(struct app *app)
{
	struct watch *w = app->watch;
	for (size_t ld = 0; ld < w->nlds; ld++) {
		if (w->lds[ld].mode == LD_INOTIFY) {
			/* directories made while events were lost have no watch */
			if (winotify_add_tree(app, ld, "", 0) == TB_AGAIN)
				watch_ld_fallback(app, ld, "watch limit");
		} else if (w->lds[ld].mode == LD_WAITING) {
			watch_ld_reattach(app, ld);
		}
	}
	discover_scan(&app->loader, &app->ctx);
	for (size_t i = 0; i < app->loader.nfiles; i++)
		wfiles_check(app, app->loader.files[i]);
}

void watch_update_desc(struct app *app)
{
	struct watch *w = app->watch;
	size_t ninotify = 0, nwait = 0, npoll = 0;
	char reasons[96] = "";
	for (size_t i = 0; i < w->nlds; i++) {
		const struct ldstate *s = &w->lds[i];
		if (s->mode == LD_INOTIFY)
			ninotify++;
		else if (s->mode == LD_WAITING || (s->mode == LD_POLL && s->waiting_poll))
			nwait++;
		if (s->mode != LD_POLL)
			continue;
		npoll++;
		if (s->reason && !strstr(reasons, s->reason)) {
			size_t len = strlen(reasons);
			snprintf(reasons + len, sizeof(reasons) - len, "%s%s", len ? ", " : "", s->reason);
		}
	}
	char *p = w->desc;
	size_t cap = sizeof(w->desc);
	int n = 0;
	if (ninotify || (!npoll && w->fd >= 0))
		n = snprintf(p, cap, "inotify");
	if (npoll && n >= 0 && (size_t)n < cap)
		n += snprintf(p + n, cap - (size_t)n, "%spolling %gs (%s)", n ? " + " : "", w->period, reasons);
	if (nwait && n >= 0 && (size_t)n < cap)
		snprintf(p + n, cap - (size_t)n, ", waiting for %zu logdir%s", nwait, nwait > 1 ? "s" : "");
}

int watch_start(struct app *app)
{
	struct watch *w = calloc(1, sizeof(*w));
	if (!w)
		return TB_NOMEM;
	w->freelist = -1;
	w->period = app->opt.poll_secs > 0 ? app->opt.poll_secs : DEFAULT_PERIOD;
	w->nlds = app->loader.nlogdirs;
	w->lds = calloc(w->nlds ? w->nlds : 1, sizeof(*w->lds));
	if (!w->lds) {
		free(w->lds);
		free(w);
		return TB_NOMEM;
	}
	w->fd = -1;
	if (app->opt.poll_secs <= 0) {
		w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (w->fd < 0)
			diag_report(&app->diag, NULL, -1, "inotify unavailable (%s); polling instead",
				    strerror(errno));
	}
	app->watch = w;
	for (size_t ld = 0; ld < w->nlds; ld++)
		watch_ld_setup(app, ld);
	/* scan after the watches exist: nothing lands unseen in between */
	discover_scan(&app->loader, &app->ctx);
	watch_update_desc(app);
	return TB_OK;
}

void watch_stop(struct app *app)
{
	struct watch *w = app->watch;
	if (!w)
		return;
	wtab_free(w);
	free(w->lds);
	free(w);
	app->watch = NULL;
}

int watch_fd(const struct app *app)
{
	return app->watch ? app->watch->fd : -1;
}

int watch_timeout_ms(const struct app *app)
{
	const struct watch *w = app->watch;
	if (!w)
		return -1;
	double next = INFINITY;
	for (size_t i = 0; i < w->nlds; i++)
		if (w->lds[i].mode == LD_POLL && w->lds[i].next_poll < next)
			next = w->lds[i].next_poll;
	if (isinf(next))
		return -1;
	double ms = ceil((next - tb_now()) * 1000.0);
	return ms <= 0 ? 0 : ms > 3600000 ? 3600000 : (int)ms;
}

int watch_process(struct app *app)
{
	struct watch *w = app->watch;
	if (!w)
		return TB_OK;
	int rc = w->fd >= 0 ? winotify_drain(app) : TB_DONE;
	double now = tb_now();
	for (size_t ld = 0; ld < w->nlds; ld++) {
		struct ldstate *s = &w->lds[ld];
		if (s->mode == LD_POLL && s->next_poll <= now) {
			watch_poll_ld(app, ld);
			if (s->mode == LD_POLL)
				s->next_poll = tb_now() + w->period;
		}
	}
	wfiles_update_stale(app);
	return rc == TB_ERR ? TB_ERR : TB_OK;
}

const char *watch_describe(const struct app *app)
{
	return app->watch ? app->watch->desc : "static";
}
