/* app.h: the one struct that holds all of tailboard's state. */
#ifndef TAILBOARD_APP_H
#define TAILBOARD_APP_H

#include "tailboard/common.h"
#include "tailboard/store.h"
#include "tailboard/diag.h"
#include "tailboard/loader.h"

enum out_format { OUT_CSV, OUT_JSON };

struct options {
	const char *command;    /* NULL (screen), "export", "summary" */
	const char *run_re;
	const char *tag_re;
	const char *sources;     /* comma list of formats to keep, NULL = all */
	enum out_format format;
	const char *output;     /* export to this file (atomically), NULL = stdout */
	bool stats;
	int jobs;               /* threads for the headless load, 0 = one a CPU */
	double smoothing;       /* 0 .. 0.999 */
	bool ascii, unicode, no_color;
	long frames;            /* exit after N frames (CI), 0 = run */
	double poll_secs;       /* > 0: force polling with this period */
	bool demo;
	const char *demo_dir;
};

struct ui;
struct watch;
struct demo;

struct app {
	struct options opt;
	struct store store;
	struct diag diag;
	struct loader loader;
	struct source_ctx ctx;
	struct ui *ui;
	struct watch *watch;
	struct demo *demo;       /* the --demo writer, when running */
	volatile int quit;      /* set from signal handlers */
	volatile int quit_signal; /* the signal that ended the screen, 0 for a key */
	volatile int winch;
};

/* Zero the app and set up its store, diagnostics and loader. */
int app_init(struct app *app);
/* Free what app_init and the loading set up (not the screen or watcher). */
void app_free(struct app *app);

#endif
