/*
 * Pure helpers of the users part, without I/O (unit-tested in
 * tests/unit/check_main.c): splitting a pasted list of addresses, the
 * organization's invite-domain rule, calendar dates of the audit filter,
 * and the member status names.
 */
#include <string.h>
#include <strings.h>

#include "text.h"
#include "arena.h"
#include "limits.h"

/* The statuses of a row of the Users page; codes as STMT_USERS_LIST. */
static const char *const statuses[] = {
	[1] = "active", [2] = "locked", [3] = "invited", [4] = "expired",
};

#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

/* "active", "locked", … for a status code; NULL for an unknown code. */
const char *
member_status_name(int code)
{
	return code > 0 && (size_t)code < NSTATUS ? statuses[code] : NULL;
}

/* The code of a status name; 0 when s is NULL or unknown. */
int
member_status_parse(const char *s)
{
	size_t	 i;

	for (i = 1; s != NULL && i < NSTATUS; i++)
		if (strcmp(s, statuses[i]) == 0)
			return (int)i;
	return 0;
}

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
	for (i = 0; i < n; i++)
		if (v[i] >= 'A' && v[i] <= 'Z')
			v[i] = (char)(v[i] - 'A' + 'a');
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
static int
domain_is(const char *d, size_t n, const char *domain)
{
	if (n > 0 && d[0] == '@') {
		d++;
		n--;
	}
	return n > 0 && strlen(domain) == n && strncasecmp(d, domain, n) == 0;
}

/*
 * The organization's invite-domain rule: domains is the list of allowed
 * domains (separated by commas, semicolons, blanks or newlines; a leading
 * "@" is ignored).  Returns 1 when email may be invited: the list is
 * empty, or email's domain is in it exactly (no subdomains); else 0.
 */
int
invite_domain_allowed(const char *domains, const char *email)
{
	const char	*at, *p = domains, *e;
	int		 any = 0;

	if (email == NULL || (at = strrchr(email, '@')) == NULL)
		return 0;
	if (domains == NULL)
		return 1;
	while (*p != '\0') {
		while (*p != '\0' && (list_sep(*p) || blank(*p)))
			p++;
		for (e = p; *e != '\0' && !list_sep(*e) && !blank(*e); e++)
			;
		if (e > p) {
			any = 1;
			if (domain_is(p, (size_t)(e - p), at + 1))
				return 1;
		}
		p = e;
	}
	return !any;
}

/* 1 when y is a leap year of the Gregorian calendar. */
static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The value of the n digits at s, or -1 when one is not a digit. */
static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * 1 when s is a real calendar date written YYYY-MM-DD between 1970 and
 * 9999 (2026-02-29 is not); else 0.
 */
int
date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap(y));
}
