/* export.c: every stored point as CSV or JSON, sorted by run, tag, step.
 *
 * The rows are planned as chunks of a series' points, in output order;
 * each series' run and tag text (its row head) is quoted or escaped once.
 * With one job the chunks are formatted straight into the output buffer;
 * with -j N, N threads format chunks into buffers of their own, and the
 * main thread, one of them, writes the buffers in chunk order: the bytes
 * are those of -j 1. With --smoothing or --smoothing-method each row also
 * has its smoothed value, the screen's curve over every point of the
 * series in step order (chart's smoothing, computed while planning). */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "export_int.h"
#include "numfmt.h"
#include "outbuf.h"
#include "tailboard/chart.h"
#include "tailboard/loader.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"

#define CHUNK_POINTS 16384      /* about a megabyte of CSV */
#define MAX_JOBS 64
#define SLOTS_PER_JOB 4         /* chunks formatted ahead of the writer */

struct chunk {
	const struct series *s;
	const size_t *idx;      /* step order of an unsorted series, else NULL */
	const double *sm;       /* smoothed values in step order, or NULL */
	size_t from, to;        /* points [from, to) in step order */
	size_t head, head_len;  /* the series' row head in plan.heads */
};

struct plan {
	enum out_format format;
	struct chunk *chunks;
	size_t n, cap;
	struct outbuf heads;    /* every series' row head, back to back */
	size_t **idx;           /* the unsorted series' indexes, to free */
	size_t nidx;
	bool smooth;            /* a smoothed column, by w and method */
	double w;
	enum smooth_method method;
	double **sm;            /* the series' smoothed values, to free */
	size_t nsm;
};

/* The series' smoothed values in step order, as the screen draws them. */
static double *smoothed(const struct series *s, double w, enum smooth_method m)
{
	struct series_cache c = { 0 };
	double *out = NULL;
	if (cache_sync(&c, s, w, m) == TB_OK) {
		out = c.smooth;
		c.smooth = NULL;
	}
	cache_free(&c);
	return out;
}

/* CSV field per RFC 4180: quoted when it holds a comma, quote or newline. */
void export_csv_field(struct outbuf *o, const char *s, size_t len, bool tty)
{
	char *clean = NULL;
	if (tty && (clean = sanitize_dup(s, len, false))) {
		s = clean;
		len = strlen(clean);
	}
	bool quote = memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) || memchr(s, '\r', len);
	if (!quote) {
		outbuf_put(o, s, len);
	} else {
		outbuf_putc(o, '"');
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '"')
				outbuf_putc(o, '"');
			outbuf_putc(o, s[i]);
		}
		outbuf_putc(o, '"');
	}
	free(clean);
}

/* JSON string: controls escaped, invalid UTF-8 replaced so the output
 * stays valid JSON whatever bytes a tag held. */
void export_json_string(struct outbuf *o, const char *s, size_t len)
{
	char *clean = sanitize_dup(s, len, false);
	const char *p = clean ? clean : "";
	/* sanitize already turned controls into visible "\xNN"; escape the
	 * backslashes and quotes that remain */
	outbuf_putc(o, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			outbuf_putc(o, '\\');
		outbuf_putc(o, *p);
	}
	outbuf_putc(o, '"');
	free(clean);
}

/* What starts each of the series' rows: "run,tag," or the JSON object's
 * first members up to the step's value. */
static void put_head(struct plan *p, const struct series *s, bool tty)
{
	if (p->format == OUT_CSV) {
		export_csv_field(&p->heads, s->run->name, s->run->name_len, tty);
		outbuf_putc(&p->heads, ',');
		export_csv_field(&p->heads, s->tag, s->tag_len, tty);
		outbuf_putc(&p->heads, ',');
	} else {
		outbuf_puts(&p->heads, "\n {\"run\": ");
		export_json_string(&p->heads, s->run->name, s->run->name_len);
		outbuf_puts(&p->heads, ", \"tag\": ");
		export_json_string(&p->heads, s->tag, s->tag_len);
		outbuf_puts(&p->heads, ", \"step\": ");
	}
}

static int plan_series(struct plan *p, const struct series *s, bool tty)
{
	size_t head = p->heads.len;
	put_head(p, s, tty);
	if (p->heads.err)
		return TB_NOMEM;
	size_t *idx = NULL;
	if (!s->sorted) {
		/* an index only for the rare series out of step order */
		if (!(idx = series_sorted_index(s)))
			return TB_NOMEM;
		p->idx[p->nidx++] = idx;
	}
	double *sm = NULL;
	if (p->smooth && s->n) {
		if (!(sm = smoothed(s, p->w, p->method)))
			return TB_NOMEM;
		p->sm[p->nsm++] = sm;
	}
	for (size_t from = 0; from < s->n; from += CHUNK_POINTS) {
		if (p->n == p->cap && tb_grow((void **)&p->chunks, &p->cap, p->n + 1, sizeof(*p->chunks)))
			return TB_NOMEM;
		p->chunks[p->n++] = (struct chunk){ .s = s, .idx = idx, .sm = sm, .from = from,
			.to = TB_MIN(s->n, from + CHUNK_POINTS), .head = head, .head_len = p->heads.len - head };
	}
	return TB_OK;
}

/* The chunks of every wanted tag of runs; 2 for a bad --tag regex. */
static int plan_make(struct cmd *c, struct plan *p, struct run **runs, size_t nruns, bool tty)
{
	for (size_t r = 0; r < nruns; r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser)
			return 2;
		p->idx = xreallocarray(p->idx, p->nidx + ns + 1, sizeof(*p->idx));
		p->sm = xreallocarray(p->sm, p->nsm + ns + 1, sizeof(*p->sm));
		/* out of memory for a series' index or its chunks: the run's
		 * other series go too, as they did when rows were written as
		 * they came */
		for (size_t k = 0; k < ns; k++)
			if (plan_series(p, ser[k], tty) != TB_OK)
				break;
		free(ser);
	}
	return 0;
}

static void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nidx; i++)
		free(p->idx[i]);
	free(p->idx);
	for (size_t i = 0; i < p->nsm; i++)
		free(p->sm[i]);
	free(p->sm);
	free(p->chunks);
	outbuf_free(&p->heads);
}

static void put_chunk(struct outbuf *o, const struct plan *p, size_t c)
{
	const struct chunk *ch = &p->chunks[c];
	const struct series *s = ch->s;
	const char *head = p->heads.buf + ch->head;
	size_t hl = ch->head_len;
	bool json = p->format == OUT_JSON;
	for (size_t k = ch->from; k < ch->to; k++) {
		size_t i = ch->idx ? ch->idx[k] : k;
		char *q = outbuf_reserve(o, hl + 4 * CMD_NUM_MAX + 80), *start = q;
		if (!q)
			return;
		if (json && (c || k))
			*q++ = ',';
		memcpy(q, head, hl);
		q += hl;
		q += cmd_fmt_int(series_step(s, i), q);
		if (json) {
			memcpy(q, ", \"wall_time\": ", 15);
			q += 15;
			q += cmd_put_time(series_wall(s, i), q);
			memcpy(q, ", \"value\": ", 11);
			q += 11;
			/* nan and inf are not JSON numbers: strings */
			bool quote = !isfinite(series_value(s, i));
			if (quote)
				*q++ = '"';
			q += cmd_put_value(s, i, q);
			if (quote)
				*q++ = '"';
			if (ch->sm) {
				memcpy(q, ", \"smoothed\": ", 14);
				q += 14;
				quote = !isfinite(ch->sm[k]);
				if (quote)
					*q++ = '"';
				q += cmd_put_number(ch->sm[k], q);
				if (quote)
					*q++ = '"';
			}
			*q++ = '}';
		} else {
			*q++ = ',';
			q += cmd_put_time(series_wall(s, i), q);
			*q++ = ',';
			q += cmd_put_value(s, i, q);
			if (ch->sm) {
				*q++ = ',';
				q += cmd_put_number(ch->sm[k], q);
			}
			*q++ = '\n';
		}
		o->len += (size_t)(q - start);
	}
}

/* -j: the chunks in flight. Slot c % nslots holds chunk c once it is
 * formatted; a chunk is taken only when its slot has been written out. */
struct pool {
	const struct plan *plan;
	struct outbuf *slots;
	bool *ready;
	size_t nslots, next, written;
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* With the lock held: format the next chunk if its slot is free. */
static bool pool_take(struct pool *pl)
{
	if (pl->stop || pl->next >= pl->plan->n || pl->next >= pl->written + pl->nslots)
		return false;
	size_t c = pl->next++;
	pthread_mutex_unlock(&pl->mu);
	put_chunk(&pl->slots[c % pl->nslots], pl->plan, c);
	pthread_mutex_lock(&pl->mu);
	pl->ready[c % pl->nslots] = true;
	pthread_cond_broadcast(&pl->cv);
	return true;
}

static void *pool_worker(void *arg)
{
	struct pool *pl = arg;
	pthread_mutex_lock(&pl->mu);
	while (!pl->stop && pl->next < pl->plan->n)
		if (!pool_take(pl))
			pthread_cond_wait(&pl->cv, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

/* The main thread: writes chunks in order, formats while it waits. */
static void pool_write(struct pool *pl, struct outbuf *o)
{
	for (size_t c = 0; c < pl->plan->n && !o->err; c++) {
		struct outbuf *slot = &pl->slots[c % pl->nslots];
		pthread_mutex_lock(&pl->mu);
		while (!pl->ready[c % pl->nslots])
			if (!pool_take(pl))
				pthread_cond_wait(&pl->cv, &pl->mu);
		pthread_mutex_unlock(&pl->mu);
		if (slot->err)
			o->err = slot->err;
		else
			outbuf_append(o, slot);
		pthread_mutex_lock(&pl->mu);
		pl->ready[c % pl->nslots] = false;
		pl->written++;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	pthread_mutex_lock(&pl->mu);
	pl->stop = true;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
}

static void write_parallel(const struct plan *p, struct outbuf *o, int jobs)
{
	struct pool pl = { .plan = p, .nslots = (size_t)jobs * SLOTS_PER_JOB };
	pl.slots = xcalloc(pl.nslots, sizeof(*pl.slots));
	pl.ready = xcalloc(pl.nslots, sizeof(*pl.ready));
	pthread_t tid[MAX_JOBS];
	size_t started = 0;
	for (size_t i = 0; i < pl.nslots; i++)
		outbuf_init_mem(&pl.slots[i]);
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	for (; started + 1 < (size_t)jobs; started++)
		if (pthread_create(&tid[started], NULL, pool_worker, &pl) != 0)
			break;  /* fewer threads; this one still works */
	pool_write(&pl, o);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_cond_destroy(&pl.cv);
	pthread_mutex_destroy(&pl.mu);
	for (size_t i = 0; i < pl.nslots; i++)
		outbuf_free(&pl.slots[i]);
	free(pl.slots);
	free(pl.ready);
}

static int write_all(struct cmd *c, struct outbuf *o, bool tty)
{
	size_t nruns;
	struct run **runs = cmd_sorted_runs(c, &nruns);
	if (!runs)
		return 2;
	struct plan p = { .format = c->opt->format, .smooth = c->opt->smoothing_given, .w = c->opt->smoothing,
		.method = (enum smooth_method)c->opt->smooth_method };
	outbuf_init_mem(&p.heads);
	outbuf_puts(o, p.format == OUT_JSON ? "[" : p.smooth ? "run,tag,step,wall_time,value,smoothed\n"
		    : "run,tag,step,wall_time,value\n");
	int rc = plan_make(c, &p, runs, nruns, tty);
	free(runs);
	if (rc == 0) {
		int jobs = c->opt->jobs ? c->opt->jobs : loader_default_jobs();
		jobs = (int)TB_MIN((size_t)TB_MIN(jobs, MAX_JOBS), p.n);
		if (jobs > 1) {
			write_parallel(&p, o, jobs);
		} else {
			for (size_t k = 0; k < p.n && !o->err; k++)
				put_chunk(o, &p, k);
		}
		if (p.format == OUT_JSON)
			outbuf_puts(o, p.n ? "\n]\n" : "]\n");
	}
	plan_free(&p);
	return rc;
}

int cmd_export(struct cmd *c)
{
	int status = cmd_load_all(c);
	int fd = STDOUT_FILENO;
	bool tty = false;
	char tmp[4096] = "";
	if (c->opt->output) {
		/* write beside the target, then rename: never a half-written file */
		snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", c->opt->output);
		if ((fd = mkstemp(tmp)) < 0) {
			diag_report(c->diag, c->opt->output, -1, "cannot write: %s", strerror(errno));
			return 1;
		}
	} else {
		tty = isatty(STDOUT_FILENO);
		signal(SIGPIPE, SIG_IGN);   /* a closed pipe is an EPIPE we can report */
	}
	struct outbuf o;
	if (outbuf_init(&o, fd) != TB_OK)
		o.err = ENOMEM;
	int rc = c->opt->group_by ? export_group(c, &o, tty) : write_all(c, &o, tty);
	if (rc)
		status = rc;
	if (outbuf_flush(&o) != TB_OK) {
		if (o.err != EPIPE)
			diag_report(c->diag, c->opt->output ? c->opt->output : "stdout", -1,
				    "write error: %s", strerror(o.err));
		status = 1;
	}
	outbuf_free(&o);
	if (c->opt->output) {
		int err = close(fd) != 0 ? errno : 0;
		if (err || status != 0 || rename(tmp, c->opt->output) != 0) {
			if (status == 0)
				diag_report(c->diag, c->opt->output, -1, "cannot write: %s",
					    strerror(err ? err : errno));
			unlink(tmp);
			status = status ? status : 1;
		}
	}
	return status;
}
