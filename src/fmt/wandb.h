/* wandb.h: W&B value helpers shared by the .wandb reader and the legacy
 * wandb-history.jsonl reader. */
#ifndef TAILBOARD_WANDB_H
#define TAILBOARD_WANDB_H

#include "pyjson.h"
#include "fmt_common.h"
#include "tagcache.h"

/* Emit the numbers in a logged value as points: a number is one point under
 * tag; an object (other than W&B media, which carry "_type") is walked and
 * its numbers named tag/key/...; anything else is not a scalar. */
void wandb_emit_value(struct emit *e, struct source_file *f, struct tagcache *tags, struct fmt_buf *tag,
		      const cJSON *v, int64_t step, double wall, int depth);
/* A config item as the run's hyperparameters (hparams.h): key itself, or
 * key.sub... for an object's members; {"value": X, "desc": D} is X. */
/* Newer clients log a media object or table ({"_type": "table-file",
 * "nrows": ...}) as separate items, one a field: my_table/_type (or
 * my_table._type), my_table/nrows... If key is such a _type item, add
 * its object's name to media (names one after another, each ending in
 * NUL); wandb_in_media: is key a field of one of them? W&B's reader folds
 * them back into one object and skips it; so does this one. */
void wandb_media_add(struct fmt_buf *media, const char *key, size_t n);
bool wandb_in_media(const struct fmt_buf *media, const char *key, size_t n);
void wandb_set_config(struct emit *e, struct source_file *f, const char *key, const cJSON *v);

/* wandb_files.c: the run's environment and final values as facts
 * ("env/host", "summary/loss"). wandb_files_read reads, in the
 * directory of f (or its files/), wandb-metadata.json and wandb-summary.json when they
 * changed since the stamps wf keeps (zeroed: read them again). */
struct wandb_files {
	int64_t stamp[2];
};
struct pb_reader;
struct pb_field;
/* A google.protobuf.Timestamp at fld of parent, as Unix seconds. */
int wandb_timestamp(const struct pb_reader *parent, const struct pb_field *fld, double *out);
void wandb_files_read(struct emit *e, struct source_file *f, struct wandb_files *wf);
/* "env/KEY" = n bytes of value; nothing when n is 0. */
void wandb_env_fact(struct emit *e, struct source_file *f, const char *key, const char *value, size_t n);
/* A summary value under key ("summary/..."), objects flattened with '/',
 * media and tables (objects with "_type") left out; at most *budget facts. */
void wandb_summary_emit(struct emit *e, struct source_file *f, struct fmt_buf *key, const cJSON *v, int depth,
			unsigned *budget);
/* EnvironmentRecord, GitRepoRecord and a Timestamp (as "env/started"). */
int wandb_env_read(struct emit *e, struct source_file *f, const struct pb_reader *rec, const struct pb_field *fld);
void wandb_git_read(struct emit *e, struct source_file *f, const struct pb_reader *parent, const struct pb_field *fld);
void wandb_time_fact(struct emit *e, struct source_file *f, const struct pb_reader *parent, const struct pb_field *fld);
/* Console text (wandb_output.c) as lines into the sink: '\n' ends a line,
 * "\r\n" too, text after a lone '\r' starts it over (a progress bar
 * redrawn: its last state stays). part holds the stream's unfinished line
 * between calls (cr: a '\r' ended it); with open, it is passed on as an
 * open line (a bar so far). */
struct wandb_console {
	struct fmt_buf part;
	double wall;
	int origin;
	bool err, open, cr;
};
void wandb_console_text(struct emit *e, struct source_file *f, struct wandb_console *c, const char *p, size_t n);
/* An output or output_raw record at fld of rec, into con[stream]
 * (0 stderr, 1 stdout). */
struct pb_reader;
struct pb_field;
int wandb_output_read(struct emit *e, struct source_file *f, const struct pb_reader *rec,
		      const struct pb_field *fld, struct wandb_console con[2]);

#endif
