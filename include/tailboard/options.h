/* options.h: what the command line asked for. Plain settings, filled by
 * the command line parser and read by every layer (htop's Settings). */
#ifndef TAILBOARD_OPTIONS_H
#define TAILBOARD_OPTIONS_H

#include "tailboard/common.h"
#include "tailboard/health.h"

enum out_format { OUT_CSV, OUT_JSON };

struct options {
	const char *command;    /* NULL (screen), "export", "summary", "watch" */
	const char *run_re;
	const char *tag_re;
	const char *filter;     /* --filter EXPR (filter.h), checked by the parser */
	const char *sort;       /* runs: --sort COL, -COL descending */
	const char *group_by;   /* --group-by KEY|-KEY|~REGEX (group.h), checked by the parser */
	const char *sources;    /* comma list of formats to keep, NULL = all */
	enum out_format format;
	const char *output;     /* export to this file (atomically), NULL = stdout */
	bool stats;
	int jobs;               /* threads for the headless load, 0 = one a CPU */
	double smoothing;       /* 0 .. 0.999 */
	int smooth_method;      /* enum smooth_method (chart.h), --smoothing-method */
	bool smoothing_given;   /* either was given: export adds a smoothed column */
	bool ascii, unicode, no_color;
	long frames;            /* exit after N frames (CI), 0 = run */
	double poll_secs;       /* > 0: force polling with this period */
	bool demo;
	const char *demo_dir;
	const char *help_keys;  /* --help-keys=md|man: print the key table */
	/* health: --alert rules (health_rules_init'ed by app_init), and watch's */
	struct health_rules alerts;
	const char *until;      /* --until EXPR */
	const char *exec;       /* --exec CMD */
	double timeout;         /* --timeout, seconds; 0 none */
	unsigned fail_on;       /* --fail-on: 1 << enum health_kind */
	bool once;              /* --once: read what is there, report, exit */
	bool json_flag;         /* --json was given (format is then OUT_JSON) */
	unsigned notify;        /* --notify: enum notify_kind bits (notify.h), 0 off */
	/* snapshot: each --tag a chart (exact name, else a regex), --x, --log,
	 * the picture's or the text's size, its format (enum snap_format) */
	const char *tags[16];
	size_t ntags;
	int xmode;              /* enum chart_xmode */
	bool logy;
	int width, height;      /* pixels (svg, png) or cells (txt, ansi); 0: the default */
	int snap_format;
	/* --print: one frame of the screen as text to stdout; its size, 0: the default */
	bool print;
	int print_w, print_h;
	int palette;            /* enum chart_pal: --palette, the screen's and pictures' run colours */
	const char *hide_tags;  /* --hide-tags REGEX: tags (and so groups) the grid leaves out */
	/* the screen's layout: --grid ROWSxCOLS (0: automatic), --no-mouse */
	int grid_rows, grid_cols;
	bool no_mouse;
};

#endif
