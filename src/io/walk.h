/* walk.h: the one directory walker, shared by discovery's scans and the
 * watcher's inotify setup, so both see the same tree: no directory
 * symlinks followed (loops), no skipped directories (.git...), at most
 * WALK_MAX_DEPTH levels. */
#ifndef TAILBOARD_WALK_H
#define TAILBOARD_WALK_H

#include "tailboard/common.h"

#define WALK_MAX_DEPTH 64       /* deeper trees are almost surely bind-mount loops */

enum walk_verdict { WALK_IN, WALK_SKIP, WALK_STOP };

struct walk_ops {
	/* A directory (rel "" = the root), before its entries: go in? */
	enum walk_verdict (*dir)(void *arg, const char *rel, const char *full);
	/* Anything but a directory or a link to one: files, and FIFOs or
	 * devices named like logs for the loader to refuse. May be NULL. */
	void (*file)(void *arg, const char *dir_rel, const char *name, const char *full);
	/* A directory that cannot be listed. May be NULL. */
	void (*error)(void *arg, const char *full, int err);
	bool sorted;            /* entries in name order (discovery's runs come out stable) */
};

/* Is rel directly inside a Hugging Face checkpoint-N directory? Its own
 * files are looked at (trainer_state.json), its subdirectories (DeepSpeed's
 * global_stepN, adapters: weights) never walked. */
bool walk_in_checkpoint(const char *rel);

/* Walk root/rel (rel "" = root itself) at depth. TB_OK; TB_DONE when the
 * dir callback skipped rel itself; TB_AGAIN when a callback stopped the
 * walk; TB_ERR when rel could not be listed (reported through error). */
int walk_tree(const char *root, const char *rel, int depth, const struct walk_ops *ops, void *arg) TB_MUST;

#endif
