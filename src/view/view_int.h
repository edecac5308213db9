/* view_int.h: what the files of src/view share. */
#ifndef TAILBOARD_VIEW_INT_H
#define TAILBOARD_VIEW_INT_H

#include "tailboard/view.h"

/* model.c */
void model_free(struct view *v);
void model_rebuild(struct view *v);
/* names.c: a run's name as shown (sanitised, the caller's to free), and
 * every run's, made unique (H: by the hyperparameters that differ). */
char *model_run_disp(const struct view *v, const struct run *r);
void model_names(struct view *v);
/* The grid's items again, for the run page the charts now follow. */
void model_items(struct view *v);
int model_set_filter(struct view *v, int which, const char *text) TB_MUST;
/* Drawn in the charts: not hidden, listed, on the page when paged. */
bool model_run_shown(const struct view *v, size_t i);
/* In the run list: passes the / filter and the top-N cut. */
bool model_run_listed(const struct view *v, size_t i);
size_t model_listed_count(const struct view *v);
void model_toggle_group(struct view *v, size_t g);
const struct view_item *model_sel_item(const struct view *v);
char *model_sel_name(const struct view *v);  /* the chosen item's name (xstrdup), NULL: none chosen */
int natural_cmp(const char *a, size_t an, const char *b, size_t bn);

/* runs.c */
/* T: rank runs by the best value of the selected chart's tag, keep TOP_N. */
void runs_rank(struct view *v);
/* The run list's visible page of rows rows around the selection: sets
 * list_first, page_lo and page_hi. */
void runs_page(struct view *v, size_t rows);
/* A run's state in one cell: live, stale, finished or blank. */
const char *runs_state(const struct view *v, const struct view_run *r, const struct view_status *s);
/* How long ago a run last wrote: "12s", "3m", "2h", "5d", "-". */
void runs_age(const struct view_run *r, const struct view_status *s, char *buf, size_t cap);

/* keys.c */
/* Typing a regex at the / or t prompt. */
void keys_prompt(struct view *v, int key);
/* The hint line from the key table (the many-runs one when paged). */
void keys_hints(const struct view *v, char *buf, size_t cap);

/* actions.c */
enum view_action {
	ACT_NONE, ACT_DOWN, ACT_UP, ACT_PAGE, ACT_END, ACT_SPACE, ACT_SOLO, ACT_ALL, ACT_DIGIT, ACT_TAB,
	ACT_FILTER_RUNS, ACT_FILTER_TAGS, ACT_FILTER_EXPR, ACT_NEXT, ACT_PREV, ACT_TOP, ACT_RELOAD, ACT_SMOOTH, ACT_SMOOTH_FINE,
	ACT_BEST, ACT_LEFT, ACT_RIGHT, ACT_XMODE, ACT_LOGY, ACT_OUTLIERS, ACT_ZOOM_IN, ACT_ZOOM_OUT,
	ACT_PAN_LEFT, ACT_PAN_RIGHT, ACT_RESET, ACT_ENTER, ACT_ESC, ACT_RUNLIST, ACT_ERRORS, ACT_RUNINFO,
	ACT_HELP, ACT_QUIT, ACT_LIST_WIDTH, ACT_TABLE, ACT_PIN, ACT_SORT, ACT_SMOOTH_METHOD, ACT_DATA, ACT_MARK, ACT_HP_NAMES,
	ACT_ALERTS, ACT_GROUP, ACT_BAND, ACT_SNAPSHOT, ACT_SYSTEM, ACT_PALETTE,
	ACT_GRID, ACT_GRID_COLS, ACT_GRID_ROWS, ACT_PIN_RUN, ACT_CONSOLE, ACT_COUNT
};
/* Do action a for key; returns the view_effect. */
int actions_do(struct view *v, int a, int key);
/* The x window to lo..hi (fractions of the full extent), kept inside it. */
void actions_zoom_to(struct view *v, double lo, double hi);
/* Keys inside an overlay: scrolling, or closing it. */
void actions_overlay(struct view *v, int key);

/* table.c, table_draw.c: the runs table */
#define TABLE_HEAD_ROWS 4       /* title, shared values, tag names, column names; then a row a run */
void table_free(struct view *v);
/* Columns, widths and order from the model and the table's settings. */
void table_build(struct view *v);
/* A cell's text (sanitised; state and age only with a status) and its
 * number for sorting (NaN when it is text or blank). */
void table_cell(const struct view *v, struct table_col *c, size_t run, const struct view_status *s,
		char *buf, size_t cap, double *num);
/* R, p, and the keys the table takes over while shown; false: not its. */
bool table_action(struct view *v, int a, int key);
/* Rows on screen and the scroll that keeps the selection and the
 * highlighted column in view. */
void table_layout(struct view *v, int H, int W);
void table_draw(const struct view *v, const struct view_status *s, struct canvas *cv, int h);

/* cursor.c */
/* h/l: the cursor to the walked series' previous (d < 0) or next point;
 * shown first on the point nearest the middle of the window. */
void cursor_move(struct view *v, int d);
/* The x mode changed from from: the cursor to the same point's new x. */
void cursor_remode(struct view *v, enum chart_xmode from);
/* The x extent of the selected chart's shown runs. */
bool cursor_extent(const struct view *v, double *lo, double *hi);

/* layout.c */
#define MIN_W 40
#define MIN_H 10
/* Where the grid goes (chart area), and the run list beside it. */
struct frame_geom {
	int list_w;             /* run list width, 0 when hidden */
	int gx, gy, gw, gh;     /* the grid */
};
void layout_geom(const struct view *v, struct frame_geom *g);
#define CHART_MIN_W 40          /* a chart is at least this wide ... */
#define CHART_MIN_H 8           /* ... and this tall, unless the screen is smaller */
#define GRID_READ_W 20          /* a grid the user shaped (#): charts at least this wide ... */
#define GRID_READ_H 6           /* ... and this tall: more than fit go to further pages */
/* One grid cell per item, in item order: where it sits on its page. */
struct grid_slot {
	int x, y, w, h;
	int page;
};
struct grid_row {
	size_t first, count;    /* its items */
	bool header;
	int y, h, page;
};
/* The grid's slots for v's items in a gw x gh area (slots holds one an
 * item); returns the number of pages. */
int layout_grid(const struct view *v, int gw, int gh, struct grid_slot *slots);
/* Is the run list on screen? */
bool layout_list_shown(const struct view *v);

/* text.c */
/* Shorten to w display cells by cutting the middle: "very_lo…g_name". */
void text_ellipsize(const char *s, int w, bool utf8, char *out, size_t cap);
/* 10,000 -> "10k": short counts for narrow columns. */
void text_count(size_t n, char *buf, size_t cap);
/* A ten-cell bar, fill cells of it full: slider and progress. */
void text_bar(int fill, bool utf8, char *out, size_t cap);
/* s (sanitised) cut at its end to w display cells, the last an ellipsis. */
void text_cut(const char *s, int w, bool utf8, char *out, size_t cap);

/* frame.c, overlay.c */
int frame_color(const struct view *v, const struct run *r);
uint32_t frame_glyph(const struct view *v, const struct run *r);
void overlay_draw(struct painter *p, const struct view *v, struct canvas *cv);
/* An overlay's lines, wrapped to the screen's width. */
struct lines {
	char **v;
	size_t n, cap;
	int w;                  /* cells a line may take */
};
void lines_add(struct lines *l, const char *s);
/* A sanitised text cut into lines of l->w cells at spaces; the lines after
 * the first indented by indent cells. */
void lines_add_wrapped(struct lines *l, const char *s, int indent);
void lines_free(struct lines *l);
/* datatable.c: d, every shown run's values at the cursor, or over the
 * range from the mark (v) to the cursor. p NULL: the lines, for counting. */
void datatable_lines(struct painter *p, const struct view *v, struct lines *l, char *title, size_t cap);
/* alerts.c: the health monitor on screen. A run's mark in one cell left of
 * its state: "!" NaN, stalled, warning, or blank (ok; finished shows as
 * the state). */
const char *alerts_mark(const struct view *v, const struct run *r);
size_t alerts_unseen(const struct view *v);
/* A: remember how many were new, and mark them seen. */
void alerts_open(struct view *v);
/* The alert list, newest first. */
void alerts_lines(const struct view *v, struct lines *l, char *title, size_t cap);
/* overview.c: i, the selected run's overview; its keys (true: used). */
void overview_lines(const struct view *v, struct lines *l, char *title, size_t cap);
bool overview_key(struct view *v, int key);
/* Lines the open overlay scrolls through. */
int overlay_lines(const struct view *v);
void info_draw(struct painter *p, const struct view *v, struct canvas *cv, int y, int *cur_x);
/* The most runs one chart draws: a chart of more shows the first ones. */
#define FRAME_SERIES_MAX 256
size_t frame_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		    struct chart_series *out, size_t cap);

/* grid.c: the grid's shape (#, w W z Z) and pinned runs (*). The #
 * prompt's Enter: TB_ERR with v->message when it is not a shape. */
int grid_set_text(struct view *v, const char *text) TB_MUST;
bool grid_action(struct view *v, int a, int key);
/* bands.c: runs drawn as groups. c's prompt and --group-by: a spec
 * (group.h), "" for runs again; TB_ERR with v->message when it is bad. */
int bands_set(struct view *v, const char *text) TB_MUST;
void bands_free_spec(struct view *v);
/* "none", "min-max", "sd": what B cycles through. */
const char *bands_name(int band);
/* This frame's groups of the shown runs, before any chart is gathered. */
void bands_assign(struct painter *p, const struct view *v);
/* What frame_gather gives while grouping: a line and band per group. */
size_t bands_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		    struct chart_series *out, size_t cap);
void bands_free(struct painter *p);

/* system.c: the system pane (M). Is tag a machine metric (system/, sys/)? */
bool system_tag(const char *tag, size_t len);
/* The pane's chart of a system tag ("gpu/temp") and its device ("3", or
 * ""); false when it is not one. */
bool system_chart_key(const char *tag, size_t len, char *key, size_t kcap, char *dev, size_t dcap);
/* The pane's charts as v's tags (each owning its key), sorted, at most
 * cap; keep says which the t filter lets through. */
void system_collect(struct view *v, size_t cap, bool (*keep)(const struct view *, const char *, size_t));
/* A run's first series of the pane's chart t, NULL when it has none. */
const struct series *system_series(const struct run *r, const struct view_tag *t);
/* M, and Esc in the pane: in or out, on time while in. */
void system_toggle(struct view *v);
/* A chart's lines: a line a device of every shown run, a band for many. */
size_t system_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		     struct chart_series *out, size_t cap);
void system_free(struct painter *p);

/* console.c: the console pane (C). A log line as shown: escape sequences
 * dropped, tabs expanded, sanitised. */
void console_text(const char *raw, size_t len, bool ascii, char *out, size_t cap);
/* Its rows for a grid gh tall, and the scroll (following the tail). */
void console_layout(struct view *v, int gh);
/* The pane's keys while shown, and C; false: not its. */
bool console_action(struct view *v, int a, int key);
/* The / prompt's text in the pane: search, jump to the first match. */
int console_find(struct view *v, const char *text) TB_MUST;
void console_draw(const struct view *v, struct canvas *cv, int x, int y, int w, int h);

#endif
