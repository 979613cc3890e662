/*
 * The arithmetic of billing, as pure functions over integers (unit-tested,
 * tests/unit/check_main.c): proration, invoice totals, usage meters and
 * money formatting.  No floating point touches money.
 */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "limits.h"
#include "rc.h"

/*
 * The charge for moving from a monthly price old to new with remaining
 * of total days of the period left (today counts as remaining): the price
 * difference times remaining / total, rounded half up.  A move down or
 * sideways charges 0 (it takes effect at the end of the period).
 * remaining is clamped to 0..total.  Returns RC_OK with *out set, or
 * RC_ERROR for a price above MAX_MONEY_MINOR or a period of no days.
 */
int
billing_prorate(uint64_t old_price, uint64_t new_price, long remaining,
    long total, uint64_t *out)
{
	uint64_t	 diff;

	*out = 0;
	if (old_price > MAX_MONEY_MINOR || new_price > MAX_MONEY_MINOR ||
	    total <= 0 || total > 366)
		return RC_ERROR;
	if (new_price <= old_price)
		return RC_OK;
	if (remaining < 0)
		remaining = 0;
	if (remaining > total)
		remaining = total;
	diff = new_price - old_price;
	/* at most 2 * 10^12 * 366 + 366: far below 2^64 */
	*out = (diff * (uint64_t)remaining * 2 + (uint64_t)total) /
	    (2 * (uint64_t)total);
	return RC_OK;
}

/*
 * The amounts of n invoice lines (quantity times unit price) into each
 * line's amount and their sum into *total.  Returns RC_OK, or RC_ERROR
 * when a line or the sum would exceed MAX_MONEY_MINOR (nothing is trusted
 * then).
 */
int
invoice_total(struct inv_line *lines, size_t n, uint64_t *total)
{
	size_t	 i;

	*total = 0;
	for (i = 0; i < n; i++) {
		if (lines[i].unit > MAX_MONEY_MINOR || lines[i].quantity >
		    MAX_MONEY_MINOR || (lines[i].quantity != 0 &&
		    lines[i].unit > MAX_MONEY_MINOR / lines[i].quantity))
			return RC_ERROR;
		lines[i].amount = lines[i].quantity * lines[i].unit;
		if (*total + lines[i].amount > MAX_MONEY_MINOR)
			return RC_ERROR;
		*total += lines[i].amount;
	}
	return RC_OK;
}

/*
 * Minor units as a decimal amount with two places and thousands
 * separators ("1,234.56") into buf; "?" when buf is too small.
 */
void
money_format(uint64_t minor, char *buf, size_t len)
{
	char	 digits[32], out[48];
	size_t	 n, i, o = 0, whole;

	n = (size_t)snprintf(digits, sizeof(digits), "%03llu",
	    (unsigned long long)minor);
	whole = n - 2;
	for (i = 0; i < whole; i++) {
		if (i > 0 && (whole - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o++] = '.';
	out[o++] = digits[n - 2];
	out[o++] = digits[n - 1];
	out[o] = '\0';
	if (o + 1 > len) {
		snprintf(buf, len, "?");
		return;
	}
	memcpy(buf, out, o + 1);
}

/*
 * How much of allowance used is: *percent (floored, at most 999) and a
 * level: USAGE_OVER from 100%, USAGE_WARN from USAGE_WARN_PERCENT.  An
 * allowance of 0 is over as soon as anything is used.
 */
enum usage_level
usage_level(uint64_t used, uint64_t allowance, unsigned *percent)
{
	uint64_t	 p;

	if (allowance == 0) {
		*percent = used > 0 ? 999 : 0;
		return used > 0 ? USAGE_OVER : USAGE_OK;
	}
	p = used > UINT64_MAX / 100 ? 999 : used * 100 / allowance;
	*percent = p > 999 ? 999 : (unsigned)p;
	if (used >= allowance)
		return USAGE_OVER;
	return p >= USAGE_WARN_PERCENT ? USAGE_WARN : USAGE_OK;
}

/* "ok", "warn" or "over", as the XML says it. */
const char *
usage_level_name(enum usage_level l)
{
	static const char *const names[] = { "ok", "warn", "over" };

	return names[l <= USAGE_OVER ? l : USAGE_OVER];
}
