/* demo.h: the built-in live demo: a simulated training writing real event
 * files in the background, so a newcomer sees live charts at once. */
#ifndef TAILBOARD_DEMO_H
#define TAILBOARD_DEMO_H

#include "tailboard/diag.h"

struct demo;

/* Create the demo logdir (dir, or a temporary one when dir is NULL) and
 * start the writer. On failure *out still needs demo_stop. */
int demo_start(struct demo **out, const char *dir, struct diag *diag) TB_MUST;
/* The logdir the writer writes into. */
const char *demo_dir(const struct demo *demo);
/* Stop the writer; remove a temporary logdir. */
void demo_stop(struct demo *demo);

#endif
