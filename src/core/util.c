/* util.c: allocation growth and the clocks. */
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include "tailboard/common.h"

int tb_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return TB_OK;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return TB_NOMEM;
		ncap *= 2;
	}
	void *p = realloc(*buf, ncap * elem);
	if (!p)
		return TB_NOMEM;
	*buf = p;
	*cap = ncap;
	return TB_OK;
}

static double clock_secs(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double tb_now(void)
{
	return clock_secs(CLOCK_MONOTONIC);
}

double tb_wall_now(void)
{
	return clock_secs(CLOCK_REALTIME);
}

char *tb_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}
