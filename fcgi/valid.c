/*
 * The validator table: one PCRE2 pattern, one byte limit and one message
 * per kind of input.  Patterns are compiled (and JIT-compiled) once at
 * start-up; matching is thread-safe with per-call match data.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "extern.h"

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
	[VALID_DATA_LABEL] = { "^(?=.*\\S)" PRINTABLE "{1,120}$", 480,
	    "Enter a display name of at most 120 characters, or leave it empty." },
	[VALID_DESCRIPTION] = {
	    "^(?=[\\s\\S]*\\S)[^\\x{0}-\\x{8}\\x{B}\\x{C}\\x{E}-\\x{1F}"
	    "\\x{7F}-\\x{9F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]{1,1000}$", 4000,
	    "Enter a description of at most 1,000 characters, or leave it empty." },
	[VALID_PTYPE] = { "^(?:string|number|boolean|date|list)$", 7,
	    "Choose String, Number, Boolean, Date or List." },
	[VALID_ROW_ID] = { "^[1-9][0-9]{0,18}$", 19, "Not a known item." },
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
