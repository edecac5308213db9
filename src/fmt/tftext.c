/* tftext.c: the Hugging Face Trainer's text summaries as hyperparameters.
 *
 * Its TensorBoard callback writes, when training begins, the
 * TrainingArguments (tag "args") and the model's config ("model_config")
 * as JSON text; PyTorch's and tensorboardX's add_text name them
 * "args/text_summary" and "model_config/text_summary". Their fields are
 * the run's hyperparameters: the arguments as they are (learning_rate,
 * per_device_train_batch_size), the model's under "model."
 * (model.hidden_size), so the two never collide. The values are still
 * counted as text, since they are not points. Other text summaries stay
 * text, and one of these tags that does not hold a JSON object adds
 * nothing and is not reported: a text summary never promised JSON. */
#include <string.h>
#include "hparams.h"
#include "pb.h"
#include "pyjson.h"
#include "tfevents.h"

#define TEXT_MAX_JSON ((size_t)1 << 20)
enum { DT_STRING = 7 };

static const struct {
	const char *tag;
	const char *prefix;
} hf_tags[] = {
	{ "args/text_summary", "" },
	{ "args", "" },
	{ "model_config/text_summary", "model" },
	{ "model_config", "model" },
};

/* The one string of a DT_STRING TensorProto (string_val, field 8). */
static bool tensor_string(const uint8_t *buf, size_t len, const uint8_t **s, size_t *n)
{
	struct pb_reader r;
	struct pb_field f;
	uint64_t dtype = 0;
	int count = 0;
	pb_init(&r, buf, len);
	while (pb_next(&r, &f) == 1) {
		if (f.num == 1 && f.wire == PB_VARINT) {
			dtype = f.u;
		} else if (f.num == 8 && f.wire == PB_LEN) {
			*s = f.data;
			*n = f.len;
			count++;
		}
	}
	return dtype == DT_STRING && count == 1;
}

void tfevents_text_hparams(struct tf_decoder *d, const char *tag, size_t len, const uint8_t *tensor, size_t tlen)
{
	const char *prefix = NULL;
	const uint8_t *s = NULL;
	size_t n = 0, err;
	for (size_t i = 0; i < TB_ARRAY_LEN(hf_tags) && !prefix; i++)
		if (strlen(hf_tags[i].tag) == len && memcmp(hf_tags[i].tag, tag, len) == 0)
			prefix = hf_tags[i].prefix;
	if (!prefix || !tensor_string(tensor, tlen, &s, &n) || n > TEXT_MAX_JSON)
		return;
	size_t lead = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\n' || s[lead] == '\r' || s[lead] == '\t'))
		lead++;
	if (lead == n || s[lead] != '{')
		return;
	cJSON *root = pyjson_parse((const char *)s, n, &err);
	if (cJSON_IsObject(root))
		hparams_emit_json(d->e, d->run, prefix, root, 0);
	cJSON_Delete(root);
}
