/* s3_int.h: what the S3 client's files share (s3.c, s3_list.c). */
#ifndef TAILBOARD_S3_INT_H
#define TAILBOARD_S3_INT_H

#include <curl/curl.h>
#include "s3.h"

/* Keys a listing page asks for (TB_S3_MAX_KEYS, for tests and benches);
 * 0: the server's (1000). */
unsigned s3_max_keys(const struct s3 *s);

/* A growing byte buffer. */
struct s3_buf {
	char *p;
	size_t n, cap;
};

void s3_buf_add(struct s3_buf *b, const char *p, size_t n);
/* ENDPOINT/BUCKET[/KEY], percent-encoded, into out (NUL-terminated). */
void s3_url(struct s3 *s, CURL *h, struct s3_buf *out, const char *bucket, const char *key);
/* A handle that signs with the client's credentials; *hdrs holds the
 * headers it needs (add more, set CURLOPT_HTTPHEADER, free after). */
CURL *s3_handle(struct s3 *s, struct curl_slist **hdrs);
/* Run the request (retrying a dead connection or a 5xx), the 2xx body to
 * fn; what names it in err. TB_ERR with the reason in err. */
int s3_perform(CURL *h, const char *what, struct s3_meta *meta, s3_data_fn *fn, void *arg, char *err,
	       size_t errcap) TB_MUST;
/* The header callback: ETag, Content-Range into the s3_meta at arg. */
size_t s3_on_header(char *p, size_t size, size_t n, void *arg);
/* err = why a request for what failed with status (body: S3's XML). */
void s3_explain(const char *what, long status, const struct s3_buf *body, char *err, size_t errcap);
/* ENDPOINT/BUCKET?continuation-token=..&list-type=2&prefix=.. into url. */
void s3_list_url(struct s3 *s, CURL *h, struct s3_buf *url, const char *bucket, const char *prefix,
		 const char *token);
/* One listing page's XML, whole: its objects appended to out, token the
 * next page's ("" after the last). TB_ERR with the reason in err. */
int s3_list_parse(const char *xml, size_t n, struct s3_listing *out, char *token, size_t tokcap, char *err,
		  size_t errcap) TB_MUST;
/* Did curl's rc (a CURLcode) end an answer before its end? Retried. */
bool s3_cut_short(int rc);
/* An S3 error body's Code and Message, printable ASCII only. */
void s3_xml_error(const char *xml, size_t n, char *code, size_t codecap, char *msg, size_t msgcap);

#endif
