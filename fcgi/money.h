/*
 * Billing arithmetic and card checks (pure, unit-tested).
 */
#ifndef STEWARD_MONEY_H
#define STEWARD_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

#include "arena.h"

/* account_calc.c: billing arithmetic and checks (pure, unit-tested). */
struct inv_line {
	uint64_t	 quantity, unit, amount;	/* amount set by invoice_total */
};

enum usage_level { USAGE_OK, USAGE_WARN, USAGE_OVER };

enum card_brand {
	CARD_NONE = 0,
	CARD_VISA,
	CARD_MASTERCARD,
	CARD_AMEX,
	CARD_DISCOVER,
	CARD_JCB,
	CARD__MAX
};

int		 billing_prorate(uint64_t old_price, uint64_t new_price,
		    long remaining, long total, uint64_t *out);
int		 invoice_total(struct inv_line *, size_t, uint64_t *total);
void		 money_format(uint64_t minor, char *buf, size_t len);
enum usage_level usage_level(uint64_t used, uint64_t allowance,
		    unsigned *percent);
const char	*usage_level_name(enum usage_level);
size_t		 card_digits(const char *in, char out[CARD_MAX_DIGITS + 1]);
int		 card_luhn(const char *digits);
enum card_brand	 card_brand(const char *digits);
enum card_brand	 card_brand_parse(const char *key);
const char	*card_brand_key(enum card_brand);
const char	*card_brand_label(enum card_brand);
int		 card_cvc_ok(enum card_brand, const char *cvc);
int		 card_expiry_ok(int month, int year, int now_month, int now_year);
int		 domains_normalise(struct arena *, const char *in, char **out,
		    const char **bad);
int		 domain_listed(const char *list, const char *domain);

#endif
