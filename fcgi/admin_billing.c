/*
 * steward-admin: usage, the period close, invoice statuses.
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
#include "audit.h"
#include "db.h"
#include "invoice.h"
#include "rc.h"
#include "usage.h"

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

/* usage-add --account ID --day D [--data-points N] [--mau N] */
int
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
int
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

/* An invoice's status change, for status_tx(). */
struct status_change {
	struct ctx	*c;
	long long	 org, num;
	const char	*st;
	int		 changed;	/* out */
};

/* db_txn_fn: sets the invoice's status, audited when it changed. */
static int
status_tx(struct db *db, void *arg)
{
	struct status_change	*s = arg;
	int			 rc;

	if ((rc = invoice_set_status(db, &s->c->a, (uint64_t)s->org,
	    (uint64_t)s->num, s->st, &s->changed)) != RC_OK || !s->changed)
		return rc;
	return audit(db, 0, 0, "invoice.status", arena_printf(&s->c->a,
	    "organization %lld invoice %lld: %s", s->org, s->num, s->st),
	    "cli");
}

/* invoice-status --org ID --number N --status paid|void */
int
cmd_invoice_status(struct ctx *c, int argc, char *argv[])
{
	long long	 org = opt_num(argc, argv, "--org", NULL, 1LL << 62);
	long long	 num = opt_num(argc, argv, "--number", NULL, 1LL << 31);
	const char	*st = opt(argc, argv, "--status", "");
	struct status_change	 s = { c, org, num, st, 0 };

	if (org <= 0 || num <= 0 || (strcmp(st, "paid") != 0 &&
	    strcmp(st, "void") != 0)) {
		fprintf(stderr, "steward-admin: invoice-status --org ID "
		    "--number N --status paid|void\n");
		return EX_USAGE_;
	}
	if (db_txn(&c->db, status_tx, &s) != RC_OK) {
		fprintf(stderr, "steward-admin: could not change the invoice\n");
		return EX_RUNTIME;
	}
	if (!s.changed) {
		fprintf(stderr, "steward-admin: organization %lld has no open "
		    "invoice %lld\n", org, num);
		return EX_RUNTIME;
	}
	printf("invoice %s is %s\n", invoice_ref(&c->a, (uint64_t)org,
	    (uint64_t)num), st);
	return 0;
}
