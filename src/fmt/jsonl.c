/* jsonl.c: one JSON object a line (metrics.jsonl, log.jsonl) and W&B's
 * legacy files/wandb-history.jsonl (wandb < 0.10), which is the same thing
 * with W&B's conventions: _step, _timestamp, media objects carrying _type;
 * and its wandb-events.jsonl, the machine's stats a line a sample
 * ("system.gpu.0.temp", no step: the sample's number), charted as the
 * .wandb log's stats records are, under system/.
 *
 * Numbers at any depth become points (nested keys joined with '/').  The
 * step comes from the best step-like key (step, _step, global_step,
 * iteration, iter, epoch); a line without one keeps the last step seen, or
 * takes its line number when the file never had one.  Wall time comes from
 * _timestamp/timestamp/wall_time/time when it looks like Unix seconds.
 * A line without its newline waits for the writer (unless the file ends
 * there and the line is a complete object); a line that is not a JSON
 * object is reported with its offset and skipped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "claim.h"
#include "tailboard/path.h"
#include "kvfile.h"
#include "wandb.h"
#include "tailboard/xalloc.h"

#define MAX_LINE (16u << 20)

struct jsonl_state {
	bool wandb;             /* W&B history: only _step is the step */
	bool events;            /* W&B's legacy stats: system.KEY is system/KEY */
	bool had_step_key;
	int64_t step;
	uint64_t lineno;        /* lines consumed so far */
	unsigned nreports;
	bool skipping_long;     /* inside a line too long to keep */
	struct wandb_files files;       /* W&B: the metadata and summary beside it */
	struct fmt_buf tag;
	struct tagcache tags;
};

static int jsonl_open(struct emit *e, struct source_file *f)
{
	struct jsonl_state *s = xcalloc(1, sizeof(*s));
	s->wandb = f->kind == SRC_WANDB_HISTORY;
	s->events = f->kind == SRC_WANDB_EVENTS;
	tagcache_init(&s->tags);
	f->state = s;
	/* legacy W&B keeps the run's config beside its history */
	char path[4096];
	if (s->wandb && path_sibling(f->path, "config.yaml", path, sizeof(path)))
		kvfile_load_yaml(e, f, path, true);
	if (s->wandb)
		wandb_files_read(e, f, &s->files);
	return TB_OK;
}

static void jsonl_reset(struct emit *e, struct source_file *f)
{
	struct jsonl_state *s = f->state;
	(void)e;
	s->lineno = 0;
	s->had_step_key = false;
	s->skipping_long = false;
	s->step = 0;
	memset(&s->files, 0, sizeof(s->files));
}

static void jsonl_close(struct source_file *f)
{
	struct jsonl_state *s = f->state;
	if (!s)
		return;
	fmt_buf_free(&s->tag);
	tagcache_free(&s->tags);
	free(s);
	f->state = NULL;
}

static bool plausible_wall(double v)
{
	/* Unix seconds between 1973 and 5138: not an elapsed time */
	return isfinite(v) && v >= 1e8 && v < 1e11;
}

/* One parsed object: find step and wall, then emit the rest. */
static void emit_object(struct emit *e, struct source_file *f, const cJSON *obj)
{
	struct jsonl_state *s = f->state;
	const cJSON *step_item = NULL, *wall_item = NULL;
	int best = 99;
	double v;
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (!c->string || !pyjson_number(c, &v))
			continue;
		size_t kn = strlen(c->string);
		int rank = s->wandb ? (strcmp(c->string, "_step") == 0 ? 0 : -1)
				    : fmt_step_key_rank(c->string, kn);
		if (rank >= 0 && rank < best && fmt_step_from_double(v, &(int64_t){0})) {
			best = rank;
			step_item = c;
		}
		if (!wall_item && fmt_is_wall_key(c->string, kn) && plausible_wall(v))
			wall_item = c;
	}
	if (step_item) {
		pyjson_number(step_item, &v);
		fmt_step_from_double(v, &s->step);
		s->had_step_key = true;
	} else if (!s->had_step_key) {
		s->step = (int64_t)s->lineno;   /* 1-based line number */
	}
	double wall = 0;
	if (wall_item)
		pyjson_number(wall_item, &wall);
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (!c->string || c == step_item || c == wall_item)
			continue;
		/* leading '_': W&B's bookkeeping (_runtime, _wandb...) */
		if (c->string[0] == '_')
			continue;
		fmt_buf_set(&s->tag, c->string, strlen(c->string));
		if (s->events && strncmp(c->string, "system.", 7) == 0)
			s->tag.p[6] = '/';
		wandb_emit_value(e, f, &s->tags, &s->tag, c, s->step, wall, 0);
	}
}

static bool blank(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/* 1: line handled (or skipped after a report); 0: incomplete, keep it. */
static int line_read(struct emit *e, struct source_file *f, const uint8_t *p,
		     size_t n, uint64_t off, bool complete)
{
	struct jsonl_state *s = f->state;
	size_t err;
	if (blank(p, n))
		return complete;
	cJSON *j = pyjson_parse((const char *)p, n, &err);
	if (!j && !complete)
		return 0;
	if (!j || !cJSON_IsObject(j)) {
		char msg[96];
		snprintf(msg, sizeof(msg), "line %llu is not a JSON object%s; skipped",
			 (unsigned long long)s->lineno, j ? "" : " (does not parse)");
		fmt_report(e, f, &s->nreports, (int64_t)(off + (j ? 0 : err)), msg);
		cJSON_Delete(j);
		return 1;
	}
	emit_object(e, f, j);
	cJSON_Delete(j);
	return 1;
}

static int jsonl_parse(struct emit *e, struct source_file *f, const uint8_t *buf, size_t len,
		       uint64_t base, bool eof, size_t *used)
{
	struct jsonl_state *s = f->state;
	size_t pos = 0;
	while (pos < len) {
		const uint8_t *nl = memchr(buf + pos, '\n', len - pos);
		if (s->skipping_long) {
			pos = nl ? (size_t)(nl - buf) + 1 : len;
			s->skipping_long = !nl;
			continue;
		}
		if (!nl) {
			if (len - pos > MAX_LINE) {
				s->lineno++;
				fmt_report(e, f, &s->nreports, (int64_t)(base + pos),
					   "line longer than 16 MiB; skipped");
				s->skipping_long = true;
				pos = len;
				break;
			}
			/* no newline yet: a finished file may still end in a whole object */
			if (eof) {
				s->lineno++;
				if (line_read(e, f, buf + pos, len - pos, base + pos, false))
					pos = len;
				else
					s->lineno--;
			}
			break;
		}
		size_t n = (size_t)(nl - (buf + pos));
		s->lineno++;
		line_read(e, f, buf + pos, n, base + pos, true);
		pos += n + 1;
	}
	*used = pos;
	if (s->wandb && eof)
		wandb_files_read(e, f, &s->files);
	return TB_OK;
}

/* dir/name.jsonl whose first line is an object with a step-like number
 * (or any number, in a file named like metrics) -> run dir/name */
bool jsonl_claim(const struct claim_in *in, struct source_claim *out)
{
	if (!path_ends_with(in->name, in->base, ".jsonl"))
		return false;
	char buf[4096];
	long n = claim_sniff(in->fs, in->path, in->gz, buf, sizeof(buf));
	bool known = strstr(in->name, "metric") || strncmp(in->name, "log.", 4) == 0 || strstr(in->name, "history");
	if (n < 0 || (n == 0 && !known))
		return false;
	if (n > 0) {
		const char *nl = memchr(buf, '\n', (size_t)n);
		size_t len = nl ? (size_t)(nl - buf) : (size_t)n;
		if (!nl && n == (long)sizeof(buf))
			return false;       /* a first line this long is data, not metrics */
		size_t err;
		cJSON *j = pyjson_parse(buf, len, &err);
		bool ok = false;
		double v;
		if (cJSON_IsObject(j)) {
			for (const cJSON *c = j->child; c && !ok; c = c->next) {
				if (!c->string || !pyjson_number(c, &v))
					continue;
				ok = known || fmt_step_key_rank(c->string, strlen(c->string)) >= 0;
			}
		}
		cJSON_Delete(j);
		if (!ok)
			return false;
	}
	out->kind = SRC_JSONL;
	claim_set_run(out, in->dir_rel, in->dlen, in->name, in->base - 6);
	return true;
}

const struct source_ops source_jsonl = {
	.name = "jsonl",
	.report_cut_gz = true,
	.claim = jsonl_claim,
	.open = jsonl_open,
	.parse = jsonl_parse,
	.reset = jsonl_reset,
	.close = jsonl_close,
};

/* The same format name: --source wandb-history keeps a legacy run whole. */
const struct source_ops source_wandb_events = {
	.name = "wandb-history",
	.report_cut_gz = true,
	.claim = wandb_events_claim,
	.open = jsonl_open,
	.parse = jsonl_parse,
	.reset = jsonl_reset,
	.close = jsonl_close,
};

const struct source_ops source_wandb_history = {
	.name = "wandb-history",
	.report_cut_gz = true,
	.claim = wandb_history_claim,
	.open = jsonl_open,
	.parse = jsonl_parse,
	.reset = jsonl_reset,
	.close = jsonl_close,
};
