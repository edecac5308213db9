/* s3.h: io's S3 client (s3.c, s3_conf.c, s3_list.c): credentials and
 * endpoint as AWS tools take them, requests signed by libcurl's SigV4,
 * path-style or virtual-hosted addressing. Calls block (one easy handle each, so loader
 * threads may call at once); secrets never reach a message. */
#ifndef TAILBOARD_S3_H
#define TAILBOARD_S3_H

#include <stdint.h>
#include "tailboard/discover.h"

struct s3;

/* The client for --s3-endpoint endpoint and --s3-addressing-style style
 * (NULL: from the environment and profile). NULL with a reason in err (no secret in it) when the
 * configuration is unusable. */
struct s3 *s3_new(const char *endpoint, const char *style, char *err, size_t errcap);
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
	double mtime;           /* LastModified, seconds since the epoch; 0 unknown */
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

/* Bytes as they arrive; TB_ERR stops the transfer. (NULL, 0): the
 * answer was cut short and comes again: forget what came (TB_ERR when
 * that cannot be done: no retry then). */
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
	char style[16];         /* addressing: auto, path or virtual */
	bool aws;               /* the endpoint is AWS's own (none was given) */
};

/* s3_multi.c: the same requests on curl's multi interface, driven by the
 * engine's poll(). A finished request calls done once with TB_OK and the
 * whole body (a 2xx or a 416), or TB_ERR and the reason in err; dead
 * connections and 5xx are retried with a backoff first. */
#define S3_MAX_SOCKS 40
struct pollfd;
struct s3_multi;
struct s3_req;
typedef void s3_done_fn(void *arg, int rc, const struct s3_meta *meta, const uint8_t *body, size_t n,
			const char *err);
/* Retries are said once on diag ("s3: retrying (timeout)") until a
 * request works again. */
struct s3_multi *s3_multi_new(struct diag *diag);
/* Cancels what is in flight (no done calls). */
void s3_multi_free(struct s3_multi *m);
/* NULL when it could not start (done is not called then). */
struct s3_req *s3_multi_get(struct s3_multi *m, struct s3 *s, const char *bucket, const char *key, uint64_t off,
			    uint64_t len, s3_done_fn *done, void *arg);
/* One page of ListObjectsV2 (token "" for the first): parse the body
 * with s3_list_parse. */
struct s3_req *s3_multi_list_page(struct s3_multi *m, struct s3 *s, const char *bucket, const char *prefix,
				  const char *token, s3_done_fn *done, void *arg);
void s3_multi_cancel(struct s3_multi *m, struct s3_req *r);
size_t s3_multi_pending(const struct s3_multi *m);
/* The sockets curl waits on, for poll(); at most cap. */
size_t s3_multi_fds(const struct s3_multi *m, struct pollfd *fds, size_t cap);
/* Until curl's timer or a retry is due; -1 none. */
int s3_multi_timeout_ms(const struct s3_multi *m);
/* After poll(): act on the ready sockets and due timers; done callbacks
 * run from here. */
void s3_multi_run(struct s3_multi *m, const struct pollfd *fds, size_t n);
/* Block until nothing is in flight (engine_settle). */
void s3_multi_wait(struct s3_multi *m);

/* discover_s3.c: list an s3:// logdir and track its metrics objects.
 * TB_ERR when it could not be listed (reported). */
int discover_s3_scan(struct discover *d, size_t ldi) TB_MUST;
void discover_s3_free(struct logdir *ld);
/* discover.c: discover_file with the claims' first bytes read through fs. */
void discover_file_fs(struct discover *d, size_t ld, const char *dir_rel, const char *name, const char *full,
		      const struct claim_fs *fs);

int s3_conf_load(struct s3_conf *c, const char *endpoint, const char *style, char *err, size_t errcap) TB_MUST;
/* Is style an addressing style (auto, path, virtual)? */
bool s3_style_ok(const char *style);

#endif
