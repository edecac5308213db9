/* ui_int.h: what the terminal side shares: curses up and down, colours,
 * the canvas copied to the screen, keys mapped to the view's. */
#ifndef TAILBOARD_UI_INT_H
#define TAILBOARD_UI_INT_H

#include "tailboard/chart.h"

/* term.c */
/* Curses up: raw-ish keys, no echo, colours when wanted; false when the
 * terminal cannot be set up. *ncolors: run colours to use (0: glyphs). */
bool term_start(bool want_color, int *ncolors);
void term_stop(void);
/* Restore the terminal and die by sig when the process crashes. */
void term_crash_handlers(bool on);
/* Copy a canvas to the screen (curses sends only what changed), put the
 * terminal cursor at x, y (hidden when x < 0) and update. */
int term_show(const struct canvas *cv, int x, int y) TB_MUST;
/* The terminal's size changed: tell curses. */
void term_resize(void);
void term_size(int *w, int *h);
bool term_utf8(void);

/* input.c */
/* The next key, as the view knows it: -1 when none is waiting, -2 for a
 * resize. */
int input_key(void);

#endif
