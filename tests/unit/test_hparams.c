/* test_hparams.c: hyperparameters as every reader emits them: numbers in
 * their shortest text, lists as compact JSON, nested keys flattened with
 * '.', W&B's {desc, value} unwrapped, YAML read as PyYAML writes it, the
 * Hugging Face Trainer's text summaries and config.json, every bound, and
 * PyTorch's add_hparams child directory folded into its parent's run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../tap.h"
#include "tailboard/source.h"
#include "tailboard/store.h"
#include "tailboard/tfwriter.h"
#include "hparams.h"
#include "kvfile.h"
#include "pyjson.h"
#include "tfevents.h"
#include "yaml.h"

struct env {
	struct store st;
	struct diag d;
	struct store_sink sink;
	struct source_env senv;
	struct emit e;
	struct run *run;
};

static void env_init(struct env *t)
{
	store_init(&t->st);
	diag_init(&t->d);
	t->d.to_stderr = false;
	store_sink_init(&t->sink, &t->st, &t->d);
	t->senv = (struct source_env){ &t->sink.sink, &t->d };
	emit_init(&t->e, &t->senv);
	t->run = t->sink.sink.ops->run(&t->sink.sink, "r", 1);
}

static void env_free(struct env *t)
{
	store_free(&t->st);
	diag_free(&t->d);
}

/* The run's value of key, or NULL. */
static const char *hp(const struct env *t, const char *key)
{
	for (size_t i = 0; i < t->run->nhparams; i++)
		if (strcmp(t->run->hparams[i].key, key) == 0)
			return t->run->hparams[i].value;
	return NULL;
}

static void emit_json(struct env *t, const char *prefix, const char *json, unsigned flags)
{
	size_t err;
	cJSON *j = pyjson_parse(json, strlen(json), &err);
	hparams_emit_json(&t->e, t->run, prefix, j, flags);
	cJSON_Delete(j);
}

/* ---- values ---------------------------------------------------------- */

static const char *num(double v)
{
	static char buf[64];
	hparams_number(v, buf, sizeof(buf));
	return buf;
}

static const char *jtext(const char *json)
{
	static char buf[HP_MAX_TEXT + 1];
	size_t err;
	cJSON *j = pyjson_parse(json, strlen(json), &err);
	hparams_json_text(j, buf, sizeof(buf));
	cJSON_Delete(j);
	return buf;
}

static void test_values(void)
{
	TAP_EQ_STR(num(5e-05), "5e-05", "number: 5e-05 in its shortest text");
	TAP_EQ_STR(num(0.1), "0.1", "number: 0.1, not 0.10000000000000001");
	TAP_EQ_STR(num(0.1 + 0.2), "0.30000000000000004", "number: a computed value keeps every digit it needs");
	TAP_EQ_STR(num(16), "16", "number: integers without a point");
	TAP_EQ_STR(num(9223372036854775807.0), "9.223372036854776e+18", "number: int64 max as the double it is");
	TAP_EQ_STR(num(NAN), "nan", "number: nan");
	TAP_EQ_STR(num(-INFINITY), "-inf", "number: -inf");
	TAP_EQ_STR(jtext("[\"tensorboard\", 1, 1.5, true, null, NaN, -Infinity]"),
		   "[\"tensorboard\",1,1.5,true,null,NaN,-Infinity]", "list: compact JSON, Python's literals kept");
	TAP_EQ_STR(jtext("{\"a\": {\"b\": \"x\\\"y\\n\"}}"), "{\"a\":{\"b\":\"x\\\"y\\n\"}}", "object: compact JSON, escapes kept");
	TAP_EQ_STR(jtext("\"a \\\"quoted\\\" word\""), "a \"quoted\" word", "string: as it is");
	TAP_EQ_STR(jtext("false"), "false", "bool: false");
	TAP_EQ_STR(jtext("null"), "null", "null: null");
	/* long text: cut at HP_MAX_TEXT bytes on a character boundary */
	char big[1200] = "\"";
	for (int i = 0; i < 300; i++)
		strcat(big, "\xc3\xa9");        /* é: two bytes */
	strcat(big, "\"");
	const char *cut = jtext(big);
	TAP_OK(strlen(cut) <= HP_MAX_TEXT && strlen(cut) >= HP_MAX_TEXT - 4 && strcmp(cut + strlen(cut) - 3, "...") == 0 &&
	       (strlen(cut) - 3) % 2 == 0, "string: cut to %zu bytes, ends in ..., no half character", strlen(cut));
	char list[3000] = "[";
	for (int i = 0; i < 500; i++)
		strcat(list, i ? ",1.5" : "1.5");
	strcat(list, "]");
	cut = jtext(list);
	TAP_OK(strlen(cut) == HP_MAX_TEXT && strncmp(cut, "[1.5,1.5,", 9) == 0 && strcmp(cut + HP_MAX_TEXT - 3, "...") == 0,
	       "list: cut too, ending in ...");
}

static const char *plain(const char *s)
{
	static char buf[HP_MAX_TEXT + 1];
	hparams_plain_scalar(s, strlen(s), buf, sizeof(buf));
	return buf;
}

static void test_plain(void)
{
	TAP_EQ_STR(plain("1.0e-06"), "1e-06", "plain: PyYAML's 1.0e-06 reads as 1e-06");
	TAP_EQ_STR(plain("100.0"), "100", "plain: 100.0 is 100");
	TAP_EQ_STR(plain("-3"), "-3", "plain: negative integer");
	TAP_EQ_STR(plain("True"), "true", "plain: Python's True is true");
	TAP_EQ_STR(plain("FALSE"), "false", "plain: FALSE is false");
	TAP_EQ_STR(plain("~"), "null", "plain: ~ is null");
	TAP_EQ_STR(plain(".inf"), "inf", "plain: .inf");
	TAP_EQ_STR(plain("-.inf"), "-inf", "plain: -.inf");
	TAP_EQ_STR(plain("0755"), "0755", "plain: a leading zero keeps the text");
	TAP_EQ_STR(plain("3.8.5"), "3.8.5", "plain: a version stays text");
	TAP_EQ_STR(plain("0x10"), "0x10", "plain: hex stays text");
	TAP_EQ_STR(plain("1e"), "1e", "plain: half an exponent stays text");
	TAP_EQ_STR(plain("none"), "none", "plain: none is text (YAML's nulls are null, Null, NULL, ~)");
}

/* ---- flattening ------------------------------------------------------- */

static void test_flatten(void)
{
	struct env t;
	env_init(&t);
	emit_json(&t, "", "{\"optimizer\": {\"lr\": 0.001, \"betas\": [0.9, 0.999]}, \"n\": 3, \"flag\": false,"
		  "\"name\": \"bert\", \"empty\": {}, \"none\": null, \"\": 5,"
		  "\"deep\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": 1}}}}}}}}}", 0);
	TAP_EQ_STR(hp(&t, "optimizer.lr"), "0.001", "flatten: nested keys joined with '.'");
	TAP_EQ_STR(hp(&t, "optimizer.betas"), "[0.9,0.999]", "flatten: a list is one value");
	TAP_EQ_STR(hp(&t, "n"), "3", "flatten: number");
	TAP_EQ_STR(hp(&t, "flag"), "false", "flatten: bool");
	TAP_EQ_STR(hp(&t, "name"), "bert", "flatten: string");
	TAP_EQ_STR(hp(&t, "empty"), "{}", "flatten: an empty object is kept as {}");
	TAP_EQ_STR(hp(&t, "none"), "null", "flatten: null");
	TAP_OK(!hp(&t, ""), "flatten: an empty key is left out");
	TAP_EQ_STR(hp(&t, "deep.a.b.c.d.e.f.g"), "{\"h\":1}", "flatten: deeper than %d levels stays JSON", HP_MAX_DEPTH);
	TAP_EQ_INT(t.run->nhparams, 8, "flatten: 8 values");
	env_free(&t);

	/* a 1000-class id2label stays one value; the document's own top level
	 * is never folded (the Trainer's arguments have 150 fields) */
	env_init(&t);
	char *doc = malloc(100000);
	strcpy(doc, "{\"id2label\": {");
	for (int i = 0; i < 1000; i++)
		sprintf(doc + strlen(doc), "%s\"%d\": \"class %d\"", i ? "," : "", i, i);
	strcat(doc, "}");
	for (int i = 0; i < 200; i++)
		sprintf(doc + strlen(doc), ", \"k%d\": %d", i, i);
	strcat(doc, "}");
	emit_json(&t, "model", doc, 0);
	const char *v = hp(&t, "model.id2label");
	TAP_OK(v && strncmp(v, "{\"0\":\"class 0\",", 15) == 0 && strcmp(v + strlen(v) - 3, "...") == 0,
	       "flatten: an object of over %d members is one value, cut", HP_MAX_MEMBERS);
	TAP_OK(t.run->nhparams == 201 && hp(&t, "model.k199"), "flatten: 200 top-level fields under model. all kept");
	env_free(&t);

	/* at most HP_MAX_FACTS from one document; over-long keys left out */
	env_init(&t);
	strcpy(doc, "{");
	for (int i = 0; i < 2000; i++)
		sprintf(doc + strlen(doc), "%s\"k%d\": %d", i ? "," : "", i, i);
	strcat(doc, "}");
	emit_json(&t, "", doc, 0);
	TAP_EQ_INT(t.run->nhparams, HP_MAX_FACTS, "flatten: %d values at most from one document", HP_MAX_FACTS);
	env_free(&t);
	env_init(&t);
	strcpy(doc, "{\"");
	for (int i = 0; i < 300; i++)
		strcat(doc, "x");
	strcat(doc, "\": 1, \"a\": {\"");
	for (int i = 0; i < 255; i++)
		strcat(doc, "y");
	strcat(doc, "\": 2}}");
	emit_json(&t, "", doc, 0);
	TAP_EQ_INT(t.run->nhparams, 0, "flatten: a key over %d bytes, flattened or not, is left out", HP_MAX_KEY);
	env_free(&t);
	/* a key of exactly the most there is room for: kept; a member under it
	 * (found by the fuzzer: the room left was computed below zero) not */
	env_init(&t);
	strcpy(doc, "{\"");
	for (int i = 0; i < HP_MAX_KEY; i++)
		strcat(doc, "z");
	strcat(doc, "\": 1, \"");
	for (int i = 0; i < HP_MAX_KEY; i++)
		strcat(doc, "w");
	strcat(doc, "\": {\"a\": 1}}");
	emit_json(&t, "", doc, 0);
	TAP_OK(t.run->nhparams == 1 && strlen(t.run->hparams[0].key) == HP_MAX_KEY,
	       "flatten: a key of %d bytes kept, nothing flattened below one", HP_MAX_KEY);
	env_free(&t);
	free(doc);
}

static void test_wandb_unwrap(void)
{
	struct env t;
	env_init(&t);
	/* .wandb config items: one member each */
	emit_json(&t, "optimizer", "{\"value\": {\"lr\": 0.001, \"name\": \"adam\"}, \"desc\": null}", HP_WANDB | HP_MEMBER);
	emit_json(&t, "epochs", "{\"value\": 10}", HP_WANDB | HP_MEMBER);
	emit_json(&t, "model", "{\"value\": 1, \"other\": 2}", HP_WANDB | HP_MEMBER);
	emit_json(&t, "sched", "{\"warmup\": {\"value\": 5}}", HP_WANDB | HP_MEMBER);
	emit_json(&t, "batch", "32", HP_WANDB | HP_MEMBER);
	TAP_EQ_STR(hp(&t, "optimizer.lr"), "0.001", "wandb: {value: {...}, desc} unwrapped, then flattened");
	TAP_EQ_STR(hp(&t, "optimizer.name"), "adam", "wandb: its other member too");
	TAP_EQ_STR(hp(&t, "epochs"), "10", "wandb: {value: X} is X");
	TAP_OK(hp(&t, "model.value") && hp(&t, "model.other"), "wandb: an object with more than value and desc is the user's");
	TAP_EQ_STR(hp(&t, "sched.warmup.value"), "5", "wandb: only the first level is W&B's wrapper");
	TAP_EQ_STR(hp(&t, "batch"), "32", "wandb: a bare value");
	env_free(&t);
	env_init(&t);
	emit_json(&t, "", "{\"wandb_version\": 1, \"_wandb\": {\"desc\": null, \"value\": {\"cli_version\": \"0.12\"}},"
		  "\"lr\": {\"desc\": null, \"value\": 0.1}}", HP_WANDB);
	TAP_OK(t.run->nhparams == 1 && strcmp(hp(&t, "lr"), "0.1") == 0, "wandb: a whole config: wandb_version and _wandb left out");
	env_free(&t);
}

/* ---- YAML ------------------------------------------------------------- */

static const char *YAML_DOC =
	"# Lightning's hparams.yaml\r\n"
	"opt: !!python/object:argparse.Namespace\n"
	"  batch_size: 256\n"
	"  lr: 1.0e-06   # a comment\n"
	"  device: !!python/object/apply:torch.device\n"
	"  - cuda\n"
	"  - 0\n"
	"  scales:\n"
	"    - 0.88\n"
	"    - 0.5\n"
	"  netD: ''\n"
	"  quote: 'it''s'\n"
	"  dq: \"a: \\\"b\\\"\"\n"
	"  outf: '0'\n"
	"nclass: &id001\n"
	"- 2\n"
	"- 2\n"
	"again: *id001\n"
	"betas: [0.9, 0.999]\n"
	"names: [a, b]\n"
	"mixed: ['a', b]\n"
	"empty: {}\n"
	"none: null\n"
	"flag: True\n"
	"note: |\n"
	"  two\n"
	"  lines\n"
	"callbacks:\n"
	"- name: early\n"
	"  patience: 3\n"
	"- name: ckpt\n"
	"\"quoted key\": 1\n"
	"url: http://example.com/a:b\n"
	"---\n"
	"second: 7\n";

static void test_yaml(void)
{
	struct env t;
	env_init(&t);
	char *buf = strdup(YAML_DOC);
	struct yaml_error err;
	cJSON *root = yaml_parse(buf, strlen(buf), &err);
	TAP_OK(cJSON_IsObject(root) && !err.problem[0], "yaml: a mapping, read without an error");
	hparams_emit_json(&t.e, t.run, "", root, 0);
	cJSON_Delete(root);
	free(buf);
	TAP_EQ_STR(hp(&t, "opt.batch_size"), "256", "yaml: a tagged mapping is a mapping");
	TAP_EQ_STR(hp(&t, "opt.lr"), "1e-06", "yaml: number in its shortest text, comment cut");
	TAP_EQ_STR(hp(&t, "opt.device"), "[\"cuda\",0]", "yaml: a list at its key's indentation");
	TAP_EQ_STR(hp(&t, "opt.scales"), "[0.88,0.5]", "yaml: an indented list");
	TAP_EQ_STR(hp(&t, "opt.netD"), "", "yaml: '' is the empty string");
	TAP_EQ_STR(hp(&t, "opt.quote"), "it's", "yaml: '' inside single quotes");
	TAP_EQ_STR(hp(&t, "opt.dq"), "a: \"b\"", "yaml: double-quoted escapes");
	TAP_EQ_STR(hp(&t, "opt.outf"), "0", "yaml: a quoted number is text, and reads the same");
	TAP_EQ_STR(hp(&t, "nclass"), "[2,2]", "yaml: an anchor dropped");
	TAP_EQ_STR(hp(&t, "again"), "[2,2]", "yaml: an alias is a copy of its anchor");
	TAP_EQ_STR(hp(&t, "betas"), "[0.9,0.999]", "yaml: a flow list");
	TAP_EQ_STR(hp(&t, "names"), "[\"a\",\"b\"]", "yaml: a flow list of plain words");
	TAP_EQ_STR(hp(&t, "mixed"), "[\"a\",\"b\"]", "yaml: a flow list of quoted and plain words");
	TAP_EQ_STR(hp(&t, "empty"), "{}", "yaml: {}");
	TAP_EQ_STR(hp(&t, "none"), "null", "yaml: null");
	TAP_EQ_STR(hp(&t, "flag"), "true", "yaml: True");
	TAP_EQ_STR(hp(&t, "note"), "two\nlines\n", "yaml: a literal block scalar keeps its lines");
	TAP_EQ_STR(hp(&t, "callbacks"), "[{\"name\":\"early\",\"patience\":3},{\"name\":\"ckpt\"}]",
		   "yaml: a list of mappings");
	TAP_EQ_STR(hp(&t, "quoted key"), "1", "yaml: a quoted key");
	TAP_EQ_STR(hp(&t, "url"), "http://example.com/a:b", "yaml: colons inside a value");
	TAP_OK(hp(&t, "second") == NULL, "yaml: only the first document is read");
	env_free(&t);

	/* hostile: deep nesting, then garbage: what came before is kept */
	char deep[8192] = "top: 1\n";
	for (int i = 0; i < 100; i++)
		sprintf(deep + strlen(deep), "%*sk%d:\n", i, "", i);
	strcat(deep, "-\n\t: x\n[unclosed\n: :\n");
	root = yaml_parse(deep, strlen(deep), &err);
	TAP_OK(cJSON_IsObject(root) && cJSON_GetObjectItem(root, "top"), "yaml: 100 levels deep: what came before kept");
	TAP_OK(strstr(err.problem, "too deep") && err.line == YAML_MAX_NEST + 2,
	       "yaml: reading stops at YAML_MAX_NEST levels, and says where (%s at %zu)", err.problem, err.line);
	int levels = 0;
	for (const cJSON *c = cJSON_GetObjectItem(root, "k0"); cJSON_IsObject(c); c = c->child)
		levels++;
	TAP_EQ_INT(levels, YAML_MAX_DEPTH - 1, "yaml: nesting stops at YAML_MAX_DEPTH");
	cJSON_Delete(root);

	char garbage[] = "top: 1\nk: [a\n-\n\t: x\n";
	root = yaml_parse(garbage, strlen(garbage), &err);
	TAP_OK(cJSON_IsNumber(cJSON_GetObjectItem(root, "top")) && strstr(err.problem, "not YAML") && err.line == 4,
	       "yaml: garbage: what came before kept, the error names its line (%s at %zu)", err.problem, err.line);
	cJSON_Delete(root);

	char bytes[] = "a: 1\nb: x\xff\n";
	root = yaml_parse(bytes, strlen(bytes), &err);
	TAP_OK(strstr(err.problem, "UTF-8") && err.line == 2 && err.column == 5,
	       "yaml: bytes that are not UTF-8: line and column counted (%s at %zu:%zu)", err.problem, err.line, err.column);
	cJSON_Delete(root);

	/* a billion laughs: each alias doubles, the copies stop at the bound */
	char laughs[4096] = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
	for (char c = 'b'; c <= 'k'; c++)
		sprintf(laughs + strlen(laughs), "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
			c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	root = yaml_parse(laughs, strlen(laughs), &err);
	const cJSON *f = cJSON_GetObjectItem(root, "f");
	TAP_OK(cJSON_IsArray(f) && cJSON_IsString(f->child) && strcmp(f->child->valuestring, "*e") == 0,
	       "yaml: a billion laughs: aliases past the bound stay their text");
	TAP_OK(cJSON_IsArray(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "c"), 0)), "yaml: aliases within the bound are copies");
	cJSON_Delete(root);

	char odd[] = "? [a, b]\n: dropped\nkept: 1\nself: &s [*s]\n";
	root = yaml_parse(odd, strlen(odd), &err);
	TAP_OK(cJSON_GetArraySize(root) == 2 && cJSON_IsNumber(cJSON_GetObjectItem(root, "kept")),
	       "yaml: a collection as a key leaves its member out");
	TAP_OK(cJSON_IsString(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "self"), 0)), "yaml: an alias inside its own anchor stays text");
	cJSON_Delete(root);
	char empty[8] = "{}\n";
	root = yaml_parse(empty, strlen(empty), &err);
	TAP_OK(cJSON_IsObject(root) && !root->child, "yaml: Lightning's empty hparams.yaml is {}");
	cJSON_Delete(root);
	char none[8] = "\n# c\n";
	TAP_OK(yaml_parse(none, strlen(none), &err) == NULL && !err.problem[0], "yaml: nothing to read");
}

static char tmp[256];

static const char *mk(const char *rel, const char *text)
{
	static char path[512];
	char cmd[700];
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	if (system(cmd) != 0)
		printf("# mkdir failed\n");
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	return path;
}

static void test_files(void)
{
	struct env t;
	env_init(&t);
	struct source_file f = { .run = t.run };
	kvfile_load_yaml(&t.e, &f, mk("w/config.yaml",
		"wandb_version: 1\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.8.30\n"
		"lr_cr:\n  desc: null\n  value: 1.0e-06\n"
		"optimizer:\n  desc: null\n  value:\n    name: adam\n    betas:\n    - 0.9\n    - 0.999\n"
		"epochs:\n  value: 10\n"), true);
	TAP_EQ_STR(hp(&t, "lr_cr"), "1e-06", "config.yaml: {desc, value} unwrapped");
	TAP_EQ_STR(hp(&t, "optimizer.name"), "adam", "config.yaml: a nested value flattened with '.'");
	TAP_EQ_STR(hp(&t, "optimizer.betas"), "[0.9,0.999]", "config.yaml: a list under a nested value");
	TAP_EQ_STR(hp(&t, "epochs"), "10", "config.yaml: value without desc (newer W&B)");
	TAP_EQ_INT(t.run->nhparams, 4, "config.yaml: wandb_version and _wandb left out");
	env_free(&t);

	/* a file caught half-written: reported with its line, the rest kept */
	env_init(&t);
	f.run = t.run;
	kvfile_load_yaml(&t.e, &f, mk("l/hparams.yaml", "lr: 0.01\nlayers: 4\nopt: [adam,\n  \"b"), false);
	TAP_OK(strcmp(hp(&t, "lr"), "0.01") == 0 && strcmp(hp(&t, "layers"), "4") == 0,
	       "hparams.yaml cut short: the values before the error are kept");
	TAP_OK(t.d.n == 1 && strstr(diag_last(&t.d), "hparams.yaml") && strstr(diag_last(&t.d), "not YAML") &&
	       strstr(diag_last(&t.d), "line 4"), "and the error is reported with its file and line: %s", diag_last(&t.d));
	env_free(&t);

	env_init(&t);
	f.run = t.run;
	kvfile_load_csv(&t.e, &f, mk("m/meta_tags.csv", "key,value\nlr,0.02\nhidden,\"[10, 10]\"\ncuda,True\nname,\"007\"\n"));
	TAP_OK(strcmp(hp(&t, "lr"), "0.02") == 0 && strcmp(hp(&t, "hidden"), "[10, 10]") == 0 &&
	       strcmp(hp(&t, "cuda"), "true") == 0 && strcmp(hp(&t, "name"), "007") == 0,
	       "meta_tags.csv: values typed, quoted cells as written");
	env_free(&t);
}

/* ---- TensorBoard: the Trainer's text summaries -------------------------- */

static void decode(struct env *t, struct tf_run *rs, struct tagcache *tc, const uint8_t *ev, size_t n)
{
	struct tf_decoder d = { &t->e, t->run, rs, tc };
	if (tfevents_decode(&d, ev, n) != TB_OK)
		printf("# decode failed\n");
	emit_flush(&t->e);
}

static void test_text(void)
{
	struct env t;
	struct tagcache tc;
	struct tf_run *rs = tf_run_new();
	static uint8_t ev[16384];
	env_init(&t);
	tagcache_init(&tc);
	size_t n = tfwriter_encode_text(ev, sizeof(ev), "args/text_summary", 0, 1.0,
		"{\n  \"learning_rate\": 5e-06,\n  \"per_device_train_batch_size\": 16,\n  \"report_to\": [\"tensorboard\"],"
		"\n  \"fsdp_config\": {\"xla\": false}\n}");
	decode(&t, rs, &tc, ev, n);
	n = tfwriter_encode_text(ev, sizeof(ev), "model_config/text_summary", 0, 1.0, "{\"hidden_size\": 768, \"id2label\": {\"0\": \"World\"}}");
	decode(&t, rs, &tc, ev, n);
	n = tfwriter_encode_text(ev, sizeof(ev), "notes/text_summary", 0, 1.0, "{\"not\": \"hparams\"}");
	decode(&t, rs, &tc, ev, n);
	n = tfwriter_encode_text(ev, sizeof(ev), "args/text_summary", 0, 1.0, "{\"learning_rate\": ");
	decode(&t, rs, &tc, ev, n);
	n = tfwriter_encode_text(ev, sizeof(ev), "args", 0, 1.0, "plain words");
	decode(&t, rs, &tc, ev, n);
	TAP_EQ_STR(hp(&t, "learning_rate"), "5e-06", "text: args -> learning_rate");
	TAP_EQ_STR(hp(&t, "per_device_train_batch_size"), "16", "text: args -> per_device_train_batch_size");
	TAP_EQ_STR(hp(&t, "report_to"), "[\"tensorboard\"]", "text: a list as compact JSON");
	TAP_EQ_STR(hp(&t, "fsdp_config.xla"), "false", "text: nested arguments flattened");
	TAP_EQ_STR(hp(&t, "model.hidden_size"), "768", "text: model_config under model.");
	TAP_EQ_STR(hp(&t, "model.id2label.0"), "World", "text: a small id2label flattened");
	TAP_EQ_INT(t.run->nhparams, 6, "text: other text, broken JSON and plain words add nothing");
	TAP_OK(t.d.n == 0, "text: and report nothing");
	TAP_EQ_INT(t.run->nskipped, 4, "text: still counted as text values (4 tags), not points");
	TAP_EQ_INT(t.run->nseries, 0, "text: no series");
	/* the hparams plugin: numbers in their shortest text */
	const char *kv[] = { "lr=0.1", "opt=adam", "nesterov=true" };
	n = tfwriter_encode_hparams(ev, sizeof(ev), kv, 3, 1.0);
	decode(&t, rs, &tc, ev, n);
	TAP_OK(strcmp(hp(&t, "lr"), "0.1") == 0 && strcmp(hp(&t, "opt"), "adam") == 0 && strcmp(hp(&t, "nesterov"), "true") == 0,
	       "hparams plugin: 0.1 (not 0.10000000000000001), adam, true");
	tagcache_free(&tc);
	tf_run_free(rs);
	env_free(&t);
}

/* ---- trainer_state.json and config.json beside it ------------------------ */

static void test_trainer_config(void)
{
	struct env t;
	struct source_stream s;
	struct source_run shared = { { 0 } };
	char path[512];
	const char *state = "{\"log_history\": [{\"loss\": 1.0, \"step\": 10}], \"train_batch_size\": 8, \"num_train_epochs\": 3,"
			    "\"max_steps\": 9223372036854775807, \"logging_steps\": 10, \"eval_steps\": null,"
			    "\"trial_params\": {\"learning_rate\": 3e-05, \"seed\": 1}}";
	mk("hf/out/config.json", "{\"model_type\": \"bert\", \"hidden_size\": 768, \"task_specific_params\": {\"summarization\": {\"num_beams\": 4}}}");
	snprintf(path, sizeof(path), "%s", mk("hf/out/checkpoint-10/trainer_state.json", state));
	env_init(&t);
	TAP_OK(stream_open(&s, &t.senv, SRC_TRAINER_STATE, path, false, t.run, &shared) == TB_OK &&
	       stream_feed(&s, &t.senv, (const uint8_t *)state, strlen(state), true) == TB_OK, "trainer_state: read");
	TAP_OK(strcmp(hp(&t, "train_batch_size"), "8") == 0 && strcmp(hp(&t, "num_train_epochs"), "3") == 0 &&
	       strcmp(hp(&t, "logging_steps"), "10") == 0, "trainer_state: batch size, epochs, logging steps from the file");
	TAP_EQ_STR(hp(&t, "max_steps"), "9.223372036854776e+18", "trainer_state: max_steps as the double it is");
	TAP_OK(!hp(&t, "eval_steps"), "trainer_state: a null step count is left out");
	TAP_EQ_STR(hp(&t, "learning_rate"), "3e-05", "trainer_state: a search trial's parameters");
	TAP_EQ_STR(hp(&t, "model.hidden_size"), "768", "config.json above the checkpoint: under model.");
	TAP_EQ_STR(hp(&t, "model.task_specific_params.summarization.num_beams"), "4", "config.json: nested flattened");
	stream_close(&s);
	source_run_free(&shared);
	env_free(&t);

	/* the checkpoint's own config.json wins; a broken one adds nothing, quietly */
	mk("hf/out/checkpoint-10/config.json", "{\"hidden_size\": 1024}");
	env_init(&t);
	memset(&shared, 0, sizeof(shared));
	TAP_OK(stream_open(&s, &t.senv, SRC_TRAINER_STATE, path, false, t.run, &shared) == TB_OK &&
	       stream_feed(&s, &t.senv, (const uint8_t *)state, strlen(state), true) == TB_OK && strcmp(hp(&t, "model.hidden_size"), "1024") == 0 &&
	       !hp(&t, "model.model_type"), "config.json beside the state first");
	stream_close(&s);
	source_run_free(&shared);
	env_free(&t);
	mk("hf/out/checkpoint-10/config.json", "{\"hidden_size\": ");
	env_init(&t);
	memset(&shared, 0, sizeof(shared));
	TAP_OK(stream_open(&s, &t.senv, SRC_TRAINER_STATE, path, false, t.run, &shared) == TB_OK &&
	       stream_feed(&s, &t.senv, (const uint8_t *)state, strlen(state), true) == TB_OK && !hp(&t, "model.hidden_size") && t.d.n == 0,
	       "config.json half-written: nothing from it, nothing reported");
	stream_close(&s);
	source_run_free(&shared);
	env_free(&t);
}

/* ---- PyTorch's add_hparams child directory ------------------------------- */

static bool cls(const char *dir_rel, const char *name, struct source_claim *c)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s%s%s", tmp, dir_rel, *dir_rel ? "/" : "", name);
	return source_claim(dir_rel, name, p, c);
}

static void test_add_hparams_claim(void)
{
	struct source_claim c;
	mk("runs/exp1/events.out.tfevents.1700000000.host.1.0", "");
	mk("runs/exp1/1700000000.1234567/events.out.tfevents.1700000000.host.1.1", "");
	mk("runs/1700000001.5/events.out.tfevents.1700000001.host.2.0", "");
	mk("runs/exp2/1700000000.1/events.out.tfevents.1700000000.host.3.1", "");
	mk("ev/events.out.tfevents.1", "");
	mk("ev/1700000000.25/events.out.tfevents.2", "");
	mk("named/events.out.tfevents.1", "");
	mk("named/lr_0.1/events.out.tfevents.2", "");
	mk("named/17000.5/events.out.tfevents.2", "");
	TAP_OK(cls("runs/exp1/1700000000.1234567", "events.out.tfevents.1700000000.host.1.1", &c) && c.kind == SRC_TFEVENTS &&
	       strcmp(c.run_rel, "runs/exp1") == 0, "add_hparams: the time-named child is its parent's run");
	TAP_OK(cls("runs/exp1", "events.out.tfevents.1700000000.host.1.0", &c) && strcmp(c.run_rel, "runs/exp1") == 0,
	       "add_hparams: the parent's own file, as ever");
	TAP_OK(cls("runs/1700000001.5", "events.out.tfevents.1700000001.host.2.0", &c) &&
	       strcmp(c.run_rel, "runs/1700000001.5") == 0, "add_hparams: runs named by the time, no event file above: their own");
	TAP_OK(cls("runs/exp2/1700000000.1", "events.out.tfevents.1700000000.host.3.1", &c) &&
	       strcmp(c.run_rel, "runs/exp2/1700000000.1") == 0, "add_hparams: no event file in the parent: its own run");
	TAP_OK(cls("ev/1700000000.25", "events.out.tfevents.2", &c) && strcmp(c.run_rel, "ev") == 0,
	       "add_hparams: child of a directory of the logdir");
	TAP_OK(cls("named/lr_0.1", "events.out.tfevents.2", &c) && strcmp(c.run_rel, "named/lr_0.1") == 0 &&
	       cls("named/17000.5", "events.out.tfevents.2", &c) && strcmp(c.run_rel, "named/17000.5") == 0,
	       "add_hparams: other names (lr_0.1, 17000.5) are runs of their own");
	mk("top/events.out.tfevents.1", "");
	mk("top/1700000000.5/events.out.tfevents.2", "");
	snprintf(tmp + strlen(tmp), sizeof(tmp) - strlen(tmp), "/top");
	TAP_OK(cls("1700000000.5", "events.out.tfevents.2", &c) && strcmp(c.run_rel, "") == 0,
	       "add_hparams: child of the logdir itself -> the logdir's run");
	*strrchr(tmp, '/') = '\0';
}

int main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/tb-hparams.%d", (int)getpid());
	mkdir(tmp, 0755);
	test_values();
	test_plain();
	test_flatten();
	test_wandb_unwrap();
	test_yaml();
	test_files();
	test_text();
	test_trainer_config();
	test_add_hparams_claim();
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
	return tap_done();
}
