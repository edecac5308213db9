/* tagcache.c: the slow half of tagcache_get. */
#include <stdlib.h>
#include "tagcache.h"
#include "tailboard/xalloc.h"

void tagcache_init(struct tagcache *tc)
{
	memset(tc, 0, sizeof(*tc));
	strmap_init(&tc->idx);
}

void tagcache_free(struct tagcache *tc)
{
	for (size_t i = 0; i < tc->n; i++)
		free(tc->all[i]);
	free(tc->all);
	strmap_free(&tc->idx);
	tagcache_init(tc);
}

void *tagcache_miss(struct tagcache *tc, struct emit *e, void *run, const char *tag, size_t len)
{
	struct tag_entry *t = strmap_get(&tc->idx, tag, len);
	if (!t) {
		/* entries never move: the hints point at them */
		t = xmalloc(sizeof(*t) + len + 1);
		memcpy(t->tag, tag, len);
		t->tag[len] = '\0';
		t->len = len;
		t->words[0] = t->words[1] = 0;
		if (len >= 8) {
			memcpy(&t->words[0], tag, 8);
			memcpy(&t->words[1], tag + len - 8, 8);
		}
		t->series = emit_series(e, run, tag, len);
		t->next = NULL;
		strmap_put(&tc->idx, tag, len, t);
		xgrow((void **)&tc->all, &tc->cap, tc->n + 1, sizeof(*tc->all));
		tc->all[tc->n++] = t;
	}
	if (tc->last)
		tc->last->next = t;
	tc->last = t;
	return t->series;
}
