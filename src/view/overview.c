/* overview.c: the run overview (i), a pane over the charts for the
 * selected run: what it is, its config or hyperparameters, its summary
 * (final values), its environment, Hugging Face's best, its checkpoints.
 * Sections are made from the run facts the readers gave the store (keys
 * "summary/..." and "env/...", HF's best_*), one "key  value" row each,
 * the values cut at the width; / keeps the rows whose key (or section)
 * matches. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define KEY_ESC 27

enum { SEC_RUN, SEC_CONFIG, SEC_SUMMARY, SEC_ENV, SEC_HF, SEC_CKPT, SEC_N };

struct ov_row {
	int sec;
	char *key, *val;        /* sanitised */
};

struct ov_rows {
	const struct view *v;
	struct ov_row *r;
	size_t n, cap;
};

static void row_add(struct ov_rows *o, int sec, const char *key, const char *val)
{
	xgrow((void **)&o->r, &o->cap, o->n + 1, sizeof *o->r);
	struct ov_row *r = &o->r[o->n++];
	r->sec = sec;
	r->key = sanitize_dup(key, strlen(key), !o->v->utf8);
	r->val = sanitize_dup(val, strlen(val), !o->v->utf8);
}

static const char *const hf_keys[] = {
	"best_metric", "best_model_checkpoint", "best_global_step", "global_step", "epoch",
};

/* Environment keys in the order one reads them; others after, as read. */
static const char *const env_order[] = {
	"host", "os", "python", "gpu", "gpu count", "cpu count", "cpu count logical", "cuda", "docker",
	"git remote", "git commit", "command", "code path", "executable", "started",
};

static int info_section(const char *key)
{
	if (strncmp(key, "summary/", 8) == 0)
		return SEC_SUMMARY;
	if (strncmp(key, "env/", 4) == 0)
		return SEC_ENV;
	for (size_t i = 0; i < TB_ARRAY_LEN(hf_keys); i++)
		if (strcmp(key, hf_keys[i]) == 0)
			return SEC_HF;
	return SEC_RUN;
}

static void env_rows(struct ov_rows *o, const struct run *r)
{
	bool *done = xcalloc(r->ninfo + 1, sizeof *done);
	for (size_t k = 0; k <= TB_ARRAY_LEN(env_order); k++)
		for (size_t i = 0; i < r->ninfo; i++) {
			const char *key = r->info[i].key;
			if (done[i] || info_section(key) != SEC_ENV ||
			    (k < TB_ARRAY_LEN(env_order) && strcmp(key + 4, env_order[k]) != 0))
				continue;
			done[i] = true;
			row_add(o, SEC_ENV, key + 4, r->info[i].value);
		}
	free(done);
}

/* "best at step X, N steps ago; nearest checkpoint Y (M steps earlier)" */
static void best_row(struct ov_rows *o, const struct series *s, const int64_t *ck, size_t nck)
{
	if (s->best == SIZE_MAX)
		return;
	char val[32], key[300], buf[512];
	int64_t b = series_step(s, s->best), last = series_step(s, series_last(s)), near = checkpoint_nearest(ck, nck, b);
	label_value(series_value(s, s->best), val, sizeof val);
	int n = snprintf(buf, sizeof buf, "%s at step %lld, %lld steps ago", val, (long long)b, (long long)(last - b));
	if (n > 0 && (size_t)n < sizeof buf && near >= 0)
		snprintf(buf + n, sizeof buf - (size_t)n, near == b ? "; checkpoint at that step" :
			 "; nearest checkpoint %lld (%lld steps %s)", (long long)near,
			 (long long)(near > b ? near - b : b - near), near > b ? "later" : "earlier");
	snprintf(key, sizeof key, "best %.*s", (int)TB_MIN(s->tag_len, 200), s->tag);
	row_add(o, SEC_CKPT, key, buf);
}

/* The run's checkpoints, and for the selected chart's tag (every tag
 * with a best when none is selected) how far its best is from one. */
static void checkpoint_rows(struct ov_rows *o, const struct run *r)
{
	const struct view *v = o->v;
	int64_t ck[512];
	size_t nck = store_run_checkpoints(v->st, r, ck, TB_ARRAY_LEN(ck));
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%zu", nck);
	for (size_t i = 0; i < nck && n > 0 && (size_t)n < sizeof buf - 40; i++) {
		if (i == 6 && nck > 8)
			i = nck - 2, n += snprintf(buf + n, sizeof buf - (size_t)n, ", ...");
		n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%lld", i ? ", " : ": steps ", (long long)ck[i]);
	}
	if (nck)
		row_add(o, SEC_CKPT, "checkpoints", buf);
	const struct view_item *it = model_sel_item(v);
	const struct series *sel = it && it->tag != SIZE_MAX ?
		run_find_series(r, v->tags[it->tag].tag, v->tags[it->tag].len) : NULL;
	if (sel) {
		best_row(o, sel, ck, nck);
		return;
	}
	for (size_t i = 0, shown = 0; i < r->nseries && shown < 8; i++)
		if (r->series[i]->best != SIZE_MAX) {
			best_row(o, r->series[i], ck, nck);
			shown++;
		}
}

static void run_rows(struct ov_rows *o, const struct run *r)
{
	char num[160], name[4096];
	snprintf(name, sizeof name, "%.*s", (int)TB_MIN(r->name_len, sizeof name - 1), r->name);
	row_add(o, SEC_RUN, "run", name);
	if (r->label)
		row_add(o, SEC_RUN, "name", r->label);
	row_add(o, SEC_RUN, "format", r->format ? r->format : "");
	snprintf(num, sizeof num, "%zu in %zu tags%s%s%s", r->npoints, r->nseries,
		 r->stale ? " (stale: its files are gone)" : "", r->finished ? ", finished: " : "",
		 r->finished ? r->finished : "");
	row_add(o, SEC_RUN, "points", num);
	for (size_t i = 0; i < r->ninfo; i++)
		if (info_section(r->info[i].key) == SEC_RUN)
			row_add(o, SEC_RUN, r->info[i].key, r->info[i].value);
	for (size_t i = 0; i < r->nhparams; i++)
		row_add(o, SEC_CONFIG, r->hparams[i].key, r->hparams[i].value);
	for (size_t i = 0; i < r->ninfo; i++)
		if (info_section(r->info[i].key) == SEC_SUMMARY)
			row_add(o, SEC_SUMMARY, r->info[i].key + 8, r->info[i].value);
	env_rows(o, r);
	for (size_t k = 0; k < TB_ARRAY_LEN(hf_keys); k++)
		for (size_t i = 0; i < r->ninfo; i++)
			if (strcmp(r->info[i].key, hf_keys[k]) == 0)
				row_add(o, SEC_HF, hf_keys[k], r->info[i].value);
	checkpoint_rows(o, r);
}

/* Where the hyperparameters came from, as the run's format says. */
static const char *config_title(const struct run *r)
{
	const char *f = r->format ? r->format : "";
	if (strncmp(f, "wandb", 5) == 0)
		return "Config (W&B)";
	if (strcmp(f, "tfevents") == 0)
		return "Hyperparameters (TensorBoard hparams)";
	if (strcmp(f, "trainer_state") == 0)
		return "Hyperparameters (TrainingArguments, model config)";
	if (strcmp(f, "csv") == 0)
		return "Hyperparameters (hparams.yaml)";
	return "Hyperparameters";
}

/* The filter: a case-insensitive extended regex on the key; text that
 * is no regex is looked for as it is, in any case. */
struct ov_match {
	const char *text;
	regex_t re;
	bool is_re;
};

static bool key_matches(const struct ov_match *m, const char *key)
{
	if (!m->text[0])
		return true;
	if (m->is_re)
		return regexec(&m->re, key, 0, NULL, 0) == 0;
	return strcasestr(key, m->text) != NULL;
}

/* s cut to w cells, ending in an ellipsis when cut. */
static void cut(const struct view *v, const char *s, int w, char *out, size_t cap)
{
	text_cut(s, w, v->utf8, out, cap);
}

static const char *sec_title(int sec, const struct run *r)
{
	static const char *const titles[SEC_N] = { "Run", NULL, "Summary", "Environment", "Hugging Face",
						   "Best values and checkpoints" };
	return sec == SEC_CONFIG ? config_title(r) : titles[sec];
}

/* A row is kept when its key matches, or its section's title does
 * ("env" keeps the whole Environment). */
static bool row_matches(const struct ov_match *m, const struct ov_row *row, const struct run *r)
{
	return key_matches(m, row->key) || (m->text[0] && key_matches(m, sec_title(row->sec, r)));
}

static void emit_lines(const struct ov_rows *o, const struct ov_match *m, const struct run *r, struct lines *l)
{
	/* the key column: as wide as the longest key shown, up to 36 cells or
	 * 2/5 of the width (a longer key is cut; / still matches all of it) */
	int keyw = 4, cap_w = TB_MAX(6, TB_MIN(36, l->w * 2 / 5));
	for (size_t i = 0; i < o->n; i++)
		if (row_matches(m, &o->r[i], r))
			keyw = TB_MAX(keyw, TB_MIN(sanitize_width(o->r[i].key), cap_w));
	char line[8192], k[1024], val[6144];
	size_t shown = 0;
	for (int sec = 0; sec < SEC_N; sec++) {
		bool head = false;
		for (size_t i = 0; i < o->n; i++) {
			const struct ov_row *row = &o->r[i];
			if (row->sec != sec || !row_matches(m, row, r))
				continue;
			if (!head) {
				if (l->n)
					lines_add(l, "");
				lines_add(l, sec_title(sec, r));
				head = true;
			}
			cut(o->v, row->key, keyw, k, sizeof k);
			cut(o->v, row->val, l->w - keyw - 4, val, sizeof val);
			snprintf(line, sizeof line, "  %s%*s  %s", k, keyw - sanitize_width(k), "", val);
			lines_add(l, line);
			shown++;
		}
	}
	if (!shown && m->text[0])
		lines_add(l, "no key matches the filter (/ then Enter on nothing clears it)");
}

void overview_lines(const struct view *v, struct lines *l, char *title, size_t cap)
{
	/* the info line below says the keys; a wide title repeats them */
	const char *how = v->W >= 100 ? " (j/k scroll, h/l run, / filter keys, i or Esc back)" : "";
	if (v->run_sel >= v->nruns) {
		lines_add(l, "no run selected");
		snprintf(title, cap, "Run overview%s", how);
		return;
	}
	const struct run *r = v->runs[v->run_sel].run;
	struct ov_rows o = { .v = v };
	run_rows(&o, r);
	struct ov_match m = { .text = v->ov_filter };
	m.is_re = m.text[0] && regcomp(&m.re, m.text, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
	emit_lines(&o, &m, r, l);
	if (m.is_re)
		regfree(&m.re);
	for (size_t i = 0; i < o.n; i++) {
		free(o.r[i].key);
		free(o.r[i].val);
	}
	free(o.r);
	/* as the run list names it (labels alike told apart), sanitised there */
	const char *name = v->runs[v->run_sel].disp ? v->runs[v->run_sel].disp : "";
	if (v->ov_filter[0]) {
		char *f = sanitize_dup(v->ov_filter, strlen(v->ov_filter), !v->utf8);
		snprintf(title, cap, "Run overview: %s, rows matching /%s/%s", name, f, how);
		free(f);
	} else {
		snprintf(title, cap, "Run overview: %s%s", name, how);
	}
}

/* h/l: the previous or next run the list shows. */
static void overview_run(struct view *v, int d)
{
	for (size_t i = v->run_sel; d > 0 ? i + 1 < v->nruns : i > 0;) {
		i = d > 0 ? i + 1 : i - 1;
		if (model_run_listed(v, i)) {
			v->run_sel = i;
			v->overlay_scroll = 0;
			return;
		}
	}
}

/* Typing the key filter: Enter keeps it (empty clears), Esc leaves it. */
static void overview_prompt(struct view *v, int key)
{
	if (key == KEY_ESC) {
		v->prompt = 0;
	} else if (key == '\n' || key == '\r' || key == VK_ENTER) {
		v->input[v->ilen] = 0;
		snprintf(v->ov_filter, sizeof v->ov_filter, "%s", v->input);
		v->prompt = 0;
		v->overlay_scroll = 0;
	} else {
		keys_prompt(v, key);
	}
}

bool overview_key(struct view *v, int key)
{
	if (v->prompt == 'i') {
		overview_prompt(v, key);
		return true;
	}
	if (key == '/') {
		v->prompt = 'i';
		snprintf(v->input, sizeof v->input, "%s", v->ov_filter);
		v->ilen = strlen(v->input);
		return true;
	}
	if (key == 'h' || key == VK_LEFT || key == 'l' || key == VK_RIGHT) {
		overview_run(v, key == 'h' || key == VK_LEFT ? -1 : 1);
		return true;
	}
	return false;
}
