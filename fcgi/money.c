/*
 * The arithmetic and checks of billing, as pure functions over integers
 * and strings (unit-tested, tests/unit/check_main.c): proration, invoice
 * totals, usage meters, money formatting, payment cards (Luhn, brand,
 * expiry, CVC) and the organization's list of invite domains (which the
 * users part enforces, domains_allow_invite()).  No floating point
 * touches money.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "limits.h"

/* ------------------------------------------------------------- money */

/*
 * The charge for moving from a monthly price old to new with remaining
 * of total days of the period left (today counts as remaining): the price
 * difference times remaining / total, rounded half up.  A move down or
 * sideways charges 0 (it takes effect at the end of the period).
 * remaining is clamped to 0..total.  Returns 0 with *out set, or -1 for a
 * price above MAX_MONEY_MINOR or a period of no days.
 */
int
billing_prorate(uint64_t old_price, uint64_t new_price, long remaining,
    long total, uint64_t *out)
{
	uint64_t	 diff;

	*out = 0;
	if (old_price > MAX_MONEY_MINOR || new_price > MAX_MONEY_MINOR ||
	    total <= 0 || total > 366)
		return -1;
	if (new_price <= old_price)
		return 0;
	if (remaining < 0)
		remaining = 0;
	if (remaining > total)
		remaining = total;
	diff = new_price - old_price;
	/* at most 2 * 10^12 * 366 + 366: far below 2^64 */
	*out = (diff * (uint64_t)remaining * 2 + (uint64_t)total) /
	    (2 * (uint64_t)total);
	return 0;
}

/*
 * The amounts of n invoice lines (quantity times unit price) into each
 * line's amount and their sum into *total.  Returns 0, or -1 when a line
 * or the sum would exceed MAX_MONEY_MINOR (nothing is trusted then).
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
			return -1;
		lines[i].amount = lines[i].quantity * lines[i].unit;
		if (*total + lines[i].amount > MAX_MONEY_MINOR)
			return -1;
		*total += lines[i].amount;
	}
	return 0;
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

/* ------------------------------------------------------------- cards */

/*
 * The card brands by number prefix: numbers whose first len digits lie in
 * lo..hi, with a total length whose bit is set in lengths.
 */
static const struct {
	enum card_brand	 brand;
	size_t		 len;
	unsigned	 lo, hi;
	unsigned long	 lengths;
} prefixes[] = {
	{ CARD_VISA,		1, 4, 4,		1ul << 13 | 1ul << 16 | 1ul << 19 },
	{ CARD_MASTERCARD,	2, 51, 55,		1ul << 16 },
	{ CARD_MASTERCARD,	4, 2221, 2720,		1ul << 16 },
	{ CARD_AMEX,		2, 34, 34,		1ul << 15 },
	{ CARD_AMEX,		2, 37, 37,		1ul << 15 },
	{ CARD_DISCOVER,	4, 6011, 6011,		0xful << 16 },
	{ CARD_DISCOVER,	3, 644, 649,		0xful << 16 },
	{ CARD_DISCOVER,	2, 65, 65,		0xful << 16 },
	{ CARD_DISCOVER,	6, 622126, 622925,	0xful << 16 },
	{ CARD_JCB,		4, 3528, 3589,		0xful << 16 },
};

static const struct {
	const char	*key, *label;
	size_t		 cvc;		/* digits of the security code */
} brands[CARD__MAX] = {
	[CARD_NONE]		= { "unknown", "Unknown", 3 },
	[CARD_VISA]		= { "visa", "Visa", 3 },
	[CARD_MASTERCARD]	= { "mastercard", "Mastercard", 3 },
	[CARD_AMEX]		= { "amex", "American Express", 4 },
	[CARD_DISCOVER]		= { "discover", "Discover", 3 },
	[CARD_JCB]		= { "jcb", "JCB", 3 },
};

/*
 * Copies the digits of a card number as typed (digits, with spaces or
 * dashes between groups) into out.  Returns their number, or 0 when the
 * input holds anything else or not CARD_MIN_DIGITS..CARD_MAX_DIGITS digits.
 */
size_t
card_digits(const char *in, char out[CARD_MAX_DIGITS + 1])
{
	size_t	 n = 0;

	out[0] = '\0';
	for (; in != NULL && *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (*in < '0' || *in > '9' || n == CARD_MAX_DIGITS) {
			out[0] = '\0';
			return 0;
		}
		out[n++] = *in;
	}
	out[n] = '\0';
	if (n < CARD_MIN_DIGITS) {
		out[0] = '\0';
		return 0;
	}
	return n;
}

/* 1 when the digit string passes the Luhn (mod 10) check. */
int
card_luhn(const char *digits)
{
	size_t	 n = strlen(digits), i;
	unsigned sum = 0, d;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		d = (unsigned)(digits[n - 1 - i] - '0');
		if (d > 9)
			return 0;
		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

/* The brand of a digit string by its prefix and length, or CARD_NONE. */
enum card_brand
card_brand(const char *digits)
{
	size_t		 n = strlen(digits), i, k;
	unsigned	 v;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		if (n < prefixes[i].len || n >= 8 * sizeof(unsigned long) ||
		    !(prefixes[i].lengths & (1ul << n)))
			continue;
		for (v = 0, k = 0; k < prefixes[i].len; k++)
			v = v * 10 + (unsigned)(digits[k] - '0');
		if (v >= prefixes[i].lo && v <= prefixes[i].hi)
			return prefixes[i].brand;
	}
	return CARD_NONE;
}

/* "visa", "amex", … as stored and sent in XML. */
const char *
card_brand_key(enum card_brand b)
{
	return brands[b < CARD__MAX ? b : CARD_NONE].key;
}

/* The brand stored as key ("visa"), or CARD_NONE. */
enum card_brand
card_brand_parse(const char *key)
{
	int	 b;

	for (b = CARD_VISA; key != NULL && b < CARD__MAX; b++)
		if (strcmp(key, brands[b].key) == 0)
			return (enum card_brand)b;
	return CARD_NONE;
}

/* "Visa", "American Express", … as shown. */
const char *
card_brand_label(enum card_brand b)
{
	return brands[b < CARD__MAX ? b : CARD_NONE].label;
}

/* 1 when cvc is the brand's number of digits (4 for Amex, else 3). */
int
card_cvc_ok(enum card_brand b, const char *cvc)
{
	size_t	 i, want = brands[b < CARD__MAX ? b : CARD_NONE].cvc;

	if (cvc == NULL || strlen(cvc) != want)
		return 0;
	for (i = 0; i < want; i++)
		if (cvc[i] < '0' || cvc[i] > '9')
			return 0;
	return 1;
}

/*
 * 1 when a card expiring at the end of month/year is still valid in
 * now_month/now_year and expires at most CARD_MAX_YEARS ahead.
 */
int
card_expiry_ok(int month, int year, int now_month, int now_year)
{
	long	 exp = (long)year * 12 + month, now = (long)now_year * 12 + now_month;

	if (month < 1 || month > 12 || now_month < 1 || now_month > 12)
		return 0;
	return exp >= now && exp <= now + CARD_MAX_YEARS * 12;
}

/* ----------------------------------------------------- invite domains */
