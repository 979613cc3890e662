/*
 * Invoices (Admin): one printable invoice at /settings/billing/invoices/ID
 * (its print stylesheet drops the frame) and the list as CSV at
 * /settings/billing/invoices.csv (xslt/csv.xsl, method text).  An
 * invoice of another organization answers 404.
 */
#include <string.h>

#include "../country.h"
#include "../db.h"
#include "../error.h"
#include "../form.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../xml.h"
#include "pages.h"

/* Columns shared by STMT_INVOICE_LIST and STMT_INVOICE_GET. */
enum {
	IV_ID, IV_NUMBER, IV_KIND, IV_STATUS, IV_START, IV_END, IV_CURRENCY,
	IV_TOTAL, IV_ISSUED, IV_DUE, IV_ORG
};

/* <invoice> with the attributes of row i of an invoice query; returns it. */
xmlNodePtr
invoice_row(struct req *r, xmlNodePtr parent, const struct dbres *res,
    size_t i)
{
	xmlNodePtr	 n = xml_el(parent, "invoice", NULL);

	xml_attr(n, "id", db_cell(res, i, IV_ID));
	xml_attr(n, "ref", acct_invoice_ref(r, db_u64(res, i, IV_ORG),
	    db_u64(res, i, IV_NUMBER)));
	xml_attr(n, "number", db_cell(res, i, IV_NUMBER));
	xml_attr(n, "kind", db_cell(res, i, IV_KIND));
	xml_attr(n, "status", db_cell(res, i, IV_STATUS));
	xml_attr(n, "period-start", db_cell(res, i, IV_START));
	xml_attr(n, "period-end", db_cell(res, i, IV_END));
	xml_attr(n, "currency", db_cell(res, i, IV_CURRENCY));
	xml_attr(n, "total", db_cell(res, i, IV_TOTAL));
	xml_attr(n, "issued", db_cell(res, i, IV_ISSUED));
	xml_attr(n, "due", db_cell(res, i, IV_DUE));
	return n;
}

/* <bill-to>: who the invoice was issued to (columns after IV_ORG). */
static void
add_bill_to(xmlNodePtr inv, const struct dbres *res)
{
	static const char *const attrs[] = {
		"name", "contact", "email", "address", "country", "tax-id"
	};
	xmlNodePtr	 n = xml_el(inv, "bill-to", NULL);
	const char	*cn;
	size_t		 i;

	for (i = 0; i < 6; i++)
		xml_attr(n, attrs[i], db_cell(res, 0, IV_ORG + 1 + (int)i));
	cn = country_name(db_cell(res, 0, IV_ORG + 5));
	xml_attr(n, "country-name", cn ? cn : "");
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
	xmlNodePtr	 n, l;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_GET, &inv, NULL, NULL,
	    "uu", r->s->account_id, acct_path_id(r))) != RC_OK)
		return acct_db_fail(r, rc);
	if (inv.nrows != 1) {
		page_error(r, 404, "There is no such invoice in this "
		    "organization.");
		return 0;
	}
	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LINES, &lines, NULL, NULL,
	    "u", db_u64(&inv, 0, IV_ID))) != RC_OK)
		return acct_db_fail(r, rc);
	if (xml_page(r, "invoice") == NULL)
		return -1;
	n = invoice_row(r, r->root, &inv, 0);
	add_bill_to(n, &inv);
	for (i = 0; i < lines.nrows; i++) {
		l = xml_el(n, "line", NULL);
		xml_attr(l, "description", db_cell(&lines, i, 0));
		xml_attr(l, "quantity", db_cell(&lines, i, 1));
		xml_attr(l, "unit", db_cell(&lines, i, 2));
		xml_attr(l, "amount", db_cell(&lines, i, 3));
	}
	return 0;
}

/*
 * GET /settings/billing/invoices.csv (Admin): every invoice of the
 * organization, newest first (at most MAX_CSV_INVOICES; next="yes" when
 * cut), as XML that xslt/csv.xsl writes as CSV.  503 without a database.
 */
int
page_invoices_csv(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 list;
	size_t		 i, shown;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_INVOICE_LIST, &res, NULL, NULL,
	    "uii", r->s->account_id, (long long)MAX_CSV_INVOICES + 1,
	    0LL)) != RC_OK)
		return acct_db_fail(r, rc);
	if (xml_page(r, "invoices-csv") == NULL)
		return -1;
	if (!r->api)
		r->disposition = "attachment; filename=\"invoices.csv\"";
	shown = res.nrows > MAX_CSV_INVOICES ? MAX_CSV_INVOICES : res.nrows;
	list = xml_el(r->root, "invoices", NULL);
	xml_attr_i(list, "page", 1);
	xml_attr_yes(list, "next", res.nrows > MAX_CSV_INVOICES);
	for (i = 0; i < shown; i++)
		invoice_row(r, list, &res, i);
	return 0;
}
