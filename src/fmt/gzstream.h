/* gzstream.h: incremental gunzip under a stream (stream.c's helper). */
#ifndef TAILBOARD_GZSTREAM_H
#define TAILBOARD_GZSTREAM_H

#include "tailboard/source.h"

/* Inflate raw bytes read from disk and append what comes out to the
 * stream's pending bytes (state kept across calls, so a growing file
 * loses nothing). TB_OK, or TB_ERR after reporting a corrupt stream. */
int gzstream_inflate(struct source_stream *s, struct diag *d, const uint8_t *raw, size_t n) TB_MUST;
/* At the end of what is on disk: report once when the compressed stream
 * stops inside a member (a cut file, or one still being written). */
void gzstream_check_eof(struct source_stream *s, struct diag *d);
void gzstream_free(struct source_stream *s);
/* Append bytes to the stream's pending buffer; TB_NOMEM on failure. */
int stream_append(struct source_stream *s, const uint8_t *buf, size_t n) TB_MUST;

#endif
