/* export.c: every stored point as CSV or JSON, sorted by run, tag, step. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/cmd.h"
#include "tailboard/sanitize.h"

struct out {
	FILE *fp;
	bool tty;               /* a terminal gets sanitised names */
	enum out_format format;
	size_t rows;
};

/* CSV field per RFC 4180: quoted when it holds a comma, quote or newline. */
static void put_csv_field(struct out *o, const char *s, size_t len)
{
	char *clean = NULL;
	if (o->tty && (clean = sanitize_dup(s, len, false))) {
		s = clean;
		len = strlen(clean);
	}
	bool quote = memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) || memchr(s, '\r', len);
	if (!quote) {
		fwrite(s, 1, len, o->fp);
	} else {
		putc('"', o->fp);
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '"')
				putc('"', o->fp);
			putc(s[i], o->fp);
		}
		putc('"', o->fp);
	}
	free(clean);
}

/* JSON string: controls escaped, invalid UTF-8 replaced so the output
 * stays valid JSON whatever bytes a tag held. */
static void put_json_string(struct out *o, const char *s, size_t len)
{
	char *clean = sanitize_dup(s, len, false);
	const char *p = clean ? clean : "";
	/* sanitize already turned controls into visible "\xNN"; escape the
	 * backslashes and quotes that remain */
	putc('"', o->fp);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			putc('\\', o->fp);
		putc(*p, o->fp);
	}
	putc('"', o->fp);
	free(clean);
}

static void put_row(struct out *o, const struct series *s, size_t i)
{
	char wall[40], val[40];
	cmd_fmt_time(series_wall(s, i), wall, sizeof(wall));
	cmd_fmt_value(s, i, val, sizeof(val));
	if (o->format == OUT_CSV) {
		put_csv_field(o, s->run->name, s->run->name_len);
		putc(',', o->fp);
		put_csv_field(o, s->tag, s->tag_len);
		fprintf(o->fp, ",%lld,%s,%s\n", (long long)series_step(s, i), wall, val);
	} else {
		fputs(o->rows ? ",\n {\"run\": " : "\n {\"run\": ", o->fp);
		put_json_string(o, s->run->name, s->run->name_len);
		fputs(", \"tag\": ", o->fp);
		put_json_string(o, s->tag, s->tag_len);
		bool finite = strcmp(val, "nan") && strcmp(val, "inf") && strcmp(val, "-inf");
		fprintf(o->fp, ", \"step\": %lld, \"wall_time\": %s, \"value\": %s%s%s}",
			(long long)series_step(s, i), wall, finite ? "" : "\"", val, finite ? "" : "\"");
	}
	o->rows++;
}

static int write_all(struct cmd *c, struct out *o)
{
	size_t nruns;
	struct run **runs = cmd_sorted_runs(c, &nruns);
	if (!runs)
		return 2;
	if (o->format == OUT_CSV)
		fputs("run,tag,step,wall_time,value\n", o->fp);
	else
		fputs("[", o->fp);
	for (size_t r = 0; r < nruns && !ferror(o->fp); r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(c, runs[r], &ns);
		if (!ser) {
			free(runs);
			return 2;
		}
		for (size_t k = 0; k < ns && !ferror(o->fp); k++) {
			/* an index only for the rare series out of step order */
			size_t *idx = ser[k]->sorted ? NULL : series_sorted_index(ser[k]);
			if (!ser[k]->sorted && !idx)
				break;
			for (size_t i = 0; i < ser[k]->n; i++)
				put_row(o, ser[k], idx ? idx[i] : i);
			free(idx);
		}
		free(ser);
	}
	if (o->format == OUT_JSON)
		fputs(o->rows ? "\n]\n" : "]\n", o->fp);
	free(runs);
	return 0;
}

int cmd_export(struct cmd *c)
{
	int status = cmd_load_all(c);
	struct out o = { .fp = stdout, .format = c->opt->format };
	char tmp[4096] = "";
	if (c->opt->output) {
		/* write beside the target, then rename: never a half-written file */
		snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", c->opt->output);
		int fd = mkstemp(tmp);
		if (fd < 0 || !(o.fp = fdopen(fd, "w"))) {
			diag_report(c->diag, c->opt->output, -1, "cannot write: %s", strerror(errno));
			if (fd >= 0)
				close(fd);
			return 1;
		}
	} else {
		o.tty = isatty(STDOUT_FILENO);
		signal(SIGPIPE, SIG_IGN);   /* a closed pipe is an EPIPE we can report */
	}
	int rc = write_all(c, &o);
	if (rc)
		status = rc;
	if (fflush(o.fp) != 0 || ferror(o.fp)) {
		if (errno != EPIPE)
			diag_report(c->diag, c->opt->output ? c->opt->output : "stdout", -1,
				    "write error: %s", strerror(errno));
		status = 1;
	}
	if (c->opt->output) {
		if (fclose(o.fp) != 0 || status != 0 || rename(tmp, c->opt->output) != 0) {
			if (status == 0)
				diag_report(c->diag, c->opt->output, -1, "cannot write: %s", strerror(errno));
			unlink(tmp);
			status = status ? status : 1;
		}
	}
	return status;
}
