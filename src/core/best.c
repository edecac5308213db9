/* best.c: which way is best for a tag: user rules (--best), then the
 * words of the tag (loss-like min, accuracy-like max), else min. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"
#include "tailboard/xalloc.h"

int store_add_best_rule(struct store *st, const char *spec, char *err, size_t errlen)
{
	const char *eq = strrchr(spec, '=');
	enum best_dir dir;
	if (!eq || eq == spec) {
		snprintf(err, errlen, "--best wants REGEX=min or REGEX=max, not '%s'", spec);
		return TB_ERR;
	}
	if (strcmp(eq + 1, "min") == 0)
		dir = BEST_MIN;
	else if (strcmp(eq + 1, "max") == 0)
		dir = BEST_MAX;
	else {
		snprintf(err, errlen, "--best: direction must be min or max, not '%s'", eq + 1);
		return TB_ERR;
	}
	char *re = xstrndup(spec, (size_t)(eq - spec));
	st->rules = xreallocarray(st->rules, st->nrules + 1, sizeof(*st->rules));
	int rc = regcomp(&st->rules[st->nrules].re, re, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[128];
		regerror(rc, &st->rules[st->nrules].re, msg, sizeof(msg));
		snprintf(err, errlen, "--best: bad regex '%s': %s", re, msg);
		free(re);
		return TB_ERR;
	}
	free(re);
	st->rules[st->nrules++].dir = dir;
	return TB_OK;
}

/* Words of a tag that mean "higher is better" or "lower is better". A word
 * is a run of letters and digits; loss-like words win over accuracy-like. */
static bool word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);
		if (l == n && strncmp(w, *list, n) == 0)
			return true;
	}
	return false;
}

static bool word_prefixed(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);
		if (n >= l && strncmp(w, *list, l) == 0)
			return true;
	}
	return false;
}

static enum best_dir default_dir(const char *tag, size_t len)
{
	static const char *const lower[] = { "loss", "losses", "error", "err", "perplexity", "ppl",
		"wer", "cer", "mse", "mae", "rmse", "nll", "bpd", "bpc", "fid", "distance", NULL };
	static const char *const higher[] = { "acc", "accuracy", "f1", "precision", "recall", "auc",
		"bleu", "sacrebleu", "map", "iou", "miou", "dice", "score", "reward", "return", "r2",
		"psnr", "ssim", "meteor", "spearman", "pearson", "matthews", "correlation", "em",
		"exact", "top1", "top5", "ndcg", "mrr", "hit", "hits", "jaccard", "kappa", NULL };
	static const char *const higher_prefix[] = { "rouge", "bleu", "acc", "top", "f1", "precision",
		"recall", "auc", "map@", NULL };
	char w[64];
	bool hi = false;
	size_t i = 0;
	while (i < len) {
		while (i < len && !isalnum((unsigned char)tag[i]))
			i++;
		size_t n = 0;
		while (i < len && isalnum((unsigned char)tag[i])) {
			if (n < sizeof(w))
				w[n++] = (char)tolower((unsigned char)tag[i]);
			i++;
		}
		if (!n)
			continue;
		if (word_in(w, n, lower))
			return BEST_MIN;
		if (word_in(w, n, higher) || word_prefixed(w, n, higher_prefix))
			hi = true;
	}
	return hi ? BEST_MAX : BEST_MIN;
}

enum best_dir store_best_dir(const struct store *st, const char *tag, size_t len)
{
	/* regexec needs a C string; tags with NUL bytes match up to the NUL */
	char buf[512];
	size_t n = TB_MIN(len, sizeof(buf) - 1);
	memcpy(buf, tag, n);
	buf[n] = '\0';
	for (size_t i = st->nrules; i-- > 0;)
		if (regexec(&st->rules[i].re, buf, 0, NULL, 0) == 0)
			return st->rules[i].dir;
	return default_dir(tag, len);
}

