/* numfmt.c: numbers as export and summary print them, without printf.
 *
 * The text is byte for byte what the first printf precision that read back
 * gave before (tests/tools/oldfmt.h keeps that code as the reference):
 * numbers as the first of %.15g..%.17g that strtod reads back, float32
 * values the first of %.6g..%.9g that strtof reads back, wall times the
 * first of %.0f..%.9f. Float32 values of everyday size and wall clock times
 * take the exact shortcuts of numfast.c; the rest is built here from the
 * shortest round-trip digits (shortest.h), n of them. No precision below n
 * reads back (it would be a shorter one), and at P = max(15, n) (max(6, n)
 * for a float) %.Pg prints those digits: when n <= 15 the 15-digit grid is
 * coarser than a normal value's rounding interval, which then holds one
 * 15-digit number, the shortest one padded, and %.15g rounds to it; when
 * n > 15 both are the n-digit number nearest the value. Likewise the first
 * %.Nf that reads back has the shortest digits' N decimals. Where that
 * reasoning does not hold, digits_of() says how it is settled: a tie
 * between two n-digit neighbours, a subnormal, a power of two. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "numfmt.h"

/* two digits at a time, "00" to "99" */
static const char pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

const uint64_t numfmt_pow10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL,
};

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* u < 10^8 as 8 ASCII digits in a register, the first in the lowest byte:
 * halves, then pairs, then digits, each split in every lane at once by a
 * multiply (x * 10486 >> 20 is x / 100 below 10^4, x * 103 >> 10 is x / 10
 * below 100). Built in memory two bytes at a time, the digits cost a
 * stalled load when copied on. */
static inline uint64_t digits8(uint32_t u)
{
	uint64_t halves = u / 10000 | (uint64_t)(u % 10000) << 32;
	uint64_t hundreds = (halves * 10486) >> 20 & 0x0000007f0000007fULL;
	uint64_t twos = hundreds | (halves - hundreds * 100) << 16;
	uint64_t tens = (twos * 103) >> 10 & 0x000f000f000f000fULL;
	return (tens | (twos - tens * 10) << 8) + 0x3030303030303030ULL;
}

/* The last width (1 to 8) digits of u < 10^8, then 8 - width bytes scratch. */
static inline void put_last(uint32_t u, int width, char *out)
{
	uint64_t d = digits8(u) >> (8 * (8 - width));
	memcpy(out, &d, 8);
}
#else
static inline void put_last(uint32_t u, int width, char *out)
{
	for (int i = width - 1; i >= 0; i--, u /= 10)
		out[i] = (char)('0' + u % 10);
}
#endif

void numfmt_padded(uint64_t u, int width, char *out)
{
	if (width <= 8) {
		put_last((uint32_t)u, width, out);
	} else if (width <= 16) {
		put_last((uint32_t)(u / 100000000), width - 8, out);
		put_last((uint32_t)(u % 100000000), 8, out + width - 8);
	} else {
		uint64_t top = u / 100000000;
		put_last((uint32_t)(top / 100000000), width - 16, out);
		put_last((uint32_t)(top % 100000000), 8, out + width - 16);
		put_last((uint32_t)(u % 100000000), 8, out + width - 8);
	}
}

int numfmt_u64(uint64_t u, char *out)
{
	/* digits: floor(bits * log10(2)) + 1, or one fewer */
	int t = ((64 - __builtin_clzll(u | 1)) * 1233) >> 12;
	int n = TB_MAX(1, t + (u >= numfmt_pow10[t]));
	numfmt_padded(u, n, out);
	return n;
}

size_t cmd_fmt_int(int64_t v, char *out)
{
	if (v >= 0)
		return (size_t)numfmt_u64((uint64_t)v, out);
	*out = '-';
	return 1 + (size_t)numfmt_u64(0 - (uint64_t)v, out + 1);
}

/* v = m * 2^e exactly, m > 0, and x its digits at prec significant ones.
 * When v's exact decimal expansion has prec + 1 significant digits it lies
 * halfway between two prec-digit numbers, and x holds the one away from
 * zero; printf rounds to the even one. Such a v has e < 0 and
 * m * 5^-e < 10^18, so -e <= 26 once m is odd. */
static void tie_to_even(uint64_t m, int e, int prec, struct dec *x)
{
	int tz = __builtin_ctzll(m);
	m >>= tz;
	e += tz;
	if (e >= 0 || e < -26 || prec > 17)
		return;
	uint64_t p5 = 1;
	for (int k = 0; k < -e; k++)
		p5 *= 5;                /* 5^26 < 2^61 */
	unsigned __int128 q = (unsigned __int128)m * p5;
	if (q < numfmt_pow10[prec] || q >= numfmt_pow10[prec + 1])
		return;
	uint64_t a = (uint64_t)q / 10;  /* q ends in 5: m odd, e < 0 */
	a += a & 1;
	char d[NUMFMT_ROOM];
	int n = numfmt_u64(a, d);
	x->point = n + 1 + e;           /* a = q / 10: n digits, 10^(1 + e) each */
	while (n > 1 && d[n - 1] == '0')
		n--;
	memcpy(x->d, d, (size_t)n);
	x->n = n;
}

/* Does 0.d1..dn x 10^point read back as v (as a float32 when single)? */
static bool reads_back(const struct dec *x, double v, bool single)
{
	char text[SHORTEST_MAX + 16];
	memcpy(text, "0.", 2);
	memcpy(text + 2, x->d, (size_t)x->n);
	snprintf(text + 2 + x->n, 14, "e%d", x->point);
	return single ? strtof(text, NULL) == fabsf((float)v) : strtod(text, NULL) == fabs(v);
}

/* v rounded to prec digits as printf rounds: half to even. */
static void rounded(double v, uint64_t m, int e, int prec, struct dec *x)
{
	x->n = shortest_rounded(v, prec, x->d, &x->point);
	while (x->n > 1 && x->d[x->n - 1] == '0')
		x->n--;
	tie_to_even(m, e, prec, x);
}

/* x holds v's shortest digits. Makes them the digits printf's loop ends
 * on, at precision prec = max(min_prec, their count), which it returns.
 * Normal numbers: the shortest digits, as the header says, but for a tie
 * (printf rounds half to even, double-conversion away from zero). A
 * subnormal's rounding interval is wider than the 15-digit grid, so
 * printf's nearest 15 digits are not the shortest ones padded: round v
 * itself. A power of two's interval is half as wide below v as above, so
 * the nearest prec digits may lie below it, outside, while the shortest lie
 * above; then printf took more digits, tried here as it tried them (rare:
 * strtod is fine), up to max_frac digits after the point (-1 past it). */
static int digits_of(double v, uint64_t m, int e, int be, bool single, int min_prec, int max_frac,
		     struct dec *x)
{
	int prec = TB_MAX(min_prec, x->n), max_prec = TB_MIN(single ? 9 : 17, x->point + max_frac);
	bool pow2 = be > 1 && (m & (m - 1)) == 0;
	if (!be && m && x->n < prec) {
		rounded(v, m, e, prec, x);
	} else if (pow2 && x->n == prec) {
		struct dec y;
		rounded(v, m, e, prec, &y);
		if (y.n != x->n || y.point != x->point || memcmp(y.d, x->d, (size_t)y.n) != 0) {
			while (!reads_back(&y, v, single)) {
				if (++prec > max_prec)
					return -1;
				rounded(v, m, e, prec, &y);
			}
			*x = y;
		}
	} else if (m) {
		tie_to_even(m, e, prec, x);
	}
	return prec;
}

static int dec_double(double v, int min_prec, int max_frac, struct dec *x)
{
	x->n = shortest_double(v, x->d, &x->point);
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	uint64_t m = bits & ((1ULL << 52) - 1);
	int be = (int)(bits >> 52 & 0x7ff);
	if (be)
		m |= 1ULL << 52;
	return digits_of(v, m, be ? be - 1075 : -1074, be, false, min_prec, max_frac, x);
}

static int dec_float(float f, int min_prec, struct dec *x)
{
	x->n = shortest_float(f, x->d, &x->point);
	uint32_t bits;
	memcpy(&bits, &f, sizeof(bits));
	uint64_t m = bits & ((1U << 23) - 1);
	int be = (int)(bits >> 23 & 0xff);
	if (be)
		m |= 1U << 23;
	return digits_of((double)f, m, be ? be - 150 : -149, be, true, min_prec, INT_MAX / 2, x);
}

/* x's digits as plain decimals, all of them (%f at just enough places). */
static char *put_fixed(char *p, const struct dec *x)
{
	/* whole copies of x->d: the room past the text is scratch (numfmt.h) */
	if (x->point <= 0) {
		memcpy(p, "0.00000000000", 13);
		p += 2 - x->point;
		memcpy(p, x->d, DEC_COPY);
		p += x->n;
	} else if (x->n <= x->point) {
		memcpy(p, x->d, DEC_COPY);
		p += x->n;
		memset(p, '0', (size_t)(x->point - x->n));
		p += x->point - x->n;
	} else {
		memcpy(p, x->d, DEC_COPY);
		p += x->point;
		memcpy(p + 1, x->d + x->point, DEC_COPY);
		*p = '.';
		p += 1 + x->n - x->point;
	}
	return p;
}

/* As %.{prec}g prints x (x has at most prec digits): exponent form when the
 * exponent is below -4 or at least prec, two exponent digits at least. */
static size_t put_g(char *out, bool neg, const struct dec *x, int prec)
{
	char *p = out;
	if (neg)
		*p++ = '-';
	int exp10 = x->point - 1;
	if (exp10 >= -4 && exp10 < prec)
		return (size_t)(put_fixed(p, x) - out);
	memcpy(p + 1, x->d, DEC_COPY);
	p[0] = x->d[0];
	p[1] = '.';
	p += x->n > 1 ? x->n + 1 : 1;
	*p++ = 'e';
	*p++ = exp10 < 0 ? '-' : '+';
	unsigned ae = (unsigned)(exp10 < 0 ? -exp10 : exp10);
	if (ae >= 100) {
		*p++ = (char)('0' + ae / 100);
		ae %= 100;
	}
	memcpy(p, pairs + 2 * ae, 2);
	return (size_t)(p + 2 - out);
}

static size_t put_special(double v, char *out)
{
	if (isnan(v)) {
		memcpy(out, "nan", 3);
		return 3;
	}
	if (v > 0) {
		memcpy(out, "inf", 3);
		return 3;
	}
	memcpy(out, "-inf", 4);
	return 4;
}

static size_t number(double v, char *out)
{
	if (!isfinite(v))
		return put_special(v, out);
	struct dec x;
	int prec = dec_double(v, 15, INT_MAX / 2, &x);
	return put_g(out, signbit(v), &x, prec);
}

static size_t single(double v, char *out)
{
	if (!isfinite(v))
		return put_special(v, out);
	struct dec x;
	int prec;
	if (!numfast_float((float)v, &x, &prec))
		prec = dec_float((float)v, 6, &x);
	return put_g(out, signbit(v), &x, prec);
}

static size_t wall(double v, char *out)
{
	if (!isfinite(v) || fabs(v) >= 1e15)
		return number(v, out);
	size_t n = numfast_time(v, out);
	if (n)
		return n;
	struct dec x;
	if (dec_double(v, 0, 9, &x) < 0 || x.n - x.point > 9)   /* needs more than %.9f */
		return number(v, out);
	char *p = out;
	if (signbit(v))
		*p++ = '-';
	return (size_t)(put_fixed(p, &x) - out);
}

/* The public forms: NUL-terminated, cut to cap like snprintf. */
static size_t finish(const char *tmp, size_t n, char *buf, size_t cap)
{
	if (cap) {
		size_t k = TB_MIN(n, cap - 1);
		memcpy(buf, tmp, k);
		buf[k] = '\0';
	}
	return n;
}

size_t cmd_fmt_number(double v, char *buf, size_t cap)
{
	char tmp[CMD_NUM_MAX];
	return finish(tmp, number(v, tmp), buf, cap);
}

size_t cmd_fmt_float(double v, char *buf, size_t cap)
{
	char tmp[CMD_NUM_MAX];
	return finish(tmp, single(v, tmp), buf, cap);
}

size_t cmd_fmt_time(double v, char *buf, size_t cap)
{
	char tmp[CMD_NUM_MAX];
	return finish(tmp, wall(v, tmp), buf, cap);
}

size_t cmd_fmt_value(const struct series *s, size_t i, char *buf, size_t cap)
{
	char tmp[CMD_NUM_MAX];
	double v = series_value(s, i);
	return finish(tmp, s->single ? single(v, tmp) : number(v, tmp), buf, cap);
}

size_t cmd_put_value(const struct series *s, size_t i, char *out)
{
	double v = series_value(s, i);
	return s->single ? single(v, out) : number(v, out);
}

size_t cmd_put_time(double v, char *out)
{
	return wall(v, out);
}

size_t cmd_put_number(double v, char *out)
{
	return number(v, out);
}

void cmd_fmt_iso(double t, char *buf, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!(t > 0 && gmtime_r(&tt, &tm) && strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm)))
		snprintf(buf, cap, "-");
}
