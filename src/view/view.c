/* view.c: the view's life: set up from the options, kept in step with the
 * store, and the one timer it asks for. */
#include <math.h>
#include <string.h>
#include "view_int.h"

void view_init(struct view *v, const struct store *st, const struct diag *diag, const struct options *o,
	       bool utf8, bool braille, int ncolors)
{
	memset(v, 0, sizeof(*v));
	v->st = st;
	v->diag = diag;
	v->utf8 = utf8;
	v->braille = braille;
	v->ncolors = ncolors;
	chart_view_init(&v->chart);
	v->chart.smoothing = o->smoothing;
	v->chart.smooth_method = (enum smooth_method)o->smooth_method;
	v->model_dirty = true;
	v->table_sort = -1;
	v->mark_x = NAN;
	v->chart.xmode = (enum chart_xmode)o->xmode;
	v->chart.logy = o->logy;
	view_palette(v, o->palette, ncolors >= 10 ? DEPTH_256 : ncolors > 0 ? DEPTH_8 : DEPTH_NONE);
	/* checked by the command line's parser */
	if (o->hide_tags)
		v->have_hide_re = regcomp(&v->hide_re, o->hide_tags, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
	v->grid_rows = o->grid_rows;
	v->grid_cols = o->grid_cols;
	v->drag_x = -1;
	/* the command line's filters are checked before the screen starts */
	if (o->run_re && model_set_filter(v, '/', o->run_re) != TB_OK)
		v->message[0] = 0;
	if (o->tag_re && model_set_filter(v, 't', o->tag_re) != TB_OK)
		v->message[0] = 0;
	if (o->filter && model_set_filter(v, 'F', o->filter) != TB_OK)
		v->message[0] = 0;
	if (o->group_by && bands_set(v, o->group_by) != TB_OK)
		v->message[0] = 0;
}

void view_palette(struct view *v, int pal, enum chart_depth depth)
{
	v->chart.palette = pal >= 0 && pal < PAL_COUNT ? pal : PAL_DEFAULT;
	v->depth = depth;
	v->ncolors = (int)chart_colours(v->chart.palette, depth).n;
}

void view_free(struct view *v)
{
	table_free(v);
	bands_free_spec(v);
	model_free(v);
}

bool view_sync(struct view *v)
{
	if (v->st->gen != v->model_gen)
		v->model_dirty = true;
	if (!v->model_dirty)
		return false;
	model_rebuild(v);
	return true;
}

double view_next_expiry(const struct view *v, double now)
{
	double next = -1;
	for (size_t i = 0; i < v->nruns; i++) {
		double last = v->runs[i].run->last_append, e = last + LIVE_SECS;
		if (last > 0 && e > now && (next < 0 || e < next))
			next = e;
	}
	return next;
}
