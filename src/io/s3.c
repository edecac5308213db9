/* s3.c: the S3 client's requests. libcurl signs them (CURLOPT_AWS_SIGV4);
 * Debian 12's curl 7.88 wants two things of us: the header
 * x-amz-content-sha256 (UNSIGNED-PAYLOAD: we send no body), and a query
 * already canonical (names sorted, values percent-encoded), which it
 * signs as given. */
#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "config.h"
#include "s3_int.h"
#include "tailboard/xalloc.h"

#define RETRIES 3               /* attempts for a dead connection or 5xx */
#define ERRBODY_MAX 8192        /* an error's XML: enough for Code and Message */

struct s3 {
	struct s3_conf *conf;   /* its own pages, kept out of core dumps */
	size_t conf_len;
	char sigv4[96];
	char desc[1200];
	unsigned max_keys;
	long stall_secs;        /* an answer that sends nothing this long ends (and is retried) */
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct s3 *s3_new(const char *endpoint, const char *style, char *err, size_t errcap)
{
	pthread_once(&curl_once, curl_setup);
	long page = sysconf(_SC_PAGESIZE);
	size_t len = (sizeof(struct s3_conf) + (size_t)page - 1) / (size_t)page * (size_t)page;
	void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		snprintf(err, errcap, "s3: %s", strerror(errno));
		return NULL;
	}
	(void)madvise(mem, len, MADV_DONTDUMP);         /* best effort: secrets stay out of cores */
	struct s3 *s = xcalloc(1, sizeof(*s));
	s->conf = mem;
	s->conf_len = len;
	if (s3_conf_load(s->conf, endpoint, style, err, errcap) != TB_OK) {
		s3_free(s);
		return NULL;
	}
	/* libcurl copies the secret and the token header onto its own heap,
	 * out of our reach: a process that holds them makes no core dump
	 * (and takes no ptrace attach from another process of this user) */
	(void)prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
	snprintf(s->sigv4, sizeof(s->sigv4), "aws:amz:%s:s3", s->conf->region);
	const char *mk = getenv("TB_S3_MAX_KEYS");
	s->max_keys = mk ? (unsigned)strtoul(mk, NULL, 10) : 0;
	const char *st = getenv("TB_S3_STALL_SECS");  /* tests: a stall in seconds, not half a minute */
	s->stall_secs = st && atol(st) > 0 ? atol(st) : 30;
	snprintf(s->desc, sizeof(s->desc), "%s (%s%s)", s->conf->endpoint, s->conf->region,
		 strcmp(s->conf->style, "auto") ? strcmp(s->conf->style, "path") ? ", virtual-hosted" : ", path-style" : "");
	return s;
}

void s3_free(struct s3 *s)
{
	if (!s)
		return;
	explicit_bzero(s->conf, s->conf_len);
	munmap(s->conf, s->conf_len);
	free(s);
}

unsigned s3_max_keys(const struct s3 *s)
{
	return s->max_keys;
}

const char *s3_describe(const struct s3 *s)
{
	return s->desc;
}

bool s3_is_url(const char *path)
{
	return strncmp(path, "s3://", 5) == 0;
}

int s3_split_url(const char *url, char **bucket, char **prefix)
{
	if (!s3_is_url(url))
		return TB_ERR;
	const char *b = url + 5, *slash = strchr(b, '/');
	size_t bn = slash ? (size_t)(slash - b) : strlen(b);
	if (!bn)
		return TB_ERR;
	*bucket = xstrndup(b, bn);
	const char *p = slash ? slash + 1 : "";
	size_t pn = strlen(p);
	/* the prefix is a directory: "runs" and "runs/" alike list runs/... */
	*prefix = xmalloc(pn + 2);
	memcpy(*prefix, p, pn + 1);
	if (pn && p[pn - 1] != '/')
		memcpy(*prefix + pn, "/", 2);
	return TB_OK;
}

/* Percent-encode s as a URI path: each segment escaped, slashes kept. */
static void path_escape(CURL *h, struct s3_buf *out, const char *s)
{
	while (*s) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		char *e = n ? curl_easy_escape(h, s, (int)n) : NULL;
		if (e)
			s3_buf_add(out, e, strlen(e));
		curl_free(e);
		if (!slash)
			break;
		s3_buf_add(out, "/", 1);
		s = slash + 1;
	}
}

/* Can bucket be a host name's first label? Lower-case letters, digits
 * and hyphens, 3 to 63 of them; no dots over https, where the server's
 * wildcard certificate covers one label only. */
static bool dns_bucket(const char *bucket, bool https)
{
	size_t n = strlen(bucket);
	if (n < 3 || n > 63 || bucket[0] == '-' || bucket[n - 1] == '-')
		return false;
	for (const char *p = bucket; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || (*p == '.' && !https)))
			return false;
	return true;
}

/* Virtual-hosted (BUCKET.HOST/KEY) when asked, or by default on AWS's
 * own endpoint, which deprecates path-style; path-style (HOST/BUCKET/KEY)
 * on other endpoints by default: Ceph RGW and MinIO take a bucket in the
 * host name only when set up with a domain, and every one takes paths. */
static bool virtual_host(const struct s3 *s, const char *bucket)
{
	bool https = strncmp(s->conf->endpoint, "https://", 8) == 0;
	if (strcmp(s->conf->style, "virtual") == 0)
		return true;
	return strcmp(s->conf->style, "auto") == 0 && s->conf->aws && dns_bucket(bucket, https);
}

void s3_url(struct s3 *s, CURL *h, struct s3_buf *out, const char *bucket, const char *key)
{
	const char *ep = s->conf->endpoint;
	out->n = 0;
	if (virtual_host(s, bucket)) {
		const char *host = strstr(ep, "://") + 3;
		s3_buf_add(out, ep, (size_t)(host - ep));
		path_escape(h, out, bucket);
		s3_buf_add(out, ".", 1);
		s3_buf_add(out, host, strlen(host));
	} else {
		s3_buf_add(out, ep, strlen(ep));
		s3_buf_add(out, "/", 1);
		path_escape(h, out, bucket);
	}
	if (key) {
		s3_buf_add(out, "/", 1);
		path_escape(h, out, key);
	} else if (virtual_host(s, bucket)) {
		s3_buf_add(out, "/", 1);        /* the bucket's listing: GET /?list-type=2 */
	}
	s3_buf_add(out, "", 1);
	out->n--;
}

/* A handle signed with our credentials; headers in *hdrs (freed by the caller). */
CURL *s3_handle(struct s3 *s, struct curl_slist **hdrs)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	struct s3_conf *c = s->conf;
	curl_easy_setopt(h, CURLOPT_AWS_SIGV4, s->sigv4);
	curl_easy_setopt(h, CURLOPT_USERNAME, c->key_id);
	curl_easy_setopt(h, CURLOPT_PASSWORD, c->secret);
	*hdrs = curl_slist_append(NULL, "x-amz-content-sha256: UNSIGNED-PAYLOAD");
	if (c->token[0]) {
		char tok[sizeof(c->token) + 32];
		snprintf(tok, sizeof(tok), "x-amz-security-token: %s", c->token);
		*hdrs = curl_slist_append(*hdrs, tok);
		explicit_bzero(tok, sizeof(tok));
	}
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);     /* loader threads */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);      /* a stalled answer ends */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, s->stall_secs);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "tailboard/" PACKAGE_VERSION);
	return h;
}

/* One request's answer, as the callbacks see it. */
struct xfer {
	CURL *h;
	struct s3_meta *meta;
	s3_data_fn *fn;
	void *arg;
	bool failed;            /* fn said stop */
	bool delivered;         /* fn had bytes of this answer */
	struct s3_buf errbody;  /* a non-2xx answer's body */
};

size_t s3_on_header(char *p, size_t size, size_t n, void *arg)
{
	struct s3_meta *meta = arg;
	size_t len = size * n;
	char line[256];
	snprintf(line, sizeof(line), "%.*s", (int)TB_MIN(len, sizeof(line) - 1), p);
	unsigned long long a, b, t;
	if (strncmp(line, "HTTP/", 5) == 0) {
		meta->etag[0] = '\0';        /* a new answer (after a 100) */
	} else if (strncasecmp(line, "etag:", 5) == 0) {
		char *v = line + 5;
		v += strspn(v, " \t");
		v[strcspn(v, "\r\n")] = '\0';
		snprintf(meta->etag, sizeof(meta->etag), "%s", v);
	} else if (strncasecmp(line, "content-range:", 14) == 0) {
		if (sscanf(line + 14, " bytes %llu-%llu/%llu", &a, &b, &t) == 3) {
			meta->start = a;
			meta->total = t;
		} else if (sscanf(line + 14, " bytes */%llu", &t) == 1) {
			meta->total = t;
		}
	}
	return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	long status = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status >= 300) {
		if (x->errbody.n < ERRBODY_MAX)
			s3_buf_add(&x->errbody, p, TB_MIN(len, ERRBODY_MAX - x->errbody.n));
		return len;
	}
	x->delivered = true;
	if (x->fn && x->fn(x->arg, (const uint8_t *)p, len) != TB_OK) {
		x->failed = true;
		return 0;
	}
	return len;
}

/* Why a request failed, in one line without secrets. */
void s3_explain(const char *what, long status, const struct s3_buf *body, char *err, size_t errcap)
{
	char code[64] = "", msg[160] = "";
	s3_xml_error(body->p, body->n, code, sizeof(code), msg, sizeof(msg));
	const char *hint = status == 403 ? " (check the credentials and the region)"
			   : status == 404 ? " (no such bucket or key)" : "";
	snprintf(err, errcap, "s3: %s: HTTP %ld%s%s%s%s%s", what, status, code[0] ? " " : "", code,
		 msg[0] ? ": " : "", msg, hint);
}

bool s3_cut_short(int rc)
{
	return rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_OPERATION_TIMEDOUT ||
	       rc == CURLE_GOT_NOTHING;
}

int s3_perform(CURL *h, const char *what, struct s3_meta *meta, s3_data_fn *fn, void *arg, char *err,
	       size_t errcap)
{
	struct xfer x = { h, meta, fn, arg, false, false, { NULL, 0, 0 } };
	char cerr[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, s3_on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, meta);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	CURLcode rc = CURLE_OK;
	for (int attempt = 0; attempt < RETRIES; attempt++) {
		memset(meta, 0, sizeof(*meta));
		x.errbody.n = 0;
		if (attempt)
			usleep(200000u << (2 * attempt));      /* 0.8 s, 3.2 s */
		rc = curl_easy_perform(h);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &meta->status);
		/* retry only what has not reached the caller: no answer at
		 * all, or a 5xx (503 SlowDown), whose body is not data */
		bool transient = !x.failed && ((rc != CURLE_OK && meta->status == 0) || meta->status >= 500);
		/* an answer cut short: again from its start, when fn can forget
		 * what it had (fn(arg, NULL, 0)) */
		if (!x.failed && x.delivered && s3_cut_short(rc))
			transient = !fn || fn(arg, NULL, 0) == TB_OK;
		x.delivered = false;
		if (!transient)
			break;
	}
	int out = TB_OK;
	if (x.failed) {
		snprintf(err, errcap, "s3: %s: stopped", what);
		out = TB_ERR;
	} else if (rc != CURLE_OK) {
		snprintf(err, errcap, "s3: %s: %s", what, cerr[0] ? cerr : curl_easy_strerror(rc));
		out = TB_ERR;
	} else if ((meta->status < 200 || meta->status >= 300) && meta->status != 416) {
		s3_explain(what, meta->status, &x.errbody, err, errcap);
		out = TB_ERR;
	}
	free(x.errbody.p);
	return out;
}

static int object_request(struct s3 *s, const char *bucket, const char *key, uint64_t off, uint64_t len,
			  bool head, s3_data_fn *fn, void *arg, struct s3_meta *meta, char *err, size_t errcap)
{
	struct curl_slist *hdrs = NULL;
	CURL *h = s3_handle(s, &hdrs);
	if (!h) {
		snprintf(err, errcap, "s3: cannot start a request");
		return TB_ERR;
	}
	struct s3_buf url = { NULL, 0, 0 };
	s3_url(s, h, &url, bucket, key);
	curl_easy_setopt(h, CURLOPT_URL, url.p);
	char range[80];
	if (head) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (off || len) {
		if (len)
			snprintf(range, sizeof(range), "Range: bytes=%llu-%llu", (unsigned long long)off,
				 (unsigned long long)(off + len - 1));
		else
			snprintf(range, sizeof(range), "Range: bytes=%llu-", (unsigned long long)off);
		hdrs = curl_slist_append(hdrs, range);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	char what[1200];
	snprintf(what, sizeof(what), "%s s3://%s/%s", head ? "HEAD" : "GET", bucket, key);
	int rc = s3_perform(h, what, meta, fn, arg, err, errcap);
	if (rc == TB_OK && meta->status == 200) {
		/* the whole object: its size is what came, its first byte 0 */
		curl_off_t cl = -1;
		curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
		meta->start = 0;
		if (cl >= 0)
			meta->total = (uint64_t)cl;
	}
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	free(url.p);
	return rc;
}

int s3_get(struct s3 *s, const char *bucket, const char *key, uint64_t off, uint64_t len, s3_data_fn *fn,
	   void *arg, struct s3_meta *meta, char *err, size_t errcap)
{
	return object_request(s, bucket, key, off, len, false, fn, arg, meta, err, errcap);
}

int s3_head(struct s3 *s, const char *bucket, const char *key, struct s3_meta *meta, char *err, size_t errcap)
{
	return object_request(s, bucket, key, 0, 0, true, NULL, NULL, meta, err, errcap);
}
