/*
 * Unit tests of fcgi/valid.c: the validators, one table per part of the
 * console.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/valid.h"

struct vcase {
	enum valid	 v;
	const char	*s;
	int		 ok;
};

static const struct vcase vcases[] = {
	{ VALID_EMAIL, "ann@example.com", 1 },
	{ VALID_EMAIL, "a.b+tag@sub.example.co.uk", 1 },
	{ VALID_EMAIL, "o'brien@example.ie", 1 },
	{ VALID_EMAIL, "", 0 },
	{ VALID_EMAIL, "ann", 0 },
	{ VALID_EMAIL, "ann@", 0 },
	{ VALID_EMAIL, "@example.com", 0 },
	{ VALID_EMAIL, "ann@localhost", 0 },
	{ VALID_EMAIL, "ann@-example.com", 0 },
	{ VALID_EMAIL, "ann@example..com", 0 },
	{ VALID_EMAIL, "ann @example.com", 0 },
	{ VALID_EMAIL, "ann@example.com\n", 0 },
	{ VALID_EMAIL, "ann@example.com\nBcc: x@y.z", 0 },
	{ VALID_EMAIL, "<script>@example.com", 0 },
	{ VALID_EMAIL, "zo\xc3\xab@example.com", 0 },
	{ VALID_ROLE, "admin", 1 },
	{ VALID_ROLE, "agent", 1 },
	{ VALID_ROLE, "Admin", 0 },
	{ VALID_ROLE, "owner", 0 },
	{ VALID_ROLE, "admin ", 0 },
	{ VALID_PERSON_NAME, "Zo\xc3\xab Lindqvist", 1 },
	{ VALID_PERSON_NAME, "\xe5\xbc\xa0\xe4\xbc\x9f", 1 },
	{ VALID_PERSON_NAME, "<b>&amp;</b>", 1 },
	{ VALID_PERSON_NAME, "   ", 0 },
	{ VALID_PERSON_NAME, "a\tb", 0 },
	{ VALID_PERSON_NAME, "evil\xe2\x80\xaegnp.exe", 0 },	/* RLO */
	{ VALID_PERSON_NAME, "bad\xc3", 0 },
	{ VALID_ACCOUNT_ID, "W8R-K4Z-7Q2M", 1 },
	{ VALID_ACCOUNT_ID, "w8r-k4z-7q2m", 0 },
	{ VALID_ACCOUNT_ID, "W8R-K4Z-7Q2", 0 },
	{ VALID_REGION, "eu1", 1 },
	{ VALID_REGION, "aps3", 1 },
	{ VALID_REGION, "eu2", 0 },
	{ VALID_TIMEZONE, "Europe/Berlin", 1 },
	{ VALID_TIMEZONE, "America/Argentina/Buenos_Aires", 1 },
	{ VALID_TIMEZONE, "UTC", 1 },
	{ VALID_TIMEZONE, "../etc/passwd", 0 },
	{ VALID_TIMEZONE, "Europe/Berlin'--", 0 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789-_abcdefghijk", 1 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789-_abcdefghij", 0 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789+/abcdefghijk", 0 },
	{ VALID_LOCAL_PATH, "/settings", 1 },
	{ VALID_LOCAL_PATH, "/settings/users?page=2", 1 },
	{ VALID_LOCAL_PATH, "//evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "/\\evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "https://evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "/a\"onmouseover=x", 0 },
	{ VALID_LOGIN_PASSWORD, "correct horse battery", 1 },
	{ VALID_LOGIN_PASSWORD, "", 0 },
	{ VALID_LOGIN_PASSWORD, "with\x01control", 0 },
};

START_TEST(test_validators)
{
	const struct vcase	*c = &vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

START_TEST(test_validator_limits)
{
	char	 long_email[300];

	memset(long_email, 'a', 250);
	memcpy(long_email + 250, "@x.io", 6);
	ck_assert(!valid_check(VALID_EMAIL, long_email, strlen(long_email)));
	ck_assert(!valid_check(VALID_EMAIL, NULL, 0));
	ck_assert(valid_message(VALID_EMAIL) != NULL);
}
END_TEST

static const struct vcase vcases_users[] = {
	{ VALID_ID, "1", 1 }, { VALID_ID, "1234567890123456789", 1 },
	{ VALID_ID, "0", 0 }, { VALID_ID, "01", 0 }, { VALID_ID, "-1", 0 },
	{ VALID_ID, "12345678901234567890", 0 }, { VALID_ID, "1e3", 0 },
	{ VALID_ID, " 1", 0 }, { VALID_ID, "", 0 },
	{ VALID_SEARCH, "ann", 1 }, { VALID_SEARCH, "Zo\xc3\xab L", 1 },
	{ VALID_SEARCH, "a\x01", 0 }, { VALID_SEARCH, "\xe2\x80\xae", 0 },
	{ VALID_MEMBER_STATUS, "active", 1 }, { VALID_MEMBER_STATUS, "expired", 1 },
	{ VALID_MEMBER_STATUS, "Active", 0 }, { VALID_MEMBER_STATUS, "gone", 0 },
	{ VALID_USERS_SORT, "last-login", 1 }, { VALID_USERS_SORT, "password", 0 },
	{ VALID_ORDER, "asc", 1 }, { VALID_ORDER, "desc", 1 }, { VALID_ORDER, "up", 0 },
	{ VALID_PAGE, "1", 1 }, { VALID_PAGE, "99999", 1 }, { VALID_PAGE, "0", 0 },
	{ VALID_PAGE, "100000", 0 }, { VALID_PAGE, "-2", 0 },
	{ VALID_INVITE_MESSAGE, "Welcome!\nSee you.\r\n\tBye", 1 },
	{ VALID_INVITE_MESSAGE, "   ", 0 }, { VALID_INVITE_MESSAGE, "a\x07", 0 },
	{ VALID_INVITE_MESSAGE, "a\xc2\x85", 0 }, { VALID_INVITE_MESSAGE, "\xe2\x80\xae", 0 },
	{ VALID_AUDIT_ACTION, "login", 1 }, { VALID_AUDIT_ACTION, "invite.send", 1 },
	{ VALID_AUDIT_ACTION, "2fa-reset", 1 }, { VALID_AUDIT_ACTION, "a_b", 0 },
	{ VALID_AUDIT_ACTION, "a%", 0 }, { VALID_AUDIT_ACTION, "a..b", 0 },
	{ VALID_AUDIT_ACTION, ".a", 0 }, { VALID_AUDIT_ACTION, "LOGIN", 0 },
	{ VALID_DATE, "2026-03-29", 1 }, { VALID_DATE, "2026-3-29", 0 },
};

START_TEST(test_validators_users)
{
	const struct vcase *c = &vcases_users[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\" should be %d", (int)c->v, c->s, c->ok);
}
END_TEST

START_TEST(test_invite_message_limit)
{
	char	 m[1002 * 2];

	memset(m, 'm', 1000);
	m[1000] = '\0';
	ck_assert(valid_check(VALID_INVITE_MESSAGE, m, 1000));
	m[1000] = 'm';
	m[1001] = '\0';
	ck_assert(!valid_check(VALID_INVITE_MESSAGE, m, 1001));
}
END_TEST

static const struct vcase acct_vcases[] = {
	{ VALID_YES, "yes", 1 },
	{ VALID_YES, "Yes", 0 },
	{ VALID_YES, "yes ", 0 },
	{ VALID_YES, "no", 0 },
	{ VALID_YES, "on", 0 },
	{ VALID_DOMAIN, "example.com", 1 },
	{ VALID_DOMAIN, "xn--bcher-kva.example", 1 },
	{ VALID_DOMAIN, "example", 0 },
	{ VALID_DOMAIN, "exa mple.com", 0 },
	{ VALID_LEGAL_NAME, "Example GmbH & Co. KG", 1 },
	{ VALID_LEGAL_NAME, "   ", 0 },
	{ VALID_LEGAL_NAME, "a\nb", 0 },
	{ VALID_ADDRESS, "Hauptstra\xc3\x9f" "e 1\n10115 Berlin", 1 },
	{ VALID_ADDRESS, "Line 1\r\nLine 2", 1 },
	{ VALID_ADDRESS, "a\tb", 0 },
	{ VALID_ADDRESS, "\n\n", 0 },
	{ VALID_ADDRESS, "evil\xe2\x80\xae", 0 },
	{ VALID_COUNTRY, "DE", 1 },
	{ VALID_COUNTRY, "de", 0 },
	{ VALID_COUNTRY, "DEU", 0 },
	{ VALID_WEBSITE, "https://example.com", 1 },
	{ VALID_WEBSITE, "http://shop.example.co.uk:8080/a?b=c#d", 1 },
	{ VALID_WEBSITE, "javascript:alert(1)", 0 },
	{ VALID_WEBSITE, "https://example.com/a b", 0 },
	{ VALID_WEBSITE, "ftp://example.com", 0 },
	{ VALID_WEBSITE, "https://localhost", 0 },
	{ VALID_WEBSITE, "//example.com", 0 },
	{ VALID_TAX_ID, "DE123456789", 1 },
	{ VALID_TAX_ID, "GB 123 4567 89", 1 },
	{ VALID_TAX_ID, "12-3456789", 1 },
	{ VALID_TAX_ID, "DE1234<script>", 0 },
	{ VALID_TAX_ID, " DE1", 0 },
	{ VALID_MONTH, "1", 1 },
	{ VALID_MONTH, "09", 1 },
	{ VALID_MONTH, "12", 1 },
	{ VALID_MONTH, "13", 0 },
	{ VALID_MONTH, "0", 0 },
	{ VALID_MONTH, "1a", 0 },
	{ VALID_YEAR, "2030", 1 },
	{ VALID_YEAR, "30", 0 },
	{ VALID_YEAR, "1999", 0 },
	{ VALID_PLAN, "essentials", 1 },
	{ VALID_PLAN, "Essentials", 0 },
	{ VALID_PLAN, "plan;drop", 0 },
	{ VALID_AMOUNT, "0", 1 },
	{ VALID_AMOUNT, "2490", 1 },
	{ VALID_AMOUNT, "-1", 0 },
	{ VALID_AMOUNT, "1.5", 0 },
	{ VALID_AMOUNT, "12345678901234", 0 },
};

START_TEST(test_acct_validators)
{
	const struct vcase	*c = &acct_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\" should be %d", (int)c->v, c->s, c->ok);
}
END_TEST

static const struct vcase profile_vcases[] = {
	{ VALID_PHONE_TYPED, "+49 30 123456", 1 },
	{ VALID_PHONE_TYPED, "+1 (415) 555-2671", 1 },
	{ VALID_PHONE_TYPED, " ", 1 },			/* only separators */
	{ VALID_PHONE_TYPED, "030 123456", 0 },		/* no + */
	{ VALID_PHONE_TYPED, "+0 30 123456", 0 },
	{ VALID_PHONE_TYPED, "+49 30 12x456", 0 },
	{ VALID_PHONE, "+4930123456", 1 },
	{ VALID_PHONE, "+14155552671", 1 },
	{ VALID_PHONE, "+123456789012345", 1 },		/* 15 digits */
	{ VALID_PHONE, "+1234567890123456", 0 },	/* 16 */
	{ VALID_PHONE, "4930123456", 0 },
	{ VALID_PHONE, "+0301234567", 0 },
	{ VALID_PHONE, "+49 30 123456", 0 },		/* spaces go before */
	{ VALID_PHONE, "+49abc", 0 },
	{ VALID_TOTP_CODE, "123456", 1 },
	{ VALID_TOTP_CODE, "12345", 0 },
	{ VALID_TOTP_CODE, "1234567", 0 },
	{ VALID_TOTP_CODE, "12345a", 0 },
	{ VALID_RECOVERY_CODE, "ABCD-EFGH-JKLM", 1 },
	{ VALID_RECOVERY_CODE, "abcd efgh jklm", 1 },
	{ VALID_RECOVERY_CODE, "ABCD-EFGH-JKL1", 0 },
};

START_TEST(test_profile_validators)
{
	const struct vcase	*c = &profile_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\"", c->v, c->s);
}
END_TEST

static const struct vcase data_vcases[] = {
	{ VALID_SCHEMA_SEARCH, "purchase", 1 },
	{ VALID_SCHEMA_SEARCH, "Zo\xc3\xab's event", 1 },
	{ VALID_SCHEMA_SEARCH, "two\nlines", 0 },
	{ VALID_SCHEMA_SEARCH, "tab\there", 0 },
	{ VALID_SCHEMA_SORT, "name", 1 },
	{ VALID_SCHEMA_SORT, "last-seen", 1 },
	{ VALID_SCHEMA_SORT, "count", 1 },
	{ VALID_SCHEMA_SORT, "Name", 0 },
	{ VALID_SCHEMA_SORT, "name ", 0 },
	{ VALID_DATA_LABEL, "Purchase completed", 1 },
	{ VALID_DATA_LABEL, "   ", 0 },
	{ VALID_DATA_LABEL, "tab\there", 0 },
	{ VALID_DATA_LABEL, "evil\xe2\x80\xae" "x", 0 },
	{ VALID_DESCRIPTION, "Line one\nline two\r\n\tindented", 1 },
	{ VALID_DESCRIPTION, "\n\n", 0 },
	{ VALID_DESCRIPTION, "bell\x07", 0 },
	{ VALID_PTYPE, "string", 1 },
	{ VALID_PTYPE, "list", 1 },
	{ VALID_PTYPE, "integer", 0 },
	{ VALID_PTYPE, "String", 0 },
	{ VALID_CSV_KIND, "profiles", 1 },
	{ VALID_CSV_KIND, "events", 1 },
	{ VALID_CSV_KIND, "event", 0 },
};

START_TEST(test_data_validators)
{
	const struct vcase	*c = &data_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

static const struct vcase manage_vcases[] = {
	{ VALID_LABEL_NAME, "Q1 launch", 1 },
	{ VALID_LABEL_NAME, "Zo\xc3\xab \xe2\x80\x94 \xe5\xbc\xa0", 1 },
	{ VALID_LABEL_NAME, "1234567890123456789012345678901234567890", 1 },
	{ VALID_LABEL_NAME, "12345678901234567890123456789012345678901", 0 },
	{ VALID_LABEL_NAME, "   ", 0 },
	{ VALID_LABEL_NAME, "tab\there", 0 },
	{ VALID_LABEL_NAME, "new\nline", 0 },
	{ VALID_LABEL_NAME, "evil\xe2\x80\xae" "x", 0 },
	{ VALID_LABEL_DESC, "Launch of the spring campaign", 1 },
	{ VALID_LABEL_DESC, "two\nlines", 0 },
	{ VALID_REPORT_NAME, "Weekly events", 1 },
	{ VALID_REPORT_NAME, "bell\x07", 0 },
	{ VALID_HOUR, "0", 1 }, { VALID_HOUR, "9", 1 }, { VALID_HOUR, "23", 1 },
	{ VALID_HOUR, "24", 0 }, { VALID_HOUR, "09", 0 }, { VALID_HOUR, "-1", 0 },
	{ VALID_HOUR, "a", 0 },
	{ VALID_MONTH_DAY, "1", 1 }, { VALID_MONTH_DAY, "31", 1 },
	{ VALID_MONTH_DAY, "0", 0 }, { VALID_MONTH_DAY, "32", 0 },
	{ VALID_MONTH_DAY, "01", 0 },
};

START_TEST(test_manage_validators)
{
	const struct vcase	*c = &manage_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

Suite *
valid_suite(void)
{
	Suite	*s = suite_create("valid");
	TCase	*t = tcase_create("valid");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_validators, 0, N(vcases));
	tcase_add_test(t, test_validator_limits);
	tcase_add_loop_test(t, test_validators_users, 0, N(vcases_users));
	tcase_add_test(t, test_invite_message_limit);
	tcase_add_loop_test(t, test_acct_validators, 0, N(acct_vcases));
	tcase_add_loop_test(t, test_profile_validators, 0, N(profile_vcases));
	tcase_add_loop_test(t, test_data_validators, 0, N(data_vcases));
	tcase_add_loop_test(t, test_manage_validators, 0, N(manage_vcases));
	suite_add_tcase(s, t);
	return s;
}
