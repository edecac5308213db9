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
	OPT_GRID, OPT_NO_MOUSE, OPT_S3_ENDPOINT, OPT_S3_STYLE,
};

static const struct option long_opts[] = {
	{ "logdir", required_argument, NULL, 'l' },
	{ "s3-endpoint", required_argument, NULL, OPT_S3_ENDPOINT },
	{ "s3-addressing-style", required_argument, NULL, OPT_S3_STYLE },
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

const struct option *cli_long_opts(void)
{
	return long_opts;
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
		/* as TensorBoard reads it: a URL (s3://...) or a path with no
		 * name before a colon is a logdir of its own, runs unprefixed */
		if (!colon || colon == item || item[0] == '/' || strncmp(colon, "://", 3) == 0) {
			engine_add_logdir(&app->engine, NULL, item);
			continue;
		}
		if (!colon[1]) {
			rc = bad("--logdir_spec: '%s' names no path", item);
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
	case OPT_S3_STYLE:
		if (!discover_set_s3_style(&app->engine.disc, arg))
			return bad_at(src, "--s3-addressing-style wants auto, path or virtual, not '%s'", arg);
		break;
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
	case OPT_HELP: cli_usage(stdout); return 0;
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
