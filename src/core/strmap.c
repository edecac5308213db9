/* strmap.c: open-addressing hash map keyed by byte strings (FNV-1a). */
#include <stdlib.h>
#include <string.h>
#include "tailboard/strmap.h"
#include "tailboard/xalloc.h"

struct strmap_slot {
	char *key;              /* NULL = empty */
	size_t len;
	uint64_t hash;
	void *value;
};

static uint64_t hash_bytes(const char *k, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->len = 0;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap, const char *key,
				     size_t len, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		struct strmap_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

void *strmap_get(const struct strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	struct strmap_slot *s = find_slot(m->slots, m->cap, key, len, hash_bytes(key, len));
	return s->key ? s->value : NULL;
}

static void rehash(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	struct strmap_slot *ns = xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *o = &m->slots[i];
		if (o->key)
			*find_slot(ns, ncap, o->key, o->len, o->hash) = *o;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

void strmap_put(struct strmap *m, const char *key, size_t len, void *value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		rehash(m);
	uint64_t h = hash_bytes(key, len);
	struct strmap_slot *s = find_slot(m->slots, m->cap, key, len, h);
	if (!s->key) {
		s->key = xstrndup(key, len);
		s->len = len;
		s->hash = h;
		m->len++;
	}
	s->value = value;
}
