/* notify.h: desktop notifications for health alerts, as bytes for a
 * terminal: the bell, OSC 9 (iTerm2, Windows Terminal, WezTerm, kitty)
 * and OSC 777 (rxvt-unicode, foot, Konsole, VTE), passed through tmux or
 * GNU screen when tailboard runs inside one, so they reach the laptop's
 * desktop over SSH. Pure: the bytes are built here and written by the one
 * module that owns the terminal (src/ui); tests read them directly.
 *
 * The text goes through the sanitiser here, whatever the caller passed, so
 * no control byte from a log file ever reaches the terminal inside an OSC.
 * A notifier rate-limits: one notification every NOTIFY_GAP seconds at
 * most; alerts in between are held and told in the next one as "+N more". */
#ifndef TAILBOARD_NOTIFY_H
#define TAILBOARD_NOTIFY_H

#include "tailboard/common.h"

enum notify_kind { NOTIFY_BELL = 1, NOTIFY_OSC = 2 };

/* Where the bytes go: straight to the terminal, or through a multiplexer's
 * passthrough (tmux: ESC P tmux; ... ESC \ with every ESC inside doubled,
 * which tmux >= 3.3 forwards with `set -g allow-passthrough on`; GNU
 * screen: ESC P ... ESC \). */
enum notify_mux { MUX_NONE, MUX_TMUX, MUX_SCREEN };

#define NOTIFY_GAP 10.0         /* seconds between two notifications, at least */
#define NOTIFY_TEXT_MAX 240     /* bytes of sanitised text in one notification */
#define NOTIFY_BYTES_MAX 1024   /* what notify_bytes never exceeds */

/* "bell,osc" (or "all", "none") into NOTIFY_* bits; TB_ERR with a message. */
int notify_parse(const char *list, unsigned *kinds, char *err, size_t errlen) TB_MUST;
/* The multiplexer from $TMUX and $TERM (either may be NULL): tmux when
 * TMUX is set, screen when TERM starts with "screen" and TMUX is not. */
enum notify_mux notify_mux_of(const char *tmux, const char *term);
/* The bytes of one notification with a title and a body (both sanitised
 * here; ascii: '?' for what is not ASCII): BEL for NOTIFY_BELL, then for
 * NOTIFY_OSC "ESC ] 9 ; title: body BEL" and "ESC ] 777 ; notify ; title ;
 * body BEL", each wrapped for mux. Returns the length (0 for no kinds);
 * out holds NOTIFY_BYTES_MAX bytes at least. */
size_t notify_bytes(unsigned kinds, enum notify_mux mux, bool ascii, const char *title, const char *body,
		    char *out, size_t cap);

struct notifier {
	unsigned kinds;         /* 0: off, nothing is ever built */
	enum notify_mux mux;
	bool ascii;
	double last;            /* when the last one went out, -INFINITY before */
	size_t held;            /* alerts since, not yet told */
	char text[NOTIFY_TEXT_MAX + 1];     /* the newest held alert */
};

void notifier_init(struct notifier *n, unsigned kinds, enum notify_mux mux, bool ascii);
/* An alert fired at now (tb_now()): text is one line about it. Held when
 * the last notification is not NOTIFY_GAP old; else the bytes to write
 * now, telling it and what was held. Returns their length, 0 for none. */
size_t notifier_alert(struct notifier *n, double now, const char *text, char *out, size_t cap);
/* Held alerts whose time has come: the bytes to write now, 0 for none. */
size_t notifier_flush(struct notifier *n, double now, char *out, size_t cap);
/* When notifier_flush has something to say, tb_now() seconds; INFINITY
 * when nothing is held. */
double notifier_deadline(const struct notifier *n);

#endif
