/* app.c: setting up and tearing down the app struct, and running what
 * the command line asked for; shared by the binary, the test drivers and
 * the benchmarks. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/app.h"
#include "tailboard/demo.h"

void app_init(struct app *app)
{
	/* A fixed, low mmap threshold: point columns past 16 KiB live in their
	 * own mappings, so growing them is an mremap and the old copy goes
	 * back to the kernel, instead of the heap holes glibc's sliding
	 * threshold leaves behind (4 bytes a point of RSS at 10M points). */
	mallopt(M_MMAP_THRESHOLD, 16 * 1024);
	memset(app, 0, sizeof(*app));
	diag_init(&app->diag);
	health_rules_init(&app->opt.alerts);
	store_init(&app->store);
	store_sink_init(&app->sink, &app->store, &app->diag);
	engine_init(&app->engine, &app->sink.sink, &app->diag);
	/* the rules are read when tags are first fed: --alert, parsed later, applies */
	health_mon_init(&app->health, &app->store, &app->opt.alerts);
}

void app_free(struct app *app)
{
	engine_free(&app->engine);
	health_mon_free(&app->health);
	demo_stop(app->demo);
	app->demo = NULL;
	store_free(&app->store);
	health_rules_free(&app->opt.alerts);
	diag_free(&app->diag);
	free(app->config_text);
	app->config_text = NULL;
}

struct cmd app_cmd(struct app *app)
{
	return (struct cmd){ &app->opt, &app->store, &app->engine, &app->diag };
}
