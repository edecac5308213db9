/* test_numfmt.c: the number formatters (src/cmd/numfmt.c) against the
 * printf code they replaced (tests/tools/oldfmt.h): random double and
 * float32 bit patterns (subnormals, zeros, NaN payloads, infinities among
 * them), every power of two, exact ties, short decimals and clock-like wall
 * times; and every text must read back through strtod / strtof.
 *
 *   test_numfmt [N]   N random patterns of each kind: 1,000,000 in make
 *                     check (about 8 s); make check-long runs 10,000,000,
 *                     and from 10,000,000 on every float32 of two
 *                     binades as well */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/cmd.h"
#include "numfmt.h"
#include "../tap.h"

#include "../tools/oldfmt.h"

/* ---- checking ---------------------------------------------------------- */

struct tally {
	const char *what;
	unsigned long n, bad;
};

static void report(const struct tally *t)
{
	TAP_OK(t->bad == 0, "%s: %lu values, %lu differ or do not read back", t->what, t->n, t->bad);
}

static void mismatch(struct tally *t, const char *kind, double v, const char *got, const char *want)
{
	if (t->bad++ < 5)
		printf("#   %s %a: got \"%s\", want \"%s\"\n", kind, v, got, want);
}

/* Does text read back as v, bit for bit (NaN as any NaN)? */
static bool reads_back_double(const char *text, double v)
{
	double r = strtod(text, NULL);
	return isnan(v) ? isnan(r) : memcmp(&r, &v, sizeof(v)) == 0;
}

static bool reads_back_float(const char *text, float v)
{
	float r = strtof(text, NULL);
	return isnan(v) ? isnan(r) : memcmp(&r, &v, sizeof(v)) == 0;
}

static void check_double(struct tally *t, double v, bool time_too)
{
	char got[CMD_NUM_MAX], want[CMD_NUM_MAX];
	t->n++;
	size_t len = cmd_fmt_number(v, got, sizeof(got));
	ref_number(v, want, sizeof(want));
	if (strcmp(got, want) || len != strlen(got) || !reads_back_double(got, v))
		mismatch(t, "number", v, got, want);
	if (!time_too)
		return;
	len = cmd_fmt_time(v, got, sizeof(got));
	ref_time(v, want, sizeof(want));
	if (strcmp(got, want) || len != strlen(got) || !reads_back_double(got, v))
		mismatch(t, "time", v, got, want);
}

static void check_float(struct tally *t, float f)
{
	char got[CMD_NUM_MAX], want[CMD_NUM_MAX];
	t->n++;
	size_t len = cmd_fmt_float((double)f, got, sizeof(got));
	ref_float((double)f, want, sizeof(want));
	if (strcmp(got, want) || len != strlen(got) || !reads_back_float(got, f))
		mismatch(t, "float", (double)f, got, want);
}

/* xorshift64*: the same patterns every run */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static double from_bits(uint64_t b)
{
	double v;
	memcpy(&v, &b, sizeof(v));
	return v;
}

static float from_bits32(uint32_t b)
{
	float f;
	memcpy(&f, &b, sizeof(f));
	return f;
}

/* A random double: any pattern, a subnormal, a NaN or infinity, or one
 * whose exponent lands where %g and %f change form (1e-5 to 1e17). */
static uint64_t double_pattern(void)
{
	uint64_t r = next(), mant = r & ((1ULL << 52) - 1), sign = r & (1ULL << 63);
	switch (next() % 8) {
	case 0:
		return sign | mant;                               /* subnormal or zero */
	case 1:
		return sign | 0x7ffULL << 52 | (next() % 4 ? mant : 0);  /* NaN payloads, inf */
	case 2: case 3: case 4:
		return sign | (uint64_t)(1023 - 20 + next() % 80) << 52 | mant;
	default:
		return r;
	}
}

static uint32_t float_pattern(void)
{
	uint32_t r = (uint32_t)next(), mant = r & ((1U << 23) - 1), sign = r & (1U << 31);
	switch (next() % 8) {
	case 0:
		return sign | mant;
	case 1:
		return sign | 0xffU << 23 | (next() % 4 ? mant : 0);
	case 2: case 3: case 4:
		return sign | (uint32_t)(127 - 20 + next() % 50) << 23 | mant;
	default:
		return r;
	}
}

static void test_random(unsigned long n)
{
	struct tally d = { .what = "random double bit patterns (number, time)" };
	struct tally f = { .what = "random float32 bit patterns" };
	for (unsigned long i = 0; i < n; i++) {
		check_double(&d, from_bits(double_pattern()), true);
		check_float(&f, from_bits32(float_pattern()));
	}
	report(&d);
	report(&f);
}

/* Powers of two have a rounding interval twice as wide above as below,
 * the one place the shortest digits and printf's nearest could part; every
 * one, both signs, and its neighbours. */
static void test_powers_of_two(void)
{
	struct tally d = { .what = "every double power of two and its neighbours" };
	struct tally f = { .what = "every float32 power of two and its neighbours" };
	for (int e = -1074; e <= 1023; e++) {
		double v = ldexp(1.0, e);
		for (int s = 0; s < 2; s++, v = -v) {
			check_double(&d, v, true);
			check_double(&d, nextafter(v, 0), true);
			check_double(&d, nextafter(v, v * 2), true);
		}
	}
	for (int e = -149; e <= 127; e++) {
		float v = ldexpf(1.0f, e);
		for (int s = 0; s < 2; s++, v = -v) {
			check_float(&f, v);
			check_float(&f, nextafterf(v, 0));
			check_float(&f, nextafterf(v, v * 2));
		}
	}
	report(&d);
	report(&f);
}

/* m * 2^-k for small k: exact decimals of a few more digits than the
 * shortest, so many lie halfway between two shortest candidates. */
static void test_ties(unsigned long n)
{
	struct tally d = { .what = "double halfway cases (m * 2^-k)" };
	struct tally f = { .what = "float32 halfway cases (m * 2^-k)" };
	for (unsigned long i = 0; i < n; i++) {
		int k = (int)(next() % 40);
		double v = ldexp((double)(next() >> (11 + next() % 30)), -k);
		check_double(&d, next() & 1 ? -v : v, true);
		float fv = ldexpf((float)(next() >> (40 + next() % 20)), -(int)(next() % 24));
		check_float(&f, next() & 1 ? -fv : fv);
	}
	/* the known ones: 16 and 17 digits, printf keeps the even neighbour */
	check_double(&d, 524289.0 / 65536, true);       /* 8.0000152587890625 */
	check_double(&d, 1234567890123456.25, true);
	check_double(&d, 1234567890123456.75, true);
	report(&d);
	report(&f);
}

/* What logs hold: short decimals, and wall times of time.time(). */
static void test_decimals(unsigned long n)
{
	struct tally d = { .what = "short decimals and clock-like wall times" };
	struct tally f = { .what = "short decimals as float32" };
	char text[64];
	for (unsigned long i = 0; i < n; i++) {
		int digits = 1 + (int)(next() % 17), exp10 = (int)(next() % 40) - 20;
		snprintf(text, sizeof(text), "%llue%d", (unsigned long long)(next() % 100000000000000000ULL) % (unsigned long long)pow(10, digits), exp10);
		check_double(&d, strtod(text, NULL), true);
		check_float(&f, strtof(text, NULL));
		double wall = 1.7e9 + (double)(next() % 100000000) / pow(10, (double)(next() % 10));
		check_double(&d, wall, true);
		check_double(&d, 1.7e9 + (double)(next() % 4000000) * 0.25, true);
	}
	report(&d);
	report(&f);
}

static void test_fixed(void)
{
	char buf[CMD_NUM_MAX], small[4];
	cmd_fmt_number(-0.0, buf, sizeof(buf));
	TAP_EQ_STR(buf, "-0", "negative zero");
	cmd_fmt_number(1e15, buf, sizeof(buf));
	TAP_EQ_STR(buf, "1e+15", "exponent form from 1e15");
	cmd_fmt_number(1e-5, buf, sizeof(buf));
	TAP_EQ_STR(buf, "1e-05", "two exponent digits at least");
	cmd_fmt_float((double)0.79f, buf, sizeof(buf));
	TAP_EQ_STR(buf, "0.79", "float32 0.79");
	cmd_fmt_time(1614857751.697881, buf, sizeof(buf));
	TAP_EQ_STR(buf, "1614857751.697881", "wall time");
	TAP_EQ_INT(cmd_fmt_number(0.125, small, sizeof(small)), 5, "length of the whole text when cut");
	TAP_EQ_STR(small, "0.1", "cut like snprintf");
	int64_t ints[] = { 0, 7, -7, 99, 100, INT64_MAX, INT64_MIN, 1234567890123 };
	bool ok = true;
	for (size_t i = 0; i < TB_ARRAY_LEN(ints); i++) {
		char want[32];
		snprintf(want, sizeof(want), "%lld", (long long)ints[i]);
		size_t n = cmd_fmt_int(ints[i], buf);
		ok &= n == strlen(want) && memcmp(buf, want, n) == 0;
	}
	TAP_OK(ok, "integers as %%lld prints them");
}

/* Every float32 in [0.5, 1) and [1000, 1024): a loss, a step count. */
static void test_binades(void)
{
	struct tally f = { .what = "every float32 in [0.5, 1) and [1000, 1024)" };
	for (uint32_t b = 0x3f000000; b < 0x3f800000; b++)
		check_float(&f, from_bits32(b));
	for (uint32_t b = 0x447a0000; b < 0x44800000; b++)
		check_float(&f, from_bits32(b));
	report(&f);
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	test_fixed();
	test_powers_of_two();
	test_ties(n / 4);
	test_decimals(n / 10);
	test_random(n);
	if (n >= 10000000)
		test_binades();
	return tap_done();
}
