/* watch.h: what changed on disk. inotify where the kernel can see it,
 * polling sizes and times where it cannot (NFS, FUSE, the watch limit,
 * --poll). The engine owns the one poll(): it asks for the descriptor
 * and the next deadline, and calls watch_process() when either fires.
 * The watcher tells discovery of new directories and files and the
 * loader of files that grew, were replaced or vanished; it writes
 * nothing of theirs. */
#ifndef TAILBOARD_WATCH_H
#define TAILBOARD_WATCH_H

#include "tailboard/discover.h"

struct watch;

/* Set up the watches (or polling) for every logdir, then scan them: the
 * scan comes after, so nothing lands unseen in between. poll_secs > 0
 * forces polling with that period. */
int watch_start(struct watch **out, struct discover *d, struct loader *l, struct diag *diag,
		double poll_secs) TB_MUST;
void watch_stop(struct watch *w);
/* inotify descriptor to poll for POLLIN, or -1 when there is none. */
int watch_fd(const struct watch *w);
/* Milliseconds until the next polling scan is due, -1 for never. */
int watch_timeout_ms(const struct watch *w);
/* Drain inotify events and run due polling scans. TB_ERR when inotify
 * failed (reported). */
int watch_process(struct watch *w) TB_MUST;
/* One line for the status bar: "inotify", "polling 2s (nfs)", ... */
const char *watch_describe(const struct watch *w);
/* Event queue overflows seen (each meant a full rescan), for the tests. */
uint64_t watch_overflows(const struct watch *w);

#endif
