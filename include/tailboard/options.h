/* options.h: what the command line asked for. Plain settings, filled by
 * the command line parser and read by every layer (htop's Settings). */
#ifndef TAILBOARD_OPTIONS_H
#define TAILBOARD_OPTIONS_H

#include "tailboard/common.h"

enum out_format { OUT_CSV, OUT_JSON };

struct options {
	const char *command;    /* NULL (screen), "export", "summary" */
	const char *run_re;
	const char *tag_re;
	const char *filter;     /* --filter EXPR (filter.h), checked by the parser */
	const char *sources;    /* comma list of formats to keep, NULL = all */
	enum out_format format;
	const char *output;     /* export to this file (atomically), NULL = stdout */
	bool stats;
	int jobs;               /* threads for the headless load, 0 = one a CPU */
	double smoothing;       /* 0 .. 0.999 */
	int smooth_method;      /* enum smooth_method (chart.h), --smoothing-method */
	bool ascii, unicode, no_color;
	long frames;            /* exit after N frames (CI), 0 = run */
	double poll_secs;       /* > 0: force polling with this period */
	bool demo;
	const char *demo_dir;
	const char *help_keys;  /* --help-keys=md|man: print the key table */
};

#endif
