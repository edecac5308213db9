/* classify.c: which files are TensorBoard event files, and run naming. */
#include <stdio.h>
#include <string.h>
#include "tailboard/discover.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool classify_file(const char *dir_rel, const char *name, const char *fullpath,
		   struct classify *out)
{
	/* TensorBoard's rule: "tfevents" anywhere in the name. The profiler's
	 * *.profile-empty markers hold no summaries. */
	if (strstr(name, "tfevents") && !ends_with(name, ".profile-empty")) {
		out->kind = SRC_TFEVENTS;
		out->gz = ends_with(name, ".gz");
		snprintf(out->run_rel, sizeof(out->run_rel), "%s", dir_rel);
		return true;
	}
	return classify_extra(dir_rel, name, fullpath, out);
}

bool classify_skip_dir(const char *name)
{
	return strcmp(name, ".git") == 0 || strcmp(name, "__pycache__") == 0 ||
	       strcmp(name, ".ipynb_checkpoints") == 0 || strcmp(name, "node_modules") == 0;
}

size_t discover_run_name(const struct logdir *ld, const char *run_rel, char *out, size_t cap)
{
	int n;
	if (ld->name && *ld->name)
		n = *run_rel ? snprintf(out, cap, "%s/%s", ld->name, run_rel) : snprintf(out, cap, "%s", ld->name);
	else
		n = snprintf(out, cap, "%s", *run_rel ? run_rel : ".");
	return n < 0 ? 0 : TB_MIN((size_t)n, cap - 1);
}
