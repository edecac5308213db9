/* wandb_files.c: what a W&B run says about itself besides its metrics,
 * as run facts: the environment (files/wandb-metadata.json, and the
 * EnvironmentRecord newer clients write into the .wandb log) under
 * "env/", and the final values (files/wandb-summary.json, and summary
 * records) under "summary/".
 *
 * Both JSON files are rewritten whole by the client (the summary at every
 * flush, the metadata once): they are read at open and again when their
 * size or time changes, bounded, and one caught half-written adds nothing
 * until it is whole. Summary values that are media or tables (objects
 * with a "_type") are not values: they are left out, as W&B's own
 * reader leaves them out of its numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "hparams.h"
#include "pb.h"
#include "wandb.h"
#include "tailboard/path.h"
#include "tailboard/xalloc.h"

#define WF_MAX_FILE (1u << 20)
#define WF_MAX_VALUE 4096       /* bytes of a command line */
#define WF_MAX_SUMMARY 1024     /* facts from one summary file */

void wandb_env_fact(struct emit *e, struct source_file *f, const char *key, const char *value, size_t n)
{
	char k[64], *v;
	if (!n)
		return;
	snprintf(k, sizeof k, "env/%s", key);
	v = xmalloc(n + 1);
	memcpy(v, value, n);
	v[n] = '\0';
	emit_fact(e, f->run, SINK_INFO, k, v);
	free(v);
}

static void env_json(struct emit *e, struct source_file *f, const char *key, const cJSON *v)
{
	char text[HP_MAX_TEXT + 1];
	if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]))
		return;
	hparams_json_text(v, text, sizeof text);
	wandb_env_fact(e, f, key, text, strlen(text));
}

/* Python's argv as a line one could type: empty or spaced arguments quoted. */
static void command_line(struct fmt_buf *b, const cJSON *program, const cJSON *args)
{
	fmt_buf_set(b, "", 0);
	if (cJSON_IsString(program))
		fmt_buf_add(b, program->valuestring, strlen(program->valuestring));
	for (const cJSON *a = cJSON_IsArray(args) ? args->child : NULL; a && b->n < WF_MAX_VALUE; a = a->next) {
		if (!cJSON_IsString(a))
			continue;
		const char *s = a->valuestring;
		bool quote = !*s || strpbrk(s, " \t'\"");
		if (b->n)
			fmt_buf_add(b, " ", 1);
		if (quote)
			fmt_buf_add(b, "'", 1);
		fmt_buf_add(b, s, strlen(s));
		if (quote)
			fmt_buf_add(b, "'", 1);
	}
}

/* wandb-metadata.json: the keys legacy and current clients write. */
static void metadata_emit(struct emit *e, struct source_file *f, const cJSON *root)
{
	static const char *const keys[][2] = {
		{ "host", "host" }, { "os", "os" }, { "python", "python" }, { "gpu", "gpu" },
		{ "gpu_count", "gpu count" }, { "cpu_count", "cpu count" }, { "cpu_count_logical", "cpu count logical" },
		{ "cuda", "cuda" }, { "cudaVersion", "cuda" }, { "docker", "docker" }, { "startedAt", "started" },
		{ "executable", "executable" }, { "codePath", "code path" },
	};
	for (size_t i = 0; i < TB_ARRAY_LEN(keys); i++)
		env_json(e, f, keys[i][1], cJSON_GetObjectItemCaseSensitive(root, keys[i][0]));
	const cJSON *git = cJSON_GetObjectItemCaseSensitive(root, "git");
	env_json(e, f, "git remote", cJSON_GetObjectItemCaseSensitive(git, "remote"));
	env_json(e, f, "git commit", cJSON_GetObjectItemCaseSensitive(git, "commit"));
	struct fmt_buf cmd = { 0 };
	command_line(&cmd, cJSON_GetObjectItemCaseSensitive(root, "program"),
		     cJSON_GetObjectItemCaseSensitive(root, "args"));
	wandb_env_fact(e, f, "command", cmd.p, cmd.n);
	fmt_buf_free(&cmd);
	/* a legacy client's display name, when the log has none */
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "display_name");
	if (cJSON_IsString(name) && name->valuestring[0])
		emit_fact(e, f->run, SINK_LABEL, NULL, name->valuestring);
}

/* One summary value under key (its nested keys joined with '/', as the
 * tags of the same values are): numbers and text as facts, objects
 * walked, media and tables left out. */
void wandb_summary_emit(struct emit *e, struct source_file *f, struct fmt_buf *key, const cJSON *v, int depth,
			unsigned *budget)
{
	if (!*budget || depth > HP_MAX_DEPTH)
		return;
	if (cJSON_IsObject(v)) {
		if (cJSON_GetObjectItemCaseSensitive(v, "_type"))
			return;
		size_t base = key->n;
		for (const cJSON *c = v->child; c; c = c->next) {
			if (!c->string || c->string[0] == '_')
				continue;
			fmt_buf_add(key, "/", 1);
			fmt_buf_add(key, c->string, strlen(c->string));
			wandb_summary_emit(e, f, key, c, depth + 1, budget);
			key->n = base;
			key->p[base] = '\0';
		}
		return;
	}
	char text[HP_MAX_TEXT + 1];
	double x;
	if (pyjson_number(v, &x))
		hparams_number(x, text, sizeof text);
	else
		hparams_json_text(v, text, sizeof text);
	(*budget)--;
	emit_fact(e, f->run, SINK_INFO, key->p, text);
}

static void summary_file_emit(struct emit *e, struct source_file *f, const cJSON *root)
{
	struct fmt_buf key = { 0 };
	unsigned budget = WF_MAX_SUMMARY;
	for (const cJSON *c = root->child; c; c = c->next) {
		if (!c->string || c->string[0] == '_')
			continue;   /* _wandb, _runtime, _step, _timestamp: W&B's own */
		fmt_buf_set(&key, "summary/", 8);
		fmt_buf_add(&key, c->string, strlen(c->string));
		wandb_summary_emit(e, f, &key, c, 0, &budget);
	}
	fmt_buf_free(&key);
}

/* files/NAME in the run directory, else NAME in it (clients before 0.10). */
static bool run_file(const struct source_file *f, const char *rundir, const char *name, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s/files/%s", rundir, name);
	if (n > 0 && (size_t)n < cap && fmt_side_stamp(f, out))
		return true;
	n = snprintf(out, cap, "%s/%s", rundir, name);
	return n > 0 && (size_t)n < cap;
}

static void file_read(struct emit *e, struct source_file *f, const char *rundir, int which, int64_t *last)
{
	char path[4200];
	if (!run_file(f, rundir, which ? "wandb-summary.json" : "wandb-metadata.json", path, sizeof path))
		return;
	int64_t now = fmt_side_stamp(f, path);
	if (!now || now == *last)
		return;
	char *buf = xmalloc(WF_MAX_FILE + 1);
	long n = fmt_side_read(f, path, buf, WF_MAX_FILE + 1, &now);
	size_t off;
	cJSON *root = n > 0 && (size_t)n <= WF_MAX_FILE ? pyjson_parse(buf, (size_t)n, &off) : NULL;
	free(buf);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return;     /* caught half-written (or too big): next time */
	}
	*last = now;
	if (which)
		summary_file_emit(e, f, root);
	else
		metadata_emit(e, f, root);
	cJSON_Delete(root);
}

void wandb_files_read(struct emit *e, struct source_file *f, struct wandb_files *wf)
{
	char rundir[4096];
	if (!path_dir(f->path, 0, rundir, sizeof(rundir)))
		return;
	file_read(e, f, rundir, 0, &wf->stamp[0]);
	file_read(e, f, rundir, 1, &wf->stamp[1]);
}

/* ---- EnvironmentRecord (Record field 26) --------------------------------- */

/* GitRepoRecord: remote_url (1), commit (2). */
void wandb_git_read(struct emit *e, struct source_file *f, const struct pb_reader *parent, const struct pb_field *fld)
{
	struct pb_reader r;
	struct pb_field x;
	if (pb_sub(parent, fld, &r) != 0)
		return;
	while (pb_next(&r, &x) == 1)
		if (x.wire == PB_LEN && (x.num == 1 || x.num == 2))
			wandb_env_fact(e, f, x.num == 1 ? "git remote" : "git commit", (const char *)x.data, x.len);
}

/* google.protobuf.Timestamp as UTC text. */
void wandb_time_fact(struct emit *e, struct source_file *f, const struct pb_reader *parent, const struct pb_field *fld)
{
	double secs;
	if (wandb_timestamp(parent, fld, &secs) != TB_OK)
		return;
	int64_t sec = (int64_t)secs;
	time_t t = (time_t)sec;
	struct tm tm;
	char text[40];
	if (sec > 0 && gmtime_r(&t, &tm) && strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm))
		wandb_env_fact(e, f, "started", text, strlen(text));
}

/* EnvironmentRecord: os 1, python 2, started_at 3, docker 4, args 5
 * (repeated), program 6, code_path 7, git 9, host 12, executable 14,
 * cpu_count 16, cpu_count_logical 17, gpu_type 18, gpu_count 19,
 * cuda_version 25 (wandb_internal.proto). */
int wandb_env_read(struct emit *e, struct source_file *f, const struct pb_reader *rec, const struct pb_field *fld)
{
	static const char *const text[] = {
		[1] = "os", [2] = "python", [4] = "docker", [7] = "code path", [12] = "host", [14] = "executable",
		[18] = "gpu", [25] = "cuda",
	};
	static const char *const count[] = { [16] = "cpu count", [17] = "cpu count logical", [19] = "gpu count" };
	struct pb_reader r;
	struct pb_field x;
	struct fmt_buf cmd = { 0 }, args = { 0 };
	int more;
	if (pb_sub(rec, fld, &r) != 0)
		return TB_ERR;
	fmt_buf_set(&cmd, "", 0);
	fmt_buf_set(&args, "", 0);
	while ((more = pb_next(&r, &x)) == 1) {
		char num[24];
		if (x.wire == PB_VARINT && x.num < TB_ARRAY_LEN(count) && count[x.num]) {
			snprintf(num, sizeof num, "%llu", (unsigned long long)x.u);
			wandb_env_fact(e, f, count[x.num], num, strlen(num));
		}
		if (x.wire != PB_LEN)
			continue;
		if (x.num < TB_ARRAY_LEN(text) && text[x.num])
			wandb_env_fact(e, f, text[x.num], (const char *)x.data, x.len);
		else if (x.num == 3)
			wandb_time_fact(e, f, &r, &x);
		else if (x.num == 9)
			wandb_git_read(e, f, &r, &x);
		else if (x.num == 6)
			fmt_buf_set(&cmd, (const char *)x.data, x.len);
		else if (x.num == 5 && args.n < WF_MAX_VALUE) {
			/* args (5) come before program (6): kept apart until the end */
			bool quote = !x.len || memchr(x.data, ' ', x.len) || memchr(x.data, '\'', x.len);
			fmt_buf_add(&args, quote ? " '" : " ", quote ? 2 : 1);
			fmt_buf_add(&args, (const char *)x.data, x.len);
			if (quote)
				fmt_buf_add(&args, "'", 1);
		}
	}
	fmt_buf_add(&cmd, cmd.n ? args.p : args.p + (args.n > 0), cmd.n ? args.n : args.n - (args.n > 0));
	wandb_env_fact(e, f, "command", cmd.p, cmd.n);
	fmt_buf_free(&cmd);
	fmt_buf_free(&args);
	return more == 0 ? TB_OK : TB_ERR;
}
