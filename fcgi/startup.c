/*
 * Start-up and shutdown shared by the three programs: libsodium and the
 * configuration first (steward-admin's keygen and migrate need no more),
 * then the key file, the validators, MariaDB's and libxml2's libraries,
 * libcurl when mail goes out by SMTP, the mail stylesheets (xslt_dir),
 * and on request the common-password
 * list and the Argon2id semaphore.  startup_end() undoes it, last the
 * configuration (it empties conf).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <mysql.h>
#include <sodium.h>

#include "startup.h"
#include "conf.h"
#include "hash.h"
#include "json_mem.h"
#include "mail.h"
#include "mem.h"
#include "rc.h"
#include "secret.h"
#include "valid.h"

/*
 * The options every program takes: -c FILE (*path, else left as is), -V
 * (prints the version and exits 0), -h.  Stops at the first argument
 * that is not an option.  Returns the index of that argument; -2 for -h,
 * -1 for an unknown option (the caller prints its usage).
 */
int
startup_options(int argc, char *argv[], const char **path)
{
	int	 ch;

	while ((ch = getopt(argc, argv, "+c:hV")) != -1)
		switch (ch) {
		case 'c':
			*path = optarg;
			break;
		case 'V':
			puts(PACKAGE_STRING);
			exit(0);
		case 'h':
			return -2;
		default:
			return -1;
		}
	return optind;
}

static unsigned	 started;	/* START_* set up, for startup_end() */
static int	 libs;		/* startup_libs() ran */

/* libsodium, jansson's allocator and the configuration file path (NULL:
 * the default).  An rc. */
int
startup_conf(const char *path, char *err, size_t errlen)
{
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium cannot start");
		return RC_ERROR;
	}
	json_mem_init();	/* before any jansson value */
	return conf_load(path, err, errlen) == -1 ? RC_ERROR : RC_OK;
}

/*
 * The rest, after startup_conf(): what (START_*), with hashes Argon2id
 * hashes at once for START_PASSWORDS.  An rc, with the reason in err.
 */
int
startup_libs(unsigned what, int hashes, char *err, size_t errlen)
{
	if (secret_load(conf.secret_key_file, err, errlen) == -1 ||
	    valid_init(err, errlen) == -1)
		return RC_ERROR;
	libs = 1;
	/* libcurl (and the TLS library it loads) only when mail goes out by
	 * SMTP: it is a third of the idle worker's memory. */
	if (mysql_library_init(0, NULL, NULL) ||
	    (conf.smtp_url[0] && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)) {
		snprintf(err, errlen, "library initialisation failed");
		return RC_ERROR;
	}
	mem_xml_init(conf.xml_mimalloc);
	xmlInitParser();
	if (mail_init(conf.xslt_dir, err, errlen) == -1)
		return RC_ERROR;
	if (what & START_PASSWORDS) {
		started |= START_PASSWORDS;
		if (common_load(conf.common_passwords, err, errlen) == -1)
			return RC_ERROR;
		if (password_init(hashes) == -1) {
			snprintf(err, errlen, "argon2 self-test failed");
			return RC_ERROR;
		}
	}
	return RC_OK;
}

/* Frees what startup_conf() and startup_libs() set up. */
void
startup_end(void)
{
	if (started & START_PASSWORDS)
		common_free();
	if (libs) {
		mail_free();
		valid_free();
		if (conf.smtp_url[0])
			curl_global_cleanup();
		xmlCleanupParser();
		mysql_library_end();
	}
	conf_free();
}
