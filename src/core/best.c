/* best.c: which way is best for a tag: user rules (--best), then the
 * words of the tag, as the table in the README says; the first row that
 * matches wins:
 *   none  system/ and sys/ tags
 *   min   loss, error, perplexity, WER, CER, MSE, MAE, NLL, FID, distance
 *   max   a rate per second (throughput, before its "steps" make it a counter)
 *   max   accuracy, F1, precision, recall, AUC, PRC, BLEU, ROUGE, mAP, IoU,
 *         reward, return, score, ELBO, likelihood, expression rate...
 *         ("epoch_accuracy" is an accuracy), unless "neg" or "negative"
 *         comes before it ("neg_elbo" is a loss)
 *   none  learning rate, epoch, step counters, runtime, gradient norm,
 *         FLOPs, momentum, weight decay
 *   min   everything else, as TensorBoard users expect of a curve to watch
 * The last line is a guess, not knowledge: store_best_dir_known() says
 * which directions a rule or a word gave, for the health detectors, which
 * watch a plateau or a climb only where the direction is known. */
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
		snprintf(err, errlen, "--best wants REGEX=min, REGEX=max or REGEX=none, not '%s'", spec);
		return TB_ERR;
	}
	if (strcmp(eq + 1, "min") == 0)
		dir = BEST_MIN;
	else if (strcmp(eq + 1, "max") == 0)
		dir = BEST_MAX;
	else if (strcmp(eq + 1, "none") == 0)
		dir = BEST_NONE;
	else {
		snprintf(err, errlen, "--best: direction must be min, max or none, not '%s'", eq + 1);
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

static const char *const lower[] = { "loss", "losses", "error", "err", "perplexity", "ppl",
	"wer", "cer", "mse", "mae", "rmse", "nll", "bpd", "bpc", "fid", "distance", NULL };
static const char *const higher[] = { "acc", "accuracy", "f1", "precision", "recall", "auc",
	"bleu", "sacrebleu", "map", "iou", "miou", "dice", "score", "reward", "return", "r2",
	"psnr", "ssim", "meteor", "spearman", "pearson", "matthews", "correlation", "em",
	"exact", "top1", "top5", "ndcg", "mrr", "hit", "hits", "jaccard", "kappa", "throughput",
	/* evidence lower bound and likelihoods (not "nll", a loss); Keras'
	 * PR-curve AUC; expression recognition rate (val_ExpRate) */
	"elbo", "likelihood", "loglik", "loglikelihood", "prc", "auprc", "auroc", "exprate", NULL };
static const char *const higher_prefix[] = { "rouge", "bleu", "acc", "top", "f1", "precision",
	"recall", "auc", "map@", NULL };
/* settings and counters: no value of theirs is better than another */
static const char *const neutral[] = { "lr", "epoch", "epochs", "step", "steps", "iteration",
	"iterations", "iter", "runtime", "flos", "flops", "momentum", "wd", "decay", "warmup",
	"gradnorm", "norm", "time", "duration", "seconds", "timestamp", NULL };

/* The tag's words, lowercased: runs of letters and digits. */
struct words {
	char w[16][32];
	size_t len[16], n;
};

static void split_words(const char *tag, size_t len, struct words *ws)
{
	ws->n = 0;
	for (size_t i = 0; i < len && ws->n < 16;) {
		while (i < len && !isalnum((unsigned char)tag[i]))
			i++;
		size_t n = 0;
		while (i < len && isalnum((unsigned char)tag[i])) {
			if (n < sizeof(ws->w[0]))
				ws->w[ws->n][n++] = (char)tolower((unsigned char)tag[i]);
			i++;
		}
		if (n)
			ws->len[ws->n++] = n;
	}
}

static bool has_word(const struct words *ws, const char *const *list)
{
	for (size_t i = 0; i < ws->n; i++)
		if (word_in(ws->w[i], ws->len[i], list))
			return true;
	return false;
}

static bool word_is(const struct words *ws, size_t i, const char *w)
{
	return i < ws->n && ws->len[i] == strlen(w) && strncmp(ws->w[i], w, ws->len[i]) == 0;
}

/* "per second", "per sec", "/s": a rate, better high. */
static bool per_second(const struct words *ws, const char *tag, size_t len)
{
	for (size_t i = 0; i + 1 < ws->n; i++)
		if (word_is(ws, i, "per") && (word_is(ws, i + 1, "second") || word_is(ws, i + 1, "sec") ||
					      word_is(ws, i + 1, "s")))
			return true;
	return len >= 2 && memcmp(tag + len - 2, "/s", 2) == 0;
}

/* The direction the words of a tag give; *known false when none did and
 * the answer is the default guess. */
static enum best_dir default_dir(const char *tag, size_t len, bool *known)
{
	struct words ws;
	*known = true;
	if ((len >= 7 && memcmp(tag, "system/", 7) == 0) || (len >= 4 && memcmp(tag, "sys/", 4) == 0))
		return BEST_NONE;
	split_words(tag, len, &ws);
	if (has_word(&ws, lower))
		return BEST_MIN;
	if (per_second(&ws, tag, len))
		return BEST_MAX;
	bool negated = false;   /* "neg_elbo", "negative_log_likelihood": a loss */
	for (size_t i = 0; i < ws.n; i++) {
		negated = negated || word_is(&ws, i, "neg") || word_is(&ws, i, "negative");
		if (word_in(ws.w[i], ws.len[i], higher) || word_prefixed(ws.w[i], ws.len[i], higher_prefix))
			return negated ? BEST_MIN : BEST_MAX;   /* Keras' epoch_accuracy is an accuracy */
	}
	for (size_t i = 0; i + 1 < ws.n; i++)
		if ((word_is(&ws, i, "learning") && word_is(&ws, i + 1, "rate")) ||
		    (word_is(&ws, i, "grad") && word_is(&ws, i + 1, "norm")) ||
		    (word_is(&ws, i, "global") && word_is(&ws, i + 1, "step")))
			return BEST_NONE;
	if (has_word(&ws, neutral))
		return BEST_NONE;
	*known = false;
	return BEST_MIN;
}

static enum best_dir best_dir(const struct store *st, const char *tag, size_t len, bool *known)
{
	/* regexec needs a C string; tags with NUL bytes match up to the NUL */
	char buf[512];
	size_t n = TB_MIN(len, sizeof(buf) - 1);
	memcpy(buf, tag, n);
	buf[n] = '\0';
	*known = true;
	for (size_t i = st->nrules; i-- > 0;)
		if (regexec(&st->rules[i].re, buf, 0, NULL, 0) == 0)
			return st->rules[i].dir;
	return default_dir(tag, len, known);
}

enum best_dir store_best_dir(const struct store *st, const char *tag, size_t len)
{
	bool known;
	return best_dir(st, tag, len, &known);
}

bool store_best_dir_known(const struct store *st, const char *tag, size_t len)
{
	bool known;
	best_dir(st, tag, len, &known);
	return known;
}

