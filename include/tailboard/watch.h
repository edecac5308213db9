/* watch.h: what changed on disk. inotify where the kernel can see it,
 * polling sizes and mtimes where it cannot. The main loop owns the one
 * poll(): it asks for the descriptor and the next deadline, and calls
 * watch_process() when either fires. */
#ifndef TAILBOARD_WATCH_H
#define TAILBOARD_WATCH_H

#include "tailboard/common.h"

struct app;

int watch_start(struct app *app);
void watch_stop(struct app *app);
/* inotify descriptor to poll for POLLIN, or -1 when there is none. */
int watch_fd(const struct app *app);
/* Milliseconds until the next polling scan is due, -1 for never. */
int watch_timeout_ms(const struct app *app);
/* Drain inotify events and run due polling scans; marks files dirty in
 * the loader (the loop then calls loader_work). */
int watch_process(struct app *app);
/* One line for the status bar: "inotify", "polling 2s (nfs)", ... */
const char *watch_describe(const struct app *app);

#endif
