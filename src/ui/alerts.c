/* alerts.c: the screen's health monitor, fed as watch feeds its own: from
 * the engine's after-read hook while the new points are in cache, and
 * after every turn for the stall clocks, with the engine's poll() waking
 * for the next stall deadline. With --notify, each alert that fires once
 * the first load is done (what was on disk is listed and counted, never
 * rung) goes to the notifier, and its bytes to the terminal. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "ui_int.h"

/* The engine read a piece: feed what it stored while it is in cache. */
static void after_read(void *arg)
{
	struct ui_alerts *a = arg;
	health_mon_update(a->mon, tb_now(), a->e->loaded_at > 0);
}

void ui_alerts_start(struct ui_alerts *a, struct health_mon *mon, struct engine *e, unsigned kinds, bool ascii)
{
	a->mon = mon;
	a->e = e;
	a->told = a->drawn = 0;
	a->live = false;
	notifier_init(&a->notify, kinds, notify_mux_of(getenv("TMUX"), getenv("TERM")), ascii);
	if (mon)
		engine_after_read(e, after_read, a);
}

void ui_alerts_stop(struct ui_alerts *a)
{
	if (a->mon)
		engine_after_read(a->e, NULL, NULL);
}

static void send(const char *bytes, size_t n)
{
	if (n && term_send(bytes, n) != TB_OK) {
		/* the terminal is gone or full; the alert list still has it */
	}
}

/* The alerts that fired since the last turn, to the notifier. */
static void notify_new(struct ui_alerts *a, double now)
{
	size_t n = health_mon_count(a->mon);
	for (; a->told < n; a->told++) {
		const struct health_alert *al = health_mon_alert(a->mon, a->told);
		char text[NOTIFY_TEXT_MAX + 1], line[NOTIFY_TEXT_MAX + 32], out[NOTIFY_BYTES_MAX];
		health_event_text(&al->ev, al->run->name, al->run->name_len, al->series ? al->series->tag : NULL,
				  al->series ? al->series->tag_len : 0, a->notify.ascii, text, sizeof text);
		snprintf(line, sizeof line, "%s: %s", health_kind_name(al->ev.kind), text);
		send(out, notifier_alert(&a->notify, now, line, out, sizeof out));
	}
	char out[NOTIFY_BYTES_MAX];
	send(out, notifier_flush(&a->notify, now, out, sizeof out));
}

bool ui_alerts_turn(struct ui_alerts *a, double now)
{
	if (!a->mon)
		return false;
	health_mon_update(a->mon, now, a->e->loaded_at > 0);
	size_t n = health_mon_count(a->mon);
	if (!a->live && a->e->loaded_at > 0) {
		a->live = true;
		a->told = n;    /* the first load's alerts: history, not news */
	}
	if (a->live && a->notify.kinds)
		notify_new(a, now);
	else if (!a->notify.kinds)
		a->told = n;
	bool changed = n != a->drawn;
	a->drawn = n;
	return changed;
}

double ui_alerts_deadline(const struct ui_alerts *a)
{
	if (!a->mon)
		return INFINITY;
	return TB_MIN(health_mon_deadline(a->mon), notifier_deadline(&a->notify));
}
