/*
 * Unit tests of fcgi/secret.c: sealed passcodes and new account ids.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/secret.h"
#include "../../fcgi/valid.h"

START_TEST(test_passcode_seal)
{
	char		 pc[PASSCODE_LEN + 1], out[PASSCODE_LEN + 1], id[13];
	unsigned char	 blob[MAX_PASSCODE_BLOB];
	size_t		 n;

	passcode_new(pc);
	ck_assert_uint_eq(strlen(pc), PASSCODE_LEN);
	ck_assert_int_eq(passcode_seal(pc, blob, &n), 0);
	ck_assert_ptr_null(memmem(blob, n, pc, PASSCODE_LEN));
	ck_assert_int_eq(passcode_open(blob, n, out), 0);
	ck_assert_str_eq(out, pc);
	blob[n - 1] ^= 1;
	ck_assert_int_eq(passcode_open(blob, n, out), -1);
	ck_assert_int_eq(passcode_open(blob, n - 1, out), -1);
	account_id_new(id);
	ck_assert(valid_check(VALID_ACCOUNT_ID, id, strlen(id)));
}
END_TEST

Suite *
secret_suite(void)
{
	Suite	*s = suite_create("secret");
	TCase	*t = tcase_create("secret");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_passcode_seal);
	suite_add_tcase(s, t);
	return s;
}
