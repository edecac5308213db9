/* xalloc.h: allocation that cannot fail, for small bookkeeping (names,
 * tables of runs and tags, a model's arrays): out of memory there is not
 * an error anyone could handle, so it ends the program with a message, as
 * htop's xMalloc does. Buffers that follow the data (file bytes, point
 * columns) use tb_grow and report instead. */
#ifndef TAILBOARD_XALLOC_H
#define TAILBOARD_XALLOC_H

#include "tailboard/common.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* n elements of size bytes, the product checked for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* The first n bytes of s (which may hold NULs) and a terminating NUL. */
char *xstrndup(const char *s, size_t n);
/* Make room for need elements, doubling. */
void xgrow(void **buf, size_t *cap, size_t need, size_t elem);

#endif
