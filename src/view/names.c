/* names.c: what the run list, legends and readouts call each run: its
 * label or path, made unique, without the directories every run shares;
 * or (H) the hyperparameters that tell it apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/hpdiff.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

char *model_run_disp(const struct view *v, const struct run *r)
{
	const char *nm = r->label ? r->label : r->name;
	return sanitize_dup(nm, r->label ? strlen(r->label) : r->name_len, !v->utf8);
}

/* A short id of a run to tell apart labels that are alike: W&B's run id,
 * else the last part of its path. */
static void short_id(const struct run *r, char *out, size_t cap)
{
	for (size_t i = 0; i < r->ninfo; i++)
		if (strcmp(r->info[i].key, "wandb id") == 0) {
			snprintf(out, cap, "%.4s", r->info[i].value);
			return;
		}
	const char *slash = memrchr(r->name, '/', r->name_len);
	const char *tail = slash ? slash + 1 : r->name;
	snprintf(out, cap, "%.*s", (int)TB_MIN((size_t)(r->name + r->name_len - tail), 12), tail);
}

/* A key as a label shows it: its last dotted part, and the initials of
 * a name of several words (learning_rate: lr, batch_size: bs). */
static void short_key(const char *key, char *out, size_t cap)
{
	const char *dot = strrchr(key, '.');
	key = dot && dot[1] ? dot + 1 : key;
	size_t n = 0;
	bool words = strchr(key, '_') || strchr(key, '-');
	for (const char *p = key; *p && n + 1 < cap; p++)
		if (!words || ((p == key || p[-1] == '_' || p[-1] == '-') && *p != '_' && *p != '-'))
			out[n++] = *p;
	out[n] = 0;
}

/* "lr=3e-05 bs=16 adam": r's values of the keys that differ (a text value
 * alone: it says what it is), or "" when it has none of them. */
static void hp_label(const struct run *r, const struct hp_col *cols, size_t n, char *out, size_t cap)
{
	size_t used = 0;
	out[0] = 0;
	for (size_t k = 0; k < n && used + 8 < cap; k++) {
		const char *val = cols[k].same ? NULL : run_hparam(r, cols[k].key);
		if (!val)
			continue;
		char text[64], key[40];
		double d;
		hp_value_text(val, text, sizeof text);
		short_key(cols[k].key, key, sizeof key);
		int w = hp_number(val, &d) || strcmp(val, "true") == 0 || strcmp(val, "false") == 0 ?
			snprintf(out + used, cap - used, "%s%s=%.24s", used ? " " : "", key, text) :
			snprintf(out + used, cap - used, "%s%.24s", used ? " " : "", text);
		used = TB_MIN(used + (size_t)TB_MAX(w, 0), cap - 1);
	}
}

/* H: each run that has a hyperparameter differing between the listed
 * runs named by them; two runs alike get their short id. */
static void hp_names(struct view *v)
{
	const struct run **runs = xcalloc(v->nruns + 1, sizeof *runs);
	size_t nl = 0;
	for (size_t i = 0; i < v->nruns; i++)
		if (model_run_listed(v, i) && v->runs[i].run->nhparams)   /* runs without any say nothing */
			runs[nl++] = v->runs[i].run;
	struct hp_col *cols;
	size_t n = hpdiff_columns(runs, nl, &cols);
	char **text = xcalloc(v->nruns + 1, sizeof *text);
	for (size_t i = 0; i < v->nruns; i++) {
		char buf[200];
		hp_label(v->runs[i].run, cols, n, buf, sizeof buf);
		text[i] = xstrdup(buf);
		v->runs[i].nhp_seen = v->runs[i].run->nhparams;
	}
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *vr = &v->runs[i];
		vr->hp_named = text[i][0] != 0;
		if (!vr->hp_named)
			continue;
		char buf[300], id[16];
		snprintf(buf, sizeof buf, "%s", text[i]);
		for (size_t j = 0; j < v->nruns; j++)
			if (j != i && strcmp(text[j], text[i]) == 0) {
				short_id(vr->run, id, sizeof id);
				snprintf(buf, sizeof buf, "%s (%s)", text[i], id);
				break;
			}
		free(vr->disp);
		vr->disp = sanitize_dup(buf, strlen(buf), !v->utf8);
	}
	for (size_t i = 0; i < v->nruns; i++)
		free(text[i]);
	free(text);
	free(cols);
	free(runs);
}

/* Names that tell runs apart: labels two runs share get a short id
 * ("First try (3f2a)"); the directories every path name starts with
 * ("runs/") are not shown; with H, the hyperparameters that differ. */
void model_names(struct view *v)
{
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *vr = &v->runs[i];
		vr->strip = 0;
		for (size_t j = 0; vr->label && j < v->nruns; j++) {
			if (j == i || !v->runs[j].label || strcmp(v->runs[j].run->label, vr->run->label) != 0)
				continue;
			char id[16], *d = model_run_disp(v, vr->run), buf[600];
			short_id(vr->run, id, sizeof id);
			snprintf(buf, sizeof buf, "%s (%s)", d, id);
			free(d);
			free(vr->disp);
			vr->disp = sanitize_dup(buf, strlen(buf), !v->utf8);
			break;
		}
	}
	if (v->hp_names)
		hp_names(v);
	size_t common = SIZE_MAX;
	const char *first = NULL;
	for (size_t i = 0; i < v->nruns && common; i++) {
		const char *d = v->runs[i].disp;
		if (v->runs[i].label || v->runs[i].hp_named)
			continue;
		if (!first) {
			first = d;
			const char *slash = strrchr(d, '/');
			common = slash ? (size_t)(slash - d) + 1 : 0;
			continue;
		}
		size_t k = 0;
		while (k < common && d[k] == first[k])
			k++;
		while (k && first[k - 1] != '/')
			k--;
		common = k;
	}
	v->names_w = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		struct view_run *vr = &v->runs[i];
		if (first && common != SIZE_MAX && !vr->label && !vr->hp_named && strlen(vr->disp) > common)
			vr->strip = common;
		vr->name_w = sanitize_width(vr->disp + vr->strip);
		v->names_w = TB_MAX(v->names_w, vr->name_w);
	}
}
