/* test_health_rules.c: --alert rules (what they turn on, and the errors),
 * the tag-name rule, and the text and JSON renderings of events. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/health.h"

static void test_names(void)
{
	static const char *const exempt[] = { "lr", "train/learning_rate", "epoch", "train/epoch",
		"lr-Adam", "lr-AdamW/pg1", "epoch_learning_rate", "train/grad_norm", "train/total_flos",
		"train/train_runtime", "eval/runtime", "eval/samples_per_second",
		"train/train_steps_per_second", "system/gpu.0.temp", "System/cpu", "_runtime",
		"Training/step", "global_step", "loss_scale", "momentum", "train_domain_loss",
		"val_domain_acc", "lambda_adv", "loss_D", "G/loss", "Policy Loss", "entropy", NULL };
	static const char *const kept[] = { "train/loss", "loss", "epoch_loss", "epoch_accuracy",
		"val_acc", "evaluation_accuracy_vs_iterations", "eval/wer", "error_rate", "val_ExpRate",
		"train/train_loss", "Episode reward", "Value Loss", "step_loss", "eval/rouge1",
		"batch_loss", "perplexity", NULL };
	int ok = 1;
	for (int i = 0; exempt[i]; i++)
		if (!health_tag_exempt(exempt[i], strlen(exempt[i]))) {
			printf("# should be exempt: %s\n", exempt[i]);
			ok = 0;
		}
	TAP_OK(ok, "schedules, counters, speeds, the machine, adversarial and RL surrogate terms: exempt");
	ok = 1;
	for (int i = 0; kept[i]; i++)
		if (health_tag_exempt(kept[i], strlen(kept[i]))) {
			printf("# should not be exempt: %s\n", kept[i]);
			ok = 0;
		}
	TAP_OK(ok, "losses, accuracies, rewards and metrics that mention an epoch or a rate: checked");
	TAP_OK(!health_tag_exempt("", 0), "an empty tag is not exempt");
	TAP_OK(health_tag_exempt("lr\0x", 4), "a tag with a NUL byte is read whole");
}

/* cfg of a tag under the rules given (NULL-terminated) */
static struct health_cfg cfg_for(const char *const *specs, const char *tag, enum health_dir dir)
{
	struct health_rules r;
	struct health_tag t;
	char err[256];
	health_rules_init(&r);
	for (int i = 0; specs[i]; i++)
		if (health_rule_parse(&r, specs[i], err, sizeof(err)) != TB_OK)
			printf("# unexpected error: %s\n", err);
	health_tag_init(&t, &r, tag, strlen(tag), dir);
	health_rules_free(&r);
	return t.cfg;
}

#define RULES(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_rules(void)
{
	struct health_cfg c = cfg_for(RULES(NULL), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(c.nan && c.spike && c.plateau && c.diverge && c.spike_k == HEALTH_SPIKE_K &&
	       c.plateau_steps == 0 && c.plateau_secs == 0, "defaults: everything on a loss");
	c = cfg_for(RULES(NULL), "train/learning_rate", HEALTH_DIR_MIN);
	TAP_OK(c.nan && !c.spike && !c.plateau && !c.diverge, "defaults: NaN only on the learning rate");
	c = cfg_for(RULES(NULL), "hp_metric", HEALTH_DIR_NONE);
	TAP_OK(c.nan && !c.spike && !c.plateau && !c.diverge, "defaults: NaN only without a direction");
	c = cfg_for(RULES("spike=6"), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(c.spike && c.spike_k == 6, "spike=6");
	c = cfg_for(RULES("spike:train/*=4"), "eval/loss", HEALTH_DIR_MIN);
	TAP_OK(c.spike_k == HEALTH_SPIKE_K, "spike:train/*=4 leaves eval/loss alone");
	c = cfg_for(RULES("spike:train/*=4"), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(c.spike_k == 4, "spike:train/*=4 on train/loss");
	c = cfg_for(RULES("spike:train/loss=6", "spike=off"), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(!c.spike, "later rules win: spike=off after spike:train/loss=6");
	c = cfg_for(RULES("spike=off", "spike:train/loss"), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(c.spike && c.spike_k == HEALTH_SPIKE_K, "... and spike:train/loss after spike=off");
	c = cfg_for(RULES("plateau=2000"), "eval/loss", HEALTH_DIR_MIN);
	TAP_OK(c.plateau && c.plateau_steps == 2000 && c.plateau_secs == 0, "plateau=2000 (steps)");
	c = cfg_for(RULES("plateau:eval/loss=30m"), "eval/loss", HEALTH_DIR_MIN);
	TAP_OK(c.plateau && c.plateau_secs == 1800 && c.plateau_steps == 0, "plateau:eval/loss=30m (a time)");
	c = cfg_for(RULES("plateau:eval/loss=off", "diverge=off", "nan=off"), "eval/loss", HEALTH_DIR_MIN);
	TAP_OK(!c.plateau && !c.diverge && !c.nan && c.spike, "plateau:TAG=off, diverge=off, nan=off");
	c = cfg_for(RULES("none", "nan"), "train/loss", HEALTH_DIR_MIN);
	TAP_OK(c.nan && !c.spike && !c.plateau && !c.diverge, "none, then nan: NaN only");
	c = cfg_for(RULES("spike:train/grad_norm=5"), "train/grad_norm", HEALTH_DIR_NONE);
	TAP_OK(c.spike && c.two_sided && c.spike_k == 5 && !c.plateau,
	       "a rule naming an exempt tag turns spikes on it, both ways without a direction");
	c = cfg_for(RULES("spike=5"), "train/grad_norm", HEALTH_DIR_MIN);
	TAP_OK(!c.spike, "... but not a rule for every tag");
	c = cfg_for(RULES("plateau:lr-Adam=100"), "lr-Adam", HEALTH_DIR_MIN);
	TAP_OK(c.plateau && c.plateau_steps == 100, "plateau on an exempt tag when named, with the caller's direction");

	struct health_rules r;
	char err[256];
	health_rules_init(&r);
	TAP_OK(r.stall && r.stall_floor == HEALTH_STALL_FLOOR, "stall: on, floor 10 min by default");
	TAP_OK(health_rule_parse(&r, "stall=10m", err, sizeof(err)) == TB_OK && r.stall_floor == 600, "stall=10m");
	TAP_OK(health_rule_parse(&r, "stall=2h", err, sizeof(err)) == TB_OK && r.stall_floor == 7200, "stall=2h");
	TAP_OK(health_rule_parse(&r, "stall=30s", err, sizeof(err)) == TB_OK && r.stall_floor == 30, "stall=30s");
	TAP_OK(health_rule_parse(&r, "stall=1d", err, sizeof(err)) == TB_OK && r.stall_floor == 86400, "stall=1d");
	TAP_OK(health_rule_parse(&r, "stall=90", err, sizeof(err)) == TB_OK && r.stall_floor == 90,
	       "stall=90: plain seconds");
	TAP_OK(health_rule_parse(&r, "stall=off", err, sizeof(err)) == TB_OK && !r.stall, "stall=off");
	TAP_OK(health_rule_parse(&r, "stall", err, sizeof(err)) == TB_OK && r.stall, "stall: back on");
	TAP_OK(health_rule_parse(&r, "none", err, sizeof(err)) == TB_OK && !r.stall, "none: stall off too");
	health_rules_free(&r);
}

static void test_rule_errors(void)
{
	static const struct {
		const char *spec, *says;
	} bad[] = {
		{ "", "unknown kind" },
		{ "spik", "unknown kind" },
		{ "spikes=3", "unknown kind" },
		{ "spike=", "no value" },
		{ "spike=abc", "robust deviations" },
		{ "spike=-1", "above 0" },
		{ "spike=0", "above 0" },
		{ "spike=3x", "robust deviations" },
		{ "spike:=4", "no tag" },
		{ "plateau=1.5", "whole number of steps" },
		{ "plateau=10x", "duration" },
		{ "plateau=-5", "whole number" },
		{ "plateau=0", "whole number" },
		{ "stall=10x", "duration" },
		{ "stall=-3m", "duration" },
		{ "stall:train/loss=10m", "per run" },
		{ "nan=3", "nan takes no value but off" },
		{ "diverge=2", "diverge takes no value but off" },
		{ "none=1", "none takes no value" },
		{ "none:x", "none takes no tag" },
	};
	struct health_rules r;
	char err[256];
	health_rules_init(&r);
	for (size_t i = 0; i < TB_ARRAY_LEN(bad); i++) {
		err[0] = '\0';
		int rc = health_rule_parse(&r, bad[i].spec, err, sizeof(err));
		char quoted[64];
		snprintf(quoted, sizeof(quoted), "'%s'", bad[i].spec);
		TAP_OK(rc == TB_ERR && strstr(err, quoted) && strstr(err, bad[i].says),
		       "'%s' is refused: %s", bad[i].spec, err);
	}
	TAP_EQ_INT(r.n, 0, "refused rules leave nothing behind");
	TAP_OK(strstr(health_rule_usage, "spike") && strstr(health_rule_usage, "10m"), "a usage text to print");
	health_rules_free(&r);
}

static void text_is(const struct health_event *ev, const char *run, const char *tag, const char *want,
		    const char *what)
{
	char buf[512];
	health_event_text(ev, run, run ? strlen(run) : 0, tag, tag ? strlen(tag) : 0, false, buf, sizeof(buf));
	TAP_EQ_STR(buf, want, "%s", what);
}

static void test_render(void)
{
	struct health_event ev = { .kind = HEALTH_NAN, .step = 1200, .value = NAN, .wall = 1.7e9, .count = 3 };
	text_is(&ev, NULL, "train/loss", "train/loss: NaN at step 1200 (first of 3)", "text: NaN");
	ev.count = 1;
	ev.value = -INFINITY;
	text_is(&ev, "run1", "train/loss", "run1 train/loss: -Inf at step 1200", "text: -Inf, with the run");
	ev = (struct health_event){ .kind = HEALTH_SPIKE, .step = 2500, .value = 8.3125, .ref = 2.1, .dev = 41.2 };
	text_is(&ev, NULL, "train/loss", "train/loss: spike to 8.312 at step 2500 (median 2.1, 41 robust deviations)",
		"text: spike");
	ev = (struct health_event){ .kind = HEALTH_PLATEAU, .step = 6000, .value = 0.4, .ref = 0.312, .ref_step = 4000 };
	text_is(&ev, NULL, "eval/loss",
		"eval/loss: no improvement for 2000 steps at step 6000 (smoothed best 0.312 at step 4000)",
		"text: plateau");
	ev = (struct health_event){ .kind = HEALTH_DIVERGE, .step = 5000, .value = 9, .ref = 2.3, .ref_step = 8,
		.dev = 7.5 };
	text_is(&ev, NULL, "train/loss",
		"train/loss: diverging at step 5000: smoothed 7.5, back to or past its start (2.3 at step 8)",
		"text: divergence");
	ev = (struct health_event){ .kind = HEALTH_STALL, .step = 1200, .value = 720, .ref = 600, .dev = 30 };
	text_is(&ev, "runs/a", NULL, "runs/a: no writes for 12m (usually every 30s), last step 1200", "text: stall");
	ev = (struct health_event){ .kind = HEALTH_STOPPED, .step = 1200, .value = 3 * 3600 + 300 };
	text_is(&ev, "runs/a", NULL, "runs/a: stopped without finishing: no writes for 3h05m, last step 1200",
		"text: stopped");
	ev = (struct health_event){ .kind = HEALTH_FINISHED, .step = 5000 };
	text_is(&ev, "runs/a", NULL, "runs/a: finished at step 5000", "text: finished");

	char buf[512];
	ev = (struct health_event){ .kind = HEALTH_NAN, .step = 7, .value = NAN, .count = 1 };
	health_event_text(&ev, "r\x1b[2J", 6, "t\xff", 2, false, buf, sizeof(buf));
	TAP_OK(!strchr(buf, '\x1b') && strstr(buf, "\\x1b") && strstr(buf, "\xef\xbf\xbd"),
	       "text: an escape sequence and a bad byte in names come out visible");
	health_event_text(&ev, "r\xc3\xa9", 3, "t", 1, true, buf, sizeof(buf));
	TAP_OK(strncmp(buf, "r? t:", 5) == 0, "text: ASCII mode replaces what is not ASCII");
	health_event_text(&ev, NULL, 0, "train/loss", 10, false, buf, 12);
	TAP_EQ_STR(buf, "train/loss:", "text: cut to the buffer, NUL-terminated");

	ev = (struct health_event){ .kind = HEALTH_SPIKE, .step = 2500, .value = 8.5, .wall = 1700000000.25,
		.ref = 2, .dev = 40 };
	size_t n = health_event_json(&ev, "runs/a", 6, "train/loss", 10, buf, sizeof(buf));
	TAP_EQ_STR(buf, "{\"kind\":\"spike\",\"run\":\"runs/a\",\"tag\":\"train/loss\",\"step\":2500,"
		   "\"value\":8.5,\"wall_time\":1700000000.25,\"text\":\"runs/a train/loss: spike to 8.5 "
		   "at step 2500 (median 2, 40 robust deviations)\"}", "JSON: one object, every key");
	TAP_EQ_INT(n, strlen(buf), "JSON: returns its length");
	ev.value = (double)1.9008946f;
	health_event_json(&ev, "r", 1, "t", 1, buf, sizeof(buf));
	TAP_OK(strstr(buf, "\"value\":1.9008946418762207,") != NULL, "JSON: a double read back exactly: %s", buf);
	ev.single = true;
	health_event_json(&ev, "r", 1, "t", 1, buf, sizeof(buf));
	TAP_OK(strstr(buf, "\"value\":1.9008946,") != NULL, "JSON: a float32 reading as that float: %s", buf);
	ev = (struct health_event){ .kind = HEALTH_NAN, .step = 3, .value = NAN, .wall = 0.1, .count = 1 };
	health_event_json(&ev, "a\"b\\c", 5, "x\ny", 3, buf, sizeof(buf));
	TAP_OK(strstr(buf, "\"run\":\"a\\\"b\\\\c\"") && strstr(buf, "\"tag\":\"x\\\\x0ay\"") &&
	       strstr(buf, "\"value\":\"nan\"") && strstr(buf, "\"wall_time\":0.1,"),
	       "JSON: quotes and backslashes escaped, a newline as export writes it, NaN as \"nan\"");
	ev = (struct health_event){ .kind = HEALTH_SPIKE, .step = 40, .value = 100, .wall = 1e-5 };
	health_event_json(&ev, "r", 1, "t", 1, buf, sizeof(buf));
	TAP_OK(strstr(buf, "\"value\":100,\"wall_time\":1e-05,") != NULL, "JSON: whole numbers as such: %s", buf);
	health_json_line("until", &ev, "r", 1, "t", 1, "r t: until t>1 met \x1b", buf, sizeof(buf));
	TAP_OK(strncmp(buf, "{\"kind\":\"until\",\"run\":\"r\",\"tag\":\"t\",\"step\":40,", 40) == 0 &&
	       strstr(buf, "\"text\":\"r t: until t>1 met \\\\x1b\"}"), "JSON: a line of another kind, its text sanitised: %s", buf);
	ev = (struct health_event){ .kind = HEALTH_STALL, .step = 9, .value = 600, .ref = 600 };
	health_event_json(&ev, "r", 1, NULL, 0, buf, sizeof(buf));
	TAP_OK(strstr(buf, "\"kind\":\"stall\"") && strstr(buf, "\"tag\":null"), "JSON: a run event has no tag");
	TAP_EQ_INT(health_event_json(&ev, "r", 1, NULL, 0, buf, 20), SIZE_MAX, "JSON: too small a buffer says so");
	TAP_EQ_STR(health_kind_name(HEALTH_DIVERGE), "diverge", "kind names");
	double d;
	TAP_OK(health_parse_duration("90s", &d) && d == 90 && health_parse_duration("2h", &d) && d == 7200 &&
	       health_parse_duration("0.5", &d) && d == 0.5, "durations: 90s, 2h, 0.5");
	TAP_OK(!health_parse_duration("0", &d) && !health_parse_duration("5x", &d) && !health_parse_duration("", &d),
	       "durations: 0, 5x and nothing refused");
	unsigned mask;
	char err[256];
	TAP_OK(health_kinds_parse("nan,stall", &mask, err, sizeof(err)) == TB_OK &&
	       mask == (1u << HEALTH_NAN | 1u << HEALTH_STALL), "kinds: nan,stall");
	TAP_OK(health_kinds_parse("all", &mask, err, sizeof(err)) == TB_OK && mask == (1u << HEALTH_NKINDS) - 1,
	       "kinds: all");
	TAP_OK(health_kinds_parse("nan,,spike", &mask, err, sizeof(err)) == TB_ERR && strstr(err, "no alert kind"),
	       "kinds: an empty one refused: %s", err);
	TAP_OK(health_kinds_parse("spikes", &mask, err, sizeof(err)) == TB_ERR, "kinds: spikes refused");
	TAP_EQ_STR(health_kind_name((enum health_kind)99), "unknown", "... and a bad kind");
}

int main(void)
{
	test_names();
	test_rules();
	test_rule_errors();
	test_render();
	return tap_done();
}
