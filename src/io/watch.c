/* watch.c: how each logdir is followed (inotify, waiting for it to exist,
 * or polling where inotify cannot see), and the calls the engine makes.
 *
 * Deleted files and directories: the runs read from them keep their points
 * and are marked stale by the loader once every file they were read from
 * is gone; a file that comes back makes its run live again. A logdir that
 * vanishes is reported once and picked up again when it returns. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include "tailboard/path.h"
#include "tailboard/xalloc.h"
#include "s3.h"
#include "watch_int.h"

#define DEFAULT_PERIOD 2.0
#define S3_PERIOD 5.0          /* TensorBoard's reload interval: a listing each */

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

static const char *ld_path(const struct watch *w, size_t ld)
{
	return w->disc->lds[ld].path;
}

int watch_join(const struct watch *w, size_t ld, const char *rel, char *out, size_t cap)
{
	return *rel ? path_join(out, cap, ld_path(w, ld), rel) : path_join(out, cap, "", ld_path(w, ld));
}

static void set_poll(struct watch *w, size_t ld, const char *reason, bool waiting)
{
	struct ldstate *s = &w->lds[ld];
	s->mode = LD_POLL;
	s->reason = reason;
	s->waiting_poll = waiting;
	s->period = strcmp(reason, "s3") == 0 ? S3_PERIOD : w->period;
	s->next_poll = tb_now() + s->period;
}

/* The logdir does not exist: watch the nearest directory that does, for
 * the next component of the path to appear. */
static void wait_for(struct watch *w, size_t ld)
{
	char cur[4096], parent[4096];
	snprintf(cur, sizeof(cur), "%s", ld_path(w, ld));
	for (;;) {
		const char *last;
		struct stat st;
		path_split(cur, parent, sizeof(parent), &last);
		if (stat(parent, &st) == 0 && S_ISDIR(st.st_mode)) {
			const char *net = netfs_name(parent);
			if (net) {
				set_poll(w, ld, net, true);
				return;
			}
			int wd = inotify_add_watch(w->fd, parent, WATCH_MASK);
			if (wd < 0 || wtab_add(w, wd, ENT_WAIT, ld, last) != TB_OK) {
				set_poll(w, ld, errno == ENOSPC ? "watch limit" : "waiting", true);
				return;
			}
			w->lds[ld].mode = LD_WAITING;
			return;
		}
		if (strcmp(parent, ".") == 0 || strcmp(parent, "/") == 0) {
			set_poll(w, ld, "waiting", true);     /* cannot happen but for races */
			return;
		}
		memmove(cur, parent, strlen(parent) + 1);
	}
}

/* A single file as the logdir: watch its directory for it. */
static void watch_file_ld(struct watch *w, size_t ld)
{
	char parent[4096];
	const char *last;
	path_split(ld_path(w, ld), parent, sizeof(parent), &last);
	int wd = inotify_add_watch(w->fd, parent, WATCH_MASK);
	if (wd < 0 || wtab_add(w, wd, ENT_FILE, ld, last) != TB_OK)
		set_poll(w, ld, "watch limit", false);
	else
		w->lds[ld].mode = LD_INOTIFY;
}

static void ld_setup(struct watch *w, size_t ld)
{
	struct stat st;
	const char *net;
	w->lds[ld].mode = LD_NONE;
	if (w->forced)
		set_poll(w, ld, "--poll", false);
	else if (s3_is_url(ld_path(w, ld)))
		set_poll(w, ld, "s3", false);   /* object stores tell nobody */
	else if (w->fd < 0)
		set_poll(w, ld, "no inotify", false);
	else if (stat(ld_path(w, ld), &st) != 0)
		wait_for(w, ld);
	else if ((net = netfs_name(ld_path(w, ld))))
		set_poll(w, ld, net, false);
	else if (!S_ISDIR(st.st_mode))
		watch_file_ld(w, ld);
	else {
		int rc = winotify_add_tree(w, ld, "");
		if (rc == TB_AGAIN)
			watch_ld_fallback(w, ld, "watch limit");
		else if (rc == TB_DONE)
			wait_for(w, ld);        /* gone in between */
		else
			w->lds[ld].mode = LD_INOTIFY;
	}
}

static void update_desc(struct watch *w)
{
	size_t ninotify = 0, nwait = 0, npoll = 0, ns3 = 0;
	char reasons[96] = "";
	for (size_t i = 0; i < w->nlds; i++) {
		const struct ldstate *s = &w->lds[i];
		ninotify += s->mode == LD_INOTIFY;
		nwait += s->mode == LD_WAITING || (s->mode == LD_POLL && s->waiting_poll);
		if (s->mode != LD_POLL || (s->reason && strcmp(s->reason, "s3") == 0 && ++ns3))
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
	if (ninotify || (!npoll && !ns3 && w->fd >= 0))
		n = snprintf(p, cap, "inotify");
	if (npoll && n >= 0 && (size_t)n < cap)
		n += snprintf(p + n, cap - (size_t)n, "%spolling %gs (%s)", n ? " + " : "", w->period, reasons);
	if (ns3 && n >= 0 && (size_t)n < cap)
		n += snprintf(p + n, cap - (size_t)n, "%spolling %gs (s3)", n ? " + " : "", S3_PERIOD);
	if (nwait && n >= 0 && (size_t)n < cap)
		snprintf(p + n, cap - (size_t)n, ", waiting for %zu logdir%s", nwait, nwait > 1 ? "s" : "");
}

void watch_ld_fallback(struct watch *w, size_t ld, const char *reason)
{
	wtab_drop_ld(w, ld);
	set_poll(w, ld, reason, false);
	update_desc(w);
}

void watch_ld_reattach(struct watch *w, size_t ld)
{
	wtab_drop_ld(w, ld);
	w->lds[ld].mode = LD_NONE;
	ld_setup(w, ld);
	discover_recheck(w->disc, ld);
	loader_touch_under(w->loader, ld_path(w, ld));
	update_desc(w);
}

/* Polling one logdir: rescan it and look at its files again. */
static void poll_ld(struct watch *w, size_t ld)
{
	struct stat st;
	if (w->lds[ld].waiting_poll && stat(ld_path(w, ld), &st) == 0) {
		watch_ld_reattach(w, ld);       /* it appeared: inotify may see it now */
		return;
	}
	/* discovery reports a logdir that was present and is not */
	discover_scan_dir(w->disc, ld, "");
	loader_touch_under(w->loader, ld_path(w, ld));
}

void watch_rescan_all(struct watch *w)
{
	for (size_t ld = 0; ld < w->nlds; ld++) {
		if (w->lds[ld].mode == LD_INOTIFY) {
			/* directories made while events were lost have no watch */
			if (winotify_add_tree(w, ld, "") == TB_AGAIN)
				watch_ld_fallback(w, ld, "watch limit");
		} else if (w->lds[ld].mode == LD_WAITING) {
			watch_ld_reattach(w, ld);
		}
	}
	discover_rescan(w->disc);
	loader_restat_all(w->loader);
}

int watch_start(struct watch **out, struct discover *d, struct loader *l, struct diag *diag, double poll_secs)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	w->disc = d;
	w->loader = l;
	w->diag = diag;
	w->freelist = -1;
	w->forced = poll_secs > 0;
	w->period = w->forced ? poll_secs : DEFAULT_PERIOD;
	w->nlds = d->n;
	w->lds = xcalloc(w->nlds, sizeof(*w->lds));
	w->fd = -1;
	if (!w->forced) {
		w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (w->fd < 0)
			diag_report(diag, NULL, -1, "inotify unavailable (%s); polling instead", strerror(errno));
	}
	for (size_t ld = 0; ld < w->nlds; ld++)
		ld_setup(w, ld);
	/* scan after the watches exist: nothing lands unseen in between */
	discover_rescan(d);
	update_desc(w);
	*out = w;
	return TB_OK;
}

void watch_stop(struct watch *w)
{
	if (!w)
		return;
	wtab_free(w);
	free(w->lds);
	free(w);
}

int watch_fd(const struct watch *w)
{
	return w ? w->fd : -1;
}

int watch_timeout_ms(const struct watch *w)
{
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

int watch_process(struct watch *w)
{
	int rc = w->fd >= 0 ? winotify_drain(w) : TB_DONE;
	double now = tb_now();
	for (size_t ld = 0; ld < w->nlds; ld++) {
		struct ldstate *s = &w->lds[ld];
		if (s->mode == LD_POLL && s->next_poll <= now) {
			poll_ld(w, ld);
			if (s->mode == LD_POLL)
				s->next_poll = tb_now() + s->period;
		}
	}
	loader_update_stale(w->loader);
	return rc == TB_ERR ? TB_ERR : TB_OK;
}

const char *watch_describe(const struct watch *w)
{
	return w ? w->desc : "static";
}

uint64_t watch_overflows(const struct watch *w)
{
	return w ? w->overflows : 0;
}
