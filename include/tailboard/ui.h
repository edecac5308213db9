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

#endif
