/* health_fmt.c: an event as one line for people, or one JSON object for
 * `watch --json`. Run and tag names are bytes from log files: the text goes
 * through the sanitiser; JSON gets the sanitiser's output escaped, exactly
 * as `export --format json` writes names, so the two can be joined. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/health.h"
#include "tailboard/sanitize.h"

#define NAME_MAX_BYTES 512

static const char *const kind_names[HEALTH_NKINDS] = {
	"nan", "spike", "plateau", "diverge", "stall", "stopped", "finished",
};

const char *health_kind_name(enum health_kind k)
{
	return (unsigned)k < HEALTH_NKINDS ? kind_names[k] : "unknown";
}

/* Appends to a fixed buffer; remembers when something did not fit. */
struct out {
	char *buf;
	size_t cap, len;
	bool over;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->len < o->cap ? o->cap - o->len : 0;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + (room ? o->len : 0), room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		o->over = true;
		o->len = o->cap ? o->cap - 1 : 0;
	} else {
		o->len += (size_t)n;
	}
}

static void fmt_duration(double s, char *buf, size_t cap)
{
	if (!(s >= 0) || s > 1e12)
		snprintf(buf, cap, "?");
	else if (s < 90)
		snprintf(buf, cap, "%.0fs", s);
	else if (s < 5400)
		snprintf(buf, cap, "%.0fm", s / 60);
	else if (s < 172800)
		snprintf(buf, cap, "%.0fh%02.0fm", floor(s / 3600), floor(fmod(s, 3600) / 60));
	else
		snprintf(buf, cap, "%.0fd%02.0fh", floor(s / 86400), floor(fmod(s, 86400) / 3600));
}

static void fmt_value(double v, char *buf, size_t cap)
{
	if (isnan(v))
		snprintf(buf, cap, "NaN");
	else if (isinf(v))
		snprintf(buf, cap, v > 0 ? "+Inf" : "-Inf");
	else
		snprintf(buf, cap, "%.4g", v);
}

static void text_body(struct out *o, const struct health_event *ev)
{
	char v[32], r[32], d[32], t[32];
	fmt_value(ev->value, v, sizeof(v));
	fmt_value(ev->ref, r, sizeof(r));
	switch (ev->kind) {
	case HEALTH_NAN:
		put(o, "%s at step %" PRId64, v, ev->step);
		if (ev->count > 1)
			put(o, " (first of %" PRIu64 ")", ev->count);
		break;
	case HEALTH_SPIKE:
		put(o, "spike to %s at step %" PRId64 " (median %s", v, ev->step, r);
		if (isfinite(ev->dev))
			put(o, ", %.0f robust deviations", ev->dev);
		put(o, ")");
		break;
	case HEALTH_PLATEAU:
		put(o, "no improvement for %" PRId64 " steps at step %" PRId64 " (smoothed best %s at step %"
		    PRId64 ")", ev->step - ev->ref_step, ev->step, r, ev->ref_step);
		break;
	case HEALTH_DIVERGE:
		fmt_value(ev->dev, d, sizeof(d));
		put(o, "diverging at step %" PRId64 ": smoothed %s, back to or past its start (%s at step %"
		    PRId64 ")", ev->step, d, r, ev->ref_step);
		break;
	case HEALTH_STALL:
		fmt_duration(ev->value, d, sizeof(d));
		put(o, "no writes for %s", d);
		if (ev->dev > 0) {
			fmt_duration(ev->dev, t, sizeof(t));
			put(o, " (usually every %s)", t);
		}
		put(o, ", last step %" PRId64, ev->step);
		break;
	case HEALTH_STOPPED:
		fmt_duration(ev->value, d, sizeof(d));
		put(o, "stopped without finishing: no writes for %s, last step %" PRId64, d, ev->step);
		break;
	case HEALTH_FINISHED:
		put(o, "finished at step %" PRId64, ev->step);
		break;
	default:
		put(o, "unknown event");
	}
}

size_t health_event_text(const struct health_event *ev, const char *run, size_t run_len,
			 const char *tag, size_t tag_len, bool ascii, char *buf, size_t cap)
{
	struct out o = { buf, cap, 0, false };
	char name[NAME_MAX_BYTES];
	if (cap)
		buf[0] = '\0';
	if (run) {
		sanitize_str(run, run_len, name, sizeof(name), ascii);
		put(&o, "%s%s", name, tag ? " " : ": ");
	}
	if (tag) {
		sanitize_str(tag, tag_len, name, sizeof(name), ascii);
		put(&o, "%s: ", name);
	}
	text_body(&o, ev);
	return o.len;
}

/* --- JSON --------------------------------------------------------------- */

/* s is already sanitised (no controls left, valid UTF-8): escape what JSON
 * needs, and any control byte in case. */
static void put_json_str(struct out *o, const char *s)
{
	put(o, "\"");
	for (; *s && !o->over; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c < 0x20)
			put(o, "\\u%04x", c);
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static void put_json_name(struct out *o, const char *s, size_t len)
{
	char name[NAME_MAX_BYTES];
	if (!s) {
		put(o, "null");
		return;
	}
	sanitize_str(s, len, name, sizeof(name), false);
	put_json_str(o, name);
}

/* Shortest form that reads back the same number; strings for NaN and Inf.
 * single: the value was read as a float32 (ev->single), and is written as
 * that float, as export writes such series. */
static void put_json_number(struct out *o, double v, bool single)
{
	if (!isfinite(v)) {
		put(o, "\"%s\"", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
		return;
	}
	char b[40];
	if (v == floor(v) && fabs(v) < 1e15) {
		put(o, "%.0f", v);      /* 100, not 1e+02 */
		return;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(b, sizeof(b), "%.*g", p, v);
		if (single ? strtof(b, NULL) == (float)v : strtod(b, NULL) == v)
			break;
	}
	put(o, "%s", b);
}

size_t health_event_json(const struct health_event *ev, const char *run, size_t run_len,
			 const char *tag, size_t tag_len, char *buf, size_t cap)
{
	char text[1024];
	health_event_text(ev, run, run_len, tag, tag_len, false, text, sizeof(text));
	return health_json_line(health_kind_name(ev->kind), ev, run, run_len, tag, tag_len, text, buf, cap);
}

size_t health_json_line(const char *kind, const struct health_event *ev, const char *run, size_t run_len,
			const char *tag, size_t tag_len, const char *text, char *buf, size_t cap)
{
	struct out o = { buf, cap, 0, false };
	char clean[1024];
	sanitize_str(text, strlen(text), clean, sizeof(clean), false);
	put(&o, "{\"kind\":");
	put_json_str(&o, kind);
	put(&o, ",\"run\":");
	put_json_name(&o, run, run_len);
	put(&o, ",\"tag\":");
	put_json_name(&o, tag, tag_len);
	put(&o, ",\"step\":%" PRId64 ",\"value\":", ev->step);
	put_json_number(&o, ev->value, ev->single);
	put(&o, ",\"wall_time\":");
	put_json_number(&o, ev->wall, false);
	put(&o, ",\"text\":");
	put_json_str(&o, clean);
	put(&o, "}");
	return o.over ? SIZE_MAX : o.len;
}
