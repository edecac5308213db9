/* path.h: the path and name helpers every module used to write itself:
 * joining, splitting, suffixes, "is it under that directory". */
#ifndef TAILBOARD_PATH_H
#define TAILBOARD_PATH_H

#include "tailboard/common.h"

/* "a/b" into out, or b alone when a is empty; TB_ERR when it does not fit. */
int path_join(char *out, size_t cap, const char *a, const char *b) TB_MUST;
/* Do the n bytes at s end with suffix? */
bool path_ends_with(const char *s, size_t n, const char *suffix);
/* The parent directory of path and its last component (a pointer into
 * path): "a/b" -> "a", "b"; "b" -> ".", "b"; "/b" -> "/", "b". */
void path_split(const char *path, char *parent, size_t pcap, const char **last);
/* The directory holding path, up more levels higher ("a/b/c", 1 -> "a");
 * "." when there is no slash left; false when it does not fit. */
bool path_dir(const char *path, int up, char *out, size_t cap);
/* name beside path: "a/b", "c" -> "a/c". False when it does not fit. */
bool path_sibling(const char *path, const char *name, char *out, size_t cap);
/* Is path dir itself or something below it? */
bool path_under(const char *path, const char *dir);
/* Components of a relative path: "" 0, "a" 1, "a/b" 2. */
int path_depth(const char *rel);

#endif
