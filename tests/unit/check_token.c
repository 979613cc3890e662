/*
 * Unit tests of fcgi/token.c: random tokens, their hashes and keyed MACs.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/secret.h"
#include "../../fcgi/token.h"
#include "../../fcgi/valid.h"

START_TEST(test_tokens)
{
	char		 a[TOKEN_B64_LEN + 1], b[TOKEN_B64_LEN + 1];
	unsigned char	 ha[HASH_BYTES], hb[HASH_BYTES];
	char		 m1[TOKEN_B64_LEN + 1], m2[TOKEN_B64_LEN + 1];

	token_new(a);
	token_new(b);
	ck_assert_uint_eq(strlen(a), TOKEN_B64_LEN);
	ck_assert(valid_check(VALID_TOKEN, a, strlen(a)));
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(token_hash(a, ha), 0);
	ck_assert_int_eq(token_hash(b, hb), 0);
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
	token_new_hashed(b, hb);			/* the hash lookups find */
	ck_assert(valid_check(VALID_TOKEN, b, strlen(b)));
	ck_assert_int_eq(token_hash(b, ha), 0);
	ck_assert(memcmp(ha, hb, HASH_BYTES) == 0);
	ck_assert_int_eq(token_hash("short", ha), -1);
	ck_assert_int_eq(token_hash(NULL, ha), -1);
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-pre", a, strlen(a), m1);
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-pre", a, strlen(a), m2);
	ck_assert(token_equal(m1, m2));
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-session", a, strlen(a), m2);
	ck_assert(!token_equal(m1, m2));
	token_mac(secret_subkey(SUBKEY_FLASH), "csrf-pre", a, strlen(a), m2);
	ck_assert(!token_equal(m1, m2));
	ck_assert(!token_equal(m1, NULL));
	ck_assert(!token_equal("", ""));
	ck_assert(!token_equal("abc", "abcd"));
}
END_TEST

Suite *
token_suite(void)
{
	Suite	*s = suite_create("token");
	TCase	*t = tcase_create("token");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_tokens);
	suite_add_tcase(s, t);
	return s;
}
