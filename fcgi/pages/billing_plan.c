/*
 * Changing the plan (Admin).  GET /settings/billing/plan?plan=CODE shows
 * what the change will do and cost before anything happens; the POST
 * does it.  An upgrade takes effect at once and bills the prorated price
 * difference for the rest of the period on an invoice; a downgrade is
 * scheduled for the end of the period; choosing the current plan again
 * cancels a scheduled downgrade.  The POST carries the amount that was
 * shown and refuses (422, with the new amount) when it changed since.
 */
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../bill.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../invoice.h"
#include "../money.h"
#include "../rc.h"
#include "../request.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

struct quote {
	const char	*move;		/* upgrade, downgrade, keep, same */
	uint64_t	 amount;	/* charged now (upgrades) */
	struct dbres	 from, to;	/* the two plan rows */
};

/*
 * How organization b would move to plan code, and what it costs now; q->move
 * is NULL when there is no such plan.  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
static int
quote(struct req *r, const struct bill *b, const char *code, struct quote *q)
{
	uint64_t	 ft, tt;
	int		 rc;

	memset(q, 0, sizeof(*q));
	if ((rc = db_exec(r->db, r->a, STMT_PLAN_GET, &q->from, NULL, NULL,
	    "s", b->plan)) != RC_OK || q->from.nrows != 1 ||
	    (rc = db_exec(r->db, r->a, STMT_PLAN_GET, &q->to, NULL, NULL,
	    "s", code)) != RC_OK)
		return req_db_fail(r, rc);
	if (q->to.nrows != 1)
		return RC_OK;
	ft = db_u64(&q->from, 0, PLAN_TIER);
	tt = db_u64(&q->to, 0, PLAN_TIER);
	if (tt == ft)
		q->move = b->pending != NULL ? "keep" : "same";
	else
		q->move = tt > ft ? "upgrade" : "downgrade";
	if (tt > ft && billing_prorate(db_u64(&q->from, 0, PLAN_PRICE),
	    db_u64(&q->to, 0, PLAN_PRICE), b->remaining, b->period_days,
	    &q->amount) != RC_OK)
		return req_db_fail(r, RC_ERROR);
	return RC_OK;
}

/*
 * Draws the confirmation page of q (status and errors set before).
 * Returns RC_OK, or RC_ERROR on exhaustion.
 */
static int
plan_render(struct req *r, const struct bill *b, const struct quote *q)
{
	xmlNodePtr	 n;
	int		 up = strcmp(q->move, "upgrade") == 0;

	if (r->doc == NULL && xml_page(r, "billing-plan") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "plan-change", NULL);
	xml_attr(n, "move", q->move);
	xml_attr_i(n, "amount", (long long)q->amount);
	xml_attr(n, "currency", db_cell(&q->to, 0, PLAN_CURRENCY));
	xml_attr(n, "effective", up ? b->today : b->next_start);
	xml_attr(n, "period-start", b->period_start);
	xml_attr(n, "period-end", b->period_end);
	xml_attr_i(n, "period-days", b->period_days);
	xml_attr_i(n, "remaining-days", b->remaining < 0 ? 0 :
	    b->remaining > b->period_days ? b->period_days : b->remaining);
	xml_attr_yes(n, "card", b->has_card);
	xml_attr_yes(n, "card-needed", up && !b->has_card &&
	    db_u64(&q->to, 0, PLAN_PRICE) > 0);
	bill_plan_attrs(xml_el(n, "from", NULL), &q->from, 0);
	bill_plan_attrs(xml_el(n, "to", NULL), &q->to, 0);
	return RC_OK;
}

/*
 * GET /settings/billing/plan?plan=CODE (Admin): 200 with the change and
 * its price; 404 for an unknown plan; 503 without a database.
 */
int
page_billing_plan(struct req *r)
{
	const char	*code = in_str(r, "plan");
	struct bill	 b;
	struct quote	 q;

	q.move = NULL;
	if (code != NULL && (bill_load(r, &b) != RC_OK ||
	    quote(r, &b, code, &q) != RC_OK))
		return RC_ERROR;
	if (q.move == NULL) {
		page_error(r, 404, "There is no such plan.");
		return RC_OK;
	}
	return plan_render(r, &b, &q);
}

/*
 * Re-draws the confirmation page with a 422 and an error.  Returns
 * RC_OK, or RC_ERROR on exhaustion.
 */
static int
plan_refuse(struct req *r, const struct bill *b, const struct quote *q,
    const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "billing-plan") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return plan_render(r, b, q);
}

/*
 * An upgrade under the organization's lock: the new plan now and, when
 * something is owed, an invoice for it.  Sets *number (0: no invoice).
 * Returns an rc.
 */
static int
upgrade(struct req *r, const struct bill *b, const struct quote *q,
    uint64_t *number)
{
	const char	*desc;
	int		 rc;

	*number = 0;
	if ((rc = db_exec(r->db, r->a, STMT_PLAN_SET, NULL, NULL, NULL, "su",
	    db_cell(&q->to, 0, PLAN_CODE), b->org)) != RC_OK || q->amount == 0)
		return rc;
	desc = arena_printf(r->a, "Upgrade from %s to %s, %s to %s "
	    "(%ld of %ld days)", db_cell(&q->from, 0, PLAN_NAME),
	    db_cell(&q->to, 0, PLAN_NAME), b->today, b->period_end,
	    b->remaining > b->period_days ? b->period_days : b->remaining,
	    b->period_days);
	if (desc == NULL)
		return RC_ERROR;
	return invoice_issue(r->db, r->a, b->org, "upgrade", b->today,
	    b->period_end, db_cell(&q->to, 0, PLAN_CURRENCY), desc, q->amount,
	    NULL, number);
}

/* The flash after a change that was made. */
static const char *
plan_done(struct req *r, const struct bill *b, const struct quote *q,
    uint64_t number)
{
	const char	*to = db_cell(&q->to, 0, PLAN_NAME);
	char		 money[48];

	if (strcmp(q->move, "keep") == 0)
		return arena_printf(r->a, "The scheduled change is cancelled: "
		    "you stay on the %s plan.", to);
	if (strcmp(q->move, "downgrade") == 0)
		return arena_printf(r->a, "The %s plan starts on %s; until then "
		    "you keep %s.", to, b->next_start,
		    db_cell(&q->from, 0, PLAN_NAME));
	if (number == 0)
		return arena_printf(r->a, "You are on the %s plan now.", to);
	money_format(q->amount, money, sizeof(money));
	return arena_printf(r->a, "You are on the %s plan now. Invoice %s "
	    "for %s %s was issued.", to, invoice_ref(r->a, b->org, number),
	    money, db_cell(&q->to, 0, PLAN_CURRENCY));
}

/* Carries out move q under the lock: plan, schedule or cancel; an rc. */
static int
plan_apply(struct req *r, const struct bill *b, const struct quote *q,
    uint64_t *number)
{
	const char	*to = db_cell(&q->to, 0, PLAN_CODE);

	*number = 0;
	if (strcmp(q->move, "upgrade") == 0)
		return upgrade(r, b, q, number);
	return db_exec(r->db, r->a, STMT_PLAN_PENDING, NULL, NULL, NULL, "su",
	    strcmp(q->move, "keep") == 0 ? NULL : to, b->org);
}

/*
 * Why move q may not be made now, or NULL: the current plan again, a paid
 * upgrade without a card, an amount that is not the price any more.  The
 * field refused goes into *field (NULL: the whole form).
 */
static const char *
plan_refusal(struct req *r, const struct bill *b, const struct quote *q,
    const char **field)
{
	const char	*amount = in_str(r, "amount");
	char		 money[48];

	*field = "plan";
	if (strcmp(q->move, "same") == 0)
		return arena_printf(r->a, "You are on the %s plan already.",
		    db_cell(&q->to, 0, PLAN_NAME));
	if (strcmp(q->move, "upgrade") != 0)
		return NULL;
	*field = NULL;
	if (!b->has_card && db_u64(&q->to, 0, PLAN_PRICE) > 0)
		return "Add a payment card before you upgrade to a paid plan.";
	*field = "amount";
	if (amount != NULL && strtoull(amount, NULL, 10) == q->amount)
		return NULL;
	money_format(q->amount, money, sizeof(money));
	return arena_printf(r->a, "The amount due now is %s %s. Check it and "
	    "confirm again.", money, db_cell(&q->to, 0, PLAN_CURRENCY));
}

/* A change of plan made by plan_tx(). */
struct plan {
	struct bill	*b;
	struct quote	*q;
	const char	*code;
	uint64_t	 number;	/* out: the invoice issued (0: none) */
	const char	*msg, *field;	/* out: why it is refused */
};

/*
 * req_txn_fn: under the organization's row lock the period close catches
 * up, b and q are read again and checked (a refusal in msg and field,
 * rolled back), then the move is made, audited.  Returns an rc.
 */
static int
plan_tx(struct req *r, void *arg)
{
	struct plan	*p = arg;
	struct bill	*b = p->b;
	struct quote	*q = p->q;
	int		 rc, issued;

	p->msg = NULL;
	p->number = 0;
	if ((rc = billing_close(r->db, r->a, b->org, NULL, &issued)) != RC_OK ||
	    (rc = bill_load(r, b)) != RC_OK ||
	    (rc = quote(r, b, p->code, q)) != RC_OK)
		return rc;
	if (q->move == NULL)		/* the plan is gone */
		return RC_ERROR;
	if ((p->msg = plan_refusal(r, b, q, &p->field)) != NULL)
		return RC_ERROR;
	if ((rc = plan_apply(r, b, q, &p->number)) != RC_OK)
		return rc;
	return audit_req(r, arena_printf(r->a, "billing.plan.%s", q->move),
	    arena_printf(r->a, "organization %llu: %s to %s, %llu %s",
	    (unsigned long long)b->org, b->plan, p->code,
	    (unsigned long long)q->amount, db_cell(&q->to, 0, PLAN_CURRENCY)));
}

/*
 * POST /settings/billing/plan (Admin): plan, amount (the charge shown).
 * 303 with a flash after an upgrade (plan and invoice), a scheduled
 * downgrade or a cancelled one — audited, under the organization's row
 * lock after the period close has caught up.  422: unknown plan (Billing
 * page), the current plan, no card for a paid upgrade, an amount that is
 * not the price any more.  503 without a database.
 */
int
page_billing_plan_post(struct req *r)
{
	const char	*code = in_str(r, "plan");
	struct bill	 b;
	struct quote	 q;
	struct plan	 p;
	int		 rc;

	q.move = NULL;
	if (bill_load(r, &b) != RC_OK ||
	    (code != NULL && quote(r, &b, code, &q) != RC_OK))
		return RC_ERROR;
	if (q.move == NULL) {
		r->status = 422;
		if (xml_page(r, "billing") == NULL)
			return RC_ERROR;
		xml_error(r, "plan", valid_message(VALID_PLAN));
		return billing_render(r, &b, NULL, NULL);
	}
	p.b = &b;
	p.q = &q;
	p.code = code;
	rc = req_txn(r, plan_tx, &p);
	if (p.msg != NULL)
		return plan_refuse(r, &b, &q, p.field, p.msg);
	if (rc != RC_OK)
		return req_db_fail(r, rc);
	req_flash(r, "ok", plan_done(r, &b, &q, p.number));
	req_redirect(r, "/settings/billing");
	return RC_OK;
}
