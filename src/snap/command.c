/* command.c: tailboard snapshot. The logdirs loaded as export loads them,
 * then a view made from the same options the screen takes (--run,
 * --filter, --group-by, --smoothing, --smoothing-method), so each chart
 * has the screen's runs, names, colours and groups; drawn as a picture
 * (write.c) or, for txt and ansi, by the chart core into a canvas. */
#include <langinfo.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tailboard/xalloc.h"
#include "snap_int.h"

#define SNAP_SERIES_MAX 256

/* The tags --tag names: exactly, else every tag its regex matches. */
static size_t pick_tags(const struct view *v, const struct options *o, size_t *out, size_t cap, struct diag *d)
{
	size_t n = 0;
	for (size_t i = 0; i < o->ntags; i++) {
		size_t t = view_find_tag(v, o->tags[i]);
		if (t != SIZE_MAX) {
			if (n < cap)
				out[n++] = t;
			continue;
		}
		regex_t re;
		size_t before = n;
		if (regcomp(&re, o->tags[i], REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0) {
			for (size_t k = 0; k < v->ntags && n < cap; k++)
				if (v->tags[k].shown && regexec(&re, v->tags[k].disp, 0, NULL, 0) == 0)
					out[n++] = k;
			regfree(&re);
		}
		if (n == before)
			diag_report(d, NULL, -1, "snapshot: no tag '%s' in the runs shown", o->tags[i]);
	}
	return n;
}

static int grid_cols(size_t n)
{
	return n <= 1 ? 1 : n <= 4 ? 2 : 3;
}

/* The charts as text: each by the chart core into its cell of a canvas. */
static int write_text(struct cmd *c, const struct snap_chart *ch, size_t n, const struct chart_view *cv, bool ansi)
{
	const struct options *o = c->opt;
	int cols = grid_cols(n), rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
	int W = o->width ? o->width : 80 * cols, H = o->height ? o->height : 20 * rows;
	struct canvas canvas;
	if (canvas_init(&canvas, W, H) != TB_OK)
		return 1;
	int cw = W / cols, chh = H / rows, rc = TB_OK;
	for (size_t i = 0; i < n && rc == TB_OK; i++)
		rc = chart_render(&canvas, (int)(i % (size_t)cols) * cw, (int)(i / (size_t)cols) * chh, cw, chh,
				  ch[i].title, ch[i].ss, ch[i].n, cv, NULL);
	FILE *fp = o->output ? fopen(o->output, "w") : stdout;
	if (!fp)
		diag_report(c->diag, NULL, -1, "cannot write %s", o->output);
	if (rc == TB_OK && fp)
		rc = snap_canvas_write(fp, &canvas, ansi, cv->palette, DEPTH_256);
	if (fp && fp != stdout && fclose(fp) != 0)
		rc = TB_ERR;
	canvas_free(&canvas);
	return rc == TB_OK && fp ? 0 : 1;
}

static int draw(struct cmd *c, struct view *v, struct painter *p, const size_t *tags, size_t n)
{
	const struct options *o = c->opt;
	struct snap_chart *ch = xcalloc(n, sizeof *ch);
	struct chart_series *ss = xcalloc(n * SNAP_SERIES_MAX, sizeof *ss);
	for (size_t i = 0; i < n; i++) {
		ch[i].title = v->tags[tags[i]].disp;
		ch[i].ss = ss + i * SNAP_SERIES_MAX;
		ch[i].n = view_chart_series(p, v, tags[i], ss + i * SNAP_SERIES_MAX, SNAP_SERIES_MAX);
	}
	struct chart_view cv = view_chart_view(v);
	int status = 0, cols = grid_cols(n), rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
	enum snap_format f = (enum snap_format)o->snap_format;
	if (f == SNAP_TXT || f == SNAP_ANSI) {
		status = write_text(c, ch, n, &cv, f == SNAP_ANSI);
	} else {
		char err[600];
		int W = o->width ? o->width : 800 * cols, H = o->height ? o->height : 450 * rows;
		if (snap_write(o->output, f, ch, n, cols, &cv, W, H, err, sizeof err) != TB_OK) {
			diag_report(c->diag, NULL, -1, "%s", err);
			status = 1;
		}
	}
	free(ss);
	free(ch);
	return status;
}

static bool locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

int snap_command(struct cmd *c)
{
	const struct options *o = c->opt;
	int status = cmd_load_all(c);
	if (status != 0)
		return status;
	/* pictures draw UTF-8 and the palette; text as the locale and NO_COLOR say */
	enum snap_format f = (enum snap_format)o->snap_format;
	bool text = f == SNAP_TXT || f == SNAP_ANSI, utf8 = !text || locale_utf8();
	int ncolors = f == SNAP_TXT || (f == SNAP_ANSI && o->no_color) ? 0 : 10;
	struct options vo = *o;
	vo.tag_re = NULL;       /* --tag picks the charts here, it does not filter them */
	struct view v;
	view_init(&v, c->store, c->diag, &vo, utf8, o->unicode || (utf8 && !o->ascii), ncolors);
	if (!text)
		view_palette(&v, o->palette, DEPTH_PICTURE);   /* mono too: grey and black, dashed */
	if (v.message[0])
		diag_report(c->diag, NULL, -1, "%s", v.message);
	v.chart.xmode = (enum chart_xmode)o->xmode;
	v.chart.logy = o->logy;
	view_sync(&v);
	view_layout(&v, 200, 60);
	size_t tags[64];
	size_t n = pick_tags(&v, o, tags, TB_ARRAY_LEN(tags), c->diag);
	struct painter p;
	painter_init(&p);
	status = n ? draw(c, &v, &p, tags, n) : 1;
	painter_free(&p);
	view_free(&v);
	return status;
}
