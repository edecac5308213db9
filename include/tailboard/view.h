/* view.h: the screen without a terminal. The user's state (selection,
 * focus, filters, folding, smoothing, x mode, zoom, cursor, overlays), the
 * model it is shown from (runs, tags, groups, the grid's items, top-N and
 * paging), the layout of a frame, the key table and the actions keys
 * trigger, and the frame itself rendered into a canvas. src/ui copies the
 * canvas to the terminal and maps terminal keys to view keys; the tests
 * drive the same code with scripted keys and read the canvas as text.
 *
 * Drawing reads the view and never writes it: what a frame needs decided
 * (scroll positions, pages) is decided by view_layout before it. */
#ifndef TAILBOARD_VIEW_H
#define TAILBOARD_VIEW_H

#include <regex.h>
#include "tailboard/chart.h"
#include "tailboard/diag.h"
#include "tailboard/filter.h"
#include "tailboard/group.h"
#include "tailboard/health_mon.h"
#include "tailboard/loader.h"
#include "tailboard/options.h"
#include "tailboard/store.h"

/* Keys the view knows: characters as themselves (Esc 27, Tab 9, Ctrl-C 3),
 * the others here, past Unicode. */
enum view_key {
	VK_DOWN = 0x110000, VK_UP, VK_LEFT, VK_RIGHT, VK_PGDN, VK_PGUP, VK_HOME, VK_END,
	VK_ENTER, VK_BACKSPACE,
};

/* What a key asks of the caller beyond redrawing. */
enum view_effect { VIEW_NONE = 0, VIEW_QUIT = 1, VIEW_RELOAD = 2,
	VIEW_SNAPSHOT = 4       /* write the selected chart to a file (the caller knows where) */
};

enum view_focus { FOCUS_RUNS = 0, FOCUS_CHARTS };
enum view_overlay { OVERLAY_NONE = 0, OVERLAY_HELP, OVERLAY_ERRORS, OVERLAY_RUN, OVERLAY_DATA,
	OVERLAY_ALERTS };

#define LIVE_SECS 60.0          /* a run written to this recently is live */
#define TOP_N 10                /* runs the T toggle keeps */
#define CHART_MAX_RUNS 32       /* more shown runs than this: charts draw the page */

struct view_tag {
	const char *tag;        /* raw bytes owned by a series in the store */
	size_t len;
	char *disp;             /* sanitised */
	size_t group;
	bool shown;             /* a run the charts can show has points of it */
	char *own;              /* the system pane's chart key (tag points to it), else NULL */
};

struct view_group {
	char *name;             /* sanitised prefix before the first '/' */
	size_t first, count;    /* range in tags */
	size_t shown;           /* its tags with points in runs the charts can show */
	bool collapsed;
};

/* A column of the runs table (R). */
enum table_kind { TC_NAME, TC_STATE, TC_HPARAM, TC_LAST, TC_BEST, TC_BEST_STEP, TC_POINTS };
struct table_col {
	enum table_kind kind;
	char *key;              /* the hyperparameter or tag (raw bytes), NULL for the others */
	size_t len;
	const char *head;       /* static heading, NULL: the key */
	int w;                  /* cells */
	size_t hint;            /* where the last run held the key (run_hparam_near) */
};

/* One row of the chart grid's navigation: a group header or a chart. */
struct view_item {
	size_t group;
	size_t tag;             /* SIZE_MAX for a group header */
};

struct view_run {
	struct run *run;
	char *disp;             /* sanitised name (label when it has one, made unique) */
	size_t strip;           /* bytes of disp every run's name shares ("runs/"): not shown */
	int name_w;             /* cells of what is shown of disp */
	const char *label;      /* the run's label disp was made from */
	bool hp_named;          /* disp is what tells it apart (H), not its name */
	size_t nhp_seen;        /* its hyperparameters when last named */
	double first_wall;      /* for relative time */
	double last_wall;       /* when it last wrote: its newest point's time, else its files' */
	bool hidden;            /* Space / s / a */
	bool filtered;          /* fails the / regex */
	bool cut;               /* not among the top N (T) */
	double best;            /* best value of the ranked tag, NaN when none */
	double rank;            /* the same, negated when higher is better */
	bool pinned;            /* *: listed first, drawn on top, first in legends */
};

struct view {
	const struct store *st;
	const struct diag *diag;        /* the error list e shows */
	struct health_mon *health;      /* the alerts A lists, the run list's marks; NULL: none.
					 * Set by the caller after view_init; A marks alerts seen */
	size_t alerts_new;              /* unseen when A opened the alert list */
	bool utf8, braille;
	int ncolors;            /* run colours the terminal has; 0: glyphs instead */
	/* the model: runs in display (natural) order, tags, groups, items */
	struct view_run *runs;
	size_t nruns, run_sel;
	bool *hidden_by_index;  /* survives rebuilds, indexed by run->index */
	size_t nhidden_cap;
	struct view_tag *tags;
	size_t ntags;
	struct view_group *groups;
	size_t ngroups;
	char **collapsed;       /* names of collapsed groups, survives rebuilds */
	size_t ncollapsed;
	struct view_item *items;
	size_t nitems, item_sel;
	int names_w;            /* the widest shown run name, in cells */
	bool item_chosen;       /* the user moved the grid's selection: keep it as tags arrive */
	/* the run page the items were listed for (many runs: charts follow it) */
	bool items_paged;
	size_t items_lo, items_hi, items_run;
	char *top_tag;          /* T: the tag runs are ranked by (sanitised) */
	/* filters */
	regex_t run_re, tag_re;
	bool have_run_re, have_tag_re;
	char run_re_text[256], tag_re_text[256];
	struct filter *run_filter;      /* F or --filter: an expression over runs' facts */
	double mark_x;                  /* v: one end of the data table's range, NaN when none */
	/* the runs table (R), built by view_layout while shown */
	bool table;
	int table_col, table_sort;      /* highlighted column; sorted by (-1: none) */
	bool table_desc;
	bool hp_names;                  /* H: runs named by the hyperparameters that differ */
	int table_rows, table_top, table_x;     /* rows on screen, first row, first scrolled column */
	char *pinned[4];                /* tags pinned to it (p), raw bytes */
	size_t npinned;
	struct table_col *tcols;
	size_t ntcols;
	char *tsame;                    /* "k=v  k=v": hyperparameters all listed runs share */
	size_t ntsame;                  /* how many */
	size_t *torder, ntorder;        /* listed runs in the table's order */
	uint64_t table_sig[6];          /* what the table was built from (table_build) */
	uint64_t model_epoch;           /* counts model rebuilds */
	char *run_filter_text;          /* as typed */
	struct group_spec *group;       /* c or --group-by: runs drawn as groups, NULL: runs */
	int band;                       /* B: a group's band: 0 none, 1 min-max, 2 +-1 sd */
	int last_search;        /* '/' or 't': what n/N step through */
	/* the user's state */
	enum view_focus focus;
	enum view_overlay overlay;
	int overlay_scroll;
	bool maximized, top;
	bool system;            /* M: the system pane (system/ and sys/ tags) instead of the training grid */
	enum chart_xmode train_xmode;   /* the grid's x mode, while the pane draws on time */
	char *pane_sel[2];      /* the chart chosen in the grid [0] and in the system pane [1], by name */
	char *pane_restore;     /* M: the one to select when the items are built again */
	int runs_pref;          /* the run list: 0 shown when there is room, 1 shown, -1 hidden */
	int list_extra;         /* columns the user widened (or narrowed) it by */
	struct chart_view chart;        /* x mode, log y, outliers, best marks, smoothing, zoom, the
					 * cursor (shared by every chart: one x) */
	int prompt;             /* '/' or 't' while typing a regex, 'F' a filter, else 0 */
	char input[256];
	size_t ilen;
	char message[256];      /* one-shot note on the info line */
	/* the layout of the next frame (view_layout) */
	int W, H;
	size_t list_first;      /* position of the run list's first row among listed runs */
	size_t list_rows;       /* rows of runs the list shows */
	size_t page_lo, page_hi;/* runs[] indexes of that visible page */
	bool charts_paged;      /* too many runs: charts draw the page only */
	int grid_page, grid_pages;      /* the page of the grid shown, of how many */
	int overlay_rows;       /* lines an overlay shows at once */
	/* change tracking */
	uint64_t model_gen;     /* store gen the model was built from */
	bool model_dirty, runs_dirty, tags_dirty;
	size_t tags_sig;
	/* --hide-tags: tags the grid leaves out */
	regex_t hide_re;
	bool have_hide_re;
	enum chart_depth depth;         /* the terminal's colours: the palette (chart.palette) at it */
	char ov_filter[256];    /* the run overview's key filter (i, then /), "" none */
	/* the grid's shape, pinned runs, the mouse (grid.c, mouse.c) */
	int grid_rows, grid_cols;       /* # w W z Z --grid: charts a page down and across, 0: automatic */
	int grid_shown_rows, grid_shown_cols;   /* the shape the last layout gave the grid */
	bool *pinned_by_index;          /* *: pinned runs, survives rebuilds, indexed by run->index */
	size_t npinned_cap;
	int drag_x;                     /* the column a drag on a chart was last at, -1: no drag */
	/* C: the console pane (console.c), the selected run's console output */
	bool console;
	bool con_follow;        /* at the tail: new lines scroll in (less +F) */
	bool con_time;          /* x in the pane: each line's time */
	size_t con_top;         /* the number of the first line shown */
	size_t con_hit;         /* the line of the current match, SIZE_MAX none */
	const struct run *con_run;      /* the run scrolled for: another one starts at its tail */
	int con_rows;           /* lines on screen */
	char con_find[256];     /* / in the pane, sanitised; "" none */
};

void view_init(struct view *v, const struct store *st, const struct diag *diag, const struct options *o,
	       bool utf8, bool braille, int ncolors);
void view_free(struct view *v);
/* Run colours from palette pal (enum chart_pal) at a terminal's depth:
 * sets ncolors (0 for mono, or a terminal without colours). */
void view_palette(struct view *v, int pal, enum chart_depth depth);
/* Bring the model up to the store; true when the frame changes. */
bool view_sync(struct view *v);
/* Decide the next frame's layout for a W x H screen. */
void view_layout(struct view *v, int W, int H);
/* A key, with what it asks of the caller. */
int view_key(struct view *v, int key) TB_MUST;
/* What the terminal's mouse did, at a cell (x, y) of the screen. */
enum view_mouse_kind { VM_PRESS, VM_RELEASE, VM_DRAG, VM_DOUBLE, VM_WHEEL_UP, VM_WHEEL_DOWN };
struct painter;
/* A mouse event, hit-tested against the layout view_layout last decided
 * (p, when given, has the charts' plot areas as last drawn); runs the
 * actions keys run. Returns the view_effect. */
int view_mouse(struct view *v, const struct painter *p, int kind, int x, int y) TB_MUST;
/* "ROWSxCOLS" (2x3; "0", "" or "auto": automatic) into rows and cols;
 * false when it is not one. Each is 0 (automatic) to GRID_MAX. */
#define GRID_MAX 12
bool view_grid_parse(const char *text, int *rows, int *cols);
/* When the next live marker goes out (a run's last write turns
 * LIVE_SECS old), -1 when no run is live. */
double view_next_expiry(const struct view *v, double now);

/* ---- the frame ------------------------------------------------------------ */

/* What a frame shows besides the view: loading, the live state, errors. */
struct view_status {
	struct loader_progress load;
	double loaded_at;       /* when the first load ended, 0 before */
	const char *live;       /* "inotify", "polling 2s (nfs)", ... */
	const char *logdir;     /* the first logdir (name or path) */
	size_t nlogdirs;
	bool scanned;           /* the logdirs were looked at */
	const char *missing;    /* a logdir that does not exist, NULL when all do */
	double now;             /* tb_now() */
	double wall_now;        /* Unix time, for runs' ages */
};

/* A chart as last rendered, and the key of what it was rendered from: a
 * frame re-renders only the charts whose series or view changed. */
struct chart_memo {
	uint64_t key;
	struct canvas cv;
	struct chart_info info;
};

/* What drawing keeps between frames: the derived series data, the charts. */
struct painter {
	struct chart_caches caches;
	struct chart_memo *memo;        /* per tag */
	size_t nmemo;
	struct chart_info sel_info;     /* the selected chart's, this frame */
	struct band_cache *bands;       /* groups' statistics and this frame's groups (bands.c) */
	struct sys_cache *sys;          /* the system pane's per-core bands and legend names (system.c) */
	/* seconds a frame may spend bringing charts up to date (0: all of
	 * them, every frame); the screen's loop draws again while some of
	 * this frame's series (pending of nprep) were left as they were */
	double budget, deadline;        /* deadline: this frame's, 0 when none */
	size_t pending, nprep;
	bool worked;                    /* a group was computed this frame: the next may wait */
	bool counting;                  /* the grid is being drawn: groups count into pending, nprep */
	size_t skipped;                 /* lines the last gather left out until computed */
	int64_t *ckpt;                  /* the last gather's checkpoint steps, series after series */
	size_t nckpt, ckptcap;
};

void painter_init(struct painter *p);
void painter_free(struct painter *p);
/* Draw the frame view_layout decided into cv (resized to it). *cur_x,
 * *cur_y: where the terminal cursor goes (typing a filter), -1 when hidden. */
int view_render(struct painter *p, const struct view *v, const struct view_status *s, struct canvas *cv,
		int *cur_x, int *cur_y) TB_MUST;

/* ---- the charts, for drawings other than the frame ------------------------ */

/* The tag of the selected chart, SIZE_MAX when none is (a group title). */
size_t view_selected_tag(const struct view *v);
/* The tag named name exactly (raw bytes), SIZE_MAX when there is none. */
size_t view_find_tag(const struct view *v, const char *name);
/* The series chart tag draws, as the frame gathers them (names, colours,
 * groups and bands, the page's runs), their caches in p; the count. */
size_t view_chart_series(struct painter *p, const struct view *v, size_t tag, struct chart_series *out,
			 size_t cap);
/* The chart view the frame draws tag's chart with. */
struct chart_view view_chart_view(const struct view *v);

/* ---- the key table, for help and docs --------------------------------------- */

struct view_binding {
	int keys[10];           /* 0-terminated */
	const char *names;      /* as shown in the help */
	const char *what;
	int action;
	const char *hint;       /* on the hint line, when it has a rank */
	int hint_rank, paged_rank;      /* order on the normal / many-runs hint line; 0: not there */
};

/* The table '?' shows; returns the count. */
size_t view_bindings(const struct view_binding **out);
/* The key table as the README's markdown table ("md") or the man page's
 * KEYS section ("man"), into a malloc'd string; NULL for another format. */
char *view_keys_doc(const char *format);

#endif
