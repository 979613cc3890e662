/*
 * /settings/events: the event names an account sends, with their counts
 * this month, last month and in all, their property names, and their
 * governance (describe, discard, restore).  The schema engine (schema.c)
 * draws and changes the page as the description below says.
 */
#include "../db.h"
#include "../limits.h"
#include "../request.h"
#include "../schema.h"

/* The Events page. */
static const struct schema_kind events = {
	.page = "events",
	.base = "/settings/events",
	.noun = "event",
	.limit = MAX_EVENT_NAMES,
	.list = {
		[SCHEMA_BY_NAME] = STMT_SCHEMA_EVENTS_BY_NAME,
		[SCHEMA_BY_SEEN] = STMT_SCHEMA_EVENTS_BY_SEEN,
		[SCHEMA_BY_COUNT] = STMT_SCHEMA_EVENTS_BY_COUNT,
	},
	.matches = STMT_SCHEMA_EVENT_MATCHES,
	.one = STMT_SCHEMA_EVENT_ONE,
	.total = STMT_SCHEMA_EVENT_TOTAL,
	.describe = STMT_SCHEMA_EVENT_DESCRIBE,
	.discard = STMT_SCHEMA_EVENT_DISCARD,
	.restore = STMT_SCHEMA_EVENT_RESTORE,
	.a_describe = "event.describe",
	.a_discard = "event.discard",
	.a_restore = "event.restore",
	.typed = 0,
};

/* GET /settings/events (Admin, Creator, Member): q, sort, page, edit=ID,
 * discard=ID.  200, or 503 without a database. */
int
page_events(struct req *r)
{
	return schema_page(r, &events);
}

/* POST /settings/events/describe (Admin, Creator): id, display_name,
 * description.  303; 422 kept; 404; 503 (schema_describe()). */
int
page_events_describe_post(struct req *r)
{
	return schema_describe(r, &events);
}

/* POST /settings/events/discard (Admin): id, confirm=yes.  303; 422; 404;
 * 503 (schema_discard()). */
int
page_events_discard_post(struct req *r)
{
	return schema_discard(r, &events);
}

/* POST /settings/events/restore (Admin): id.  303; 404; 503. */
int
page_events_restore_post(struct req *r)
{
	return schema_restore(r, &events);
}
