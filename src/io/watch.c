/* watch.c: placeholder: no watching yet, the screen shows what was loaded. */
#include "tailboard/watch.h"
#include "tailboard/app.h"

int watch_start(struct app *app) { (void)app; return TB_OK; }
void watch_stop(struct app *app) { (void)app; }
int watch_fd(const struct app *app) { (void)app; return -1; }
int watch_timeout_ms(const struct app *app) { (void)app; return -1; }
int watch_process(struct app *app) { (void)app; return TB_OK; }
const char *watch_describe(const struct app *app) { (void)app; return "static"; }
