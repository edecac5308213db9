/* strmap.h: byte-string keyed hash map (keys may hold any byte, NUL too). */
#ifndef TAILBOARD_STRMAP_H
#define TAILBOARD_STRMAP_H

#include "tailboard/common.h"

struct strmap {
	struct strmap_slot *slots;
	size_t cap, len;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Value stored for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key, size_t len);
/* Insert or replace; the map keeps its own copy of the key. */
void strmap_put(struct strmap *m, const char *key, size_t len, void *value);

#endif
