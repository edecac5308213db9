/* s3_multi.c: S3 requests on curl's multi interface, for the engine's one
 * poll(): curl tells which sockets it waits on (CURLMOPT_SOCKETFUNCTION)
 * and until when (CURLMOPT_TIMERFUNCTION); the engine polls them with
 * its own descriptors and hands back what is ready. A request's body is
 * kept whole and given to its done callback; a dead connection or a 5xx
 * is tried again after a backoff, never in a blocking sleep. */
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "s3_int.h"
#include "tailboard/xalloc.h"

#define RETRIES 3
#define MAX_CONNS 32

struct s3_req {
	struct s3_multi *m;
	CURL *h;
	struct curl_slist *hdrs;
	struct s3_buf url, body;
	struct s3_meta meta;
	char what[1200];
	char cerr[CURL_ERROR_SIZE];
	s3_done_fn *done;
	void *arg;
	int attempt;
	double retry_at;        /* > 0: out of the multi, back in then */
	struct s3_req *next;
};

struct s3_multi {
	CURLM *m;
	struct pollfd socks[S3_MAX_SOCKS];
	size_t nsocks;
	double timer_at;        /* < 0: none */
	struct s3_req *reqs;
	size_t nreqs;
	struct diag *diag;
	bool retrying;          /* said so; a request that works ends it */
};

static int on_socket(CURL *h, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct s3_multi *m = arg;
	(void)h;
	(void)sockp;
	size_t i = 0;
	while (i < m->nsocks && m->socks[i].fd != fd)
		i++;
	if (what == CURL_POLL_REMOVE) {
		if (i < m->nsocks)
			m->socks[i] = m->socks[--m->nsocks];
		return 0;
	}
	if (i == m->nsocks) {
		if (m->nsocks == S3_MAX_SOCKS)
			return -1;
		m->nsocks++;
	}
	short ev = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) | ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	m->socks[i] = (struct pollfd){ fd, ev, 0 };
	return 0;
}

static int on_timer(CURLM *cm, long ms, void *arg)
{
	struct s3_multi *m = arg;
	(void)cm;
	m->timer_at = ms < 0 ? -1 : tb_now() + (double)ms / 1000.0;
	return 0;
}

struct s3_multi *s3_multi_new(struct diag *diag)
{
	struct s3_multi *m = xcalloc(1, sizeof(*m));
	m->diag = diag;
	if (!(m->m = curl_multi_init())) {
		free(m);
		return NULL;
	}
	m->timer_at = -1;
	curl_multi_setopt(m->m, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(m->m, CURLMOPT_SOCKETDATA, m);
	curl_multi_setopt(m->m, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(m->m, CURLMOPT_TIMERDATA, m);
	curl_multi_setopt(m->m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)MAX_CONNS);
	return m;
}

static void req_free(struct s3_req *r)
{
	curl_easy_cleanup(r->h);
	curl_slist_free_all(r->hdrs);
	free(r->url.p);
	free(r->body.p);
	free(r);
}

/* Out of the multi and the list; not freed. */
static void req_unlink(struct s3_multi *m, struct s3_req *r)
{
	if (r->retry_at <= 0)
		curl_multi_remove_handle(m->m, r->h);
	for (struct s3_req **p = &m->reqs; *p; p = &(*p)->next)
		if (*p == r) {
			*p = r->next;
			m->nreqs--;
			break;
		}
}

void s3_multi_cancel(struct s3_multi *m, struct s3_req *r)
{
	if (!r)
		return;
	req_unlink(m, r);
	req_free(r);
}

void s3_multi_free(struct s3_multi *m)
{
	if (!m)
		return;
	while (m->reqs)
		s3_multi_cancel(m, m->reqs);
	curl_multi_cleanup(m->m);
	free(m);
}

size_t s3_multi_pending(const struct s3_multi *m)
{
	return m ? m->nreqs : 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct s3_req *r = arg;
	s3_buf_add(&r->body, p, size * n);
	return size * n;
}

/* A prepared handle (URL and headers set by the caller) into the multi. */
static struct s3_req *req_start(struct s3_multi *m, struct s3_req *r)
{
	curl_easy_setopt(r->h, CURLOPT_URL, r->url.p);
	curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs);
	curl_easy_setopt(r->h, CURLOPT_HEADERFUNCTION, s3_on_header);
	curl_easy_setopt(r->h, CURLOPT_HEADERDATA, &r->meta);
	curl_easy_setopt(r->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(r->h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->h, CURLOPT_ERRORBUFFER, r->cerr);
	curl_easy_setopt(r->h, CURLOPT_PRIVATE, r);
	if (curl_multi_add_handle(m->m, r->h) != CURLM_OK) {
		req_free(r);
		return NULL;
	}
	r->m = m;
	r->next = m->reqs;
	m->reqs = r;
	m->nreqs++;
	return r;
}

static struct s3_req *req_new(struct s3 *s, s3_done_fn *done, void *arg)
{
	struct s3_req *r = xcalloc(1, sizeof(*r));
	if (!(r->h = s3_handle(s, &r->hdrs))) {
		free(r);
		return NULL;
	}
	r->done = done;
	r->arg = arg;
	return r;
}

struct s3_req *s3_multi_get(struct s3_multi *m, struct s3 *s, const char *bucket, const char *key, uint64_t off,
			    uint64_t len, s3_done_fn *done, void *arg)
{
	struct s3_req *r = req_new(s, done, arg);
	if (!r)
		return NULL;
	s3_url(s, r->h, &r->url, bucket, key);
	if (off || len) {
		char range[80];
		if (len)
			snprintf(range, sizeof(range), "Range: bytes=%llu-%llu", (unsigned long long)off,
				 (unsigned long long)(off + len - 1));
		else
			snprintf(range, sizeof(range), "Range: bytes=%llu-", (unsigned long long)off);
		r->hdrs = curl_slist_append(r->hdrs, range);
	}
	snprintf(r->what, sizeof(r->what), "GET s3://%s/%s", bucket, key);
	return req_start(m, r);
}

struct s3_req *s3_multi_list_page(struct s3_multi *m, struct s3 *s, const char *bucket, const char *prefix,
				  const char *token, s3_done_fn *done, void *arg)
{
	struct s3_req *r = req_new(s, done, arg);
	if (!r)
		return NULL;
	s3_list_url(s, r->h, &r->url, bucket, prefix, token);
	snprintf(r->what, sizeof(r->what), "list s3://%s/%s", bucket, prefix);
	return req_start(m, r);
}

/* A transfer ended: try again later, or tell the caller. */
static void finish(struct s3_multi *m, struct s3_req *r, CURLcode rc)
{
	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &r->meta.status);
	bool transient = (rc != CURLE_OK && r->meta.status == 0) || r->meta.status >= 500 || s3_cut_short(rc);
	curl_multi_remove_handle(m->m, r->h);
	if (transient && r->attempt + 1 < RETRIES) {
		if (!m->retrying)       /* once while the endpoint stays bad */
			diag_report(m->diag, NULL, -1, "s3: retrying (%s)",
				    rc == CURLE_OPERATION_TIMEDOUT ? "timeout" : s3_cut_short(rc) ? "answer cut short"
				    : rc != CURLE_OK ? curl_easy_strerror(rc) : r->meta.status == 503 ? "slow down" : "server error");
		m->retrying = true;
		r->attempt++;
		r->retry_at = tb_now() + 0.2 * pow(4, r->attempt);    /* 0.8 s, 3.2 s */
		r->body.n = 0;
		memset(&r->meta, 0, sizeof(r->meta));
		return;
	}
	r->retry_at = -1;       /* already out of the multi */
	if (!transient)
		m->retrying = false;
	char err[2048] = "";
	int out = TB_OK;
	if (rc != CURLE_OK) {
		snprintf(err, sizeof(err), "s3: %s: %s", r->what, r->cerr[0] ? r->cerr : curl_easy_strerror(rc));
		out = TB_ERR;
	} else if ((r->meta.status < 200 || r->meta.status >= 300) && r->meta.status != 416) {
		s3_explain(r->what, r->meta.status, &r->body, err, sizeof(err));
		out = TB_ERR;
	} else if (r->meta.status == 200) {
		r->meta.start = 0;
		r->meta.total = r->body.n;
	}
	req_unlink(m, r);
	r->done(r->arg, out, &r->meta, (const uint8_t *)r->body.p, out == TB_OK ? r->body.n : 0, err);
	req_free(r);
}

static void collect_done(struct s3_multi *m)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(m->m, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct s3_req *r = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		if (r)
			finish(m, r, msg->data.result);
	}
}

size_t s3_multi_fds(const struct s3_multi *m, struct pollfd *fds, size_t cap)
{
	size_t n = m ? TB_MIN(m->nsocks, cap) : 0;
	for (size_t i = 0; i < n; i++)
		fds[i] = (struct pollfd){ m->socks[i].fd, m->socks[i].events, 0 };
	return n;
}

int s3_multi_timeout_ms(const struct s3_multi *m)
{
	if (!m)
		return -1;
	double at = m->timer_at;
	for (const struct s3_req *r = m->reqs; r; r = r->next)
		if (r->retry_at > 0 && (at < 0 || r->retry_at < at))
			at = r->retry_at;
	if (at < 0)
		return -1;
	double ms = ceil((at - tb_now()) * 1000.0);
	return ms <= 0 ? 0 : ms > 3600000 ? 3600000 : (int)ms;
}

void s3_multi_run(struct s3_multi *m, const struct pollfd *fds, size_t n)
{
	int running;
	if (!m)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!fds[i].revents)
			continue;
		int ev = ((fds[i].revents & POLLIN) ? CURL_CSELECT_IN : 0) |
			 ((fds[i].revents & POLLOUT) ? CURL_CSELECT_OUT : 0) |
			 ((fds[i].revents & (POLLERR | POLLHUP)) ? CURL_CSELECT_ERR : 0);
		curl_multi_socket_action(m->m, fds[i].fd, ev, &running);
	}
	double now = tb_now();
	if (m->timer_at >= 0 && m->timer_at <= now) {
		m->timer_at = -1;
		curl_multi_socket_action(m->m, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	for (struct s3_req *r = m->reqs; r; r = r->next)
		if (r->retry_at > 0 && r->retry_at <= now) {
			r->retry_at = 0;
			curl_multi_add_handle(m->m, r->h);      /* its timer starts it */
		}
	collect_done(m);
}

void s3_multi_wait(struct s3_multi *m)
{
	while (m && m->nreqs) {
		struct pollfd fds[S3_MAX_SOCKS];
		size_t n = s3_multi_fds(m, fds, S3_MAX_SOCKS);
		int t = s3_multi_timeout_ms(m);
		(void)poll(fds, n, t < 0 || t > 1000 ? 1000 : t);
		s3_multi_run(m, fds, n);
	}
}
