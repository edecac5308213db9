/* ui_int.h: the screen's state and the functions its files share. */
#ifndef TAILBOARD_UI_INT_H
#define TAILBOARD_UI_INT_H

#include <regex.h>
#include "tailboard/app.h"
#include "tailboard/chart.h"

enum ui_focus { FOCUS_RUNS = 0, FOCUS_CHARTS };
enum ui_overlay { OVERLAY_NONE = 0, OVERLAY_HELP, OVERLAY_ERRORS, OVERLAY_RUN };

struct ui_tag {
	const char *tag;        /* raw bytes owned by a series in the store */
	size_t len;
	char *disp;             /* sanitised */
	size_t group;
};

struct ui_group {
	char *name;             /* sanitised prefix before the first '/' */
	size_t first, count;    /* range in ui->tags */
	bool collapsed;
};

/* One row of the chart grid's navigation: a group header or a chart. */
struct ui_item {
	size_t group;
	size_t tag;             /* SIZE_MAX for a group header */
};

struct ui_run {
	struct run *run;
	char *disp;             /* sanitised name (label when it has one) */
	const char *label;      /* the run's label disp was made from */
	double first_wall;      /* for relative time */
	bool hidden;            /* Space / s / a */
	bool filtered;          /* fails the / regex */
	bool cut;               /* not among the top N (T) */
	double best;            /* best value of the ranked tag, NaN when none */
	double rank;            /* the same, negated when higher is better */
};

/* A chart as last rendered, and what it was rendered from: a frame
 * re-renders only the charts whose series or view changed. */
struct chart_memo {
	uint64_t sig;
	struct canvas cv;
	struct chart_info info;
};

struct ui {
	struct app *app;
	bool utf8, braille, color;
	int ncolors;
	/* runs in display (natural) order */
	struct ui_run *runs;
	size_t nruns, run_sel;
	bool *hidden_by_index;  /* survives rebuilds, indexed by run->index */
	size_t nhidden_cap;
	/* tags, groups and the grid's items */
	struct ui_tag *tags;
	size_t ntags;
	struct ui_group *groups;
	size_t ngroups;
	char **collapsed;       /* names of collapsed groups, survives rebuilds */
	size_t ncollapsed;
	struct ui_item *items;
	size_t nitems, item_sel;
	int scroll;
	/* filters */
	regex_t run_re, tag_re;
	bool have_run_re, have_tag_re;
	char run_re_text[256], tag_re_text[256];
	int last_search;        /* '/' or 't': what n/N step through */
	/* view */
	enum ui_focus focus;
	enum ui_overlay overlay;
	int overlay_scroll;
	bool maximized, show_runs;
	struct chart_view view;
	double smoothing;
	int prompt;             /* '/' or 't' while typing a regex, else 0 */
	char input[256];
	size_t ilen;
	char message[256];      /* one-shot note on the info line */
	/* drawing */
	struct chart_caches caches;
	struct chart_memo *memo;        /* per tag: the last rendered chart */
	size_t nmemo;
	struct chart_info sel_info;
	uint64_t model_gen;     /* store gen the model was built from */
	bool model_dirty;
	bool dirty;             /* view changed: redraw */
	int sigpipe[2];
	double loaded_at;       /* tb_now() when the first load finished */
	/* many runs */
	bool runs_dirty;        /* runs appeared or the filter changed: rebuild the list */
	size_t tags_sig;        /* series with points when the tags were built */
	bool tags_dirty;
	bool top;               /* T: list only the top N runs by best value */
	char *top_tag;          /* the tag they are ranked by (sanitised) */
	size_t list_first;      /* position of the run list's first row among listed runs */
	size_t page_lo, page_hi;/* runs[] indexes of that visible page */
	bool charts_paged;      /* too many runs: charts draw the page only */
	/* loading progress: where the current load started */
	bool was_busy;
	double load_t0;
	uint64_t load_b0;
};

#define LIVE_SECS 60.0          /* a run written to this recently is live */
#define TOP_N 10                /* runs the T toggle keeps */
#define CHART_MAX_RUNS 32       /* more shown runs than this: charts draw the page */

/* model.c */
int model_rebuild(struct ui *u);
void model_free(struct ui *u);
int model_set_filter(struct ui *u, int which, const char *text);
bool model_run_shown(const struct ui *u, size_t i);
/* In the run list: passes the / filter and the top-N cut. */
bool model_run_listed(const struct ui *u, size_t i);
void model_toggle_group(struct ui *u, size_t g);
const struct ui_item *model_sel_item(const struct ui *u);
int natural_cmp(const char *a, size_t an, const char *b, size_t bn);

/* runs.c */
/* T: rank runs by the best value of the selected chart's tag, keep TOP_N. */
int runs_rank(struct ui *u);
/* The run list's visible page of rows rows around the selection: sets
 * page_lo/page_hi; returns the position (among listed runs) of its first. */
size_t runs_page(struct ui *u, size_t rows);
size_t runs_listed_count(const struct ui *u);

/* keys.c */
int keys_dispatch(struct ui *u, int key);
/* Help lines from the key table: "keys", "what" pairs; returns the count. */
size_t keys_help(const char ***keys, const char ***what);

/* draw.c */
int draw_frame(struct ui *u);
int draw_colors(struct ui *u);

#endif
