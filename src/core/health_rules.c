/* health_rules.c: --alert rules, the tag-name rule, and what applies to a
 * tag. None of it runs per point: a tag is configured once, and again only
 * when the rules change. */
#include <ctype.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "health_int.h"

enum rule_kind { R_NAN, R_SPIKE, R_PLATEAU, R_DIVERGE, R_NONE };

struct health_rule {
	enum rule_kind kind;
	char *glob;             /* NULL: every tag */
	bool on;
	bool has_value;
	double value;           /* spike: k; plateau: steps or seconds */
	bool secs;              /* plateau: value is a time span */
};

const char health_rule_usage[] =
	"alert rules: nan | spike[=K] | plateau[=N|=DURATION] | diverge | stall[=DURATION] | none,\n"
	"  or KIND=off; nan, spike, plateau and diverge also per tag: KIND:GLOB[=VALUE|=off]\n"
	"  (K robust deviations, N steps, DURATION like 30s, 10m, 2h, 1d)";

void health_rules_init(struct health_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->stall = true;
	r->stall_floor = HEALTH_STALL_FLOOR;
}

void health_rules_free(struct health_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->list[i].glob);
	free(r->list);
	memset(r, 0, sizeof(*r));
}

bool health_parse_duration(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v <= 0)
		return false;
	double unit = 1;
	if (*end == 's')
		end++;
	else if (*end == 'm')
		unit = 60, end++;
	else if (*end == 'h')
		unit = 3600, end++;
	else if (*end == 'd')
		unit = 86400, end++;
	*out = v * unit;
	return *end == '\0' && isfinite(*out);
}

/* A positive number, no unit. */
static bool parse_number(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	*out = v;
	return end != s && *end == '\0' && isfinite(v) && v > 0;
}

static int fail(char *err, size_t errlen, const char *spec, const char *why)
{
	snprintf(err, errlen, "alert rule '%s': %s", spec, why);
	return TB_ERR;
}

/* The value part of KIND[:GLOB]=VALUE into rule; an error message or NULL. */
static const char *parse_value(struct health_rule *rule, const char *v)
{
	if (!v || strcmp(v, "on") == 0)
		return NULL;
	if (!*v)
		return "no value after '='";
	if (strcmp(v, "off") == 0) {
		rule->on = false;
		return NULL;
	}
	rule->has_value = true;
	switch (rule->kind) {
	case R_SPIKE:
		if (parse_number(v, &rule->value))
			return NULL;
		return "spike wants a number of robust deviations above 0 (like spike=8), or off";
	case R_PLATEAU:
		/* a unit makes it a time span; a bare number counts steps */
		rule->secs = !isdigit((unsigned char)v[strlen(v) - 1]);
		if (rule->secs ? health_parse_duration(v, &rule->value)
			       : parse_number(v, &rule->value) && rule->value == floor(rule->value) &&
				 rule->value < 9e18)
			return NULL;
		return "plateau wants a whole number of steps (like plateau=2000), a duration "
		       "(30s, 10m, 2h, 1d) or off";
	case R_NAN:
		return "nan takes no value but off (nan=off)";
	default:
		return "diverge takes no value but off (diverge=off)";
	}
}

static const struct {
	const char *name;
	enum rule_kind kind;
} kinds[] = {
	{ "nan", R_NAN }, { "spike", R_SPIKE }, { "plateau", R_PLATEAU },
	{ "diverge", R_DIVERGE }, { "divergence", R_DIVERGE }, { "none", R_NONE },
};

static int parse_stall(struct health_rules *r, const char *spec, const char *rest, char *err,
		       size_t errlen)
{
	double v;
	if (*rest == ':')
		return fail(err, errlen, spec, "stall is per run: it takes no tag");
	if (*rest == '\0' || strcmp(rest, "=on") == 0) {
		r->stall = true;
	} else if (strcmp(rest, "=off") == 0) {
		r->stall = false;
	} else if (health_parse_duration(rest + 1, &v)) {
		r->stall = true;
		r->stall_floor = v;
	} else {
		return fail(err, errlen, spec, "stall wants a duration like 30s, 10m, 2h, 1d, or off");
	}
	return TB_OK;
}

int health_rule_parse(struct health_rules *r, const char *spec, char *err, size_t errlen)
{
	size_t klen = strcspn(spec, ":=");
	const char *rest = spec + klen;
	if (klen == 5 && strncmp(spec, "stall", 5) == 0)
		return parse_stall(r, spec, rest, err, errlen);
	struct health_rule rule = { .kind = R_NONE, .on = true };
	size_t k = 0;
	while (k < TB_ARRAY_LEN(kinds) && !(strlen(kinds[k].name) == klen &&
					   strncmp(spec, kinds[k].name, klen) == 0))
		k++;
	if (k == TB_ARRAY_LEN(kinds))
		return fail(err, errlen, spec,
			    "unknown kind; one of nan, spike, plateau, diverge, stall, none");
	rule.kind = kinds[k].kind;
	const char *value = NULL, *eq = strrchr(rest, '=');
	size_t glen = 0;
	if (*rest == ':') {
		glen = eq ? (size_t)(eq - rest - 1) : strlen(rest + 1);
		if (!glen)
			return fail(err, errlen, spec, "no tag after ':' (like spike:train/loss=8)");
		if (rule.kind == R_NONE)
			return fail(err, errlen, spec, "none takes no tag");
	}
	if (eq)
		value = eq + 1;
	if (rule.kind == R_NONE && value)
		return fail(err, errlen, spec, "none takes no value");
	const char *why = parse_value(&rule, value);
	if (why)
		return fail(err, errlen, spec, why);
	if (glen && !(rule.glob = strndup(rest + 1, glen)))
		return TB_NOMEM;
	void *p = realloc(r->list, (r->n + 1) * sizeof(*r->list));
	if (!p) {
		free(rule.glob);
		return TB_NOMEM;
	}
	r->list = p;
	r->list[r->n++] = rule;
	if (rule.kind == R_NONE)
		r->stall = false;
	return TB_OK;
}

int health_kinds_parse(const char *list, unsigned *mask, char *err, size_t errlen)
{
	*mask = 0;
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		int k = 0;
		if (n == 3 && strncmp(p, "all", 3) == 0)
			*mask = (1u << HEALTH_NKINDS) - 1;
		else {
			while (k < HEALTH_NKINDS && !(strlen(health_kind_name((enum health_kind)k)) == n &&
						      strncmp(p, health_kind_name((enum health_kind)k), n) == 0))
				k++;
			if (k == HEALTH_NKINDS) {
				snprintf(err, errlen, "'%.*s' is no alert kind; kinds: nan, spike, plateau, diverge, "
					 "stall, stopped, finished, or all", (int)TB_MIN(n, 64), p);
				return TB_ERR;
			}
			*mask |= 1u << k;
		}
		if (!p[n])
			return TB_OK;
		p += n + 1;
	}
}

/* --- the name rule ------------------------------------------------------ */

static bool word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(w, *list, n) == 0)
			return true;
	return false;
}

/* Schedules, counters, speeds and the machine: the words a leaf name may be
 * made of, all of them, to be exempt ("train/epoch", "grad_norm",
 * "eval/samples_per_second", but not "epoch_loss"). */
static const char *const weak_words[] = { "epoch", "epochs", "step", "steps", "global", "iter",
	"iteration", "time", "timestamp", "train", "training", "eval", "val", "valid", "validation",
	"test", "total", "num", "count", "samples", "tokens", "second", "seconds", "sec", "per", "s",
	"grad", "gradient", "norm", "memory", "mem", "gpu", "cpu", "batch", "size", "wall", "clock",
	"seen", "images", "speed", "it", "scale", NULL };
/* ... and words that exempt a tag wherever they are ("lr-Adam/pg1"). */
static const char *const strong_words[] = { "lr", "flos", "runtime", "throughput", "momentum",
	/* adversarial: a GAN's or a domain classifier's loss is meant to rise */
	"adv", "adversarial", "domain", "gan", "discriminator", "disc", "generator", "critic", "d",
	"g",
	/* reinforcement learning's surrogate terms move with the policy, not
	 * with progress: the reward is the measure */
	"policy", "actor", "entropy", "kl", NULL };
/* Pairs of words that do the same ("epoch_learning_rate", "loss_scale"). */
static const char *const strong_pairs[][2] = { { "learning", "rate" }, { "weight", "decay" },
	{ "loss", "scale" }, { "per", "second" } };

bool health_tag_exempt(const char *tag, size_t len)
{
	if (len && tag[0] == '_')
		return true;    /* W&B's own: _runtime, _timestamp */
	if (len >= 7 && strncasecmp(tag, "system/", 7) == 0)
		return true;
	char w[32], prev[32] = "";
	size_t leaf = len;
	while (leaf > 0 && tag[leaf - 1] != '/')
		leaf--;
	bool all_weak = true, any = false;
	for (size_t i = 0; i < len;) {
		while (i < len && !isalnum((unsigned char)tag[i]))
			i++;
		size_t n = 0, start = i;
		for (; i < len && isalnum((unsigned char)tag[i]); i++)
			if (n < sizeof(w) - 1)
				w[n++] = (char)tolower((unsigned char)tag[i]);
		w[n] = '\0';
		if (!n)
			continue;
		if (word_is(w, n, strong_words))
			return true;
		for (size_t k = 0; k < TB_ARRAY_LEN(strong_pairs); k++)
			if (!strcmp(prev, strong_pairs[k][0]) && !strcmp(w, strong_pairs[k][1]))
				return true;
		memcpy(prev, w, n + 1);
		if (start >= leaf) {
			any = true;
			all_weak = all_weak && word_is(w, n, weak_words);
		}
	}
	return any && all_weak;
}

/* --- what applies to a tag ---------------------------------------------- */

static void rule_apply(struct health_cfg *c, const struct health_rule *rule, bool explicit[4])
{
	switch (rule->kind) {
	case R_NAN:
		c->nan = rule->on;
		break;
	case R_SPIKE:
		c->spike = rule->on;
		if (rule->has_value)
			c->spike_k = rule->value;
		break;
	case R_PLATEAU:
		c->plateau = rule->on;
		if (rule->has_value) {
			c->plateau_secs = rule->secs ? rule->value : 0;
			c->plateau_steps = rule->secs ? 0 : (int64_t)rule->value;
		}
		break;
	case R_DIVERGE:
		c->diverge = rule->on;
		break;
	case R_NONE:
		c->nan = c->spike = c->plateau = c->diverge = false;
		memset(explicit, 0, 4 * sizeof(bool));
		return;
	}
	explicit[rule->kind] = rule->glob && rule->on;
}

static void resolve(struct health_cfg *c, const struct health_rules *r, const char *tag, size_t len,
		    enum health_dir dir)
{
	char name[512];
	size_t n = TB_MIN(len, sizeof(name) - 1);
	memcpy(name, tag, n);   /* fnmatch needs a C string: a NUL in a tag ends it */
	name[n] = '\0';
	bool explicit[4] = { false };
	*c = (struct health_cfg){ .dir = dir, .nan = true, .spike = true, .plateau = true,
		.diverge = true, .spike_k = HEALTH_SPIKE_K, .spike_rel = HEALTH_SPIKE_REL };
	for (size_t i = 0; i < r->n; i++)
		if (!r->list[i].glob || fnmatch(r->list[i].glob, name, 0) == 0)
			rule_apply(c, &r->list[i], explicit);
	if (health_tag_exempt(tag, len)) {
		c->spike = c->spike && explicit[R_SPIKE];
		c->plateau = c->plateau && explicit[R_PLATEAU];
		c->diverge = c->diverge && explicit[R_DIVERGE];
	}
	if (dir == HEALTH_DIR_NONE) {
		/* no best, no plateau and no way to climb; spikes both ways, if asked */
		c->plateau = c->diverge = false;
		c->spike = c->spike && explicit[R_SPIKE];
		c->two_sided = c->spike;
	}
}

void health_tag_configure(struct health_tag *t, const struct health_rules *r, const char *tag,
			  size_t len, enum health_dir dir)
{
	struct health_cfg old = t->cfg;
	resolve(&t->cfg, r, tag, len, dir);
	if (old.dir != t->cfg.dir)
		health_tag_redirect(t);     /* bests were kept the other way round */
	health_tag_thresholds(t);
}

void health_tag_init(struct health_tag *t, const struct health_rules *r, const char *tag,
		     size_t len, enum health_dir dir)
{
	memset(t, 0, sizeof(*t));
	health_tag_reset(t);
	resolve(&t->cfg, r, tag, len, dir);
}
