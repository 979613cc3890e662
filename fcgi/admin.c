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

#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "hash.h"
#include "invoice.h"
#include "limits.h"
#include "mail.h"
#include "provision.h"
#include "rc.h"
#include "roles.h"
#include "secret.h"
#include "throttle.h"
#include "twofa.h"
#include "usage.h"
#include "valid.h"

#define EX_USAGE_	1
#define EX_RUNTIME	2
#define MAX_MIGRATION	(1024 * 1024)

struct ctx {
	struct db	 db;
	struct arena	 a;
};

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
	    "See steward-admin(8).\n", stderr);
	return EX_USAGE_;
}

/* Value of --name in argv, or def. */
static const char *
opt(int argc, char *argv[], const char *name, const char *def)
{
	int	 i;

	for (i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return def;
}

/* The i-th argument that is neither an option nor an option's value. */
static const char *
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
static int
check(enum valid v, const char *what, const char *s)
{
	if (s != NULL && valid_check(v, s, strlen(s)))
		return 1;
	fprintf(stderr, "steward-admin: %s: %s\n", what, valid_message(v));
	return 0;
}

/* Runs one migration file's text (multi-statement) on a raw connection. */
static int
run_sql(MYSQL *my, const char *sql, size_t len, const char *name)
{
	int	 st;

	if (mysql_real_query(my, sql, (unsigned long)len)) {
		fprintf(stderr, "steward-admin: %s: %s\n", name, mysql_error(my));
		return -1;
	}
	do {
		MYSQL_RES *res = mysql_store_result(my);
		if (res)
			mysql_free_result(res);
		if ((st = mysql_next_result(my)) > 0) {
			fprintf(stderr, "steward-admin: %s: %s\n", name,
			    mysql_error(my));
			return -1;
		}
	} while (st == 0);
	return 0;
}

/* Keeps the NNN_name.sql files of sql_dir. */
static int
is_migration(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return n > 8 && d->d_name[0] >= '0' && d->d_name[0] <= '9' &&
	    d->d_name[3] == '_' && strcmp(d->d_name + n - 4, ".sql") == 0;
}

/* Reads a whole file (at most MAX_MIGRATION bytes); NULL on error. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "r");
	char	*buf;

	if (f == NULL)
		return NULL;
	if ((buf = malloc(MAX_MIGRATION + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, MAX_MIGRATION + 1, f);
	fclose(f);
	if (*len > MAX_MIGRATION) {
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/*
 * Runs query q (one string parameter: name) on a raw connection.  Returns
 * the number of rows it produced (0 for a statement without rows), or -1.
 */
static int
exec_name(MYSQL *my, const char *q, const char *name)
{
	MYSQL_STMT	*st = mysql_stmt_init(my);
	MYSQL_BIND	 b;
	int		 rc = -1;

	memset(&b, 0, sizeof(b));
	b.buffer_type = MYSQL_TYPE_STRING;
	b.buffer = (void *)name;
	b.buffer_length = strlen(name);
	if (st && !mysql_stmt_prepare(st, q, strlen(q)) &&
	    !mysql_stmt_bind_param(st, &b) && !mysql_stmt_execute(st) &&
	    !mysql_stmt_store_result(st))
		rc = (int)mysql_stmt_num_rows(st);
	if (st)
		mysql_stmt_close(st);
	return rc;
}

/* Has this migration been applied?  -1 on error. */
static int
applied(MYSQL *my, const char *name)
{
	int	 n = exec_name(my, "SELECT 1 FROM schema_migration WHERE name = ?",
	    name);

	return n < 0 ? -1 : n > 0;
}

/* Records a migration as applied. */
static int
record(MYSQL *my, const char *name)
{
	return exec_name(my, "INSERT INTO schema_migration (name) VALUES (?)",
	    name) < 0 ? -1 : 0;
}

/* migrate: applies, in name order, every migration not yet applied. */
static int
cmd_migrate(void)
{
	static const char ddl[] =
	    "CREATE TABLE IF NOT EXISTS schema_migration ("
	    " name VARCHAR(200) NOT NULL PRIMARY KEY,"
	    " applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6))"
	    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
	struct dirent	**list = NULL;
	MYSQL		*my = mysql_init(NULL);
	char		 path[4096], *sql;
	size_t		 len;
	int		 n = 0, i, rc = EX_RUNTIME, done = 0, a;

	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(my, conf.db_socket[0] ? NULL : conf.db_host,
	    conf.db_user, conf.db_password, conf.db_name,
	    conf.db_socket[0] ? 0 : (unsigned)conf.db_port,
	    conf.db_socket[0] ? conf.db_socket : NULL, CLIENT_MULTI_STATEMENTS)) {
		fprintf(stderr, "steward-admin: database: %s\n", mysql_error(my));
		mysql_close(my);
		return EX_RUNTIME;
	}
	if (run_sql(my, ddl, sizeof(ddl) - 1, "schema_migration") == -1)
		goto out;
	if ((n = scandir(conf.sql_dir, &list, is_migration, alphasort)) < 0) {
		fprintf(stderr, "steward-admin: %s: %s\n", conf.sql_dir,
		    strerror(errno));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((a = applied(my, list[i]->d_name)) == -1)
			goto out;
		if (a)
			continue;
		snprintf(path, sizeof(path), "%s/%s", conf.sql_dir, list[i]->d_name);
		if ((sql = slurp(path, &len)) == NULL) {
			fprintf(stderr, "steward-admin: %s: cannot read\n", path);
			goto out;
		}
		if (run_sql(my, sql, len, list[i]->d_name) == -1 ||
		    record(my, list[i]->d_name) == -1) {
			free(sql);
			goto out;
		}
		free(sql);
		printf("applied %s\n", list[i]->d_name);
		done++;
	}
	if (done == 0)
		printf("schema is up to date\n");
	rc = 0;
out:
	for (i = 0; list != NULL && i < n; i++)
		free(list[i]);
	free(list);
	mysql_close(my);
	return rc;
}

/*
 * After migrating: prepares every statement of the table against the
 * schema (the worker prepares them on first use), so that a statement
 * the schema does not fit fails the deploy, not a request.
 */
static int
check_statements(void)
{
	struct db	 db;
	int		 rc;

	if (db_open(&db) == -1)
		return EX_RUNTIME;
	rc = db_prepare_all(&db);
	db_close(&db);
	if (rc == -1) {
		fprintf(stderr, "steward-admin: a statement does not fit the "
		    "schema (see above)\n");
		return EX_RUNTIME;
	}
	return 0;
}

/* org-create NAME [--account-name N] [--region R] [--timezone TZ] */
static int
cmd_org_create(struct ctx *c, int argc, char *argv[])
{
	const char	*name = arg(argc, argv, 0);
	const char	*aname = opt(argc, argv, "--account-name", name);
	const char	*region = opt(argc, argv, "--region", "eu1");
	const char	*tz = opt(argc, argv, "--timezone", "UTC");
	char		 pub[13];
	uint64_t	 org, acc;

	if (!check(VALID_ORG_NAME, "NAME", name) ||
	    !check(VALID_ORG_NAME, "--account-name", aname) ||
	    !check(VALID_REGION, "--region", region) ||
	    !check(VALID_TIMEZONE, "--timezone", tz))
		return EX_USAGE_;
	if (db_begin(&c->db) != RC_OK ||
	    db_exec(&c->db, &c->a, STMT_ORG_NEW, NULL, NULL, &org, "s",
	    name) != RC_OK ||
	    account_create(&c->db, &c->a, org, aname, region, tz, pub,
	    &acc) != RC_OK || db_commit(&c->db) != RC_OK) {
		db_rollback(&c->db);
		fprintf(stderr, "steward-admin: could not create the organization\n");
		return EX_RUNTIME;
	}
	printf("org=%llu account=%s\n", (unsigned long long)org, pub);
	return 0;
}

/* account-create --org ID NAME [--region R] [--timezone TZ] */
static int
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
static uint64_t
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
	return db_u64(&res, 0, 0);
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
static int
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
		user = db_u64(&res, 0, 0);
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
static int
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
static int
cmd_user_reset_2fa(struct ctx *c, int argc, char *argv[])
{
	const char	*email = arg(argc, argv, 0);
	struct dbres	 res;
	char		 err[256];

	if (!check(VALID_EMAIL, "EMAIL", email))
		return EX_USAGE_;
	if (db_exec(&c->db, &c->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		return EX_RUNTIME;
	if (res.nrows != 1) {
		fprintf(stderr, "steward-admin: no user %s\n", email);
		return EX_USAGE_;
	}
	if (twofa_reset(&c->db, &c->a, db_u64(&res, 0, 0), email,
	    db_cell(&res, 0, 2), 0, 0, "cli", err, sizeof(err)) == -1) {
		fprintf(stderr, "steward-admin: %s\n", err);
		return EX_RUNTIME;
	}
	printf("2-step verification of %s is off; all sessions ended\n", email);
	return 0;
}

/* passcode-show --account ID */
static int
cmd_passcode_show(struct ctx *c, int argc, char *argv[])
{
	struct dbres	 res;
	char		 pc[PASSCODE_LEN + 1];
	uint64_t	 acc;

	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (db_exec(&c->db, &c->a, STMT_ACCOUNT_PASSCODE, &res, NULL, NULL,
	    "u", acc) != RC_OK || res.nrows != 1 ||
	    passcode_open((const unsigned char *)db_cell(&res, 0, 0), res.len[0],
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
static int
cmd_mail_test(struct ctx *c, int argc, char *argv[])
{
	const char	*to = arg(argc, argv, 0), *name = opt(argc, argv, "--name", NULL);
	struct mail	 m;
	xmlDocPtr	 doc;
	xmlNodePtr	 html, body;
	char		 err[256];
	int		 rc;

	if (!check(VALID_EMAIL, "EMAIL", to) ||
	    (name != NULL && !check(VALID_PERSON_NAME, "--name", name)))
		return EX_USAGE_;
	memset(&m, 0, sizeof(m));
	m.to_addr = to;
	m.to_name = name;
	m.subject = "Steward mail test \xe2\x9c\x93";
	m.text = "This is a test message from steward-admin mail-test.\n"
	    "If you can read it, Steward's mail delivery works.\n";
	if ((doc = htmlNewDocNoDtD(NULL, NULL)) == NULL)
		return EX_RUNTIME;
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	xmlNewTextChild(body, NULL, BAD_CAST "p", BAD_CAST "This is a test "
	    "message from steward-admin mail-test.");
	xmlNewTextChild(body, NULL, BAD_CAST "p", BAD_CAST "If you can read "
	    "it, Steward's mail delivery works.");
	if (conf.smtp_url[0])
		curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = mail_send_html(&m, doc, err, sizeof(err));
	xmlFreeDoc(doc);
	if (conf.smtp_url[0])
		curl_global_cleanup();
	if (rc == -1) {
		fprintf(stderr, "steward-admin: mail-test: %s\n", err);
		return EX_RUNTIME;
	}
	printf("sent to %s through %s\n", to, conf.smtp_url[0] ?
	    conf.smtp_url : conf.mail_dir);
	(void)c;
	return 0;
}

/* ------------------------------------------ account part (issue 5) */

/* The value of option name as a number of at most max; -1 when bad. */
static long long
opt_num(int argc, char *argv[], const char *name, const char *def,
    long long max)
{
	const char	*v = opt(argc, argv, name, def);
	char		*end;
	long long	 n;

	if (v == NULL || *v < '0' || *v > '9')
		return -1;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n >= 0 && n <= max ? n : -1;
}

/* passcode-rotate --account ID: a new passcode, audited. */
static int
cmd_passcode_rotate(struct ctx *c, int argc, char *argv[])
{
	uint64_t	 acc;

	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (db_begin(&c->db) != RC_OK ||
	    passcode_rotate(&c->db, &c->a, acc) != RC_OK ||
	    audit(&c->db, acc, 0, "passcode.rotate", "cli", "cli") != RC_OK ||
	    db_commit(&c->db) != RC_OK) {
		db_rollback(&c->db);
		fprintf(stderr, "steward-admin: could not rotate the passcode\n");
		return EX_RUNTIME;
	}
	puts("passcode rotated");
	return 0;
}

/* usage-add --account ID --day D [--data-points N] [--mau N] */
static int
cmd_usage_add(struct ctx *c, int argc, char *argv[])
{
	const char	*day = opt(argc, argv, "--day", NULL);
	long long	 dp = opt_num(argc, argv, "--data-points", "0", 1000000000000LL);
	long long	 mau = opt_num(argc, argv, "--mau", "0", 1000000000000LL);
	int		 y, m, d, k = 0;
	uint64_t	 acc;

	if (day == NULL || sscanf(day, "%4d-%2d-%2d%n", &y, &m, &d, &k) != 3 ||
	    k != 10 || strlen(day) != 10 || m < 1 || m > 12 || d < 1 || d > 31) {
		fprintf(stderr, "steward-admin: --day YYYY-MM-DD is required\n");
		return EX_USAGE_;
	}
	if (dp < 0 || mau < 0) {
		fprintf(stderr, "steward-admin: --data-points and --mau are "
		    "whole numbers\n");
		return EX_USAGE_;
	}
	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (usage_add(&c->db, &c->a, acc, day, (uint64_t)dp,
	    (uint64_t)mau) != RC_OK) {
		fprintf(stderr, "steward-admin: could not add the usage "
		    "(is %s a real date?)\n", day);
		return EX_RUNTIME;
	}
	printf("usage added: %s data-points=%lld mau=%lld\n", day, dp, mau);
	return 0;
}

/* period-close [--org ID] [--now 'YYYY-MM-DD HH:MM:SS'] */
static int
cmd_period_close(struct ctx *c, int argc, char *argv[])
{
	const char	*now = opt(argc, argv, "--now", NULL);
	long long	 org = opt_num(argc, argv, "--org", "0", 1LL << 62);
	int		 y, mo, d, h, mi, se, k = 0, orgs, issued;

	if (now != NULL && (sscanf(now, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo,
	    &d, &h, &mi, &se, &k) != 6 || k != 19 || strlen(now) != 19)) {
		fprintf(stderr, "steward-admin: --now 'YYYY-MM-DD HH:MM:SS' (UTC)\n");
		return EX_USAGE_;
	}
	if (org < 0) {
		fprintf(stderr, "steward-admin: --org ID is a number\n");
		return EX_USAGE_;
	}
	if (billing_close_all(&c->db, &c->a, (uint64_t)org, now, &orgs,
	    &issued) != RC_OK) {
		fprintf(stderr, "steward-admin: the period close failed\n");
		return EX_RUNTIME;
	}
	printf("closed=%d invoices=%d\n", orgs, issued);
	return 0;
}

/* invoice-status --org ID --number N --status paid|void */
static int
cmd_invoice_status(struct ctx *c, int argc, char *argv[])
{
	long long	 org = opt_num(argc, argv, "--org", NULL, 1LL << 62);
	long long	 num = opt_num(argc, argv, "--number", NULL, 1LL << 31);
	const char	*st = opt(argc, argv, "--status", "");
	int		 changed;

	if (org <= 0 || num <= 0 || (strcmp(st, "paid") != 0 &&
	    strcmp(st, "void") != 0)) {
		fprintf(stderr, "steward-admin: invoice-status --org ID "
		    "--number N --status paid|void\n");
		return EX_USAGE_;
	}
	if (db_begin(&c->db) != RC_OK ||
	    invoice_set_status(&c->db, &c->a, (uint64_t)org, (uint64_t)num,
	    st, &changed) != RC_OK ||
	    (changed && audit(&c->db, 0, 0, "invoice.status",
	    arena_printf(&c->a, "organization %lld invoice %lld: %s", org, num,
	    st), "cli") != RC_OK) || db_commit(&c->db) != RC_OK) {
		db_rollback(&c->db);
		fprintf(stderr, "steward-admin: could not change the invoice\n");
		return EX_RUNTIME;
	}
	if (!changed) {
		fprintf(stderr, "steward-admin: organization %lld has no open "
		    "invoice %lld\n", org, num);
		return EX_RUNTIME;
	}
	printf("invoice %s is %s\n", invoice_ref(&c->a, (uint64_t)org,
	    (uint64_t)num), st);
	return 0;
}

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
};

int
main(int argc, char *argv[])
{
	const char	*path = NULL;
	char		 err[512];
	struct ctx	 c;
	size_t		 i;
	int		 ch, rc;

	while ((ch = getopt(argc, argv, "+c:hV")) != -1)
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'V':
			puts(PACKAGE_STRING);
			return 0;
		default:
			return usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage();
	if (sodium_init() < 0 || conf_load(path, err, sizeof(err)) == -1) {
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
	if (secret_load(conf.secret_key_file, err, sizeof(err)) == -1 ||
	    valid_init(err, sizeof(err)) == -1 ||
	    common_load(conf.common_passwords, err, sizeof(err)) == -1) {
		fprintf(stderr, "steward-admin: %s\n", err);
		return EX_RUNTIME;
	}
	if (password_init(1) == -1 || db_open(&c.db) == -1) {
		fprintf(stderr, "steward-admin: cannot reach the database\n");
		return EX_RUNTIME;
	}
	arena_init(&c.a);
	rc = cmds[i].fn(&c, argc, argv);
	arena_reset(&c.a);
	db_close(&c.db);
	valid_free();
	common_free();
	conf_free();
	return rc;
}
