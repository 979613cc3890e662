/*
 * What the billing pages share: the billing state of the session's
 * organization, the columns of the plan and invoice statements, and the
 * attributes of a plan and an invoice as the XML states them.
 */
#ifndef STEWARD_BILL_H
#define STEWARD_BILL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "db.h"
#include "request.h"
#include "tz.h"

/* Columns of STMT_BILL_STATE (card and contact as stored). */
enum {
	BS_PLAN, BS_PENDING, BS_START, BS_END, BS_DAYS, BS_REMAINING,
	BS_BRAND, BS_LAST4, BS_EXP_MONTH, BS_EXP_YEAR, BS_HOLDER,
	BS_NAME, BS_EMAIL, BS_ADDRESS, BS_COUNTRY, BS_TAX_ID, BS_TODAY,
	BS_YEAR, BS_MONTH, BS_NEXT
};

/* Columns of STMT_PLANS and STMT_PLAN_GET. */
enum {
	PLAN_CODE, PLAN_NAME, PLAN_TIER, PLAN_PRICE, PLAN_CURRENCY, PLAN_MAU,
	PLAN_DATA_POINTS
};

/* Columns of STMT_INVOICE_LIST; STMT_INVOICE_GET adds the bill-to ones. */
enum {
	IV_ID, IV_NUMBER, IV_KIND, IV_STATUS, IV_START, IV_END, IV_CURRENCY,
	IV_TOTAL, IV_ISSUED, IV_DUE, IV_ORG,
	IV_BILL_NAME, IV_BILL_CONTACT, IV_BILL_EMAIL, IV_BILL_ADDRESS,
	IV_BILL_COUNTRY, IV_BILL_TAX_ID
};

/* A column of a statement's row and the XML attribute it fills. */
struct bill_attr {
	int		 col;
	const char	*attr;
};

/* The billing state of the session's organization. */
struct bill {
	uint64_t	 org;
	const char	*plan, *pending;	/* plan codes; pending may be NULL */
	const char	*period_start, *period_end;	/* first, last day */
	const char	*next_start, *today;
	long		 period_days, remaining;	/* remaining counts today */
	int		 year, month;		/* of today, UTC */
	int		 has_card;
	struct dbres	 res;			/* the row (BS_*: card, contact) */
};

int		 bill_load(struct req *, struct bill *);
void		 bill_row_attrs(xmlNodePtr, const struct dbres *, size_t row,
		    const struct bill_attr *, size_t n);
void		 bill_plan_attrs(xmlNodePtr, const struct dbres *, size_t row);
xmlNodePtr	 invoice_row(struct req *, xmlNodePtr parent, const struct tz *,
		    const struct dbres *, size_t row);

#endif
