/* engine.h: the one loop's machinery, for the screen, the headless
 * commands and the test driver alike: discovery, the loader and the
 * watcher; one poll() on the descriptors callers register, the watcher's
 * descriptor and a self-pipe for signals, with the nearest deadline as its
 * timeout; and budgeted loading between waits, so keys stay answered
 * while a large logdir loads. */
#ifndef TAILBOARD_ENGINE_H
#define TAILBOARD_ENGINE_H

#include <signal.h>
#include "tailboard/discover.h"
#include "tailboard/loader.h"
#include "tailboard/watch.h"

#define ENGINE_MAX_FDS 4

/* A registered descriptor is ready (revents as poll() gives them). */
typedef void engine_fd_fn(void *arg, int fd, short revents);
/* A piece of reading is done (engine_after_read). */
typedef void engine_read_fn(void *arg);

struct engine_fd {
	int fd;
	engine_fd_fn *fn;
	void *arg;
};

struct engine {
	struct loader loader;
	struct discover disc;
	struct watch *watch;    /* once live */
	struct diag *diag;
	struct engine_fd fds[ENGINE_MAX_FDS];
	size_t nfds;
	int sigpipe[2];
	volatile sig_atomic_t quit_signal;      /* set by the handlers: the signal, or -1 for engine_quit */
	volatile sig_atomic_t resized;
	double loaded_at;       /* when what the first scan found was read, 0 before */
	engine_read_fn *after_read;     /* engine_after_read's */
	void *after_read_arg;
};

void engine_init(struct engine *e, struct sink *sink, struct diag *diag);
void engine_free(struct engine *e);
void engine_add_logdir(struct engine *e, const char *name, const char *path);
/* Headless: the first scan. TB_ERR when a logdir could not be read. */
int engine_scan(struct engine *e) TB_MUST;
/* Headless: read everything found, on up to jobs threads (0: one a CPU,
 * at least 16 when objects come over the network: those threads wait). */
void engine_load_all(struct engine *e, int jobs);
/* Live: watches (or polling, every poll_secs when > 0) and the first scan. */
int engine_watch(struct engine *e, double poll_secs) TB_MUST;
bool engine_watching(const struct engine *e);
/* Call fn after each piece of reading (256 KiB of files, not a slice's
 * 4 MiB), while the points it stored are still in cache: the health
 * monitor reads them there at a fifth of the cost. NULL: none. */
void engine_after_read(struct engine *e, engine_read_fn *fn, void *arg);
/* Call fn when fd is readable (or hung up). */
int engine_add_fd(struct engine *e, int fd, engine_fd_fn *fn, void *arg) TB_MUST;
/* SIGINT, SIGTERM, SIGHUP end the loop; SIGWINCH sets resized. Handlers
 * only set flags and wake the poll(). */
int engine_signals(struct engine *e, bool on) TB_MUST;
/* One turn: wait until a registered descriptor is ready, a signal comes,
 * the watcher needs attention or deadline (tb_now() seconds, < 0 none)
 * passes; no wait while files are being read. Then hand out what
 * happened and read for one slice. TB_ERR when poll() failed. */
int engine_turn(struct engine *e, double deadline) TB_MUST;
/* Catch up with the disk: every pending event handled, every file read. */
void engine_settle(struct engine *e);
bool engine_busy(const struct engine *e);
/* Re-read every file that changed (the screen's reload key). */
void engine_reload(struct engine *e);
void engine_quit(struct engine *e);
bool engine_quitting(const struct engine *e);
/* The signal that ended the loop, 0 when none did. */
int engine_quit_signal(const struct engine *e);
/* Was the terminal resized since the last call? */
bool engine_take_resize(struct engine *e);
/* "inotify", "polling 2s (nfs)", "static" before the watch starts. */
const char *engine_describe(const struct engine *e);
void engine_progress(const struct engine *e, struct loader_progress *p);

#endif
