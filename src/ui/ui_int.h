/* ui_int.h: what the terminal side shares: curses up and down, colours,
 * the canvas copied to the screen, keys mapped to the view's. */
#ifndef TAILBOARD_UI_INT_H
#define TAILBOARD_UI_INT_H

#include "tailboard/chart.h"
#include "tailboard/engine.h"
#include "tailboard/health_mon.h"
#include "tailboard/notify.h"

/* term.c */
/* Curses up: raw-ish keys, no echo, colours when wanted; false when the
 * terminal cannot be set up. *depth: its colours (DEPTH_NONE: glyphs). */
bool term_start(bool want_color, enum chart_depth *depth);
/* The run colours' pairs for palette pal at depth (again on Y). */
void term_palette(int pal, enum chart_depth depth);
void term_stop(void);
/* Restore the terminal and die by sig when the process crashes. */
void term_crash_handlers(bool on);
/* Copy a canvas to the screen (curses sends only what changed), put the
 * terminal cursor at x, y (hidden when x < 0) and update; bold: runs'
 * colours drawn bold (the high-contrast palette). */
int term_show(const struct canvas *cv, int x, int y, bool bold) TB_MUST;
/* The terminal's size changed: tell curses. */
void term_resize(void);
void term_size(int *w, int *h);
bool term_utf8(void);
/* Bytes that change nothing on the screen (a bell, an OSC notification),
 * straight to the terminal between frames. */
int term_send(const char *bytes, size_t n) TB_MUST;

/* loop.c: what a frame shows of the engine (loading, live, logdirs). */
struct view_status;
void ui_status(struct engine *e, struct view_status *out);

/* input.c */
/* The next key, as the view knows it: -1 when none is waiting, -2 for a
 * resize. */
int input_key(void);

/* alerts.c: the screen's health monitor and notifications. */
struct ui_alerts {
	struct health_mon *mon;         /* NULL: none */
	struct engine *e;
	struct notifier notify;         /* --notify; kinds 0: nothing is written */
	size_t told;                    /* alerts passed to the notifier, or passed over */
	size_t drawn;                   /* alerts when the frame last changed for them */
	bool live;                      /* the first load is done: alerts are news */
};
void ui_alerts_start(struct ui_alerts *a, struct health_mon *mon, struct engine *e, unsigned kinds, bool ascii);
void ui_alerts_stop(struct ui_alerts *a);
/* After an engine turn: stall clocks, notifications; true when the alert
 * list grew (the status count and the run marks change). */
bool ui_alerts_turn(struct ui_alerts *a, double now);
/* When the monitor or the notifier next needs a turn; INFINITY none. */
double ui_alerts_deadline(const struct ui_alerts *a);

#endif
