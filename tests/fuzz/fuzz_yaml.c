/* fuzz_yaml.c: hyperparameter files (hparams.yaml, W&B's config.yaml):
 * any bytes parse (libyaml, yaml.c) to a tree, a part of one and where
 * it stopped, or nothing, and the tree flattens into a
 * run's hyperparameters, W&B's way and plainly, within every bound. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"
#include "hparams.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store st;
	struct diag d;
	struct store_sink sink;
	struct emit e;
	store_init(&st);
	diag_init(&d);
	d.to_stderr = false;
	store_sink_init(&sink, &st, &d);
	struct source_env env = { &sink.sink, &d };
	emit_init(&e, &env);
	void *run = sink.sink.ops->run(&sink.sink, "run", 3);
	struct yaml_error err;
	cJSON *root = yaml_parse((const char *)data, size, &err);
	if (err.problem[0] && (!err.line || strlen(err.problem) >= sizeof(err.problem)))
		abort();
	hparams_emit_json(&e, run, "", root, HP_WANDB);
	hparams_emit_json(&e, run, "p", root, HP_MEMBER);
	struct run *r = run;
	for (size_t i = 0; i < r->nhparams; i++)
		if (strlen(r->hparams[i].key) > HP_MAX_KEY || strlen(r->hparams[i].value) > HP_MAX_TEXT)
			abort();
	cJSON_Delete(root);
	store_free(&st);
	diag_free(&d);
	return 0;
}
