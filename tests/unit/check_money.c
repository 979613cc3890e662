/*
 * Unit tests of fcgi/money.c: billing arithmetic (proration, invoice
 * totals, money, usage meters) and cards (Luhn, brand, CVC, expiry).
 */
#include <stdint.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/card.h"
#include "../../fcgi/money.h"

static const struct {
	uint64_t	 old_price, new_price;
	long		 remaining, total;
	uint64_t	 want;
	int		 rc;
} prorates[] = {
	/* upgrade mid-period: (24900 - 4900) * 15 / 30 */
	{ 4900, 24900, 15, 30, 10000, 0 },
	/* first day of the period: the whole difference */
	{ 4900, 24900, 30, 30, 20000, 0 },
	/* last day: one day of 31 (20000 / 31 = 645.16) */
	{ 4900, 24900, 1, 31, 645, 0 },
	/* period boundary: nothing left */
	{ 4900, 24900, 0, 30, 0, 0 },
	/* stale period (the close has not run): clamped to 0 */
	{ 4900, 24900, -3, 30, 0, 0 },
	/* a period that starts in the future: clamped to the whole */
	{ 0, 4900, 45, 30, 4900, 0 },
	/* February */
	{ 0, 99900, 14, 28, 49950, 0 },
	{ 0, 99900, 14, 29, 48228, 0 },
	/* rounding half up: 100 * 1 / 2 = 50; 1 * 1 / 2 = 0.5 -> 1 */
	{ 0, 1, 1, 2, 1, 0 },
	{ 0, 100, 1, 3, 33, 0 },
	{ 0, 100, 1, 6, 17, 0 },
	{ 0, 100, 2, 3, 67, 0 },
	/* same plan and downgrade charge nothing now */
	{ 4900, 4900, 10, 30, 0, 0 },
	{ 24900, 4900, 10, 30, 0, 0 },
	/* free to enterprise on day 28 of 30 */
	{ 0, 99900, 3, 30, 9990, 0 },
	/* the largest price, a whole period: no overflow */
	{ 0, MAX_MONEY_MINOR, 31, 31, MAX_MONEY_MINOR, 0 },
	/* refused: above the limit, no days */
	{ 0, MAX_MONEY_MINOR + 1, 1, 30, 0, -1 },
	{ 0, 4900, 1, 0, 0, -1 },
	{ 0, 4900, 1, -30, 0, -1 },
};

START_TEST(test_acct_prorate)
{
	uint64_t	 out = 12345;

	ck_assert_int_eq(billing_prorate(prorates[_i].old_price,
	    prorates[_i].new_price, prorates[_i].remaining, prorates[_i].total,
	    &out), prorates[_i].rc);
	ck_assert_uint_eq(out, prorates[_i].want);
}
END_TEST

static const struct {
	size_t		 n;
	uint64_t	 q[3], u[3];
	uint64_t	 want;
	int		 rc;
} totals[] = {
	{ 0, { 0 }, { 0 }, 0, 0 },
	{ 1, { 1 }, { 4900 }, 4900, 0 },
	{ 2, { 1, 3 }, { 4900, 250 }, 5650, 0 },
	{ 3, { 2, 0, 1 }, { 100, 999999, 1 }, 201, 0 },
	{ 1, { 1000 }, { 1000000000 }, 1000000000000ULL, 0 },	/* exactly the limit */
	{ 1, { 1001 }, { 1000000000 }, 0, -1 },		/* over it */
	{ 2, { 1, 1 }, { MAX_MONEY_MINOR, 1 }, 0, -1 },	/* the sum over it */
	{ 1, { 3 }, { UINT64_MAX / 2 }, 0, -1 },	/* would wrap */
};

START_TEST(test_acct_invoice_total)
{
	struct inv_line	 l[3];
	uint64_t	 t = 7;
	size_t		 k;

	for (k = 0; k < 3; k++) {
		l[k].quantity = totals[_i].q[k];
		l[k].unit = totals[_i].u[k];
		l[k].amount = 0;
	}
	ck_assert_int_eq(invoice_total(l, totals[_i].n, &t), totals[_i].rc);
	if (totals[_i].rc == 0) {
		ck_assert_uint_eq(t, totals[_i].want);
		for (k = 0; k < totals[_i].n; k++)
			ck_assert_uint_eq(l[k].amount, l[k].quantity * l[k].unit);
	}
}
END_TEST

static const struct {
	uint64_t	 minor;
	const char	*want;
} monies[] = {
	{ 0, "0.00" }, { 5, "0.05" }, { 99, "0.99" }, { 100, "1.00" },
	{ 4900, "49.00" }, { 123456, "1,234.56" }, { 99999999, "999,999.99" },
	{ 100000000, "1,000,000.00" }, { 1000000000000ULL, "10,000,000,000.00" },
};

START_TEST(test_acct_money)
{
	char	 buf[48], tiny[4];

	money_format(monies[_i].minor, buf, sizeof(buf));
	ck_assert_str_eq(buf, monies[_i].want);
	money_format(monies[_i].minor, tiny, sizeof(tiny));
	ck_assert_str_eq(tiny, strlen(monies[_i].want) < sizeof(tiny) ?
	    monies[_i].want : "?");
}
END_TEST

static const struct {
	uint64_t	 used, allowance;
	unsigned	 pct;
	enum usage_level level;
} levels[] = {
	{ 0, 1000, 0, USAGE_OK }, { 799, 1000, 79, USAGE_OK },
	{ 800, 1000, 80, USAGE_WARN }, { 999, 1000, 99, USAGE_WARN },
	{ 1000, 1000, 100, USAGE_OVER }, { 2500, 1000, 250, USAGE_OVER },
	{ 50000, 10, 999, USAGE_OVER }, { 0, 0, 0, USAGE_OK },
	{ 1, 0, 999, USAGE_OVER }, { UINT64_MAX, 1, 999, USAGE_OVER },
};

START_TEST(test_acct_usage_level)
{
	unsigned	 pct = 12345;

	ck_assert_int_eq(usage_level(levels[_i].used, levels[_i].allowance,
	    &pct), levels[_i].level);
	ck_assert_uint_eq(pct, levels[_i].pct);
	ck_assert_str_eq(usage_level_name(levels[_i].level),
	    levels[_i].level == USAGE_OK ? "ok" :
	    levels[_i].level == USAGE_WARN ? "warn" : "over");
}
END_TEST

/* Test numbers of the card networks; ok: digits valid and Luhn passes. */
static const struct {
	const char	*typed;
	int		 luhn;
	enum card_brand	 brand;
} cards[] = {
	{ "4242 4242 4242 4242", 1, CARD_VISA },
	{ "4111-1111-1111-1111", 1, CARD_VISA },
	{ "4222222222222", 1, CARD_VISA },			/* 13 digits */
	{ "4242424242424241", 0, CARD_VISA },			/* one digit off */
	{ "5555555555554444", 1, CARD_MASTERCARD },
	{ "2223003122003222", 1, CARD_MASTERCARD },		/* 2-series */
	{ "2720992720992729", 1, CARD_MASTERCARD },		/* 2720 still */
	{ "378282246310005", 1, CARD_AMEX },
	{ "371449635398431", 1, CARD_AMEX },
	{ "6011111111111117", 1, CARD_DISCOVER },
	{ "6445644564456445", 1, CARD_DISCOVER },
	{ "6221260000000000", 1, CARD_DISCOVER },		/* 622126 */
	{ "3530111333300000", 1, CARD_JCB },
	{ "3566002020360505", 1, CARD_JCB },
	{ "30569309025904", 1, CARD_NONE },			/* Diners: refused */
	{ "6200000000000005", 1, CARD_NONE },			/* UnionPay: refused */
	{ "5105105105105100", 1, CARD_MASTERCARD },
	{ "4242 4242 4242 424", 1, CARD_NONE },			/* 15-digit Visa: no brand */
};

START_TEST(test_acct_card)
{
	char	 d[CARD_MAX_DIGITS + 1];

	ck_assert_uint_gt(card_digits(cards[_i].typed, d), 0);
	ck_assert_int_eq(card_luhn(d), cards[_i].luhn);
	ck_assert_int_eq(card_brand(d), cards[_i].brand);
	ck_assert_int_eq(card_brand_parse(card_brand_key(cards[_i].brand)),
	    cards[_i].brand);
	ck_assert_str_ne(card_brand_label(cards[_i].brand), "");
}
END_TEST

START_TEST(test_acct_card_digits)
{
	static const struct {
		const char	*in;
		size_t		 n;
	} rows[] = {
		{ "", 0 }, { "4242", 0 }, { "42424242424", 0 },
		{ "424242424242", 12 }, { "4242424242424242424", 19 },
		{ "42424242424242424242", 0 }, { "4242 4242 4242 4242", 16 },
		{ "4242.4242.4242.4242", 0 }, { "4242x4242x4242x4242", 0 },
		{ "\xef\xbc\x94" "242424242424242", 0 },	/* fullwidth 4 */
		{ "4242\t4242\t4242\t4242", 0 },
	};
	char	 d[CARD_MAX_DIGITS + 1];
	size_t	 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_uint_eq(card_digits(rows[i].in, d), rows[i].n);
		ck_assert_uint_eq(strlen(d), rows[i].n);
	}
	ck_assert_int_eq(card_digits(NULL, d), 0);
	ck_assert_int_eq(card_luhn(""), 0);
	ck_assert_int_eq(card_luhn("0"), 1);
	ck_assert_int_eq(card_luhn("18"), 1);
	ck_assert_int_eq(card_luhn("4x"), 0);
}
END_TEST

START_TEST(test_acct_cvc_expiry)
{
	ck_assert(card_cvc_ok(CARD_VISA, "123"));
	ck_assert(!card_cvc_ok(CARD_VISA, "1234"));
	ck_assert(!card_cvc_ok(CARD_VISA, "12"));
	ck_assert(!card_cvc_ok(CARD_VISA, "12a"));
	ck_assert(!card_cvc_ok(CARD_VISA, NULL));
	ck_assert(card_cvc_ok(CARD_AMEX, "1234"));
	ck_assert(!card_cvc_ok(CARD_AMEX, "123"));
	ck_assert(card_cvc_ok(CARD_JCB, "000"));
	/* expiry: valid through the end of its month, at most 20 years on */
	ck_assert(card_expiry_ok(11, 2026, 11, 2026));
	ck_assert(!card_expiry_ok(10, 2026, 11, 2026));
	ck_assert(card_expiry_ok(1, 2027, 12, 2026));
	ck_assert(!card_expiry_ok(12, 2025, 1, 2026));
	ck_assert(card_expiry_ok(11, 2046, 11, 2026));
	ck_assert(!card_expiry_ok(12, 2046, 11, 2026));
	ck_assert(!card_expiry_ok(0, 2030, 11, 2026));
	ck_assert(!card_expiry_ok(13, 2030, 11, 2026));
}
END_TEST

Suite *
money_suite(void)
{
	Suite	*s = suite_create("money");
	TCase	*t = tcase_create("money");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_acct_prorate, 0, N(prorates));
	tcase_add_loop_test(t, test_acct_invoice_total, 0, N(totals));
	tcase_add_loop_test(t, test_acct_money, 0, N(monies));
	tcase_add_loop_test(t, test_acct_usage_level, 0, N(levels));
	tcase_add_loop_test(t, test_acct_card, 0, N(cards));
	tcase_add_test(t, test_acct_card_digits);
	tcase_add_test(t, test_acct_cvc_expiry);
	suite_add_tcase(s, t);
	return s;
}
