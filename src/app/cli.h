/* cli.h: command line parsing (GNU style, getopt_long). */
#ifndef TAILBOARD_CLI_H
#define TAILBOARD_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "tailboard/app.h"

/* Fills app->opt and the loader's logdirs. Returns -1 to go on, or an
 * exit status (0 after --help/--version, 2 for bad usage). */
int cli_parse(struct app *app, int argc, char **argv) TB_MUST;

/* Where an option came from: NULL the command line, else a config file's
 * line, which names it by key. */
struct cli_src {
	const char *file;
	int line;
	const char *key;
};
/* What options leave for the end of the parse. */
struct cli_state {
	const char *format;
	bool print_ansi, x_given, log_given;
};
/* One option as the command line has it (code: its getopt value). */
int cli_option(struct app *app, const struct cli_src *src, struct cli_state *st, int code, const char *arg) TB_MUST;
/* The long option called name, as a config key: its code and getopt's
 * has_arg; false when there is none, or it is no default (an action, a
 * logdir, a command's own). */
bool cli_config_key(const char *name, int *code, int *has_arg);
/* name is a long option (a config key or not). */
bool cli_is_option(const char *name);
/* --help (usage.c). */
void cli_usage(FILE *fp);
/* getopt_long's table. */
const struct option *cli_long_opts(void);

/* config.c: the config file, --config FILE or $XDG_CONFIG_HOME's (or
 * ~/.config's) tailboard/config, unless --no-config; each key = value
 * through cli_option, before the command line. Bad lines are reported
 * on stderr and skipped. -1 to go on, else an exit status (a --config
 * FILE that cannot be read). */
int config_args(struct app *app, int argc, char **argv) TB_MUST;

#endif
