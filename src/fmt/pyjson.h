/* pyjson.h: JSON as Python's json module writes it.  Python emits the bare
 * literals NaN, Infinity and -Infinity, which cJSON rejects; they are
 * rewritten (outside strings) to marker strings before parsing and read
 * back as NaN/inf numbers by pyjson_number(). */
#ifndef TAILBOARD_PYJSON_H
#define TAILBOARD_PYJSON_H

#include <cjson/cJSON.h>
#include "tailboard/common.h"

/* Parse len bytes. NULL on error (or no memory) with *err_off set to the
 * byte offset in the input where parsing failed. */
cJSON *pyjson_parse(const char *text, size_t len, size_t *err_off);
/* A numeric value: numbers and the NaN/Infinity literals. Booleans, strings,
 * null, objects and arrays are not numbers. */
bool pyjson_number(const cJSON *item, double *out);

#endif
