/*
 * Invoices (numbered per organization, "ORG-NNNNN") and the monthly
 * period close.
 */
#ifndef STEWARD_INVOICE_H
#define STEWARD_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

int	 billing_close(struct db *, struct arena *, uint64_t org,
	    const char *now, int *issued);
int	 billing_close_all(struct db *, struct arena *, uint64_t org,
	    const char *now, int *orgs, int *issued);
int	 invoice_issue(struct db *, struct arena *, uint64_t org,
	    const char *kind, const char *period_start, const char *period_end,
	    const char *currency, const char *description, uint64_t amount,
	    const char *now, uint64_t *number);
int	 invoice_set_status(struct db *, struct arena *, uint64_t org,
	    uint64_t number, const char *status, int *changed);
const char *invoice_ref(struct arena *, uint64_t org, uint64_t number);

#endif
