/* system.c: the system pane (M). Machine metrics (W&B's stats records,
 * which the reader files under system/; TensorBoard's system/ or sys/
 * tags) leave the training grid and are drawn here instead, one chart a
 * metric with a line a device: system/gpu.0.temp ... system/gpu.7.temp
 * are the lines "gpu0" ... "gpu7" of the chart "gpu/temp". They have no
 * step of their own (W&B stamps them with the last history step), so the
 * pane draws them on time, and a metric has no better or worse, so no
 * best. More than SYS_LINES_MAX devices (a 240-core machine's per-core
 * CPU) would be a wall of lines: those draw as one min-max band around
 * the mean, computed point for point (every core comes in the same
 * stats record, so point i of each is the same moment). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define SYS_LINES_MAX 16
#define SYS_KEY_MAX 256
#define SYS_COMPS 16

enum { BAND_MEAN, BAND_LO, BAND_HI, BAND_COUNT };

/* One run's devices of one metric as a band, kept across frames and
 * extended as their points arrive. */
struct sys_band {
	const struct series **mem;
	uint64_t *mem_reset;
	size_t nmem;
	size_t n, cap;          /* rows computed */
	int64_t *step;
	double *wall, *col[BAND_COUNT];
	struct series ser[BAND_COUNT];
	uint64_t gen;
};

struct sys_cache {
	struct strmap by_key;   /* "chart key\0run pointer" -> sys_band */
	struct sys_band **all;
	size_t n, cap;
	uint64_t gen;
	const struct series **mem;      /* this gather's members of one run */
	size_t nmem, memcap;
	char names[FRAME_SERIES_MAX][96];       /* this gather's legend names */
};

static size_t prefix_len(const char *tag, size_t len)
{
	if (len > 7 && memcmp(tag, "system/", 7) == 0)
		return 7;
	if (len > 4 && memcmp(tag, "sys/", 4) == 0)
		return 4;
	return 0;
}

bool system_tag(const char *tag, size_t len)
{
	return prefix_len(tag, len) != 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* The chart a system tag is drawn in, "category/metric", and the device
 * it is a line of ("" when it is the only one): the first all-digit part
 * of the name is the device (gpu.3.temp, gpu.process.3.gpu,
 * cpu.12.cpu_percent), else digits ending the first part (sys/gpu0/util). */
bool system_chart_key(const char *tag, size_t len, char *key, size_t kcap, char *dev, size_t dcap)
{
	size_t pre = prefix_len(tag, len);
	if (!pre)
		return false;
	const char *p = tag + pre, *end = tag + len;
	const char *cs[SYS_COMPS] = { 0 };
	size_t cl[SYS_COMPS] = { 0 }, nc = 0, devc = SIZE_MAX;
	while (p < end && nc < SYS_COMPS) {
		size_t l = 0;
		while (p + l < end && p[l] != '.' && p[l] != '/')
			l++;
		cs[nc] = p;
		cl[nc++] = l;
		p += l + (p + l < end);
	}
	dev[0] = 0;
	for (size_t i = 0; i < nc && devc == SIZE_MAX; i++)
		if (all_digits(cs[i], cl[i]))
			devc = i;
	size_t cat = cl[0];
	if (devc != SIZE_MAX) {
		snprintf(dev, dcap, "%.*s", (int)cl[devc], cs[devc]);
	} else {
		while (cat > 1 && isdigit((unsigned char)cs[0][cat - 1]))
			cat--;
		if (cat < cl[0])
			snprintf(dev, dcap, "%.*s", (int)(cl[0] - cat), cs[0] + cat);
	}
	const char *cname = cs[0];
	if (cat == 4 && memcmp(cname, "proc", 4) == 0) {
		cname = "process";
		cat = 7;
	}
	int n = snprintf(key, kcap, "%.*s/", (int)cat, cname);
	bool first = true;
	for (size_t i = 1; i < nc && n > 0 && (size_t)n < kcap; i++) {
		if (i == devc)
			continue;
		n += snprintf(key + n, kcap - (size_t)n, "%s%.*s", first ? "" : ".", (int)cl[i], cs[i]);
		first = false;
	}
	if (first && n > 0 && (size_t)n < kcap)      /* system/cpu: "cpu/cpu" */
		snprintf(key + n, kcap - (size_t)n, "%.*s", (int)cat, cname);
	return true;
}

/* GPUs first, then what a training run is most often short of. */
static int category_rank(const char *key, size_t len)
{
	static const char *const order[] = { "gpu/", "cpu/", "memory/", "disk/", "network/", "process/" };
	for (size_t i = 0; i < TB_ARRAY_LEN(order); i++)
		if (len >= strlen(order[i]) && memcmp(key, order[i], strlen(order[i])) == 0)
			return (int)i;
	return (int)TB_ARRAY_LEN(order);
}

static int cmp_keys(const void *x, const void *y)
{
	const struct view_tag *a = x, *b = y;
	int ra = category_rank(a->tag, a->len), rb = category_rank(b->tag, b->len);
	return ra != rb ? ra - rb : natural_cmp(a->tag, a->len, b->tag, b->len);
}

void system_collect(struct view *v, size_t cap, bool (*keep)(const struct view *, const char *, size_t))
{
	struct strmap seen;
	strmap_init(&seen);
	size_t m = 0;
	char key[SYS_KEY_MAX], dev[64];
	for (size_t i = 0; i < v->nruns; i++) {
		if (v->runs[i].filtered)
			continue;
		const struct run *r = v->runs[i].run;
		for (size_t k = 0; k < r->nseries && m < cap; k++) {
			const struct series *s = r->series[k];
			if (!s->n || !system_chart_key(s->tag, s->tag_len, key, sizeof key, dev, sizeof dev))
				continue;
			size_t kl = strlen(key);
			if (strmap_get(&seen, key, kl))
				continue;
			strmap_put(&seen, key, kl, v);
			if (!keep(v, key, kl))
				continue;
			v->tags[m].own = xstrdup(key);
			v->tags[m].tag = v->tags[m].own;
			v->tags[m].len = kl;
			m++;
		}
	}
	strmap_free(&seen);
	qsort(v->tags, m, sizeof *v->tags, cmp_keys);
	v->ntags = m;
}

/* M: each side keeps the chart the user chose on it. */
void system_toggle(struct view *v)
{
	free(v->pane_sel[v->system]);
	v->pane_sel[v->system] = model_sel_name(v);
	v->system = !v->system;
	free(v->pane_restore);
	v->pane_restore = v->pane_sel[v->system];
	v->pane_sel[v->system] = NULL;
	if (v->system) {
		v->train_xmode = v->chart.xmode;
		if (v->chart.xmode == XMODE_STEP)
			v->chart.xmode = XMODE_RELATIVE;
	} else {
		v->chart.xmode = v->train_xmode;
	}
	v->maximized = false;
	v->chart.cursor_x = NAN;
	v->chart.zoom_lo = 0;
	v->chart.zoom_hi = 1;
	v->mark_x = NAN;
	v->item_chosen = false;
	v->grid_page = 0;
	v->model_dirty = v->tags_dirty = true;
}

void system_free(struct painter *p)
{
	struct sys_cache *c = p->sys;
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		struct sys_band *b = c->all[i];
		free(b->mem);
		free(b->mem_reset);
		free(b->step);
		free(b->wall);
		for (int k = 0; k < BAND_COUNT; k++)
			free(b->col[k]);
		free(b);
	}
	free(c->all);
	free(c->mem);
	strmap_free(&c->by_key);
	free(c);
	p->sys = NULL;
}

static struct sys_band *band_get(struct sys_cache *c, const struct view_tag *t, const struct run *r)
{
	char key[SYS_KEY_MAX + sizeof r];
	size_t kl = TB_MIN(t->len, (size_t)SYS_KEY_MAX);
	memcpy(key, t->tag, kl);
	memcpy(key + kl, &r, sizeof r);
	kl += sizeof r;
	struct sys_band *b = strmap_get(&c->by_key, key, kl);
	if (!b) {
		b = xcalloc(1, sizeof *b);
		strmap_put(&c->by_key, key, kl, b);
		xgrow((void **)&c->all, &c->cap, c->n + 1, sizeof *c->all);
		c->all[c->n++] = b;
	}
	return b;
}

/* Rows from the first the members may have changed: 0 when one was
 * replaced or lost points (compute again), else those already done. */
static size_t band_from(struct sys_band *b, const struct series *const *ms, size_t n)
{
	if (b->nmem != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (b->mem[i] != ms[i] || b->mem_reset[i] != ms[i]->reset_gen)
			return 0;
	return b->n;
}

static void band_rows(struct sys_band *b, const struct series *const *ms, size_t n, size_t from, size_t rows)
{
	if (rows > b->cap) {
		size_t cap = TB_MAX(rows, 2 * b->cap);
		b->step = xreallocarray(b->step, cap, sizeof *b->step);
		b->wall = xreallocarray(b->wall, cap, sizeof *b->wall);
		for (int k = 0; k < BAND_COUNT; k++)
			b->col[k] = xreallocarray(b->col[k], cap, sizeof *b->col[k]);
		b->cap = cap;
	}
	for (size_t i = from; i < rows; i++) {
		double lo = INFINITY, hi = -INFINITY, sum = 0;
		size_t cnt = 0;
		for (size_t j = 0; j < n; j++) {
			double x = series_value(ms[j], i);
			if (!isfinite(x))
				continue;
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
			sum += x;
			cnt++;
		}
		b->step[i] = series_step(ms[0], i);
		b->wall[i] = series_wall(ms[0], i);
		b->col[BAND_MEAN][i] = cnt ? sum / (double)cnt : NAN;
		b->col[BAND_LO][i] = cnt ? lo : NAN;
		b->col[BAND_HI][i] = cnt ? hi : NAN;
	}
}

/* The band of n members brought up to date: appended rows extend the
 * chart core's caches, anything else rebuilds them. */
static void band_update(struct sys_cache *c, struct sys_band *b, const struct series *const *ms, size_t n)
{
	size_t rows = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		rows = TB_MIN(rows, ms[i]->n);
	size_t from = band_from(b, ms, n);
	if (from == rows && from == b->n && b->nmem)
		return;
	if (from > rows)
		from = 0;
	band_rows(b, ms, n, from, rows);
	b->mem = xreallocarray(b->mem, n, sizeof *b->mem);
	b->mem_reset = xreallocarray(b->mem_reset, n, sizeof *b->mem_reset);
	for (size_t i = 0; i < n; i++) {
		b->mem[i] = ms[i];
		b->mem_reset[i] = ms[i]->reset_gen;
	}
	b->nmem = n;
	b->n = rows;
	uint64_t gen = ++c->gen, reset = from ? b->ser[BAND_MEAN].reset_gen : gen;
	for (int k = 0; k < BAND_COUNT; k++) {
		struct series *s = &b->ser[k];
		memset(s, 0, sizeof *s);
		s->tag = ms[0]->tag;
		s->tag_len = ms[0]->tag_len;
		s->n = rows;
		s->step64 = b->step;
		s->wall64 = b->wall;
		s->value64 = b->col[k];
		s->sorted = true;
		s->best = SIZE_MAX;
		s->dir = BEST_NONE;
		s->min = s->max = NAN;
		s->gen = gen;
		s->reset_gen = reset;
	}
}

/* Is s, with points, a line of the pane's chart t? */
static bool member_of(const struct series *s, const struct view_tag *t)
{
	char key[SYS_KEY_MAX], dev[64];
	return s->n && system_chart_key(s->tag, s->tag_len, key, sizeof key, dev, sizeof dev) &&
	       strlen(key) == t->len && memcmp(key, t->tag, t->len) == 0;
}

/* One run's members of chart t, in the order the run holds them. */
static size_t run_members(struct sys_cache *c, const struct run *r, const struct view_tag *t)
{
	c->nmem = 0;
	for (size_t k = 0; k < r->nseries; k++) {
		const struct series *s = r->series[k];
		if (!member_of(s, t))
			continue;
		xgrow((void **)&c->mem, &c->memcap, c->nmem + 1, sizeof *c->mem);
		c->mem[c->nmem++] = s;
	}
	return c->nmem;
}

const struct series *system_series(const struct run *r, const struct view_tag *t)
{
	for (size_t k = 0; k < r->nseries; k++)
		if (member_of(r->series[k], t))
			return r->series[k];
	return NULL;
}

static int cmp_devices(const void *x, const void *y)
{
	const struct series *a = *(const struct series *const *)x, *b = *(const struct series *const *)y;
	return natural_cmp(a->tag, a->tag_len, b->tag, b->tag_len);
}

struct gather {
	struct painter *p;
	const struct view *v;
	const struct view_tag *t;
	struct chart_series *out;
	size_t n, cap;
	bool runs;              /* several runs shown: legends name the run too */
};

static void put_line(struct gather *g, size_t run, const struct series *s, struct series_cache *cache,
		     const char *dev)
{
	const struct view *v = g->v;
	const struct view_run *r = &v->runs[run];
	struct chart_series *o = &g->out[g->n];
	char raw[200], cat[64];
	snprintf(cat, sizeof cat, "%.*s", (int)strcspn(g->t->tag, "/"), g->t->tag);
	/* "gpu3"; with several runs "run gpu3", a device-less metric just "run" */
	if (g->runs)
		snprintf(raw, sizeof raw, "%s%s%s%s", r->disp ? r->disp + r->strip : "?", *dev ? " " : "",
			 *dev ? cat : "", dev);
	else
		snprintf(raw, sizeof raw, "%s%s", cat, dev);
	sanitize_str(raw, strlen(raw), g->p->sys->names[g->n], sizeof g->p->sys->names[g->n], !v->utf8);
	memset(o, 0, sizeof *o);        /* padding too: the memo key reads these bytes */
	o->s = s;
	o->cache = cache;
	o->name = g->p->sys->names[g->n];
	o->x_offset = v->chart.xmode == XMODE_RELATIVE ? r->first_wall : 0;
	o->color = v->ncolors ? (int)(g->n % (size_t)v->ncolors) + 1 : 0;
	o->glyph = v->ncolors ? 0 : "*+ox#%=~"[g->n % 8];
	o->selected = run == v->run_sel;
	g->n++;
}

static void gather_run(struct gather *g, size_t run)
{
	struct sys_cache *c = g->p->sys;
	const struct view *v = g->v;
	double w = v->chart.smoothing;
	enum smooth_method m = v->chart.smooth_method;
	size_t n = run_members(c, v->runs[run].run, g->t);
	char key[SYS_KEY_MAX], dev[64];
	if (n > SYS_LINES_MAX) {
		struct sys_band *b = band_get(c, g->t, v->runs[run].run);
		band_update(c, b, c->mem, n);
		struct series_cache *mean = b->n ? caches_get(&g->p->caches, &b->ser[BAND_MEAN], w, m) : NULL;
		if (!mean)
			return;
		snprintf(dev, sizeof dev, " min-max of %zu", n);
		put_line(g, run, &b->ser[BAND_MEAN], mean, dev);
		g->out[g->n - 1].band_lo = caches_get(&g->p->caches, &b->ser[BAND_LO], w, m);
		g->out[g->n - 1].band_hi = caches_get(&g->p->caches, &b->ser[BAND_HI], w, m);
		return;
	}
	qsort(c->mem, n, sizeof *c->mem, cmp_devices);
	for (size_t i = 0; i < n && g->n < g->cap; i++) {
		struct series_cache *sc = g->p->pending ? caches_peek(&g->p->caches, c->mem[i])
			: caches_get(&g->p->caches, c->mem[i], w, m);
		if (!sc)
			continue;
		system_chart_key(c->mem[i]->tag, c->mem[i]->tag_len, key, sizeof key, dev, sizeof dev);
		put_line(g, run, c->mem[i], sc, dev);
	}
}

size_t system_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		     struct chart_series *out, size_t cap)
{
	if (!p->sys) {
		p->sys = xcalloc(1, sizeof *p->sys);
		strmap_init(&p->sys->by_key);
	}
	struct gather g = { p, v, t, out, 0, TB_MIN(cap, (size_t)FRAME_SERIES_MAX), false };
	size_t shown = 0;
	for (size_t i = 0; i < v->nruns && shown < 2; i++)
		shown += model_run_shown(v, i);
	g.runs = shown > 1;
	p->nckpt = 0;
	for (size_t i = 0; i < v->nruns && g.n < g.cap; i++)
		if (model_run_shown(v, i))
			gather_run(&g, i);
	return g.n;
}
