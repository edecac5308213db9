/* common.c: loading and filtering for the headless commands (numbers:
 * numfmt.c). */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "outbuf.h"
#include "tailboard/cmd.h"
#include "tailboard/run_subject.h"
#include "tailboard/xalloc.h"

int cmd_load_all(struct cmd *c)
{
	struct engine *e = c->engine;
	/* a logdir that exists but cannot be listed has read nothing */
	bool scan_ok = engine_scan(e) == TB_OK;
	engine_load_all(e, c->opt->jobs);
	bool any_dir = false;
	for (size_t i = 0; i < e->disc.n; i++)
		any_dir |= e->disc.lds[i].present;
	struct loader_progress p;
	engine_progress(e, &p);
	bool any_ok = p.nfailed < p.nfiles;
	if (any_dir && scan_ok && p.nfiles == 0)
		diag_report(c->diag, NULL, -1, "no runs found (no event or metrics files)");
	return any_dir && (any_ok || (scan_ok && p.nfiles == 0)) ? 0 : 1;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, TB_MIN(an, bn));
	return c ? c : (an > bn) - (an < bn);
}

static int cmp_runs(const void *x, const void *y)
{
	const struct run *a = *(struct run *const *)x, *b = *(struct run *const *)y;
	return cmp_bytes(a->name, a->name_len, b->name, b->name_len);
}

static int cmp_series(const void *x, const void *y)
{
	const struct series *a = *(struct series *const *)x, *b = *(struct series *const *)y;
	return cmp_bytes(a->tag, a->tag_len, b->tag, b->tag_len);
}

/* Is the run's format in the comma-separated --source list? */
static bool source_wanted(const char *list, const char *format)
{
	size_t n = strlen(format);
	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, format, n) == 0)
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return !list;
}

/* Unanchored, case-insensitive, like TensorBoard's filter boxes. */
static bool matches(const char *re_text, const regex_t *re, const char *s)
{
	return !re_text || regexec(re, s, 0, NULL, 0) == 0;
}

static int compile(struct cmd *c, const char *text, regex_t *re, const char *what)
{
	if (!text)
		return TB_OK;
	int rc = regcomp(re, text, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc) {
		char msg[128];
		regerror(rc, re, msg, sizeof(msg));
		diag_report(c->diag, NULL, -1, "bad %s regex '%s': %s", what, text, msg);
		return TB_ERR;
	}
	return TB_OK;
}

struct run **cmd_sorted_runs(struct cmd *c, size_t *n)
{
	regex_t re;
	const struct store *st = c->store;
	*n = 0;
	if (compile(c, c->opt->run_re, &re, "--run") != TB_OK)
		return NULL;
	struct filter *f = NULL;
	char err[256];
	if (c->opt->filter && filter_compile(c->opt->filter, &f, err, sizeof err, NULL) != TB_OK) {
		diag_report(c->diag, NULL, -1, "--%s", err);
		if (c->opt->run_re)
			regfree(&re);
		return NULL;
	}
	struct run **out = xmalloc((st->nruns + 1) * sizeof(*out));
	for (size_t i = 0; i < st->nruns; i++)
		if (matches(c->opt->run_re, &re, st->runs[i]->name) &&
		    source_wanted(c->opt->sources, st->runs[i]->format) && run_matches(f, st->runs[i]))
			out[(*n)++] = st->runs[i];
	if (c->opt->run_re)
		regfree(&re);
	filter_free(f);
	qsort(out, *n, sizeof(*out), cmp_runs);
	return out;
}

struct series **cmd_sorted_series(struct cmd *c, struct run *r, size_t *n)
{
	regex_t re;
	*n = 0;
	if (compile(c, c->opt->tag_re, &re, "--tag") != TB_OK)
		return NULL;
	struct series **out = xmalloc((r->nseries + 1) * sizeof(*out));
	for (size_t i = 0; i < r->nseries; i++)
		if (matches(c->opt->tag_re, &re, r->series[i]->tag))
			out[(*n)++] = r->series[i];
	if (c->opt->tag_re)
		regfree(&re);
	qsort(out, *n, sizeof(*out), cmp_series);
	return out;
}

void cmd_table_begin(struct cmd_table *t)
{
	signal(SIGPIPE, SIG_IGN);       /* as export: a closed pipe is an EPIPE, not a kill */
	if (outbuf_init(&t->o, STDOUT_FILENO) != TB_OK)
		t->o.err = ENOMEM;
	t->tty = isatty(STDOUT_FILENO);
	outbuf_init_mem(&t->mem);
	t->lines = t->tty ? &t->mem : &t->o;
}

int cmd_table_end(struct cmd *c, struct cmd_table *t)
{
	if (t->tty) {
		outbuf_putc(&t->mem, '\0');
		if (t->mem.err)
			t->o.err = t->mem.err;
		else
			outbuf_put_aligned(&t->o, t->mem.buf);
	}
	outbuf_free(&t->mem);
	int status = 0;
	if (outbuf_flush(&t->o) != TB_OK) {
		if (t->o.err != EPIPE)
			diag_report(c->diag, "stdout", -1, "write error: %s", strerror(t->o.err));
		status = 1;
	}
	outbuf_free(&t->o);
	return status;
}
