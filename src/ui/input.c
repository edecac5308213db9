/* input.c: terminal keys as the view knows them. */
#include <curses.h>
#include "tailboard/view.h"
#include "ui_int.h"

int input_key(void)
{
	int key = getch();
	switch (key) {
	case ERR: return -1;
	case KEY_RESIZE: return -2;
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
