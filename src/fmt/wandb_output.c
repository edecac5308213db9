/* wandb_output.c: a W&B run's console text, from two places.
 *
 * The transaction log's output (4) and output_raw (13) records: stream
 * (1: 0 stderr, 1 stdout), timestamp (2), the text written (3), which is
 * whatever one write() held: part of a line, several lines, a progress
 * bar's "\r..." redraw. And files/output.log (output.log at the top of a
 * legacy run directory), the same text without stream or time.
 *
 * Both go through one line assembler. The sink shows one source a run,
 * the records when they give any line (sink_line.origin): output.log is
 * what remains for runs whose log has no output records (wandb-core
 * writes none) and for the legacy layout. */
#include <stdlib.h>
#include <string.h>
#include "claim.h"
#include "pb.h"
#include "wandb.h"
#include "tailboard/xalloc.h"

static void line_out(struct emit *e, struct source_file *f, struct wandb_console *c, bool open)
{
	struct sink_line l = { c->part.p ? c->part.p : "", c->part.n, c->wall, c->origin, c->err, open };
	emit_line(e, f->run, &l);
}

static void part_add(struct wandb_console *c, const char *p, size_t n)
{
	if (c->cr) {            /* text after a lone '\r': the line drawn again */
		c->part.n = 0;
		c->cr = false;
	}
	/* what the sink would cut is not kept either: a line without end stays small */
	if (c->part.n < SINK_LINE_MAX)
		fmt_buf_add(&c->part, p, TB_MIN(n, SINK_LINE_MAX - c->part.n));
}

void wandb_console_text(struct emit *e, struct source_file *f, struct wandb_console *c, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != '\n' && p[j] != '\r')
			j++;
		if (j > i)
			part_add(c, p + i, j - i);
		if (j == n)
			break;
		if (p[j] == '\n') {
			/* "\r\n" too: the '\r' only waited to see what came next */
			line_out(e, f, c, false);
			c->part.n = 0;
			c->cr = false;
		} else {
			c->cr = true;
		}
		i = j + 1;
	}
	/* a bar's state so far: shown until its next redraw replaces it */
	if (c->open && c->part.n)
		line_out(e, f, c, true);
}

/* OutputRecord / OutputRawRecord at fld of the record rec. */
int wandb_output_read(struct emit *e, struct source_file *f, const struct pb_reader *rec,
		      const struct pb_field *fld, struct wandb_console con[2])
{
	struct pb_reader r;
	struct pb_field x;
	const char *text = NULL;
	size_t len = 0;
	double wall = 0;
	int stream = 0, rc;
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	while ((rc = pb_next(&r, &x)) == 1) {
		if (x.num == 1 && x.wire == PB_VARINT) {
			stream = x.u == 1;
		} else if (x.num == 3 && x.wire == PB_LEN) {
			text = (const char *)x.data;
			len = x.len;
		} else if (x.num == 2 && x.wire == PB_LEN && wandb_timestamp(&r, &x, &wall) != TB_OK) {
			return TB_ERR;
		}
	}
	if (rc != 0)
		return TB_ERR;
	struct wandb_console *c = &con[stream];
	c->wall = wall;
	c->origin = SINK_LOG_RECORDS;
	c->err = stream == 0;
	c->open = true;
	if (text)
		wandb_console_text(e, f, c, text, len);
	return TB_OK;
}

/* ---- output.log ------------------------------------------------------------- */

/* run-x/output.log (legacy) or run-x/files/output.log */
bool wandb_output_claim(const struct claim_in *in, struct source_claim *out)
{
	if (in->base != 10 || memcmp(in->name, "output.log", 10) != 0)
		return false;
	long end = wandb_run_end(in->dir_rel);
	if (end < 0)
		return false;
	size_t e = (size_t)end;
	if (in->dlen != e && !(in->dlen == e + 6 && memcmp(in->dir_rel + e, "/files", 6) == 0))
		return false;
	out->kind = SRC_WANDB_OUTPUT;
	claim_set_run(out, in->dir_rel, e, NULL, 0);
	return true;
}

static int output_open(struct emit *e, struct source_file *f)
{
	(void)e;
	struct wandb_console *c = xcalloc(1, sizeof(*c));
	c->origin = SINK_LOG_FILE;
	c->open = true;
	f->state = c;
	return TB_OK;
}

/* Up to the last '\n' or '\r': a line's end, or a bar's redraw, whose
 * state so far is shown open. What follows waits in the stream for the
 * writer, unless it has grown past any line (not text, then: taken). */
static int output_parse(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
			uint64_t off, bool eof, size_t *used)
{
	(void)off;
	(void)eof;
	size_t k = len;
	while (k > 0 && buf[k - 1] != '\n' && buf[k - 1] != '\r')
		k--;
	if (k == 0 && len >= 16 * SINK_LINE_MAX)
		k = len;
	*used = k;
	if (k)
		wandb_console_text(e, f, f->state, (const char *)buf, k);
	return TB_OK;
}

static void output_reset(struct emit *e, struct source_file *f)
{
	(void)e;
	struct wandb_console *c = f->state;
	c->part.n = 0;
	c->cr = false;
}

static void output_close(struct source_file *f)
{
	struct wandb_console *c = f->state;
	if (!c)
		return;
	fmt_buf_free(&c->part);
	free(c);
	f->state = NULL;
}

const struct source_ops source_wandb_output = {
	.name = "wandb-output",
	.claim = wandb_output_claim,
	.open = output_open,
	.parse = output_parse,
	.reset = output_reset,
	.close = output_close,
};
