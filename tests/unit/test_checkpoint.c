/* test_checkpoint.c: checkpoints told by name (HF, Lightning, Keras, and
 * names that only look like them), the store's match of owners to runs,
 * epoch-named checkpoints placed by the run's epoch tag, the nearest one. */
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "tailboard/source.h"
#include "tailboard/store.h"

struct want {
	const char *dir, *name;
	bool is_dir, ok;
	long long step, epoch;
	const char *owner;
};

static const struct want names[] = {
	/* Hugging Face */
	{ "out", "checkpoint-500", true, true, 500, -1, "out" },
	{ "", "checkpoint-0", true, true, 0, -1, "" },
	{ "a/b", "checkpoint-12", false, false, 0, 0, NULL },          /* a file of that name */
	{ "out", "checkpoint-", true, false, 0, 0, NULL },
	{ "out", "checkpoint-12a", true, false, 0, 0, NULL },
	{ "out", "checkpoint--5", true, false, 0, 0, NULL },
	{ "out", "checkpoint-99999999999999999999", true, false, 0, 0, NULL },
	{ "out", "last-checkpoint", true, false, 0, 0, NULL },
	{ "out", "tmp-checkpoint-10", true, false, 0, 0, NULL },
	{ "out", "checkpoints", true, false, 0, 0, NULL },
	/* Lightning */
	{ "lightning_logs/version_0/checkpoints", "epoch=3-step=400.ckpt", false, true, 400, 3,
	  "lightning_logs/version_0" },
	{ "v/checkpoints", "epoch=3-step=400-v1.ckpt", false, true, 400, 3, "v" },
	{ "v/checkpoints", "model-epoch=02-val_loss=0.32.ckpt", false, true, -1, 2, "v" },
	{ "v", "step=77.ckpt", false, true, 77, -1, "v" },
	{ "v/checkpoints", "last.ckpt", false, false, 0, 0, NULL },
	{ "v/checkpoints", "epoch=x-step=.ckpt", false, false, 0, 0, NULL },
	{ "v/checkpoints", "substep=5.ckpt", false, false, 0, 0, NULL },
	{ "v/checkpoints", "epoch=3-step=400.ckpt.tmp", false, false, 0, 0, NULL },
	/* Keras: epochs from 1 in the name, from 0 in the logs */
	{ "k", "weights.05-0.32.hdf5", false, true, -1, 4, "k" },
	{ "k", "model-05.keras", false, true, -1, 4, "k" },
	{ "k/ckpt", "ckpt-05.h5", false, true, -1, 4, "k" },
	{ "k", "resnet50-03.h5", false, true, -1, 2, "k" },
	{ "k", "cp_epoch12.weights.h5", false, true, -1, 11, "k" },
	{ "k", "best_model.h5", false, false, 0, 0, NULL },
	{ "k", "model-00.keras", false, false, 0, 0, NULL },
	{ "k", "resnet50.h5", false, false, 0, 0, NULL },
	{ "k", ".weights.05.h5", false, false, 0, 0, NULL },
	{ "k", "weights.05.h5.partial", false, false, 0, 0, NULL },
	/* hostile */
	{ "k", "\x1b[2J-05.keras", false, true, -1, 4, "k" },
	{ "k", "-99999999999999999999.h5", false, false, 0, 0, NULL },
	{ "k", ".ckpt", false, false, 0, 0, NULL },
	{ "k", "events.out.tfevents.1.h", false, false, 0, 0, NULL },
};

static void test_names(void)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct want *w = &names[i];
		struct source_checkpoint c;
		bool ok = source_checkpoint(w->dir, w->name, w->is_dir, &c);
		if (!w->ok) {
			TAP_OK(!ok, "not a checkpoint: %s/%s%s", w->dir, w->name[0] == 0x1b ? "ESC" : w->name,
			       w->is_dir ? "/" : "");
			continue;
		}
		TAP_OK(ok && c.step == w->step && c.epoch == w->epoch && strcmp(c.owner_rel, w->owner) == 0,
		       "%s: step %lld epoch %lld of %s", w->name[0] == 0x1b ? "ESC..." : w->name, w->step, w->epoch,
		       w->owner);
		if (ok && (c.step != w->step || c.epoch != w->epoch || strcmp(c.owner_rel, w->owner) != 0))
			printf("#   got step %lld epoch %lld owner %s\n", (long long)c.step, (long long)c.epoch, c.owner_rel);
	}
}

static void put(struct store *st, const char *owner, const char *name, long long step, long long epoch, bool present)
{
	struct sink_checkpoint c = { name, step, epoch };
	store_checkpoint_set(st, owner, strlen(owner), &c, present);
}

static void test_store(void)
{
	struct store st;
	int64_t v[16];
	store_init(&st);
	struct run *hf = store_get_run(&st, "out/runs/Dec01_host", 19);
	struct run *own = store_get_run(&st, "out", 3);
	struct run *top = store_get_run(&st, "runs/x", 6);
	struct run *kv = store_get_run(&st, "k/validation", 12);
	struct run *lone = store_get_run(&st, "other", 5);
	put(&st, "out", "/l/out/checkpoint-500", 500, -1, true);
	put(&st, "out", "/l/out/checkpoint-100", 100, -1, true);
	put(&st, "out", "/l/out/checkpoint-100", 100, -1, true);     /* a rescan sees it again */
	size_t n = store_run_checkpoints(&st, hf, v, 16);
	TAP_OK(n == 2 && v[0] == 100 && v[1] == 500, "out/runs/<date_host> takes out's checkpoints, sorted, once");
	TAP_EQ_INT(store_run_checkpoints(&st, own, v, 16), 2, "out itself too");
	TAP_EQ_INT(store_run_checkpoints(&st, lone, v, 16), 0, "an unrelated run none");
	put(&st, ".", "/l/checkpoint-7", 7, -1, true);
	TAP_OK(store_run_checkpoints(&st, top, v, 16) == 1 && v[0] == 7, "runs/x at the top: the logdir's");
	put(&st, "out", "/l/out/checkpoint-100", -1, -1, false);
	n = store_run_checkpoints(&st, hf, v, 16);
	TAP_OK(n == 1 && v[0] == 500, "a deleted checkpoint is gone");
	/* Keras: per-epoch logs, the epoch is the step; with an epoch tag, its last step */
	put(&st, "k", "/l/k/model-03.keras", -1, 2, true);
	TAP_OK(store_run_checkpoints(&st, kv, v, 16) == 1 && v[0] == 2, "Keras validation/: epoch 3 at step 2");
	struct series *ep = run_get_series(&st, lone, "epoch", 5);
	int bad = 0;
	for (int s = 0; s < 30; s++)
		bad += series_append(ep, s * 10, 0, s / 10) != TB_OK;
	TAP_EQ_INT(bad, 0, "epoch tag written");
	put(&st, "other", "/l/other/epoch=1.ckpt", -1, 1, true);
	put(&st, "other", "/l/other/epoch=9.ckpt", -1, 9, true);
	TAP_OK(store_run_checkpoints(&st, lone, v, 16) == 1 && v[0] == 190,
	       "Lightning epoch=1: the last step of epoch 1; epoch 9 not reached: no mark");
	TAP_EQ_INT(store_run_checkpoints(&st, hf, v, 1), 1, "at most cap steps");
	store_free(&st);
}

static void test_nearest(void)
{
	int64_t s[] = { 100, 500, 1000 };
	TAP_EQ_INT(checkpoint_nearest(s, 3, 800), 1000, "800: 1000 is nearer");
	TAP_EQ_INT(checkpoint_nearest(s, 3, 750), 500, "750: a tie goes to the earlier");
	TAP_EQ_INT(checkpoint_nearest(s, 3, 0), 100, "before the first");
	TAP_EQ_INT(checkpoint_nearest(s, 3, 5000), 1000, "after the last");
	TAP_EQ_INT(checkpoint_nearest(s, 0, 5), -1, "none");
}

int main(void)
{
	test_names();
	test_store();
	test_nearest();
	return tap_done();
}
