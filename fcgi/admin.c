/*
 * steward-admin: what a shared-hosting install needs before the first
 * sign-in — a key file, the schema, an organization, the first Admin.
 * Exit 0 on success, 1 on a usage error, 2 on a runtime error.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "admin.h"
#include "arena.h"
#include "conf.h"
#include "db.h"
#include "rc.h"
#include "secret.h"
#include "startup.h"
#include "valid.h"

/* Prints the usage and returns EX_USAGE_. */
static int
usage(void)
{
	fputs("usage: steward-admin [-c FILE] COMMAND [ARGS]\n"
	    "commands:\n"
	    "  keygen                          create secret_key_file (mode 0600)\n"
	    "  migrate                         apply the migrations of sql_dir\n"
	    "  org-create NAME [--account-name N] [--region R] [--timezone TZ]\n"
	    "  account-create --org ID NAME [--region R] [--timezone TZ]\n"
	    "  user-add EMAIL ROLE --account ID [--name NAME]   (password on stdin)\n"
	    "  passcode-show --account ID\n"
	    "  user-unlock EMAIL [--ip ADDR]   forget failed sign-ins\n"
	    "  mail-test EMAIL [--name NAME]   send a test mail (text + HTML)\n"
	    "  passcode-rotate --account ID    a new passcode (the old one stops working)\n"
	    "  usage-add --account ID --day YYYY-MM-DD [--data-points N] [--mau N]\n"
	    "  period-close [--org ID] [--now 'YYYY-MM-DD HH:MM:SS']\n"
	    "  invoice-status --org ID --number N --status paid|void\n"
	    "  user-reset-2fa EMAIL            turn 2-step verification off\n"
	    "  token-create EMAIL --account ID --name NAME --scopes S[,S…] [--expires 30|90|365|never]\n"
	    "  plans --account ID [--user EMAIL] [--verbose]\n"
	    "                                  whether the list pages' statements read their indexes in order\n"
	    "See steward-admin(8).\n", stderr);
	return EX_USAGE_;
}

/* Value of --name in argv, or def. */
const char *
opt(int argc, char *argv[], const char *name, const char *def)
{
	int	 i;

	for (i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return def;
}

/* The i-th argument that is neither an option nor an option's value. */
const char *
arg(int argc, char *argv[], int want)
{
	int	 i, n = 0;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0) {
			i++;
			continue;
		}
		if (n++ == want)
			return argv[i];
	}
	return NULL;
}

/* 1 when s is valid for kind v; prints why not otherwise. */
int
check(enum valid v, const char *what, const char *s)
{
	if (s != NULL && valid_check(v, s, strlen(s)))
		return 1;
	fprintf(stderr, "steward-admin: %s: %s\n", what, valid_message(v));
	return 0;
}

/* The commands and the functions that run them. */
static const struct {
	const char	*name;
	int		(*fn)(struct ctx *, int, char *[]);
} cmds[] = {
	{ "org-create", cmd_org_create },
	{ "account-create", cmd_account_create },
	{ "user-add", cmd_user_add },
	{ "passcode-show", cmd_passcode_show },
	{ "user-unlock", cmd_user_unlock },
	{ "mail-test", cmd_mail_test },
	{ "passcode-rotate", cmd_passcode_rotate },
	{ "usage-add", cmd_usage_add },
	{ "period-close", cmd_period_close },
	{ "invoice-status", cmd_invoice_status },
	{ "user-reset-2fa", cmd_user_reset_2fa },
	{ "token-create", cmd_token_create },
	{ "plans", cmd_plans },
};

int
main(int argc, char *argv[])
{
	const char	*path = NULL;
	char		 err[512];
	struct ctx	 c;
	size_t		 i;
	int		 ch, rc;

	if ((ch = startup_options(argc, argv, &path)) < 0)
		return usage();
	argc -= ch;
	argv += ch;
	if (argc < 1)
		return usage();
	if (startup_conf(path, err, sizeof(err)) != RC_OK) {
		fprintf(stderr, "steward-admin: %s\n", err);
		return EX_RUNTIME;
	}
	if (strcmp(argv[0], "keygen") == 0) {
		if (access(conf.secret_key_file, F_OK) == 0) {
			printf("%s exists: kept\n", conf.secret_key_file);
			return 0;
		}
		if (secret_generate(conf.secret_key_file, err, sizeof(err)) == -1) {
			fprintf(stderr, "steward-admin: %s\n", err);
			return EX_RUNTIME;
		}
		printf("created %s\n", conf.secret_key_file);
		return 0;
	}
	if (strcmp(argv[0], "migrate") == 0)
		return (rc = cmd_migrate()) != 0 ? rc : check_statements();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0]))
		return usage();
	if (startup_libs(START_PASSWORDS, 1, err, sizeof(err)) != RC_OK) {
		fprintf(stderr, "steward-admin: %s\n", err);
		return EX_RUNTIME;
	}
	if (db_open(&c.db) == -1) {
		fprintf(stderr, "steward-admin: cannot reach the database\n");
		return EX_RUNTIME;
	}
	arena_init(&c.a);
	rc = cmds[i].fn(&c, argc, argv);
	arena_reset(&c.a);
	db_close(&c.db);
	startup_end();
	return rc;
}
