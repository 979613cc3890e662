/*
 * Invoices and the monthly period close.  An invoice takes its number from
 * the organization's counter row, read with SELECT … FOR UPDATE and
 * advanced in the same transaction, so numbers have no gaps and no
 * duplicates however many upgrades or closes run at once.  The close
 * moves an organization into its next period (applying a scheduled
 * downgrade) and bills the new period in advance; a paid-for period only.
 */
#include <string.h>

#include "invoice.h"
#include "arena.h"
#include "audit.h"
#include "bill.h"
#include "db.h"
#include "limits.h"
#include "money.h"
#include "rc.h"

/* Columns of STMT_BILL_LOCK. */
enum { BL_NEXT };

/* Columns of STMT_CLOSE_DUE. */
enum { CD_ORG };

/* Columns of STMT_CLOSE_STATE. */
enum { CS_ENDED, CS_NEXT_START, CS_NEXT_END, CS_PLAN };

/*
 * Issues an invoice of one line (description, amount) to org, numbered
 * from its counter; issued at now ('YYYY-MM-DD HH:MM:SS' UTC, NULL for the
 * current time) and due INVOICE_DUE_DAYS later.  Must run inside the
 * caller's transaction.  Returns an rc; *number is set on success.
 */
int
invoice_issue(struct db *db, struct arena *a, uint64_t org, const char *kind,
    const char *period_start, const char *period_end, const char *currency,
    const char *description, uint64_t amount, const char *now,
    uint64_t *number)
{
	struct inv_line	 line = { 1, amount, 0 };
	struct dbres	 res;
	uint64_t	 id, total;
	int		 rc;

	if ((rc = invoice_total(&line, 1, &total)) != RC_OK)
		return rc;
	if ((rc = db_exec(db, a, STMT_BILL_LOCK, &res, NULL, NULL, "u",
	    org)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	*number = db_u64(&res, 0, BL_NEXT);
	if ((rc = db_exec(db, a, STMT_INVOICE_NEW, NULL, NULL, &id,
	    "ssssissiu", kind, period_start, period_end, currency,
	    (long long)total, now, now, (long long)INVOICE_DUE_DAYS,
	    org)) != RC_OK)
		return rc;
	if ((rc = db_exec(db, a, STMT_INVOICE_LINE_NEW, NULL, NULL, NULL,
	    "uisiii", id, 1LL, description, (long long)line.quantity,
	    (long long)line.unit, (long long)line.amount)) != RC_OK)
		return rc;
	return db_exec(db, a, STMT_INVOICE_COUNT, NULL, NULL, NULL, "u", org);
}

/*
 * Closes every period of org that ended by now (NULL: the current time),
 * at most MAX_CLOSE_PERIODS: the scheduled plan takes over and a paid plan
 * is invoiced for the new period.  Must run inside the caller's
 * transaction; the organization row stays locked until it ends.  Returns
 * an rc; *closed counts the periods closed, *issued the invoices.
 */
static int
close_org(struct db *db, struct arena *a, uint64_t org, const char *now,
    int *closed, int *issued)
{
	struct dbres	 st, plan;
	uint64_t	 number;
	const char	*desc;
	int		 rc, i;

	*closed = *issued = 0;
	for (i = 0; i < MAX_CLOSE_PERIODS; i++) {
		if ((rc = db_exec(db, a, STMT_CLOSE_STATE, &st, NULL, NULL,
		    "su", now, org)) != RC_OK)
			return rc;
		if (st.nrows != 1 || db_u64(&st, 0, CS_ENDED) == 0)
			break;
		if ((rc = db_exec(db, a, STMT_CLOSE_ADVANCE, NULL, NULL, NULL,
		    "u", org)) != RC_OK ||
		    (rc = db_exec(db, a, STMT_PLAN_GET, &plan, NULL, NULL, "s",
		    db_cell(&st, 0, CS_PLAN))) != RC_OK)
			return rc;
		if (plan.nrows != 1)
			return RC_ERROR;
		(*closed)++;
		if (db_u64(&plan, 0, PLAN_PRICE) == 0)
			continue;
		desc = arena_printf(a, "%s plan, %s to %s",
		    db_cell(&plan, 0, PLAN_NAME), db_cell(&st, 0, CS_NEXT_START),
		    db_cell(&st, 0, CS_NEXT_END));
		if (desc == NULL)
			return RC_ERROR;
		if ((rc = invoice_issue(db, a, org, "period",
		    db_cell(&st, 0, CS_NEXT_START), db_cell(&st, 0, CS_NEXT_END),
		    db_cell(&plan, 0, PLAN_CURRENCY), desc,
		    db_u64(&plan, 0, PLAN_PRICE), now, &number)) != RC_OK)
			return rc;
		(*issued)++;
	}
	return RC_OK;
}

/* The same, for callers that only want the invoices issued. */
int
billing_close(struct db *db, struct arena *a, uint64_t org, const char *now,
    int *issued)
{
	int	 closed;

	return close_org(db, a, org, now, &closed, issued);
}

/* The close of one organization, run by close_tx(). */
struct close {
	struct arena	*a;
	uint64_t	 org;
	const char	*now;
	int		 closed, issued;	/* out */
};

/* db_txn_fn: close_one()'s transaction. */
static int
close_tx(struct db *db, void *arg)
{
	struct close	*c = arg;
	int		 rc;

	c->closed = c->issued = 0;
	if ((rc = close_org(db, c->a, c->org, c->now, &c->closed,
	    &c->issued)) != RC_OK || c->closed == 0)
		return rc;
	return audit(db, 0, 0, "billing.period_close", arena_printf(c->a,
	    "organization %llu: %d period(s), %d invoice(s)",
	    (unsigned long long)c->org, c->closed, c->issued), "cli");
}

/*
 * Closes one organization in its own transaction (db_txn: tried again
 * whole after a conflict), audited; an rc.  *closed counts its periods
 * closed, *issued its invoices.
 */
static int
close_one(struct db *db, uint64_t org, const char *now, int *closed,
    int *issued)
{
	struct arena	 a;
	struct close	 c = { &a, org, now, 0, 0 };
	int		 rc;

	arena_init(&a);
	rc = db_txn(db, close_tx, &c);
	*closed = rc == RC_OK ? c.closed : 0;
	*issued = rc == RC_OK ? c.issued : 0;
	arena_reset(&a);
	return rc;
}

/*
 * The period close of steward-admin (and a job runner): closes the ended
 * periods of org, or of every organization when org is 0, each in its own
 * transaction.  Safe to run concurrently and repeatedly: a period is
 * closed once.  Returns an rc; *orgs counts the organizations that had
 * a period to close, *issued the invoices.
 */
int
billing_close_all(struct db *db, struct arena *a, uint64_t org,
    const char *now, int *orgs, int *issued)
{
	struct dbres	 due;
	uint64_t	 last = 0;
	size_t		 i;
	int		 rc, n, closed;

	*orgs = *issued = 0;
	if (org != 0) {
		if ((rc = close_one(db, org, now, &closed, &n)) == RC_OK) {
			*orgs = closed > 0;
			*issued = n;
		}
		return rc;
	}
	for (;;) {
		if ((rc = db_exec(db, a, STMT_CLOSE_DUE, &due, NULL, NULL, "sui",
		    now, last, (long long)CLOSE_BATCH)) != RC_OK)
			return rc;
		for (i = 0; i < due.nrows; i++) {
			last = db_u64(&due, i, CD_ORG);
			if ((rc = close_one(db, last, now, &closed, &n)) != RC_OK)
				return rc;
			*orgs += closed > 0;
			*issued += n;
		}
		if (due.nrows < CLOSE_BATCH)
			return RC_OK;
	}
}

/*
 * Marks the open invoice number of org as status ("paid" or "void");
 * *changed is 1 when it was open, 0 when there is no such open invoice.
 * Returns an rc (RC_ERROR for another status).
 */
int
invoice_set_status(struct db *db, struct arena *a, uint64_t org,
    uint64_t number, const char *status, int *changed)
{
	uint64_t	 n = 0;
	int		 rc;

	*changed = 0;
	if (strcmp(status, "paid") != 0 && strcmp(status, "void") != 0)
		return RC_ERROR;
	if ((rc = db_exec(db, a, STMT_INVOICE_STATUS, NULL, &n, NULL, "suu",
	    status, org, number)) != RC_OK)
		return rc;
	*changed = n == 1;
	return RC_OK;
}

/* The invoice reference shown and exported: "ORG-NNNNN". */
const char *
invoice_ref(struct arena *a, uint64_t org, uint64_t number)
{
	return arena_printf(a, "%llu-%05llu", (unsigned long long)org,
	    (unsigned long long)number);
}
