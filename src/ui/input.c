/* input.c: terminal keys and mouse events as the view knows them. */
#include <curses.h>
#include <stdlib.h>
#include "tailboard/view.h"
#include "ui_int.h"

#define DOUBLE_SECS 0.4         /* two presses this close on one spot: a double click */
#define DRAG_GAP_SECS 0.5       /* a held button's events this close: one drag */

#ifndef BUTTON5_PRESSED         /* an ncurses without the wheel's second button */
#define BUTTON5_PRESSED 0
#endif

/* Button 1 went down at (x, y): a press, or the second of a double click. */
static void press(struct ui_mouse *m, int x, int y, double now)
{
	bool twice = now - m->last_press < DOUBLE_SECS && abs(x - m->last_x) <= 1 && y == m->last_y;
	m->kind = twice ? VM_DOUBLE : VM_PRESS;
	m->last_press = twice ? 0 : now;
	m->last_x = x;
	m->last_y = y;
	m->down = true;
}

/* curses' event into m: the view's kind, or false to drop it. With
 * mouseinterval 0 presses and releases come raw (a drag is never held
 * back to be told from a click), but ncurses keeps only the last of the
 * events it reads at once, and reports motion with button 1 held as
 * another press: a press while the button is down (and moving lately)
 * is a drag, a release never pressed was a click, and a double click
 * is two presses (or clicks) on one spot. */
static bool mouse_event(struct ui_mouse *m)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !m->on)
		return false;
	double now = tb_now();
	bool moving = m->down && now - m->last_event < DRAG_GAP_SECS;
	m->x = ev.x;
	m->y = ev.y;
	m->last_event = now;
	mmask_t b = ev.bstate;
	if (b & BUTTON4_PRESSED) {
		m->kind = VM_WHEEL_UP;
	} else if (BUTTON5_PRESSED && (b & BUTTON5_PRESSED)) {
		m->kind = VM_WHEEL_DOWN;
	} else if (b & (BUTTON1_PRESSED | REPORT_MOUSE_POSITION)) {
		if (moving || (b & REPORT_MOUSE_POSITION))
			m->kind = VM_DRAG;
		else
			press(m, ev.x, ev.y, now);
		if (m->kind == VM_DRAG && !m->down)
			return false;   /* motion without a button */
	} else if (b & (BUTTON1_RELEASED | BUTTON1_CLICKED)) {
		if (!m->down) {
			/* its press was read with it and lost: a click; the release
			 * comes as the next event */
			press(m, ev.x, ev.y, now);
			m->pending_release = true;
		} else {
			m->kind = VM_RELEASE;
		}
		m->down = false;
	} else {
		return false;   /* other buttons */
	}
	return true;
}

int input_key(struct ui_mouse *m)
{
	if (m->pending_release) {
		m->pending_release = false;
		m->kind = VM_RELEASE;
		return -3;
	}
	int key = getch();
	switch (key) {
	case ERR: return -1;
	case KEY_RESIZE: return -2;
	case KEY_MOUSE: return mouse_event(m) ? -3 : 0;
	case KEY_DOWN: return VK_DOWN;
	case KEY_UP: return VK_UP;
	case KEY_LEFT: return VK_LEFT;
	case KEY_RIGHT: return VK_RIGHT;
	case KEY_NPAGE: return VK_PGDN;
	case KEY_PPAGE: return VK_PGUP;
	case KEY_HOME: return VK_HOME;
	case KEY_END: return VK_END;
	case KEY_ENTER: return VK_ENTER;
	case KEY_BACKSPACE: return VK_BACKSPACE;
	default: return key >= KEY_MIN ? 0 : key;      /* other function keys do nothing */
	}
}
