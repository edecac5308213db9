/* fmt_common.h: helpers the non-TensorBoard readers share: series lookup
 * that remembers which series a file fed (whole-file formats replace only
 * their own points, never another source's in the same run), a cap on
 * repeated diagnostics, and numeric/tag utilities. */
#ifndef TAILBOARD_FMT_COMMON_H
#define TAILBOARD_FMT_COMMON_H

#include "source_int.h"
#include "tailboard/strmap.h"

/* Most messages a file may report before going quiet. */
#define FMT_MAX_REPORTS 5

struct fmt_owned {
	struct strmap by_tag;      /* tag -> series handle */
	struct fmt_owned_tag { char *tag; size_t len; } *tags;    /* to clear them */
	size_t n, cap;
};

void fmt_owned_init(struct fmt_owned *o);
void fmt_owned_free(struct fmt_owned *o);
/* Series for tag in f's run, remembered as fed by this file. */
void *fmt_owned_series(struct emit *e, struct source_file *f, struct fmt_owned *o,
		       const char *tag, size_t len);
/* Remove every point this file fed (before a whole-file re-read). */
void fmt_owned_clear(struct emit *e, struct source_file *f, struct fmt_owned *o);

/* A growing byte string for tags and keys. */
struct fmt_buf {
	char *p;
	size_t n, cap;
};
void fmt_buf_set(struct fmt_buf *b, const char *s, size_t n);
void fmt_buf_add(struct fmt_buf *b, const char *s, size_t n);
void fmt_buf_free(struct fmt_buf *b);

/* Report through diag unless *count already reached FMT_MAX_REPORTS; the
 * last allowed report says further ones are suppressed. */
void fmt_report(struct emit *e, const struct source_file *f, unsigned *count,
		int64_t offset, const char *what);

/* Step from a double: integral values in int64 range only. */
bool fmt_step_from_double(double v, int64_t *out);
/* Strict number: the whole [s, s+n) is a float (spaces trimmed); accepts
 * nan/inf spellings. False for empty or text cells. */
bool fmt_parse_number(const char *s, size_t n, double *out);
/* Keys that give the step, best first; -1 when not one. */
int fmt_step_key_rank(const char *key, size_t n);
bool fmt_is_wall_key(const char *key, size_t n);

/* Read up to cap bytes from the start of path; bytes read or -1. */
long fmt_read_head(const char *path, char *buf, size_t cap);
/* A file beside f's (its hyperparameters, config, metadata), up to cap
 * bytes: from disk, or through f->side when f is remote; bytes read, or
 * -1 when it is not there (yet). *stamp (may be NULL): its identity now,
 * 0 when it is not there; a changed stamp means changed content. */
long fmt_side_read(const struct source_file *f, const char *path, char *buf, size_t cap, int64_t *stamp);
/* Just the stamp (nothing read from disk; a remote copy may be fetched). */
int64_t fmt_side_stamp(const struct source_file *f, const char *path);

#endif
