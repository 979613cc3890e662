/*
 * Reports: the kinds a report exports, and the lists of its form.
 */
#include <ctype.h>
#include <string.h>

#include "report.h"
#include "arena.h"
#include "ingest.h"
#include "limits.h"
#include "roles.h"
#include "text.h"
#include "valid.h"

/*
 * Report kinds, as stored (report.kind) and named in XML.  A kind whose
 * tables another part brings is listed but not available until it lands.
 */
static const struct rkind_info rkinds[RKIND__MAX] = {
	[RKIND_NONE] = { "none", "None", CAP_OVERVIEW, 0, 0, "" },
	[RKIND_EVENTS] = { "events", "Events summary", CAP_SCHEMA_VIEW, 1,
	    RF_RANGE | RF_EVENTS, "One row per event name, as on the Events "
	    "page; with a date range, only events that occurred in it, and "
	    "how often." },
	[RKIND_PROPS] = { "user-properties", "User properties summary",
	    CAP_SCHEMA_VIEW, 1, RF_RANGE, "One row per user property, as on "
	    "the User Properties page; with a date range, those last seen in it." },
	[RKIND_MEMBERS] = { "members", "Members", CAP_INVITE, 1, RF_RANGE,
	    "One row per member of the account: name, email, role, since when; "
	    "with a date range, those who joined in it." },
	[RKIND_INVOICES] = { "invoices", "Invoices", CAP_BILLING, 0, RF_RANGE,
	    "Not available yet: invoices come with the billing part of Steward." },
	[RKIND_CSV] = { "csv-uploads", "CSV uploads", CAP_CSV, 1,
	    RF_RANGE | RF_LABEL, "One row per CSV upload with its outcome; with "
	    "a date range, those uploaded in it; with a label, those carrying it." },
};

/* The description of kind k (RKIND_NONE's for an unknown one). */
const struct rkind_info *
rkind_get(enum rkind k)
{
	return &rkinds[k > RKIND_NONE && k < RKIND__MAX ? k : RKIND_NONE];
}

/* The kind named s, or RKIND_NONE. */
enum rkind
rkind_parse(const char *s)
{
	int	 k;

	for (k = RKIND_EVENTS; s != NULL && k < RKIND__MAX; k++)
		if (strcmp(s, rkinds[k].key) == 0)
			return (enum rkind)k;
	return RKIND_NONE;
}

/* 1 for a separator of address lists: comma, semicolon, white space. */
static int
addr_sep(char c)
{
	return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' ||
	    c == '\n';
}

/*
 * Splits text into lower-case addresses (separated by commas, semicolons
 * or white space; duplicates dropped).  0 with *out / *n set; -1 with
 * *bad the first address that is not one; -2 for more than
 * REPORT_MAX_RECIPIENTS; -3 out of memory.
 */
int
recipients_parse(struct arena *a, const char *text, const char ***out,
    size_t *n, const char **bad)
{
	const char	**v;
	const char	*p = text ? text : "", *s;
	char		*e;
	size_t		 k, j;

	*n = 0;
	*bad = NULL;
	if ((v = arena_alloc(a, sizeof(*v) * (REPORT_MAX_RECIPIENTS + 1))) == NULL)
		return -3;
	*out = v;
	while (*p != '\0') {
		while (addr_sep(*p))
			p++;
		for (s = p; *p != '\0' && !addr_sep(*p); p++)
			continue;
		if ((k = (size_t)(p - s)) == 0)
			continue;
		if ((e = email_normalise_n(a, s, k)) == NULL)
			return -3;
		if (!valid_check(VALID_EMAIL, e, k)) {
			*bad = e;
			return -1;
		}
		for (j = 0; j < *n && strcmp(v[j], e) != 0; j++)
			continue;
		if (j < *n)
			continue;
		if (*n == REPORT_MAX_RECIPIENTS)
			return -2;
		v[(*n)++] = e;
	}
	return 0;
}

/*
 * Splits text into event names, one a line (names may hold spaces and
 * commas); empty lines and duplicates are dropped.  0 with *out / *n; -1
 * with *bad the first line that is not a name; -2 for more than
 * REPORT_MAX_EVENTS; -3 out of memory.
 */
int
event_names_parse(struct arena *a, const char *text, const char ***out,
    size_t *n, const char **bad)
{
	const char	**v;
	const char	*p = text ? text : "", *s;
	char		*e;
	size_t		 k, j;

	*n = 0;
	*bad = NULL;
	if ((v = arena_alloc(a, sizeof(*v) * (REPORT_MAX_EVENTS + 1))) == NULL)
		return -3;
	*out = v;
	while (*p != '\0') {
		for (s = p; *p != '\0' && *p != '\n'; p++)
			continue;
		k = (size_t)(p - s);
		if (*p == '\n')
			p++;
		if (k > 0 && s[k - 1] == '\r')
			k--;
		if (k == 0)
			continue;
		if ((e = arena_strndup(a, s, k)) == NULL)
			return -3;
		if (!data_name_ok(e, k)) {
			*bad = e;
			return -1;
		}
		for (j = 0; j < *n && strcmp(v[j], e) != 0; j++)
			continue;
		if (j < *n)
			continue;
		if (*n == REPORT_MAX_EVENTS)
			return -2;
		v[(*n)++] = e;
	}
	return 0;
}
