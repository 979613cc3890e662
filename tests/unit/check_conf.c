/*
 * Unit tests of fcgi/conf.c: the configuration file and its environment
 * overrides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#include "../../fcgi/conf.h"

START_TEST(test_conf)
{
	char	 path[] = "/tmp/steward-unit-conf-XXXXXX", err[256];
	int	 fd = mkstemp(path);
	FILE	*f = fdopen(fd, "w");

	fputs("# comment\n threads = 4 \nmail_from = A <a@b.c>\n", f);
	fclose(f);
	setenv("STEWARD_THREADS", "6", 1);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), 0);
	ck_assert_int_eq(conf.threads, 6);
	ck_assert_str_eq(conf.mail_from, "A <a@b.c>");
	unsetenv("STEWARD_THREADS");
	f = fopen(path, "w");
	fputs("threads = lots\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "threads"));
	f = fopen(path, "w");
	fputs("no_such_key = 1\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown key"));
	f = fopen(path, "w");
	fputs("db_fallback = /run/a.sock, db2:3306\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), 0);
	ck_assert_str_eq(conf.db_fallback, "/run/a.sock, db2:3306");
	f = fopen(path, "w");
	fputs("db_fallback = db2\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "db_fallback"));
	unlink(path);
	ck_assert_int_eq(conf_load("/dev/null", err, sizeof(err)), 0);
	conf.argon2_m = 8192;
	conf.argon2_t = 1;
}
END_TEST

Suite *
conf_suite(void)
{
	Suite	*s = suite_create("conf");
	TCase	*t = tcase_create("conf");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_conf);
	suite_add_tcase(s, t);
	return s;
}
