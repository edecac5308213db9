/* term.c: the terminal through curses. Everything the screen shows is a
 * canvas the view drew; this file only copies cells and sets colours. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <term.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "ui_int.h"

bool term_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* The terminal's colour depth. True colour only where the terminfo is a
 * direct-colour one (xterm-direct: 2^24 colours, a colour number is its
 * RGB): curses cannot send 24-bit colours through any other, and
 * redefining the 256 slots with init_color would change them for every
 * program sharing the terminal (tmux) and outlive us on some terminals.
 * Elsewhere (COLORTERM=truecolor over xterm-256color too): the nearest
 * 256-colour entries. */
static enum chart_depth colors_init(void)
{
	start_color();
	use_default_colors();
	if (COLORS >= 0x1000000)
		return DEPTH_RGB;
	return COLORS >= 256 ? DEPTH_256 : COLORS >= 8 ? DEPTH_8 : DEPTH_NONE;
}

void term_palette(int pal, enum chart_depth depth)
{
	struct chart_colours c = chart_colours(pal, depth);
	for (size_t i = 0; i < c.n && (int)i + 1 < COLOR_PAIRS; i++) {
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
		if (c.rgb) {
			init_extended_pair((int)i + 1, (int)c.rgb[i], -1);
			continue;
		}
#endif
		init_pair((short)(i + 1), c.idx[i], -1);
	}
}

bool term_start(bool want_color, enum chart_depth *depth)
{
	if (!initscr())
		return false;
	cbreak();           /* not raw: Ctrl-C stays SIGINT */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	*depth = want_color && has_colors() ? colors_init() : DEPTH_NONE;
	return true;
}

/* Button-motion reporting (1002): ncurses asks for presses and releases
 * only (1000, with 1006 where kmous is SGR's), and a drag needs motion
 * with a button held. ncurses sends its mode at the first getch (when
 * keypad mode takes effect), and a later 1000 would undo ours: a getch
 * first (its key, if any, put back), then ours. Undone before endwin and
 * in the crash handler. */
#define MOUSE_DRAG_ON "\033[?1002h"
#define MOUSE_DRAG_OFF "\033[?1002l"
#define MOUSE_REPORT_OFF "\033[?1000l"
#define MOUSE_EVENTS (BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION)

void term_mouse(bool on)
{
	mouseinterval(0);       /* raw presses and releases: input.c tells clicks apart */
	/* curses decodes a terminal's mouse bytes only under a mask: off, the
	 * mask stays (the bytes are dropped, never read as keys) and the
	 * terminal is told not to report */
	if (mousemask(MOUSE_EVENTS, NULL) == 0)
		return;         /* terminfo knows no mouse (kmous) */
	int key = getch();
	if (key != ERR)
		ungetch(key);
	putp(on ? MOUSE_DRAG_ON : MOUSE_REPORT_OFF);
	fflush(stdout);
}

void term_mouse_rearm(void)
{
	if (term_send(MOUSE_DRAG_ON, sizeof MOUSE_DRAG_ON - 1) != TB_OK) {
		/* the terminal is gone; the loop hears of it from poll() */
	}
}

void term_mouse_stop(void)
{
	putp(MOUSE_DRAG_OFF);
	mousemask(0, NULL);
}

void term_stop(void)
{
	/* a terminal without an alternate screen (vt100) would keep the last
	 * frame, and the shell would write over its status line: clear it and
	 * leave the cursor at the top, as clear(1) does */
	const char *smcup = tigetstr("smcup"), *clear = tigetstr("clear");
	bool keep = !smcup || smcup == (char *)-1 || !*smcup;
	endwin();
	if (keep && clear && clear != (char *)-1) {
		putp(clear);
		fflush(stdout);
	}
}

/* A crash still gives the terminal back, then dies the same way. */
static void on_crash(int sig)
{
	static const char off[] = MOUSE_DRAG_OFF;
	endwin();
	if (write(STDOUT_FILENO, off, sizeof off - 1) < 0) {
		/* dying anyway */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void term_crash_handlers(bool on)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? on_crash : SIG_DFL;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

static attr_t cell_attrs(const struct cell *c, bool bold)
{
	attr_t a = c->color ? COLOR_PAIR(c->color) | (bold ? A_BOLD : 0) : 0;
	if (c->attr & CELL_DIM) a |= A_DIM;
	if (c->attr & CELL_BOLD) a |= A_BOLD;
	if (c->attr & CELL_REVERSE) a |= A_REVERSE;
	if (c->attr & CELL_UNDERLINE) a |= A_UNDERLINE;
	return a;
}

int term_show(const struct canvas *cv, int x, int y, bool bold)
{
	for (int r = 0; r < cv->h && r < LINES; r++)
		for (int c = 0; c < cv->w && c < COLS; c++) {
			const struct cell *cl = &cv->cells[(size_t)r * (size_t)cv->w + (size_t)c];
			if (cl->ch == CELL_CONT)
				continue;       /* the wide character to its left covers it */
			wchar_t wc[2] = { (wchar_t)(cl->ch ? cl->ch : ' '), 0 };
			attr_t a = cell_attrs(cl, bold);
			cchar_t cc;
			if (setcchar(&cc, wc, a, (short)PAIR_NUMBER(a), NULL) == OK)
				mvadd_wch(r, c, &cc);
		}
	curs_set(x >= 0 ? 1 : 0);
	if (x >= 0)
		move(y, x);
	wnoutrefresh(stdscr);
	return doupdate() == OK ? TB_OK : TB_ERR;
}

int term_send(const char *bytes, size_t n)
{
	fflush(stdout);         /* after what curses sent */
	while (n) {
		ssize_t k = write(STDOUT_FILENO, bytes, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return TB_ERR;
		bytes += k;
		n -= (size_t)k;
	}
	return TB_OK;
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

void term_size(int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}
