/* ui.h: the screen. The only interface into src/ui/, which alone includes curses. */
#ifndef TAILBOARD_UI_H
#define TAILBOARD_UI_H

#include "tailboard/engine.h"
#include "tailboard/health_mon.h"
#include "tailboard/options.h"
#include "tailboard/store.h"

/* Run the interactive screen on what the engine loads into st until the
 * user quits (or o->frames frames were drawn), feeding mon from the
 * engine (its alerts listed, counted and, with --notify, sent to the
 * terminal). Returns the exit status. */
int ui_run(const struct options *o, struct store *st, struct engine *e, struct diag *d,
	   struct health_mon *mon) TB_MUST;

/* --print: load as the screen does (watches, alerts), then one frame of
 * o->print_w x o->print_h (0: the terminal's when stdout is one, else
 * 80x24) to stdout as text, with ANSI attributes and colours when ansi;
 * glyphs and colours as the screen would have them on this terminal. */
int ui_print(const struct options *o, struct store *st, struct engine *e, struct diag *d, struct health_mon *mon,
	     bool ansi) TB_MUST;

#endif
