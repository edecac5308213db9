/* watchdrv: drives the watcher the way the screen's event loop does, with
 * no screen, for the live tests.
 *
 *   watchdrv [--poll[=SECONDS]] [--demo] [--demo-dir DIR] LOGDIR...
 *
 * Commands, one per line on stdin; each answer ends with a "#done" line:
 *   dump      every stored point, "run<TAB>tag<TAB>step<TAB>value", in the
 *             store's order (so duplicates show), runs and tags sorted
 *   runs      "run<TAB>points<TAB>stale|live" per run
 *   describe  watch_describe()
 *   stats     overflows seen, files tracked, logdirs present
 *   quit
 * The loop never scans on its own: whatever the dump shows was found
 * through watch events (or polling), apart from the scan in watch_start. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/cmd.h"
#include "tailboard/demo.h"
#include "tailboard/watch.h"
#include "io/watch_int.h"

static void dump(struct app *app, bool points)
{
	size_t nr;
	struct run **runs = cmd_sorted_runs(app, &nr);
	for (size_t i = 0; runs && i < nr; i++) {
		struct run *r = runs[i];
		if (!points) {
			printf("%.*s\t%zu\t%s\n", (int)r->name_len, r->name, r->npoints,
			       r->stale ? "stale" : "live");
			continue;
		}
		size_t ns;
		struct series **ss = cmd_sorted_series(app, r, &ns);
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

static bool command(struct app *app, const char *line)
{
	bool go_on = true;
	if (strcmp(line, "dump") == 0) {
		dump(app, true);
	} else if (strcmp(line, "runs") == 0) {
		dump(app, false);
	} else if (strcmp(line, "describe") == 0) {
		printf("%s\n", watch_describe(app));
	} else if (strcmp(line, "stats") == 0) {
		size_t present = 0;
		for (size_t i = 0; i < app->loader.nlogdirs; i++)
			present += app->loader.logdirs[i].present;
		printf("overflows %llu\nfiles %zu\npresent %zu\n",
		       (unsigned long long)(app->watch ? app->watch->overflows : 0),
		       app->loader.nfiles, present);
	} else if (strcmp(line, "quit") == 0) {
		go_on = false;
	} else if (*line) {
		printf("unknown command %s\n", line);
	}
	printf("#done\n");
	fflush(stdout);
	return go_on;
}

int main(int argc, char **argv)
{
	struct app app;
	if (app_init(&app) != TB_OK)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--poll", 6) == 0)
			app.opt.poll_secs = argv[i][6] == '=' ? atof(argv[i] + 7) : 2.0;
		else if (strcmp(argv[i], "--demo") == 0)
			app.opt.demo = true;
		else if (strcmp(argv[i], "--demo-dir") == 0 && i + 1 < argc)
			app.opt.demo_dir = argv[++i];
		else
			loader_add_logdir(&app.loader, NULL, argv[i]);
	}
	if (app.opt.demo && demo_start(&app) != TB_OK)
		return 1;
	if (watch_start(&app) != TB_OK)
		return 1;
	char line[256];
	size_t nline = 0;
	bool go_on = true;
	while (go_on) {
		bool busy = loader_busy(&app.loader);
		struct pollfd pfd[2] = { { 0, POLLIN, 0 }, { watch_fd(&app), POLLIN, 0 } };
		int rc = poll(pfd, pfd[1].fd >= 0 ? 2 : 1, busy ? 0 : watch_timeout_ms(&app));
		if (rc < 0 && errno != EINTR)
			break;
		watch_process(&app);
		loader_work(&app.loader, &app.ctx, (size_t)4 << 20);
		if (rc > 0 && (pfd[0].revents & (POLLIN | POLLHUP))) {
			char c;
			ssize_t n = read(0, &c, 1);
			if (n <= 0)
				break;
			if (c != '\n' && nline + 1 < sizeof(line)) {
				line[nline++] = c;
				continue;
			}
			line[nline] = '\0';
			nline = 0;
			/* answer from a store that has caught up with the disk */
			watch_process(&app);
			while (loader_work(&app.loader, &app.ctx, (size_t)64 << 20) == TB_OK)
				;
			go_on = command(&app, line);
		}
	}
	watch_stop(&app);
	if (app.opt.demo)
		demo_stop(&app);
	app_free(&app);
	return 0;
}
