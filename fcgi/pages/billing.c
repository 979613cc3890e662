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
#include "../bill.h"
#include "../card.h"
#include "../country.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../money.h"
#include "../pager.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_USAGE_DAYS. */
enum { UD_DAY, UD_POINTS };

/* Columns of STMT_USAGE_MAU. */
enum { UM_MAU };

/* Columns of STMT_INVOICE_TOTAL. */
enum { IT_TOTAL };

/* The card form: what a 422 refills (never the number or the CVC). */
static const struct {
	const char	*field, *attr;		/* form field, <card-form> attribute */
} card_form[] = {
	{ "holder", "holder" }, { "exp_month", "exp-month" },
	{ "exp_year", "exp-year" },
};
#define NCARD_FORM	(sizeof(card_form) / sizeof(card_form[0]))

/* The contact form, in the order of its fields and of STMT_CONTACT_SET. */
static const struct {
	const char	*field, *attr;		/* form field, <contact> attribute */
	int		 col;			/* STMT_BILL_STATE column */
} contact_form[] = {
	{ "name", "name", BS_NAME }, { "email", "email", BS_EMAIL },
	{ "address", "address", BS_ADDRESS },
	{ "country", "country", BS_COUNTRY }, { "tax_id", "tax-id", BS_TAX_ID },
};
#define NCONTACT_FORM	(sizeof(contact_form) / sizeof(contact_form[0]))

/* What is stored of a checked card. */
struct card_typed {
	enum card_brand	 brand;
	int		 month, year;
	char		 last4[5];
};

/* <plan> for every plan, with how choosing it would move this organization. */
static size_t
add_plans(xmlNodePtr parent, const struct bill *b, const struct dbres *p)
{
	xmlNodePtr	 n;
	size_t		 i, cur = 0;
	uint64_t	 tier = 0;

	for (i = 0; i < p->nrows; i++)
		if (strcmp(db_cell(p, i, PLAN_CODE), b->plan) == 0) {
			cur = i;
			tier = db_u64(p, i, PLAN_TIER);
		}
	for (i = 0; i < p->nrows; i++) {
		n = xml_el(parent, "plan", NULL);
		bill_plan_attrs(n, p, i);
		xml_attr(n, "move", i == cur ? "current" :
		    db_u64(p, i, PLAN_TIER) > tier ? "upgrade" : "downgrade");
		xml_attr_yes(n, "pending", b->pending != NULL &&
		    strcmp(b->pending, db_cell(p, i, PLAN_CODE)) == 0);
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
 * One <day> per day of the period under u, with the data points of days
 * (STMT_USAGE_DAYS rows, in date order).  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
static int
add_days(struct req *r, xmlNodePtr u, const struct bill *b,
    const struct dbres *days)
{
	xmlNodePtr	 d;
	const char	*date;
	uint64_t	 v;
	size_t		 k = 0;
	long		 i;
	int		 y, m;

	if (sscanf(b->period_start, "%d-%d", &y, &m) != 2)
		return req_db_fail(r, RC_ERROR);
	for (i = 1; i <= b->period_days; i++) {
		date = arena_printf(r->a, "%04d-%02d-%02ld", y, m, i);
		v = 0;
		if (k < days->nrows &&
		    strcmp(db_cell(days, k, UD_DAY), date) == 0)
			v = db_u64(days, k++, UD_POINTS);
		d = xml_el(u, "day", NULL);
		xml_attr(d, "date", date);
		xml_attr_i(d, "data-points", (long long)v);
		xml_attr_yes(d, "future", strcmp(date, b->today) > 0);
	}
	return RC_OK;
}

/*
 * <usage>: MAU and data points of the period summed over the
 * organization's accounts, meters against the plan (row cur of p), and
 * one <day> per day of the period.  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
static int
add_usage(struct req *r, xmlNodePtr parent, const struct bill *b,
    const struct dbres *p, size_t cur)
{
	struct dbres	 days, mau;
	xmlNodePtr	 u;
	uint64_t	 total = 0, top = 0, v, daily;
	size_t		 k;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_USAGE_DAYS, &days, NULL, NULL,
	    "uss", b->org, b->period_start, b->period_end)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_USAGE_MAU, &mau, NULL, NULL, "us",
	    b->org, b->period_start)) != RC_OK)
		return req_db_fail(r, rc);
	for (k = 0; k < days.nrows; k++) {
		v = db_u64(&days, k, UD_POINTS);
		total += v;
		if (v > top)
			top = v;
	}
	daily = b->period_days > 0 ?
	    db_u64(p, cur, PLAN_DATA_POINTS) / (uint64_t)b->period_days : 0;
	u = xml_el(parent, "usage", NULL);
	meter_attrs(r, u, "mau", db_u64(&mau, 0, UM_MAU),
	    db_u64(p, cur, PLAN_MAU));
	meter_attrs(r, u, "data-points", total, db_u64(p, cur, PLAN_DATA_POINTS));
	xml_attr_i(u, "daily-allowance", (long long)daily);
	xml_attr_i(u, "scale", (long long)(top > daily ? top : daily > 0 ?
	    daily : 1));
	return add_days(r, u, b, &days);
}

/* <card>: the stored card, when there is one. */
static void
add_card(xmlNodePtr parent, const struct bill *b)
{
	static const struct bill_attr attrs[] = {
		{ BS_LAST4, "last4" }, { BS_EXP_MONTH, "exp-month" },
		{ BS_EXP_YEAR, "exp-year" }, { BS_HOLDER, "holder" },
	};
	xmlNodePtr	 n;
	enum card_brand	 brand;

	if (!b->has_card)
		return;
	brand = card_brand_parse(db_cell(&b->res, 0, BS_BRAND));
	n = xml_el(parent, "card", NULL);
	xml_attr(n, "brand", card_brand_key(brand));
	xml_attr(n, "label", card_brand_label(brand));
	bill_row_attrs(n, &b->res, 0, attrs, sizeof(attrs) / sizeof(attrs[0]));
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
	xmlNodePtr	 n;
	size_t		 i;

	n = xml_el(parent, "card-form", NULL);
	for (i = 0; i < NCARD_FORM; i++)
		xml_attr(n, card_form[i].attr, card ? card[i] : "");
	n = xml_el(parent, "contact", NULL);
	for (i = 0; i < NCONTACT_FORM; i++)
		xml_attr(n, contact_form[i].attr, contact ? contact[i] :
		    db_cell(&b->res, 0, contact_form[i].col));
}

/*
 * <invoices>: one page (?page=) of the organization's invoices, newest
 * first, with its <pager> (the links go back to the list's heading).
 * Returns RC_OK, or RC_ERROR with r->status set.
 */
static int
add_invoices(struct req *r, xmlNodePtr parent)
{
	struct dbres	 res, total;
	struct tz	*z;
	xmlNodePtr	 list;
	long		 page = page_arg(in_str(r, "page"));
	size_t		 i, shown;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return req_db_fail(r, RC_ERROR);
	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LIST, &res, NULL, NULL,
	    "uii", r->s->account_id, (long long)INVOICES_PER_PAGE + 1,
	    (long long)(page - 1) * INVOICES_PER_PAGE)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_INVOICE_TOTAL, &total, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK)
		return req_db_fail(r, rc);
	shown = res.nrows > INVOICES_PER_PAGE ? INVOICES_PER_PAGE : res.nrows;
	list = xml_el(parent, "invoices", NULL);
	for (i = 0; i < shown; i++)
		invoice_row(r, list, z, &res, i);
	if (pager_el(r, list, "/settings/billing", page, INVOICES_PER_PAGE,
	    res.nrows > INVOICES_PER_PAGE,
	    (long long)db_u64(&total, 0, IT_TOTAL), NULL) == NULL)
		return req_db_fail(r, RC_ERROR);
	return RC_OK;
}

/*
 * Draws the Billing page of b into r (status set by the caller; errors,
 * if any, added before).  card and contact hold typed values after a 422
 * (in the order of card_form and contact_form), or are NULL.  The route
 * declares "page" (the invoice list's).  Returns RC_OK, or RC_ERROR with
 * r->status set.
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
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_PLANS, &plans, NULL, NULL,
	    "")) != RC_OK || plans.nrows == 0)
		return req_db_fail(r, rc);
	n = xml_el(r->root, "billing", NULL);
	xml_attr(n, "plan", b->plan);
	xml_attr(n, "pending-plan", b->pending);
	xml_attr(n, "period-start", b->period_start);
	xml_attr(n, "period-end", b->period_end);
	xml_attr(n, "next-start", b->next_start);
	xml_attr_i(n, "period-days", b->period_days);
	xml_attr(n, "today", b->today);
	cur = add_plans(n, b, &plans);
	if (add_usage(r, n, b, &plans, cur) != RC_OK)
		return RC_ERROR;
	add_card(n, b);
	add_forms(n, b, card, contact);
	if (add_invoices(r, n) != RC_OK)
		return RC_ERROR;
	country_list_xml(r);
	return RC_OK;
}

/* GET /settings/billing (Admin): 200, or 503 without a database. */
int
page_billing(struct req *r)
{
	struct bill	 b;

	if (bill_load(r, &b) != RC_OK)
		return RC_ERROR;
	return billing_render(r, &b, NULL, NULL);
}

/* Wipes the card number and CVC as posted: they must not outlive the request. */
static void
card_wipe(struct req *r)
{
	size_t	 i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, "number") == 0 ||
		    strcmp(r->form.v[i].key, "cvc") == 0)
			sodium_memzero((char *)r->form.v[i].val, r->form.v[i].len);
}

/*
 * 1 when the gate took field name; else adds its <error> and answers 0.
 */
static int
typed_ok(struct req *r, const char *name)
{
	const char	*msg = in_error(r, name);

	if (msg != NULL)
		xml_error(r, name, msg);
	return msg == NULL;
}

/*
 * 1 when the number is a card we take: its brand and last 4 go into c
 * (the digits are wiped).  Else adds the error and answers 0.
 */
static int
typed_number_ok(struct req *r, struct card_typed *c)
{
	char		 digits[CARD_MAX_DIGITS + 1] = "";
	const char	*msg = NULL;
	size_t		 n;

	c->brand = CARD_NONE;
	if (!typed_ok(r, "number"))
		return 0;
	if (card_digits(in_str(r, "number"), digits) == 0 || !card_luhn(digits))
		msg = "This is not a valid card number. Check the digits.";
	else if ((c->brand = card_brand(digits)) == CARD_NONE)
		msg = "We accept Visa, Mastercard, American Express, Discover "
		    "and JCB cards.";
	n = strlen(digits);
	memcpy(c->last4, n >= 4 ? digits + n - 4 : "0000", 4);
	c->last4[4] = '\0';
	sodium_memzero(digits, sizeof(digits));
	if (msg != NULL)
		xml_error(r, "number", msg);
	return msg == NULL;
}

/*
 * 1 when the expiry is a month and year the card may have now: they go
 * into c.  Else adds the error (on the month, unless only the year is
 * refused) and answers 0.
 */
static int
typed_expiry_ok(struct req *r, const struct bill *b, struct card_typed *c)
{
	if (!typed_ok(r, "exp_month") || !typed_ok(r, "exp_year"))
		return 0;
	c->month = (int)strtol(in_str(r, "exp_month"), NULL, 10);
	c->year = (int)strtol(in_str(r, "exp_year"), NULL, 10);
	if (card_expiry_ok(c->month, c->year, b->month, b->year))
		return 1;
	xml_error(r, "exp_month", "The card has expired, or the expiry date is "
	    "too far ahead.");
	return 0;
}

/*
 * 1 when the CVC has the digits of the card's brand (of any brand when
 * the number was refused).  Else adds the error and answers 0.
 */
static int
typed_cvc_ok(struct req *r, const struct card_typed *c)
{
	const char	*cvc = in_str(r, "cvc");

	if (c->brand == CARD_NONE ? card_cvc_ok(CARD_VISA, cvc) ||
	    card_cvc_ok(CARD_AMEX, cvc) : card_cvc_ok(c->brand, cvc))
		return 1;
	xml_error(r, "cvc", c->brand == CARD_AMEX ?
	    "Enter the 4-digit security code from the front of the card." :
	    "Enter the 3-digit security code from the back of the card.");
	return 0;
}

/*
 * Stores the checked card c with the holder typed, audited.  Returns
 * RC_OK, or RC_ERROR with r->status set.
 */
static int
card_store(struct req *r, const struct bill *b, const struct card_typed *c)
{
	int	 rc;

	if ((rc = req_txn_exec(r, "billing.card", arena_printf(r->a,
	    "%s ending %s, expires %02d/%d", card_brand_label(c->brand),
	    c->last4, c->month, c->year), STMT_CARD_SET, "ssiisu",
	    card_brand_key(c->brand), c->last4, (long long)c->month,
	    (long long)c->year, in_str(r, "holder"), b->org)) != RC_OK)
		return req_db_fail(r, rc);
	return RC_OK;
}

/*
 * POST /settings/billing/card (Admin): holder, number, exp_month,
 * exp_year, cvc.  Stores brand, last 4, expiry and holder of a checked
 * card, audited; 303 to the page.  422 with the holder and expiry kept
 * (the number and CVC are never echoed); 503 without a database.
 */
int
page_billing_card_post(struct req *r)
{
	const char		*typed[NCARD_FORM];
	struct card_typed	 c = { CARD_NONE, 0, 0, "0000" };
	struct bill		 b;
	size_t			 i;
	int			 bad;

	for (i = 0; i < NCARD_FORM; i++)
		typed[i] = in_typed(r, card_form[i].field);
	if (bill_load(r, &b) != RC_OK || xml_page(r, "billing") == NULL) {
		card_wipe(r);
		return RC_ERROR;
	}
	bad = !typed_ok(r, "holder");
	bad += !typed_number_ok(r, &c);
	bad += !typed_expiry_ok(r, &b, &c);
	bad += !typed_cvc_ok(r, &c);
	card_wipe(r);
	if (bad > 0) {
		r->status = 422;
		return billing_render(r, &b, typed, NULL);
	}
	if (card_store(r, &b, &c) != RC_OK)
		return RC_ERROR;
	req_flash(r, "ok", arena_printf(r->a, "Card saved: %s ending in %s.",
	    card_brand_label(c.brand), c.last4));
	req_redirect(r, "/settings/billing");
	return RC_OK;
}

/*
 * POST /settings/billing/contact (Admin): name and email required;
 * address, country and tax ID optional.  303, or 422 with what was typed;
 * audited; 503 without a database.
 */
int
page_billing_contact_post(struct req *r)
{
	const char	*v[NCONTACT_FORM], *msg;
	struct bill	 b;
	size_t		 i;
	int		 bad = 0, rc;

	if (bill_load(r, &b) != RC_OK || xml_page(r, "billing") == NULL)
		return RC_ERROR;
	for (i = 0; i < NCONTACT_FORM; i++) {
		v[i] = in_typed(r, contact_form[i].field);
		if ((msg = in_error(r, contact_form[i].field)) == NULL &&
		    strcmp(contact_form[i].field, "country") == 0)
			msg = country_refused(in_str(r, "country"));
		if (msg != NULL) {
			xml_error(r, contact_form[i].field, msg);
			bad++;
		}
	}
	if (bad) {
		r->status = 422;
		return billing_render(r, &b, NULL, v);
	}
	if ((rc = req_txn_exec(r, "billing.contact", v[1], STMT_CONTACT_SET,
	    "sssssu", v[0], v[1], v[2], v[3], v[4], b.org)) != RC_OK)
		return req_db_fail(r, rc);
	req_flash(r, "ok", "Billing contact saved.");
	req_redirect(r, "/settings/billing");
	return RC_OK;
}
