/* runlog.c: a run's console output, bounded. A ring of lines: a training
 * log can run to millions of lines, and the pane is for the recent ones,
 * so the oldest go (counted) once the run holds RUNLOG_LINES lines or
 * RUNLOG_BYTES of text. One source a run: W&B writes the same text to its
 * transaction log (with stream and time) and to output.log (without), so
 * the richer one, once it has given a line, replaces the other. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"
#include "tailboard/xalloc.h"

const struct log_line *runlog_at(const struct run_log *g, size_t i)
{
	if (!g || i < g->first || i - g->first >= g->n)
		return NULL;
	return &g->ring[(g->head + (i - g->first)) % g->cap];
}

static struct log_line *slot(struct run_log *g, size_t k)
{
	return &g->ring[(g->head + k) % g->cap];
}

static void drop_oldest(struct run_log *g)
{
	struct log_line *l = slot(g, 0);
	g->bytes -= l->len;
	free(l->text);
	l->text = NULL;
	g->head = (g->head + 1) % g->cap;
	g->n--;
	g->first++;
}

void runlog_clear(struct run_log *g)
{
	if (!g)
		return;
	while (g->n)
		drop_oldest(g);
	g->first = 0;
	g->head = 0;
	g->bytes = 0;
	g->gen++;
}

void runlog_free(struct run_log *g)
{
	runlog_clear(g);
	if (g)
		free(g->ring);
	free(g);
}

/* Room for one more line at the end of the ring. */
static void make_room(struct run_log *g, size_t len)
{
	while (g->n && (g->n >= RUNLOG_LINES || g->bytes + len > RUNLOG_BYTES))
		drop_oldest(g);
	if (g->n < g->cap)
		return;
	/* grow, unrolling the ring so it starts at 0 */
	size_t cap = g->cap ? TB_MIN(g->cap * 2, (size_t)RUNLOG_LINES) : 64;
	struct log_line *ring = xcalloc(cap, sizeof(*ring));
	for (size_t k = 0; k < g->n; k++)
		ring[k] = *slot(g, k);
	free(g->ring);
	g->ring = ring;
	g->cap = cap;
	g->head = 0;
}

void runlog_add(struct run *r, const struct sink_line *in)
{
	if (!r->log)
		r->log = xcalloc(1, sizeof(*r->log));
	struct run_log *g = r->log;
	if (in->origin < g->origin)
		return;
	if (in->origin > g->origin) {
		runlog_clear(g);
		g->origin = in->origin;
	}
	size_t len = TB_MIN(in->len, (size_t)RUNLOG_LINE_MAX);
	struct log_line *last = g->n ? slot(g, g->n - 1) : NULL;
	if (last && last->open && last->err == in->err) {
		/* the same stream's unfinished line: this one replaces it */
		g->bytes -= last->len;
		free(last->text);
	} else {
		make_room(g, len);
		last = slot(g, g->n++);
	}
	last->text = xmalloc(len + 1);
	memcpy(last->text, in->text, len);
	last->text[len] = 0;
	last->len = (uint32_t)len;
	last->err = in->err;
	last->open = in->open;
	last->wall = in->wall;
	g->bytes += len;
	g->gen++;
	r->gen++;
}
