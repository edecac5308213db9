/* hparams.h: hyperparameters as every reader emits them (hparams.c).
 *
 * Nested keys are flattened with '.' (optimizer.lr); values are text that
 * keeps its type as far as a text store can: numbers in their shortest
 * form that reads back (5e-05, 16), booleans true/false, null as null,
 * strings as they are, lists (and what is too big or too deep to flatten)
 * as compact JSON. Every size is bounded: nothing a file says can make a
 * run hold more than HP_MAX_FACTS hyperparameters from one document. */
#ifndef TAILBOARD_HPARAMS_H
#define TAILBOARD_HPARAMS_H

#include <cjson/cJSON.h>
#include "source_int.h"

#define HP_MAX_KEY 256          /* bytes of a flattened key; longer keys are left out */
#define HP_MAX_TEXT 256         /* bytes of a value; longer ones end in "..." */
#define HP_MAX_DEPTH 8          /* objects deeper than this stay one JSON value */
#define HP_MAX_MEMBERS 128      /* nested objects with more members too (a 1000-class id2label) */
#define HP_MAX_FACTS 1024       /* per document; the rest is left out */

enum hp_flags {
	/* W&B: at the first level, {"value": X, "desc": D} stands for X, and
	 * wandb_version and keys starting with '_' (_wandb) are W&B's own. */
	HP_WANDB = 1,
	/* v is one member of a document (a W&B config item), not a document:
	 * it is unwrapped under HP_WANDB, and kept whole when too big. */
	HP_MEMBER = 2,
};

/* Shortest text that reads back as v; "nan", "inf", "-inf". */
void hparams_number(double v, char *buf, size_t cap);
/* n bytes of text as a value: cut at HP_MAX_TEXT bytes, ending in "..."
 * (cap must exceed HP_MAX_TEXT). */
void hparams_text(const char *s, size_t n, char *buf, size_t cap);
/* A JSON value as hyperparameter text: scalars as above, containers as
 * compact JSON, cut at HP_MAX_TEXT bytes (cap must exceed it). */
void hparams_json_text(const cJSON *v, char *buf, size_t cap);
/* Emit the values of v into run, flattened under prefix ("" for none):
 * an object's members as prefix.key, anything else as prefix itself. */
void hparams_emit_json(struct emit *e, void *run, const char *prefix, const cJSON *v, unsigned flags);
/* A YAML or CSV scalar written without quotes, as the type it reads as:
 * null/~ -> null, true/false in any case -> true/false, a decimal number
 * -> its shortest text, .inf/.nan -> inf/nan; anything else as written
 * (cut as above; cap must exceed HP_MAX_TEXT). */
void hparams_plain_scalar(const char *s, size_t n, char *buf, size_t cap);
/* The same scalar as a JSON node (string, number, bool or null); NULL
 * only when cJSON has no memory. */
cJSON *hparams_plain_node(const char *s, size_t n);

#endif
