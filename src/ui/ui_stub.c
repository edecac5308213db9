/* ui_stub.c: placeholder until the screen lands. */
#include <stdio.h>
#include "tailboard/ui.h"

int ui_run(struct app *app)
{
	(void)app;
	fputs("tailboard: the screen is not built yet; use 'tailboard export' or 'summary'\n", stderr);
	return 2;
}
