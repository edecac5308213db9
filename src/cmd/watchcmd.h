/* watchcmd.h: shared by the files of `watch` (watch.c, watch_until.c,
 * watch_exec.c), and only them. */
#ifndef TAILBOARD_WATCHCMD_H
#define TAILBOARD_WATCHCMD_H

#include <regex.h>
#include <sys/types.h>
#include "tailboard/health.h"
#include "tailboard/store.h"

/* --- --until [run~REGEX:]TAG OP VALUE ------------------------------------ */

enum until_op { UNTIL_LT, UNTIL_LE, UNTIL_GT, UNTIL_GE };

struct until_run;               /* per run: which series match, how far checked */

struct until {
	bool has_re;
	regex_t re;             /* on the run's name, case-insensitive, unanchored */
	char *glob;             /* the tag, fnmatch (exact without wildcards) */
	enum until_op op;
	double value;
	struct until_run *runs; /* by run index */
	size_t nruns;
	uint64_t gen;           /* the store's, when last checked */
};

/* Where it was met. */
struct until_hit {
	const struct run *run;
	const struct series *series;
	struct health_event ev; /* step, value, wall, single of the point */
};

/* TB_ERR with a message for the user in err. */
int until_parse(struct until *u, const char *expr, char *err, size_t errlen) TB_MUST;
void until_free(struct until *u);
/* Look at the points the store gained since the last call; true when one
 * meets the condition (the first, in run and series order). */
bool until_check(struct until *u, const struct store *st, struct until_hit *hit);

/* --- --exec CMD ---------------------------------------------------------- */

/* The facts of one line, as text; each goes into its environment variable
 * and nowhere else. */
struct exec_facts {
	const char *kind;
	const char *run;
	size_t run_len;
	const char *tag;        /* "" for run events */
	size_t tag_len;
	int64_t step;
	const char *value;
};

struct exec_job;

/* Commands started with posix_spawn and reaped without blocking; a few at
 * a time, the rest queued (and past the queue's end dropped, reported). */
struct execq {
	char *cmd;              /* a copy of the user's CMD */
	struct diag *diag;
	pid_t running[4];
	size_t nrunning;
	struct exec_job *queue;
	size_t qhead, qlen;
	size_t dropped;
	bool failed_reported;
};

void execq_init(struct execq *q, const char *cmd, struct diag *diag);
/* Run CMD for this line now, or when a running one ends. */
void execq_push(struct execq *q, const struct exec_facts *f);
/* Reap what ended (WNOHANG) and start what waits. */
void execq_poll(struct execq *q);
bool execq_busy(const struct execq *q);
/* Wait for every command, queued ones included, then free. */
void execq_finish(struct execq *q);

#endif
