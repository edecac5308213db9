/* kvfile.h: hyperparameter files found beside metric files. */
#ifndef TAILBOARD_KVFILE_H
#define TAILBOARD_KVFILE_H

#include "source_int.h"

/* A YAML file's values as hyperparameters (the first 256 KiB), nested
 * mappings flattened with '.' (optimizer.lr).  With wandb_style, W&B's
 * config.yaml layout (key: {desc, value}) is unwrapped to key = value and
 * wandb_version and _wandb are left out.  A missing or unreadable file is
 * not an error: it is optional; YAML that stops parsing is reported. */
void kvfile_load_yaml(struct emit *e, struct source_file *f, const char *path, bool wandb_style);
/* Old Lightning (test-tube) meta_tags.csv: "key,value" rows, values
 * typed as plain YAML scalars are (hparams_plain_scalar). */
void kvfile_load_csv(struct emit *e, struct source_file *f, const char *path);

#endif
