/*
 * Unit tests (Check): the process-wide fixtures and main(), which runs
 * one suite per module tested (tests/unit/check_MODULE.c tests
 * fcgi/MODULE.c), lower layers first. Table-driven where the subject is
 * a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <sodium.h>

#include "check.h"

#include "../../fcgi/conf.h"
#include "../../fcgi/hash.h"
#include "../../fcgi/json_mem.h"
#include "../../fcgi/secret.h"
#include "../../fcgi/valid.h"

static char keyfile[] = "/tmp/steward-unit-key-XXXXXX";

#define NEED(x) do { if (!(x)) { fprintf(stderr, "setup: %s: %s\n", #x, err); \
	exit(2); } } while (0)

/* Configuration, a key file and the validators, once for the process. */
static void
global_setup(void)
{
	char	 err[256] = "";
	int	 fd;

	NEED(sodium_init() >= 0);
	json_mem_init();	/* as startup_conf(): before any jansson value */
	NEED(conf_load("/dev/null", err, sizeof(err)) == 0);
	conf.argon2_m = 8192;		/* fast but real Argon2id */
	conf.argon2_t = 1;
	fd = mkstemp(keyfile);
	NEED(fd >= 0);
	close(fd);
	unlink(keyfile);
	NEED(secret_generate(keyfile, err, sizeof(err)) == 0);
	NEED(secret_load(keyfile, err, sizeof(err)) == 0);
	NEED(valid_init(err, sizeof(err)) == 0);
	NEED(password_init(2) == 0);
	NEED(common_load(TOP_SRCDIR "/data/common-passwords.txt", err,
	    sizeof(err)) == 0);
}

/* The order the suites run in. */
static Suite *(*const suites[])(void) = {
	arena_suite, mem_suite, db_suite, name_cache_suite, conf_suite, decode_suite, valid_suite, roles_suite,
	hash_suite, token_suite, secret_suite, xml_suite, mail_suite,
	request_suite, text_suite, status_suite, money_suite, country_suite,
	totp_suite, ua_suite, ingest_suite, csv_suite, multipart_suite,
	jobs_suite, tz_suite, label_suite, report_suite, json_flat_suite, json_mem_suite,
	webauthn_suite, api_token_suite,
	scim_suite,
	active_cache_suite,
};

int
main(void)
{
	SRunner	*sr;
	size_t	 i;
	int	 failed;

	global_setup();
	sr = srunner_create(suites[0]());
	for (i = 1; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	unlink(keyfile);
	valid_free();
	common_free();
	conf_free();
	xmlCleanupParser();
	return failed == 0 ? 0 : 1;
}
