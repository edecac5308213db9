/* key.c: the screen's P: the selected chart as a PNG in the current
 * directory, named after its tag and the time. Never into a logdir: a
 * picture there would sit among a training's files (and a logdir may be
 * read-only); when the current directory is inside one, the temporary
 * directory instead, and the message says so. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "snap_int.h"

/* Is dir inside (or) one of the logdirs? Both resolved, compared by whole
 * path components. */
static bool in_logdir(const char *dir, const struct discover *disc)
{
	char *d = realpath(dir, NULL);
	bool in = false;
	for (size_t i = 0; d && disc && i < disc->n && !in; i++) {
		char *l = realpath(disc->lds[i].path, NULL);
		size_t n = l ? strlen(l) : 0;
		in = l && strncmp(d, l, n) == 0 && (d[n] == 0 || d[n] == '/' || (n == 1 && l[0] == '/'));
		free(l);
	}
	free(d);
	return in;
}

/* A tag as a file name: letters, digits, '.', '-' and '_', the rest '_',
 * at most 60 bytes, never starting with a dot. */
static void safe_name(const char *tag, char *out, size_t cap)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)tag; *p && n + 1 < cap && n < 60; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			  *p == '-' || *p == '_' || (*p == '.' && n > 0);
		char ch = ok ? (char)*p : '_';
		if (ch == '_' && n && out[n - 1] == '_')
			continue;
		out[n++] = ch;
	}
	out[n] = 0;
	if (!n)
		snprintf(out, cap, "chart");
}

static void file_path(const char *dir, const char *tag, double wall_now, char *out, size_t cap)
{
	char name[64], when[32];
	time_t t = (time_t)wall_now;
	struct tm tm;
	safe_name(tag, name, sizeof name);
	if (!localtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm))
		snprintf(when, sizeof when, "%lld", (long long)t);
	snprintf(out, cap, "%s/tailboard-%s-%s.png", dir, name, when);
	for (int k = 2; access(out, F_OK) == 0 && k < 100; k++)
		snprintf(out, cap, "%s/tailboard-%s-%s-%d.png", dir, name, when, k);
}

/* The palette's colours, whatever the terminal had: by run, as the
 * screen with 256 colours gives them. */
static void recolour(struct chart_series *ss, size_t n, int palette)
{
	size_t np = chart_colours(palette, DEPTH_PICTURE).n;
	for (size_t i = 0; i < n; i++) {
		if (ss[i].s->run)
			ss[i].color = (int)(ss[i].s->run->index % np) + 1;
		else if (!ss[i].color)
			ss[i].color = (int)(i % np) + 1;
		ss[i].glyph = 0;
	}
}

int snap_key(struct view *v, struct painter *p, const struct discover *disc, double wall_now, char *msg, size_t cap)
{
	size_t tag = view_selected_tag(v);
	if (tag == SIZE_MAX || tag >= v->ntags) {
		snprintf(msg, cap, "no chart selected to write");
		return TB_ERR;
	}
	char cwd[PATH_MAX], path[PATH_MAX + 128], err[PATH_MAX + 128];
	const char *dir = getcwd(cwd, sizeof cwd) ? cwd : NULL;
	bool moved = !dir || in_logdir(dir, disc);
	if (moved)
		dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	file_path(dir, v->tags[tag].tag, wall_now, path, sizeof path);
	struct chart_series *ss = xcalloc(256, sizeof *ss);
	struct snap_chart ch = { v->tags[tag].disp, ss, view_chart_series(p, v, tag, ss, 256) };
	recolour(ss, ch.n, v->chart.palette);
	struct chart_view cv = view_chart_view(v);
	cv.cursor_x = NAN;
	int rc = snap_write(path, SNAP_PNG, &ch, 1, 1, &cv, 1200, 675, err, sizeof err);
	free(ss);
	char shown[PATH_MAX + 128];
	sanitize_str(rc == TB_OK ? path : err, strlen(rc == TB_OK ? path : err), shown, sizeof shown, !v->utf8);
	/* in the current directory: its name is enough, and fits a narrow screen */
	size_t dl = strlen(cwd);
	const char *name = !moved && strncmp(shown, cwd, dl) == 0 && shown[dl] == '/' ? shown + dl + 1 : shown;
	if (rc == TB_OK)
		snprintf(msg, cap, "wrote %s%s", name, moved ? " (the current directory is inside a logdir)" : "");
	else
		snprintf(msg, cap, "%s", shown);
	return rc;
}
