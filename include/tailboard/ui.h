/* ui.h: the screen. The only interface into src/ui/, which alone includes curses. */
#ifndef TAILBOARD_UI_H
#define TAILBOARD_UI_H

struct app;

/* Run the interactive screen until the user quits (or opt.frames frames
 * were drawn). Returns the process exit status. */
int ui_run(struct app *app);

#endif
