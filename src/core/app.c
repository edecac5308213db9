/* app.c: setting up and tearing down the app struct, shared by the binary,
 * the test drivers and the benchmarks. */
#include <malloc.h>
#include <string.h>
#include "tailboard/app.h"

int app_init(struct app *app)
{
	/* A fixed, low mmap threshold: point columns past 16 KiB live in their
	 * own mappings, so growing them is an mremap and the old copy goes
	 * back to the kernel, instead of the heap holes glibc's sliding
	 * threshold leaves behind (4 bytes a point of RSS at 10M points). */
	mallopt(M_MMAP_THRESHOLD, 16 * 1024);
	memset(app, 0, sizeof(*app));
	diag_init(&app->diag);
	if (store_init(&app->store) != TB_OK || loader_init(&app->loader) != TB_OK)
		return TB_NOMEM;
	app->ctx.store = &app->store;
	app->ctx.diag = &app->diag;
	return TB_OK;
}

void app_free(struct app *app)
{
	loader_free(&app->loader);
	store_free(&app->store);
	diag_free(&app->diag);
}
