/* diag.h: error reporting. Before/after curses: stderr; during: a list the
 * status line and the error pane show. Every message is sanitised. */
#ifndef TAILBOARD_DIAG_H
#define TAILBOARD_DIAG_H

#include "tailboard/common.h"

struct diag_entry {
	char *text;             /* sanitised, printable */
	double when;            /* tb_now() */
};

struct diag {
	struct diag_entry *items;
	size_t n, cap;
	size_t total;           /* reported since start, including dropped */
	bool to_stderr;         /* true while no screen is up */
	uint64_t gen;
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);
/* "tailboard: PATH: offset N: what"; offset < 0 leaves that part out. */
void diag_report(struct diag *d, const char *path, int64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Move from's messages to the end of into (printing them if into prints);
 * from keeps only what could not be moved, to be freed by diag_free. */
void diag_merge(struct diag *into, struct diag *from);
const char *diag_last(const struct diag *d);

#endif
