/*
 * Usage counters: data points per account and day, monthly active users
 * per account and month (summed over an organization by the Billing page).
 */
#ifndef STEWARD_USAGE_H
#define STEWARD_USAGE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* steward-admin usage-add (until ingestion writes usage). */
int	 usage_add(struct db *, struct arena *, uint64_t account,
	    const char *day, uint64_t data_points, uint64_t mau);

#endif
