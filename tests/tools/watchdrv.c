/* watchdrv: the engine's loop with no screen, for the live tests.
 *
 *   watchdrv [--poll[=SECONDS]] [--demo] [--demo-dir DIR] LOGDIR...
 *
 * Commands, one per line on stdin; each answer ends with a "#done" line:
 *   dump      every stored point, "run<TAB>tag<TAB>step<TAB>value", in the
 *             store's order (so duplicates show), runs and tags sorted
 *   runs      "run<TAB>points<TAB>stale|live" per run
 *   hparams   "run<TAB>key<TAB>value" per hyperparameter, runs sorted, keys in
 *             the order the run got them
 *   info      "run<TAB>key<TAB>value" per run fact (env/host, summary/loss,
 *             wandb project...), then "run<TAB>label<TAB>name" when it has one
 *   ckpts     "run<TAB>step step..." per run: its checkpoints' steps
 *   describe  what follows the logdirs ("inotify", "polling 2s (nfs)", ...)
 *   stats     overflows seen, files tracked, logdirs present, bytes read
 *   ping      "pong" without catching up first: the loop answers while
 *             requests are in flight
 *   peek      dump without catching up first: what the screen has now
 *   quit
 * The loop never scans on its own: whatever the dump shows was found
 * through watch events (or polling), apart from the first scan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/app.h"
#include "tailboard/demo.h"

struct drv {
	struct app *app;
	char line[256];
	size_t n;
	bool done;
};

static void dump(struct app *app, bool points)
{
	struct cmd c = app_cmd(app);
	size_t nr;
	struct run **runs = cmd_sorted_runs(&c, &nr);
	for (size_t i = 0; runs && i < nr; i++) {
		struct run *r = runs[i];
		if (!points) {
			printf("%.*s\t%zu\t%s\n", (int)r->name_len, r->name, r->npoints,
			       r->stale ? "stale" : "live");
			continue;
		}
		size_t ns;
		struct series **ss = cmd_sorted_series(&c, r, &ns);
		for (size_t j = 0; ss && j < ns; j++) {
			for (size_t k = 0; k < ss[j]->n; k++) {
				char num[64];
				cmd_fmt_value(ss[j], k, num, sizeof(num));
				printf("%.*s\t%.*s\t%lld\t%s\n", (int)r->name_len, r->name,
				       (int)ss[j]->tag_len, ss[j]->tag, (long long)series_step(ss[j], k), num);
			}
		}
		free(ss);
	}
	free(runs);
}

static void hparams(struct app *app)
{
	struct cmd c = app_cmd(app);
	size_t nr;
	struct run **runs = cmd_sorted_runs(&c, &nr);
	for (size_t i = 0; runs && i < nr; i++)
		for (size_t k = 0; k < runs[i]->nhparams; k++)
			printf("%.*s\t%s\t%s\n", (int)runs[i]->name_len, runs[i]->name, runs[i]->hparams[k].key,
			       runs[i]->hparams[k].value);
	free(runs);
}

static void info(struct app *app)
{
	struct cmd c = app_cmd(app);
	size_t nr;
	struct run **runs = cmd_sorted_runs(&c, &nr);
	for (size_t i = 0; runs && i < nr; i++) {
		for (size_t k = 0; k < runs[i]->ninfo; k++)
			printf("%.*s\t%s\t%s\n", (int)runs[i]->name_len, runs[i]->name, runs[i]->info[k].key,
			       runs[i]->info[k].value);
		if (runs[i]->label)
			printf("%.*s\tlabel\t%s\n", (int)runs[i]->name_len, runs[i]->name, runs[i]->label);
	}
	free(runs);
}

static void stats(struct app *app)
{
	struct engine *e = &app->engine;
	struct loader_progress p;
	size_t present = 0;
	for (size_t i = 0; i < e->disc.n; i++)
		present += e->disc.lds[i].present;
	engine_progress(e, &p);
	printf("overflows %llu\nfiles %zu\npresent %zu\nbytes_read %llu\n",
	       (unsigned long long)watch_overflows(e->watch), p.nfiles, present, (unsigned long long)p.bytes_read);
}

/* Each run's checkpoint steps, as the x axis marks them. */
static void ckpts(struct app *app)
{
	struct cmd c = app_cmd(app);
	size_t nr;
	int64_t steps[64];
	struct run **runs = cmd_sorted_runs(&c, &nr);
	for (size_t i = 0; runs && i < nr; i++) {
		size_t n = store_run_checkpoints(&app->store, runs[i], steps, TB_ARRAY_LEN(steps));
		printf("%.*s\t", (int)runs[i]->name_len, runs[i]->name);
		for (size_t k = 0; k < n; k++)
			printf("%s%lld", k ? " " : "", (long long)steps[k]);
		printf("\n");
	}
	free(runs);
}

static void command(struct drv *d)
{
	struct app *app = d->app;
	const char *line = d->line;
	if (strcmp(line, "quit") == 0) {
		d->done = true;         /* what is in flight is dropped */
		printf("#done\n");
		fflush(stdout);
		return;
	}
	if (strcmp(line, "ping") == 0) {
		printf("pong\n#done\n");        /* at once: is the loop answering? */
		fflush(stdout);
		return;
	}
	if (strcmp(line, "peek") == 0) {
		dump(app, true);        /* the store as the screen has it now: nothing waited for */
		printf("#done\n");
		fflush(stdout);
		return;
	}
	/* answer from a store that has caught up with the disk */
	engine_settle(&app->engine);
	if (strcmp(line, "dump") == 0)
		dump(app, true);
	else if (strcmp(line, "runs") == 0)
		dump(app, false);
	else if (strcmp(line, "hparams") == 0)
		hparams(app);
	else if (strcmp(line, "info") == 0)
		info(app);
	else if (strcmp(line, "ckpts") == 0)
		ckpts(app);
	else if (strcmp(line, "describe") == 0)
		printf("%s\n", engine_describe(&app->engine));
	else if (strcmp(line, "stats") == 0)
		stats(app);
	else if (*line)
		printf("unknown command %s\n", line);
	printf("#done\n");
	fflush(stdout);
}

/* stdin is readable: a byte at a time, so nothing is read past a line */
static void on_stdin(void *arg, int fd, short revents)
{
	struct drv *d = arg;
	char c;
	(void)revents;
	if (read(fd, &c, 1) <= 0) {
		d->done = true;
		return;
	}
	if (c != '\n' && d->n + 1 < sizeof(d->line)) {
		d->line[d->n++] = c;
		return;
	}
	d->line[d->n] = '\0';
	d->n = 0;
	command(d);
}

int main(int argc, char **argv)
{
	struct app app;
	struct drv d = { &app, "", 0, false };
	double poll_secs = 0;
	app_init(&app);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--poll", 6) == 0)
			poll_secs = argv[i][6] == '=' ? atof(argv[i] + 7) : 2.0;
		else if (strcmp(argv[i], "--demo") == 0)
			app.opt.demo = true;
		else if (strcmp(argv[i], "--demo-dir") == 0 && i + 1 < argc)
			app.opt.demo_dir = argv[++i];
		else
			engine_add_logdir(&app.engine, NULL, argv[i]);
	}
	int status = 1;
	if (app.opt.demo) {
		if (demo_start(&app.demo, app.opt.demo_dir, &app.diag) != TB_OK)
			goto out;
		engine_add_logdir(&app.engine, NULL, demo_dir(app.demo));
	}
	if (engine_watch(&app.engine, poll_secs) != TB_OK || engine_add_fd(&app.engine, 0, on_stdin, &d) != TB_OK)
		goto out;
	while (!d.done)
		if (engine_turn(&app.engine, -1) != TB_OK)
			goto out;
	status = 0;
out:
	app_free(&app);
	return status;
}
