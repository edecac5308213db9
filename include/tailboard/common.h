/* common.h: status codes and small helpers shared by every module. */
#ifndef TAILBOARD_COMMON_H
#define TAILBOARD_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Every fallible function returns one of these (0 = success). */
enum tb_status {
	TB_OK = 0,
	TB_AGAIN = 1,   /* need more bytes: a torn tail, retry when the file grows */
	TB_DONE = 2,    /* nothing more to do for now */
	TB_ERR = -1,    /* error, already reported through diag */
	TB_NOMEM = -2,
};

#define TB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TB_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TB_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Allocation that reports failure by status instead of aborting. */
int tb_grow(void **buf, size_t *cap, size_t need, size_t elem);

/* Monotonic clock in seconds. */
double tb_now(void);

#endif
