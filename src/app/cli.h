/* cli.h: command line parsing (GNU style, getopt_long). */
#ifndef TAILBOARD_CLI_H
#define TAILBOARD_CLI_H

#include "tailboard/app.h"

/* Fills app->opt and the loader's logdirs. Returns -1 to go on, or an
 * exit status (0 after --help/--version, 2 for bad usage). */
int cli_parse(struct app *app, int argc, char **argv) TB_MUST;

#endif
