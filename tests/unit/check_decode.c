/*
 * Unit tests of fcgi/decode.c: form and cookie decoding, their limits,
 * UTF-8 and control checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/decode.h"
#include "../../fcgi/limits.h"

struct dcase {
	const char	*in;
	enum decode_err	 err;
	size_t		 n;		/* fields on success */
	const char	*key, *val;	/* the first field */
};

static const struct dcase dcases[] = {
	{ "email=ann%40example.com&role=admin", DECODE_OK, 2, "email", "ann@example.com" },
	{ "a=1+2%2B3", DECODE_OK, 1, "a", "1 2+3" },
	{ "&&a=&&", DECODE_OK, 1, "a", "" },
	{ "flag", DECODE_OK, 1, "flag", "" },
	{ "n=%C3%A9", DECODE_OK, 1, "n", "\xc3\xa9" },
	{ "m=line1%0D%0Aline2", DECODE_OK, 1, "m", "line1\r\nline2" },
	{ "", DECODE_OK, 0, NULL, NULL },
	{ "a=%", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%4", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%zz", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%C3", DECODE_BAD_UTF8, 0, NULL, NULL },
	{ "a=%C0%AF", DECODE_BAD_UTF8, 0, NULL, NULL },		/* overlong / */
	{ "a=%ED%A0%80", DECODE_BAD_UTF8, 0, NULL, NULL },	/* surrogate */
	{ "a=%F4%90%80%80", DECODE_BAD_UTF8, 0, NULL, NULL },	/* > U+10FFFF */
	{ "a=%FF", DECODE_BAD_UTF8, 0, NULL, NULL },
	{ "a=x%00y", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%1B[31m", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%7F", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%C2%85", DECODE_CONTROL, 0, NULL, NULL },		/* C1 NEL */
	{ "a=%EF%BF%BF", DECODE_CONTROL, 0, NULL, NULL },
	{ "a%0A=1", DECODE_CONTROL, 0, NULL, NULL },		/* LF in a name */
};

START_TEST(test_decode_form)
{
	const struct dcase	*c = &dcases[_i];
	struct arena		 a;
	struct kvlist		 l;
	enum decode_err		 e;

	arena_init(&a);
	e = decode_form(&a, c->in, strlen(c->in), &l);
	ck_assert_msg(e == c->err, "\"%s\": got %d, want %d", c->in, e, c->err);
	if (e == DECODE_OK) {
		ck_assert_uint_eq(l.n, c->n);
		if (c->key != NULL) {
			ck_assert_str_eq(l.v[0].key, c->key);
			ck_assert_str_eq(l.v[0].val, c->val);
			ck_assert_uint_eq(l.v[0].len, strlen(c->val));
		}
	} else
		ck_assert_uint_eq(l.n, 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_decode_limits)
{
	struct arena	 a;
	struct kvlist	 l;
	char		*s;
	size_t		 i, n;

	arena_init(&a);
	/* MAX_FIELDS fields pass, one more is refused */
	s = malloc(MAX_FIELDS * 8 + 16);
	for (n = 0, i = 0; i < MAX_FIELDS; i++)
		n += (size_t)sprintf(s + n, "f%zu=1&", i);
	ck_assert_int_eq(decode_form(&a, s, n, &l), DECODE_OK);
	ck_assert_uint_eq(l.n, MAX_FIELDS);
	n += (size_t)sprintf(s + n, "x=1");
	ck_assert_int_eq(decode_form(&a, s, n, &l), DECODE_TOO_MANY);
	free(s);
	/* a value of MAX_FIELD_LEN bytes passes, one more byte is refused */
	s = malloc(MAX_FIELD_LEN + 8);
	memcpy(s, "v=", 2);
	memset(s + 2, 'x', MAX_FIELD_LEN);
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_LEN + 2, &l), DECODE_OK);
	s[MAX_FIELD_LEN + 2] = 'x';
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_LEN + 3, &l), DECODE_TOO_LONG);
	free(s);
	/* a field name over MAX_FIELD_NAME */
	s = malloc(MAX_FIELD_NAME + 8);
	memset(s, 'k', MAX_FIELD_NAME + 1);
	memcpy(s + MAX_FIELD_NAME + 1, "=1", 2);
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_NAME + 3, &l), DECODE_TOO_LONG);
	free(s);
	arena_reset(&a);
}
END_TEST

START_TEST(test_decode_cookies)
{
	struct arena	 a;
	struct kvlist	 l;
	char		*big;
	size_t		 i, n;

	arena_init(&a);
	ck_assert_int_eq(decode_cookies(&a, "stw_session=abc; other=x y; "
	    "=novalue; bad=\"q\"; last=1", &l), DECODE_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(kv_get(&l, "stw_session"), "abc");
	ck_assert_str_eq(kv_get(&l, "last"), "1");
	ck_assert_ptr_null(kv_get(&l, "bad"));
	ck_assert_int_eq(decode_cookies(&a, NULL, &l), DECODE_OK);
	ck_assert_uint_eq(l.n, 0);
	big = malloc(MAX_COOKIE_LEN + 2);
	memset(big, 'a', MAX_COOKIE_LEN + 1);
	big[MAX_COOKIE_LEN + 1] = '\0';
	ck_assert_int_eq(decode_cookies(&a, big, &l), DECODE_TOO_LONG);
	for (n = 0, i = 0; i <= MAX_COOKIES; i++)
		n += (size_t)sprintf(big + n, "c%zu=1; ", i);
	ck_assert_int_eq(decode_cookies(&a, big, &l), DECODE_TOO_MANY);
	free(big);
	arena_reset(&a);
}
END_TEST

START_TEST(test_utf8)
{
	ck_assert(utf8_valid("", 0));
	ck_assert(utf8_valid("\xf0\x9f\x98\x80", 4));
	ck_assert(!utf8_valid("\xf0\x9f\x98", 3));
	ck_assert(!utf8_valid("\xe0\x80\xaf", 3));
	ck_assert_uint_eq(utf8_chars("Zo\xc3\xab", 4), 3);
	ck_assert(text_clean("a\tb\r\n", 5, 1));
	ck_assert(!text_clean("a\tb", 3, 0));
	ck_assert(!text_clean("a\nb", 3, 0));
}
END_TEST

Suite *
decode_suite(void)
{
	Suite	*s = suite_create("decode");
	TCase	*t = tcase_create("decode");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_decode_form, 0, N(dcases));
	tcase_add_test(t, test_decode_limits);
	tcase_add_test(t, test_decode_cookies);
	tcase_add_test(t, test_utf8);
	suite_add_tcase(s, t);
	return s;
}
