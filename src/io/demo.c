/* demo.c: the built-in live demo. A forked child plays a small training
 * sweep: four runs with different learning rates append real TensorBoard
 * event files every ~100 ms, and a Hugging Face style run rewrites
 * checkpoint-N/trainer_state.json and rotates old checkpoints away, so
 * the screen has live curves, best-step markers and stale data to show. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tailboard/demo.h"
#include "tailboard/tfwriter.h"
#include "tailboard/xalloc.h"

#define NRUNS 4
#define STEPS 3000
#define TICK_NS 100000000L
#define HF_EVERY 50             /* steps between HF checkpoints */
#define HF_KEEP 2               /* save_total_limit */

/* The demo's process and directory. */
struct demo {
	pid_t pid;
	char *dir;
	bool temporary;
};

static const double lrs[NRUNS] = { 1e-3, 3e-3, 1e-2, 3e-2 };

struct sim {
	uint64_t rng;
	double wall0;
};

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* xorshift64*: uniform in [0, 1) */
static double rnd(struct sim *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (double)((s->rng * 2685821657736338717u) >> 11) * 0x1.0p-53;
}

static double gauss(struct sim *s)
{
	double u = rnd(s) + 1e-12, v = rnd(s);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Warmup then cosine decay, as most fine-tunes schedule it. */
static double schedule(double lr, int step)
{
	if (step < 100)
		return lr * (step + 1) / 100.0;
	return lr * 0.5 * (1.0 + cos(3.141592653589793 * (step - 100) / (STEPS - 100)));
}

/* Loss falls faster with a larger rate; the largest one diverges a bit
 * late in training so there is a best step to mark. */
static double loss_at(struct sim *s, int r, int step, double noise)
{
	double k = lrs[r] * 0.6;
	double base = 0.25 + 2.2 * exp(-k * step);
	if (r == NRUNS - 1 && step > 1500)
		base += (step - 1500) * 0.0002;
	return base * (1.0 + noise * gauss(s));
}

/* HF output: checkpoint-N/trainer_state.json, written whole and renamed
 * in, oldest checkpoints deleted as save_total_limit does. */
static void hf_checkpoint(const char *dir, int step, const char *history)
{
	char ck[4200], tmp[4300], fin[4300];
	snprintf(ck, sizeof(ck), "%s/hf-lr5e-5/checkpoint-%d", dir, step);
	mkdir(ck, 0777);
	snprintf(tmp, sizeof(tmp), "%s/.trainer_state.json.tmp", ck);
	snprintf(fin, sizeof(fin), "%s/trainer_state.json", ck);
	FILE *fp = fopen(tmp, "w");
	if (!fp)
		return;
	fprintf(fp, "{\n  \"global_step\": %d,\n  \"max_steps\": %d,\n  \"log_history\": [\n%s\n  ]\n}\n",
		step, STEPS, history);
	if (fclose(fp) == 0)
		rename(tmp, fin);
	int old = step - HF_EVERY * HF_KEEP;
	if (old > 0) {
		snprintf(fin, sizeof(fin), "%s/hf-lr5e-5/checkpoint-%d/trainer_state.json", dir, old);
		unlink(fin);
		snprintf(ck, sizeof(ck), "%s/hf-lr5e-5/checkpoint-%d", dir, old);
		rmdir(ck);
	}
}

static void hf_log(struct sim *s, char **hist, size_t *len, size_t *cap, int step)
{
	char line[256];
	double loss = loss_at(s, 1, step, 0.04);
	int n = snprintf(line, sizeof(line),
			 "%s    {\"epoch\": %.4f, \"learning_rate\": %.6g, \"loss\": %.5f, \"step\": %d}",
			 *len ? ",\n" : "", step / 1000.0, schedule(5e-5, step), loss, step);
	if (step % HF_EVERY == 0)
		n += snprintf(line + n, sizeof(line) - (size_t)n,
			      ",\n    {\"epoch\": %.4f, \"eval_loss\": %.5f, \"step\": %d}",
			      step / 1000.0, loss * 1.08, step);
	xgrow((void **)hist, cap, *len + (size_t)n + 1, 1);
	memcpy(*hist + *len, line, (size_t)n + 1);
	*len += (size_t)n;
}

/* One training step of run r: loss and learning rate, an eval every 10. */
static int write_step(struct tfwriter *w, struct sim *sim, int r, int step, double wall)
{
	int rc = tfwriter_scalar(w, "train/loss", step, wall, loss_at(sim, r, step, 0.08), TFW_SIMPLE);
	if (rc == TB_OK)
		rc = tfwriter_scalar(w, "train/learning_rate", step, wall, schedule(lrs[r], step), TFW_SIMPLE);
	if (rc != TB_OK || step % 10 != 0)
		return rc;
	double ev = loss_at(sim, r, step, 0.02) * 1.1;
	double acc = 1.0 / (1.0 + exp(3.0 * (ev - 0.9))) * (0.97 + 0.01 * gauss(sim));
	rc = tfwriter_scalar(w, "eval/loss", step, wall, ev, TFW_SIMPLE);
	return rc == TB_OK ? tfwriter_scalar(w, "eval/accuracy", step, wall, acc, TFW_TENSOR_FLOAT) : rc;
}

static void child_main(const char *dir, pid_t parent)
{
	struct tfwriter w[NRUNS];
	struct sim sim = { (uint64_t)getpid() * 0x9E3779B97F4A7C15u | 1, wall_now() };
	char path[4200];
	for (int r = 0; r < NRUNS; r++) {
		snprintf(path, sizeof(path), "%s/lr_%g", dir, lrs[r]);
		mkdir(path, 0777);
		snprintf(path, sizeof(path), "%s/lr_%g/events.out.tfevents.%ld.demo.%d.0", dir, lrs[r],
			 (long)sim.wall0, (int)getpid());
		if (tfwriter_open(&w[r], path, true) != TB_OK)
			_exit(1);
		/* a restart marker: a kept --demo-dir drops the last demo's points */
		if (tfwriter_session_start(&w[r], 0, wall_now()) != TB_OK)
			_exit(1);
	}
	snprintf(path, sizeof(path), "%s/hf-lr5e-5", dir);
	mkdir(path, 0777);
	char *hist = NULL;
	size_t hlen = 0, hcap = 0;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (int step = 0; step <= STEPS; step++) {
		if (getppid() != parent)
			_exit(0);       /* the parent died before PDEATHSIG was armed */
		double wall = wall_now();
		for (int r = 0; r < NRUNS; r++)
			if (write_step(&w[r], &sim, r, step, wall) != TB_OK)
				_exit(1);       /* the disk is full, or the demo dir went away */
		if (step % 10 == 0 && step > 0)
			hf_log(&sim, &hist, &hlen, &hcap, step);
		if (step % HF_EVERY == 0 && step > 0)
			hf_checkpoint(dir, step, hist);
		next.tv_nsec += TICK_NS;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
	}
	for (int r = 0; r < NRUNS; r++)
		tfwriter_close(&w[r]);
	free(hist);
	_exit(0);
}

/* The demo's directory: dir, or a new temporary one. */
static int make_dir(struct demo *demo, const char *dir, struct diag *diag)
{
	if (dir) {
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			diag_report(diag, dir, -1, "cannot create demo directory: %s", strerror(errno));
			return TB_ERR;
		}
		demo->dir = xstrdup(dir);
		demo->temporary = false;
		return TB_OK;
	}
	const char *tmp = getenv("TMPDIR");
	char templ[4096];
	snprintf(templ, sizeof(templ), "%s/tailboard-demo.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(templ)) {
		diag_report(diag, templ, -1, "cannot create demo directory: %s", strerror(errno));
		return TB_ERR;
	}
	demo->dir = xstrdup(templ);
	demo->temporary = true;
	return TB_OK;
}

int demo_start(struct demo **out, const char *dir, struct diag *diag)
{
	struct demo *demo = xcalloc(1, sizeof(*demo));
	demo->pid = -1;
	*out = demo;
	if (make_dir(demo, dir, diag) != TB_OK)
		return TB_ERR;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		diag_report(diag, NULL, -1, "cannot start the demo writer: %s", strerror(errno));
		return TB_ERR;
	}
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		/* nothing of ours may reach the terminal the screen owns */
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		child_main(demo->dir, parent);
	}
	demo->pid = pid;
	return TB_OK;
}

const char *demo_dir(const struct demo *demo)
{
	return demo->dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void demo_stop(struct demo *demo)
{
	if (!demo)
		return;
	if (demo->pid > 0) {
		kill(demo->pid, SIGTERM);
		while (waitpid(demo->pid, NULL, 0) < 0 && errno == EINTR)
			;
		demo->pid = -1;
	}
	if (demo->dir && demo->temporary)
		nftw(demo->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(demo->dir);
	free(demo);
}
