/* s3_list.c: ListObjectsV2, every page, parsed by expat as curl delivers
 * it (no tree, no page kept whole); S3's error bodies the same way. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "s3_int.h"
#include "tailboard/xalloc.h"

#define TEXT_MAX 4096           /* a key is at most 1024 bytes */

void s3_buf_add(struct s3_buf *b, const char *p, size_t n)
{
	xgrow((void **)&b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* What the parser is in the middle of. */
struct lx {
	XML_Parser xp;
	struct s3_listing *out;
	size_t first;           /* out->n when the page began */
	bool in_contents, truncated, too_long;
	struct s3_object cur;
	char text[TEXT_MAX];
	size_t tn;
	char token[TEXT_MAX];   /* NextContinuationToken */
	char code[64], msg[160];        /* an error body's */
};

static void XMLCALL on_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct lx *x = arg;
	(void)attrs;
	x->tn = 0;
	x->text[0] = '\0';
	if (strcmp(name, "Contents") == 0) {
		x->in_contents = true;
		free(x->cur.key);
		memset(&x->cur, 0, sizeof(x->cur));
	}
}

static void XMLCALL on_text(void *arg, const XML_Char *s, int len)
{
	struct lx *x = arg;
	if (x->tn + (size_t)len >= sizeof(x->text)) {
		x->too_long = true;
		return;
	}
	memcpy(x->text + x->tn, s, (size_t)len);
	x->tn += (size_t)len;
	x->text[x->tn] = '\0';
}

/* Printable ASCII of s into out: server text goes into messages. */
static void printable(char *out, size_t cap, const char *s)
{
	size_t o = 0;
	for (; *s && o + 1 < cap; s++)
		out[o++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	out[o] = '\0';
}

/* "2026-12-02T09:10:00.000Z" as seconds since the epoch; 0 when not that. */
static double iso_time(const char *s)
{
	struct tm tm;
	double sec;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%d-%d-%dT%d:%d:%lf", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &sec) != 6)
		return 0;
	/* a server's text: in range before any arithmetic on it */
	if (tm.tm_year < 1970 || tm.tm_year > 9999 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 ||
	    !(sec >= 0 && sec < 61))
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_sec = (int)sec;
	time_t t = timegm(&tm);
	return t == (time_t)-1 ? 0 : (double)t + (sec - (int)sec);
}

static void XMLCALL on_end(void *arg, const XML_Char *name)
{
	struct lx *x = arg;
	if (x->in_contents) {
		if (strcmp(name, "Key") == 0 && !x->cur.key) {
			x->cur.key = xstrndup(x->text, x->tn);
		} else if (strcmp(name, "Size") == 0) {
			x->cur.size = strtoull(x->text, NULL, 10);
		} else if (strcmp(name, "LastModified") == 0) {
			x->cur.mtime = iso_time(x->text);
		} else if (strcmp(name, "ETag") == 0) {
			size_t n = TB_MIN(x->tn, sizeof(x->cur.etag) - 1);
			memcpy(x->cur.etag, x->text, n);
			x->cur.etag[n] = '\0';
		} else if (strcmp(name, "Contents") == 0) {
			x->in_contents = false;
			if (x->cur.key && x->out) {
				xgrow((void **)&x->out->v, &x->out->cap, x->out->n + 1, sizeof(*x->out->v));
				x->out->v[x->out->n++] = x->cur;
			} else {
				free(x->cur.key);
			}
			memset(&x->cur, 0, sizeof(x->cur));
		}
	} else if (strcmp(name, "IsTruncated") == 0) {
		x->truncated = strcmp(x->text, "true") == 0;
	} else if (strcmp(name, "NextContinuationToken") == 0) {
		snprintf(x->token, sizeof(x->token), "%s", x->text);
	} else if (strcmp(name, "Code") == 0) {
		printable(x->code, sizeof(x->code), x->text);
	} else if (strcmp(name, "Message") == 0) {
		printable(x->msg, sizeof(x->msg), x->text);
	}
	x->tn = 0;
	x->text[0] = '\0';
}

static bool lx_init(struct lx *x, struct s3_listing *out)
{
	memset(x, 0, sizeof(*x));
	x->out = out;
	x->first = out ? out->n : 0;
	if (!(x->xp = XML_ParserCreate("UTF-8")))
		return false;
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, on_start, on_end);
	XML_SetCharacterDataHandler(x->xp, on_text);
	return true;
}

static void lx_free(struct lx *x)
{
	if (x->xp)
		XML_ParserFree(x->xp);
	free(x->cur.key);
}

void s3_xml_error(const char *xml, size_t n, char *code, size_t codecap, char *msg, size_t msgcap)
{
	struct lx x;
	code[0] = msg[0] = '\0';
	if (!n || !lx_init(&x, NULL))
		return;
	if (XML_Parse(x.xp, xml, (int)n, 1) != XML_STATUS_ERROR || x.code[0]) {
		snprintf(code, codecap, "%s", x.code);
		snprintf(msg, msgcap, "%s", x.msg);
	}
	lx_free(&x);
}

static int on_page(void *arg, const uint8_t *p, size_t n)
{
	struct lx *x = arg;
	if (!p) {       /* cut short, asked again: forget this page's objects and start its parse over */
		struct s3_listing *out = x->out;
		size_t first = x->first;
		while (out->n > first)
			free(out->v[--out->n].key);
		lx_free(x);
		return lx_init(x, out) ? TB_OK : TB_ERR;
	}
	return XML_Parse(x->xp, (const char *)p, (int)n, 0) == XML_STATUS_ERROR ? TB_ERR : TB_OK;
}

/* ?continuation-token=..&list-type=2&prefix=..: sorted, encoded (curl
 * 7.88 signs the query as given). */
void s3_list_url(struct s3 *s, CURL *h, struct s3_buf *url, const char *bucket, const char *prefix,
		     const char *token)
{
	s3_url(s, h, url, bucket, NULL);
	s3_buf_add(url, "?", 1);
	if (token && *token) {
		char *t = curl_easy_escape(h, token, 0);
		s3_buf_add(url, "continuation-token=", 19);
		if (t)
			s3_buf_add(url, t, strlen(t));
		s3_buf_add(url, "&", 1);
		curl_free(t);
	}
	s3_buf_add(url, "list-type=2", 11);
	unsigned max = s3_max_keys(s);
	if (max) {
		char mk[32];
		int n = snprintf(mk, sizeof(mk), "&max-keys=%u", max);
		s3_buf_add(url, mk, (size_t)n);
	}
	if (*prefix) {
		char *p = curl_easy_escape(h, prefix, 0);
		s3_buf_add(url, "&prefix=", 8);
		if (p)
			s3_buf_add(url, p, strlen(p));
		curl_free(p);
	}
}

/* One page; *token becomes the next one ("" after the last). */
static int list_page(struct s3 *s, const char *bucket, const char *prefix, char *token, size_t tokcap,
		     struct s3_listing *out, char *err, size_t errcap)
{
	struct curl_slist *hdrs = NULL;
	CURL *h = s3_handle(s, &hdrs);
	struct lx x;
	if (!h || !lx_init(&x, out)) {
		if (h)
			curl_easy_cleanup(h);
		curl_slist_free_all(hdrs);
		snprintf(err, errcap, "s3: cannot start a request");
		return TB_ERR;
	}
	struct s3_buf url = { NULL, 0, 0 };
	s3_list_url(s, h, &url, bucket, prefix, token);
	curl_easy_setopt(h, CURLOPT_URL, url.p);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	char what[1200];
	snprintf(what, sizeof(what), "list s3://%s/%s", bucket, prefix);
	struct s3_meta meta;
	int rc = s3_perform(h, what, &meta, on_page, &x, err, errcap);
	if (rc == TB_OK && (XML_Parse(x.xp, "", 0, 1) == XML_STATUS_ERROR || x.too_long)) {
		snprintf(err, errcap, "s3: %s: the listing is not valid XML (%s)", what,
			 x.too_long ? "a value too long" : XML_ErrorString(XML_GetErrorCode(x.xp)));
		rc = TB_ERR;
	}
	if (rc == TB_OK && x.truncated && !x.token[0]) {
		snprintf(err, errcap, "s3: %s: a truncated listing without a continuation token", what);
		rc = TB_ERR;
	}
	snprintf(token, tokcap, "%s", rc == TB_OK && x.truncated ? x.token : "");
	lx_free(&x);
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	free(url.p);
	return rc;
}

int s3_list(struct s3 *s, const char *bucket, const char *prefix, struct s3_listing *out, char *err,
	    size_t errcap)
{
	char token[TEXT_MAX] = "";
	memset(out, 0, sizeof(*out));
	do {
		out->requests++;
		if (list_page(s, bucket, prefix, token, sizeof(token), out, err, errcap) != TB_OK) {
			s3_listing_free(out);
			return TB_ERR;
		}
	} while (token[0]);
	return TB_OK;
}

int s3_list_parse(const char *xml, size_t n, struct s3_listing *out, char *token, size_t tokcap, char *err,
		  size_t errcap)
{
	struct lx x;
	if (!lx_init(&x, out)) {
		snprintf(err, errcap, "s3: out of memory");
		return TB_ERR;
	}
	int rc = TB_OK;
	if (XML_Parse(x.xp, xml, (int)n, 1) == XML_STATUS_ERROR || x.too_long) {
		snprintf(err, errcap, "s3: the listing is not valid XML (%s)",
			 x.too_long ? "a value too long" : XML_ErrorString(XML_GetErrorCode(x.xp)));
		rc = TB_ERR;
	} else if (x.truncated && !x.token[0]) {
		snprintf(err, errcap, "s3: a truncated listing without a continuation token");
		rc = TB_ERR;
	}
	out->requests++;
	snprintf(token, tokcap, "%s", rc == TB_OK && x.truncated ? x.token : "");
	lx_free(&x);
	return rc;
}

void s3_listing_free(struct s3_listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].key);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
