/* export_ref: `tailboard export` as it was before the printf-free rewrite,
 * the reference tests/formats/export_realdata.sh compares the real one with: the
 * old write path (stdio, a call a field) on the old number formatting
 * (oldfmt.h), after the same load.
 *
 * Usage: export_ref [--format json] LOGDIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/app.h"
#include "tailboard/sanitize.h"
#include "oldfmt.h"

struct out {
	FILE *fp;
	enum out_format format;
	size_t rows;
};

/* CSV field per RFC 4180: quoted when it holds a comma, quote or newline. */
static void put_csv_field(struct out *o, const char *s, size_t len)
{
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
}

static void put_json_string(struct out *o, const char *s, size_t len)
{
	char *clean = sanitize_dup(s, len, false);
	const char *p = clean ? clean : "";
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
	ref_time(series_wall(s, i), wall, sizeof(wall));
	if (s->single)
		ref_float(series_value(s, i), val, sizeof(val));
	else
		ref_number(series_value(s, i), val, sizeof(val));
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

int main(int argc, char **argv)
{
	struct app app;
	bool json = argc == 4 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "json") == 0;
	if (argc != 2 && !json) {
		fputs("usage: export_ref [--format json] LOGDIR\n", stderr);
		return 2;
	}
	app_init(&app);
	engine_add_logdir(&app.engine, NULL, argv[argc - 1]);
	app.diag.to_stderr = false;
	app.opt.jobs = 1;
	struct cmd c = app_cmd(&app);
	int status = cmd_load_all(&c);
	struct out o = { .fp = stdout, .format = json ? OUT_JSON : OUT_CSV };
	size_t nruns;
	struct run **runs = cmd_sorted_runs(&c, &nruns);
	if (!runs)
		return 2;
	fputs(json ? "[" : "run,tag,step,wall_time,value\n", o.fp);
	for (size_t r = 0; r < nruns; r++) {
		size_t ns;
		struct series **ser = cmd_sorted_series(&c, runs[r], &ns);
		for (size_t k = 0; ser && k < ns; k++) {
			size_t *idx = ser[k]->sorted ? NULL : series_sorted_index(ser[k]);
			for (size_t i = 0; i < ser[k]->n; i++)
				put_row(&o, ser[k], idx ? idx[i] : i);
			free(idx);
		}
		free(ser);
	}
	if (json)
		fputs(o.rows ? "\n]\n" : "]\n", o.fp);
	free(runs);
	app_free(&app);
	return fflush(stdout) ? 1 : status;
}
