/* store_env.h: a store, its diagnostics and its sink, as a reader's
 * source_env sees them: what the reader tests feed bytes into. */
#ifndef TB_TEST_STORE_ENV_H
#define TB_TEST_STORE_ENV_H
#include "tailboard/source.h"
#include "tailboard/store.h"

struct test_env {
	struct store st;
	struct diag d;
	struct store_sink sink;
	struct source_env env;
};

static inline void test_env_init(struct test_env *e)
{
	store_init(&e->st);
	diag_init(&e->d);
	e->d.to_stderr = false;         /* the tests look at e->d */
	store_sink_init(&e->sink, &e->st, &e->d);
	e->env = (struct source_env){ &e->sink.sink, &e->d };
}

static inline void test_env_free(struct test_env *e)
{
	store_free(&e->st);
	diag_free(&e->d);
}
#endif
