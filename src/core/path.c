/* path.c: path and name helpers. */
#include <stdio.h>
#include <string.h>
#include "tailboard/path.h"

int path_join(char *out, size_t cap, const char *a, const char *b)
{
	int n = *a ? snprintf(out, cap, "%s/%s", a, b) : snprintf(out, cap, "%s", b);
	return n < 0 || (size_t)n >= cap ? TB_ERR : TB_OK;
}

bool path_ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

void path_split(const char *path, char *parent, size_t pcap, const char **last)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(parent, pcap, ".");
	else if (slash == path)
		snprintf(parent, pcap, "/");
	else
		snprintf(parent, pcap, "%.*s", (int)(slash - path), path);
	*last = slash ? slash + 1 : path;
}

bool path_dir(const char *path, int up, char *out, size_t cap)
{
	size_t n = strlen(path);
	for (int i = 0; i <= up; i++) {
		const char *s = n ? memrchr(path, '/', n) : NULL;
		if (!s) {
			if (i != up)
				return false;
			snprintf(out, cap, ".");
			return true;
		}
		n = (size_t)(s - path);
	}
	if (n >= cap)
		return false;
	snprintf(out, cap, "%.*s", (int)n, n ? path : "/");
	return true;
}

bool path_sibling(const char *path, const char *name, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(out, cap, "%.*s/%s", (int)(slash - path), path, name)
		      : snprintf(out, cap, "%s", name);
	return n > 0 && (size_t)n < cap;
}

bool path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int path_depth(const char *rel)
{
	if (!*rel)
		return 0;
	int depth = 1;
	for (const char *p = rel; *p; p++)
		depth += *p == '/';
	return depth;
}
