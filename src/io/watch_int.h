/* watch_int.h: the watcher's private state, shared by watch.c (logdir
 * modes, polling, the public calls), watch_inotify.c (watch table and
 * events) and watch_files.c (per-file checks, replacement, staleness). */
#ifndef TAILBOARD_WATCH_INT_H
#define TAILBOARD_WATCH_INT_H

#include <sys/types.h>
#include "tailboard/app.h"
#include "tailboard/watch.h"

enum ld_mode {
	LD_NONE,        /* not set up yet */
	LD_INOTIFY,     /* every directory watched */
	LD_WAITING,     /* missing: an existing ancestor is watched */
	LD_POLL,        /* rescanned every period */
};

/* What a watch descriptor stands for. One directory can carry several
 * entries (two logdirs waiting on the same parent), so entries sharing a
 * wd form a list. */
enum ent_kind {
	ENT_DIR,        /* a directory inside a logdir; rel "" = the logdir */
	ENT_WAIT,       /* an ancestor of a missing logdir; rel = next component */
	ENT_FILE,       /* the parent of a logdir that is one file; rel = its name */
};

struct wentry {
	int wd;         /* -1 when the slot is free */
	enum ent_kind kind;
	size_t ld;
	char *rel;
	int next;       /* next entry with the same wd, -1 at the end */
};

struct ldstate {
	enum ld_mode mode;
	const char *reason;     /* polling: "nfs", "--poll", "watch limit", ... */
	double next_poll;       /* tb_now() deadline while polling */
	bool waiting_poll;      /* polling only because it is missing */
};


struct watch {
	int fd;                 /* inotify, -1 when unavailable */
	double period;          /* polling period, seconds */
	struct wentry *ents;
	size_t nents, entcap;
	int freelist;           /* a free slot in ents, -1 when none */
	int *by_wd;             /* wd -> first entry, -1 when none */
	size_t wdcap;
	struct ldstate *lds;
	size_t nlds;
	bool stale_dirty;       /* some file vanished or came back */
	uint64_t overflows;     /* IN_Q_OVERFLOW seen (for tests and benches) */
	char desc[160];
	uint8_t evbuf[64 * 1024] __attribute__((aligned(8)));
};

/* watch.c */
int watch_ld_setup(struct app *app, size_t ld);
void watch_ld_teardown(struct app *app, size_t ld);
/* Set the logdir up again (it appeared, vanished or moved), then scan it
 * and re-check its files; reports a logdir that vanished. */
void watch_ld_reattach(struct app *app, size_t ld);
/* Stop watching the logdir with inotify and poll it instead. */
void watch_ld_fallback(struct app *app, size_t ld, const char *reason);
void watch_rescan_all(struct app *app);
void watch_update_desc(struct app *app);
/* Polling for one logdir: rescan and re-check its files. */
void watch_poll_ld(struct app *app, size_t ld);
/* "<logdir>/<rel>" into out; TB_ERR when it does not fit. */
int watch_join(const struct app *app, size_t ld, const char *rel, char *out, size_t cap);

/* watch_inotify.c */
int wtab_add(struct watch *w, int wd, enum ent_kind kind, size_t ld, const char *rel);
void wtab_drop_ld(struct watch *w, size_t ld);
void wtab_free(struct watch *w);
/* Watch dir_rel of logdir ld and every directory below it. TB_AGAIN when
 * the kernel refused for lack of watches (switch to polling). */
int winotify_add_tree(struct app *app, size_t ld, const char *rel, int depth);
int winotify_drain(struct app *app);

/* watch_files.c */
/* Look at a tracked file after an event or at a poll: notes whether it is
 * gone, then has the loader re-check it (replacement, truncation). */
void wfiles_check(struct app *app, struct tracked_file *f);
/* Check every tracked file at or under path (a directory came or went). */
void wfiles_check_under(struct app *app, const char *path);
/* A file event for an untracked path: track it when it holds metrics. */
void wfiles_consider(struct app *app, size_t ld, const char *dir_rel, const char *name,
		     const char *full);
/* Recompute run->stale after files vanished or returned. */
void wfiles_update_stale(struct app *app);

#endif
