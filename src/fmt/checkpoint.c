/* checkpoint.c: saved checkpoints told apart by their names alone (they can
 * be gigabytes: never opened), and the run each belongs to.
 *
 *   out/checkpoint-N/                     Hugging Face Trainer: step N; run out
 *   P/checkpoints/...epoch=E-step=S....ckpt
 *                                         Lightning: step S (or epoch E when the
 *                                         name has no step); run P
 *   P/weights.05-0.32.hdf5, model-05.keras, ckpt-05.h5
 *                                         Keras ModelCheckpoint: epoch 5, which
 *                                         Keras numbers from 1 (epoch 4 in its
 *                                         logs); run P, or P's parent when P is
 *                                         a checkpoints directory
 *
 * The run is the owner's directory: the store matches it to runs by name
 * (core/checkpoint.c), as HF's event files live in out/runs/<date_host>. */
#include <stdio.h>
#include <string.h>
#include "claim.h"
#include "tailboard/path.h"

#define NUM_MAX 100000000000LL  /* more digits than any step: not a step */

/* Digits at p (at most n bytes): their value and length, 0 when none. */
static size_t digits(const char *p, size_t n, int64_t *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && p[i] >= '0' && p[i] <= '9' && *v < NUM_MAX)
		*v = *v * 10 + (p[i++] - '0');
	return i < n && p[i] >= '0' && p[i] <= '9' ? 0 : i;
}

bool source_checkpoint_dir(const char *name, size_t n, int64_t *step)
{
	int64_t v;
	if (n < 12 || memcmp(name, "checkpoint-", 11) != 0 || digits(name + 11, n - 11, &v) != n - 11)
		return false;
	if (step)
		*step = v;
	return true;
}

/* Lightning: "key=value" fields joined by '-'; step= and epoch= count. */
static bool lightning_name(const char *p, size_t n, struct source_checkpoint *c)
{
	for (size_t i = 0; i < n; i++) {
		bool start = i == 0 || p[i - 1] == '-' || p[i - 1] == '_' || p[i - 1] == '/';
		int64_t v;
		size_t k;
		if (start && n - i > 5 && memcmp(p + i, "step=", 5) == 0 && (k = digits(p + i + 5, n - i - 5, &v)))
			c->step = v;
		else if (start && n - i > 6 && memcmp(p + i, "epoch=", 6) == 0 &&
			 (k = digits(p + i + 6, n - i - 6, &v)))
			c->epoch = v;
	}
	return c->step >= 0 || c->epoch >= 0;
}

/* Keras: the first number after '.', '-', '_' or "epoch" and followed by
 * one of those or the end: weights.05-0.32, model-05, ckpt_epoch05. */
static bool keras_name(const char *p, size_t n, struct source_checkpoint *c)
{
	for (size_t i = 1; i < n; i++) {
		bool after = p[i - 1] == '.' || p[i - 1] == '-' || p[i - 1] == '_' ||
			     (i >= 5 && memcmp(p + i - 5, "epoch", 5) == 0);
		int64_t v;
		size_t k;
		if (!after || !(k = digits(p + i, n - i, &v)))
			continue;
		if (i + k < n && p[i + k] != '.' && p[i + k] != '-' && p[i + k] != '_')
			continue;
		if (v < 1)
			return false;   /* Keras counts from 1: not an epoch */
		c->epoch = v - 1;
		return true;
	}
	return false;
}

static bool owner_is_ckdir(const char *leaf, size_t n)
{
	return (n == 11 && memcmp(leaf, "checkpoints", 11) == 0) || (n == 10 && memcmp(leaf, "checkpoint", 10) == 0) ||
	       (n == 4 && memcmp(leaf, "ckpt", 4) == 0) || (n == 5 && memcmp(leaf, "ckpts", 5) == 0);
}

bool source_checkpoint(const char *dir_rel, const char *name, bool is_dir, struct source_checkpoint *c)
{
	size_t n = strlen(name), dlen = strlen(dir_rel), plen;
	memset(c, 0, sizeof(*c));
	c->step = c->epoch = -1;
	if (is_dir) {
		if (!source_checkpoint_dir(name, n, &c->step))
			return false;
		snprintf(c->owner_rel, sizeof(c->owner_rel), "%s", dir_rel);
		return true;
	}
	if (name[0] == '.')
		return false;
	bool ok = false;
	if (path_ends_with(name, n, ".ckpt"))
		ok = lightning_name(name, n - 5, c);
	else if (path_ends_with(name, n, ".keras"))
		ok = keras_name(name, n - 6, c);
	else if (path_ends_with(name, n, ".hdf5"))
		ok = keras_name(name, n - 5, c);
	else if (path_ends_with(name, n, ".h5"))
		ok = keras_name(name, n - 3, c);
	if (!ok)
		return false;
	/* the run is the directory the checkpoints directory is in */
	const char *leaf = claim_last_part(dir_rel, dlen, &plen);
	size_t keep = dlen && owner_is_ckdir(leaf, dlen - (size_t)(leaf - dir_rel)) ? plen : dlen;
	snprintf(c->owner_rel, sizeof(c->owner_rel), "%.*s", (int)keep, dir_rel);
	return true;
}
