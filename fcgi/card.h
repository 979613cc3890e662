/*
 * Payment cards: the checks a card passes before brand, last 4, expiry
 * and holder are stored (pure, unit-tested).  The number is never stored.
 */
#ifndef STEWARD_CARD_H
#define STEWARD_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

enum card_brand {
	CARD_NONE = 0,
	CARD_VISA,
	CARD_MASTERCARD,
	CARD_AMEX,
	CARD_DISCOVER,
	CARD_JCB,
	CARD__MAX
};

size_t		 card_digits(const char *in, char out[CARD_MAX_DIGITS + 1]);
int		 card_luhn(const char *digits);
enum card_brand	 card_brand(const char *digits);
enum card_brand	 card_brand_parse(const char *key);
const char	*card_brand_key(enum card_brand);
const char	*card_brand_label(enum card_brand);
int		 card_cvc_ok(enum card_brand, const char *cvc);
int		 card_expiry_ok(int month, int year, int now_month, int now_year);

#endif
