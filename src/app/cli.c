/* cli.c: options, --help and --version. */
#include <getopt.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "config.h"
#include "cli.h"
#include "tailboard/filter.h"
#include "tailboard/group.h"
#include "tailboard/notify.h"
#include "tailboard/sanitize.h"
#include "tailboard/snap.h"
#include "tailboard/view.h"
#include "tailboard/xalloc.h"

enum {
	OPT_LOGDIR_SPEC = 256, OPT_RUN, OPT_TAG, OPT_FORMAT, OPT_STATS, OPT_SMOOTHING, OPT_BEST,
	OPT_ASCII, OPT_UNICODE, OPT_NO_COLOR, OPT_FRAMES, OPT_POLL, OPT_DEMO, OPT_DEMO_DIR,
	OPT_HELP, OPT_VERSION, OPT_SOURCE, OPT_HELP_KEYS, OPT_FILTER, OPT_SMOOTH_METHOD, OPT_SORT,
	OPT_ALERT, OPT_UNTIL, OPT_EXEC, OPT_JSON, OPT_TIMEOUT, OPT_FAIL_ON, OPT_ONCE,
	OPT_NOTIFY,
	OPT_GROUP_BY, OPT_X, OPT_LOG, OPT_WIDTH, OPT_HEIGHT, OPT_PRINT, OPT_SIZE,
	OPT_PALETTE, OPT_CONFIG, OPT_NO_CONFIG, OPT_HIDE_TAGS,
	OPT_GRID, OPT_NO_MOUSE, OPT_S3_ENDPOINT,
};

static const struct option long_opts[] = {
	{ "logdir", required_argument, NULL, 'l' },
	{ "s3-endpoint", required_argument, NULL, OPT_S3_ENDPOINT },
	{ "logdir_spec", required_argument, NULL, OPT_LOGDIR_SPEC },
	{ "logdir-spec", required_argument, NULL, OPT_LOGDIR_SPEC },
	{ "run", required_argument, NULL, OPT_RUN },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "smoothing", required_argument, NULL, OPT_SMOOTHING },
	{ "smoothing-method", required_argument, NULL, OPT_SMOOTH_METHOD },
	{ "best", required_argument, NULL, OPT_BEST },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "unicode", no_argument, NULL, OPT_UNICODE },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "frames", required_argument, NULL, OPT_FRAMES },
	{ "poll", optional_argument, NULL, OPT_POLL },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "demo-dir", required_argument, NULL, OPT_DEMO_DIR },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "help-keys", required_argument, NULL, OPT_HELP_KEYS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "alert", required_argument, NULL, OPT_ALERT },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "exec", required_argument, NULL, OPT_EXEC },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "notify", optional_argument, NULL, OPT_NOTIFY },
	{ "x", required_argument, NULL, OPT_X },
	{ "log", no_argument, NULL, OPT_LOG },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "height", required_argument, NULL, OPT_HEIGHT },
	{ "print", optional_argument, NULL, OPT_PRINT },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "palette", required_argument, NULL, OPT_PALETTE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "hide-tags", required_argument, NULL, OPT_HIDE_TAGS },
	{ "grid", required_argument, NULL, OPT_GRID },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ NULL, 0, NULL, 0 },
};

static void usage_options(FILE *fp);

const struct option *cli_long_opts(void)
{
	return long_opts;
}

static void usage_snapshot(FILE *fp)
{
	fputs("Snapshots (snapshot; --print for the screen):\n"
	      "      --tag=TAG            a chart: the tag of that name, else every tag the\n"
	      "                           regex matches (repeatable: a grid)\n"
	      "      --format=svg|png|txt|ansi  snapshot format (default: -o's extension)\n"
	      "      --x=step|relative|wall  the x axis (default step)\n"
	      "      --log                a log y axis\n"
	      "      --width=W, --height=H  the picture's size in pixels (text: in cells);\n"
	      "                           default 800x450 a chart\n"
	      "      --print[=txt|ansi]   load the logdirs, print one frame of the screen as text\n"
	      "                           (ansi: with attributes and colours) and exit\n"
	      "      --size=COLSxROWS     --print's size (default: the terminal's, else 80x24)\n"
	      "\n", fp);
}

static void usage_config(FILE *fp)
{
	fputs("Config file: $XDG_CONFIG_HOME/tailboard/config (~/.config/tailboard/config),\n"
	      "lines 'key = value' where a key is a long option (smoothing, palette, best,\n"
	      "alert, hide-tags, ...; a flag: true or false), read before the command line\n"
	      "      --config=FILE        read FILE instead\n"
	      "      --no-config          read no config file\n"
	      "\n", fp);
}

static void usage(FILE *fp)
{
	fputs("Usage: tailboard [OPTION]... [--logdir DIR]\n"
	      "       tailboard export --logdir DIR [--run REGEX] [--tag REGEX]\n"
	      "                        [--group-by SPEC] [--format csv|json] [-o FILE]\n"
	      "       tailboard summary --logdir DIR [--stats]\n"
	      "       tailboard runs --logdir DIR [--filter EXPR] [--sort [-]COL] [--tag REGEX]\n"
	      "       tailboard watch --logdir DIR [--alert RULE]... [--until EXPR]\n"
	      "                       [--exec CMD] [--json] [--timeout DURATION]\n"
	      "                       [--fail-on KINDS] [--once]\n"
	      "       tailboard snapshot --logdir DIR --tag TAG [--tag TAG]... -o FILE.svg|FILE.png\n"
	      "       tailboard --print[=txt|ansi] [--size COLSxROWS] --logdir DIR\n"
	      "Watch machine-learning training logs (TensorBoard event files, W&B runs,\n"
	      "Hugging Face trainer_state.json, CSV, JSONL) as live charts in the terminal.\n"
	      "Checkpoints (Hugging Face checkpoint-N/, Lightning *.ckpt, Keras *.h5 with an\n"
	      "epoch) are marked on the charts' x axis, by name only, and i says how far\n"
	      "each best is from the nearest. Machine metrics (W&B's system stats, system/\n"
	      "and sys/ tags) stay out of the training charts: M shows them in a pane of\n"
	      "their own, a chart a metric and a line a GPU, on time.\n"
	      "i shows the selected run's overview: its config or hyperparameters, summary\n"
	      "(final values), environment (host, GPU, Python, git commit, command), HF's\n"
	      "best checkpoint and its checkpoints; / there filters the rows by key.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)                   open the screen on the logdirs\n"
	      "  export                   print every scalar point: run,tag,step,wall_time,value\n"
	      "  summary                  one line per run and tag: points, last and best value\n"
	      "  runs                     one line per run: state, the hyperparameters that\n"
	      "                           differ, last and best of the tags --tag matches\n"
	      "  watch                    follow the logdirs, print a line per health alert:\n"
	      "                           NaN, spikes, plateaus, divergence, stalls, finishes\n"
	      "  snapshot                 draw --tag's chart (several: a grid) as on the screen,\n"
	      "                           as an SVG or an anti-aliased PNG (-o's name says which),\n"
	      "                           or as text (--format txt|ansi, to stdout or -o)\n"
	      "\n", fp);
	usage_options(fp);
}

/* The options, by what they go with. */
static void usage_screen(FILE *fp)
{
	fputs("Screen:\n"
	      "      --smoothing=W        starting smoothing weight, 0 to 0.999 (default 0.6)\n"
	      "      --smoothing-method=M ema (TensorBoard's, default), twema (W&B's time-weighted),\n"
	      "                           avg (running average), gauss (Gaussian)\n"
	      "      --ascii              draw with ASCII only\n"
	      "      --unicode            draw with braille even if the locale is not UTF-8\n"
	      "      --no-color           no colours (also when NO_COLOR is set)\n"
	      "      --palette=NAME       run colours: default, okabe-ito (colour-blind safe),\n"
	      "                           high-contrast, mono (no colour: a glyph a run);\n"
	      "                           the screen (Y cycles), --print and snapshot\n"
	      "      --hide-tags=REGEX    leave tags (and so groups) the regex matches out of\n"
	      "                           the charts (case-insensitive)\n"
	      "      --poll[=SECONDS]     poll files instead of inotify (default 2 s)\n"
	      "      --grid=ROWSxCOLS     charts a page down and across (2x3; 0: automatic, the\n"
	      "                           default); # w W z Z change it on the screen\n"
	      "      --no-mouse           leave the mouse to the terminal (default: a click\n"
	      "                           selects, double-click maximises, the wheel zooms,\n"
	      "                           a drag pans)\n"
	      "      --frames=N           draw N frames and exit (for tests)\n"
	      "      --demo               start a simulated training and watch it\n"
	      "      --demo-dir=DIR       with --demo: write the demo run there and keep it\n"
	      "\n", fp);
}

static void usage_options(FILE *fp)
{
	fputs("Logdirs:\n"
	      "  -l, --logdir=DIR         a directory of runs or s3://BUCKET/DIR (repeatable);\n"
	      "                           a run is every directory directly holding event files\n"
	      "      --logdir_spec=SPEC   NAME:PATH[,NAME:PATH...]; runs are named NAME/REL\n"
	      "      --s3-endpoint=URL    S3 server for s3:// (AWS_ENDPOINT_URL; keys: AWS_*)\n"
	      "\n"
	      "Filters (the screen, export, summary, runs):\n"
	      "      --run=REGEX          only runs whose name matches (case-insensitive)\n"
	      "      --tag=REGEX          only tags that match (case-insensitive)\n"
	      "      --filter=EXPR        only runs the expression matches, e.g.\n"
	      "                           'lr<=1e-4 and batch_size==32', 'name~bert or has:eval/f1',\n"
	      "                           'not state=stale' (see the README for the language)\n"
	      "      --group-by=SPEC      the screen and export: runs as groups, a mean line and\n"
	      "                           band each (export: mean,std,min,max,n a step); SPEC is\n"
	      "                           KEY (a hyperparameter), -KEY (every one that differs\n"
	      "                           but KEY) or ~REGEX (its first capture on the name)\n"
	      "\n"
	      "Output (export, summary, runs):\n"
	      "      --source=FORMATS     only runs read from these formats, comma-separated:\n"
	      "                           tfevents, wandb, wandb-history, trainer_state, csv, jsonl\n"
	      "      --format=csv|json    export format (default csv)\n"
	      "  -o, --output=FILE        write the export to FILE atomically\n"
	      "      --stats              summary: add totals (files, bytes, points, time)\n"
	      "      --sort=[-]COL        runs: order by the column of that header (-: descending)\n"
	      "      --best=REGEX=DIR     best direction (min, max or none) for tags matching\n"
	      "                           REGEX (repeatable)\n"
	      "      --smoothing=W, --smoothing-method=M\n"
	      "                           export: add a smoothed column, as the screen smooths;\n"
	      "                           snapshot: smooth as the screen does\n"
	      "  -j, --jobs=N             read up to N runs at once (default: one a CPU, up to 8)\n"
	      "\n", fp);
	usage_snapshot(fp);
	fputs("Health alerts (watch; --alert and --notify for the screen too):\n"
	      "      --alert=RULE         nan | spike[=K] | plateau[=N|=DURATION] | diverge |\n"
	      "                           stall[=DURATION] | none, or KIND=off; nan, spike,\n"
	      "                           plateau and diverge also per tag: KIND:GLOB[=VALUE]\n"
	      "                           (repeatable, later rules win; default: all on, stall\n"
	      "                           after 10m or 5x the run's usual interval, spike=10)\n"
	      "      --until=EXPR         [run~REGEX:]TAG<VALUE (or <=, >, >=): exit 0 once a\n"
	      "                           point of a matching series meets it\n"
	      "      --exec=CMD           run CMD (sh -c) for each line printed; the facts go\n"
	      "                           in TAILBOARD_RUN, _TAG, _STEP, _VALUE, _KIND only\n"
	      "      --json               JSON Lines instead of text\n"
	      "      --timeout=DURATION   stop after DURATION (30s, 10m, 2h, 1d)\n"
	      "      --fail-on=KINDS      exit 4 on an alert of these kinds (nan,stall,..|all)\n"
	      "      --once               read what is there, report, print counts, exit\n"
	      "      --notify[=bell,osc]  the screen and watch: ring the terminal's bell and/or\n"
	      "                           send a desktop notification (OSC 9 and 777, through\n"
	      "                           tmux and screen) per alert; one every 10 s at most\n"
	      "\n", fp);
	usage_screen(fp);
	usage_config(fp);
	fputs("      --help               display this help and exit\n"
	      "      --help-keys=md|man   print the screen's keys as a markdown table or man page section\n"
	      "      --version            output version information and exit\n"
	      "\n"
	      "Exit status: 0 when something was read, 1 when nothing could be, 2 for bad\n"
	      "usage; watch: 0 when --until was met (or watching ended as asked), 3 when\n"
	      "--until was not met by --timeout or the end of --once, 4 on a --fail-on\n"
	      "alert, 128+N on signal N.\n"
	      "Report bugs to: " PACKAGE_BUGREPORT "\n", fp);
}

/* A bad option: on the command line, exit status 2 and a pointer to
 * --help; in the config file, FILE:LINE: KEY: and the message without
 * its leading --KEY (the caller goes on with the next line). */
__attribute__((format(printf, 2, 3)))
static int bad_at(const struct cli_src *src, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!src) {
		fprintf(stderr, "tailboard: %s\nTry 'tailboard --help' for more information.\n", msg);
		return 2;
	}
	const char *m = msg;
	size_t kl = strlen(src->key);
	if (m[0] == '-' && m[1] == '-' && strncmp(m + 2, src->key, kl) == 0 && strchr(" :", m[2 + kl]))
		m += 2 + kl + strspn(m + 2 + kl, " :");
	char line[1200], safe[2400];        /* the file's bytes, made safe for the terminal */
	snprintf(line, sizeof line, "%s:%d: %s: %s", src->file, src->line, src->key, m);
	sanitize_str(line, strlen(line), safe, sizeof safe, MB_CUR_MAX == 1);
	fprintf(stderr, "%s\n", safe);
	return 2;
}
#define bad(...) bad_at(NULL, __VA_ARGS__)

/* --help-keys: the key table the screen dispatches on, as documentation. */
static int help_keys(const char *format)
{
	char *doc = view_keys_doc(format);
	if (!doc)
		return bad("--help-keys wants md or man, not '%s'", format);
	fputs(doc, stdout);
	free(doc);
	return 0;
}

static int parse_spec(struct app *app, const char *spec)
{
	char *copy = xstrdup(spec), *save = NULL;
	int rc = -1;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':');
		/* "C:\\..." style or a bare path: no name */
		if (!colon || colon == item) {
			rc = bad("--logdir_spec: '%s' is not NAME:PATH", item);
			break;
		}
		*colon = '\0';
		engine_add_logdir(&app->engine, item, colon + 1);
	}
	free(copy);
	return rc;
}

/* A first word that names no file and has no slash is a command mistyped
 * (or one this version lacks), not a logdir. */
static bool looks_like_command(const char *word)
{
	struct stat st;
	return !strchr(word, '/') && stat(word, &st) != 0;
}

static bool parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

static bool parse_xmode(const char *s, int *out)
{
	for (int m = 0; m < XMODE_COUNT; m++)
		if (strcmp(s, chart_xmode_name((enum chart_xmode)m)) == 0) {
			*out = m;
			return true;
		}
	return false;
}

/* --format: csv or json for export, a snapshot's format for snapshot
 * (else -o's extension); -1 when fine, else the exit status. */
static int check_format(struct options *o, const char *format)
{
	bool snap = o->command && strcmp(o->command, "snapshot") == 0;
	enum snap_format f = SNAP_SVG;
	if (snap) {
		if (format ? snap_format_parse(format, &f) != TB_OK
			   : !o->output || snap_format_of_path(o->output, &f) != TB_OK)
			return format ? bad("snapshot: --format wants svg, png, txt or ansi, not '%s'", format)
				      : bad("%s", "snapshot: give -o FILE.svg or -o FILE.png (or --format txt|ansi)");
		if ((f == SNAP_SVG || f == SNAP_PNG) && !o->output)
			return bad("snapshot: --format %s writes a file: give -o FILE", format);
		o->snap_format = (int)f;
	} else if (format && strcmp(format, "csv") == 0) {
		o->format = OUT_CSV;
	} else if (format && strcmp(format, "json") == 0) {
		o->format = OUT_JSON;
	} else if (format) {
		return bad("--format must be csv or json, not '%s'", format);
	}
	return -1;
}

/* What goes with snapshot and --print, and what does not. */
static int check_snapshot(const struct options *o)
{
	bool snap = o->command && strcmp(o->command, "snapshot") == 0;
	if (snap && !o->ntags)
		return bad("%s", "snapshot: give --tag TAG (a chart; several: a grid)");
	if (o->command && !snap && (o->xmode || o->logy))
		return bad("%s", "--x and --log go with the screen and 'snapshot'");
	if (!snap && (o->width || o->height))
		return bad("%s", "--width and --height go with 'snapshot'");
	if (o->print && (o->command || o->demo))
		return bad("%s", "--print draws the screen: no command, no --demo");
	if (o->print_w && !o->print)
		return bad("%s", "--size goes with --print");
	return -1;
}

/* One option, from the command line (src NULL) or the config file:
 * -1 to go on, else an exit status. */
int cli_option(struct app *app, const struct cli_src *src, struct cli_state *st, int code, const char *arg)
{
	struct options *o = &app->opt;
	char err[256];
	int rc;
	switch (code) {
	case 'l':
		engine_add_logdir(&app->engine, NULL, arg);
		break;
	case OPT_LOGDIR_SPEC:
		if ((rc = parse_spec(app, arg)) >= 0)
			return rc;
		break;
	case OPT_RUN: o->run_re = arg; break;
	case OPT_TAG:
		o->tag_re = arg;
		if (o->ntags == TB_ARRAY_LEN(o->tags))
			return bad_at(src, "at most %zu --tag", TB_ARRAY_LEN(o->tags));
		o->tags[o->ntags++] = arg;
		break;
	case OPT_X:
		if (!parse_xmode(arg, &o->xmode))
			return bad_at(src, "--x wants step, relative or wall, not '%s'", arg);
		st->x_given = true;
		break;
	case OPT_LOG: o->logy = st->log_given = true; break;
	case OPT_WIDTH:
	case OPT_HEIGHT: {
		double d;
		if (!parse_double(arg, 10, 20000, &d) || d != (int)d)
			return bad_at(src, "--%s wants a whole number from 10 to 20000, not '%s'",
				   code == OPT_WIDTH ? "width" : "height", arg);
		*(code == OPT_WIDTH ? &o->width : &o->height) = (int)d;
		break;
	}
	case OPT_PRINT:
		o->print = true;
		if (arg && strcmp(arg, "txt") != 0 && strcmp(arg, "ansi") != 0)
			return bad_at(src, "--print wants txt or ansi, not '%s'", arg);
		st->print_ansi = arg && strcmp(arg, "ansi") == 0;
		break;
	case OPT_SIZE:
		if (sscanf(arg, "%dx%d%c", &o->print_w, &o->print_h, (char[1]){ 0 }) != 2 ||
		    o->print_w < 1 || o->print_h < 1 || o->print_w > 1000 || o->print_h > 1000)
			return bad_at(src, "--size wants COLSxROWS (80x24), not '%s'", arg);
		break;
	case OPT_GRID:
		if (!view_grid_parse(arg, &o->grid_rows, &o->grid_cols))
			return bad_at(src, "--grid wants ROWSxCOLS, each 0 (automatic) to %d (2x3), not '%s'", GRID_MAX,
				      arg);
		break;
	case OPT_NO_MOUSE: o->no_mouse = true; break;
	case OPT_SORT:
		o->sort = arg;
		break;
	case OPT_FILTER: {
		struct filter *f = NULL;
		if (filter_compile(arg, &f, err, sizeof err, NULL) != TB_OK)
			return bad_at(src, "--%s", err);     /* "--filter: column 7: ..." */
		filter_free(f);
		o->filter = arg;
		break;
	}
	case OPT_GROUP_BY: {
		struct group_spec g;
		if (group_spec_parse(&g, arg, err, sizeof err) != TB_OK)
			return bad_at(src, "--group-by: %s", err);
		group_spec_free(&g);
		o->group_by = arg;
		break;
	}
	case OPT_SOURCE: o->sources = arg; break;
	case OPT_FORMAT: st->format = arg; break;
	case 'o': o->output = arg; break;
	case OPT_STATS: o->stats = true; break;
	case 'j': {
		double j;
		if (!parse_double(arg, 1, 64, &j) || j != (int)j)
			return bad_at(src, "--jobs wants a whole number from 1 to 64, not '%s'", arg);
		o->jobs = (int)j;
		break;
	}
	case OPT_SMOOTHING:
		if (!parse_double(arg, 0, 0.999, &o->smoothing))
			return bad_at(src, "--smoothing wants a number from 0 to 0.999, not '%s'", arg);
		o->smoothing_given = true;
		break;
	case OPT_SMOOTH_METHOD: {
		enum smooth_method m;
		if (smooth_parse(arg, &m) != TB_OK)
			return bad_at(src, "--smoothing-method wants ema, twema, avg or gauss, not '%s'", arg);
		o->smooth_method = (int)m;
		o->smoothing_given = true;
		break;
	}
	case OPT_BEST:
		if (store_add_best_rule(&app->store, arg, err, sizeof(err)) != TB_OK)
			return bad_at(src, "%s", err);
		break;
	case OPT_ASCII: o->ascii = true; break;
	case OPT_UNICODE: o->unicode = true; break;
	case OPT_NO_COLOR: o->no_color = true; break;
	case OPT_FRAMES: {
		double f;
		if (!parse_double(arg, 1, 1e9, &f))
			return bad_at(src, "--frames wants a positive number, not '%s'", arg);
		o->frames = (long)f;
		break;
	}
	case OPT_POLL:
		o->poll_secs = 2.0;
		if (arg && !parse_double(arg, 0.05, 3600, &o->poll_secs))
			return bad_at(src, "--poll wants seconds from 0.05 to 3600, not '%s'", arg);
		break;
	case OPT_S3_ENDPOINT: discover_set_s3_endpoint(&app->engine.disc, arg); break;
	case OPT_DEMO: o->demo = true; break;
	case OPT_DEMO_DIR: o->demo_dir = arg; break;
	case OPT_ALERT:
		if (health_rule_parse(&o->alerts, arg, err, sizeof(err)) != TB_OK)
			return src ? bad_at(src, "%s", err) : bad("%s\n%s", err, health_rule_usage);
		break;
	case OPT_UNTIL: o->until = arg; break;
	case OPT_EXEC: o->exec = arg; break;
	case OPT_JSON: o->format = OUT_JSON; o->json_flag = true; break;
	case OPT_TIMEOUT:
		if (!health_parse_duration(arg, &o->timeout))
			return bad_at(src, "--timeout wants a duration like 30s, 10m, 2h, 1d, not '%s'", arg);
		break;
	case OPT_FAIL_ON:
		if (health_kinds_parse(arg, &o->fail_on, err, sizeof(err)) != TB_OK)
			return bad_at(src, "--fail-on: %s", err);
		break;
	case OPT_ONCE: o->once = true; break;
	case OPT_NOTIFY:
		if (notify_parse(arg ? arg : "all", &o->notify, err, sizeof(err)) != TB_OK)
			return bad_at(src, "%s", err);
		break;
	case OPT_HELP: usage(stdout); return 0;
	case OPT_HELP_KEYS: return help_keys(arg);
	case OPT_VERSION:
		printf("tailboard %s\nCopyright (C) 2026 the tailboard authors.\n"
		       "License MIT: <https://opensource.org/licenses/MIT>.\n"
		       "This is free software: you are free to change and redistribute it.\n"
		       "There is NO WARRANTY, to the extent permitted by law.\n", PACKAGE_VERSION);
		return 0;
	case OPT_PALETTE:
		if ((o->palette = chart_palette_parse(arg)) < 0) {
			o->palette = PAL_DEFAULT;
			return bad_at(src, "--palette wants default, okabe-ito, high-contrast or mono, not '%s'", arg);
		}
		break;
	case OPT_HIDE_TAGS: {
		regex_t re;
		if (regcomp(&re, arg, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
			return bad_at(src, "--hide-tags: '%s' is not a regular expression", arg);
		regfree(&re);
		o->hide_tags = arg;
		break;
	}
	case OPT_CONFIG:
	case OPT_NO_CONFIG:
		break;          /* read before the rest: config_args */
	default:
		fputs("Try 'tailboard --help' for more information.\n", stderr);
		return 2;
	}
	return -1;
}

int cli_parse(struct app *app, int argc, char **argv)
{
	struct options *o = &app->opt;
	int c, rc;
	o->smoothing = 0.6;
	o->format = OUT_CSV;
	if ((rc = config_args(app, argc, argv)) >= 0)
		return rc;
	o->smoothing_given = false;     /* the config's smoothing adds no column to export */
	struct cli_state st = { 0 };
	unsigned cfg_notify = o->notify;
	o->notify = 0;
	int cfg_x = o->xmode;
	bool cfg_log = o->logy;
	o->xmode = 0;
	o->logy = false;
	while ((c = getopt_long(argc, argv, "l:o:j:", long_opts, NULL)) != -1)
		if ((rc = cli_option(app, NULL, &st, c, optarg)) >= 0)
			return rc;
	for (int i = optind; i < argc; i++) {
		if (i == optind && !o->command && (strcmp(argv[i], "export") == 0 || strcmp(argv[i], "summary") == 0 ||
						   strcmp(argv[i], "watch") == 0 || strcmp(argv[i], "runs") == 0 ||
						   strcmp(argv[i], "snapshot") == 0))
			o->command = argv[i];
		else if (i == optind && !o->command && looks_like_command(argv[i]))
			return bad("unknown command '%s' (commands: export, summary, runs, watch, snapshot; a logdir that does not "
				   "exist yet goes after --logdir)", argv[i]);
		else
			engine_add_logdir(&app->engine, NULL, argv[i]);
	}
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->no_color = true;
	if (o->ascii && o->unicode)
		return bad("%s", "--ascii and --unicode exclude each other");
	if (!app->engine.disc.n && !o->demo)
		return bad("%s", "no logdir: give --logdir DIR (or --demo)");
	if (o->command && o->demo)
		return bad("--demo opens the screen; it does not go with '%s'", o->command);
	if (!(o->command && strcmp(o->command, "watch") == 0) &&
	    (o->until || o->exec || o->timeout > 0 || o->fail_on || o->once || o->json_flag))
		return bad("%s", "--until, --exec, --json, --timeout, --fail-on and --once go with 'watch'");
	if (o->sort && !(o->command && strcmp(o->command, "runs") == 0))
		return bad("%s", "--sort goes with 'runs'");
	if (o->notify && o->command && strcmp(o->command, "watch") != 0)
		return bad("--notify goes with the screen and 'watch', not '%s'", o->command);
	if ((rc = check_format(o, st.format)) >= 0 || (rc = check_snapshot(o)) >= 0)
		return rc;
	if (o->print && st.print_ansi)
		o->snap_format = SNAP_ANSI;
	/* the config's defaults where the command line left them, and only
	 * where they apply: no error for what a command does not use */
	bool screen = !o->command || strcmp(o->command, "snapshot") == 0;
	if (!st.x_given && screen)
		o->xmode = cfg_x;
	if (!st.log_given && screen)
		o->logy = o->logy || cfg_log;
	if (!o->notify && (!o->command || strcmp(o->command, "watch") == 0))
		o->notify = cfg_notify;
	return -1;
}
