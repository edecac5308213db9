/* shortest.h: the shortest decimal digits that read back as the same double
 * or float32, from Google's double-conversion (a C++ library; shortest.cc
 * is the one C++ file of tailboard). */
#ifndef TAILBOARD_SHORTEST_H
#define TAILBOARD_SHORTEST_H

#ifdef __cplusplus
extern "C" {
#endif

/* Room for the digits of either function (17 at most) and a NUL. */
#define SHORTEST_MAX 18

/* For finite v, sign ignored: the fewest digits d1..dn (no trailing zero;
 * "0" for zero) such that 0.d1..dn x 10^point reads back as v, the closest
 * to v of those (a tie goes away from zero). Returns n. */
int shortest_double(double v, char digits[SHORTEST_MAX], int *point);
/* The same for a float32. */
int shortest_float(float v, char digits[SHORTEST_MAX], int *point);
/* v rounded to prec <= 17 significant digits (a tie away from zero), in
 * the same form; trailing zeros may be left off. */
int shortest_rounded(double v, int prec, char digits[SHORTEST_MAX], int *point);

#ifdef __cplusplus
}
#endif

#endif
