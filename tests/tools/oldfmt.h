/* oldfmt.h: the number formatting of src/cmd/common.c before the
 * printf-free rewrite (src/cmd/numfmt.c), the reference that test_numfmt
 * and export_ref hold the new code to. The first precision that reads
 * back: %.15g to %.17g for doubles, %.6g to %.9g for float32 values,
 * %.0f to %.9f for wall times. */
#ifndef TAILBOARD_OLDFMT_H
#define TAILBOARD_OLDFMT_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static bool ref_special(double v, char *buf, size_t cap)
{
	if (isnan(v))
		snprintf(buf, cap, "nan");
	else if (isinf(v))
		snprintf(buf, cap, v > 0 ? "inf" : "-inf");
	return !isfinite(v);
}

static void ref_float(double v, char *buf, size_t cap)
{
	if (ref_special(v, buf, cap))
		return;
	float f = (float)v;
	for (int p = 6; p <= 9; p++) {
		snprintf(buf, cap, "%.*g", p, v);
		if (strtof(buf, NULL) == f)
			return;
	}
}

static void ref_number(double v, char *buf, size_t cap)
{
	if (ref_special(v, buf, cap))
		return;
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, cap, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static void ref_time(double v, char *buf, size_t cap)
{
	if (isfinite(v) && fabs(v) < 1e15) {
		for (int p = 0; p <= 9; p++) {
			snprintf(buf, cap, "%.*f", p, v);
			if (strtod(buf, NULL) == v)
				return;
		}
	}
	ref_number(v, buf, cap);
}

#endif
