/* watch.c: `tailboard watch`, the health monitor with no screen. It follows
 * the logdirs through the engine (inotify, polling where it must), feeds
 * the monitor from the engine's after-read hook (the points still in
 * cache) and after every turn (the stall clocks), and prints one line per
 * alert, and one when --until is met: "KIND<TAB>RUN TAG: what", names
 * sanitised, or the same as JSON Lines with --json (health_event_json).
 * The engine's poll() wakes for the next stall deadline, --timeout, and,
 * while --exec commands run, every 50 ms to reap them; otherwise it
 * sleeps. --notify rings or notifies the terminal (stdout or stderr,
 * whichever is one) for alerts that fire once what was on disk is read.
 *
 * What is on disk when it starts is read and reported first. Exit status
 * (cmd.h): 0 when --until was met, or when watching ended as asked (the
 * end of --once, --timeout without --until); 3 when --until was not met
 * by then; 4 as soon as an alert of a --fail-on kind fired, after the
 * lines of that turn (so this wins over --until met in the same turn);
 * 1 when nothing could be read or stdout failed; 128 + N on signal N. It
 * never writes into a logdir. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "watchcmd.h"
#include "tailboard/cmd.h"
#include "tailboard/health_mon.h"
#include "tailboard/notify.h"
#include "tailboard/sanitize.h"

#define REAP_SECS 0.05

struct watcher {
	struct cmd *c;
	struct health_mon mon;
	struct until until;
	bool has_until;
	struct execq exec;
	size_t printed;         /* alerts printed so far */
	size_t counts[HEALTH_NKINDS];
	bool failed;            /* a --fail-on alert fired */
	bool met;               /* --until was met */
	bool out_error;         /* stdout failed */
	struct notifier notify; /* --notify, once following live */
	int notify_fd;          /* the terminal it goes to, -1 none */
	bool live;              /* what was on disk is reported: alerts now are news */
};

/* --notify's bytes to the terminal: stdout when it is one (the lines go
 * there too), else stderr when it is; never into a pipe or a file. */
static void notify_send(struct watcher *w, const char *bytes, size_t n)
{
	while (n && w->notify_fd >= 0) {
		ssize_t k = write(w->notify_fd, bytes, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;  /* a notification lost; the line was printed */
		bytes += k;
		n -= (size_t)k;
	}
}

static void write_line(struct watcher *w, const char *line)
{
	if (w->out_error)
		return;
	if (fputs(line, stdout) == EOF || putchar('\n') == EOF || fflush(stdout) == EOF) {
		w->out_error = true;    /* a reader gone (watch | head -1) ends it quietly, as export */
		if (errno != EPIPE)
			diag_report(w->c->diag, "stdout", -1, "write error: %s", strerror(errno));
	}
}

static void run_exec(struct watcher *w, const char *kind, const struct run *r, const struct series *s,
		     const struct health_event *ev)
{
	char value[64];
	if (!w->c->opt->exec)
		return;
	if (ev->single)
		cmd_fmt_float(ev->value, value, sizeof(value));
	else
		cmd_fmt_number(ev->value, value, sizeof(value));
	struct exec_facts f = { kind, r->name, r->name_len, s ? s->tag : "", s ? s->tag_len : 0, ev->step, value };
	execq_push(&w->exec, &f);
}

static void print_alert(struct watcher *w, const struct health_alert *a)
{
	char line[4096], text[2048], how[128];
	const char *tag = a->series ? a->series->tag : NULL;
	size_t tag_len = a->series ? a->series->tag_len : 0;
	const char *kind = health_kind_name(a->ev.kind);
	bool json = w->c->opt->format == OUT_JSON;
	size_t n = health_event_text(&a->ev, a->run->name, a->run->name_len, tag, tag_len,
				     !json && w->c->opt->ascii, text, sizeof(text));
	if (a->ev.kind == HEALTH_FINISHED && a->run->finished) {
		/* how, as the format said it: "exit 1" is a crash */
		sanitize_str(a->run->finished, strlen(a->run->finished), how, sizeof(how), !json && w->c->opt->ascii);
		snprintf(text + n, sizeof(text) - n, " (%s)", how);
	}
	if (json) {
		if (health_json_line(kind, &a->ev, a->run->name, a->run->name_len, tag, tag_len, text, line,
				     sizeof(line)) == SIZE_MAX)
			snprintf(line, sizeof(line), "{\"kind\":\"%s\",\"text\":\"(too long)\"}", kind);
	} else {
		snprintf(line, sizeof(line), "%s\t%s", kind, text);
	}
	write_line(w, line);
	if (w->live && w->notify.kinds) {
		char out[NOTIFY_BYTES_MAX];
		n = health_event_text(&a->ev, a->run->name, a->run->name_len, tag, tag_len, w->notify.ascii, text,
				      NOTIFY_TEXT_MAX);
		snprintf(line, sizeof(line), "%s: %s", kind, text);
		notify_send(w, out, notifier_alert(&w->notify, tb_now(), line, out, sizeof(out)));
	}
	run_exec(w, kind, a->run, a->series, &a->ev);
	w->counts[a->ev.kind]++;
	if (w->c->opt->fail_on & (1u << a->ev.kind))
		w->failed = true;
}

static void print_until(struct watcher *w, const struct until_hit *h)
{
	char line[4096], body[1024], text[2100], run[512], tag[512], num[64];
	bool ascii = w->c->opt->ascii;
	if (h->ev.single)
		cmd_fmt_float(h->ev.value, num, sizeof(num));
	else
		cmd_fmt_number(h->ev.value, num, sizeof(num));
	sanitize_str(w->c->opt->until, strlen(w->c->opt->until), tag, sizeof(tag), ascii);
	snprintf(body, sizeof(body), "until %s met at step %lld (%s)", tag, (long long)h->ev.step, num);
	sanitize_str(h->run->name, h->run->name_len, run, sizeof(run), ascii);
	sanitize_str(h->series->tag, h->series->tag_len, tag, sizeof(tag), ascii);
	snprintf(text, sizeof(text), "%s %s: %s", run, tag, body);
	if (w->c->opt->format == OUT_JSON) {
		if (health_json_line("until", &h->ev, h->run->name, h->run->name_len, h->series->tag,
				     h->series->tag_len, text, line, sizeof(line)) == SIZE_MAX)
			snprintf(line, sizeof(line), "{\"kind\":\"until\",\"text\":\"(too long)\"}");
	} else {
		snprintf(line, sizeof(line), "until\t%s", text);
	}
	write_line(w, line);
	run_exec(w, "until", h->run, h->series, &h->ev);
	w->met = true;
}

/* Print what the monitor raised since the last call, then --until. */
static void report(struct watcher *w)
{
	for (; w->printed < health_mon_count(&w->mon); w->printed++)
		print_alert(w, health_mon_alert(&w->mon, w->printed));
	struct until_hit hit;
	if (w->has_until && !w->met && !w->failed && until_check(&w->until, w->c->store, &hit))
		print_until(w, &hit);
}

/* --once: the last line, counts by kind. */
static void print_counts(struct watcher *w)
{
	const struct store *st = w->c->store;
	size_t nseries = 0, total = 0;
	char line[1024];
	for (size_t i = 0; i < st->nruns; i++)
		nseries += st->runs[i]->nseries;
	for (int k = 0; k < HEALTH_NKINDS; k++)
		total += w->counts[k];
	bool json = w->c->opt->format == OUT_JSON;
	int n = snprintf(line, sizeof(line),
			 json ? "{\"kind\":\"summary\",\"runs\":%zu,\"series\":%zu,\"points\":%zu,\"alerts\":%zu,\"counts\":{"
			      : "summary\t%zu runs, %zu series, %zu points: %zu alerts:",
			 st->nruns, nseries, store_npoints(st), total);
	for (int k = 0; k < HEALTH_NKINDS && n > 0 && (size_t)n < sizeof(line); k++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, json ? "%s\"%s\":%zu" : " %s%s=%zu",
			      json && k ? "," : "", health_kind_name((enum health_kind)k), w->counts[k]);
	if (json && n > 0 && (size_t)n < sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n, "}}");
	write_line(w, line);
}

static int once(struct watcher *w)
{
	int status = cmd_load_all(w->c);
	health_mon_update(&w->mon, tb_now(), false);
	report(w);
	print_counts(w);
	if (w->failed)
		return CMD_EXIT_FAIL_ON;
	if (status != 0 || !w->has_until)
		return status;  /* nothing could be read: 1, --until or not */
	return w->met ? 0 : CMD_EXIT_UNTIL_UNMET;
}

/* The engine read a piece: feed what it stored while it is in cache. */
static void after_read(void *arg)
{
	struct watcher *w = arg;
	health_mon_update(&w->mon, tb_now(), w->c->engine->loaded_at > 0);
}

static int follow(struct watcher *w)
{
	struct engine *e = w->c->engine;
	const struct options *o = w->c->opt;
	engine_after_read(e, after_read, w);
	if (engine_signals(e, true) != TB_OK || engine_watch(e, o->poll_secs) != TB_OK) {
		diag_report(w->c->diag, NULL, -1, "cannot follow the logdirs: %s", strerror(errno));
		return 1;
	}
	double end = o->timeout > 0 ? tb_now() + o->timeout : INFINITY;
	int status = -1;
	while (status < 0) {
		double d = TB_MIN(TB_MIN(health_mon_deadline(&w->mon), end), notifier_deadline(&w->notify));
		if (execq_busy(&w->exec))
			d = TB_MIN(d, tb_now() + REAP_SECS);
		if (engine_turn(e, isfinite(d) ? d : -1) != TB_OK) {
			diag_report(w->c->diag, NULL, -1, "poll: %s", strerror(errno));
			status = 1;
			break;
		}
		double now = tb_now();
		health_mon_update(&w->mon, now, e->loaded_at > 0);
		report(w);
		w->live = e->loaded_at > 0;     /* from the next turn on */
		char out[NOTIFY_BYTES_MAX];
		notify_send(w, out, notifier_flush(&w->notify, now, out, sizeof(out)));
		execq_poll(&w->exec);
		if (w->failed)
			status = CMD_EXIT_FAIL_ON;
		else if (w->met)
			status = 0;
		else if (w->out_error)
			status = 1;
		else if (engine_quitting(e))
			status = 128 + engine_quit_signal(e);
		else if (now >= end)
			status = w->has_until ? CMD_EXIT_UNTIL_UNMET : 0;
	}
	if (engine_signals(e, false) != TB_OK) {
		/* the handlers go back to the defaults; nothing to report */
	}
	engine_after_read(e, NULL, NULL);
	return status;
}

int cmd_watch(struct cmd *c)
{
	struct watcher w = { .c = c };
	char err[512];
	if (c->opt->until) {
		if (until_parse(&w.until, c->opt->until, err, sizeof(err)) != TB_OK) {
			fprintf(stderr, "tailboard: %s\nTry 'tailboard --help' for more information.\n", err);
			return 2;
		}
		w.has_until = true;
	}
	signal(SIGPIPE, SIG_IGN);       /* a closed stdout is an EPIPE we report, as export does */
	health_mon_init(&w.mon, c->store, &c->opt->alerts);
	w.notify_fd = isatty(STDOUT_FILENO) ? STDOUT_FILENO : isatty(STDERR_FILENO) ? STDERR_FILENO : -1;
	notifier_init(&w.notify, w.notify_fd >= 0 ? c->opt->notify : 0, notify_mux_of(getenv("TMUX"), getenv("TERM")),
		      c->opt->ascii);
	execq_init(&w.exec, c->opt->exec, c->diag);
	int status = c->opt->once ? once(&w) : follow(&w);
	execq_finish(&w.exec);
	if (w.has_until)
		until_free(&w.until);
	health_mon_free(&w.mon);
	if (w.out_error && !w.failed)
		status = 1;
	return status;
}
