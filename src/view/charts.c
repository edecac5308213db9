/* charts.c: the frame's charts for drawings other than the frame (the
 * snapshots): the same series, names, colours and chart view. */
#include <string.h>
#include "view_int.h"

size_t view_selected_tag(const struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	return it ? it->tag : SIZE_MAX;
}

size_t view_find_tag(const struct view *v, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < v->ntags; i++)
		if (v->tags[i].len == len && memcmp(v->tags[i].tag, name, len) == 0)
			return i;
	return SIZE_MAX;
}

size_t view_chart_series(struct painter *p, const struct view *v, size_t tag, struct chart_series *out, size_t cap)
{
	if (tag >= v->ntags)
		return 0;
	bands_assign(p, v);     /* this frame's groups, as view_render makes them */
	/* a picture has every line, however long the screen's frames wait */
	p->pending = 0;
	p->deadline = 0;
	return frame_gather(p, v, &v->tags[tag], out, cap);
}

struct chart_view view_chart_view(const struct view *v)
{
	struct chart_view c = v->chart;
	c.braille = v->braille;
	c.legend = true;
	return c;
}
