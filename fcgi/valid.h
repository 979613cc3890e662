/*
 * The validator table (PCRE2, compiled once).
 */
#ifndef STEWARD_VALID_H
#define STEWARD_VALID_H

#include <stddef.h>
#include <stdint.h>

enum valid {
	VALID_EMAIL,
	VALID_ROLE,
	VALID_PERSON_NAME,
	VALID_ORG_NAME,
	VALID_ACCOUNT_ID,
	VALID_REGION,
	VALID_TIMEZONE,
	VALID_TOKEN,
	VALID_LOCAL_PATH,
	VALID_LOGIN_PASSWORD,
	VALID_ID,		/* a row id: 1 … 19 digits, no leading zero */
	VALID_SEARCH,
	VALID_MEMBER_STATUS,
	VALID_USERS_SORT,
	VALID_ORDER,
	VALID_PAGE,
	VALID_INVITE_MESSAGE,
	VALID_AUDIT_ACTION,
	VALID_DATE,
	VALID_DOMAIN,		/* a domain of the invite list */
	VALID_LEGAL_NAME,
	VALID_ADDRESS,
	VALID_COUNTRY,
	VALID_WEBSITE,
	VALID_TAX_ID,
	VALID_MONTH,
	VALID_YEAR,
	VALID_PLAN,
	VALID_AMOUNT,
	VALID_PHONE,
	VALID_TOTP_CODE,
	VALID_RECOVERY_CODE,
	VALID_DATA_LABEL,	/* a display name of an event or property */
	VALID_DESCRIPTION,	/* a description, multiline */
	VALID_PTYPE,		/* a property data type */
	VALID_CSV_KIND,		/* a CSV upload holds profiles or events */
	VALID_LABEL_NAME,	/* a label's name */
	VALID_LABEL_DESC,	/* a label's description */
	VALID_REPORT_NAME,	/* a report's name */
	VALID_HOUR,		/* an hour, 0 … 23 */
	VALID_MONTH_DAY,	/* a day of the month, 1 … 31 */
	/* a phone number as typed (VALID_PHONE once the spaces,
	 * dots, dashes and brackets are gone), or only those */
	VALID_PHONE_TYPED,
	/* a ticked box */
	VALID_YES,		/* a ticked box or a confirmation: "yes" */
	/* the Events and User Properties lists */
	VALID_SCHEMA_SEARCH,	/* a search of the schema pages */
	VALID_SCHEMA_SORT,	/* name, last-seen, count */
	/* passkeys */
	VALID_PASSKEY_NAME,	/* a passkey's name */
	/* API tokens (the profile page's tokens card) */
	VALID_TOKEN_NAME,	/* a token's name */
	VALID_TOKEN_EXPIRY,	/* 30, 90, 365 (days) or never */
	VALID__MAX
};

int	 valid_init(char *err, size_t errlen);
void	 valid_free(void);
int	 valid_check(enum valid, const char *, size_t);
const char *valid_message(enum valid);

#endif
