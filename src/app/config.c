/* config.c: the config file. Its keys are the command line's long
 * options, and each line goes through the same code as the option
 * (cli_option), before the command line, so the command line wins and a
 * new option is a key the day it exists. A bad line is reported with
 * its file and line and skipped: the rest of the file still applies,
 * and a typo in a file of defaults does not stop the program. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"

#define CONFIG_MAX (1 << 20)

/* Options that are no default: actions, inputs, a command's own. */
static const char *const not_config[] = { "logdir", "logdir_spec", "logdir-spec", "run", "tag", "filter", "sort",
	"format", "output", "stats", "frames", "demo", "demo-dir", "help", "help-keys", "version", "until", "exec",
	"json", "timeout", "fail-on", "once", "width", "height", "print", "size", "config", "no-config" };

bool cli_is_option(const char *name)
{
	for (const struct option *op = cli_long_opts(); op->name; op++)
		if (strcmp(name, op->name) == 0)
			return true;
	return false;
}

bool cli_config_key(const char *name, int *code, int *has_arg)
{
	for (size_t i = 0; i < TB_ARRAY_LEN(not_config); i++)
		if (strcmp(name, not_config[i]) == 0)
			return false;
	for (const struct option *op = cli_long_opts(); op->name; op++)
		if (strcmp(name, op->name) == 0) {
			*code = op->val;
			*has_arg = op->has_arg;
			return true;
		}
	return false;
}

/* The file's bytes, NUL-terminated; NULL with errno set when unreadable. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	char *buf = xmalloc(CONFIG_MAX + 1);
	size_t n = fread(buf, 1, CONFIG_MAX, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

/* FILE:LINE: what, on stderr: the file's bytes sanitised, as everything
 * read from a file that reaches the terminal. */
__attribute__((format(printf, 3, 4)))
static void say(const char *file, int line, const char *fmt, ...)
{
	char msg[1024], safe[2048];
	va_list ap;
	int n = snprintf(msg, sizeof msg, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	sanitize_str(msg, strlen(msg), safe, sizeof safe, MB_CUR_MAX == 1);
	fprintf(stderr, "%s\n", safe);
}

/* A flag's value: empty or yes-like sets it, no-like leaves it alone. */
static int flag_value(const char *v)
{
	static const char *const yes[] = { "", "true", "yes", "on", "1" }, *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < TB_ARRAY_LEN(yes); i++)
		if (strcmp(v, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < TB_ARRAY_LEN(no); i++)
		if (strcmp(v, no[i]) == 0)
			return 0;
	return -1;
}

/* One line, cut in place: key = value, the value's quotes taken off
 * (so it can start or end with a blank). Values live as long as the app. */
static void config_line(struct app *app, const char *file, int lineno, char *line)
{
	char *s = tb_trim(line);
	if (!*s || *s == '#')
		return;
	char *eq = strchr(s, '=');
	if (!eq) {
		say(file, lineno, "expected 'key = value', not '%s'", s);
		return;
	}
	*eq = 0;
	char *key = tb_trim(s), *val = tb_trim(eq + 1);
	size_t vl = strlen(val);
	if (vl >= 2 && (val[0] == '"' || val[0] == '\'') && val[vl - 1] == val[0]) {
		val[vl - 1] = 0;
		val++;
	}
	int code, has_arg;
	if (!cli_config_key(key, &code, &has_arg)) {
		if (cli_is_option(key))
			say(file, lineno, "'%s' is not a config key: give it on the command line", key);
		else
			say(file, lineno, "unknown key '%s'", key);
		return;
	}
	struct cli_src src = { file, lineno, key };
	struct cli_state st = { 0 };
	if (has_arg == no_argument) {
		int f = flag_value(val);
		if (f < 0)
			say(file, lineno, "%s: wants true or false, not '%s'", key, val);
		if (f <= 0)
			return;
		val = NULL;
	} else if (has_arg == optional_argument && !*val) {
		val = NULL;
	}
	if (cli_option(app, &src, &st, code, val) >= 0) {
		/* reported as FILE:LINE: KEY:; the rest of the file applies */
	}
}

static int config_read(struct app *app, const char *path, bool given)
{
	char *text = slurp(path);
	if (!text) {
		if (!given && errno == ENOENT)
			return -1;      /* no default config: nothing to say */
		fprintf(stderr, "tailboard: %s: cannot read the config file: %s\n", path, strerror(errno));
		return given ? 2 : -1;
	}
	app->config_text = text;
	int lineno = 0;
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		config_line(app, path, ++lineno, line);
	}
	return -1;
}

/* arg is --full, or an abbreviation getopt_long takes for it (a prefix
 * no other long option shares), with =VALUE (into *value) or without. */
static bool spelt(const char *arg, const char *full, const char **value)
{
	if (strncmp(arg, "--", 2) != 0)
		return false;
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	if (!n || strncmp(full, name, n) != 0)
		return false;
	for (const struct option *op = cli_long_opts(); op->name && n < strlen(full); op++)
		if (strcmp(op->name, full) != 0 && strncmp(op->name, name, n) == 0)
			return false;
	*value = eq ? eq + 1 : NULL;
	return true;
}

int config_args(struct app *app, int argc, char **argv)
{
	const char *file = NULL, *v;
	bool none = false;
	/* before getopt: the file's options come first, so the command line's win */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (spelt(argv[i], "no-config", &v))
			none = true;
		else if (spelt(argv[i], "config", &v))
			file = v ? v : i + 1 < argc ? argv[++i] : NULL;
	}
	if (none)
		return -1;
	if (file && !*file) {
		fputs("tailboard: --config wants a file (--no-config reads none)\n"
		      "Try 'tailboard --help' for more information.\n", stderr);
		return 2;
	}
	if (file)
		return config_read(app, file, true);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096];
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/tailboard/config", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/tailboard/config", home);
	else
		return -1;
	return config_read(app, path, false);
}
