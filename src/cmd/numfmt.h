/* numfmt.h: cmd's number formatting, private to the module: the in-place
 * forms export and summary build their rows with, and what the
 * formatters' two files share (numfmt.c, the general path over
 * double-conversion; numfast.c, exact shortcuts). */
#ifndef TAILBOARD_NUMFMT_H
#define TAILBOARD_NUMFMT_H

#include <stdbool.h>
#include <stdint.h>
#include "tailboard/cmd.h"
#include "shortest.h"

/* cmd_fmt_value and cmd_fmt_time without a NUL, into CMD_NUM_MAX bytes of
 * which the text may leave the rest scratch; they return its length. */
size_t cmd_put_value(const struct series *s, size_t i, char *out);
size_t cmd_put_time(double v, char *out);
/* a double, as cmd_fmt_number */
size_t cmd_put_number(double v, char *out);
/* Unix time t as ISO 8601 UTC (2025-04-09T20:47:32Z), "-" when unknown (t <= 0). */
void cmd_fmt_iso(double t, char *buf, size_t cap);
/* v in decimal, the same way. */
size_t cmd_fmt_int(int64_t v, char *out);

struct dec {
	char d[48];                     /* digits, no trailing zero; the rest scratch */
	int n;                          /* how many */
	int point;                      /* value = 0.d1..dn x 10^point */
};

/* Digits are copied DEC_COPY bytes at a time, the tail scratch: one
 * fixed-size move, not a call. d holds the 20 digits at most and the
 * copies that start past its first digits. */
#define DEC_COPY 24

/* 10^0 to 10^19 */
extern const uint64_t numfmt_pow10[20];
/* What the two below write: the digits, then scratch. */
#define NUMFMT_ROOM 24
/* Digits of u, most significant first, into out; returns how many. */
int numfmt_u64(uint64_t u, char *out);
/* u in width digits (1 to 20, enough for u), zero-padded. */
void numfmt_padded(uint64_t u, int width, char *out);

/* The old loops' text for float32 f (%.6g..%.9g) as digits and the
 * precision that read back, or for wall time v (%.0f..%.9f, |v| < 1e15) as
 * text into CMD_NUM_MAX bytes. false / 0 when f or v is not one these
 * settle; the general path takes it then. */
bool numfast_float(float f, struct dec *x, int *prec);
size_t numfast_time(double v, char *out);

#endif
