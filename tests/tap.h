/* tap.h: a few macros to write TAP from C unit tests. */
#ifndef TAILBOARD_TAP_H
#define TAILBOARD_TAP_H

#include <stdio.h>
#include <string.h>
#include <math.h>

static int tap_n, tap_failed;

/* cond is evaluated once: tests pass calls with side effects */
#define TAP_OK(cond, ...) do { \
	int tap_ok_ = (cond) ? 1 : 0; \
	tap_n++; \
	if (tap_ok_) { printf("ok %d - ", tap_n); } \
	else { tap_failed++; printf("not ok %d - ", tap_n); } \
	printf(__VA_ARGS__); printf("\n"); \
	if (!tap_ok_) printf("#   at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
} while (0)

#define TAP_EQ_INT(a, b, ...) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	TAP_OK(a_ == b_, __VA_ARGS__); \
	if (a_ != b_) printf("#   got %lld, want %lld\n", a_, b_); } while (0)

#define TAP_EQ_STR(a, b, ...) do { const char *a_ = (a), *b_ = (b); \
	int eq_ = a_ && b_ && strcmp(a_, b_) == 0; TAP_OK(eq_, __VA_ARGS__); \
	if (!eq_) printf("#   got  \"%s\"\n#   want \"%s\"\n", a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)

#define TAP_NEAR(a, b, eps, ...) do { double a_ = (a), b_ = (b); \
	int eq_ = fabs(a_ - b_) <= (eps); TAP_OK(eq_, __VA_ARGS__); \
	if (!eq_) printf("#   got %.17g, want %.17g\n", a_, b_); } while (0)

#define TAP_SKIP_ALL(why) do { printf("1..0 # SKIP %s\n", why); return 0; } while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
