/* keys.c: the one key table. view_key dispatches on it, '?' lists it, the
 * hint line is made from it, and --help-keys prints it as the README's
 * table and the man page's KEYS section, so none of them can drift. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

#define KEY_ESC 27
#define CTRL(c) ((c) & 0x1f)
#define TB_STR_(x) #x
#define TB_STR(x) TB_STR_(x)

static const struct view_binding bindings[] = {
	{ { '?' }, "?", "this help (j/k, PgDn/PgUp scroll it)", ACT_HELP, "? help", 1, 1 },
	{ { 'q', CTRL('c') }, "q Ctrl-C", "quit", ACT_QUIT, "q quit", 2, 2 },
	{ { 'j', VK_DOWN }, "j Down", "next run (run list) or chart (grid)", ACT_DOWN, "j/k move", 4, 0 },
	{ { 'k', VK_UP }, "k Up", "previous run or chart", ACT_UP, NULL, 0, 0 },
	{ { VK_PGDN, VK_PGUP }, "PgDn PgUp", "a page of the run list, or of the grid's charts", ACT_PAGE,
	  "PgDn/PgUp page", 0, 3 },
	{ { 'g', 'G', VK_HOME, VK_END }, "g G", "first / last run or chart", ACT_END, NULL, 0, 0 },
	{ { ' ' }, "Space", "show/hide the selected run; on a group title, fold it", ACT_SPACE, "Space hide", 5, 0 },
	{ { 's' }, "s", "solo: show only the selected run", ACT_SOLO, NULL, 0, 0 },
	{ { 'a' }, "a", "show all runs", ACT_ALL, NULL, 0, 0 },
	{ { '1', '2', '3', '4', '5', '6', '7', '8', '9' }, "1-9", "select run 1 to 9", ACT_DIGIT, NULL, 0, 0 },
	{ { '\t' }, "Tab", "move focus between the run list and the charts", ACT_TAB, "Tab focus", 3, 0 },
	{ { '/' }, "/", "filter runs by regex (empty clears)", ACT_FILTER_RUNS, "/ runs", 6, 4 },
	{ { 't' }, "t", "filter tags by regex, case-insensitive (empty clears)", ACT_FILTER_TAGS, "t tags", 7, 0 },
	{ { 'd' }, "d", "data table: every shown run's value at the cursor (step, smoothed, time, min/max/mean so far), "
	  "or over the range from the mark to the cursor", ACT_DATA, NULL, 0, 0 },
	{ { 'v' }, "v", "mark the cursor's x as one end of a range for the data table (again: clear it)", ACT_MARK, NULL, 0, 0 },
	{ { 'R' }, "R", "runs table: a row a run, the hyperparameters that differ, last and best of the selected chart's "
	  "tag (R again, Enter or Esc: back)", ACT_TABLE, "R table", 9, 6 },
	{ { 'S' }, "S", "runs table: sort by the highlighted column (h/l move it; again: reverse)", ACT_SORT, NULL, 0, 0 },
	{ { 'p' }, "p", "pin the selected chart's tag to the runs table (four at most; again: unpin)", ACT_PIN, NULL, 0, 0 },
	{ { 'H' }, "H", "name runs by the hyperparameters that differ (lr=3e-05 bs=16 adam) in the list, legends and "
	  "readouts (again: by path)", ACT_HP_NAMES, NULL, 0, 0 },
	{ { 'F' }, "F", "filter runs by expression: lr<=1e-4 and not state=stale, name~bert, has:eval/f1 (empty clears)",
	  ACT_FILTER_EXPR, NULL, 0, 0 },
	{ { 'c' }, "c", "group runs: by a hyperparameter (lr), all that differ but one (-seed), or a regex's first "
	  "capture on the name (~lr([0-9.e-]+)_); each group a mean line and band (empty: runs again)",
	  ACT_GROUP, NULL, 0, 0 },
	{ { 'B' }, "B", "a group's band: min-max, +-1 standard deviation, none", ACT_BAND, NULL, 0, 0 },
	{ { 'n' }, "n", "next match of the last filter", ACT_NEXT, NULL, 0, 0 },
	{ { 'N' }, "N", "previous match", ACT_PREV, NULL, 0, 0 },
	{ { 'T' }, "T", "top " TB_STR(TOP_N) " runs by best value of the selected chart's tag (again: all runs)",
	  ACT_TOP, "T top runs", 0, 5 },
	{ { 'r' }, "r", "reload: re-read every file that changed", ACT_RELOAD, NULL, 0, 0 },
	{ { ']', '[' }, "] [", "smoothing +0.05 / -0.05", ACT_SMOOTH, "[ ] smoothing", 8, 0 },
	{ { '}', '{' }, "} {", "smoothing +0.01 / -0.01", ACT_SMOOTH_FINE, NULL, 0, 0 },
	{ { 'm' }, "m", "smoothing method: TensorBoard's EMA, W&B's time-weighted EMA, running average, Gaussian "
	  "(the slider: weight, weight, points each side, standard deviation in points)", ACT_SMOOTH_METHOD, NULL, 0, 0 },
	{ { 'b' }, "b", "best-step markers on/off", ACT_BEST, NULL, 0, 0 },
	{ { 'h', VK_LEFT }, "h Left", "cursor to the previous point: every chart's runs read out at that x", ACT_LEFT,
	  "h/l cursor", 9, 0 },
	{ { 'l', VK_RIGHT }, "l Right", "cursor to the next point", ACT_RIGHT, NULL, 0, 0 },
	{ { 'M' }, "M", "system pane: the machine's metrics (W&B's system stats, system/ and sys/ tags), which the "
	  "training grid leaves out; a chart a metric, a line a GPU (more than 16 devices, a CPU's cores: their "
	  "min-max band and mean), on time, without best markers (M again or Esc: back)", ACT_SYSTEM, "M system", 11, 0 },
	{ { 'x' }, "x", "x axis: step, relative time, wall clock (local time)", ACT_XMODE, "x axis", 10, 0 },
	{ { 'L' }, "L", "y axis linear/log", ACT_LOGY, NULL, 0, 0 },
	{ { 'o' }, "o", "ignore outliers (5th-95th percentile y range)", ACT_OUTLIERS, NULL, 0, 0 },
	{ { '+', '=' }, "+", "zoom in along x (around the cursor)", ACT_ZOOM_IN, NULL, 0, 0 },
	{ { '-' }, "-", "zoom out", ACT_ZOOM_OUT, NULL, 0, 0 },
	{ { '<', ',' }, "<", "pan left", ACT_PAN_LEFT, NULL, 0, 0 },
	{ { '>', '.' }, ">", "pan right", ACT_PAN_RIGHT, NULL, 0, 0 },
	{ { '0' }, "0", "reset zoom and cursor", ACT_RESET, NULL, 0, 0 },
	{ { '\n', '\r', VK_ENTER }, "Enter", "maximise the selected chart (fold a group)", ACT_ENTER, NULL, 0, 0 },
	{ { KEY_ESC }, "Esc", "back to the grid: restore a maximised chart, hide the cursor", ACT_ESC, NULL, 0, 0 },
	{ { '|' }, "|", "hide/show the run list (hidden on terminals under 80 columns until asked for)",
	  ACT_RUNLIST, NULL, 0, 0 },
	{ { '(', ')' }, "( )", "narrow / widen the run list", ACT_LIST_WIDTH, NULL, 0, 0 },
	{ { 'e' }, "e", "error list", ACT_ERRORS, NULL, 0, 0 },
	{ { 'A' }, "A", "health alerts, newest first: time, kind, run, tag, step, value and what fired (NaN, spike, "
	  "plateau, divergence, stall, finish); opening it marks them seen", ACT_ALERTS, NULL, 0, 0 },
	{ { 'P' }, "P", "picture: write the selected chart to tailboard-TAG-TIME.png in the current directory "
	  "(the temporary directory when that is inside a logdir), as the snapshot command draws it", ACT_SNAPSHOT,
	  NULL, 0, 0 },
	{ { 'i' }, "i", "run overview: the selected run's config or hyperparameters, summary (final values), "
	  "environment (host, GPU, Python, git commit, command), HF best metric and checkpoint, its checkpoints and "
	  "how far each best is from one; j/k scroll, h/l the previous or next run, / filters the rows by key or "
	  "section (a case-insensitive regex, or text; empty clears), i or Esc back", ACT_RUNINFO, "i overview", 12, 0 },
	{ { 'Y' }, "Y", "palette: default, okabe-ito (colour-blind safe), high-contrast, mono (no colour: a glyph "
	  "a run); the status line names it, P's pictures follow it", ACT_PALETTE, NULL, 0, 0 },
	{ { '#' }, "#", "grid shape: ROWSxCOLS charts a page (2x3; 0 or empty: automatic), kept until changed; "
	  "the rest on further pages", ACT_GRID, NULL, 0, 0 },
	{ { 'w', 'W' }, "w W", "grid: a column more / fewer", ACT_GRID_COLS, NULL, 0, 0 },
	{ { 'z', 'Z' }, "z Z", "grid: a row more / fewer", ACT_GRID_ROWS, NULL, 0, 0 },
	{ { '*' }, "*", "pin the selected run: listed first (marked *), drawn over the others, first in legends "
	  "and readouts (again: unpin; p pins a tag)", ACT_PIN_RUN, NULL, 0, 0 },
	{ { 'C' }, "C", "console pane: the selected run's console output (W&B's output records, else output.log; "
	  "! marks stderr); in it j/k, PgDn/PgUp scroll, g/G top/bottom (at the bottom it follows new lines), "
	  "/ searches, n/N next/previous match, x each line's time, Tab the run list (j/k there pick the run; "
	  "C again or Esc: back)", ACT_CONSOLE, "C console", 12, 0 },
};

size_t view_bindings(const struct view_binding **out)
{
	*out = bindings;
	return TB_ARRAY_LEN(bindings);
}

void keys_prompt(struct view *v, int key)
{
	if (key == KEY_ESC) {
		v->prompt = 0;
	} else if (key == '\n' || key == '\r' || key == VK_ENTER) {
		int which = v->prompt;
		v->input[v->ilen] = 0;
		if ((which == 'c' ? bands_set(v, v->input) : which == '#' ? grid_set_text(v, v->input)
		     : which == 'L' ? console_find(v, v->input) : model_set_filter(v, which, v->input)) == TB_OK) {
			if (which != '#' && which != 'L')       /* the pane's search is its own n/N */
				v->last_search = which;
			v->prompt = 0;
		}
	} else if (key == VK_BACKSPACE || key == 127 || key == 8) {
		if (v->ilen)
			v->ilen--;
		while (v->ilen && ((unsigned char)v->input[v->ilen] & 0xc0) == 0x80)
			v->ilen--;  /* whole UTF-8 characters */
	} else if (key >= 0x20 && key < 0x100 && v->ilen + 1 < sizeof v->input) {
		v->input[v->ilen++] = (char)key;
	}
	v->input[v->ilen] = 0;
}

int view_key(struct view *v, int key)
{
	v->message[0] = 0;
	if (v->overlay) {
		actions_overlay(v, key);
		return VIEW_NONE;
	}
	if (v->prompt) {
		keys_prompt(v, key);
		return VIEW_NONE;
	}
	/* keys read in one batch: each acts on the model the one before left
	 * (M then G: the pane's last chart, not the grid's) */
	view_sync(v);
	for (size_t i = 0; i < TB_ARRAY_LEN(bindings); i++)
		for (const int *k = bindings[i].keys; *k; k++)
			if (*k == key)
				return actions_do(v, bindings[i].action, key);
	return VIEW_NONE;
}

void keys_hints(const struct view *v, char *buf, size_t cap)
{
	if (v->overlay == OVERLAY_RUN) {
		snprintf(buf, cap, "j/k PgDn/PgUp g/G scroll  h/l run  / filter keys  i/Esc back");
		return;
	}
	if (v->table) {
		snprintf(buf, cap, "? help  q quit  j/k run  h/l column  S sort  Space hide  s solo  F filter  R charts");
		return;
	}
	if (v->console) {
		snprintf(buf, cap, "? help  j/k scroll  G end  / find  n/N match  x time  Tab runs  C back  q quit");
		return;
	}
	size_t n = (size_t)snprintf(buf, cap, "%s", v->charts_paged ? "many runs: charts show the runs on the list's page" : "");
	for (int rank = 1; rank < 16; rank++)
		for (size_t i = 0; i < TB_ARRAY_LEN(bindings) && n < cap; i++) {
			int r = v->charts_paged ? bindings[i].paged_rank : bindings[i].hint_rank;
			if (r == rank)
				n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? "  " : "", bindings[i].hint);
		}
}

/* ---- docs --------------------------------------------------------------------- */

struct text {
	char *p;
	size_t n, cap;
};

static void put(struct text *t, const char *s)
{
	size_t len = strlen(s);
	xgrow((void **)&t->p, &t->cap, t->n + len + 1, 1);
	memcpy(t->p + t->n, s, len + 1);
	t->n += len;
}

/* s with each of the characters in from written as the string to[i]. */
static void put_escaped(struct text *t, const char *s, char from, const char *to)
{
	for (; *s; s++) {
		char c[2] = { *s, 0 };
		put(t, *s == from ? to : c);
	}
}

static void doc_md(struct text *t)
{
	put(t, "| Key | Action |\n|---|---|\n");
	for (size_t i = 0; i < TB_ARRAY_LEN(bindings); i++) {
		put(t, "|");
		/* each key name in backticks, a bar escaped so the table holds */
		const char *p = bindings[i].names;
		while (*p) {
			size_t len = strcspn(p, " ");
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)len, p);
			put(t, " `");
			put_escaped(t, name, '|', "\\|");
			put(t, "`");
			p += len + (p[len] == ' ');
		}
		put(t, " | ");
		put_escaped(t, bindings[i].what, '|', "\\|");
		put(t, " |\n");
	}
}

static void doc_man(struct text *t)
{
	put(t, ".SH KEYS\nThe same bindings the screen shows on \\fB?\\fR (from one key table).\n");
	for (size_t i = 0; i < TB_ARRAY_LEN(bindings); i++) {
		put(t, ".TP\n.B ");
		put_escaped(t, bindings[i].names, '-', "\\-");
		put(t, "\n");
		put_escaped(t, bindings[i].what, '-', "\\-");
		put(t, "\n");
	}
}

char *view_keys_doc(const char *format)
{
	struct text t = { NULL, 0, 0 };
	if (strcmp(format, "md") == 0)
		doc_md(&t);
	else if (strcmp(format, "man") == 0)
		doc_man(&t);
	return t.p;
}
