/* yaml.h: the block YAML configuration dumps are written in (PyYAML's
 * and OmegaConf's: Lightning's hparams.yaml, W&B's config.yaml), read
 * into a JSON tree so hyperparameters from YAML and JSON are flattened
 * by the same code (hparams.c). */
#ifndef TAILBOARD_YAML_H
#define TAILBOARD_YAML_H

#include <cjson/cJSON.h>
#include "tailboard/common.h"

/* Parse len bytes of text (modified in place; text[len] must be
 * writable). Mappings become objects, sequences arrays, plain scalars
 * numbers, booleans, null or strings as hparams_plain_node reads them,
 * quoted scalars strings. Not a full YAML parser: tags (!!python/...)
 * and anchors are dropped, aliases (*id001) stay as their text, flow
 * collections that are not JSON stay as their text, block scalars (| >)
 * are joined with spaces, comments inside them are lost. NULL when there
 * is nothing to read or no memory. */
cJSON *yaml_parse(char *text, size_t len);

#endif
