/* test_alerts.c: health alerts on the screen without a terminal: the
 * notification bytes (plain, through tmux, through GNU screen; sanitised;
 * rate-limited), the run list's health mark in both tiers, the status
 * line's count of unseen alerts, and the alert list overlay (A) that marks
 * them seen. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/notify.h"
#include "vt.h"

#define OSC9(t) "\033]9;" t "\a"
#define OSC777(t, b) "\033]777;notify;" t ";" b "\a"

static void test_bytes(void)
{
	char out[NOTIFY_BYTES_MAX];
	unsigned k = 0;
	char err[200];
	TAP_OK(notify_parse("bell,osc", &k, err, sizeof err) == TB_OK && k == (NOTIFY_BELL | NOTIFY_OSC),
	       "--notify=bell,osc");
	TAP_OK(notify_parse("osc", &k, err, sizeof err) == TB_OK && k == NOTIFY_OSC, "--notify=osc");
	TAP_OK(notify_parse("bell,beep", &k, err, sizeof err) == TB_ERR && strstr(err, "'beep'"),
	       "--notify=beep is refused, naming it: %s", err);
	TAP_OK(notify_mux_of(NULL, "xterm-256color") == MUX_NONE, "no TMUX, TERM=xterm: plain");
	TAP_OK(notify_mux_of("/tmp/tmux-0/default,1,0", "screen-256color") == MUX_TMUX, "TMUX set: tmux");
	TAP_OK(notify_mux_of("", "screen.xterm-256color") == MUX_SCREEN, "TMUX empty, TERM=screen*: GNU screen");
	TAP_OK(notify_mux_of(NULL, NULL) == MUX_NONE, "neither set: plain");

	size_t n = notify_bytes(NOTIFY_BELL, MUX_NONE, false, "tailboard", "x", out, sizeof out);
	TAP_OK(n == 1 && out[0] == '\a', "bell: one BEL");
	n = notify_bytes(NOTIFY_BELL, MUX_TMUX, false, "tailboard", "x", out, sizeof out);
	TAP_OK(n == 1 && out[0] == '\a', "bell in tmux: a plain BEL (tmux passes it on as its bell-action says)");
	n = notify_bytes(0, MUX_NONE, false, "tailboard", "x", out, sizeof out);
	TAP_OK(n == 0, "no kinds: no bytes");
	n = notify_bytes(NOTIFY_OSC, MUX_NONE, false, "tailboard", "nan: run loss: NaN at step 4", out, sizeof out);
	TAP_EQ_STR(out, OSC9("tailboard: nan: run loss: NaN at step 4") OSC777("tailboard", "nan: run loss: NaN at step 4"),
		   "OSC 9 and OSC 777, plain");
	TAP_EQ_INT(n, strlen(out), "the length returned");
	notify_bytes(NOTIFY_OSC, MUX_TMUX, false, "tailboard", "hi", out, sizeof out);
	TAP_EQ_STR(out, "\033Ptmux;\033\033]9;tailboard: hi\a\033\\" "\033Ptmux;\033\033]777;notify;tailboard;hi\a\033\\",
		   "tmux: DCS passthrough, every ESC inside doubled");
	notify_bytes(NOTIFY_OSC, MUX_SCREEN, false, "tailboard", "hi", out, sizeof out);
	TAP_EQ_STR(out, "\033P\033]9;tailboard: hi\a\033\\" "\033P\033]777;notify;tailboard;hi\a\033\\",
		   "GNU screen: ESC P ... ESC \\");
	notify_bytes(NOTIFY_BELL | NOTIFY_OSC, MUX_NONE, false, "t;x", "a;b", out, sizeof out);
	TAP_EQ_STR(out, "\a" OSC9("t,x: a;b") OSC777("t,x", "a;b"), "bell first; a ';' in the title cannot end its field");

	/* a run named with escapes: nothing but the framing is a control */
	n = notify_bytes(NOTIFY_OSC, MUX_TMUX, false, "tailboard", "run\033]0;pwned\a\x9b" "2J\xe2\x80\xae: NaN", out,
			 sizeof out);
	int esc = 0, bel = 0, c1 = 0;
	for (size_t i = 0; i < n; i++) {
		esc += out[i] == '\033';
		bel += out[i] == '\a';
		c1 += (unsigned char)out[i] == 0x9b || ((unsigned char)out[i] < 0x20 && out[i] != '\033' && out[i] != '\a');
	}
	TAP_OK(esc == 8 && bel == 2 && c1 == 0, "hostile text: only the framing's ESC (8) and BEL (2), no other control (%d %d %d)",
	       esc, bel, c1);
	TAP_OK(strstr(out, "run\\x1b]0;pwned\\x07") != NULL, "... the escapes shown as text: %s", out + 8);
	TAP_OK(strstr(out, "\xe2\x80\xae") == NULL, "... and no bidi override");
	notify_bytes(NOTIFY_OSC, MUX_NONE, true, "tailboard", "caf\xc3\xa9", out, sizeof out);
	TAP_OK(strstr(out, "caf?") != NULL, "ASCII: what is not ASCII is '?'");
	char big[4000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	n = notify_bytes(NOTIFY_BELL | NOTIFY_OSC, MUX_TMUX, false, big, big, out, sizeof out);
	TAP_OK(n < NOTIFY_BYTES_MAX && out[n - 1] == '\\' && out[n - 2] == '\033', "a long text is cut, the framing kept");
}

static void test_rate(void)
{
	struct notifier nt;
	char out[NOTIFY_BYTES_MAX];
	notifier_init(&nt, 0, MUX_NONE, false);
	TAP_OK(notifier_alert(&nt, 100, "a", out, sizeof out) == 0 && isinf(notifier_deadline(&nt)),
	       "off: nothing, ever, and no deadline");
	notifier_init(&nt, NOTIFY_OSC, MUX_NONE, false);
	TAP_OK(notifier_alert(&nt, 100, "first", out, sizeof out) > 0 && strstr(out, "first"), "the first alert goes out");
	TAP_OK(notifier_alert(&nt, 101, "second", out, sizeof out) == 0, "one a second later is held");
	TAP_OK(notifier_alert(&nt, 105, "third", out, sizeof out) == 0, "so is the next");
	TAP_NEAR(notifier_deadline(&nt), 100 + NOTIFY_GAP, 1e-9, "held: due %g s after the last", NOTIFY_GAP);
	TAP_OK(notifier_flush(&nt, 109.9, out, sizeof out) == 0, "not before");
	TAP_OK(notifier_flush(&nt, 110, out, sizeof out) > 0 && strstr(out, "third (+1 more)"),
	       "then the newest, and how many more came with it");
	TAP_OK(isinf(notifier_deadline(&nt)) && notifier_flush(&nt, 200, out, sizeof out) == 0, "nothing held after");
	TAP_OK(notifier_alert(&nt, 125, "later", out, sizeof out) > 0 && !strstr(out, "more"),
	       "an alert after the gap goes out at once");
}

/* A NaN in run-b0's train/loss; the monitor fed as the screen feeds it. */
static void nan_world(struct vt *t, struct health_rules *rules, struct health_mon *mon, int W, bool utf8)
{
	vt_init(t, W, 24, utf8, 0, 3);
	struct run *r = store_get_run(&t->st, "run-b0", 6);
	struct series *s = run_get_series(&t->st, r, "train/loss", 10);
	if (series_append(s, 500, 1.7e9 + 500, NAN) != TB_OK || series_append(s, 510, 1.7e9 + 510, 0.06) != TB_OK)
		printf("# append failed\n");
	t->st.gen++;
	health_rules_init(rules);
	health_mon_init(mon, &t->st, rules);
	health_mon_update(mon, 1000, false);
	t->v.health = mon;
}

static void test_screen(bool utf8)
{
	const char *tier = utf8 ? "UTF-8" : "ASCII";
	struct vt t;
	struct health_rules rules;
	struct health_mon mon;
	nan_world(&t, &rules, &mon, 100, utf8);
	const char *f = keys(&t, "");
	TAP_OK(has(f, "1 new alert (A)"), "%s: the status line counts the unseen alert", tier);
	int y = row_of(&t, "] run-b0"), yo = row_of(&t, "] run-a0"), x = list_border(&t) - 3;
	const struct cell *c = canvas_at(&t.cv, x, y), *ok = canvas_at(&t.cv, x, yo);
	TAP_OK(y > 0 && c->ch == '!' && (c->attr & CELL_BOLD), "%s: run-b0 is marked ! left of its state", tier);
	TAP_OK(yo > 0 && (!ok->ch || ok->ch == ' '), "%s: run-a0, healthy, has no mark", tier);
	f = keys(&t, "A");
	TAP_OK(has(f, "Alerts: 1, 1 new, newest first"), "%s: A opens the alert list", tier);
	TAP_OK(has(f, "nan      run-b0 train/loss step 500 = nan: NaN at step 500"),
	       "%s: time, kind, run, tag, step, value, what fired", tier);
	TAP_OK(!strstr(f, "new alert (A)"), "%s: opening it marked the alert seen", tier);
	TAP_EQ_INT(health_mon_unseen(&mon), 0, "%s: ... in the monitor too", tier);
	f = keys(&t, "q");
	TAP_OK(!strstr(f, "Alerts:") && canvas_at(&t.cv, x, y)->ch == '!', "%s: q closes it; the mark stays", tier);
	/* a second alert: newest first, the first one kept */
	struct run *r = store_get_run(&t.st, "run-c0", 6);
	struct series *s = run_get_series(&t.st, r, "eval/loss", 9);
	if (series_append(s, 600, 1.7e9 + 600, INFINITY) != TB_OK)
		printf("# append failed\n");
	t.st.gen++;
	health_mon_update(&mon, 1001, false);
	f = keys(&t, "A");
	int a = row_of(&t, "run-c0 eval/loss"), b = row_of(&t, "run-b0 train/loss");
	TAP_OK(has(f, "Alerts: 2, 1 new") && a > 0 && b > a, "%s: newest first, the seen one below (%d %d)", tier, a, b);
	keys(&t, "<Esc>");
	health_mon_free(&mon);
	health_rules_free(&rules);
	vt_free(&t);
}

/* 40 columns: the list shown with |; the names shrink, the mark and the
 * state keep their cells, nothing runs past the border. */
static void test_narrow(bool utf8)
{
	struct vt t;
	struct health_rules rules;
	struct health_mon mon;
	nan_world(&t, &rules, &mon, 40, utf8);
	t.H = 10;
	const char *f = keys(&t, "|");
	int y = row_of(&t, "run-b0"), x = list_border(&t) - 3;
	TAP_OK(y > 0 && canvas_at(&t.cv, x, y)->ch == '!', "%s 40x10: the mark beside the state", utf8 ? "UTF-8" : "ASCII");
	bool inside = true;
	for (int r = 1; r < 4; r++)
		inside &= canvas_at(&t.cv, list_border(&t) - 1, r)->ch == (utf8 ? 0x2502u : '|');
	TAP_OK(inside && has(f, "1 new"), "%s 40x10: the border stays put; the status line still counts",
	       utf8 ? "UTF-8" : "ASCII");
	health_mon_free(&mon);
	health_rules_free(&rules);
	vt_free(&t);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	test_bytes();
	test_rate();
	test_screen(true);
	test_screen(false);
	test_narrow(true);
	test_narrow(false);
	return tap_done();
}
