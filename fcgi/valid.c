/*
 * The validator table: one PCRE2 pattern, one byte limit and one message
 * per kind of input.  Patterns are compiled (and JIT-compiled) once at
 * start-up; matching is thread-safe with per-call match data.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "valid.h"
#include "decode.h"
#include "limits.h"
#include "rc.h"

struct validator {
	const char	*pattern;
	size_t		 max;		/* bytes */
	const char	*message;	/* shown next to the field */
};

/* No C0/C1 controls, no bidi overrides / isolates (spoofing). */
#define PRINTABLE "[^\\p{Cc}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]"
#define LABEL "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"

static const struct validator validators[VALID__MAX] = {
	[VALID_EMAIL] = {
	    "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@" LABEL "(?:\\." LABEL ")+$",
	    MAX_EMAIL_LEN, "Enter an address like name@example.com." },
	[VALID_ROLE] = { "^(?:admin|creator|member|agent)$", 7,
	    "Choose Admin, Creator, Member or Agent." },
	[VALID_PERSON_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,100}$", 400,
	    "Enter a name of 1 to 100 characters." },
	[VALID_ORG_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,120}$", 480,
	    "Enter a name of 1 to 120 characters." },
	[VALID_ACCOUNT_ID] = { "^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{4}$", 12,
	    "An Account ID looks like W8R-K4Z-7Q2M." },
	[VALID_REGION] = { "^(?:eu1|in1|sg1|us1|aps3|mec1)$", 4,
	    "Choose one of eu1, in1, sg1, us1, aps3, mec1." },
	[VALID_TIMEZONE] = {
	    "^(?:UTC|[A-Z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){1,2})$",
	    MAX_TZ_LEN, "Choose a time zone such as Europe/Berlin." },
	[VALID_TOKEN] = { "^[A-Za-z0-9_-]{43}$", TOKEN_B64_LEN,
	    "This link is not valid." },
	[VALID_LOCAL_PATH] = { "^/(?![/\\\\])[A-Za-z0-9/_.~%?=&-]*$", 512,
	    "Not a local address." },
	[VALID_LOGIN_PASSWORD] = { "^[^\\p{Cc}]{1,256}$", MAX_PASSWORD_BYTES,
	    "Enter your password." },
	/* users, invitations, audit log */
	[VALID_ID] = { "^[1-9][0-9]{0,18}$", 19, "Not a valid reference." },
	[VALID_SEARCH] = { "^" PRINTABLE "{1,100}$", 400,
	    "Search for at most 100 characters." },
	[VALID_MEMBER_STATUS] = { "^(?:active|locked|invited|expired)$", 7,
	    "Choose Active, Locked, Invited or Expired." },
	[VALID_USERS_SORT] = { "^(?:name|email|role|last-login|since)$", 10,
	    "Sort by name, email, role, last sign-in or member since." },
	[VALID_ORDER] = { "^(?:asc|desc)$", 4, "Choose ascending or descending." },
	[VALID_PAGE] = { "^[1-9][0-9]{0,4}$", 5, "Choose a page from 1 to 10000." },
	[VALID_INVITE_MESSAGE] = {
	    "^(?=[\\s\\S]*\\S)[^\\x{00}-\\x{08}\\x{0B}\\x{0C}\\x{0E}-\\x{1F}"
	    "\\x{7F}-\\x{9F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]{1,1000}$", 4000,
	    "Write a message of at most 1000 characters." },
	[VALID_AUDIT_ACTION] = { "^[a-z0-9-]+(?:\\.[a-z0-9-]+)*$", MAX_AUDIT_ACTION,
	    "Choose an action from the list." },
	[VALID_DATE] = { "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", 10,
	    "Enter a date like 2026-03-29." },
	/* organization, billing */
	[VALID_DOMAIN] = { "^" LABEL "(?:\\." LABEL ")+$", 253,
	    "Enter domains like example.com, separated by commas." },
	[VALID_LEGAL_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,200}$", 800,
	    "Enter a legal name of at most 200 characters." },
	[VALID_ADDRESS] = { "^(?=[\\s\\S]*\\S)(?:" PRINTABLE "|\\r|\\n){1,500}$",
	    2000, "Enter an address of at most 500 characters." },
	[VALID_COUNTRY] = { "^[A-Z]{2}$", 2, "Choose a country from the list." },
	[VALID_WEBSITE] = { "^https?://" LABEL "(?:\\." LABEL ")+(?::[0-9]{1,5})?"
	    "(?:[/?#][!-~]*)?$", MAX_WEBSITE,
	    "Enter a web address like https://example.com." },
	[VALID_TAX_ID] = { "^[A-Za-z0-9](?:[A-Za-z0-9 ./-]{0,30}[A-Za-z0-9])?$",
	    MAX_TAX_ID, "Enter a tax ID of letters and digits, like DE123456789." },
	[VALID_MONTH] = { "^(?:0?[1-9]|1[0-2])$", 2, "Enter the month as 1 to 12." },
	[VALID_YEAR] = { "^20[0-9]{2}$", 4,
	    "Enter the year with four digits, like 2030." },
	[VALID_PLAN] = { "^[a-z][a-z0-9-]{0,15}$", 16, "Choose one of the plans." },
	[VALID_AMOUNT] = { "^[0-9]{1,13}$", 13, "The amount is not a whole number." },
	/* profile, 2-step verification */
	[VALID_PHONE] = { "^\\+[1-9][0-9]{6,14}$", MAX_PHONE_LEN,
	    "Enter the number in international form, like +4930123456." },
	[VALID_TOTP_CODE] = { "^[0-9]{6}$", TOTP_DIGITS,
	    "Enter the 6-digit code from your authenticator app." },
	[VALID_RECOVERY_CODE] = {
	    "^[A-HJ-NP-Za-hj-np-z2-9]{4}[ -]?[A-HJ-NP-Za-hj-np-z2-9]{4}[ -]?"
	    "[A-HJ-NP-Za-hj-np-z2-9]{4}$", RECOVERY_LEN,
	    "A recovery code looks like ABCD-EFGH-JKLM." },
	[VALID_DATA_LABEL] = { "^(?=.*\\S)" PRINTABLE "{1,120}$", 480,
	    "Enter a display name of at most 120 characters, or leave it empty." },
	[VALID_DESCRIPTION] = {
	    "^(?=[\\s\\S]*\\S)[^\\x{0}-\\x{8}\\x{B}\\x{C}\\x{E}-\\x{1F}"
	    "\\x{7F}-\\x{9F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]{1,1000}$", 4000,
	    "Enter a description of at most 1,000 characters, or leave it empty." },
	[VALID_PTYPE] = { "^(?:string|number|boolean|date|list)$", 7,
	    "Choose String, Number, Boolean, Date or List." },
	[VALID_CSV_KIND] = { "^(?:profiles|events)$", 8,
	    "Choose whether the file holds user profiles or events." },
	[VALID_LABEL_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,40}$", 160,
	    "Enter a label name of 1 to 40 characters." },
	[VALID_LABEL_DESC] = { "^(?=.*\\S)" PRINTABLE "{1,200}$", 800,
	    "Enter a description of at most 200 characters, on one line, or leave it empty." },
	[VALID_REPORT_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,100}$", 400,
	    "Enter a report name of 1 to 100 characters." },
	[VALID_HOUR] = { "^(?:[0-9]|1[0-9]|2[0-3])$", 2,
	    "Choose an hour from 0 to 23." },
	[VALID_MONTH_DAY] = { "^(?:[1-9]|[12][0-9]|3[01])$", 2,
	    "Choose a day of the month from 1 to 31." },
	/* a phone number as typed (see valid.h) */
	[VALID_PHONE_TYPED] = { "^[ ().-]*(?:\\+[ ().-]*[1-9](?:[ ().-]*[0-9]){6,14}"
	    "[ ().-]*)?$", MAX_FIELD_LEN,
	    "Enter the number in international form, like +4930123456." },
	/* a ticked box */
	[VALID_YES] = { "^yes$", 3, "Tick the box, or leave it empty." },
	/* the Events and User Properties lists: a search has no control
	 * characters and at most a name's bytes */
	[VALID_SCHEMA_SEARCH] = { "^\\P{Cc}+$", MAX_DATA_NAME * 4,
	    "Search for a shorter text, on one line." },
	[VALID_SCHEMA_SORT] = { "^(?:name|last-seen|count)$", 9,
	    "Sort by name, last seen or count." },
	/* passkeys: a name on one line (PASSKEY_NAME_CHARS) */
	[VALID_PASSKEY_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,64}$",
	    PASSKEY_NAME_CHARS * 4,
	    "Enter a name of 1 to 64 characters for the passkey, on one line." },
	[VALID_TOKEN_NAME] = { "^(?=.*\\S)" PRINTABLE "{1,80}$", 320,
	    "Enter a token name of 1 to 80 characters, on one line." },
	[VALID_TOKEN_EXPIRY] = { "^(?:30|90|365|never)$", 5,
	    "Choose an expiry: 30, 90 or 365 days, or never." },
};

static pcre2_code *compiled[VALID__MAX];

/* Compiles every pattern; -1 with a message on the first failure. */
int
valid_init(char *err, size_t errlen)
{
	int		 rc;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];
	size_t		 i;

	for (i = 0; i < VALID__MAX; i++) {
		compiled[i] = pcre2_compile((PCRE2_SPTR)validators[i].pattern,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_NO_UTF_CHECK | PCRE2_DOLLAR_ENDONLY, &rc, &off, NULL);
		if (compiled[i] == NULL) {
			pcre2_get_error_message(rc, msg, sizeof(msg));
			snprintf(err, errlen, "validator %zu at %zu: %s",
			    i, (size_t)off, (char *)msg);
			return -1;
		}
		(void)pcre2_jit_compile(compiled[i], PCRE2_JIT_COMPLETE);
	}
	return 0;
}

/* Frees the compiled patterns. */
void
valid_free(void)
{
	size_t	 i;

	for (i = 0; i < VALID__MAX; i++) {
		pcre2_code_free(compiled[i]);
		compiled[i] = NULL;
	}
}

/*
 * 1 when the n bytes at s are non-empty, within the byte limit, valid UTF-8
 * and match the pattern of kind v; 0 otherwise.
 */
int
valid_check(enum valid v, const char *s, size_t n)
{
	pcre2_match_data	*md;
	int			 rc;

	if (s == NULL || n == 0 || n > validators[v].max || !utf8_valid(s, n))
		return 0;
	if ((md = pcre2_match_data_create_from_pattern(compiled[v], NULL)) == NULL)
		return 0;
	rc = pcre2_match(compiled[v], (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK,
	    md, NULL);
	pcre2_match_data_free(md);
	return rc > 0;
}

/* The message to show when a value of kind v is refused. */
const char *
valid_message(enum valid v)
{
	return validators[v].message;
}
