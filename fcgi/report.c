/*
 * Reports: the kinds a report exports, the lists of its form, and what
 * is stored of one.
 */
#include <string.h>
#include <time.h>

#include "report.h"
#include "arena.h"
#include "db.h"
#include "ingest.h"
#include "limits.h"
#include "rc.h"
#include "request.h"
#include "roles.h"
#include "sched.h"
#include "text.h"
#include "tz.h"
#include "valid.h"
#include "xml.h"

/* Columns of STMT_INVITE_DOMAINS. */
enum { ID_DOMAINS };

/*
 * Report kinds, as stored (report.kind) and named in XML.  A kind whose
 * tables this build does not have is listed but not available.
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
	[RKIND_INVOICES] = { "invoices", "Invoices", CAP_BILLING, 1, RF_RANGE,
	    "One row per invoice of the organization, as on the Billing page: "
	    "number, dates, period, status, total; with a date range, those "
	    "issued in it." },
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

/* <kind key label available>what its rows are</kind> under list: kind k. */
xmlNodePtr
rkind_el(xmlNodePtr list, const struct rkind_info *k)
{
	xmlNodePtr	 n = xml_el(list, "kind", k->about);

	xml_attr(n, "key", k->key);
	xml_attr(n, "label", k->label);
	xml_attr_yes(n, "available", k->available);
	return n;
}

/* ------------------------------------------------------------ lists */

/* 1 for a separator of address lists: comma, semicolon, white space. */
static int
addr_sep(char c)
{
	return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' ||
	    c == '\n';
}

/*
 * Adds e to the list v[0 … *n-1] of at most max entries, unless it is
 * there already.  RC_OK, or RC_ERROR when the list is full.
 */
static int
entry_add(const char **v, size_t *n, size_t max, const char *e)
{
	size_t	 j;

	for (j = 0; j < *n; j++)
		if (strcmp(v[j], e) == 0)
			return RC_OK;
	if (*n == max)
		return RC_ERROR;
	v[(*n)++] = e;
	return RC_OK;
}

/*
 * Splits text into lower-case addresses (separated by commas, semicolons
 * or white space; duplicates dropped).  0 with *out / *n set; LIST_BAD
 * with *bad the first address that is not one; LIST_FULL for more than
 * REPORT_MAX_RECIPIENTS; LIST_NOMEM out of memory.
 */
int
recipients_parse(struct arena *a, const char *text, const char ***out,
    size_t *n, const char **bad)
{
	const char	**v;
	const char	*p = text ? text : "", *s;
	char		*e;
	size_t		 k;

	*n = 0;
	*bad = NULL;
	if ((v = arena_alloc(a, sizeof(*v) * (REPORT_MAX_RECIPIENTS + 1))) == NULL)
		return LIST_NOMEM;
	*out = v;
	while (*p != '\0') {
		while (addr_sep(*p))
			p++;
		for (s = p; *p != '\0' && !addr_sep(*p); p++)
			continue;
		if ((k = (size_t)(p - s)) == 0)
			continue;
		if ((e = email_normalise_n(a, s, k)) == NULL)
			return LIST_NOMEM;
		if (!valid_check(VALID_EMAIL, e, k)) {
			*bad = e;
			return LIST_BAD;
		}
		if (entry_add(v, n, REPORT_MAX_RECIPIENTS, e) != RC_OK)
			return LIST_FULL;
	}
	return 0;
}

/*
 * Splits text into event names, one a line (names may hold spaces and
 * commas); empty lines and duplicates are dropped.  0 with *out / *n;
 * LIST_BAD with *bad the first line that is not a name; LIST_FULL for
 * more than REPORT_MAX_EVENTS; LIST_NOMEM out of memory.
 */
int
event_names_parse(struct arena *a, const char *text, const char ***out,
    size_t *n, const char **bad)
{
	const char	**v;
	const char	*p = text ? text : "", *s;
	char		*e;
	size_t		 k;

	*n = 0;
	*bad = NULL;
	if ((v = arena_alloc(a, sizeof(*v) * (REPORT_MAX_EVENTS + 1))) == NULL)
		return LIST_NOMEM;
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
			return LIST_NOMEM;
		if (!data_name_ok(e, k)) {
			*bad = e;
			return LIST_BAD;
		}
		if (entry_add(v, n, REPORT_MAX_EVENTS, e) != RC_OK)
			return LIST_FULL;
	}
	return 0;
}

/* ----------------------------------------------------------- stored */

/*
 * The domains outside addresses of account's reports may be in (the
 * organization's allowed invite domains) into *domains, "" for none.
 * An rc.
 */
int
recipient_domains(struct db *db, struct arena *a, uint64_t account,
    const char **domains)
{
	struct dbres	 res;
	int		 rc;

	*domains = "";
	if ((rc = db_exec(db, a, STMT_INVITE_DOMAINS, &res, NULL, NULL, "u",
	    account)) != RC_OK)
		return rc;
	if (res.nrows == 1 && db_cell(&res, 0, ID_DOMAINS) != NULL)
		*domains = db_cell(&res, 0, ID_DOMAINS);
	return RC_OK;
}

/*
 * The date range of a report as stored: kind, and for a custom one its
 * first and last local day (YYYY-MM-DD); a custom range whose days do
 * not read is all time.
 */
void
report_range(struct range *rg, uint64_t kind, const char *from,
    const char *to)
{
	memset(rg, 0, sizeof(*rg));
	rg->kind = (enum range_kind)(kind % RANGE__MAX);
	if (rg->kind == RANGE_CUSTOM && (date_parse(from, &rg->fy, &rg->fm,
	    &rg->fd) != RC_OK || date_parse(to, &rg->ty, &rg->tm,
	    &rg->td) != RC_OK))
		rg->kind = RANGE_ALL;
}

/*
 * The next run of schedule s from now, in zone (the account's; UTC when
 * it cannot be read), as MariaDB reads a DATETIME; NULL for none.
 */
const char *
report_next_run(struct arena *a, const struct sched *s, const char *zone)
{
	struct tz	*z;

	if (s->kind == SCHED_NONE || (z = tz_or_utc(a, zone)) == NULL)
		return NULL;
	return sched_next_sql(a, s, z, (int64_t)time(NULL));
}

/*
 * The STMT_REPORT_ONE row of report id of the session's user in *res.
 * RC_OK, or RC_ERROR with r->status set: 404 when there is none (another
 * person's or another account's included), 503 without a database.
 */
int
report_row(struct req *r, uint64_t id, struct dbres *res)
{
	return req_row(r, db_exec(r->db, r->a, STMT_REPORT_ONE, res, NULL, NULL,
	    "uuu", id, r->s->account_id, r->s->user_id), res);
}
