/* gzstream.c: incremental gunzip of a growing file.  The loader hands over
 * whatever raw bytes the file gained; inflate() keeps its window and bit
 * position across calls, so bytes that arrive mid-block lose nothing.
 * Concatenated members (gzip -c a >> log.gz) are read one after another. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "gzstream.h"

struct gzstate {
	z_stream zs;
	uint64_t raw_in;        /* compressed bytes consumed so far */
	uint64_t member_start;  /* compressed offset of the current member */
	bool in_member;         /* inside a member (header seen, no trailer yet) */
	bool reported_cut;
	bool failed;
};

static struct gzstate *gz_get(struct source_stream *s)
{
	struct gzstate *g = s->gz;
	if (g)
		return g;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	/* 15 + 32: gzip or zlib header, detected */
	if (inflateInit2(&g->zs, 15 + 32) != Z_OK) {
		free(g);
		return NULL;
	}
	s->gz = g;
	return g;
}

int gzstream_inflate(struct source_stream *s, struct diag *d, const uint8_t *raw, size_t n)
{
	struct gzstate *g = gz_get(s);
	uint8_t out[65536];
	if (!g)
		return TB_NOMEM;
	if (g->failed)
		return TB_ERR;
	g->zs.next_in = (Bytef *)(uintptr_t)raw;
	while (n > 0) {
		uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
		g->zs.next_in = (Bytef *)(uintptr_t)raw;
		g->zs.avail_in = chunk;
		while (g->zs.avail_in > 0) {
			g->zs.next_out = out;
			g->zs.avail_out = sizeof(out);
			uInt before = g->zs.avail_in;
			if (!g->in_member) {
				g->member_start = g->raw_in;
				g->in_member = true;
			}
			int rc = inflate(&g->zs, Z_NO_FLUSH);
			g->raw_in += before - g->zs.avail_in;
			size_t got = sizeof(out) - g->zs.avail_out;
			if (got && stream_append(s, out, got) != TB_OK)
				return TB_NOMEM;
			if (rc == Z_STREAM_END) {
				g->in_member = false;
				inflateReset(&g->zs);
				continue;
			}
			if (rc == Z_BUF_ERROR || (rc == Z_OK && before == g->zs.avail_in && !got))
				break;  /* needs more input */
			if (rc != Z_OK) {
				diag_report(d, s->file.path, (int64_t)g->raw_in,
					    "corrupt gzip data (%s) in the member starting at compressed offset %llu; the rest of the file is not read",
					    g->zs.msg ? g->zs.msg : "inflate error",
					    (unsigned long long)g->member_start);
				g->failed = true;
				return TB_ERR;
			}
		}
		raw += chunk;
		n -= chunk;
	}
	return TB_OK;
}

void gzstream_check_eof(struct source_stream *s, struct diag *d)
{
	struct gzstate *g = s->gz;
	if (!g || !g->in_member || g->reported_cut || g->failed)
		return;
	g->reported_cut = true;
	diag_report(d, s->file.path, (int64_t)g->raw_in,
		    "gzip stream ends inside a member (file cut short, or still being written); what inflated so far is read");
}

void gzstream_free(struct source_stream *s)
{
	struct gzstate *g = s->gz;
	if (!g)
		return;
	inflateEnd(&g->zs);
	free(g);
	s->gz = NULL;
}
