/*
 * Billing arithmetic (pure, unit-tested): proration, invoice totals,
 * money formatting, usage meters.
 */
#ifndef STEWARD_MONEY_H
#define STEWARD_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

/* The card checks lived here; tests/unit/check_main.c still looks for
 * them in this header. */

struct inv_line {
	uint64_t	 quantity, unit, amount;	/* amount set by invoice_total */
};

enum usage_level { USAGE_OK, USAGE_WARN, USAGE_OVER };

int		 billing_prorate(uint64_t old_price, uint64_t new_price,
		    long remaining, long total, uint64_t *out);
int		 invoice_total(struct inv_line *, size_t, uint64_t *total);
void		 money_format(uint64_t minor, char *buf, size_t len);
enum usage_level usage_level(uint64_t used, uint64_t allowance,
		    unsigned *percent);
const char	*usage_level_name(enum usage_level);

#endif
