/* claim.h: helpers the readers' claims share (claim.c). */
#ifndef TAILBOARD_CLAIM_H
#define TAILBOARD_CLAIM_H

#include "source_int.h"

/* The first bytes of a file, inflated when gz; bytes read or -1. fs:
 * where they come from when not from this filesystem (NULL: open path). */
long claim_sniff(const struct claim_fs *fs, const char *path, bool gz, char *buf, size_t cap);
/* Does directory dir hold a name match() accepts? fs: asked instead of
 * the filesystem (NULL: opendir). */
bool claim_dir_has(const struct claim_fs *fs, const char *dir, bool (*match)(const char *name, void *arg), void *arg);
/* Call each for every direct entry of directory dir (not . and ..) until
 * it returns false; sizes and mtimes only when want_stat (else 0). fs:
 * the store's listing instead of opendir. */
void claim_list(const struct claim_fs *fs, const char *dir, bool want_stat,
		bool (*each)(const struct claim_entry *e, void *arg), void *arg);
/* A file's mtime in ns, INT64_MIN when it is not there. */
int64_t claim_mtime(const struct claim_fs *fs, const char *path);
/* run_rel = the first dlen bytes of dir_rel, then "/leaf" when leaf. */
void claim_set_run(struct source_claim *out, const char *dir_rel, size_t dlen, const char *leaf, size_t llen);
/* Last path component of [p, p+n) and the length of what precedes it. */
const char *claim_last_part(const char *p, size_t n, size_t *parent_len);

/* W&B (wandb_claim.c): the end of the run directory within dir_rel, -1
 * when outside one, -2 inside W&B's latest-run symlink. */
long wandb_run_end(const char *dir_rel);

/* Each reader's claim, for the readers' ops tables. */
bool tfevents_claim(const struct claim_in *in, struct source_claim *out);
bool wandb_claim(const struct claim_in *in, struct source_claim *out);
bool wandb_history_claim(const struct claim_in *in, struct source_claim *out);
bool wandb_events_claim(const struct claim_in *in, struct source_claim *out);
bool wandb_output_claim(const struct claim_in *in, struct source_claim *out);
bool trainer_state_claim(const struct claim_in *in, struct source_claim *out);
bool csv_claim(const struct claim_in *in, struct source_claim *out);
bool jsonl_claim(const struct claim_in *in, struct source_claim *out);

#endif
