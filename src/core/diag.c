/* diag.c: errors to stderr before and after the screen, to a list during. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/diag.h"
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"

#define DIAG_KEEP 1000  /* the error list keeps the newest messages */

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
	d->to_stderr = true;
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i].text);
	free(d->items);
	memset(d, 0, sizeof(*d));
}

/* Keep a message at the end of the list, dropping the oldest when full. */
static void keep(struct diag *d, char *text, double when)
{
	if (d->n == DIAG_KEEP) {
		free(d->items[0].text);
		memmove(d->items, d->items + 1, (d->n - 1) * sizeof(*d->items));
		d->n--;
	}
	xgrow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items));
	d->items[d->n].text = text;
	d->items[d->n].when = when;
	d->n++;
}

void diag_report(struct diag *d, const char *path, int64_t offset, const char *fmt, ...)
{
	char raw[1024], clean[2048];
	size_t n = 0;
	va_list ap;
	if (path)
		n += (size_t)snprintf(raw, sizeof(raw), "%s: ", path);
	if (offset >= 0 && n < sizeof(raw))
		n += (size_t)snprintf(raw + n, sizeof(raw) - n, "offset %" PRId64 ": ", offset);
	if (n < sizeof(raw)) {
		va_start(ap, fmt);
		vsnprintf(raw + n, sizeof(raw) - n, fmt, ap);
		va_end(ap);
	}
	sanitize_str(raw, strlen(raw), clean, sizeof(clean), false);
	d->total++;
	d->gen++;
	if (d->to_stderr)
		fprintf(stderr, "tailboard: %s\n", clean);
	keep(d, xstrdup(clean), tb_now());
}

void diag_merge(struct diag *into, struct diag *from)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag_entry *e = &from->items[i];
		if (into->to_stderr)
			fprintf(stderr, "tailboard: %s\n", e->text);
		keep(into, e->text, e->when);
		e->text = NULL;
	}
	into->total += from->total;
	into->gen += from->gen;
}

const char *diag_last(const struct diag *d)
{
	return d->n ? d->items[d->n - 1].text : NULL;
}
