/* main.c: set up the app, run a command or the screen, tear down. */
#include <locale.h>
#include <string.h>
#include "cli.h"
#include "tailboard/demo.h"
#include "tailboard/snap.h"
#include "tailboard/ui.h"

/* Run what the options ask for (a command, or the screen); the exit status. */
static int run(struct app *app)
{
	struct cmd c = app_cmd(app);
	const char *command = app->opt.command;
	if (command && strcmp(command, "export") == 0)
		return cmd_export(&c);
	if (command && strcmp(command, "summary") == 0)
		return cmd_summary(&c);
	if (command && strcmp(command, "runs") == 0)
		return cmd_runs(&c);
	if (command && strcmp(command, "watch") == 0)
		return cmd_watch(&c);
	if (command && strcmp(command, "snapshot") == 0)
		return snap_command(&c);
	if (app->opt.print)
		return ui_print(&app->opt, &app->store, &app->engine, &app->diag, &app->health,
				app->opt.snap_format == SNAP_ANSI);
	if (app->opt.demo) {
		if (demo_start(&app->demo, app->opt.demo_dir, &app->diag) != TB_OK)
			return 1;
		engine_add_logdir(&app->engine, NULL, demo_dir(app->demo));
	}
	return ui_run(&app->opt, &app->store, &app->engine, &app->diag, &app->health);
}

int main(int argc, char **argv)
{
	struct app app;
	setlocale(LC_ALL, "");
	/* the user's characters and time zone, but numbers always with a '.':
	 * log files are read with strtod and exports must read back anywhere */
	setlocale(LC_NUMERIC, "C");
	app_init(&app);
	int status = cli_parse(&app, argc, argv);
	if (status < 0)
		status = run(&app);
	app_free(&app);
	return status;
}
