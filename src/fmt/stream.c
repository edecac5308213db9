/* stream.c: the reader table, a stream's pending bytes, and emit. */
#include <stdlib.h>
#include <string.h>
#include "gzstream.h"
#include "source_int.h"

/* ---- the reader table ----------------------------------------------------- */

/* In source_kind's order; every kind has its reader. */
static const struct source_ops *const readers[SRC_KINDS] = {
	[SRC_TFEVENTS] = &source_tfevents,
	[SRC_WANDB] = &source_wandb,
	[SRC_WANDB_HISTORY] = &source_wandb_history,
	[SRC_TRAINER_STATE] = &source_trainer_state,
	[SRC_CSV] = &source_csv,
	[SRC_JSONL] = &source_jsonl,
	[SRC_WANDB_OUTPUT] = &source_wandb_output,
	[SRC_WANDB_EVENTS] = &source_wandb_events,
};

const struct source_ops *source_ops_for(enum source_kind kind)
{
	return readers[(unsigned)kind % SRC_KINDS];
}

const char *source_name(enum source_kind kind)
{
	return source_ops_for(kind)->name;
}

bool source_whole_file(enum source_kind kind)
{
	return source_ops_for(kind)->whole_file;
}

void source_run_free(struct source_run *r)
{
	for (int k = 0; k < SRC_KINDS; k++) {
		const struct source_ops *ops = source_ops_for((enum source_kind)k);
		if (r->state[k] && ops->run_free)
			ops->run_free(r->state[k]);
		r->state[k] = NULL;
	}
}

/* ---- emit ------------------------------------------------------------------ */

void emit_init(struct emit *e, const struct source_env *env)
{
	e->sink = env->sink;
	e->diag = env->diag;
	e->n = 0;
	e->status = TB_OK;
}

void emit_flush(struct emit *e)
{
	if (e->n && e->sink->ops->append(e->sink, e->p, e->n) != TB_OK)
		e->status = TB_NOMEM;
	e->n = 0;
}

void *emit_series(struct emit *e, void *run, const char *tag, size_t len)
{
	return e->sink->ops->series(e->sink, run, tag, len);
}

void emit_purge(struct emit *e, void *run, const char *tag, size_t len, int64_t step)
{
	emit_flush(e);    /* points read before the purge are purged with it */
	e->sink->ops->purge(e->sink, run, tag, len, step);
}

void emit_skipped(struct emit *e, void *run, const char *tag, size_t len, const char *kind)
{
	e->sink->ops->skipped(e->sink, run, tag, len, kind);
}

void emit_fact(struct emit *e, void *run, enum sink_fact what, const char *key, const char *value)
{
	e->sink->ops->fact(e->sink, run, what, key, value);
}

void emit_line(struct emit *e, void *run, const struct sink_line *l)
{
	if (e->sink->ops->line)
		e->sink->ops->line(e->sink, run, l);
}

/* ---- streams --------------------------------------------------------------- */

int stream_open(struct source_stream *s, const struct source_env *env, enum source_kind kind,
		const char *path, bool gz, void *run, struct source_run *shared)
{
	const struct source_ops *ops = source_ops_for(kind);
	struct emit e;
	memset(s, 0, sizeof(*s));
	s->file = (struct source_file){ path, kind, gz, run, &shared->state[kind], NULL, env->side };
	if (!ops->open)
		return TB_OK;
	emit_init(&e, env);
	int rc = ops->open(&e, &s->file);
	emit_flush(&e);
	return rc;
}

void stream_close(struct source_stream *s)
{
	const struct source_ops *ops = source_ops_for(s->file.kind);
	if (ops->close)
		ops->close(&s->file);
	gzstream_free(s);
	free(s->pending);
	s->pending = NULL;
	s->npending = s->pendcap = 0;
}

uint8_t *stream_room(struct source_stream *s, size_t n)
{
	if (tb_grow((void **)&s->pending, &s->pendcap, s->npending + n, 1) != TB_OK)
		return NULL;
	return s->pending + s->npending;
}

void stream_commit(struct source_stream *s, size_t n)
{
	s->npending += n;
}

int stream_append(struct source_stream *s, const uint8_t *buf, size_t n)
{
	if (!n)
		return TB_OK;   /* memcpy from a NULL buffer is undefined even for 0 bytes */
	uint8_t *dst = stream_room(s, n);
	if (!dst)
		return TB_NOMEM;
	memcpy(dst, buf, n);
	s->npending += n;
	return TB_OK;
}

int stream_take(struct source_stream *s, const struct source_env *env, const uint8_t *raw, size_t n)
{
	int rc = s->file.gz ? gzstream_inflate(s, env->diag, raw, n) : stream_append(s, raw, n);
	if (rc == TB_NOMEM)
		diag_report(env->diag, s->file.path, (int64_t)(s->log_off + s->npending), "out of memory");
	if (rc != TB_OK)
		s->npending = 0;
	return rc;
}

int stream_parse(struct source_stream *s, const struct source_env *env, bool eof)
{
	const struct source_ops *ops = source_ops_for(s->file.kind);
	struct emit e;
	size_t used = 0;
	emit_init(&e, env);
	int rc = ops->parse(&e, &s->file, s->pending, s->npending, s->log_off, eof, &used);
	emit_flush(&e);   /* points lost to memory were reported by the sink */
	if (eof && s->file.gz && ops->report_cut_gz)
		gzstream_check_eof(s, env->diag);
	if (used > s->npending)
		used = s->npending;
	if (used)       /* pending may be NULL: an idle file keeps no buffer */
		memmove(s->pending, s->pending + used, s->npending - used);
	s->npending -= used;
	s->log_off += used;
	if (rc != TB_OK)
		s->npending = 0;
	return rc;
}

int stream_feed(struct source_stream *s, const struct source_env *env, const uint8_t *raw, size_t n, bool eof)
{
	int rc = raw && n ? stream_take(s, env, raw, n) : TB_OK;
	return rc != TB_OK ? rc : stream_parse(s, env, eof);
}

void stream_clear(struct source_stream *s)
{
	s->npending = 0;
	s->log_off = 0;
	gzstream_free(s);
}

void stream_rewind(struct source_stream *s, const struct source_env *env)
{
	const struct source_ops *ops = source_ops_for(s->file.kind);
	stream_clear(s);
	if (ops->reset) {
		struct emit e;
		emit_init(&e, env);
		ops->reset(&e, &s->file);
		emit_flush(&e);
	}
}

void stream_trim(struct source_stream *s)
{
	if (s->npending)
		return;
	free(s->pending);
	s->pending = NULL;
	s->pendcap = 0;
}
