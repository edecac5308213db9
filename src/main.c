/* main.c: set up the app, run a command or the screen, tear down. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd/cmd.h"
#include "tailboard/demo.h"
#include "tailboard/ui.h"
#include "tailboard/watch.h"

int main(int argc, char **argv)
{
	struct app app;
	setlocale(LC_ALL, "");
	if (app_init(&app) != TB_OK) {
		fputs("tailboard: out of memory\n", stderr);
		return 1;
	}
	int status = cli_parse(&app, argc, argv);
	if (status < 0) {
		if (app.opt.command && strcmp(app.opt.command, "export") == 0)
			status = cmd_export(&app);
		else if (app.opt.command && strcmp(app.opt.command, "summary") == 0)
			status = cmd_summary(&app);
		else if (app.opt.demo && demo_start(&app) != TB_OK) {
			demo_stop(&app);
			status = 1;
		}
		else {
			status = ui_run(&app);  /* starts the watch after its first frame */
			watch_stop(&app);
			if (app.opt.demo)
				demo_stop(&app);
		}
	}
	app_free(&app);
	return status;
}
