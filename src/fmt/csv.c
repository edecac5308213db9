/* csv.c: metric CSVs: Lightning CSVLogger (version_N/metrics.csv, sparse
 * rows, step and epoch columns), Keras CSVLogger (epoch column) and any
 * CSV whose header names a step-like column.
 *
 * Whole-file: Lightning rewrites metrics.csv in place (every flush in 1.x;
 * when a new metric appears in 2.x), so appended bytes cannot be trusted to
 * continue what was read.  Each time the file changes the loader hands over
 * all of it; when the part read last time is unchanged (same length prefix,
 * same CRC-32) only the new rows are parsed, otherwise this file's points
 * are dropped and the file is read again from the top.
 *
 * Empty cells are missing points; a row whose field count differs from the
 * header's is reported with its offset and skipped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include "claim.h"
#include "fmt_common.h"
#include "kvfile.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

#define CSV_MAX_COLS 4096

struct csv_col {
	char *name;
	void *s;                /* the sink's series */
};

struct csv_state {
	struct fmt_owned owned;
	size_t prefix_len;      /* bytes parsed so far ... */
	uint32_t prefix_crc;    /* ... and their CRC-32 */
	bool tail_open;         /* the last row had no newline yet */
	bool have_header;
	struct csv_col *cols;
	size_t ncols;
	int step_col, wall_col; /* -1 when absent */
	bool wall_is_date;
	int64_t step;
	bool had_step;
	uint64_t row;           /* data rows seen */
	unsigned nreports;
	/* one row's fields: offsets into the buffer, unescaped copies when quoted */
	struct fmt_buf field;
	struct span { size_t start, len; } *fs;
	size_t fcap;
	struct fmt_buf tag;
};

static void cols_free(struct csv_state *s)
{
	for (size_t i = 0; i < s->ncols; i++)
		free(s->cols[i].name);
	free(s->cols);
	s->cols = NULL;
	s->ncols = 0;
	s->have_header = false;
}

static int csv_open(struct emit *e, struct source_file *f)
{
	char path[4096];
	struct csv_state *s = xcalloc(1, sizeof(*s));
	fmt_owned_init(&s->owned);
	f->state = s;
	/* Lightning keeps its hyperparameters beside metrics.csv */
	if (path_sibling(f->path, "hparams.yaml", path, sizeof(path)))
		kvfile_load_yaml(e, f, path, false);
	if (path_sibling(f->path, "meta_tags.csv", path, sizeof(path)))
		kvfile_load_csv(e, f, path);
	return TB_OK;
}

static void csv_close(struct source_file *f)
{
	struct csv_state *s = f->state;
	if (!s)
		return;
	cols_free(s);
	fmt_owned_free(&s->owned);
	fmt_buf_free(&s->field);
	fmt_buf_free(&s->tag);
	free(s->fs);
	free(s);
	f->state = NULL;
}

/* Split one row starting at buf[pos].  Fields are copied (unquoted) into
 * s->field, back to back.  Returns the offset just past the row's newline,
 * or 0 when the row has no newline before len (quotes may span lines). */
static size_t row_split(struct csv_state *s, const uint8_t *buf, size_t len, size_t pos,
			size_t *nfields, bool *too_many)
{
	bool quoted = false;
	size_t n = 0;
	s->field.n = 0;
	*too_many = false;
	size_t start = 0;
	for (size_t i = pos; i < len; i++) {
		uint8_t c = buf[i];
		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && buf[i + 1] == '"') {
					fmt_buf_add(&s->field, "\"", 1);
					i++;
				} else {
					quoted = false;
				}
			} else {
				fmt_buf_add(&s->field, (const char *)&c, 1);
			}
			continue;
		}
		if (c == '"') {
			quoted = true;
		} else if (c == ',' || c == '\n') {
			if (n < CSV_MAX_COLS) {
				xgrow((void **)&s->fs, &s->fcap, n + 1, sizeof(*s->fs));
				s->fs[n].start = start;
				s->fs[n].len = s->field.n - start;
				n++;
			} else {
				*too_many = true;
			}
			start = s->field.n;
			if (c == '\n') {
				*nfields = n;
				return i + 1;
			}
		} else if (c != '\r') {
			fmt_buf_add(&s->field, (const char *)&c, 1);
		}
	}
	return 0;
}

/* Field i of the current row. A row of empty fields stores no bytes, so
 * the buffer may be NULL: never do arithmetic on it then. */
static const char *field_at(const struct csv_state *s, size_t i, size_t *len)
{
	*len = s->field.p ? s->fs[i].len : 0;
	return s->field.p ? s->field.p + s->fs[i].start : "";
}

static void header_read(struct csv_state *s, size_t nf)
{
	cols_free(s);
	s->cols = xcalloc(nf ? nf : 1, sizeof(*s->cols));
	s->ncols = nf;
	s->step_col = s->wall_col = -1;
	int best = 99;
	for (size_t i = 0; i < nf; i++) {
		size_t n;
		const char *p = field_at(s, i, &n);
		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		s->cols[i].name = xstrndup(p, n);
		int rank = fmt_step_key_rank(p, n);
		if (rank >= 0 && rank < best) {
			best = rank;
			s->step_col = (int)i;
		}
		if (s->wall_col < 0 && (fmt_is_wall_key(p, n) || (n == 10 && memcmp(p, "created_at", 10) == 0))) {
			s->wall_col = (int)i;
			s->wall_is_date = n == 10 && memcmp(p, "created_at", 10) == 0;
		}
	}
	s->have_header = true;
}

/* "2020-02-03 16:53:44.934109" (test-tube's created_at), read as UTC. */
static bool parse_date(const char *p, size_t n, double *out)
{
	char tmp[40];
	struct tm tm;
	if (n < 19 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	memset(&tm, 0, sizeof(tm));
	char *rest = strptime(tmp, "%Y-%m-%d %H:%M:%S", &tm);
	if (!rest)
		rest = strptime(tmp, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!rest)
		return false;
	double frac = 0;
	if (*rest == '.')
		frac = strtod(rest, NULL);
	*out = (double)timegm(&tm) + frac;
	return true;
}

static void row_emit(struct emit *e, struct source_file *f, size_t nf)
{
	struct csv_state *s = f->state;
	double v, wall = 0;
	int64_t step;
	size_t n;
	const char *p;
	s->row++;
	if (s->step_col >= 0 && (p = field_at(s, (size_t)s->step_col, &n)) && fmt_parse_number(p, n, &v) &&
	    fmt_step_from_double(v, &step)) {
		s->step = step;
		s->had_step = true;
	} else if (!s->had_step) {
		s->step = (int64_t)s->row - 1;  /* no step column: the row index */
	}
	if (s->wall_col >= 0) {
		p = field_at(s, (size_t)s->wall_col, &n);
		if (s->wall_is_date ? !parse_date(p, n, &wall) : !fmt_parse_number(p, n, &wall))
			wall = 0;
	}
	for (size_t i = 0; i < nf; i++) {
		if ((int)i == s->step_col || (int)i == s->wall_col)
			continue;
		p = field_at(s, i, &n);
		if (!fmt_parse_number(p, n, &v))
			continue;   /* empty or text: no point */
		struct csv_col *c = &s->cols[i];
		if (!c->s)
			c->s = fmt_owned_series(e, f, &s->owned, c->name, strlen(c->name));
		emit_point(e, c->s, s->step, wall, v, false);
	}
}

static uint32_t crc_of(const uint8_t *p, size_t n)
{
	uLong c = crc32(0L, Z_NULL, 0);
	while (n) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		c = crc32(c, p, k);
		p += k;
		n -= k;
	}
	return (uint32_t)c;
}

static void state_reset(struct emit *e, struct source_file *f, struct csv_state *s)
{
	fmt_owned_clear(e, f, &s->owned);
	cols_free(s);
	s->prefix_len = 0;
	s->prefix_crc = 0;
	s->tail_open = false;
	s->had_step = false;
	s->step = 0;
	s->row = 0;
}

static void csv_reset(struct emit *e, struct source_file *f)
{
	state_reset(e, f, f->state);
}

/* The last row has no newline yet: split it as if it had one; 0 unless it
 * is whole (as many fields as the header). */
static size_t tail_split(struct csv_state *s, const uint8_t *buf, size_t len, size_t pos,
			 size_t *nf, bool *too_many)
{
	uint8_t *tmp = xmalloc(len - pos + 1);
	memcpy(tmp, buf + pos, len - pos);
	tmp[len - pos] = '\n';
	size_t next = row_split(s, tmp, len - pos + 1, 0, nf, too_many);
	free(tmp);
	return next && *nf == s->ncols ? len : 0;
}

/* One split row at pos: the header, a blank line, a ragged row or points. */
static int row_take(struct emit *e, struct source_file *f, size_t pos, size_t nf, bool too_many)
{
	struct csv_state *s = f->state;
	if (!s->have_header) {
		if (too_many || nf == 0) {
			diag_report(e->diag, f->path, (int64_t)pos, "CSV header too wide or empty");
			return TB_ERR;
		}
		header_read(s, nf);
	} else if (nf == 1 && s->fs[0].len == 0) {
		/* blank line */
	} else if (nf != s->ncols || too_many) {
		char msg[128];
		snprintf(msg, sizeof(msg), "CSV row %llu has %zu fields, the header has %zu; row skipped",
			 (unsigned long long)s->row + 1, nf, s->ncols);
		s->row++;
		fmt_report(e, f, &s->nreports, (int64_t)pos, msg);
	} else {
		row_emit(e, f, nf);
	}
	return TB_OK;
}

static int csv_parse(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
		     uint64_t base, bool eof, size_t *used)
{
	struct csv_state *s = f->state;
	size_t pos = 0;
	int rc = TB_OK;
	(void)base;
	*used = len;
	/* Is what we read last time still the start of the file? */
	if (s->prefix_len && len >= s->prefix_len &&
	    crc_of(buf, s->prefix_len) == s->prefix_crc &&
	    !(s->tail_open && len > s->prefix_len && buf[s->prefix_len] != '\n')) {
		pos = s->prefix_len;
		if (s->tail_open && len > pos) {
			pos++;  /* the newline that completes the row read early */
			s->tail_open = false;
		}
	} else if (s->prefix_len) {
		state_reset(e, f, s);
	}
	while (pos < len && rc == TB_OK) {
		size_t nf;
		bool too_many, tail = false;
		size_t next = row_split(s, buf, len, pos, &nf, &too_many);
		if (!next) {
			/* last row without its newline: take it only when whole */
			if (!eof || !s->have_header || !(next = tail_split(s, buf, len, pos, &nf, &too_many)))
				break;
			tail = true;
		}
		if (!s->have_header && nf == 1 && s->fs[0].len == 0) {
			pos = 0;        /* no columns yet: wait for the header */
			break;
		}
		rc = row_take(e, f, pos, nf, too_many);
		pos = next;
		s->tail_open = tail;
	}
	s->prefix_len = pos;
	s->prefix_crc = crc_of(buf, pos);
	return rc;
}

const struct source_ops source_csv = {
	.name = "csv",
	.whole_file = true,
	.report_cut_gz = true,
	.claim = csv_claim,
	.open = csv_open,
	.parse = csv_parse,
	.reset = csv_reset,
	.close = csv_close,
};
