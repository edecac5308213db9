/* yaml.c: libyaml's events into a cJSON tree (yaml.h says what becomes
 * what).
 *
 * Events rather than libyaml's document API: the document loader expands
 * nothing itself but keeps every node of the file, and its composer
 * recurses with the nesting; here nesting is an explicit stack of
 * YAML_MAX_DEPTH frames, collections deeper than that are skipped by
 * counting, and aliases are copied only while the whole tree stays within
 * YAML_MAX_NODES (a "billion laughs" file costs its length). A file is
 * read once, whole, so a parse error keeps what came before it. Reading
 * stops at YAML_MAX_NEST levels, since libyaml itself has no bound and
 * its cost grows with the square of flow nesting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "hparams.h"
#include "yaml.h"

#define YAML_MAX_ANCHORS 256

struct frame {
	cJSON *node;            /* object or array */
	char *key;              /* a mapping's key waiting for its value */
	bool drop_value;        /* the key was a collection: its value is left out */
	char *anchor;           /* the collection's own anchor, named at its end */
	size_t first;           /* nodes counted when it started */
};

struct anchor {
	char *name;
	const cJSON *node;      /* in the tree or the graveyard, freed with them */
	size_t size;            /* nodes a copy costs */
};

struct build {
	struct frame stack[YAML_MAX_DEPTH];
	int depth;
	unsigned skip;          /* nesting inside a collection too deep to keep */
	cJSON *root;
	cJSON *graveyard;       /* dropped nodes, kept so anchors into them stay valid */
	struct anchor anchors[YAML_MAX_ANCHORS];
	size_t nanchors;
	size_t nodes;
	const char *stop;       /* why reading stopped early, NULL when it did not */
};

static char *copy(const char *s, size_t n)
{
	char *t = malloc(n + 1);
	if (t) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

static bool count(struct build *b, size_t n)
{
	if (n > YAML_MAX_NODES - b->nodes) {
		b->stop = "more nodes than a configuration has; the rest is left out";
		return false;
	}
	b->nodes += n;
	return true;
}

/* Does the top mapping wait for a key (rather than a value)? */
static bool wants_key(const struct build *b)
{
	const struct frame *f = b->depth ? &b->stack[b->depth - 1] : NULL;
	return f && cJSON_IsObject(f->node) && !f->key && !f->drop_value;
}

/* Put a finished node where it belongs: the root, an array's next item,
 * a mapping's value for the waiting key. A collection used as a key, and
 * the value that follows it, go to the graveyard. */
static void attach(struct build *b, cJSON *v)
{
	if (!b->depth) {
		if (b->root)
			cJSON_AddItemToArray(b->graveyard, v);
		else
			b->root = v;
		return;
	}
	struct frame *f = &b->stack[b->depth - 1];
	if (cJSON_IsArray(f->node)) {
		cJSON_AddItemToArray(f->node, v);
	} else if (f->key) {
		cJSON_AddItemToObject(f->node, f->key, v);
		free(f->key);
		f->key = NULL;
	} else {
		cJSON_AddItemToArray(b->graveyard, v);
		f->drop_value = !f->drop_value;
	}
}

static void remember(struct build *b, const yaml_char_t *name, const cJSON *node, size_t size)
{
	if (!name || b->nanchors == YAML_MAX_ANCHORS)
		return;
	char *n = copy((const char *)name, strlen((const char *)name));
	if (n)
		b->anchors[b->nanchors++] = (struct anchor){ n, node, size };
}

static cJSON *scalar(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !(tag && strcmp(tag, YAML_STR_TAG) == 0))
		return hparams_plain_node(s, n);
	char *t = copy(s, n);
	cJSON *node = t ? cJSON_CreateString(t) : NULL;
	free(t);
	return node;
}

/* An alias: a copy of its anchor while the tree has room, else "*name".
 * The newest anchor of a name wins, as YAML says; one still open (an
 * alias inside its own anchor) is not found and stays text. */
static cJSON *alias(struct build *b, const char *name)
{
	for (size_t i = b->nanchors; i-- > 0;) {
		if (strcmp(b->anchors[i].name, name) != 0)
			continue;
		if (b->anchors[i].size <= YAML_MAX_NODES - b->nodes) {
			b->nodes += b->anchors[i].size;
			return cJSON_Duplicate(b->anchors[i].node, true);
		}
		break;
	}
	if (!count(b, 1))
		return NULL;
	char text[HP_MAX_TEXT + 2];      /* a longer name is cut */
	snprintf(text, sizeof(text), "*%s", name);
	return cJSON_CreateString(text);
}

static void start(struct build *b, const yaml_event_t *ev, bool map)
{
	if (b->skip || b->depth == YAML_MAX_DEPTH) {
		/* libyaml keeps a slot per flow level and looks at every one on
		 * each token: nesting left to grow would cost its square */
		if (++b->skip > YAML_MAX_NEST - YAML_MAX_DEPTH)
			b->stop = "nested too deep; the rest is left out";
		return;
	}
	const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	struct frame *f = &b->stack[b->depth];
	*f = (struct frame){ map ? cJSON_CreateObject() : cJSON_CreateArray(), NULL, false, NULL, b->nodes };
	if (!f->node || !count(b, 1)) {
		cJSON_Delete(f->node);
		b->stop = b->stop ? b->stop : "out of memory";
		return;
	}
	if (anchor)
		f->anchor = copy((const char *)anchor, strlen((const char *)anchor));
	b->depth++;
}

static void end(struct build *b)
{
	if (b->skip) {
		if (--b->skip == 0) {
			cJSON *null = cJSON_CreateNull();
			if (null)
				attach(b, null);
		}
		return;
	}
	if (!b->depth)
		return;
	struct frame f = b->stack[--b->depth];
	free(f.key);
	if (f.anchor) {
		remember(b, (const yaml_char_t *)f.anchor, f.node, b->nodes - f.first);
		free(f.anchor);
	}
	attach(b, f.node);
}

/* One event; false once reading is done. */
static bool step(struct build *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		return false;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		start(b, ev, ev->type == YAML_MAPPING_START_EVENT);
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		end(b);
		break;
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT: {
		if (b->skip)
			break;
		bool is_alias = ev->type == YAML_ALIAS_EVENT;
		const char *text = is_alias ? (const char *)ev->data.alias.anchor : (const char *)ev->data.scalar.value;
		if (wants_key(b)) {
			/* a key is its text, typed or not: 1 and "1" are the same key */
			struct frame *f = &b->stack[b->depth - 1];
			f->key = is_alias ? copy(text, strlen(text)) : copy(text, ev->data.scalar.length);
			if (!f->key)
				b->stop = "out of memory";
			break;
		}
		cJSON *v = is_alias ? alias(b, text) : count(b, 1) ? scalar(ev) : NULL;
		if (!v) {
			b->stop = b->stop ? b->stop : "out of memory";
			break;
		}
		if (!is_alias)
			remember(b, ev->data.scalar.anchor, v, 1);
		attach(b, v);
		break;
	}
	default:
		break;
	}
	return !b->stop;
}

/* Where the parser stopped. A reader error (bytes that are not UTF-8)
 * has only a byte offset: count its line and column from the text. */
static void where(const yaml_parser_t *parser, const char *text, size_t len, struct yaml_error *err)
{
	err->line = parser->problem_mark.line + 1;
	err->column = parser->problem_mark.column + 1;
	if (parser->error != YAML_READER_ERROR)
		return;
	size_t at = parser->problem_offset < len ? parser->problem_offset : len, bol = 0;
	err->line = 1;
	for (size_t i = 0; i < at; i++)
		if (text[i] == '\n') {
			err->line++;
			bol = i + 1;
		}
	err->column = at - bol + 1;
}

cJSON *yaml_parse(const char *text, size_t len, struct yaml_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct build *b = calloc(1, sizeof(*b));
	*err = (struct yaml_error){ "", 0, 0 };
	if (!b || !(b->graveyard = cJSON_CreateArray()) || !yaml_parser_initialize(&parser)) {
		if (b)
			cJSON_Delete(b->graveyard);
		free(b);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (bool more = true; more;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			snprintf(err->problem, sizeof(err->problem), "not YAML: %s",
				 parser.problem ? parser.problem : "a parse error");
			where(&parser, text, len, err);
			break;
		}
		more = step(b, &ev);
		if (b->stop) {
			snprintf(err->problem, sizeof(err->problem), "%s", b->stop);
			err->line = ev.end_mark.line + 1;
			err->column = ev.end_mark.column + 1;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	/* close what the error left open, so what was read is kept */
	b->skip = 0;
	while (b->depth)
		end(b);
	for (size_t i = 0; i < b->nanchors; i++)
		free(b->anchors[i].name);
	cJSON *root = b->root;
	cJSON_Delete(b->graveyard);
	free(b);
	return root;
}
