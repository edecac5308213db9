/* numfast.c: exact shortcuts for the two shapes that fill an export, wall
 * clock times and float32 values of everyday size (double-conversion's
 * shortest digits cost about 100 ns a number; these a few ns a place).
 *
 * Each computes the old printf loop itself in integer arithmetic: the value
 * rounded to N places half to even, as printf rounds the exact binary
 * value, and whether that reads back, which is whether it lies in the
 * value's rounding interval (half an ulp each side, the ends included when
 * the significand is even: strtod and strtof round ties to even). They
 * leave out what needs more: powers of two (an interval half as wide below
 * as above), subnormals, and magnitudes whose products would not fit. */
#include <string.h>
#include "numfmt.h"

typedef unsigned __int128 u128;

size_t numfast_time(double v, char *out)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	int be = (int)(bits >> 52 & 0x7ff);
	uint64_t frac = bits & ((1ULL << 52) - 1);
	int s = 1075 - be;              /* |v| = m / 2^s */
	/* |v| from 2^18 to 2^52: the fraction times 10^9 fits 64 bits */
	if (!frac || s < 1 || s > 34)
		return 0;
	uint64_t m = frac | 1ULL << 52, ip = m >> s, r = m & ((1ULL << s) - 1);
	uint64_t one = 1ULL << s, half = one >> 1;
	for (int f = 0; f <= 9; f++) {
		/* |v| * 10^f = ip * 10^f + F / 2^s */
		uint64_t F = r * numfmt_pow10[f], q = F >> s, rem = F & (one - 1);
		/* masks, not branches, as in round_to() below */
		bool up = (rem > half) | ((rem == half) & ((f ? q : ip) & 1));
		uint64_t mask = -(uint64_t)up, diff = (rem & ~mask) | ((one - rem) & mask);
		q += up;
		/* reads back: |X - v * 10^f| <= 10^f * ulp / 2, ulp = 2^-s */
		if (2 * diff > numfmt_pow10[f] || (2 * diff == numfmt_pow10[f] && (m & 1)))
			continue;
		uint64_t whole = ip;
		if (q == numfmt_pow10[f]) {     /* .999.. rounded up */
			whole++;
			q = 0;
		}
		char *p = out;
		if (bits >> 63)
			*p++ = '-';
		p += numfmt_u64(whole, p);
		if (f) {
			*p++ = '.';
			numfmt_padded(q, f, p);
			p += f;
		}
		return (size_t)(p - out);
	}
	return 0;
}

/* m * 10^t as 128 bits, t <= 38 */
static u128 times_pow10(uint64_t m, int t)
{
	u128 x = (u128)m * numfmt_pow10[t < 19 ? t : 19];
	return t > 19 ? x * numfmt_pow10[t - 19] : x;
}

/* A float32's value scaled to Y = Q + R / 2^s in [10^8, 10^9); lim is half
 * its ulp in Y's units times 2^s, doubled. round_to: Y / d rounded half to
 * even into X; does X * d read back? One function in two widths, 64 and
 * 128 bits. */
#define ROUND_TO(name, T)                                                          \
	static inline __attribute__((always_inline)) bool name(uint64_t Q, T R, int s, \
		T lim, bool m_odd, uint64_t d, uint64_t *X)                              \
	{                                                                              \
		uint64_t q = Q / d;                                                    \
		/* Y / d - q = num / den; masks, not branches: which way a value      \
		 * rounds is a coin toss to the branch predictor */                    \
		T num = ((T)(Q % d) << s) + R, den = (T)d << s;                        \
		bool up = (2 * num > den) | ((2 * num == den) & (q & 1));             \
		T mask = -(T)up, diff = (num & ~mask) | ((den - num) & mask);          \
		*X = q + up;                                                           \
		return (2 * diff < lim) | ((2 * diff == lim) & !m_odd);                \
	}
ROUND_TO(round_to64, uint64_t)
ROUND_TO(round_to128, u128)

/* The first of 6 to 9 places that reads back, into p, its digits into X.
 * When p does, so does p + 1 (nearer still, in an interval as wide each
 * side): the first is 10 less the number that do, worked out without a
 * branch, which most float32 values (8 or 9 places, as it falls) would
 * mispredict. d = 10^(9 - p), constants for the divisions. */
#define FIRST_PLACES(round_to, R, lim, p, X)                                         \
	do {                                                                         \
		uint64_t Xs_[4];        /* at 6..9 places */                         \
		p = 10 - round_to(Q, R, s, lim, m & 1, 1000, &Xs_[0]) -              \
		    round_to(Q, R, s, lim, m & 1, 100, &Xs_[1]) -                    \
		    round_to(Q, R, s, lim, m & 1, 10, &Xs_[2]) -                     \
		    round_to(Q, R, s, lim, m & 1, 1, &Xs_[3]);                       \
		X = Xs_[p < 10 ? p - 6 : 3];                                         \
	} while (0)

bool numfast_float(float f, struct dec *x, int *prec)
{
	uint32_t bits;
	memcpy(&bits, &f, sizeof(bits));
	int be = (int)(bits >> 23 & 0xff);
	uint32_t frac = bits & ((1U << 23) - 1);
	if (!frac || !be || be == 0xff)
		return false;
	uint64_t m = frac | 1U << 23;
	int e = be - 150;               /* |f| = m * 2^e */
	/* L, the decimal exponent: |f| in [10^(L-1), 10^L); from the binary
	 * one, floor((be - 127) * log10(2)) + 1, low by one at most */
	int L = (int)(((int64_t)(be - 127) * 78913) >> 18) + 1;
	/* Y = |f| * 10^t in [10^8, 10^9), t = 9 - L: Q its whole part, R / 2^s
	 * the rest, in 64 bits from about 1e-4 to 1e9 (t <= 12, s <= 40: the
	 * round_to shifts stay below 2^50), else 128 bits down to 1e-17 */
	int s = e < 0 ? -e : 0, t = 9 - L, p;
	uint64_t Q, X;
	if (t >= 0 && t <= 12 && s <= 40) {
		uint64_t M = m * numfmt_pow10[t] << (e > 0 ? e : 0);
		if ((Q = M >> s) >= 1000000000) {
			if (--t < 0)
				return false;
			L++;
			M = m * numfmt_pow10[t] << (e > 0 ? e : 0);
			Q = M >> s;
		}
		uint64_t R = M & ((1ULL << s) - 1), lim = numfmt_pow10[t] << (e > 0 ? e : 0);
		FIRST_PLACES(round_to64, R, lim, p, X);
	} else {
		u128 M;
		for (;;) {
			if (t < 0 || t > 26)
				return false;
			M = times_pow10(m, t) << (e > 0 ? e : 0);
			if ((Q = (uint64_t)(M >> s)) < 1000000000)
				break;
			L++;
			t--;
		}
		u128 R = M & (((u128)1 << s) - 1), lim = times_pow10(1, t) << (e > 0 ? e : 0);
		FIRST_PLACES(round_to128, R, lim, p, X);
	}
	if (p > 9)
		return false;
	int point = L;
	if (X == numfmt_pow10[p]) {     /* 9..95 rounded up to 10..0 */
		X = 1;
		point++;
	}
	x->n = X == 1 ? 1 : p;
	numfmt_padded(X, x->n, x->d);
	x->point = point;
	while (x->n > 1 && x->d[x->n - 1] == '0')
		x->n--;
	*prec = p;
	return true;
}
