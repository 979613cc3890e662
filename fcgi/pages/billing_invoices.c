/*
 * Invoices (Admin): one printable invoice at /settings/billing/invoices/ID
 * (its print stylesheet drops the frame) and the list as CSV at
 * /settings/billing/invoices.csv (xslt/csv.xsl, method text).  An
 * invoice of another organization answers 404.
 */
#include <string.h>

#include "../bill.h"
#include "../country.h"
#include "../db.h"
#include "../error.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../xml.h"

/* Columns of STMT_INVOICE_LINES. */
enum { IL_DESCRIPTION, IL_QUANTITY, IL_UNIT, IL_AMOUNT };

/* <bill-to>: who the invoice was issued to (STMT_INVOICE_GET's last columns). */
static void
add_bill_to(xmlNodePtr inv, const struct dbres *res)
{
	static const struct bill_attr attrs[] = {
		{ IV_BILL_NAME, "name" }, { IV_BILL_CONTACT, "contact" },
		{ IV_BILL_EMAIL, "email" }, { IV_BILL_ADDRESS, "address" },
		{ IV_BILL_COUNTRY, "country" }, { IV_BILL_TAX_ID, "tax-id" },
	};
	xmlNodePtr	 n = xml_el(inv, "bill-to", NULL);
	const char	*cn;

	bill_row_attrs(n, res, 0, attrs, sizeof(attrs) / sizeof(attrs[0]));
	cn = country_name(db_cell(res, 0, IV_BILL_COUNTRY));
	xml_attr(n, "country-name", cn ? cn : "");
}

/* One <line> per row of lines (STMT_INVOICE_LINES) under inv. */
static void
add_lines(xmlNodePtr inv, const struct dbres *lines)
{
	static const struct bill_attr attrs[] = {
		{ IL_DESCRIPTION, "description" }, { IL_QUANTITY, "quantity" },
		{ IL_UNIT, "unit" }, { IL_AMOUNT, "amount" },
	};
	size_t	 i;

	for (i = 0; i < lines->nrows; i++)
		bill_row_attrs(xml_el(inv, "line", NULL), lines, i, attrs,
		    sizeof(attrs) / sizeof(attrs[0]));
}

/*
 * GET /settings/billing/invoices/ID (Admin): 200 with the invoice and its
 * lines; 404 when it is not an invoice of this organization; 503 without
 * a database.
 */
int
page_invoice(struct req *r)
{
	struct dbres	 inv, lines;
	struct tz	*z;
	xmlNodePtr	 n;
	uint64_t	 id = 0;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	inv.nrows = 0;
	if (arg_id(strrchr(r->path, '/') + 1, &id) == RC_OK &&
	    (rc = db_exec(r->db, r->a, STMT_INVOICE_GET, &inv, NULL, NULL,
	    "uu", r->s->account_id, id)) != RC_OK)
		return req_db_fail(r, rc);
	if (inv.nrows != 1) {
		page_error(r, 404, "There is no such invoice in this "
		    "organization.");
		return RC_OK;
	}
	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LINES, &lines, NULL, NULL,
	    "u", db_u64(&inv, 0, IV_ID))) != RC_OK)
		return req_db_fail(r, rc);
	if (xml_page(r, "invoice") == NULL)
		return RC_ERROR;
	n = invoice_row(r, r->root, z, &inv, 0);
	add_bill_to(n, &inv);
	add_lines(n, &lines);
	return RC_OK;
}

/*
 * GET /settings/billing/invoices.csv (Admin): every invoice of the
 * organization, newest first (at most MAX_CSV_INVOICES; truncated="yes"
 * when cut), as XML that xslt/csv.xsl writes as CSV.  503 without a database.
 */
int
page_invoices_csv(struct req *r)
{
	struct dbres	 res;
	struct tz	*z;
	xmlNodePtr	 list;
	size_t		 i, shown;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LIST, &res, NULL, NULL,
	    "uii", r->s->account_id, (long long)MAX_CSV_INVOICES + 1,
	    0LL)) != RC_OK)
		return req_db_fail(r, rc);
	if (xml_page(r, "invoices-csv") == NULL)
		return RC_ERROR;
	if (!r->api)
		r->disposition = "attachment; filename=\"invoices.csv\"";
	shown = res.nrows > MAX_CSV_INVOICES ? MAX_CSV_INVOICES : res.nrows;
	list = xml_el(r->root, "invoices", NULL);
	xml_attr_yes(list, "truncated", res.nrows > MAX_CSV_INVOICES);
	for (i = 0; i < shown; i++)
		invoice_row(r, list, z, &res, i);
	return RC_OK;
}
