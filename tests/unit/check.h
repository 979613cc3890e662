/*
 * What the unit-test files share: one suite per module tested
 * (tests/unit/check_MODULE.c tests fcgi/MODULE.c), run by check_main.c.
 */
#ifndef STEWARD_TESTS_CHECK_H
#define STEWARD_TESTS_CHECK_H

#include <check.h>

/* Rows of a table, for tcase_add_loop_test(). */
#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

Suite	*arena_suite(void);
Suite	*mem_suite(void);
Suite	*db_suite(void);
Suite	*name_cache_suite(void);
Suite	*active_cache_suite(void);
Suite	*conf_suite(void);
Suite	*decode_suite(void);
Suite	*valid_suite(void);
Suite	*roles_suite(void);
Suite	*hash_suite(void);
Suite	*token_suite(void);
Suite	*secret_suite(void);
Suite	*xml_suite(void);
Suite	*mail_suite(void);
TCase	*tcase_mail_xslt(void);	/* the mail stylesheets, in mail_suite */
Suite	*request_suite(void);
Suite	*text_suite(void);
Suite	*status_suite(void);
Suite	*json_flat_suite(void);
Suite	*json_mem_suite(void);
Suite	*money_suite(void);
Suite	*country_suite(void);
Suite	*totp_suite(void);
Suite	*ua_suite(void);
Suite	*ingest_suite(void);
Suite	*csv_suite(void);
Suite	*multipart_suite(void);
Suite	*jobs_suite(void);
Suite	*tz_suite(void);
Suite	*label_suite(void);
Suite	*report_suite(void);
Suite	*webauthn_suite(void);
Suite	*api_token_suite(void);
Suite	*scim_suite(void);

#endif
