/* yaml.h: YAML configuration dumps (PyYAML's and OmegaConf's: Lightning's
 * hparams.yaml, W&B's config.yaml) read by libyaml into a JSON tree, so
 * hyperparameters from YAML and JSON are flattened by the same code
 * (hparams.c). */
#ifndef TAILBOARD_YAML_H
#define TAILBOARD_YAML_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "tailboard/common.h"

#define YAML_MAX_DEPTH 32       /* deeper collections become null */
#define YAML_MAX_NEST 64        /* deeper than this, reading stops */
#define YAML_MAX_NODES 65536    /* nodes of one tree, aliases expanded included */

/* Why the text stopped being read before its end. */
struct yaml_error {
	char problem[160];      /* "" when the first document was read whole */
	size_t line, column;    /* 1-based, where it stopped */
};

/* The first document of len bytes of text. Mappings become objects,
 * sequences arrays; plain scalars numbers, booleans, null or strings as
 * hparams_plain_node reads them, quoted ones strings. Tags (!!python/...)
 * are dropped and what they tag is read; an alias is a copy of its anchor
 * while the tree stays within YAML_MAX_NODES, else the text "*name"; a
 * collection as a mapping key leaves that member out. On an error or at a
 * bound, err says where, and the tree holds what came before it. NULL
 * when there is no document, or no memory. */
cJSON *yaml_parse(const char *text, size_t len, struct yaml_error *err);

#endif
