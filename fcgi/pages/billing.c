/*
 * The Billing page (Admin): usage of the current period summed over the
 * organization's accounts (per day, with the plan's allowance and meters),
 * the plans, the payment card, the billing contact and the invoices; and
 * the card and contact forms.  A card number is checked (Luhn, brand) and
 * dropped: only brand, last 4, expiry and holder are stored, and neither
 * the number nor the CVC is ever written back into a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../form.h"
#include "../limits.h"
#include "../money.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_BILL_STATE. */
enum {
	BS_PLAN, BS_PENDING, BS_START, BS_END, BS_DAYS, BS_REMAINING,
	BS_BRAND, BS_LAST4, BS_EXP_MONTH, BS_EXP_YEAR, BS_HOLDER,
	BS_NAME, BS_EMAIL, BS_ADDRESS, BS_COUNTRY, BS_TAX_ID, BS_TODAY,
	BS_YEAR, BS_MONTH, BS_NEXT
};

/* The fields of the card and contact forms, in the order of *_typed[]. */
static const char *const card_fields[] = { "holder", "exp_month", "exp_year" };
static const char *const contact_fields[] = {
	"name", "email", "address", "country", "tax_id"
};

/*
 * Loads the billing state of the session's organization into b.  Returns
 * 0, or -1 with r->status set.
 */
int
bill_load(struct req *r, struct bill *b)
{
	int	 rc;

	memset(b, 0, sizeof(*b));
	if ((b->org = acct_org(r)) == 0)
		return -1;
	if ((rc = db_exec(r->db, r->a, STMT_BILL_STATE, &b->res, NULL, NULL,
	    "u", b->org)) != RC_OK || b->res.nrows != 1)
		return acct_db_fail(r, rc);
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
	return 0;
}

/* Adds the attributes of one plan row (STMT_PLANS columns) to n. */
void
bill_plan_attrs(xmlNodePtr n, const struct dbres *p, size_t i)
{
	xml_attr(n, "code", db_cell(p, i, 0));
	xml_attr(n, "name", db_cell(p, i, 1));
	xml_attr(n, "tier", db_cell(p, i, 2));
	xml_attr(n, "price", db_cell(p, i, 3));
	xml_attr(n, "currency", db_cell(p, i, 4));
	xml_attr(n, "mau", db_cell(p, i, 5));
	xml_attr(n, "data-points", db_cell(p, i, 6));
}

/* <plan> for every plan, with how choosing it would move this organization. */
static size_t
add_plans(xmlNodePtr parent, const struct bill *b, const struct dbres *p)
{
	xmlNodePtr	 n;
	size_t		 i, cur = 0;
	uint64_t	 tier = 0;

	for (i = 0; i < p->nrows; i++)
		if (strcmp(db_cell(p, i, 0), b->plan) == 0) {
			cur = i;
			tier = db_u64(p, i, 2);
		}
	for (i = 0; i < p->nrows; i++) {
		n = xml_el(parent, "plan", NULL);
		bill_plan_attrs(n, p, i);
		xml_attr(n, "move", i == cur ? "current" :
		    db_u64(p, i, 2) > tier ? "upgrade" : "downgrade");
		xml_attr_yes(n, "pending", b->pending != NULL &&
		    strcmp(b->pending, db_cell(p, i, 0)) == 0);
	}
	return cur;
}

/* One meter's attributes: NAME, NAME-allowance, NAME-percent, NAME-level. */
static void
meter_attrs(struct req *r, xmlNodePtr n, const char *name, uint64_t used,
    uint64_t allowance)
{
	unsigned		 pct;
	enum usage_level	 l = usage_level(used, allowance, &pct);

	xml_attr_i(n, name, (long long)used);
	xml_attr_i(n, arena_printf(r->a, "%s-allowance", name),
	    (long long)allowance);
	xml_attr_i(n, arena_printf(r->a, "%s-percent", name), pct);
	xml_attr(n, arena_printf(r->a, "%s-level", name), usage_level_name(l));
}

/*
 * <usage>: MAU and data points of the period summed over the
 * organization's accounts, meters against the plan (row cur of p), and
 * one <day> per day of the period.  Returns 0 or -1 (status set).
 */
static int
add_usage(struct req *r, xmlNodePtr parent, const struct bill *b,
    const struct dbres *p, size_t cur)
{
	struct dbres	 days, mau;
	xmlNodePtr	 u, d;
	uint64_t	 total = 0, top = 0, v, daily;
	const char	*date;
	size_t		 k = 0;
	long		 i;
	int		 y, m, rc;

	if ((rc = db_exec(r->db, r->a, STMT_USAGE_DAYS, &days, NULL, NULL,
	    "uss", b->org, b->period_start, b->period_end)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_USAGE_MAU, &mau, NULL, NULL, "us",
	    b->org, b->period_start)) != RC_OK)
		return acct_db_fail(r, rc);
	for (k = 0; k < days.nrows; k++) {
		v = db_u64(&days, k, 1);
		total += v;
		if (v > top)
			top = v;
	}
	daily = b->period_days > 0 ?
	    db_u64(p, cur, 6) / (uint64_t)b->period_days : 0;
	u = xml_el(parent, "usage", NULL);
	meter_attrs(r, u, "mau", db_u64(&mau, 0, 0), db_u64(p, cur, 5));
	meter_attrs(r, u, "data-points", total, db_u64(p, cur, 6));
	xml_attr_i(u, "daily-allowance", (long long)daily);
	xml_attr_i(u, "scale", (long long)(top > daily ? top : daily > 0 ?
	    daily : 1));
	if (sscanf(b->period_start, "%d-%d", &y, &m) != 2)
		return acct_db_fail(r, RC_ERROR);
	for (i = 1, k = 0; i <= b->period_days; i++) {
		date = arena_printf(r->a, "%04d-%02d-%02ld", y, m, i);
		v = 0;
		if (k < days.nrows && strcmp(db_cell(&days, k, 0), date) == 0)
			v = db_u64(&days, k++, 1);
		d = xml_el(u, "day", NULL);
		xml_attr(d, "date", date);
		xml_attr_i(d, "data-points", (long long)v);
		xml_attr_yes(d, "future", strcmp(date, b->today) > 0);
	}
	return 0;
}

/* <card>: the stored card, when there is one. */
static void
add_card(xmlNodePtr parent, const struct bill *b)
{
	xmlNodePtr	 n;
	enum card_brand	 brand;

	if (!b->has_card)
		return;
	brand = card_brand_parse(db_cell(&b->res, 0, BS_BRAND));
	n = xml_el(parent, "card", NULL);
	xml_attr(n, "brand", card_brand_key(brand));
	xml_attr(n, "label", card_brand_label(brand));
	xml_attr(n, "last4", db_cell(&b->res, 0, BS_LAST4));
	xml_attr(n, "exp-month", db_cell(&b->res, 0, BS_EXP_MONTH));
	xml_attr(n, "exp-year", db_cell(&b->res, 0, BS_EXP_YEAR));
	xml_attr(n, "holder", db_cell(&b->res, 0, BS_HOLDER));
	xml_attr_yes(n, "expired", !card_expiry_ok(
	    (int)db_u64(&b->res, 0, BS_EXP_MONTH),
	    (int)db_u64(&b->res, 0, BS_EXP_YEAR), b->month, b->year));
}

/*
 * <card-form> and <contact>: what the forms show — typed values after a
 * 422 (never a card number or CVC), else the stored contact.
 */
static void
add_forms(xmlNodePtr parent, const struct bill *b, const char *const *card,
    const char *const *contact)
{
	static const char *const card_attrs[] = { "holder", "exp-month", "exp-year" };
	static const char *const contact_attrs[] = {
		"name", "email", "address", "country", "tax-id"
	};
	xmlNodePtr	 n;
	size_t		 i;

	n = xml_el(parent, "card-form", NULL);
	for (i = 0; i < 3; i++)
		xml_attr(n, card_attrs[i], card ? card[i] : "");
	n = xml_el(parent, "contact", NULL);
	for (i = 0; i < 5; i++)
		xml_attr(n, contact_attrs[i], contact ? contact[i] :
		    db_cell(&b->res, 0, BS_NAME + (int)i));
}

/* <invoices>: one page of the organization's invoices, newest first. */
static int
add_invoices(struct req *r, xmlNodePtr parent)
{
	struct dbres	 res;
	xmlNodePtr	 list;
	long		 page = page_arg(kv_get(&r->query, "page"));
	size_t		 i, shown;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LIST, &res, NULL, NULL,
	    "uii", r->s->account_id, (long long)INVOICES_PER_PAGE + 1,
	    (long long)(page - 1) * INVOICES_PER_PAGE)) != RC_OK)
		return acct_db_fail(r, rc);
	shown = res.nrows > INVOICES_PER_PAGE ? INVOICES_PER_PAGE : res.nrows;
	list = xml_el(parent, "invoices", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_yes(list, "next", res.nrows > INVOICES_PER_PAGE);
	for (i = 0; i < shown; i++)
		invoice_row(r, list, &res, i);
	return 0;
}

/*
 * Draws the Billing page of b into r (status set by the caller; errors,
 * if any, added before).  card and contact hold typed values after a 422,
 * or are NULL.  Returns 0, or -1 with r->status set.
 */
int
billing_render(struct req *r, const struct bill *b, const char *const *card,
    const char *const *contact)
{
	struct dbres	 plans;
	xmlNodePtr	 n;
	size_t		 cur;
	int		 rc;

	if (r->doc == NULL && xml_page(r, "billing") == NULL)
		return -1;
	if ((rc = db_exec(r->db, r->a, STMT_PLANS, &plans, NULL, NULL,
	    "")) != RC_OK || plans.nrows == 0)
		return acct_db_fail(r, rc);
	n = xml_el(r->root, "billing", NULL);
	xml_attr(n, "plan", b->plan);
	xml_attr(n, "pending-plan", b->pending);
	xml_attr(n, "period-start", b->period_start);
	xml_attr(n, "period-end", b->period_end);
	xml_attr(n, "next-start", b->next_start);
	xml_attr_i(n, "period-days", b->period_days);
	xml_attr(n, "today", b->today);
	cur = add_plans(n, b, &plans);
	if (add_usage(r, n, b, &plans, cur) == -1)
		return -1;
	add_card(n, b);
	add_forms(n, b, card, contact);
	if (add_invoices(r, n) == -1)
		return -1;
	acct_countries(r);
	return 0;
}

/* GET /settings/billing (Admin): 200, or 503 without a database. */
int
page_billing(struct req *r)
{
	struct bill	 b;

	if (bill_load(r, &b) == -1)
		return -1;
	return billing_render(r, &b, NULL, NULL);
}

/* Wipes a form value that must not outlive the request (card number, CVC). */
static void
wipe_field(struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, name) == 0)
			sodium_memzero((char *)r->form.v[i].val, r->form.v[i].len);
}

/*
 * Checks the card form into *brand, *month, *year, digits (the number,
 * "" when there is none; the caller wipes it).  Errors go into the page;
 * returns their count.
 */
static int
card_check(struct req *r, const struct bill *b, const char *holder,
    const char *m, const char *y, char digits[CARD_MAX_DIGITS + 1],
    enum card_brand *brand, int *month, int *year)
{
	const char	*num = kv_get(&r->form, "number");
	const char	*cvc = kv_get(&r->form, "cvc");
	int		 bad = 0;

	*brand = CARD_NONE;
	*month = *year = 0;
	digits[0] = '\0';
	bad += !acct_check(r, "holder", holder, VALID_PERSON_NAME, 1,
	    "Enter the name on the card.");
	if (num == NULL || *num == '\0') {
		xml_error(r, "number", "Enter the card number.");
		bad++;
	} else if (card_digits(num, digits) == 0 || !card_luhn(digits)) {
		xml_error(r, "number", "This is not a valid card number. "
		    "Check the digits.");
		bad++;
	} else if ((*brand = card_brand(digits)) == CARD_NONE) {
		xml_error(r, "number", "We accept Visa, Mastercard, American "
		    "Express, Discover and JCB cards.");
		bad++;
	}
	if (acct_check(r, "exp_month", m, VALID_MONTH, 1, NULL) &&
	    acct_check(r, "exp_year", y, VALID_YEAR, 1, NULL)) {
		*month = (int)strtol(m, NULL, 10);
		*year = (int)strtol(y, NULL, 10);
		if (!card_expiry_ok(*month, *year, b->month, b->year)) {
			xml_error(r, "exp_month", "The card has expired, or "
			    "the expiry date is too far ahead.");
			bad++;
		}
	} else
		bad++;
	if (*brand == CARD_NONE ? !card_cvc_ok(CARD_VISA, cvc) &&
	    !card_cvc_ok(CARD_AMEX, cvc) : !card_cvc_ok(*brand, cvc)) {
		xml_error(r, "cvc", *brand == CARD_AMEX ?
		    "Enter the 4-digit security code from the front of the card." :
		    "Enter the 3-digit security code from the back of the card.");
		bad++;
	}
	return bad;
}

/*
 * POST /settings/billing/card (Admin): stores brand, last 4, expiry and
 * holder of a checked card, audited; 303 to the page.  422 with the
 * holder and expiry kept (the number and CVC are never echoed); 503
 * without a database.
 */
int
page_billing_card_post(struct req *r)
{
	const char	*typed[3];
	char		 digits[CARD_MAX_DIGITS + 1] = "", last4[5];
	struct bill	 b;
	enum card_brand	 brand;
	size_t		 i, n;
	int		 month, year, bad, rc;

	for (i = 0; i < 3; i++)
		if ((typed[i] = acct_field(r, card_fields[i])) == NULL)
			return -1;
	if (bill_load(r, &b) == -1 || xml_page(r, "billing") == NULL)
		goto wipe;
	bad = card_check(r, &b, typed[0], typed[1], typed[2], digits, &brand,
	    &month, &year);
	n = strlen(digits);
	memcpy(last4, n >= 4 ? digits + n - 4 : "0000", 4);
	last4[4] = '\0';
	sodium_memzero(digits, sizeof(digits));
	wipe_field(r, "number");
	wipe_field(r, "cvc");
	if (bad) {
		r->status = 422;
		return billing_render(r, &b, typed, NULL);
	}
	if ((rc = db_begin(r->db)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_CARD_SET, NULL, NULL, NULL,
	    "ssiisu", card_brand_key(brand), last4, (long long)month,
	    (long long)year, typed[0], b.org)) != RC_OK ||
	    (rc = audit_req(r, "billing.card",
	    arena_printf(r->a, "%s ending %s, expires %02d/%d",
	    card_brand_label(brand), last4, month, year))) != RC_OK ||
	    (rc = db_commit(r->db)) != RC_OK) {
		db_rollback(r->db);
		return acct_db_fail(r, rc);
	}
	req_flash(r, "ok", arena_printf(r->a, "Card saved: %s ending in %s.",
	    card_brand_label(brand), last4));
	req_redirect(r, "/settings/billing");
	return 0;
wipe:
	wipe_field(r, "number");
	wipe_field(r, "cvc");
	return -1;
}

/*
 * POST /settings/billing/contact (Admin): name and email required;
 * address, country and tax ID optional.  303, or 422 with what was typed;
 * audited; 503 without a database.
 */
int
page_billing_contact_post(struct req *r)
{
	const char	*v[5];
	struct bill	 b;
	size_t		 i;
	int		 bad = 0, rc;

	for (i = 0; i < 5; i++)
		if ((v[i] = acct_field(r, contact_fields[i])) == NULL)
			return -1;
	if (bill_load(r, &b) == -1 || xml_page(r, "billing") == NULL)
		return -1;
	bad += !acct_check(r, "name", v[0], VALID_PERSON_NAME, 1,
	    "Enter the name of the person who receives invoices.");
	bad += !acct_check(r, "email", v[1], VALID_EMAIL, 1,
	    "Enter the email address invoices go to.");
	bad += !acct_check(r, "address", v[2], VALID_ADDRESS, 0, NULL);
	bad += !acct_check_country(r, "country", v[3], 0);
	bad += !acct_check(r, "tax_id", v[4], VALID_TAX_ID, 0, NULL);
	if (bad) {
		r->status = 422;
		return billing_render(r, &b, NULL, v);
	}
	if ((rc = db_begin(r->db)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_CONTACT_SET, NULL, NULL, NULL,
	    "sssssu", v[0], v[1], v[2], v[3], v[4], b.org)) != RC_OK ||
	    (rc = audit_req(r, "billing.contact", v[1])) != RC_OK ||
	    (rc = db_commit(r->db)) != RC_OK) {
		db_rollback(r->db);
		return acct_db_fail(r, rc);
	}
	req_flash(r, "ok", "Billing contact saved.");
	req_redirect(r, "/settings/billing");
	return 0;
}
