/* export_int.h: what export.c and export_group.c share. */
#ifndef TAILBOARD_CMD_EXPORT_INT_H
#define TAILBOARD_CMD_EXPORT_INT_H

#include "outbuf.h"
#include "tailboard/cmd.h"

/* A CSV field per RFC 4180 (sanitised for a terminal when tty). */
void export_csv_field(struct outbuf *o, const char *s, size_t len, bool tty);
/* A JSON string, whatever bytes s holds. */
void export_json_string(struct outbuf *o, const char *s, size_t len);
/* export --group-by: a row per group, tag and step, mean,std,min,max,n
 * (export_group.c); returns 0, or 2 for a bad --tag/--run regex. */
int export_group(struct cmd *c, struct outbuf *o, bool tty);

#endif
