/* gzstream.h: what the text readers ask of an open .gz stream. */
#ifndef TAILBOARD_GZSTREAM_H
#define TAILBOARD_GZSTREAM_H

#include "tailboard/source.h"

/* At the end of what is on disk: report once when the compressed stream
 * stops inside a member (a cut file, or one still being written). */
void gzstream_check_eof(struct source_ctx *ctx, struct tracked_file *f);

#endif
