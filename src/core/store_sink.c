/* store_sink.c: the store as the readers' sink. Points arrive in batches;
 * each goes down the inline float32 path when it can, so a batch costs
 * little more than the stores it makes. Points a column has no memory for
 * are reported (a few times a sink), never dropped silently. */
#include <stdio.h>
#include <stdlib.h>
#include "series_int.h"
#include "tailboard/xalloc.h"

#define NOMEM_REPORTS 5

static struct store_sink *of(struct sink *k)
{
	return (struct store_sink *)(void *)k;
}

/* The readers changed something: tell whoever watches the store. A
 * thread's sink does not, its owner does after the join. */
static void changed(struct store_sink *k)
{
	if (!k->local)
		k->st->gen++;
}

static void *ss_run(struct sink *k, const char *name, size_t len)
{
	struct store_sink *s = of(k);
	/* a thread finds the runs discovery made; it never makes one */
	return s->local ? store_find_run(s->st, name, len) : store_get_run(s->st, name, len);
}

static void *ss_series(struct sink *k, void *run, const char *tag, size_t len)
{
	return run_get_series(of(k)->st, run, tag, len);
}

static void lost(struct store_sink *k, const struct series *s)
{
	if (k->nomem >= NOMEM_REPORTS)
		return;
	k->nomem++;
	diag_report(k->diag, NULL, -1, "out of memory: points of %.*s, tag %.*s, not stored%s",
		    (int)TB_MIN(s->run->name_len, 200), s->run->name, (int)TB_MIN(s->tag_len, 200), s->tag,
		    k->nomem == NOMEM_REPORTS ? " (further losses not reported)" : "");
}

static int ss_append(struct sink *k, const struct sink_point *p, size_t n)
{
	struct store_sink *s = of(k);
	struct run *last = NULL;
	int rc = TB_OK;
	for (size_t i = 0; i < n; i++) {
		struct series *ser = p[i].series;
		int st;
		if (p[i].f32)
			st = series_append_f32_fast(ser, p[i].step, p[i].wall, (float)p[i].value) ? TB_OK
				: series_append_f32(ser, p[i].step, p[i].wall, (float)p[i].value);
		else
			st = series_append(ser, p[i].step, p[i].wall, p[i].value);
		if (st != TB_OK) {
			lost(s, ser);
			rc = TB_NOMEM;
		}
		if (ser->run != last) {
			/* once a batch and run: the clock is not free */
			last = ser->run;
			last->last_append = tb_now();
		}
	}
	if (n)
		changed(s);
	return rc;
}

static void ss_purge(struct sink *k, void *run, const char *tag, size_t len, int64_t step)
{
	struct store_sink *s = of(k);
	struct series *ser = tag ? run_find_series(run, tag, len) : NULL;
	if (tag && !ser)
		return;
	if (ser ? series_purge(ser, step) != TB_OK : run_purge(run, step) != TB_OK)
		diag_report(s->diag, NULL, -1, "out of memory while dropping points of %s after a restart",
			    ((struct run *)run)->name);
	changed(s);
}

static void ss_reset(struct sink *k, void *run)
{
	if (run_reset(run) != TB_OK)
		diag_report(of(k)->diag, NULL, -1, "out of memory while emptying %s", ((struct run *)run)->name);
	changed(of(k));
}

static void ss_skipped(struct sink *k, void *run, const char *tag, size_t len, const char *kind)
{
	(void)k;
	run_count_skipped(run, tag, len, kind);
}

static void ss_fact(struct sink *k, void *run, enum sink_fact what, const char *key, const char *value)
{
	struct run *r = run;
	switch (what) {
	case SINK_HPARAM: run_set_kv(&r->hparams, &r->nhparams, key, value); break;
	case SINK_INFO: run_set_kv(&r->info, &r->ninfo, key, value); break;
	case SINK_LABEL: run_set_label(r, value); break;
	case SINK_FORMAT: r->format = value; break;
	case SINK_STALE: r->stale = value != NULL; break;
	case SINK_FINISHED:
		free(r->finished);
		r->finished = value ? xstrdup(value) : NULL;
		break;
	case SINK_MTIME: {
		double t = strtod(value, NULL);
		if (t > r->mtime)
			r->mtime = t;
		break;
	}
	}
	r->gen++;
	changed(of(k));
}

static void ss_line(struct sink *k, void *run, const struct sink_line *l)
{
	runlog_add(run, l);
	changed(of(k));
}

static void ss_checkpoint(struct sink *k, const char *owner, size_t len, const struct sink_checkpoint *c,
			  bool present)
{
	/* discovery calls it, never a loader thread: the store is not shared then */
	store_checkpoint_set(of(k)->st, owner, len, c, present);
}

static struct sink *ss_fork(struct sink *k, struct diag *diag)
{
	struct store_sink *child = xmalloc(sizeof(*child));
	store_sink_init(child, of(k)->st, diag);
	child->local = true;
	return &child->sink;
}

static void ss_join(struct sink *k, struct sink *child)
{
	of(k)->st->gen++;
	free(of(child));
}

static const struct sink_ops store_sink_ops = {
	.run = ss_run,
	.series = ss_series,
	.append = ss_append,
	.purge = ss_purge,
	.reset = ss_reset,
	.skipped = ss_skipped,
	.fact = ss_fact,
	.checkpoint = ss_checkpoint,
	.line = ss_line,
	.fork = ss_fork,
	.join = ss_join,
};

void store_sink_init(struct store_sink *k, struct store *st, struct diag *diag)
{
	k->sink.ops = &store_sink_ops;
	k->st = st;
	k->diag = diag;
	k->local = false;
	k->nomem = 0;
}
