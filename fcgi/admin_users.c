/*
 * steward-admin: organizations, accounts, users, passcodes, the mail test.
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
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "hash.h"
#include "limits.h"
#include "mail.h"
#include "provision.h"
#include "rc.h"
#include "roles.h"
#include "secret.h"
#include "throttle.h"
#include "twofa.h"
#include "valid.h"

/* Columns of STMT_ACCOUNT_BY_PUBLIC, STMT_USER_BY_EMAIL, STMT_ACCOUNT_PASSCODE. */
enum { ABP_ID };
enum { UBE_ID, UBE_HASH, UBE_NAME, UBE_TOTP };
enum { AP_PASSCODE };

/* A new organization and its account, for org_tx(). */
struct org_new {
	struct ctx	*c;
	const char	*name, *aname, *region, *tz;
	char		*pub;		/* out: 13 bytes */
	uint64_t	 org, acc;	/* out */
};

/* db_txn_fn: creates the organization and its account. */
static int
org_tx(struct db *db, void *arg)
{
	struct org_new	*o = arg;
	int		 rc;

	if ((rc = db_exec(db, &o->c->a, STMT_ORG_NEW, NULL, NULL, &o->org,
	    "s", o->name)) != RC_OK)
		return rc;
	return account_create(db, &o->c->a, o->org, o->aname, o->region,
	    o->tz, o->pub, &o->acc);
}

/* org-create NAME [--account-name N] [--region R] [--timezone TZ] */
int
cmd_org_create(struct ctx *c, int argc, char *argv[])
{
	const char	*name = arg(argc, argv, 0);
	const char	*aname = opt(argc, argv, "--account-name", name);
	const char	*region = opt(argc, argv, "--region", "eu1");
	const char	*tz = opt(argc, argv, "--timezone", "UTC");
	char		 pub[13];
	struct org_new	 o = { c, name, aname, region, tz, pub, 0, 0 };

	if (!check(VALID_ORG_NAME, "NAME", name) ||
	    !check(VALID_ORG_NAME, "--account-name", aname) ||
	    !check(VALID_REGION, "--region", region) ||
	    !check(VALID_TIMEZONE, "--timezone", tz))
		return EX_USAGE_;
	if (db_txn(&c->db, org_tx, &o) != RC_OK) {
		fprintf(stderr, "steward-admin: could not create the organization\n");
		return EX_RUNTIME;
	}
	printf("org=%llu account=%s\n", (unsigned long long)o.org, pub);
	return 0;
}

/* account-create --org ID NAME [--region R] [--timezone TZ] */
int
cmd_account_create(struct ctx *c, int argc, char *argv[])
{
	const char	*org = opt(argc, argv, "--org", NULL);
	const char	*name = arg(argc, argv, 0);
	const char	*region = opt(argc, argv, "--region", "eu1");
	const char	*tz = opt(argc, argv, "--timezone", "UTC");
	char		 pub[13], *end;
	uint64_t	 acc, orgid;

	if (org == NULL || (orgid = strtoull(org, &end, 10)) == 0 || *end) {
		fprintf(stderr, "steward-admin: --org ID is required\n");
		return EX_USAGE_;
	}
	if (!check(VALID_ORG_NAME, "NAME", name) ||
	    !check(VALID_REGION, "--region", region) ||
	    !check(VALID_TIMEZONE, "--timezone", tz))
		return EX_USAGE_;
	if (account_create(&c->db, &c->a, orgid, name, region, tz, pub,
	    &acc) != RC_OK) {
		fprintf(stderr, "steward-admin: could not create the account "
		    "(does organization %s exist?)\n", org);
		return EX_RUNTIME;
	}
	printf("account=%s\n", pub);
	return 0;
}

/* The account's internal id for a public Account ID; 0 when unknown. */
uint64_t
account_lookup(struct ctx *c, const char *pub)
{
	struct dbres	 res;

	if (!check(VALID_ACCOUNT_ID, "--account", pub))
		return 0;
	if (db_exec(&c->db, &c->a, STMT_ACCOUNT_BY_PUBLIC, &res, NULL, NULL,
	    "s", pub) != RC_OK || res.nrows != 1) {
		fprintf(stderr, "steward-admin: no account %s\n", pub);
		return 0;
	}
	return db_u64(&res, 0, ABP_ID);
}

/*
 * The user with this email (what names it: EMAIL, --user) into *id and,
 * when name is not NULL, *name; 0, or the exit status after saying why
 * (a bad or unknown email: EX_USAGE_; no database: EX_RUNTIME).
 */
int
user_lookup(struct ctx *c, const char *what, const char *email, uint64_t *id,
    const char **name)
{
	struct dbres	 res;

	if (!check(VALID_EMAIL, what, email))
		return EX_USAGE_;
	if (db_exec(&c->db, &c->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		return EX_RUNTIME;
	if (res.nrows != 1) {
		fprintf(stderr, "steward-admin: no user %s\n", email);
		return EX_USAGE_;
	}
	*id = db_u64(&res, 0, UBE_ID);
	if (name != NULL)
		*name = db_cell(&res, 0, UBE_NAME);
	return 0;
}

/* Reads the first line of stdin as the password; NULL when there is none. */
static char *
read_password(char *buf, size_t len)
{
	size_t	 n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return NULL;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return buf;
}

/* user-add EMAIL ROLE --account ID [--name NAME], password on stdin. */
int
cmd_user_add(struct ctx *c, int argc, char *argv[])
{
	const char	*email = arg(argc, argv, 0), *rname = arg(argc, argv, 1);
	const char	*name = opt(argc, argv, "--name", NULL);
	const char	*why;
	char		 pw[MAX_PASSWORD_BYTES + 2], enc[256], local[65];
	struct dbres	 res;
	enum role	 role;
	uint64_t	 acc, user;
	size_t		 n;

	if (!check(VALID_EMAIL, "EMAIL", email))
		return EX_USAGE_;
	if ((role = role_parse(rname)) == ROLE_NONE) {
		fprintf(stderr, "steward-admin: ROLE: %s\n",
		    valid_message(VALID_ROLE));
		return EX_USAGE_;
	}
	if (name == NULL) {
		n = (size_t)(strchr(email, '@') - email);
		snprintf(local, sizeof(local), "%.*s", (int)n, email);
		name = local;
	}
	if (!check(VALID_PERSON_NAME, "--name", name))
		return EX_USAGE_;
	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (db_exec(&c->db, &c->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		return EX_RUNTIME;
	if (res.nrows == 1) {
		user = db_u64(&res, 0, UBE_ID);
		printf("user %s exists: password unchanged\n", email);
	} else {
		if (read_password(pw, sizeof(pw)) == NULL) {
			fprintf(stderr, "steward-admin: give the password on stdin\n");
			return EX_USAGE_;
		}
		if ((why = password_policy(pw, strlen(pw), email)) != NULL) {
			fprintf(stderr, "steward-admin: password: %s\n", why);
			return EX_USAGE_;
		}
		if (password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK)
			return EX_RUNTIME;
		sodium_memzero(pw, sizeof(pw));
		if (db_exec(&c->db, &c->a, STMT_USER_NEW, NULL, NULL, &user,
		    "sss", email, name, enc) != RC_OK)
			return EX_RUNTIME;
	}
	if (db_exec(&c->db, &c->a, STMT_MEMBERSHIP_NEW, NULL, NULL, NULL,
	    "uui", acc, user, (long long)role) != RC_OK ||
	    audit(&c->db, acc, 0, "member.add", email, "cli") != RC_OK)
		return EX_RUNTIME;
	printf("user=%llu role=%s\n", (unsigned long long)user, role_name(role));
	return 0;
}

/* user-unlock EMAIL [--ip ADDR]: forgets sign-in failures. */
int
cmd_user_unlock(struct ctx *c, int argc, char *argv[])
{
	const char	*email = arg(argc, argv, 0), *ip = opt(argc, argv, "--ip", NULL);

	if (!check(VALID_EMAIL, "EMAIL", email))
		return EX_USAGE_;
	if (throttle_forget(&c->db, &c->a, "email", email) != RC_OK ||
	    (ip != NULL && throttle_forget(&c->db, &c->a, "ip", ip) != RC_OK) ||
	    db_exec(&c->db, &c->a, STMT_USER_UNLOCK, NULL, NULL, NULL, "s",
	    email) != RC_OK ||
	    audit(&c->db, 0, 0, "user.unlock", email, "cli") != RC_OK)
		return EX_RUNTIME;
	printf("unlocked %s%s%s\n", email, ip ? " and " : "", ip ? ip : "");
	return 0;
}

/* user-reset-2fa EMAIL: turns 2-step verification off (mail to the user). */
int
cmd_user_reset_2fa(struct ctx *c, int argc, char *argv[])
{
	const char	*email = arg(argc, argv, 0), *name;
	uint64_t	 user;
	char		 err[256];
	int		 rc;

	if ((rc = user_lookup(c, "EMAIL", email, &user, &name)) != 0)
		return rc;
	if (twofa_reset(&c->db, &c->a, user, email, name, 0, 0, "cli", err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "steward-admin: %s\n", err);
		return EX_RUNTIME;
	}
	printf("2-step verification of %s is off; all sessions ended\n", email);
	return 0;
}

/* passcode-show --account ID */
int
cmd_passcode_show(struct ctx *c, int argc, char *argv[])
{
	struct dbres	 res;
	char		 pc[PASSCODE_LEN + 1];
	uint64_t	 acc;

	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (db_exec(&c->db, &c->a, STMT_ACCOUNT_PASSCODE, &res, NULL, NULL,
	    "u", acc) != RC_OK || res.nrows != 1 ||
	    passcode_open((const unsigned char *)db_cell(&res, 0, AP_PASSCODE), res.len[AP_PASSCODE],
	    pc) == -1) {
		fprintf(stderr, "steward-admin: passcode cannot be opened with "
		    "this key file\n");
		return EX_RUNTIME;
	}
	(void)audit(&c->db, acc, 0, "passcode.reveal", "cli", "cli");
	puts(pc);
	sodium_memzero(pc, sizeof(pc));
	return 0;
}

/*
 * mail-test EMAIL [--name NAME]: sends a short message with a text and an
 * HTML part through the configured delivery (smtp_url, else mail_dir),
 * so an installation can check its relay.
 */
int
cmd_mail_test(struct ctx *c, int argc, char *argv[])
{
	const char	*to = arg(argc, argv, 0), *name = opt(argc, argv, "--name", NULL);
	char		 err[256];

	if (!check(VALID_EMAIL, "EMAIL", to) ||
	    (name != NULL && !check(VALID_PERSON_NAME, "--name", name)))
		return EX_USAGE_;
	if (mail_send_doc(mail_doc("test", to, name,
	    "Steward mail test \xe2\x9c\x93"), err, sizeof(err)) == -1) {
		fprintf(stderr, "steward-admin: mail-test: %s\n", err);
		return EX_RUNTIME;
	}
	printf("sent to %s through %s\n", to, conf.smtp_url[0] ?
	    conf.smtp_url : conf.mail_dir);
	(void)c;
	return 0;
}

/* An account whose passcode rotate_tx() rotates. */
struct rotate {
	struct ctx	*c;
	uint64_t	 acc;
};

/* db_txn_fn: a new passcode for r->acc, audited. */
static int
rotate_tx(struct db *db, void *arg)
{
	struct rotate	*r = arg;
	int		 rc;

	if ((rc = passcode_rotate(db, &r->c->a, r->acc)) != RC_OK)
		return rc;
	return audit(db, r->acc, 0, "passcode.rotate", "cli", "cli");
}

/* passcode-rotate --account ID: a new passcode, audited. */
int
cmd_passcode_rotate(struct ctx *c, int argc, char *argv[])
{
	struct rotate	 r;
	uint64_t	 acc;

	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	r.c = c;
	r.acc = acc;
	if (db_txn(&c->db, rotate_tx, &r) != RC_OK) {
		fprintf(stderr, "steward-admin: could not rotate the passcode\n");
		return EX_RUNTIME;
	}
	puts("passcode rotated");
	return 0;
}
