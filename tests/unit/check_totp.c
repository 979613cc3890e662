/*
 * Unit tests of fcgi/totp.c: codes (RFC 6238), base32, sealed secrets, the
 * otpauth URI and QR code, recovery codes.
 */
#include <string.h>

#include <sodium.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/totp.h"
#include "../../fcgi/valid.h"

/* RFC 6238 appendix B, SHA-1 (key "12345678901234567890"), 8 digits. */
static const struct {
	long long	 t;
	const char	*code;
} rfc6238[] = {
	{ 59LL, "94287082" },		{ 1111111109LL, "07081804" },
	{ 1111111111LL, "14050471" },	{ 1234567890LL, "89005924" },
	{ 2000000000LL, "69279037" },	{ 20000000000LL, "65353130" },
};

START_TEST(test_totp_rfc6238)
{
	char	 out[16];

	ck_assert_int_eq(totp_code((const unsigned char *)"12345678901234567890",
	    20, rfc6238[_i].t, 8, out, sizeof(out)), 0);
	ck_assert_str_eq(out, rfc6238[_i].code);
}
END_TEST

START_TEST(test_totp_window)
{
	const unsigned char	*key = (const unsigned char *)"12345678901234567890";
	char			 code[8];
	long long		 now = 1234567890LL, step = now / TOTP_STEP;

	/* the codes of the step before, now and after are taken; two away not */
	ck_assert_int_eq(totp_code(key, 20, now, 6, code, sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step);
	ck_assert_int_eq(totp_code(key, 20, now - TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step - 1);
	ck_assert_int_eq(totp_code(key, 20, now + TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step + 1);
	ck_assert_int_eq(totp_code(key, 20, now + 2 * TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), -1);
	ck_assert_int_eq(totp_match(key, 20, now, "12345"), -1);
	ck_assert_int_eq(totp_match(key, 20, now, NULL), -1);
	ck_assert_int_eq(totp_code(key, 20, now, 5, code, sizeof(code)), -1);
}
END_TEST

/* RFC 4648 §10 base32 vectors (without padding). */
static const struct {
	const char	*in, *out;
} b32cases[] = {
	{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
	{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
	{ "foobar", "MZXW6YTBOI" },
};

START_TEST(test_base32)
{
	char	 out[32];

	ck_assert_uint_eq(base32_encode((const unsigned char *)b32cases[_i].in,
	    strlen(b32cases[_i].in), out, sizeof(out)), strlen(b32cases[_i].out));
	ck_assert_str_eq(out, b32cases[_i].out);
	ck_assert_uint_eq(base32_encode((const unsigned char *)"foobar", 6,
	    out, 10), 0);	/* no room for the NUL */
}
END_TEST

START_TEST(test_totp_seal)
{
	unsigned char	 key[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
	unsigned char	 blob[MAX_TOTP_BLOB];
	size_t		 n;

	randombytes_buf(key, sizeof(key));
	ck_assert_int_eq(totp_seal(key, sizeof(key), blob, &n), 0);
	ck_assert_uint_le(n, MAX_TOTP_BLOB);
	ck_assert(memmem(blob, n, key, sizeof(key)) == NULL);
	ck_assert_int_eq(totp_open(blob, n, back), 0);
	ck_assert(memcmp(key, back, sizeof(key)) == 0);
	blob[n - 1] ^= 1;
	ck_assert_int_eq(totp_open(blob, n, back), -1);
	ck_assert_int_eq(totp_open(blob, n - 1, back), -1);
	ck_assert_int_eq(totp_open(NULL, 0, back), -1);
}
END_TEST

START_TEST(test_totp_uri_qr)
{
	struct arena	 a;
	char		*uri, *path;
	int		 size = 0;

	arena_init(&a);
	uri = totp_uri(&a, "o'brien+x@example.com", "JBSWY3DPEHPK3PXP");
	ck_assert_str_eq(uri, "otpauth://totp/Steward:o%27brien%2Bx%40example.com"
	    "?secret=JBSWY3DPEHPK3PXP&issuer=Steward&algorithm=SHA1&digits=6"
	    "&period=30");
	path = qr_path(&a, uri, &size);
	ck_assert_ptr_nonnull(path);
	ck_assert_int_ge(size, 21);		/* version 1 is 21 modules */
	ck_assert_int_le(size, MAX_QR_WIDTH);
	ck_assert(strncmp(path, "M0 0h7v1h-7z", 12) == 0);	/* finder pattern */
	ck_assert_ptr_null(strchr(path, '<'));
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*in, *norm;	/* norm NULL: refused */
} rccases[] = {
	{ "ABCD-EFGH-JKLM", "ABCDEFGHJKLM" },
	{ "abcd-efgh-jklm", "ABCDEFGHJKLM" },
	{ "abcd efgh jklm", "ABCDEFGHJKLM" },
	{ "ABCDEFGHJKLM", "ABCDEFGHJKLM" },
	{ "2345-6789-WXYZ", "23456789WXYZ" },
	{ "ABCD-EFGH-JKL", NULL },		/* short */
	{ "ABCD-EFGH-JKLMN", NULL },		/* long */
	{ "ABCD-EFGH-JKL0", NULL },		/* 0 is not in the alphabet */
	{ "ABCD-EFGH-JKLI", NULL },		/* nor I */
	{ "ABCD-EFGH-JKL\xc3\xa9", NULL },
	{ "", NULL },
	{ "123456", NULL },
};

START_TEST(test_recovery_normalize)
{
	char	 out[RECOVERY_CHARS + 1];
	int	 rc = recovery_normalize(rccases[_i].in, out);

	if (rccases[_i].norm == NULL)
		ck_assert_msg(rc == -1, "\"%s\" accepted", rccases[_i].in);
	else {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, rccases[_i].norm);
	}
}
END_TEST

START_TEST(test_recovery_codes)
{
	char		 a[RECOVERY_LEN + 1], b[RECOVERY_LEN + 1];
	char		 na[RECOVERY_CHARS + 1], nb[RECOVERY_CHARS + 1];
	unsigned char	 ha[HASH_BYTES], hb[HASH_BYTES];

	recovery_new(a);
	recovery_new(b);
	ck_assert_uint_eq(strlen(a), RECOVERY_LEN);
	ck_assert(a[4] == '-' && a[9] == '-');
	ck_assert(valid_check(VALID_RECOVERY_CODE, a, strlen(a)));
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(recovery_normalize(a, na), 0);
	ck_assert_int_eq(recovery_normalize(b, nb), 0);
	recovery_hash(7, na, ha);
	recovery_hash(7, na, hb);
	ck_assert(memcmp(ha, hb, HASH_BYTES) == 0);
	recovery_hash(8, na, hb);			/* bound to the user */
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
	recovery_hash(7, nb, hb);
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
}
END_TEST

Suite *
totp_suite(void)
{
	Suite	*s = suite_create("totp");
	TCase	*t = tcase_create("totp");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_totp_rfc6238, 0, N(rfc6238));
	tcase_add_test(t, test_totp_window);
	tcase_add_loop_test(t, test_base32, 0, N(b32cases));
	tcase_add_test(t, test_totp_seal);
	tcase_add_test(t, test_totp_uri_qr);
	tcase_add_loop_test(t, test_recovery_normalize, 0, N(rccases));
	tcase_add_test(t, test_recovery_codes);
	suite_add_tcase(s, t);
	return s;
}
