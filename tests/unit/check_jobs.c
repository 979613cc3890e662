/*
 * Unit tests of fcgi/jobs.c: the job retry backoff.
 */
#include "check.h"

#include "../../fcgi/jobs.h"

static const struct {
	unsigned	 attempt;
	long		 secs;
} backoffs[] = {
	{ 0, 5 }, { 1, 5 }, { 2, 10 }, { 3, 20 }, { 4, 40 }, { 5, 80 },
	{ 10, 2560 }, { 11, 3600 }, { 40, 3600 }, { 4000000000u, 3600 },
};

START_TEST(test_job_backoff)
{
	ck_assert_int_eq(job_backoff(backoffs[_i].attempt), backoffs[_i].secs);
}
END_TEST

Suite *
jobs_suite(void)
{
	Suite	*s = suite_create("jobs");
	TCase	*t = tcase_create("jobs");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_job_backoff, 0, N(backoffs));
	suite_add_tcase(s, t);
	return s;
}
