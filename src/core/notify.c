/* notify.c: the bytes of a desktop notification (notify.h), and the rate
 * limit. Building is kept apart from writing so the exact bytes, with and
 * without a multiplexer around them, are tested without a terminal. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "tailboard/notify.h"
#include "tailboard/sanitize.h"

int notify_parse(const char *list, unsigned *kinds, char *err, size_t errlen)
{
	unsigned k = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 4 && strncmp(p, "bell", 4) == 0)
			k |= NOTIFY_BELL;
		else if (n == 3 && strncmp(p, "osc", 3) == 0)
			k |= NOTIFY_OSC;
		else if (n == 3 && strncmp(p, "all", 3) == 0)
			k |= NOTIFY_BELL | NOTIFY_OSC;
		else if (!(n == 4 && strncmp(p, "none", 4) == 0)) {
			snprintf(err, errlen, "--notify wants bell, osc, all or none, comma-separated, not '%.*s'",
				 (int)(n < 64 ? n : 64), p);
			return TB_ERR;
		}
		p += n + (p[n] == ',');
	}
	*kinds = k;
	return TB_OK;
}

enum notify_mux notify_mux_of(const char *tmux, const char *term)
{
	if (tmux && *tmux)
		return MUX_TMUX;
	if (term && strncmp(term, "screen", 6) == 0)
		return MUX_SCREEN;
	return MUX_NONE;
}

struct out {
	char *p;
	size_t n, cap;
};

static void put(struct out *o, const char *s, size_t len)
{
	for (size_t i = 0; i < len && o->n + 1 < o->cap; i++)
		o->p[o->n++] = s[i];
}

/* One OSC sequence, wrapped for the multiplexer: inside tmux's
 * passthrough every ESC is doubled. */
static void put_osc(struct out *o, enum notify_mux mux, const char *seq, size_t len)
{
	if (mux == MUX_TMUX) {
		put(o, "\033Ptmux;", 7);
		for (size_t i = 0; i < len; i++)
			put(o, seq[i] == '\033' ? "\033\033" : seq + i, seq[i] == '\033' ? 2 : 1);
		put(o, "\033\\", 2);
	} else if (mux == MUX_SCREEN) {
		put(o, "\033P", 2);
		put(o, seq, len);
		put(o, "\033\\", 2);
	} else {
		put(o, seq, len);
	}
}

/* Sanitised and cut to NOTIFY_TEXT_MAX bytes; ';' becomes ',' where it
 * would end an OSC 777 field. */
static void clean(const char *in, bool ascii, bool semis, char *out)
{
	sanitize_str(in, strlen(in), out, NOTIFY_TEXT_MAX + 1, ascii);
	for (char *s = out; semis && *s; s++)
		if (*s == ';')
			*s = ',';
}

size_t notify_bytes(unsigned kinds, enum notify_mux mux, bool ascii, const char *title, const char *body,
		    char *out, size_t cap)
{
	struct out o = { out, 0, cap };
	if (!cap)
		return 0;
	/* the bell goes to the multiplexer as it is: tmux and screen flag the
	 * window and pass it on as their bell settings say */
	if (kinds & NOTIFY_BELL)
		put(&o, "\a", 1);
	if (kinds & NOTIFY_OSC) {
		char t[NOTIFY_TEXT_MAX + 1], b[NOTIFY_TEXT_MAX + 1], seq[2 * NOTIFY_TEXT_MAX + 64];
		clean(title, ascii, true, t);
		clean(body, ascii, false, b);
		int n = snprintf(seq, sizeof seq, "\033]9;%s: %s\a", t, b);
		put_osc(&o, mux, seq, (size_t)TB_MIN(n, (int)sizeof seq - 1));
		n = snprintf(seq, sizeof seq, "\033]777;notify;%s;%s\a", t, b);
		put_osc(&o, mux, seq, (size_t)TB_MIN(n, (int)sizeof seq - 1));
	}
	out[o.n] = 0;
	return o.n;
}

void notifier_init(struct notifier *n, unsigned kinds, enum notify_mux mux, bool ascii)
{
	memset(n, 0, sizeof *n);
	n->kinds = kinds;
	n->mux = mux;
	n->ascii = ascii;
	n->last = -INFINITY;
}

/* Tell what is held now: the newest alert, and how many came with it. */
static size_t tell(struct notifier *n, double now, char *out, size_t cap)
{
	char body[NOTIFY_TEXT_MAX + 32];
	if (n->held > 1)
		snprintf(body, sizeof body, "%s (+%zu more)", n->text, n->held - 1);
	else
		snprintf(body, sizeof body, "%s", n->text);
	n->held = 0;
	n->last = now;
	return notify_bytes(n->kinds, n->mux, n->ascii, "tailboard", body, out, cap);
}

size_t notifier_alert(struct notifier *n, double now, const char *text, char *out, size_t cap)
{
	if (!n->kinds)
		return 0;
	snprintf(n->text, sizeof n->text, "%s", text);
	n->held++;
	return notifier_flush(n, now, out, cap);
}

size_t notifier_flush(struct notifier *n, double now, char *out, size_t cap)
{
	if (!n->kinds || !n->held || now < n->last + NOTIFY_GAP)
		return 0;
	return tell(n, now, out, cap);
}

double notifier_deadline(const struct notifier *n)
{
	return n->kinds && n->held ? n->last + NOTIFY_GAP : INFINITY;
}
