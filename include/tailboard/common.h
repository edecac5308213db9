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

/* A status a caller must look at: dropping it is how errors got lost. */
#define TB_MUST __attribute__((warn_unused_result))

#define TB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TB_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TB_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Growth of a buffer whose size follows the data (file bytes, points):
 * failure is reported by status, never an abort. Small bookkeeping uses
 * xalloc.h instead. */
int tb_grow(void **buf, size_t *cap, size_t need, size_t elem) TB_MUST;

/* Monotonic clock in seconds. */
/* s without its leading blanks, its trailing ones (and a CR) cut in place. */
char *tb_trim(char *s);
double tb_now(void);
/* Wall clock (Unix seconds), for ages of runs. */
double tb_wall_now(void);

#endif
