/* parload.c: the first full read on several threads, one run at a time
 * each, for the headless commands (nothing else looks at the sink
 * meanwhile). A run is only ever touched by the thread reading it, through
 * a fork of the sink; what runs share (the error list, the loader's byte
 * counts) is kept per run while the threads work and added to the shared
 * one afterwards, in run order, so the result, messages included, is the
 * same as reading in one thread. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "loader_int.h"
#include "tailboard/xalloc.h"

#define MAX_JOBS 64     /* --jobs */
#define DEFAULT_JOBS 8  /* past this, memory bandwidth more than CPUs limits */

struct run_job {
	size_t first, n;        /* the run's files: l->files[first, first + n) */
	struct diag diag;
	struct sink *sink;      /* a fork of the loader's */
	uint64_t bytes_read, bytes_total;
	bool stale_dirty;
};

struct par {
	struct loader *l;
	struct run_job *jobs;
	struct order { uint64_t bytes; size_t job; } *order; /* biggest run first */
	size_t njobs;
	atomic_size_t next;
};

int loader_default_jobs(void)
{
	/* the CPUs this process may run on (taskset, cpusets), not all there are */
	cpu_set_t set;
	long n = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > DEFAULT_JOBS ? DEFAULT_JOBS : (int)n;
}

static void job_run(struct par *p, struct run_job *j)
{
	struct loader sub;
	memset(&sub, 0, sizeof(sub));
	sub.env.sink = j->sink;
	sub.env.diag = &j->diag;
	sub.files = p->l->files + j->first;
	sub.nfiles = j->n;
	sub.started = sub.load_t0 = p->l->started;
	for (size_t i = 0; i < j->n; i++)
		sub.ndirty += sub.files[i]->dirty;
	while (loader_work(&sub, SIZE_MAX) == TB_OK)
		;
	j->bytes_read = sub.bytes_read;
	j->bytes_total = sub.bytes_total;       /* growth seen; wraps back when added */
	j->stale_dirty = sub.stale_dirty;
}

static void *worker(void *arg)
{
	struct par *p = arg;
	size_t k;
	while ((k = atomic_fetch_add(&p->next, 1)) < p->njobs)
		job_run(p, &p->jobs[p->order[k].job]);
	return NULL;
}

/* Biggest first, so the run a thread starts last is a short one. */
static int cmp_bytes_desc(const void *a, const void *b)
{
	uint64_t x = ((const struct order *)a)->bytes, y = ((const struct order *)b)->bytes;
	return (x < y) - (x > y);
}

/* One job per run with dirty files. False when the table is not grouped
 * by run (it always is after a scan), so two threads never share a run. */
static bool plan(struct par *p)
{
	struct loader *l = p->l;
	for (size_t i = 0; i < l->nfiles;) {
		struct loader_run *r = l->files[i]->run;
		size_t e = i;
		uint64_t bytes = 0;
		bool dirty = false;
		for (; e < l->nfiles && l->files[e]->run == r; e++) {
			struct tracked_file *f = l->files[e];
			dirty |= f->dirty;
			if ((uint64_t)f->size > f->raw_off)
				bytes += (uint64_t)f->size - f->raw_off;
		}
		if (e < l->nfiles && l->files[e]->run->index < r->index)
			return false;
		if (dirty) {
			struct run_job *j = &p->jobs[p->njobs];
			memset(j, 0, sizeof(*j));
			j->first = i;
			j->n = e - i;
			p->order[p->njobs] = (struct order){ bytes, p->njobs };
			p->njobs++;
		}
		i = e;
	}
	qsort(p->order, p->njobs, sizeof(*p->order), cmp_bytes_desc);
	return true;
}

/* Sinks for the jobs; false when this sink cannot be forked. */
static bool fork_sinks(struct par *p)
{
	struct sink *k = p->l->env.sink;
	bool all = true;
	for (size_t i = 0; i < p->njobs; i++) {
		struct run_job *j = &p->jobs[i];
		diag_init(&j->diag);
		j->diag.to_stderr = false;
		j->sink = all && k->ops->fork ? k->ops->fork(k, &j->diag) : NULL;
		all = all && j->sink;
	}
	return all;
}

/* Fold a finished run's counters and messages into the shared ones. */
static void job_merge(struct loader *l, struct run_job *j)
{
	struct sink *k = l->env.sink;
	if (j->sink)
		k->ops->join(k, j->sink);
	l->bytes_read += j->bytes_read;
	l->bytes_total += j->bytes_total;
	l->stale_dirty |= j->stale_dirty;
	diag_merge(l->env.diag, &j->diag);
	diag_free(&j->diag);
}

static void run_threads(struct par *p, int jobs)
{
	atomic_init(&p->next, 0);
	size_t nthreads = TB_MIN((size_t)jobs, p->njobs) - 1, started = 0;
	pthread_t tid[MAX_JOBS];
	for (; started < nthreads && started < MAX_JOBS; started++)
		if (pthread_create(&tid[started], NULL, worker, p) != 0)
			break;          /* fewer threads; this one still works */
	worker(p);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

void loader_load_all(struct loader *l, int jobs)
{
	struct par p = { .l = l };
	if (jobs > 1 && l->ndirty > 1) {
		p.jobs = xcalloc(l->nfiles, sizeof(*p.jobs));
		p.order = xcalloc(l->nfiles, sizeof(*p.order));
	}
	bool threaded = p.jobs && plan(&p) && p.njobs >= 2 && fork_sinks(&p);
	if (threaded)
		run_threads(&p, jobs);
	for (size_t i = 0; i < p.njobs; i++)
		job_merge(l, &p.jobs[i]);       /* unthreaded, a job holds nothing to merge */
	free(p.jobs);
	free(p.order);
	if (threaded) {
		l->ndirty = 0;
		for (size_t i = 0; i < l->nfiles; i++)
			l->ndirty += l->files[i]->dirty;
	}
	/* a file that grew while we read (or every file, unthreaded) */
	while (loader_work(l, SIZE_MAX) == TB_OK)
		;
}
