/*
 * Unit tests of fcgi/country.c: the ISO 3166 country list.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/country.h"
#include "../../fcgi/decode.h"
#include "../../fcgi/valid.h"

START_TEST(test_acct_countries)
{
	const struct country	*c;
	size_t			 n, i;

	c = country_list(&n);
	ck_assert_uint_eq(n, 249);
	ck_assert_str_eq(country_name("DE"), "Germany");
	ck_assert_str_eq(country_name("CI"), "C\xc3\xb4te d'Ivoire");
	ck_assert_ptr_null(country_name("XX"));
	ck_assert_ptr_null(country_name("de"));
	ck_assert_ptr_null(country_name("DEU"));
	ck_assert_ptr_null(country_name(NULL));
	for (i = 0; i < n; i++) {
		ck_assert(valid_check(VALID_COUNTRY, c[i].code, 2));
		ck_assert(utf8_valid(c[i].name, strlen(c[i].name)));
		ck_assert_ptr_eq(country_name(c[i].code), c[i].name);
	}
}
END_TEST

Suite *
country_suite(void)
{
	Suite	*s = suite_create("country");
	TCase	*t = tcase_create("country");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_acct_countries);
	suite_add_tcase(s, t);
	return s;
}
