/* tagcache.h: a reader's map from tag to the sink's series handle.
 * Writers log the same few tags in the same order over and over, so the
 * tag that followed the last one last time is tried first, compared word
 * by word against its first and last 8 bytes: most points cost two
 * compares and no call. */
#ifndef TAILBOARD_TAGCACHE_H
#define TAILBOARD_TAGCACHE_H

#include <string.h>
#include "source_int.h"
#include "tailboard/strmap.h"

struct tag_entry {
	uint64_t words[2];      /* a tag of 8 bytes or more: its first and last 8 */
	size_t len;
	struct tag_entry *next; /* the tag that came after this one last time */
	void *series;
	char tag[];
};

struct tagcache {
	struct tag_entry *last;
	struct strmap idx;      /* tag -> entry; owns nothing, entries are freed from the list */
	struct tag_entry **all;
	size_t n, cap;
};

void tagcache_init(struct tagcache *tc);
void tagcache_free(struct tagcache *tc);
/* The lookup behind tagcache_get: the map, else the sink (creating). */
void *tagcache_miss(struct tagcache *tc, struct emit *e, void *run, const char *tag, size_t len);

static inline bool tag_entry_is(const struct tag_entry *t, const char *tag, size_t len)
{
	if (t->len != len)
		return false;
	if (len < 8)
		return memcmp(t->tag, tag, len) == 0;
	uint64_t a, b;
	memcpy(&a, tag, 8);
	memcpy(&b, tag + len - 8, 8);
	if ((a ^ t->words[0]) | (b ^ t->words[1]))
		return false;
	for (size_t k = 8; k + 8 < len; k += 8) {
		memcpy(&a, tag + k, 8);
		memcpy(&b, t->tag + k, 8);
		if (a != b)
			return false;
	}
	return true;
}

static inline void *tagcache_get(struct tagcache *tc, struct emit *e, void *run, const char *tag, size_t len)
{
	struct tag_entry *l = tc->last;
	if (l) {
		struct tag_entry *n = l->next;
		if (n && tag_entry_is(n, tag, len)) {
			tc->last = n;
			return n->series;
		}
		if (tag_entry_is(l, tag, len))
			return l->series;
	}
	return tagcache_miss(tc, e, run, tag, len);
}

#endif
