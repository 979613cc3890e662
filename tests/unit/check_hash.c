/*
 * Unit tests of fcgi/hash.c: password hashing (Argon2id), the password
 * policy, the common-password list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#include "../../fcgi/conf.h"
#include "../../fcgi/hash.h"
#include "../../fcgi/limits.h"

START_TEST(test_password_hash_verify)
{
	char	 enc[256];

	ck_assert_int_eq(password_hash("correct horse battery", 21, enc,
	    sizeof(enc)), PW_OK);
	ck_assert(strncmp(enc, "$argon2id$v=19$m=8192,t=1,p=1$", 30) == 0);
	ck_assert_int_eq(password_verify(enc, "correct horse battery", 21), PW_OK);
	ck_assert_int_eq(password_verify(enc, "correct horse batterY", 21),
	    PW_MISMATCH);
	ck_assert_int_eq(password_verify(enc, "", 0), PW_MISMATCH);
	ck_assert_int_eq(password_verify("$2y$10$bcrypt", "x", 1), PW_MISMATCH);
	ck_assert_int_eq(password_verify(NULL, "x", 1), PW_MISMATCH);
	ck_assert(!password_needs_rehash(enc));
	conf.argon2_t = 2;
	ck_assert(password_needs_rehash(enc));
	conf.argon2_t = 1;
	ck_assert_int_eq(password_verify(password_dummy_hash(), "x", 1),
	    PW_MISMATCH);
}
END_TEST

struct pcase {
	const char	*pw, *email;
	int		 ok;
};

static const struct pcase pcases[] = {
	{ "correct horse battery staple", "ann@example.com", 1 },
	{ "twelve chars", "ann@example.com", 1 },
	{ "eleven char", "ann@example.com", 0 },
	{ "", "ann@example.com", 0 },
	{ "my name is annabel!!", "annabel@example.com", 0 },
	{ "MY NAME IS ANNABEL!!", "annabel@example.com", 0 },
	{ "ann is short so fine", "ann@example.com", 0 },
	{ "al is too short a name", "al@example.com", 1 },
	{ "tab\tinside password", "ann@example.com", 0 },
	/* 12 different accented letters: 12 characters in 24 bytes */
	{ "\xc3\xa9\xc3\xa0\xc3\xa8\xc3\xb9\xc3\xa2\xc3\xaa\xc3\xae\xc3\xb4"
	  "\xc3\xbb\xc3\xa7\xc3\xab\xc3\xaf", "ann@example.com", 1 },
};

START_TEST(test_password_policy)
{
	const struct pcase	*c = &pcases[_i];
	const char		*why = password_policy(c->pw, strlen(c->pw), c->email);

	ck_assert_msg((why == NULL) == c->ok, "\"%s\": %s", c->pw,
	    why ? why : "accepted");
}
END_TEST

START_TEST(test_password_length_limits)
{
	char	 pw[MAX_PASSWORD_CHARS + 2];
	size_t	 i;

	/* varied letters: one letter repeated is refused as a pattern */
	for (i = 0; i < sizeof(pw); i++)
		pw[i] = (char)('a' + (i * 7 + i / 26) % 26);
	ck_assert_ptr_null(password_policy(pw, MAX_PASSWORD_CHARS, NULL));
	ck_assert_ptr_nonnull(password_policy(pw, MAX_PASSWORD_CHARS + 1, NULL));
}
END_TEST

/* password_policy() with the shipped list: 1 accepted, 0 refused. */
static const struct pcase commoncases[] = {
	{ "password1234", "ann@example.com", 0 },	/* listed word + digits */
	{ "Password1234!", "ann@example.com", 0 },
	{ "P@ssw0rd2024", "ann@example.com", 0 },	/* l33t */
	{ "sunshine2024!", "ann@example.com", 0 },
	{ "iloveyou1234", "ann@example.com", 0 },
	{ "qwertyuiop12", "ann@example.com", 0 },
	{ "1qaz2wsx3edc", "ann@example.com", 0 },	/* keyboard walk */
	{ "123456789012", "ann@example.com", 0 },
	{ "abcdefghijklmnop", "ann@example.com", 0 },
	{ "winniethepooh", "ann@example.com", 0 },	/* listed as is */
	{ "administration", "ann@example.com", 0 },	/* dictionary word */
	{ "aaaaaaaaaaaa", "ann@example.com", 0 },	/* one character */
	{ "abababababab", "ann@example.com", 0 },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "ann@example.com", 0 },
	{ "monkeymonkeymonkey", "ann@example.com", 0 },	/* a word repeated */
	{ "dragon12345678", "ann@example.com", 0 },	/* word + listed run */
	{ "Quiet harbour lamp 7", "ann@example.com", 1 },
	{ "dragon83920475162", "ann@example.com", 1 },	/* long random tail */
	{ "tr4in-st4tion-b1ue", "ann@example.com", 1 },
	{ "Zo\xc3\xab's bicycle 1987", "ann@example.com", 1 },
};

START_TEST(test_common_passwords)
{
	const struct pcase	*c = &commoncases[_i];
	const char		*why = password_policy(c->pw, strlen(c->pw), c->email);

	ck_assert_msg((why == NULL) == c->ok, "\"%s\": %s", c->pw,
	    why ? why : "accepted");
}
END_TEST

START_TEST(test_common_list)
{
	char	 err[256], path[] = "/tmp/steward-unit-common-XXXXXX";
	FILE	*f;
	int	 fd;

	ck_assert_uint_ge(common_count(), 10000);
	ck_assert(common_has("password", 8));
	ck_assert(common_has("PASSWORD", 8));
	ck_assert(!common_has("", 0));
	/* a list of its own: comments, CRLF, upper case */
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("# comment\r\nHorseStaple\r\n\r\nzebra-crossing\n", f);
	fclose(f);
	ck_assert_int_eq(common_load(path, err, sizeof(err)), 0);
	ck_assert_uint_eq(common_count(), 2);
	ck_assert(common_has("horsestaple", 11));
	ck_assert(common_has("ZEBRA-CROSSING99", 16));
	ck_assert(!common_has("password", 8));	/* only this list counts */
	f = fopen(path, "w");
	fputs("# only a comment\n", f);
	fclose(f);
	ck_assert_int_eq(common_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no entries"));
	unlink(path);
	ck_assert_int_eq(common_load("/nonexistent/list", err, sizeof(err)), -1);
	ck_assert_int_eq(common_load(TOP_SRCDIR "/data/common-passwords.txt",
	    err, sizeof(err)), 0);
}
END_TEST

Suite *
hash_suite(void)
{
	Suite	*s = suite_create("hash");
	TCase	*t = tcase_create("hash");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_password_hash_verify);
	tcase_add_loop_test(t, test_password_policy, 0, N(pcases));
	tcase_add_test(t, test_password_length_limits);
	tcase_add_loop_test(t, test_common_passwords, 0, N(commoncases));
	tcase_add_test(t, test_common_list);
	suite_add_tcase(s, t);
	return s;
}
