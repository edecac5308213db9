/* watch_exec.c: `--exec CMD`. CMD is the user's own string and runs as
 * `/bin/sh -c CMD`, exactly as given; what comes from the logs (run and
 * tag names, steps, values) goes only into the environment variables
 * TAILBOARD_RUN, TAILBOARD_TAG, TAILBOARD_STEP, TAILBOARD_VALUE and
 * TAILBOARD_KIND, byte for byte (a name's NUL would end its variable),
 * never into a command line, so no name is ever parsed by a shell.
 *
 * Commands start with posix_spawn and are reaped with waitpid(WNOHANG)
 * from watch's loop, so a slow one never holds up reading: at most four
 * run at once, up to 1024 more wait their turn, and past that lines get
 * no command (reported once). Their stdin is /dev/null and their stdout
 * goes to watch's stderr, so watch's stdout holds its own lines only;
 * their exit status is reported once if not 0, and stops nothing. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "watchcmd.h"
#include "tailboard/xalloc.h"

#define QUEUE_MAX 1024
#define NVARS 5

extern char **environ;

static const char *const var_names[NVARS] = {
	"TAILBOARD_KIND", "TAILBOARD_RUN", "TAILBOARD_TAG", "TAILBOARD_STEP", "TAILBOARD_VALUE",
};

struct exec_job {
	char *vars[NVARS];      /* "NAME=value", malloc'd */
};

void execq_init(struct execq *q, const char *cmd, struct diag *diag)
{
	memset(q, 0, sizeof(*q));
	q->cmd = cmd ? xstrdup(cmd) : NULL;
	q->diag = diag;
}

static char *var(const char *name, const char *value, size_t len)
{
	size_t n = strlen(name);
	char *s = xmalloc(n + 1 + len + 1);
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, len);
	s[n + 1 + len] = '\0';
	return s;
}

static void job_free(struct exec_job *j)
{
	for (int i = 0; i < NVARS; i++)
		free(j->vars[i]);
}

/* Our environment without any TAILBOARD_* of the five, then the job's. */
static char **job_env(const struct exec_job *j)
{
	size_t n = 0, k = 0;
	while (environ && environ[n])
		n++;
	char **env = xreallocarray(NULL, n + NVARS + 1, sizeof(*env));
	for (size_t i = 0; i < n; i++) {
		bool ours = false;
		for (int v = 0; v < NVARS && !ours; v++) {
			size_t l = strlen(var_names[v]);
			ours = strncmp(environ[i], var_names[v], l) == 0 && environ[i][l] == '=';
		}
		if (!ours)
			env[k++] = environ[i];
	}
	for (int v = 0; v < NVARS; v++)
		env[k++] = j->vars[v];
	env[k] = NULL;
	return env;
}

static int spawn(struct execq *q, const struct exec_job *j, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t dfl;
	char sh[] = "sh", dash_c[] = "-c";
	char *argv[] = { sh, dash_c, q->cmd, NULL };
	char **env = job_env(j);
	/* watch ignores SIGPIPE (a closed stdout is an error it reports); the
	 * command gets the default back, as from a shell */
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 2, 1);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
	int rc = posix_spawn(pid, "/bin/sh", &fa, &at, argv, env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	if (rc != 0)
		diag_report(q->diag, NULL, -1, "--exec: cannot start /bin/sh: %s", strerror(rc));
	return rc == 0 ? TB_OK : TB_ERR;
}

/* Start queued jobs while fewer than the limit run. */
static void start_queued(struct execq *q)
{
	while (q->qlen && q->nrunning < TB_ARRAY_LEN(q->running)) {
		struct exec_job *j = &q->queue[q->qhead];
		pid_t pid;
		if (spawn(q, j, &pid) == TB_OK)
			q->running[q->nrunning++] = pid;
		job_free(j);
		q->qhead = (q->qhead + 1) % QUEUE_MAX;
		q->qlen--;
	}
}

void execq_push(struct execq *q, const struct exec_facts *f)
{
	if (!q->cmd)
		return;
	if (q->qlen == QUEUE_MAX) {
		if (q->dropped++ == 0)
			diag_report(q->diag, NULL, -1, "--exec: %d commands waiting; lines from now on run none "
				    "until they end", QUEUE_MAX);
		return;
	}
	if (!q->queue)
		q->queue = xcalloc(QUEUE_MAX, sizeof(*q->queue));
	struct exec_job *j = &q->queue[(q->qhead + q->qlen++) % QUEUE_MAX];
	char step[32];
	snprintf(step, sizeof(step), "%" PRId64, f->step);
	j->vars[0] = var(var_names[0], f->kind, strlen(f->kind));
	j->vars[1] = var(var_names[1], f->run, strnlen(f->run, f->run_len));
	j->vars[2] = var(var_names[2], f->tag, strnlen(f->tag, f->tag_len));
	j->vars[3] = var(var_names[3], step, strlen(step));
	j->vars[4] = var(var_names[4], f->value, strlen(f->value));
	start_queued(q);
}

static void reaped(struct execq *q, int status)
{
	if ((WIFEXITED(status) && WEXITSTATUS(status) == 0) || q->failed_reported)
		return;
	q->failed_reported = true;
	if (WIFEXITED(status))
		diag_report(q->diag, NULL, -1, "--exec: the command exited with status %d (later failures "
			    "not reported)", WEXITSTATUS(status));
	else
		diag_report(q->diag, NULL, -1, "--exec: the command was killed by signal %d (later failures "
			    "not reported)", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

void execq_poll(struct execq *q)
{
	for (size_t i = 0; i < q->nrunning;) {
		int status;
		pid_t r = waitpid(q->running[i], &status, WNOHANG);
		if (r == 0 || (r < 0 && errno == EINTR)) {
			i++;
			continue;
		}
		if (r > 0)
			reaped(q, status);
		q->running[i] = q->running[--q->nrunning];
	}
	start_queued(q);
}

bool execq_busy(const struct execq *q)
{
	return q->nrunning || q->qlen;
}

void execq_finish(struct execq *q)
{
	while (execq_busy(q)) {
		int status;
		if (!q->nrunning) {
			start_queued(q);        /* none could start: dropped, reported */
			continue;
		}
		pid_t r = waitpid(q->running[0], &status, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0)
			reaped(q, status);
		q->running[0] = q->running[--q->nrunning];
		start_queued(q);
	}
	free(q->queue);
	q->queue = NULL;
	free(q->cmd);
	q->cmd = NULL;
}
