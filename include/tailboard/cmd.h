/* cmd.h: the headless commands (export, summary, watch) and what they share. */
#ifndef TAILBOARD_CMD_H
#define TAILBOARD_CMD_H

#include <stdio.h>
#include "tailboard/engine.h"
#include "tailboard/options.h"
#include "tailboard/store.h"

/* What a command works on: the settings, the store the engine fills. */
struct cmd {
	const struct options *opt;
	struct store *store;
	struct engine *engine;
	struct diag *diag;
};

/* Exit status: 0 when something was read, 1 when nothing could be, 2 for
 * bad usage (a regex that does not compile). */
int cmd_export(struct cmd *c) TB_MUST;
int cmd_summary(struct cmd *c) TB_MUST;
/* runs: one line a run, the hyperparameters that differ, --tag's last and
 * best (runs.c); 2 also for a --sort column that is not there. */
int cmd_runs(struct cmd *c) TB_MUST;
/* watch: follow the logdirs and print the health alerts (watch.c). Also
 * 3 when --until was not met by --timeout (or the end of --once), 4 when
 * an alert of a --fail-on kind fired, 128 + N when signal N ended it. */
#define CMD_EXIT_UNTIL_UNMET 3
#define CMD_EXIT_FAIL_ON 4
int cmd_watch(struct cmd *c) TB_MUST;

/* Load every logdir to the end (no screen). Returns the exit status the
 * commands use: 0 when something was read, 1 when nothing could be. */
int cmd_load_all(struct cmd *c) TB_MUST;
/* Room the number formatters below need: their longest text is 26 bytes
 * ("-1.2345678901234567e-308", "-999999999999999.123456789"). */
#define CMD_NUM_MAX 48
/* Shortest text that reads back as the same double; "nan", "inf", "-inf"
 * for the rest. Each formatter writes at most cap bytes with the NUL, like
 * snprintf, and returns the length of the whole text. */
size_t cmd_fmt_number(double v, char *buf, size_t cap);
/* The same for a value that came from a float32: shortest that reads back
 * as the same float32 (0.79, not 0.7900000214576721). */
size_t cmd_fmt_float(double v, char *buf, size_t cap);
/* Point i of s, in the form its source had (float32 or double). */
size_t cmd_fmt_value(const struct series *s, size_t i, char *buf, size_t cap);
/* Wall times in plain decimals (1614857751.697881), shortest that reads back. */
size_t cmd_fmt_time(double v, char *buf, size_t cap);
/* Runs sorted by name bytes, filtered by --run and --source; caller
 * frees; NULL after reporting a regex that does not compile. */
struct run **cmd_sorted_runs(struct cmd *c, size_t *n);
/* A run's series sorted by tag bytes, filtered by --tag. */
struct series **cmd_sorted_series(struct cmd *c, struct run *r, size_t *n);

#endif
