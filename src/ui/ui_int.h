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
/* The mouse (after term_start): on, the terminal reports presses,
 * releases, the wheel and motion with a button held (1002, in SGR 1006
 * form where terminfo's kmous reads it); off, it is not asked to, and
 * whatever mouse bytes still arrive are decoded and dropped, never keys.
 * term_stop turns it off again. */
void term_mouse(bool on);
void term_mouse_stop(void);
/* Motion reporting again: after Ctrl-Z and fg ncurses sends its own mode
 * (1000) once more, so each press asks for 1002 before a drag can follow. */
void term_mouse_rearm(void);
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
/* A mouse event as the view knows it (view.h's VM_ kinds), and what
 * tells a press from a double click or a drag. */
struct ui_mouse {
	bool on;                /* off: mouse events are dropped */
	int kind, x, y;
	double last_press;      /* when button 1 was last pressed, at last_x, last_y */
	int last_x, last_y;
	bool down;              /* button 1 is held: motion is a drag */
	double last_event;      /* when the last mouse event came */
	bool pending_release;   /* a click read as a release alone: its release is next */
};
/* The next key, as the view knows it: -1 when none is waiting, -2 for a
 * resize, -3 for a mouse event (in *m). */
int input_key(struct ui_mouse *m);

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
