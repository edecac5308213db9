/* s3.h: io's S3 client (s3.c, s3_conf.c, s3_list.c): credentials and
 * endpoint as AWS tools take them, requests signed by libcurl's SigV4,
 * path-style addressing. Calls block (one easy handle each, so loader
 * threads may call at once); secrets never reach a message. */
#ifndef TAILBOARD_S3_H
#define TAILBOARD_S3_H

#include <stdint.h>
#include "tailboard/discover.h"

struct s3;

/* The client for --s3-endpoint endpoint (NULL: from the environment and
 * profile). NULL with a reason in err (no secret in it) when the
 * configuration is unusable. */
struct s3 *s3_new(const char *endpoint, char *err, size_t errcap);
void s3_free(struct s3 *s);
/* "http://127.0.0.1:7480 (us-east-1)": for messages, no credentials. */
const char *s3_describe(const struct s3 *s);

/* s3://BUCKET[/PREFIX]: is it one? */
bool s3_is_url(const char *path);
/* Split it: bucket and prefix ("" or ending in '/'), allocated. TB_ERR
 * when there is no bucket. */
int s3_split_url(const char *url, char **bucket, char **prefix) TB_MUST;

struct s3_object {
	char *key;
	uint64_t size;
	char etag[72];
};

struct s3_listing {
	struct s3_object *v;
	size_t n, cap;
	unsigned requests;      /* pages fetched */
};

/* Every key under prefix (ListObjectsV2, all pages), in key order. TB_ERR
 * with the reason in err. */
int s3_list(struct s3 *s, const char *bucket, const char *prefix, struct s3_listing *out, char *err,
	    size_t errcap) TB_MUST;
void s3_listing_free(struct s3_listing *l);

/* What a GET or HEAD found. */
struct s3_meta {
	long status;            /* HTTP status; 0 when no answer came */
	uint64_t total;         /* the object's size (Content-Range, or Content-Length) */
	uint64_t start;         /* offset of the first byte delivered */
	char etag[72];
};

/* Bytes as they arrive; TB_ERR stops the transfer. */
typedef int s3_data_fn(void *arg, const uint8_t *p, size_t n);

/* GET key from byte off, at most len bytes (0: to the end). A range past
 * the end (416) is no error: meta->status says so and no byte comes.
 * TB_ERR with the reason in err. */
int s3_get(struct s3 *s, const char *bucket, const char *key, uint64_t off, uint64_t len, s3_data_fn *fn,
	   void *arg, struct s3_meta *meta, char *err, size_t errcap) TB_MUST;
int s3_head(struct s3 *s, const char *bucket, const char *key, struct s3_meta *meta, char *err,
	    size_t errcap) TB_MUST;

/* s3_conf.c: the configuration s3.c signs with. Strings are in one
 * page kept out of core dumps. */
struct s3_conf {
	char endpoint[1024];
	char region[64];
	char key_id[256];
	char secret[256];
	char token[2048];
};

/* discover_s3.c: list an s3:// logdir and track its metrics objects.
 * TB_ERR when it could not be listed (reported). */
int discover_s3_scan(struct discover *d, size_t ldi) TB_MUST;

int s3_conf_load(struct s3_conf *c, const char *endpoint, char *err, size_t errcap) TB_MUST;

#endif
