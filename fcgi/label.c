/*
 * The tables of the manage part (issue 7) and its pure helpers: the label
 * palette (contrast-checked by the unit tests), report kinds, schedules,
 * date ranges, recipient and event-name lists, CSV cells and the
 * Content-Disposition of a download.  Nothing here touches the database.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "label.h"
#include "arena.h"
#include "ingest.h"
#include "limits.h"
#include "roles.h"
#include "tz.h"
#include "valid.h"

/*
 * The fixed label palette: a chip's text on its background reaches WCAG AA
 * (4.5:1) in the light and the dark scheme; xslt/static/style.css draws
 * the same colours as .label-KEY (a unit test compares them).
 */
const struct label_color label_palette[] = {
	{ "gray",   "Gray",   0xf2f4f7, 0x344054, 0x2a2f38, 0xd0d5dd },
	{ "red",    "Red",    0xfee4e2, 0xb42318, 0x4a1712, 0xfda29b },
	{ "orange", "Orange", 0xfdead7, 0xb93815, 0x4a200c, 0xf7b27a },
	{ "amber",  "Amber",  0xfef0c7, 0x93370d, 0x4a2f0a, 0xfedf89 },
	{ "green",  "Green",  0xdcfae6, 0x067647, 0x0c3a24, 0x75e0a7 },
	{ "teal",   "Teal",   0xccfbef, 0x107569, 0x0a3a36, 0x5fe9d0 },
	{ "blue",   "Blue",   0xd1e9ff, 0x175cd3, 0x102a56, 0x84caff },
	{ "indigo", "Indigo", 0xe0eaff, 0x3538cd, 0x1f235b, 0xa4bcfd },
	{ "purple", "Purple", 0xebe9fe, 0x5925dc, 0x2e1d63, 0xbdb4fe },
	{ "pink",   "Pink",   0xfce7f6, 0xc11574, 0x4d1036, 0xfaa7e0 },
};
const size_t label_palette_n = sizeof(label_palette) / sizeof(label_palette[0]);

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

const char *const sched_names[SCHED__MAX] = { "none", "daily", "weekly", "monthly" };
const char *const range_names[RANGE__MAX] = {
	"all", "last-7-days", "last-30-days", "this-month", "last-month", "custom",
};
const char *const weekday_names[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
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

/* The index of s in names[0 … n-1], or -1 (also for NULL). */
int
name_index(const char *const *names, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* The palette index of colour key s, or -1. */
int
label_color_parse(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < label_palette_n; i++)
		if (strcmp(label_palette[i].key, s) == 0)
			return (int)i;
	return -1;
}

/* WCAG relative luminance of 0xRRGGBB. */
static double
luminance(uint32_t rgb)
{
	double	 c[3], v;
	int	 i;

	for (i = 0; i < 3; i++) {
		v = (double)((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The WCAG contrast ratio (1 … 21) of two colours. */
double
contrast_ratio(uint32_t a, uint32_t b)
{
	double	 la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------------------------------------------------------------- lists */

/* 1 for a separator of address lists: comma, semicolon, white space. */
static int
addr_sep(char c)
{
	return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' ||
	    c == '\n';
}

/*
 * A copy of the n bytes at s, NUL-terminated and padded with NULs: the
 * PCRE2 JIT may read a word past the end of what it matches, and those
 * bytes are then defined.  NULL on exhaustion.
 */
static char *
token_dup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if ((p = arena_alloc(a, n + 8)) == NULL)
		return NULL;
	memset(p, 0, n + 8);
	memcpy(p, s, n);
	return p;
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
	size_t		 k, i, j;

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
		if ((e = token_dup(a, s, k)) == NULL)
			return -3;
		for (i = 0; i < k; i++)
			e[i] = (char)tolower((unsigned char)e[i]);
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
 * 1 when email's domain is one of domains (organization.invite_domains:
 * names separated by commas, semicolons or white space, each maybe with a
 * leading '@'; compared without case, exactly: a subdomain is another
 * domain).  0 otherwise, and for an empty list.
 */
int
domain_allowed(const char *domains, const char *email)
{
	const char	*at, *p, *s;
	size_t		 n, k;

	if (domains == NULL || email == NULL || (at = strrchr(email, '@')) == NULL)
		return 0;
	at++;
	n = strlen(at);
	for (p = domains; *p != '\0';) {
		while (addr_sep(*p) || *p == '@')
			p++;
		for (s = p; *p != '\0' && !addr_sep(*p); p++)
			continue;
		k = (size_t)(p - s);
		if (k > 0 && k == n && strncasecmp(s, at, n) == 0)
			return 1;
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

/*
 * One RFC 4180 cell: quoted, quotes doubled, and a leading apostrophe
 * when a spreadsheet would read it as a formula (= + - @ tab CR), as
 * xslt/csv.xsl does.  NULL on exhaustion.
 */
char *
csv_quote(struct arena *a, const char *s)
{
	size_t	 n = s ? strlen(s) : 0, i, j = 0;
	char	*o;

	if ((o = arena_alloc(a, 2 * n + 4)) == NULL)
		return NULL;
	o[j++] = '"';
	if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		o[j++] = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			o[j++] = '"';
		o[j++] = s[i];
	}
	o[j++] = '"';
	o[j] = '\0';
	return o;
}

/*
 * The Content-Disposition of a download named name: attachment with an
 * ASCII fallback (letters, digits, ". _ -"; other characters become '_';
 * "download" when no letter or digit is left) and the
 * UTF-8 name percent-encoded (RFC 6266, 8187).  Neither can carry a
 * quote, CR or LF.  NULL on exhaustion.
 */
const char *
content_disposition(struct arena *a, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 n = strlen(name), i, j = 0, k = 0;
	char		*ascii, *pct;
	unsigned char	 c;
	int		 alnum = 0;

	if ((ascii = arena_alloc(a, n + 1)) == NULL ||
	    (pct = arena_alloc(a, 3 * n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if (isalnum(c) || c == '.' || c == '_' || c == '-') {
			pct[k++] = (char)c;
			ascii[j++] = (char)c;
			alnum |= isalnum(c) != 0;
			continue;
		}
		pct[k++] = '%';
		pct[k++] = hex[c >> 4];
		pct[k++] = hex[c & 15];
		if (c < 0x80 || (c & 0xc0) == 0xc0)	/* one '_' a character */
			ascii[j++] = '_';
	}
	ascii[j] = '\0';
	pct[k] = '\0';
	if (!alnum)
		return arena_printf(a, "attachment; filename=\"download\"; "
		    "filename*=UTF-8''%s", pct);
	return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
	    ascii, pct);
}

/* Parses a row id (1 … 19 digits) into *out; 0, or -1 when s is not one. */
int
row_id(const char *s, uint64_t *out)
{
	if (s == NULL || !valid_check(VALID_ROW_ID, s, strlen(s)))
		return -1;
	*out = strtoull(s, NULL, 10);
	return 0;
}

/* The key of palette colour i ("gray" for one out of range). */
const char *
color_key(unsigned i)
{
	return label_palette[i < label_palette_n ? i : 0].key;
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
