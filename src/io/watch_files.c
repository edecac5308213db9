/* watch_files.c: what the watcher does for one file it heard about: note
 * whether it is gone (a run whose files are all gone is stale) and tell the
 * loader to look at it. Replacement and truncation are the loader's to
 * judge (see check_identity in loader.c), with the file open. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "watch_int.h"

void wfiles_check(struct app *app, struct tracked_file *f)
{
	struct watch *w = app->watch;
	struct stat st;
	if (stat(f->path, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (!f->gone)
			w->stale_dirty = true;
		loader_touch(&app->loader, &app->ctx, f->path);
		f->gone = true;
		return;
	}
	if (f->gone) {
		/* back (moved back, logdir returned): the run is live again */
		f->gone = false;
		w->stale_dirty = true;
	}
	loader_touch(&app->loader, &app->ctx, f->path);
}

static bool under(const char *path, const char *dir, size_t dlen)
{
	return strncmp(path, dir, dlen) == 0 && (path[dlen] == '\0' || path[dlen] == '/');
}

void wfiles_check_under(struct app *app, const char *path)
{
	size_t dlen = strlen(path);
	/* wfiles_check may rewind runs but never adds files: indexes hold */
	for (size_t i = 0; i < app->loader.nfiles; i++)
		if (under(app->loader.files[i]->path, path, dlen))
			wfiles_check(app, app->loader.files[i]);
}

void wfiles_consider(struct app *app, size_t ld, const char *dir_rel, const char *name,
		     const char *full)
{
	struct stat st;
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	struct classify c;
	memset(&c, 0, sizeof(c));
	if (!classify_file(dir_rel, name, full, &c))
		return;
	if (loader_add_file(&app->loader, &app->ctx, ld, full, name, &c) == TB_OK)
		app->loader.finished = 0;
}

void wfiles_update_stale(struct app *app)
{
	struct watch *w = app->watch;
	size_t nruns = app->store.nruns;
	if (!w->stale_dirty || !nruns)
		return;
	size_t *count = calloc(2 * nruns, sizeof(*count));
	if (!count)
		return;
	for (size_t i = 0; i < app->loader.nfiles; i++) {
		const struct tracked_file *f = app->loader.files[i];
		size_t k = f->run->index;
		if (k < nruns) {
			count[2 * k]++;
			count[2 * k + 1] += f->gone;
		}
	}
	/* a run is stale when every file it was read from is gone; its points
	 * stay so the finished curve can still be compared */
	for (size_t k = 0; k < nruns; k++)
		if (count[2 * k])
			app->store.runs[k]->stale = count[2 * k + 1] == count[2 * k];
	free(count);
	w->stale_dirty = false;
}
