/* demo.c: placeholder until the live demo lands. */
#include <stdio.h>
#include "tailboard/demo.h"
#include "tailboard/app.h"

int demo_start(struct app *app)
{
	(void)app;
	fputs("tailboard: --demo is not built yet\n", stderr);
	return TB_ERR;
}

void demo_stop(struct app *app) { (void)app; }
