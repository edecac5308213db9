/* health.c: the per-series detectors, in O(1) amortised per point.
 *
 * A series is cut into blocks: 8 points while it is young, then a quarter
 * of the points so far (a power of two, up to 1024). Per point, only a
 * sum, a min and a max run, four or two to an SSE2 instruction
 * (health_stats.c); the sum is not finite exactly when a NaN or an Inf is
 * among the points (or they overflow: the slow path then finds nothing).
 * Per block, 16 evenly spaced points go into a ring of 32, and at the end
 * of the block the ring's median and MAD become the reference: the
 * trailing window is the last two blocks, sampled, which keeps the
 * reference cheap (a sort of 16 and a merge a block) and robust (median
 * and MAD ignore a few outliers). That median, taken at each block end, is
 * also the smoothed value of the series.
 *
 * Spikes: the block's max (min where higher is better) against median +
 * max(k x 1.4826 MAD, a factor 1 + 0.2 k), and beyond every trailing
 * sample; only when it crosses is the block walked. One-sided: a loss that
 * drops fast is good news. Spikes within a window of each other are one
 * episode, one event.
 *
 * Plateau: on the smoothed value, so that one lucky batch does not become
 * a best nothing can beat. No new smoothed best (by half a robust
 * deviation) for N steps or a time span (rules), or by default for as many
 * steps as it took to reach it and 20 points at least, which scales with
 * how often, and in what unit, a tag is logged; by default only after
 * progress beyond the noise (a constant series is not stuck, it is
 * constant). Confirmed at the end of a block, so that the median's lag
 * cannot raise one.
 *
 * Divergence: even the better quarter of the trailing window is back where
 * the smoothed value started (90% of the gain given back, the gain more
 * than 4 robust deviations and 10% of |start|), or, for a series that
 * never gained that much, worse than the start by that much; at 2 block
 * ends in a row. */
#include <math.h>
#include <string.h>
#include "health_int.h"

#define PER_BLOCK 16            /* samples taken per block */
#define MIN_SAMPLES 8           /* no reference before: one block */
#define SMOOTH_SAMPLES 16       /* no smoothed value (plateau, divergence) before */
#define BLOCK_MIN 8
#define BLOCK_MAX 1024
#define PLATEAU_POINTS 20       /* default plateau: points since the best, at least */
#define SMOOTH_MARGIN 0.5       /* a new smoothed best: by this many robust deviations */
#define DIV_K 4.0               /* divergence: robust deviations above the start */
#define DIV_REL 0.1             /* ... and this share of |start| */
#define DIV_CHECKS 2            /* ... at this many block ends in a row */

/* --- points ------------------------------------------------------------- */

/* A batch and where it starts in the series. */
struct batch {
	const struct health_points *p;
	uint64_t n0;            /* the series' point count before the batch */
};

static double value_at(const struct batch *b, size_t i)
{
	return b->p->value ? b->p->value[i] : (double)b->p->value32[i];
}

static void point_at(const struct batch *b, size_t i, int64_t *step, double *wall)
{
	const struct health_points *p = b->p;
	*step = (int64_t)(b->n0 + i);
	*wall = 0;
	if (p->at)
		p->at(p->ctx, i, step, wall);
	if (p->step)
		*step = p->step[i];
	if (p->wall)
		*wall = p->wall[i];
}

/* --- events ------------------------------------------------------------- */

/* The one door out: drops what this tag already reported. */
static void emit(struct health_tag *t, const struct health_sink *sink, struct health_event *ev)
{
	int k = (int)ev->kind;
	if (t->any_reported[k] && ev->step <= t->reported[k])
		return;
	t->any_reported[k] = true;
	t->reported[k] = ev->step;
	if (sink && sink->event)
		sink->event(sink->ctx, ev);
}

static void event_at(struct health_event *ev, enum health_kind kind, const struct batch *b, size_t i)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->value = value_at(b, i);
	ev->single = b->p->single;
	point_at(b, i, &ev->step, &ev->wall);
}

/* --- the reference ------------------------------------------------------ */

static void plateau_end(struct health_tag *t, const struct health_sink *sink);

/* Only NaN is watched (exempt tags, no direction): no samples, no sort. */
static bool needs_ref(const struct health_tag *t)
{
	return t->cfg.spike || t->cfg.plateau || t->cfg.diverge;
}

static double bad(const struct health_tag *t, double x)
{
	return t->cfg.dir == HEALTH_DIR_MAX ? -x : x;
}

/* The smoothed value m moved: a new best, or a step towards divergence.
 * x: the ring, sorted. */
static void smooth_update(struct health_tag *t, const double *x, const struct batch *b, size_t last,
			  const struct health_sink *sink)
{
	double m = bad(t, t->median), wall;
	int64_t step;
	/* a new best beats the old by half a robust deviation, or 1% of the
	 * gain so far when that is less (while a curve falls fast, its MAD is
	 * the slope, not noise): on a flat stretch the median wanders by
	 * less, and that is not progress */
	double margin = TB_MIN(SMOOTH_MARGIN * t->scale, 0.01 * (t->smooth_first - t->smooth_best));
	if (!t->have_smooth || m < t->smooth_best - margin) {
		point_at(b, last, &step, &wall);        /* only here: the columns are read for it */
		if (!t->have_smooth) {
			t->smooth_first = m;
			t->smooth_first_step = step;
		}
		t->have_smooth = true;
		t->smooth_best = m;
		t->smooth_best_step = step;
		t->smooth_best_wall = wall;
		t->smooth_best_n = b->n0 + last;
		t->plateau_on = t->plateau_pending = false;
	}
	if (t->plateau_pending)
		plateau_end(t, sink);
	if (!t->cfg.diverge)
		return;
	/* the better quarter of the window: when even it is past the line,
	 * the window is, not just a majority of a bimodal tag */
	uint32_t q = (t->nring - 1) / 4;
	double good = bad(t, t->cfg.dir == HEALTH_DIR_MAX ? x[t->nring - 1 - q] : x[q]);
	/* back where it started, having gained more than noise (90% of the
	 * gain given back), or worse than the start by that much */
	double noise = TB_MAX(DIV_K * t->scale, DIV_REL * fabs(t->smooth_first));
	double gain = t->smooth_first - t->smooth_best;
	double line = gain > noise ? t->smooth_first - 0.1 * gain : t->smooth_first + noise;
	if (good <= line) {
		t->rising = 0;
		t->diverge_on = false;  /* back under: a later climb is a new event */
		return;
	}
	if (++t->rising < DIV_CHECKS || t->diverge_on)
		return;
	t->diverge_on = true;
	struct health_event ev;
	event_at(&ev, HEALTH_DIVERGE, b, last);
	ev.ref = bad(t, t->smooth_first);
	ev.ref_step = t->smooth_first_step;
	ev.dev = t->median;
	emit(t, sink, &ev);
}

void health_tag_thresholds(struct health_tag *t)
{
	t->spike_hi = INFINITY;
	t->spike_lo = -INFINITY;
	if (!t->cfg.spike || !t->have_ref)
		return;
	/* k robust deviations, and a factor of 1 + rel k off the median (x3 up
	 * or /3 down at k = 10): a smooth curve, a running mean or a constant
	 * has almost no MAD, yet its next point is not a spike for 1% more */
	double k = t->cfg.spike_k, f = 1 + t->cfg.spike_rel * k, m = fabs(t->median);
	double dev = k * t->scale;
	if (t->cfg.dir != HEALTH_DIR_MAX || t->cfg.two_sided)
		t->spike_hi = t->median + TB_MAX(dev, TB_MAX((f - 1) * m, 1e-300));
	if (t->cfg.dir == HEALTH_DIR_MAX || t->cfg.two_sided)
		t->spike_lo = t->median - TB_MAX(dev, TB_MAX((1 - 1 / f) * m, 1e-300));
}

void health_tag_redirect(struct health_tag *t)
{
	t->plateau_on = t->plateau_pending = t->have_smooth = t->diverge_on = false;
	t->rising = 0;
}

/* The ring, sorted, into x (padded with +inf past nring). Once blocks take
 * 16 samples each, the ring is this block's 16 and the last block's, which
 * were sorted then: sort the new half and merge. */
static void sort_ring(struct health_tag *t, double *x)
{
	bool halves = t->block_samples == PER_BLOCK && t->prev_sorted && t->nring == HEALTH_RING;
	double young[PER_BLOCK], old[PER_BLOCK];
	for (uint32_t k = 0; k < PER_BLOCK && t->block_samples == PER_BLOCK; k++)
		young[k] = t->ring[(t->ring_pos + HEALTH_RING - PER_BLOCK + k) % HEALTH_RING];
	if (halves) {
		for (uint32_t k = 0; k < PER_BLOCK; k++)
			old[k] = t->prev[k];
		health_sort_halves(old, young, x);
	} else {
		for (uint32_t i = 0; i < HEALTH_RING; i++)
			x[i] = i < t->nring ? t->ring[i] : INFINITY; /* sorts last: the median looks at nring */
		health_sort32(x);
	}
	t->prev_sorted = t->block_samples == PER_BLOCK;
	if (!t->prev_sorted)
		return;
	if (!halves)
		health_sort16(young);
	for (uint32_t k = 0; k < PER_BLOCK; k++)
		t->prev[k] = (float)young[k];
}

/* End of a block: new reference, next block's length and stride. */
static void block_end(struct health_tag *t, const struct batch *b, size_t last,
		      const struct health_sink *sink)
{
	if (t->nring >= MIN_SAMPLES && needs_ref(t)) {
		double x[HEALTH_RING];
		sort_ring(t, x);
		double mad;
		health_median_mad(x, t->nring, &t->median, &mad);
		t->ring_min = x[0];
		t->ring_max = x[t->nring - 1];
		t->scale = HEALTH_MAD_SIGMA * mad;
		t->have_ref = true;
		health_tag_thresholds(t);
		if (t->cfg.dir != HEALTH_DIR_NONE && t->nring >= SMOOTH_SAMPLES)
			smooth_update(t, x, b, last, sink);
	} else {
		t->prev_sorted = false; /* no longer the ring's other half */
	}
	uint64_t q = t->n / 4;
	uint32_t len = BLOCK_MIN;
	while (len < BLOCK_MAX && (uint64_t)len * 2 <= q)
		len *= 2;
	t->block_len = len;
	t->block_fill = t->block_samples = 0;
	t->stride = len >= PER_BLOCK ? len / PER_BLOCK : 1;
}

/* --- the slow paths ----------------------------------------------------- */

/* A segment held a NaN or an Inf (or overflowed): count them, note the
 * first, and redo the min and max over the finite points. */
static void segment_nonfinite(struct health_tag *t, const struct batch *b, size_t i, size_t j,
			      struct health_reduce *r)
{
	r->lo = INFINITY;
	r->hi = -INFINITY;
	for (size_t k = i; k < j; k++) {
		double x = value_at(b, k);
		if (isfinite(x)) {
			r->lo = TB_MIN(r->lo, x);
			r->hi = TB_MAX(r->hi, x);
			continue;
		}
		if (t->nonfinite++ == 0) {
			point_at(b, k, &t->first_bad_step, &t->first_bad_wall);
			t->first_bad_value = x;
		}
		t->bad_pending = true;
	}
}

/* Some point crossed a spike threshold: walk the segment. A spike that
 * comes within a trailing window (two blocks) of the last point out of
 * the band is the same episode: a tag that spikes every 10 points raises
 * one alert, not hundreds, and a level shift raises one. And a spike must
 * go beyond every trailing sample too: where "spikes" are a tenth of the
 * points (RL losses), they are how the tag looks, not news. */
static void segment_spikes(struct health_tag *t, const struct batch *b, size_t i, size_t j,
			   const struct health_sink *sink)
{
	for (size_t k = i; k < j; k++) {
		double x = value_at(b, k);
		if (!isfinite(x) || (x <= t->spike_hi && x >= t->spike_lo))
			continue;
		uint64_t idx = b->n0 + k, last = t->last_out;
		t->last_out = idx + 1;
		if ((last && idx + 1 - last <= 2 * (uint64_t)t->block_len) ||
		    (x <= t->ring_max && x >= t->ring_min))
			continue;
		struct health_event ev;
		event_at(&ev, HEALTH_SPIKE, b, k);
		ev.ref = t->median;
		ev.dev = t->scale > 0 ? fabs(x - t->median) / t->scale : INFINITY;
		emit(t, sink, &ev);
	}
}

/* Is a point at (step, wall), the idx-th of the series, on a plateau? */
static bool plateau_at(const struct health_tag *t, uint64_t idx, int64_t step, double wall)
{
	if (t->cfg.plateau_secs > 0)
		return t->smooth_best_wall > 0 && wall - t->smooth_best_wall >= t->cfg.plateau_secs;
	if (t->cfg.plateau_steps > 0)
		return step - t->smooth_best_step >= t->cfg.plateau_steps;
	/* by default, progress that stopped: real progress (two robust
	 * deviations: the medians of a flat noisy tag wander a third of one;
	 * a constant made none), that took steps */
	double gain = t->smooth_first - t->smooth_best, took = (double)(t->smooth_best_step - t->first_step);
	return gain > TB_MAX(2 * t->scale, 0.01 * fabs(t->smooth_first)) && took > 0 &&
	       idx - t->smooth_best_n >= PLATEAU_POINTS && (double)(step - t->smooth_best_step) >= took;
}

/* What plateau_at can tell from the point's index alone: false when the
 * default rule cannot hold yet, so no step or wall time is read. */
static bool plateau_possible(const struct health_tag *t, uint64_t idx)
{
	if (t->cfg.plateau_secs > 0 || t->cfg.plateau_steps > 0)
		return true;
	double gain = t->smooth_first - t->smooth_best;
	return gain > TB_MAX(2 * t->scale, 0.01 * fabs(t->smooth_first)) &&
	       t->smooth_best_step > t->first_step && idx - t->smooth_best_n >= PLATEAU_POINTS;
}

/* After a segment: if its last point is on a plateau, the first one that
 * is becomes the plateau's point, found by bisection (steps and wall
 * times grow, so once on a plateau a series stays on it), then the first
 * finite value from there. It is confirmed at the end of the block
 * (plateau_end): the smoothed value lags, and may be about to improve. */
static void segment_plateau(struct health_tag *t, const struct batch *b, size_t i, size_t j)
{
	int64_t step;
	double wall;
	if (!plateau_possible(t, b->n0 + j - 1))
		return;
	point_at(b, j - 1, &step, &wall);
	if (!plateau_at(t, b->n0 + j - 1, step, wall))
		return;
	size_t lo = i, hi = j - 1;      /* hi is on the plateau */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		point_at(b, mid, &step, &wall);
		if (plateau_at(t, b->n0 + mid, step, wall))
			hi = mid;
		else
			lo = mid + 1;
	}
	for (size_t k = hi; k < j; k++) {
		event_at(&t->pending, HEALTH_PLATEAU, b, k);
		if (isfinite(t->pending.value))
			break;
	}
	t->plateau_pending = true;
}

/* A block ended with a plateau pending and no new smoothed best: unless
 * this block's own samples beat the best by a robust deviation (the
 * window's median has not caught up with a step up yet), raise it. */
static void plateau_end(struct health_tag *t, const struct health_sink *sink)
{
	float x[PER_BLOCK];
	uint32_t n = TB_MIN(t->block_samples, PER_BLOCK);
	for (uint32_t k = 0; k < n; k++) {       /* this block's samples, sorted */
		float v = t->ring[(t->ring_pos + HEALTH_RING - 1 - k) % HEALTH_RING];
		uint32_t m = k;
		for (; m > 0 && x[m - 1] > v; m--)
			x[m] = x[m - 1];
		x[m] = v;
	}
	t->plateau_pending = false;
	double recent = !n ? NAN : n % 2 ? x[n / 2] : 0.5 * ((double)x[n / 2 - 1] + x[n / 2]);
	if (bad(t, recent) < t->smooth_best - t->scale)
		return;         /* false for NaN: no samples, no objection */
	t->plateau_on = true;
	t->pending.ref = bad(t, t->smooth_best);
	t->pending.ref_step = t->smooth_best_step;
	emit(t, sink, &t->pending);
}

/* --- feeding ------------------------------------------------------------ */

/* Points [i, j) of the batch, all within the current block. */
static void segment(struct health_tag *t, const struct batch *b, size_t i, size_t j,
		    const struct health_sink *sink)
{
	struct health_reduce r;
	const struct health_points *p = b->p;
	if (p->value)
		health_reduce_f64(p->value + i, j - i, &r);
	else
		health_reduce_f32(p->value32 + i, j - i, &r);
	if (!isfinite(r.sum))
		segment_nonfinite(t, b, i, j, &r);
	/* samples: the last point of every stride, counted within the block
	 * (none where only NaN is watched: no reference needed) */
	uint32_t first = t->stride - 1 - t->block_fill % t->stride;
	for (size_t k = i + first; k < j && needs_ref(t); k += t->stride) {
		double x = value_at(b, k);
		if (isfinite(x)) {
			t->ring[t->ring_pos] = (float)x;
			t->ring_pos = (t->ring_pos + 1) % HEALTH_RING;
			t->nring += t->nring < HEALTH_RING;
			t->block_samples++;
		}
	}
	if (r.hi > t->spike_hi || r.lo < t->spike_lo)
		segment_spikes(t, b, i, j, sink);
	if (t->cfg.plateau && t->have_smooth && !t->plateau_on && !t->plateau_pending)
		segment_plateau(t, b, i, j);
	t->n += j - i;
	t->block_fill += (uint32_t)(j - i);
	if (t->block_fill == t->block_len)
		block_end(t, b, j - 1, sink);
}

int health_feed(struct health_tag *t, const struct health_points *p, const struct health_sink *sink)
{
	if (!p->n)
		return TB_OK;
	struct batch b = { p, t->n };
	if (t->n == 0) {
		double w;
		point_at(&b, 0, &t->first_step, &w);
	}
	size_t i = 0;
	while (i < p->n) {
		size_t j = i + TB_MIN(p->n - i, (size_t)(t->block_len - t->block_fill));
		segment(t, &b, i, j, sink);
		i = j;
	}
	if (t->bad_pending && t->cfg.nan) {
		struct health_event ev = { .kind = HEALTH_NAN, .step = t->first_bad_step,
			.value = t->first_bad_value, .wall = t->first_bad_wall, .count = t->nonfinite,
			.single = p->single };
		emit(t, sink, &ev);
	}
	t->bad_pending = false;
	return TB_OK;
}

void health_tag_reset(struct health_tag *t)
{
	/* keep the configuration and the reported marks, clear the rest */
	struct health_tag keep = *t;
	memset(t, 0, sizeof(*t));
	t->cfg = keep.cfg;
	memcpy(t->reported, keep.reported, sizeof(t->reported));
	memcpy(t->any_reported, keep.any_reported, sizeof(t->any_reported));
	t->block_len = BLOCK_MIN;
	t->stride = 1;
	t->spike_lo = -INFINITY;
	t->spike_hi = INFINITY;
}
