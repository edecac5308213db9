/* demo.h: the built-in live demo: a simulated training writing real event
 * files in the background, so a newcomer sees live charts at once. */
#ifndef TAILBOARD_DEMO_H
#define TAILBOARD_DEMO_H

struct app;

/* Create the demo logdir (a temporary one unless opt.demo_dir), start the
 * writer and add the logdir to the loader. */
int demo_start(struct app *app);
/* Stop the writer; remove the temporary logdir. */
void demo_stop(struct app *app);

#endif
