/* ui.h: the screen. The only interface into src/ui/, which alone includes curses. */
#ifndef TAILBOARD_UI_H
#define TAILBOARD_UI_H

#include "tailboard/engine.h"
#include "tailboard/options.h"
#include "tailboard/store.h"

/* Run the interactive screen on what the engine loads into st until the
 * user quits (or o->frames frames were drawn). Returns the exit status. */
int ui_run(const struct options *o, struct store *st, struct engine *e, struct diag *d) TB_MUST;

#endif
