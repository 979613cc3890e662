/*
 * What the billing pages share: the billing state of the session's
 * organization (plan, period, card, contact), and the attributes of a
 * plan row and an invoice row in the XML.
 */
#include <stdlib.h>
#include <string.h>

#include "bill.h"
#include "db.h"
#include "invoice.h"
#include "provision.h"
#include "rc.h"
#include "request.h"
#include "xml.h"

/*
 * Loads the billing state of the session's organization into b.  Returns
 * RC_OK, or RC_ERROR with r->status set (503 when the organization cannot
 * be read, else as req_db_fail()).
 */
int
bill_load(struct req *r, struct bill *b)
{
	int	 rc;

	memset(b, 0, sizeof(*b));
	if (account_org(r->db, r->a, r->s->account_id, &b->org) != RC_OK)
		return req_down(r);
	if ((rc = db_exec(r->db, r->a, STMT_BILL_STATE, &b->res, NULL, NULL,
	    "u", b->org)) != RC_OK || b->res.nrows != 1)
		return req_db_fail(r, rc);
	b->plan = db_cell(&b->res, 0, BS_PLAN);
	b->pending = db_cell(&b->res, 0, BS_PENDING);
	b->period_start = db_cell(&b->res, 0, BS_START);
	b->period_end = db_cell(&b->res, 0, BS_END);
	b->period_days = (long)db_u64(&b->res, 0, BS_DAYS);
	b->remaining = strtol(db_cell(&b->res, 0, BS_REMAINING), NULL, 10);
	b->today = db_cell(&b->res, 0, BS_TODAY);
	b->year = (int)db_u64(&b->res, 0, BS_YEAR);
	b->month = (int)db_u64(&b->res, 0, BS_MONTH);
	b->next_start = db_cell(&b->res, 0, BS_NEXT);
	b->has_card = db_cell(&b->res, 0, BS_LAST4) != NULL;
	return RC_OK;
}

/* Sets the n attributes of table t on node from row of res. */
void
bill_row_attrs(xmlNodePtr node, const struct dbres *res, size_t row,
    const struct bill_attr *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		xml_attr(node, t[i].attr, db_cell(res, row, t[i].col));
}

/* Adds the attributes of plan row i (STMT_PLANS, STMT_PLAN_GET) to n. */
void
bill_plan_attrs(xmlNodePtr n, const struct dbres *p, size_t i)
{
	static const struct bill_attr attrs[] = {
		{ PLAN_CODE, "code" }, { PLAN_NAME, "name" },
		{ PLAN_TIER, "tier" }, { PLAN_PRICE, "price" },
		{ PLAN_CURRENCY, "currency" }, { PLAN_MAU, "mau" },
		{ PLAN_DATA_POINTS, "data-points" },
	};

	bill_row_attrs(n, p, i, attrs, sizeof(attrs) / sizeof(attrs[0]));
}

/*
 * <invoice> with the attributes of row i of an invoice query, its times
 * in zone z (the session's account's); returns it.
 */
xmlNodePtr
invoice_row(struct req *r, xmlNodePtr parent, const struct tz *z,
    const struct dbres *res, size_t i)
{
	static const struct bill_attr attrs[] = {
		{ IV_NUMBER, "number" }, { IV_KIND, "kind" },
		{ IV_STATUS, "status" }, { IV_START, "period-start" },
		{ IV_END, "period-end" }, { IV_CURRENCY, "currency" },
		{ IV_TOTAL, "total" },
	};
	xmlNodePtr	 n = xml_el(parent, "invoice", NULL);

	xml_attr(n, "id", db_cell(res, i, IV_ID));
	xml_attr(n, "ref", invoice_ref(r->a, db_u64(res, i, IV_ORG),
	    db_u64(res, i, IV_NUMBER)));
	bill_row_attrs(n, res, i, attrs, sizeof(attrs) / sizeof(attrs[0]));
	xml_attr_time(n, "issued", z, db_cell(res, i, IV_ISSUED));
	xml_attr_time(n, "due", z, db_cell(res, i, IV_DUE));
	return n;
}
