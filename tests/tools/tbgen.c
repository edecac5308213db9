/* tbgen: generate a logdir of TensorBoard event files fast, for the scale
 * tests and benchmarks (tbwrite's one write per record is too slow for
 * 10,000 runs or a gigabyte). Records are framed into a big buffer and
 * written in large chunks.
 *
 * Usage: tbgen [-r RUNS] [-t TAGS] [-s STEPS] [-b BYTES] [-k simple|tensor]
 *              [-u] [-n NAME] DIR
 *   RUNS runs DIR/NAME00000 ... (NAME "run" by default; one run at DIR
 *   itself with -n .), each one event file with a brain.Event:2 header and
 *   STEPS steps of TAGS scalars, one event per scalar like PyTorch's
 *   SummaryWriter. With -b, every run gets steps until its file reaches
 *   BYTES / RUNS (a K, M or G suffix multiplies). Values are deterministic:
 *   losses fall and accuracies rise, with an offset that grows with the
 *   run number and a wiggle. Wall times are 0.25 s apart; with -u they
 *   carry microseconds, as time.time() in a real writer does. Prints
 *   "runs tags points bytes" on stdout. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tailboard/tfwriter.h"
#include "tfrecord.h"

#define CHUNK ((size_t)4 << 20)

struct gen {
	long runs, tags, steps;
	bool micro;             /* -u: microsecond wall times */
	unsigned long long bytes;
	enum tfw_scalar kind;
	const char *name;
	const char *dir;
	uint8_t *buf;
	size_t used;
	int fd;
	unsigned long long points, written;
};

static const char *const base_tags[] = {
	"train/loss", "train/accuracy", "eval/loss", "eval/accuracy",
	"train/learning_rate", "train/grad_norm", "eval/perplexity", "train/epoch",
};

static void tag_name(long t, char *out, size_t cap)
{
	if (t < (long)TB_ARRAY_LEN(base_tags))
		snprintf(out, cap, "%s", base_tags[t]);
	else
		snprintf(out, cap, "extra/metric_%ld", t);
}

static double value_of(long run, long tag, long step, long steps)
{
	double x = steps > 1 ? (double)step / (double)(steps - 1) : 0;
	double wiggle = 0.02 * sin((double)step * 0.37 + (double)run);
	double decay = exp(-3 * x);
	switch (tag % 8) {
	case 1: case 3: return 1 - 0.5 * decay - 0.001 * (double)(run % 1000) + wiggle;
	case 4: return 1e-3 * (1 - x);
	case 7: return x * 10;
	default: return decay + 0.001 * (double)(run % 1000) + 0.1 + wiggle;
	}
}

static int flush(struct gen *g)
{
	size_t off = 0;
	while (off < g->used) {
		ssize_t n = write(g->fd, g->buf + off, g->used - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	g->written += g->used;
	g->used = 0;
	return 0;
}

static int put_event(struct gen *g, const uint8_t *ev, size_t n)
{
	if (g->used + n + TFRECORD_OVERHEAD > CHUNK && flush(g))
		return -1;
	tfrecord_frame(ev, n, g->buf + g->used);
	g->used += n + TFRECORD_OVERHEAD;
	return 0;
}

static int gen_run(struct gen *g, long r)
{
	char dir[4096], path[4200];
	if (strcmp(g->name, ".") == 0)
		snprintf(dir, sizeof dir, "%s", g->dir);
	else
		snprintf(dir, sizeof dir, "%s/%s%05ld", g->dir, g->name, r);
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	snprintf(path, sizeof path, "%s/events.out.tfevents.1700000000.tbgen.%ld.0", dir, r);
	g->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (g->fd < 0)
		return -1;
	uint8_t ev[512];
	double wall0 = 1700000000.0 + (double)r;
	unsigned long long start = g->written + g->used;
	unsigned long long quota = g->bytes ? g->bytes / (unsigned long long)g->runs : 0;
	size_t n = tfwriter_encode_version(ev, sizeof ev, wall0);
	int rc = put_event(g, ev, n);
	char tags[64][64];
	long ntags = g->tags < 64 ? g->tags : 64;
	for (long t = 0; t < ntags; t++)
		tag_name(t, tags[t], sizeof tags[t]);
	for (long s = 0; !rc; s++) {
		if (quota ? g->written + g->used - start >= quota : s >= g->steps)
			break;
		for (long t = 0; t < ntags && !rc; t++) {
			double wall = wall0 + (double)s * 0.25;
			if (g->micro)
				wall += (double)((s * 7919 + t * 104729) % 250000) * 1e-6;
			n = tfwriter_encode_scalar(ev, sizeof ev, tags[t], s, wall,
					value_of(r, t, s, quota ? 100000 : g->steps), g->kind);
			rc = n ? put_event(g, ev, n) : -1;
			g->points++;
		}
	}
	if (!rc)
		rc = flush(g);
	if (close(g->fd))
		rc = -1;
	return rc;
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	switch (*end) {
	case 'G': case 'g': v <<= 10; /* fall through */
	case 'M': case 'm': v <<= 10; /* fall through */
	case 'K': case 'k': v <<= 10; break;
	default: break;
	}
	return v;
}

int main(int argc, char **argv)
{
	struct gen g = { .runs = 1, .tags = 4, .steps = 100, .kind = TFW_SIMPLE, .name = "run" };
	int opt;
	while ((opt = getopt(argc, argv, "r:t:s:b:k:n:u")) != -1) {
		switch (opt) {
		case 'r': g.runs = atol(optarg); break;
		case 't': g.tags = atol(optarg); break;
		case 's': g.steps = atol(optarg); break;
		case 'b': g.bytes = parse_size(optarg); break;
		case 'k': g.kind = strcmp(optarg, "tensor") == 0 ? TFW_TENSOR_FLOAT : TFW_SIMPLE; break;
		case 'n': g.name = optarg; break;
		case 'u': g.micro = true; break;
		default:
			fputs("usage: tbgen [-r RUNS] [-t TAGS] [-s STEPS] [-b BYTES] [-k simple|tensor] [-n NAME] DIR\n", stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || g.runs < 1 || g.tags < 1 || g.steps < 0) {
		fputs("tbgen: need one DIR and positive counts\n", stderr);
		return 2;
	}
	g.dir = argv[optind];
	if (mkdir(g.dir, 0755) && errno != EEXIST) {
		perror(g.dir);
		return 1;
	}
	g.buf = malloc(CHUNK);
	if (!g.buf)
		return 1;
	for (long r = 0; r < g.runs; r++)
		if (gen_run(&g, r)) {
			fprintf(stderr, "tbgen: run %ld: %s\n", r, strerror(errno));
			free(g.buf);
			return 1;
		}
	free(g.buf);
	printf("%ld %ld %llu %llu\n", g.runs, g.tags < 64 ? g.tags : 64, g.points, g.written);
	return 0;
}
