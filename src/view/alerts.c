/* alerts.c: the health monitor as the screen shows it: a mark per run in
 * the run list, the alert list overlay (A), newest first, and the count of
 * unseen alerts on the status line. The monitor (core) is fed by whoever
 * runs the engine; the view only reads it, and marks its alerts seen when
 * the list is opened. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tailboard/sanitize.h"
#include "view_int.h"

/* One cell beside the run's state. Finished needs none: the state shows
 * it. ASCII uses no run glyph (* + o x # % = ~), so marks and runs never
 * read alike without colour. */
const char *alerts_mark(const struct view *v, const struct run *r)
{
	if (!v->health)
		return " ";
	switch (health_mon_run_mark(v->health, r)) {
	case HEALTH_MARK_NAN: return "!";
	case HEALTH_MARK_STALLED: return v->utf8 ? "\xe2\x80\x96" : "Z";        /* ‖ paused */
	case HEALTH_MARK_WARNING: return v->utf8 ? "\xe2\x96\xb2" : "^";        /* ▲ */
	default: return " ";
	}
}

size_t alerts_unseen(const struct view *v)
{
	return v->health ? health_mon_unseen(v->health) : 0;
}

void alerts_open(struct view *v)
{
	v->alerts_new = alerts_unseen(v);
	if (v->health)
		health_mon_seen(v->health);
}

/* When it fired, on the local clock: HH:MM:SS today, MM-DD HH:MM before. */
static void fired_at(double at, double today, char *buf, size_t cap)
{
	time_t t = (time_t)at;
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, cap, "?");
		return;
	}
	strftime(buf, cap, at >= today ? "%H:%M:%S" : "%m-%d %H:%M", &tm);
}

/* Midnight today, local time: alerts before it show their date. */
static double local_midnight(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 0;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	return (double)mktime(&tm);
}

/* "12:03:04 nan     run-a0 train/loss step 120 = NaN: NaN at step 120 (first of 3)" */
static void alert_line(const struct view *v, const struct health_alert *a, double today, char *buf, size_t cap)
{
	char when[32], run[256], tag[256] = "", val[32], what[512];
	bool ascii = !v->utf8;
	fired_at(a->at, today, when, sizeof when);
	sanitize_str(a->run->name, a->run->name_len, run, sizeof run, ascii);
	if (a->series)
		sanitize_str(a->series->tag, a->series->tag_len, tag, sizeof tag, ascii);
	health_event_text(&a->ev, NULL, 0, NULL, 0, ascii, what, sizeof what);
	if (a->ev.kind == HEALTH_FINISHED && a->run->finished) {
		char how[128];
		sanitize_str(a->run->finished, strlen(a->run->finished), how, sizeof how, ascii);
		snprintf(what + strlen(what), sizeof what - strlen(what), " (%s)", how);
	}
	if (a->series) {
		label_value(a->ev.value, val, sizeof val);
		snprintf(buf, cap, "%s %-8s %s %s step %lld = %s: %s", when, health_kind_name(a->ev.kind), run, tag,
			 (long long)a->ev.step, val, what);
	} else {
		snprintf(buf, cap, "%s %-8s %s step %lld: %s", when, health_kind_name(a->ev.kind), run,
			 (long long)a->ev.step, what);
	}
}

void alerts_lines(const struct view *v, struct lines *l, char *title, size_t cap)
{
	size_t n = v->health ? health_mon_count(v->health) : 0;
	snprintf(title, cap, "Alerts: %zu, %zu new, newest first (j/k scroll, any other key closes)", n,
		 TB_MIN(v->alerts_new, n));
	if (!v->health) {
		lines_add(l, "no health monitor");
		return;
	}
	if (!n) {
		lines_add(l, "none: no NaN, spike, plateau, divergence, stall or finish so far");
		return;
	}
	double today = local_midnight();
	for (size_t i = n; i-- > 0;) {
		char buf[1400];
		alert_line(v, health_mon_alert(v->health, i), today, buf, sizeof buf);
		lines_add_wrapped(l, buf, 9);
	}
}
