/* console.c: the console pane (C): the selected run's console output in
 * place of the chart grid, as the store keeps it (a bounded log a run).
 * Like less +F: at the bottom it follows the tail; scrolled up, it stays.
 * The log's bytes are the program's own terminal text: escape sequences
 * (colours, titles, clears) are dropped, tabs expanded, and what is left
 * goes through the sanitiser, so nothing but text reaches the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define KEY_ESC 27

/* The length of the escape sequence at p[0] == ESC (CSI, OSC and string
 * sequences to their end, others two bytes), at most n. */
static size_t esc_len(const char *p, size_t n)
{
	if (n < 2)
		return n;
	size_t i = 2;
	if (p[1] == '[') {      /* CSI: parameters, then a final byte */
		while (i < n && !((unsigned char)p[i] >= 0x40 && (unsigned char)p[i] <= 0x7e))
			i++;
		return i < n ? i + 1 : n;
	}
	if (p[1] == ']' || p[1] == 'P' || p[1] == '_' || p[1] == '^' || p[1] == 'X') {
		/* OSC, DCS...: to BEL or ESC backslash */
		while (i < n && p[i] != '\a' && !(p[i] == 27 && i + 1 < n && p[i + 1] == '\\'))
			i++;
		return i >= n ? n : p[i] == '\a' ? i + 1 : i + 2;
	}
	return 2;
}

void console_text(const char *raw, size_t len, bool ascii, char *out, size_t cap)
{
	char plain[RUNLOG_LINE_MAX * 2];
	size_t o = 0;
	for (size_t i = 0; i < len && o + 8 < sizeof plain;) {
		if (raw[i] == 27) {
			i += esc_len(raw + i, len - i);
		} else if (raw[i] == '\t') {
			do
				plain[o++] = ' ';
			while (o % 8 && o + 1 < sizeof plain);
			i++;
		} else {
			plain[o++] = raw[i++];
		}
	}
	sanitize_str(plain, o, out, cap, ascii);
}

static const struct run *sel_run(const struct view *v)
{
	return v->run_sel < v->nruns ? v->runs[v->run_sel].run : NULL;
}

static size_t log_end(const struct run_log *g)
{
	return g ? g->first + g->n : 0;
}

/* The first line a full screen from the tail shows. */
static size_t tail_top(const struct view *v, const struct run_log *g)
{
	size_t end = log_end(g), rows = v->con_rows > 0 ? (size_t)v->con_rows : 1;
	size_t first = g ? g->first : 0;
	return end - first > rows ? end - rows : first;
}

void console_layout(struct view *v, int gh)
{
	const struct run *r = sel_run(v);
	v->con_rows = gh > 2 ? gh - 1 : 1;
	if (r != v->con_run) {  /* another run: its tail */
		v->con_run = r;
		v->con_follow = true;
		v->con_hit = SIZE_MAX;
	}
	const struct run_log *g = r ? r->log : NULL;
	size_t top = tail_top(v, g);
	if (v->con_follow || v->con_top > top)
		v->con_top = top;
	if (g && v->con_top < g->first)
		v->con_top = g->first;
	if (v->con_top == top)
		v->con_follow = true;   /* back at the bottom: follow again, like less +F */
}

/* Does line i hold the search text? The display text is searched, so a
 * match is what the user sees. */
static bool line_matches(const struct view *v, const struct run_log *g, size_t i)
{
	char buf[RUNLOG_LINE_MAX * 4];
	const struct log_line *l = runlog_at(g, i);
	if (!l || !v->con_find[0])
		return false;
	console_text(l->text, l->len, !v->utf8, buf, sizeof buf);
	return strcasestr(buf, v->con_find) != NULL;
}

/* The next (d > 0) or previous match from line from, exclusive. */
static void find_step(struct view *v, size_t from, int d)
{
	const struct run *r = sel_run(v);
	const struct run_log *g = r ? r->log : NULL;
	if (!g || !g->n || !v->con_find[0])
		return;
	size_t end = log_end(g);
	for (size_t k = 1; k <= g->n; k++) {
		/* wraps around, as less's search does not but vi's does */
		size_t i = d > 0 ? g->first + (from - g->first + k) % g->n
			: g->first + (from - g->first + g->n * 2 - k) % g->n;
		if (i < end && line_matches(v, g, i)) {
			v->con_hit = i;
			v->con_follow = false;
			size_t half = (size_t)(v->con_rows / 2);
			v->con_top = i > g->first + half ? i - half : g->first;
			return;
		}
	}
	snprintf(v->message, sizeof v->message, "not in this run's console: %.200s", v->con_find);
}

int console_find(struct view *v, const char *text)
{
	char clean[sizeof v->con_find];
	sanitize_str(text, strlen(text), clean, sizeof clean, !v->utf8);
	snprintf(v->con_find, sizeof v->con_find, "%s", clean);
	v->con_hit = SIZE_MAX;
	const struct run *r = sel_run(v);
	const struct run_log *g = r ? r->log : NULL;
	if (clean[0] && g && g->n)     /* forward from the top line shown, itself included */
		find_step(v, v->con_top > g->first ? v->con_top - 1 : g->first + g->n - 1, 1);
	return TB_OK;
}

static void scroll(struct view *v, long d)
{
	const struct run *r = sel_run(v);
	const struct run_log *g = r ? r->log : NULL;
	size_t first = g ? g->first : 0, top = tail_top(v, g);
	long t = (long)v->con_top + d;
	v->con_top = t < (long)first ? first : (size_t)t > top ? top : (size_t)t;
	v->con_follow = v->con_top == top;
}

/* Keys the pane takes while it is shown; false: the key is not its. */
bool console_action(struct view *v, int a, int key)
{
	if (a == ACT_CONSOLE || (v->console && a == ACT_ESC)) {
		v->console = a == ACT_CONSOLE ? !v->console : false;
		v->con_follow = true;
		v->con_run = NULL;
		v->con_hit = SIZE_MAX;
		if (v->console) {
			v->table = false;
			if (v->system)
				system_toggle(v);
			v->focus = FOCUS_CHARTS;
		}
		return true;
	}
	if (!v->console)
		return false;
	long page = v->con_rows > 1 ? v->con_rows - 1 : 1;
	bool pane = v->focus == FOCUS_CHARTS;
	switch (a) {
	case ACT_DOWN: case ACT_UP:
		if (!pane)
			return false;
		scroll(v, a == ACT_DOWN ? 1 : -1);
		return true;
	case ACT_PAGE:
		if (!pane)
			return false;
		scroll(v, key == VK_PGDN ? page : -page);
		return true;
	case ACT_END:
		if (!pane)
			return false;
		scroll(v, key == 'G' || key == VK_END ? (long)RUNLOG_LINES * 4 : -(long)RUNLOG_LINES * 4);
		return true;
	case ACT_FILTER_RUNS:
		v->prompt = 'L';
		v->ilen = 0;
		v->input[0] = 0;
		return true;
	case ACT_NEXT: case ACT_PREV:
		if (!v->con_find[0]) {
			snprintf(v->message, sizeof v->message, "/ first: search this run's console");
			return true;
		}
		find_step(v, v->con_hit != SIZE_MAX ? v->con_hit : v->con_top, a == ACT_NEXT ? 1 : -1);
		return true;
	case ACT_XMODE:
		v->con_time = !v->con_time;
		return true;
	case ACT_SYSTEM: case ACT_TABLE:
		v->console = false;     /* the other pane instead */
		return false;
	case ACT_LEFT: case ACT_RIGHT: case ACT_ENTER: case ACT_ZOOM_IN: case ACT_ZOOM_OUT:
	case ACT_PAN_LEFT: case ACT_PAN_RIGHT: case ACT_LOGY: case ACT_OUTLIERS:
		return true;    /* chart keys: nothing to do on text */
	default:
		return false;
	}
}

/* ---- drawing ---------------------------------------------------------------- */

/* text at x, its matches of the search reversed; the cells used. */
static int print_marked(const struct view *v, struct canvas *cv, int x, int y, int w, const char *text, bool hit)
{
	size_t flen = strlen(v->con_find);
	int used = 0;
	const char *p = text;
	char piece[RUNLOG_LINE_MAX * 4];
	while (*p && used < w) {
		const char *m = flen ? strcasestr(p, v->con_find) : NULL;
		size_t plain = m ? (size_t)(m - p) : strlen(p);
		memcpy(piece, p, plain);
		piece[plain] = 0;
		used += canvas_print(cv, x + used, y, w - used, piece, 0, 0);
		if (!m)
			break;
		memcpy(piece, m, flen);
		piece[flen] = 0;
		used += canvas_print(cv, x + used, y, w - used, piece, 0, hit ? CELL_REVERSE | CELL_BOLD : CELL_REVERSE);
		p = m + flen;
	}
	return used;
}

/* Where the current match's line is drawn from: its start, or, when the
 * match lies past the pane's width, a character that puts the match
 * about a third in. */
static const char *shift_to_match(const struct view *v, const char *text, int w)
{
	const char *m = v->con_find[0] ? strcasestr(text, v->con_find) : NULL;
	char one[8];
	if (!m)
		return text;
	size_t before = (size_t)(m - text);
	char *pre = xstrndup(text, before);
	int cells = sanitize_width(pre) + sanitize_width(v->con_find);
	free(pre);
	const char *p = text;
	while (p < m && cells > w - w / 3) {
		size_t n = 1;
		while (p + n < m && ((unsigned char)p[n] & 0xc0) == 0x80)
			n++;
		memcpy(one, p, TB_MIN(n, sizeof one - 1));
		one[TB_MIN(n, sizeof one - 1)] = 0;
		cells -= sanitize_width(one);
		p += n;
	}
	return p;
}

static void draw_line(const struct view *v, struct canvas *cv, const struct log_line *l, size_t i, int x, int y, int w)
{
	char text[RUNLOG_LINE_MAX * 4];
	int o = 0;
	/* stderr: a mark in the gutter (the log's colours are gone) */
	canvas_print(cv, x, y, 1, l->err ? "!" : " ", 0, CELL_BOLD);
	o += 2;
	if (v->con_time) {
		char t[16] = "";
		time_t sec = (time_t)l->wall;
		struct tm tm;
		if (l->wall > 0 && localtime_r(&sec, &tm))
			strftime(t, sizeof t, "%H:%M:%S", &tm);
		canvas_print(cv, x + o, y, w - o, t, 0, CELL_DIM);
		o += 9;
	}
	if (o >= w)
		return;
	console_text(l->text, l->len, !v->utf8, text, sizeof text);
	const char *from = i == v->con_hit ? shift_to_match(v, text, w - o) : text;
	if (from != text)
		o += canvas_print(cv, x + o, y, w - o, v->utf8 ? "\xe2\x80\xa6" : "~", 0, CELL_DIM);
	print_marked(v, cv, x + o, y, w - o, from, i == v->con_hit);
}

static void header(const struct view *v, const struct run *r, struct canvas *cv, int x, int y, int w)
{
	const struct run_log *g = r->log;
	const struct view_run *vr = &v->runs[v->run_sel];
	char buf[700], pos[200] = "", name[400];
	size_t end = log_end(g), shown = g ? TB_MIN((size_t)v->con_rows, g->n) : 0;
	if (g && g->n)
		snprintf(pos, sizeof pos, " | %zu-%zu of %zu%s%s", v->con_top + 1, v->con_top + shown, end,
			 v->con_follow ? ", following" : "", g->origin == SINK_LOG_RECORDS ? "" : " (output.log)");
	if (g && g->first)
		snprintf(pos + strlen(pos), sizeof pos - strlen(pos), ", %zu older dropped", g->first);
	/* the run's name gives way first: the position says where one is */
	text_ellipsize(vr->disp ? vr->disp + vr->strip : "?", TB_MAX(8, w - 9 - sanitize_width(pos)), v->utf8,
		       name, sizeof name);
	snprintf(buf, sizeof buf, "Console %s%s", name, pos);
	canvas_print(cv, x, y, w, buf, 0, CELL_BOLD | (v->focus == FOCUS_CHARTS ? CELL_UNDERLINE : 0));
}

void console_draw(const struct view *v, struct canvas *cv, int x, int y, int w, int h)
{
	const struct run *r = sel_run(v);
	if (!r) {
		canvas_print(cv, x + 2, y + h / 2, w - 2, "no run selected", 0, CELL_DIM);
		return;
	}
	header(v, r, cv, x, y, w);
	const struct run_log *g = r->log;
	if (!g || !g->n) {
		canvas_print(cv, x + 2, y + h / 2, w - 2, "no console output for this run "
			     "(W&B runs: output records, output.log)", 0, CELL_DIM);
		return;
	}
	for (int row = 0; row < v->con_rows && row + 1 < h; row++) {
		const struct log_line *l = runlog_at(g, v->con_top + (size_t)row);
		if (!l)
			break;
		draw_line(v, cv, l, v->con_top + (size_t)row, x, y + 1 + row, w);
	}
}
