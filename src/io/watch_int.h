/* watch_int.h: the watcher's private state, shared by watch.c (logdir
 * modes, polling, the public calls) and watch_inotify.c (watch table and
 * events). */
#ifndef TAILBOARD_WATCH_INT_H
#define TAILBOARD_WATCH_INT_H

#include <sys/inotify.h>
#include "tailboard/watch.h"

/* One mask for every watch: a directory's entries changing, and the
 * directory itself going away. */
#define WATCH_MASK (IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
		    IN_DELETE_SELF | IN_MOVE_SELF | IN_EXCL_UNLINK | IN_ONLYDIR)

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
	double period;          /* seconds between polls */
	bool waiting_poll;      /* polling only because it is missing */
};

struct watch {
	struct discover *disc;
	struct loader *loader;
	struct diag *diag;
	int fd;                 /* inotify, -1 when unavailable */
	double period;          /* polling period, seconds */
	bool forced;            /* --poll */
	struct wentry *ents;
	size_t nents, entcap;
	int freelist;           /* a free slot in ents, -1 when none */
	int *by_wd;             /* wd -> first entry, -1 when none */
	size_t wdcap;
	struct ldstate *lds;
	size_t nlds;
	uint64_t overflows;     /* IN_Q_OVERFLOW seen (for tests and benches) */
	char desc[160];
	uint8_t evbuf[64 * 1024] __attribute__((aligned(8)));
};

/* watch.c */
/* Set the logdir up again (it appeared, vanished or moved), then have
 * discovery look at it and the loader at its files. */
void watch_ld_reattach(struct watch *w, size_t ld);
/* Stop watching the logdir with inotify and poll it instead. */
void watch_ld_fallback(struct watch *w, size_t ld, const char *reason);
void watch_rescan_all(struct watch *w);
/* "<logdir>/<rel>" into out; TB_ERR when it does not fit. */
int watch_join(const struct watch *w, size_t ld, const char *rel, char *out, size_t cap) TB_MUST;

/* watch_inotify.c */
int wtab_add(struct watch *w, int wd, enum ent_kind kind, size_t ld, const char *rel) TB_MUST;
void wtab_drop_ld(struct watch *w, size_t ld);
void wtab_free(struct watch *w);
/* Watch dir rel of logdir ld and every directory below it. TB_AGAIN when
 * the kernel refused for lack of watches (switch to polling), TB_DONE
 * when rel itself is gone or not ours to read. */
int winotify_add_tree(struct watch *w, size_t ld, const char *rel) TB_MUST;
int winotify_drain(struct watch *w) TB_MUST;

#endif
