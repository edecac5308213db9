/* sanitize.h: the one place external strings are made safe for a terminal.
 * Invalid UTF-8 -> U+FFFD (or '?' in ASCII mode); C0/C1 controls, DEL and
 * bidi/zero-width format characters -> visible escapes like "\x1b" or "?".
 * Output is always NUL-terminated and never longer than outcap-1 bytes. */
#ifndef TAILBOARD_SANITIZE_H
#define TAILBOARD_SANITIZE_H

#include "tailboard/common.h"

/* Returns the number of bytes written (excluding the NUL). */
size_t sanitize_str(const char *in, size_t len, char *out, size_t outcap, bool ascii);
/* Malloc'd sanitised copy (never NULL). */
char *sanitize_dup(const char *in, size_t len, bool ascii);
/* Display width in terminal cells of an already sanitised UTF-8 string. */
int sanitize_width(const char *s);

#endif
