/* kvfile.h: hyperparameter files found beside metric files. */
#ifndef TAILBOARD_KVFILE_H
#define TAILBOARD_KVFILE_H

#include "tailboard/source.h"

/* A YAML file's scalars as hyperparameters: "key: value" lines, nested
 * mappings as parent/child.  With wandb_style, W&B's config.yaml layout
 * (key: {desc, value}) is unwrapped to key = value and _wandb is left out.
 * A missing or unreadable file is not an error: it is optional. */
int kvfile_load_yaml(struct tracked_file *f, const char *path, bool wandb_style);
/* Old Lightning (test-tube) meta_tags.csv: "key,value" rows. */
int kvfile_load_csv(struct tracked_file *f, const char *path);
/* path's directory joined with name, into out (cap bytes); false if too long. */
bool kvfile_sibling(const char *path, const char *name, char *out, size_t cap);

#endif
