/* chart.h: the curses-free chart core. Series + view + a cell rectangle ->
 * a canvas of cells (codepoint, colour index, attributes). The UI copies the
 * canvas to the terminal; the unit tests print it as text. */
#ifndef TAILBOARD_CHART_H
#define TAILBOARD_CHART_H

#include "tailboard/common.h"
#include "tailboard/store.h"

/* ---- canvas ------------------------------------------------------------ */

enum cell_attr { CELL_DIM = 1, CELL_BOLD = 2, CELL_REVERSE = 4, CELL_UNDERLINE = 8,
	CELL_MARK = 16 /* a run's glyph stamped on its line: later dots leave it */ };

/* A cell covered by the double-width character to its left. */
#define CELL_CONT 0x110000u

struct cell {
	uint32_t ch;            /* codepoint; 0 = blank */
	uint8_t color;          /* 0 = default, else a run colour (1-based) */
	uint8_t attr;           /* enum cell_attr bits */
	uint8_t dots;           /* braille dot bits while ch is a braille cell */
};

struct canvas {
	int w, h;
	struct cell *cells;
};

int canvas_init(struct canvas *cv, int w, int h) TB_MUST;
void canvas_free(struct canvas *cv);
/* Resize and clear; keeps the buffer when it is big enough. */
int canvas_resize(struct canvas *cv, int w, int h) TB_MUST;
void canvas_clear(struct canvas *cv);
struct cell *canvas_at(struct canvas *cv, int x, int y);
void canvas_put(struct canvas *cv, int x, int y, uint32_t ch, int color, int attr);
/* UTF-8 text, one cell per codepoint, clipped to maxw cells; returns cells used. */
int canvas_text(struct canvas *cv, int x, int y, const char *s, int maxw, int color, int attr);
/* Sanitised UTF-8 text by display width (wide characters take two cells,
 * zero-width ones none), clipped to maxw cells; returns cells used. */
int canvas_print(struct canvas *cv, int x, int y, int maxw, const char *s, int color, int attr);
/* Fill a rectangle with blanks of that attribute. */
void canvas_fill(struct canvas *cv, int x, int y, int w, int h, int attr);
/* Encode one codepoint as UTF-8 (out holds 5 bytes); returns the length. */
int utf8_encode(uint32_t cp, char *out);
/* Whole canvas as UTF-8 lines (blank cells as spaces); caller frees. */
char *canvas_to_text(const struct canvas *cv);

/* ---- smoothing ------------------------------------------------------------ */

/* TensorBoard's debiased EMA (the default), W&B's time-weighted EMA, a
 * centred running average and a Gaussian over points. The weight w
 * (0..0.999, the slider) is the EMA's weight, TWEMA's parameter, and for
 * the last two round(50 w) points: each side of the average, the
 * Gaussian's standard deviation. */
enum smooth_method { SMOOTH_EMA, SMOOTH_TWEMA, SMOOTH_AVG, SMOOTH_GAUSS, SMOOTH_COUNT };
const char *smooth_name(enum smooth_method m);
int smooth_parse(const char *s, enum smooth_method *out) TB_MUST;
int smooth_points(double w);
/* What the weight means for m: "ema", "twema", "avg 61 pts", "gauss sd 30 pts". */
void smooth_label(enum smooth_method m, double w, char *buf, size_t cap);
/* How many points before an appended one its smoothing changes. */
size_t smooth_reach(enum smooth_method m, double w);

/* ---- per-series cache: smoothing and the min/max pyramid --------------- */

/* Memory the centred methods work in, kept between calls by whoever
 * smooths many series (one per thread). */
struct smooth_scratch {
	double *buf;
	size_t cap;         /* doubles in each of the two halves */
};
void smooth_scratch_free(struct smooth_scratch *sc);

struct mm_pyramid {
	size_t nlev;
	double *lo[48], *hi[48];    /* level l: blocks of 8 << l points */
	size_t len[48], cap[48];
};

struct series_cache {
	const struct series *key;   /* the series it was made for (chart_caches' key) */
	const struct series *s;     /* the series it was last synced to */
	bool queued;                /* caches_prepare's mark: in this job already */
	uint64_t reset_gen;
	uint64_t gen;               /* of s when last synced */
	bool sorted;                /* s was sorted: use its arrays directly */
	size_t n;                   /* points processed */
	/* unsorted series: copies in step order */
	int64_t *step;
	double *wall, *value;
	size_t cap;
	/* the smoothing: TensorBoard's debiased EMA kept point by point, the
	 * others (smooth.c) from the reach before the new points */
	enum smooth_method method;
	double w, last, first;
	size_t k;
	bool constant;
	bool debiased;              /* w^k no longer changes 1 - w^k: no pow() a point */
	double *smooth;
	size_t scap;
	struct mm_pyramid raw, sm;
	/* runs of non-finite values (NaN, inf), as index ranges [lo, hi) in
	 * order, for the chart's NaN marks; at most CACHE_NF_MAX runs kept */
	size_t (*nf)[2];
	size_t nnf, nfcap;
};
#define CACHE_NF_MAX 65536

#define CACHES_THREADS 8

struct chart_caches {
	struct series_cache **slots;    /* open addressing by pointer */
	size_t cap, len;
	int nthreads;                   /* caches_prepare's, from the CPUs this process may use */
	struct smooth_scratch scratch[CACHES_THREADS];
};

void caches_init(struct chart_caches *cs);
void caches_free(struct chart_caches *cs);
/* The cache for s, created on first use and brought up to date with the
 * smoothing m, w. */
struct series_cache *caches_get(struct chart_caches *cs, const struct series *s, double w, enum smooth_method m);

/* Bring the caches of ss[0..n) up to date with m, w together, in order:
 * those with much to do (a switch of smoothing redoes every point of every
 * chart on screen) on several threads. Series are started until deadline
 * (tb_now() seconds; <= 0: none); *left counts those still behind, which
 * caches_peek shows as they were. caches_get finds the others ready. */
int caches_prepare(struct chart_caches *cs, const struct series *const *ss, size_t n, double w,
		   enum smooth_method m, double deadline, size_t *left) TB_MUST;
/* s's cache as it was last synced, without syncing: NULL when it has none
 * or it no longer fits s (points gone, reordered). */
struct series_cache *caches_peek(struct chart_caches *cs, const struct series *s);
/* Whether c (NULL: none) is in sync with s smoothed by m, w. */
bool cache_current(const struct series_cache *c, const struct series *s, double w, enum smooth_method m);

int cache_sync(struct series_cache *c, const struct series *s, double w, enum smooth_method m) TB_MUST;
/* The same, the centred methods working in sc (NULL: memory of their own). */
int cache_sync_in(struct series_cache *c, const struct series *s, double w, enum smooth_method m,
		  struct smooth_scratch *sc) TB_MUST;
/* Points [from, n) of c smoothed by m (TWEMA: all of them) into out;
 * sc as for cache_sync_in. */
void smooth_series(const struct series_cache *c, enum smooth_method m, double w, size_t n, size_t from,
		   double *out, struct smooth_scratch *sc);
void cache_free(struct series_cache *c);
/* Logical (step-ordered) views of the cached series. */
int64_t cache_step(const struct series_cache *c, size_t i);
double cache_wall(const struct series_cache *c, size_t i);
double cache_value(const struct series_cache *c, size_t i);
double cache_smooth(const struct series_cache *c, size_t i);
/* Min and max of finite values in [a, b) in O(log n); false when none. */
bool cache_minmax(const struct series_cache *c, bool smoothed, size_t a, size_t b,
		double *lo, double *hi);

/* ---- ticks and labels ---------------------------------------------------- */

enum chart_xmode { XMODE_STEP = 0, XMODE_RELATIVE, XMODE_WALL, XMODE_COUNT };

/* Round ticks (1/2/5 x 10^k) inside [lo, hi]; returns the count (<= max). */
int ticks_linear(double lo, double hi, int max, double *out, double *step);
/* Ticks for a log10 axis: lo/hi are log10 values; out holds log10 values. */
int ticks_log(double lo, double hi, int max, double *out);
/* Ticks on seconds (1 2 5 10 15 30 s, minutes, hours, days). */
int ticks_time(double lo, double hi, int max, double *out, double *step);
/* The same on the local clock: Unix times that are round local times. */
int ticks_wall(double lo, double hi, int max, double *out, double *step);
/* Ticks on steps: whole numbers inside [lo, hi] only. */
int ticks_steps(double lo, double hi, int max, double *out, double *step);
/* Compact number: 1.2k, 3.5e-4, 0.25; step (0 = unknown) picks decimals. */
void label_number(double v, double step, char *buf, size_t len);
/* A duration (relative time): 45s, 12m, 1h30m, 2d. */
void label_duration(double secs, char *buf, size_t len);
/* Wall clock in local time: HH:MM, HH:MM:SS or MM-DD by step. */
void label_clock(double t, double step, char *buf, size_t len);
/* The local date: MM-DD. */
void label_date(double t, char *buf, size_t len);
/* Four significant digits, compact: 0.2658, 1.234k, 3.5e-05 -> 3.5e-5. */
void label_value(double v, char *buf, size_t len);

/* ---- rendering ----------------------------------------------------------- */

struct chart_series {
	const struct series *s;
	struct series_cache *cache;
	const char *name;       /* sanitised run name, for the legend */
	double x_offset;        /* subtracted from x (relative time) */
	int color;              /* canvas colour index, 1-based */
	uint32_t glyph;         /* mark glyph when colours are off, else 0 */
	bool selected;
	/* a group's band (min-max, or mean +- sd), point for point with s;
	 * NULL: a plain line */
	struct series_cache *band_lo, *band_hi;
	/* steps of the run's saved checkpoints, sorted: marks on the x axis */
	const int64_t *ckpt;
	size_t nckpt;
	bool pinned;            /* drawn over the others (the selected run too), first in the legend */
};

/* Everything a chart's look depends on but its series and size. Values
 * start from chart_view_init and are copied, so their bytes (padding too)
 * are a key for caches of rendered charts: add a field and the key covers
 * it. */
struct chart_view {
	enum chart_xmode xmode;
	bool braille;
	bool logy;
	bool outliers;          /* ignore outliers: 5th-95th percentile y range */
	bool best_marks;
	bool legend;
	double smoothing;       /* 0 = off */
	enum smooth_method smooth_method;
	double zoom_lo, zoom_hi;/* window as fractions of the full x extent */
	double cursor_x;        /* the cursor's x (a point's), NaN = hidden */
	bool pending;           /* lines left out while they are computed: "computing...", not "no data" */
	int palette;            /* enum chart_pal: how the canvas's colours are shown, and pictures' */
};

void chart_view_init(struct chart_view *v);
/* Plot columns of a chart w cells wide (the rest is the y axis). */
int chart_plot_width(int w);

/* What a render found out. */
struct chart_info {
	double x_lo, x_hi;      /* the x window drawn */
	int plot_x, plot_y, plot_w, plot_h;
	bool empty;
	size_t all_nan;         /* no finite point: how many points there are (NaN, inf) */
};

/* Draw a chart in the rectangle (x, y, w, h) of cv. title is sanitised. */
int chart_render(struct canvas *cv, int x, int y, int w, int h, const char *title,
		const struct chart_series *ss, size_t n, const struct chart_view *v,
		struct chart_info *info);
/* x of point i of a series in the given mode. */
double chart_x(const struct series_cache *c, size_t i, enum chart_xmode m, double off);
/* Index of the point nearest x, SIZE_MAX when the series is empty. */
size_t chart_nearest(const struct series_cache *c, double x, enum chart_xmode m, double off);
/* Full x extent of the series set; false when there is no point. */
bool chart_extent(const struct chart_series *ss, size_t n, enum chart_xmode m,
		double *lo, double *hi);
const char *chart_xmode_name(enum chart_xmode m);

/* ---- a chart's decisions, for drawings other than the canvas ------------- */

/* Run colours in the order runs take them (colour index i is entry i-1):
 * xterm-256 numbers for terminals with 256 colours, ANSI numbers (0-7)
 * for those with 8. Snapshots draw the 256-colour entries. */
size_t chart_palette(bool rich, const short **out);

/* The palettes (--palette, Y), and the colour depths a terminal has. */
enum chart_pal { PAL_DEFAULT, PAL_OKABE_ITO, PAL_HIGH_CONTRAST, PAL_MONO, PAL_COUNT };
enum chart_depth { DEPTH_NONE, DEPTH_8, DEPTH_256, DEPTH_RGB, DEPTH_PICTURE };
/* A palette at a depth: n colours (0: none, runs wear glyphs), entry i
 * for colour index i+1; idx: ANSI numbers (DEPTH_8) or xterm-256 ones;
 * rgb: 0xRRGGBB (DEPTH_RGB: the true colours behind idx; DEPTH_PICTURE:
 * what pictures draw, mono too, then dashed); bold: draw runs bold. */
struct chart_colours {
	size_t n;
	const short *idx;
	const uint32_t *rgb;
	bool bold, dashed;
};
struct chart_colours chart_colours(int pal, enum chart_depth depth);
const char *chart_palette_name(int pal);
/* A palette by name, -1 when none is called that. */
int chart_palette_parse(const char *name);
/* The xterm-256 entry (16-255) nearest 0xRRGGBB. */
int chart_xterm_nearest(uint32_t rgb);
/* The RGB of an xterm-256 colour number, as 0xRRGGBB. */
uint32_t chart_xterm_rgb(int n);

struct chart_tick {
	double v;               /* on the axis's scale (log10 on a log y axis) */
	char label[40];
};

/* The windows and ticks chart_render picks, for a plot pw pixel columns
 * wide: x and y windows (y as plotted: log10 on a log axis), at most maxx
 * and maxy ticks with their labels, and the x axis's name. */
struct chart_scale {
	double x_lo, x_hi, y_lo, y_hi;
	struct chart_tick xt[32], yt[32];
	int nx, ny;
	char x_name[32];
};
/* TB_OK with *ok false when there is nothing to draw. */
int chart_scale(const struct chart_series *ss, size_t n, const struct chart_view *v, int pw, int maxx, int maxy,
		struct chart_scale *out, bool *ok) TB_MUST;
/* y as plotted: log10 on a log axis (-inf for v <= 0). */
double chart_ytrans(double v, bool logy);
/* The legend's order (the selected run first, then best first) into order. */
void chart_legend_order(const struct chart_series *ss, size_t n, const struct chart_series **order);
/* A legend entry: "name 0.2658@1200" (the best and its step), or the last value. */
void chart_legend_text(const struct chart_series *cs, char *buf, size_t cap);
/* The title's note: "best 0.2658 @ 1200 (run)", "" when no series has a
 * best; returns the series it names (NULL: none). */
const struct chart_series *chart_title_note(const struct chart_series *ss, size_t n, char *buf, size_t cap);

#endif
