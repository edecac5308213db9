/* test_claim_fs: claims and side files when the logdir is not on this
 * filesystem (an object store, as doc/S3.md's claim_fs and side_fs give
 * it): CSV's dir_shared and trainer_state's newest checkpoint from a
 * listing, a sibling's head not in yet, and fmt_side_read through a
 * provider (and from disk when the provider says the path is local). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../tap.h"
#include "tailboard/source.h"
#include "fmt_common.h"

struct obj {
	const char *path;
	const char *content;
	int64_t mtime_ns;
	bool not_yet;           /* its head is on its way */
};

#define MIN_NS (60LL * 1000000000LL)
static struct obj store[] = {
	{ "mem://b/k/a.log", "epoch,acc,loss\n0,1,2\n", 0, false },
	{ "mem://b/k/b.log", "epoch,acc,loss\n0,1,2\n", 0, false },
	{ "mem://b/lone/x.log", "epoch,acc,loss\n0,1,2\n", 0, false },
	{ "mem://b/wait/a.log", "epoch,acc,loss\n0,1,2\n", 0, false },
	{ "mem://b/wait/b.log", "epoch,acc,loss\n0,1,2\n", 0, true },
	{ "mem://b/out/checkpoint-500/trainer_state.json", "{}", 10 * MIN_NS, false },
	{ "mem://b/out/checkpoint-1000/trainer_state.json", "{}", 10 * MIN_NS, false },
	{ "mem://b/out/checkpoint-1000/config.json", "{}", 10 * MIN_NS, false },
	{ "mem://b/new/checkpoint-500/trainer_state.json", "{}", 20 * MIN_NS, false },
	{ "mem://b/new/checkpoint-1000/trainer_state.json", "{}", 10 * MIN_NS, false },
};

static long head(void *arg, const char *path, uint8_t *buf, size_t cap)
{
	(void)arg;
	for (size_t i = 0; i < TB_ARRAY_LEN(store); i++) {
		if (strcmp(store[i].path, path) != 0)
			continue;
		if (store[i].not_yet)
			return CLAIM_NOT_YET;
		size_t n = TB_MIN(cap, strlen(store[i].content));
		memcpy(buf, store[i].content, n);
		return (long)n;
	}
	return -1;
}

static bool dir_has(void *arg, const char *dir, bool (*match)(const char *name, void *marg), void *marg)
{
	(void)arg, (void)dir, (void)match, (void)marg;
	return false;
}

static void list(void *arg, const char *dir, bool (*each)(const struct claim_entry *e, void *earg), void *earg)
{
	size_t dn = strlen(dir);
	char said[16][64];
	size_t nsaid = 0;
	(void)arg;
	for (size_t i = 0; i < TB_ARRAY_LEN(store); i++) {
		const char *p = store[i].path;
		if (strncmp(p, dir, dn) != 0 || p[dn] != '/')
			continue;
		const char *name = p + dn + 1, *slash = strchr(name, '/');
		struct claim_entry e = { name, false, strlen(store[i].content), store[i].mtime_ns };
		char sub[64];
		if (slash) {
			snprintf(sub, sizeof(sub), "%.*s", (int)(slash - name), name);
			bool dup = false;
			for (size_t k = 0; k < nsaid; k++)
				dup = dup || strcmp(said[k], sub) == 0;
			if (dup)
				continue;
			snprintf(said[nsaid++], sizeof(said[0]), "%s", sub);
			e = (struct claim_entry){ sub, true, 0, 0 };
		}
		if (!each(&e, earg))
			return;
	}
}

static const struct claim_fs fs = { head, dir_has, list, NULL };

static bool cls(const char *dir_rel, const char *name, struct source_claim *c)
{
	char p[512];
	snprintf(p, sizeof(p), "mem://b/%s/%s", dir_rel, name);
	return source_claim_fs(dir_rel, name, p, &fs, c);
}

static void test_claims(void)
{
	struct source_claim c;
	TAP_OK(cls("k", "a.log", &c) && strcmp(c.run_rel, "k/a.log") == 0,
	       "listing: several Keras logs in one directory -> dir/file");
	TAP_OK(cls("lone", "x.log", &c) && strcmp(c.run_rel, "lone") == 0, "listing: a Keras log alone -> dir");
	TAP_OK(!cls("wait", "a.log", &c), "listing: a sibling's head not in yet: no claim yet");
	TAP_OK(cls("out/checkpoint-1000", "trainer_state.json", &c) && strcmp(c.run_rel, "out") == 0,
	       "listing: the highest checkpoint's state -> output dir");
	TAP_OK(!cls("out/checkpoint-500", "trainer_state.json", &c), "listing: an older checkpoint's state skipped");
	TAP_OK(cls("new/checkpoint-500", "trainer_state.json", &c) &&
	       !cls("new/checkpoint-1000", "trainer_state.json", &c),
	       "listing: a lower checkpoint clearly newer (LastModified) wins");
}

static long side_read(void *arg, const char *asker, const char *path, char *buf, size_t cap, int64_t *stamp)
{
	(void)arg;
	if (strncmp(path, "mem://", 6) != 0)
		return SIDE_LOCAL;
	*stamp = 0;
	if (strcmp(asker, "mem://b/x/metrics.csv") != 0 || strcmp(path, "mem://b/x/hparams.yaml") != 0)
		return -1;
	*stamp = 42;
	if (!buf)
		return 6;
	memcpy(buf, "lr: 1\n", TB_MIN(cap, 6));
	return (long)TB_MIN(cap, 6);
}

static void test_side(void)
{
	static const struct side_fs side = { side_read, NULL };
	struct source_file f = { .path = "mem://b/x/metrics.csv", .kind = SRC_CSV, .side = &side };
	char buf[64], local[64];
	int64_t stamp = -1;
	long n = fmt_side_read(&f, "mem://b/x/hparams.yaml", buf, sizeof(buf), &stamp);
	TAP_OK(n == 6 && memcmp(buf, "lr: 1\n", 6) == 0 && stamp == 42, "side: read through the provider");
	TAP_OK(fmt_side_read(&f, "mem://b/x/config.json", buf, sizeof(buf), &stamp) == -1 && stamp == 0,
	       "side: not there: -1, stamp 0");
	TAP_OK(fmt_side_stamp(&f, "mem://b/x/hparams.yaml") == 42, "side: the stamp alone");
	snprintf(local, sizeof(local), "/tmp/tb-side.%d", (int)getpid());
	FILE *fp = fopen(local, "w");
	fputs("a: 2\n", fp);
	fclose(fp);
	n = fmt_side_read(&f, local, buf, sizeof(buf), &stamp);
	TAP_OK(n == 5 && memcmp(buf, "a: 2\n", 5) == 0 && stamp != 0, "side: a local path is read from disk");
	f.side = NULL;
	TAP_OK(fmt_side_read(&f, local, buf, 2, NULL) == 2, "side: no provider: from disk, at most cap");
	unlink(local);
	TAP_OK(fmt_side_stamp(&f, local) == 0, "side: a missing local file: stamp 0");
}

int main(void)
{
	test_claims();
	test_side();
	return tap_done();
}
