/* app.h: the composition root. The one struct that holds tailboard's
 * state, wired together: the settings, the store and its sink, the
 * messages, the engine that fills the store, and the health monitor the
 * screen reads (watch runs its own). */
#ifndef TAILBOARD_APP_H
#define TAILBOARD_APP_H

#include "tailboard/cmd.h"
#include "tailboard/engine.h"
#include "tailboard/health_mon.h"
#include "tailboard/options.h"
#include "tailboard/store.h"

struct demo;

struct app {
	struct options opt;
	struct store store;
	struct store_sink sink;
	struct diag diag;
	struct engine engine;
	struct health_mon health;       /* the screen's: its alert list, marks and counts */
	struct demo *demo;      /* the --demo writer, when running */
	char *config_text;      /* the config file's lines: options point into them */
};

/* Zero the app and wire its parts together. */
void app_init(struct app *app);
/* Free what app_init and the loading set up. */
void app_free(struct app *app);
/* What the headless commands work on. */
struct cmd app_cmd(struct app *app);

#endif
