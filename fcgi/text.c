/*
 * Text and argument helpers, one of each, used by every caller (pure,
 * unit-tested): email addresses and pasted address lists, the
 * organization's domain list and its two policies, calendar dates, and
 * the arguments of a request (row ids, ?page=, ?next=).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "arena.h"
#include "limits.h"
#include "money.h"
#include "rc.h"
#include "tz.h"
#include "valid.h"

/* Bytes of NUL padding after a copy that PCRE2's JIT may read past. */
#define JIT_PAD		8

/* ------------------------------------------------------------- email */

/* Lower-cases the n ASCII letters at s in place. */
static void
lower_ascii(char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
}

/*
 * An email address as Steward stores and compares it: the n bytes at s
 * without surrounding white space, ASCII lower case, NUL-padded (a
 * validator may read past the end).  NULL on exhaustion.
 */
char *
email_normalise_n(struct arena *a, const char *s, size_t n)
{
	char	*e;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if ((e = arena_alloc(a, n + JIT_PAD)) == NULL)
		return NULL;
	memset(e + n, 0, JIT_PAD);
	memcpy(e, s, n);
	lower_ascii(e, n);
	return e;
}

/* email_normalise_n() of the string s ("" for NULL). */
char *
email_normalise(struct arena *a, const char *s)
{
	return email_normalise_n(a, s ? s : "", s ? strlen(s) : 0);
}

/* ------------------------------------------------------ address lists */

/* 1 for the bytes that separate entries of a pasted list. */
static int
list_sep(char c)
{
	return c == ',' || c == ';' || c == '\n' || c == '\r';
}

/* 1 for blanks inside an entry. */
static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Adds the n bytes at s, lower-cased, to list unless already there.
 * Counts every entry in list->given.  Returns -1 when the list is full
 * (the entry is only counted) or memory is exhausted, else 0.
 */
static int
addr_add(struct arena *a, struct addr_list *l, const char *s, size_t n)
{
	char	*v;
	size_t	 i;

	if (n == 0)
		return 0;
	l->given++;
	if ((v = arena_strndup(a, s, n)) == NULL)
		return -1;
	lower_ascii(v, n);
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], v) == 0)
			return 0;
	if (l->n == MAX_INVITE_ADDRESSES)
		return -1;
	l->v[l->n++] = v;
	return 0;
}

/*
 * One entry between separators: "Ann Lee <ann@example.com>" gives the
 * address in the angle brackets; otherwise blanks separate addresses.
 */
static int
entry_add(struct arena *a, struct addr_list *l, const char *s, size_t n)
{
	const char	*lt, *gt, *end = s + n, *w;
	int		 rc = 0;

	lt = memchr(s, '<', n);
	gt = lt != NULL ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
	if (lt != NULL && gt != NULL) {
		s = lt + 1;
		end = gt;
		while (s < end && blank(*s))
			s++;
		while (end > s && blank(end[-1]))
			end--;
		return addr_add(a, l, s, (size_t)(end - s));
	}
	while (s < end) {
		while (s < end && blank(*s))
			s++;
		for (w = s; w < end && !blank(*w); w++)
			;
		if (addr_add(a, l, s, (size_t)(w - s)) == -1)
			rc = -1;
		s = w;
	}
	return rc;
}

/*
 * Splits a pasted list of addresses (separated by commas, semicolons,
 * newlines or blanks; "Name <address>" gives the address) into list:
 * lower-cased, duplicates dropped, in the order given.  Entries are not
 * validated here.  Returns 0, or -1 when there are more than
 * MAX_INVITE_ADDRESSES different entries (list->given says how many
 * entries there were) or memory ran out.
 */
int
invite_split(struct arena *a, const char *text, struct addr_list *list)
{
	const char	*p = text, *e;
	int		 rc = 0;

	memset(list, 0, sizeof(*list));
	if (text == NULL)
		return 0;
	while (*p != '\0') {
		for (e = p; *e != '\0' && !list_sep(*e); e++)
			;
		if (entry_add(a, list, p, (size_t)(e - p)) == -1)
			rc = -1;
		p = *e != '\0' ? e + 1 : e;
	}
	return rc;
}

/* 1 when the n bytes at d name the domain of email (case-insensitively). */

/* ------------------------------------------------------- domain lists */

/*
 * 1 for a separator of the organization's domain list.  The page stores
 * it normalised ("a.com, b.org"), but rows written by hand may use
 * semicolons or white space, and name a domain with a leading '@'.
 */
static int
domain_sep(char c)
{
	return list_sep(c) || blank(c) || c == '@';
}

/*
 * 1 when domain is an entry of list (compared without case, exactly: a
 * subdomain is another domain); 0 otherwise and for an empty list.
 */
int
domain_listed(const char *list, const char *domain)
{
	const char	*p = list ? list : "", *s;
	size_t		 n = domain ? strlen(domain) : 0, k;

	while (n > 0 && *p != '\0') {
		while (domain_sep(*p))
			p++;
		for (s = p; *p != '\0' && !domain_sep(*p); p++)
			continue;
		k = (size_t)(p - s);
		if (k == n && strncasecmp(s, domain, n) == 0)
			return 1;
	}
	return 0;
}

/* 1 when list names no domain at all. */
static int
domains_none(const char *list)
{
	const char	*p = list ? list : "";

	while (domain_sep(*p))
		p++;
	return *p == '\0';
}

/* The domain of an address (after its last '@'), or NULL. */
static const char *
email_domain(const char *email)
{
	const char	*at = email ? strrchr(email, '@') : NULL;

	return at != NULL && at[1] != '\0' ? at + 1 : NULL;
}

/*
 * The invitation policy: email may be invited when the organization
 * lists no domain (no restriction), or lists email's domain.
 */
int
domains_allow_invite(const char *list, const char *email)
{
	const char	*d = email_domain(email);

	if (d == NULL)
		return 0;
	return domains_none(list) || domain_listed(list, d);
}

/*
 * The report-recipient policy: a report may be mailed outside the
 * account's members only to a domain the organization lists; an empty
 * list allows no outside address (a report carries the account's data).
 */
int
domains_allow_recipient(const char *list, const char *email)
{
	const char	*d = email_domain(email);

	return d != NULL && domain_listed(list, d);
}

/*
 * Normalises a comma-separated list of invite domains: spaces trimmed,
 * lower case, empty entries and duplicates dropped, joined by ", ".
 * Returns 0 with the list in *out ("" for none); -1 with *bad naming the
 * first entry that is not a domain name, or "" when there are more than
 * MAX_INVITE_DOMAINS or the list would be longer than MAX_DOMAINS_LEN.
 */
int
domains_normalise(struct arena *a, const char *in, char **out,
    const char **bad)
{
	char	 list[MAX_DOMAINS_LEN + 1], one[256];
	size_t	 used = 0, n, k, count = 0;
	const char *p = in ? in : "", *end;

	*out = NULL;
	*bad = NULL;
	list[0] = '\0';
	while (*p != '\0') {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		while (p < end && isspace((unsigned char)*p))
			p++;
		n = (size_t)(end - p);
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n > 0) {
			if (n >= sizeof(one) || !valid_check(VALID_DOMAIN, p, n)) {
				*bad = arena_strndup(a, p, n < 64 ? n : 64);
				return -1;
			}
			for (k = 0; k < n; k++)
				one[k] = (char)tolower((unsigned char)p[k]);
			one[n] = '\0';
			if (!domain_listed(list, one)) {
				if (++count > MAX_INVITE_DOMAINS ||
				    used + n + (used ? 2 : 0) > MAX_DOMAINS_LEN) {
					*bad = "";
					return -1;
				}
				used += (size_t)snprintf(list + used,
				    sizeof(list) - used, "%s%s", used ? ", " : "", one);
			}
		}
		p = *end ? end + 1 : end;
	}
	*out = arena_strdup(a, list);
	return *out == NULL ? -1 : 0;
}

/* ------------------------------------------------------------ dates */

/* 1 when y is a leap year of the Gregorian calendar. */
int
leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1 … 12) of year y; 0 for another m. */
int
month_days(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return n[m - 1] + (m == 2 && leap_year(y));
}

/*
 * Parses a calendar date "YYYY-MM-DD" between 1970 and 9999 into *y, *m,
 * *d.  RC_OK, or RC_ERROR when s is not one (2026-02-29, 2026-13-01, …).
 */
int
date_parse(const char *s, int *y, int *m, int *d)
{
	int	 i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return RC_ERROR;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return RC_ERROR;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1970 || *d < 1 || *d > month_days(*y, *m))
		return RC_ERROR;
	return RC_OK;
}

/* 1 when s is a calendar date date_parse() takes. */
int
date_ok(const char *s)
{
	int	 y, m, d;

	return date_parse(s, &y, &m, &d) == RC_OK;
}

/* ------------------------------------------------------------ strings */

/* The index of s in names[0 … n-1], or -1 (also for NULL). */
int
name_index(const char *const *names, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* s without leading and trailing spaces ("" for NULL); NULL on exhaustion. */
const char *
trim_spaces(struct arena *a, const char *s)
{
	size_t	 n;

	if (s == NULL)
		return "";
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return arena_strndup(a, s, n);
}

/* -------------------------------------------------------- arguments */

/*
 * Parses a row id (1 … 19 digits, no leading zero) into *out.  RC_OK, or
 * RC_ERROR when s is not one (NULL included).
 */
int
arg_id(const char *s, uint64_t *out)
{
	if (s == NULL || !valid_check(VALID_ID, s, strlen(s)))
		return RC_ERROR;
	*out = strtoull(s, NULL, 10);
	return RC_OK;
}

/*
 * Parses a list's page number, 1 … MAX_LIST_PAGE, into *out.  RC_OK, or
 * RC_ERROR when s is not one (NULL included).
 */
int
page_parse(const char *s, long *out)
{
	long	 n;

	if (s == NULL || !valid_check(VALID_PAGE, s, strlen(s)))
		return RC_ERROR;
	if ((n = strtol(s, NULL, 10)) > MAX_LIST_PAGE)
		return RC_ERROR;
	*out = n;
	return RC_OK;
}

/* The page number of a ?page= value: 1 when absent or not one. */
long
page_arg(const char *s)
{
	long	 n;

	return page_parse(s, &n) == RC_OK ? n : 1;
}

/*
 * The local page to go on to after signing in: next when it is a local
 * path that is not a sign-in page, else /settings.
 */
const char *
next_path(const char *next)
{
	if (next == NULL || !valid_check(VALID_LOCAL_PATH, next, strlen(next)) ||
	    strncmp(next, "/login", 6) == 0 || strncmp(next, "/logout", 7) == 0)
		return "/settings";
	return next;
}

/* "/login/verify", with ?next= (percent-encoded) unless next is /settings. */
const char *
verify_location(struct arena *a, const char *next)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*q, *p;

	next = next_path(next);
	if (strcmp(next, "/settings") == 0)
		return "/login/verify";
	if ((q = arena_alloc(a, strlen(next) * 3 + 1)) == NULL)
		return "/login/verify";
	for (p = q; *next != '\0'; next++)
		if (strchr("?&=%#+ ", *next) != NULL) {
			*p++ = '%';
			*p++ = hex[(unsigned char)*next >> 4];
			*p++ = hex[*next & 15];
		} else
			*p++ = *next;
	*p = '\0';
	return arena_printf(a, "/login/verify?next=%s", q);
}
