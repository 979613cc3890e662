/*
 * Payment cards as pure functions over strings and integers (unit-tested,
 * tests/unit/check_main.c): the digits of a typed number, the Luhn check,
 * the brand by prefix and length, the security code and the expiry.
 */
#include <string.h>

#include "card.h"
#include "limits.h"

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

/* Each brand as stored and sent in XML (key), as shown (label). */
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
