/*
 * The Account Timezone page: every IANA zone MariaDB knows (its time zone
 * tables, loaded by the set-up), grouped by region, each with its current
 * local time and UTC offset (local_time(), sql/003_shared.sql: MariaDB
 * has every zone at hand; the worker keeps only TZ_CACHE_MAX of them).
 * Every time on every page is shown in this zone (tz.c), and report days
 * begin at its midnight.  Admins
 * change it; everybody sees it.
 */
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../rc.h"
#include "../request.h"
#include "../tz.h"
#include "../xml.h"

/* Columns of STMT_TZ_ZONES. */
enum { ZL_NAME, ZL_LOCAL };

/*
 * Draws the page with selected as the zone the form shows (the typed one
 * after a 422).  Returns RC_OK, or RC_ERROR with r->status set.
 */
static int
tz_render(struct req *r, const char *selected)
{
	struct dbres	 zones;
	struct tz	*cur;
	xmlNodePtr	 tz, region = NULL, z;
	const char	*name, *slash, *rname, *last = NULL;
	char		 now[26];
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_TZ_ZONES, &zones, NULL, NULL,
	    "")) != RC_OK)
		return req_db_fail(r, rc);
	if ((cur = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	tz_iso(cur, (int64_t)time(NULL), now);
	if (r->doc == NULL && xml_page(r, "timezone") == NULL)
		return RC_ERROR;
	tz = xml_el(r->root, "timezone", NULL);
	xml_attr(tz, "current", r->s->timezone);
	xml_attr(tz, "local", now);
	xml_attr(tz, "selected", selected);
	for (i = 0; i < zones.nrows; i++) {
		name = db_cell(&zones, i, ZL_NAME);
		slash = strchr(name, '/');
		rname = slash ? arena_strndup(r->a, name, (size_t)(slash - name)) :
		    name;
		if (rname == NULL)
			return RC_ERROR;
		if (last == NULL || strcmp(last, rname) != 0) {
			region = xml_el(tz, "region", NULL);
			xml_attr(region, "name", rname);
			last = rname;
		}
		z = xml_el(region, "zone", NULL);
		xml_attr(z, "name", name);
		xml_attr(z, "local", db_cell(&zones, i, ZL_LOCAL));
	}
	return RC_OK;
}

/* GET /settings/timezone (everybody): 200, or 503 without a database. */
int
page_timezone(struct req *r)
{
	return tz_render(r, r->s->timezone);
}

/*
 * POST /settings/timezone (Admin): timezone, one of the zones listed.
 * 303 with a flash (audited); 422 with the typed zone for an unknown
 * one; 503 without a database.
 */
int
page_timezone_post(struct req *r)
{
	const char	*tz = in_str(r, "timezone");
	struct dbres	 res;
	int		 rc;

	res.nrows = 0;
	if (tz != NULL && (rc = db_exec(r->db, r->a, STMT_TZ_EXISTS, &res,
	    NULL, NULL, "s", tz)) != RC_OK)
		return req_db_fail(r, rc);
	if (res.nrows == 0) {
		r->status = 422;
		if (xml_page(r, "timezone") == NULL)
			return RC_ERROR;
		xml_error(r, "timezone", tz == NULL ? in_error(r, "timezone") :
		    "Choose a time zone from the list, such as Europe/Berlin.");
		return tz_render(r, in_typed(r, "timezone"));
	}
	if ((rc = req_txn_exec(r, "account.timezone", arena_printf(r->a,
	    "%s to %s", r->s->timezone, tz), STMT_TZ_SET, "su", tz,
	    r->s->account_id)) != RC_OK)
		return req_db_fail(r, rc);
	req_flash(r, "ok", arena_printf(r->a, "The account timezone is %s now.",
	    tz));
	req_redirect(r, "/settings/timezone");
	return RC_OK;
}
