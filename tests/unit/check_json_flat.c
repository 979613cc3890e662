/*
 * Unit tests of fcgi/json_flat.c: the compact text of flat objects is
 * byte for byte what jansson's json_dumps(JSON_COMPACT) writes, and
 * anything else is left to jansson.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/json_flat.h"
#include "../../fcgi/json_mem.h"
#include "../../fcgi/rc.h"

/* Objects as a client sends them: escapes, UTF-8, numbers at their
 * limits, literals, order of keys, an empty one. */
static const char *const flat[] = {
	"{}",
	"{\"amount\":1,\"sku\":\"SKU-1\",\"ok\":true}",
	"{\"z\":1,\"a\":2,\"m\":false,\"n\":null}",
	"{\"n\":-9223372036854775808,\"m\":9223372036854775807,\"z\":0,\"k\":-1}",
	"{\"q\":\"say \\\"hi\\\" \\\\ back\",\"s\":\"a/b\"}",
	"{\"c\":\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"}",
	"{\"u\":\"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00\",\"caf\\u00e9\":\"x\"}",
	"{\"k\\n\\\"ey\":\"\"}",
};

START_TEST(test_flat_as_jansson)
{
	struct arena	 a;
	json_error_t	 je;
	json_t		*o = json_loads(flat[_i], 0, &je);
	char		*want, *got = NULL;
	size_t		 len = 0;

	ck_assert_ptr_nonnull(o);
	arena_init(&a);
	want = json_dumps(o, JSON_COMPACT);
	ck_assert_int_eq(json_flat_dump(&a, o, &got, &len), RC_OK);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(len, strlen(want));
	json_mem_free(want);
	json_decref(o);
	arena_free(&a);
}
END_TEST

/* Not flat: jansson writes these (its reals and nesting). */
static const char *const deep[] = {
	"{\"r\":1.5}",
	"{\"l\":[1,2]}",
	"{\"o\":{}}",
	"[1]",
	"\"s\"",
};

START_TEST(test_not_flat)
{
	struct arena	 a;
	json_t		*o = json_loads(deep[_i], JSON_DECODE_ANY, NULL);
	char		*got = (char *)"unset";
	size_t		 len = 1;

	ck_assert_ptr_nonnull(o);
	arena_init(&a);
	ck_assert_int_eq(json_flat_dump(&a, o, &got, &len), RC_OK);
	ck_assert_ptr_null(got);
	ck_assert_uint_eq(len, 0);
	json_decref(o);
	arena_free(&a);
}
END_TEST

Suite *
json_flat_suite(void)
{
	Suite	*s = suite_create("json_flat");
	TCase	*t = tcase_create("json_flat");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_flat_as_jansson, 0, N(flat));
	tcase_add_loop_test(t, test_not_flat, 0, N(deep));
	suite_add_tcase(s, t);
	return s;
}
