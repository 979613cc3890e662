/*
 * /settings/user-properties: the profile properties of an account, with
 * their data type and the profiles that have them, and their governance
 * (type and describe, discard, restore).  The schema engine (schema.c)
 * draws and changes the page as the description below says.
 */
#include "../db.h"
#include "../limits.h"
#include "../request.h"
#include "../schema.h"

/* The User Properties page. */
static const struct schema_kind properties = {
	.page = "user-properties",
	.base = "/settings/user-properties",
	.noun = "property",
	.limit = MAX_PROFILE_PROPS,
	.list = {
		[SCHEMA_BY_NAME] = STMT_SCHEMA_PROPS_BY_NAME,
		[SCHEMA_BY_SEEN] = STMT_SCHEMA_PROPS_BY_SEEN,
		[SCHEMA_BY_COUNT] = STMT_SCHEMA_PROPS_BY_COUNT,
	},
	.matches = STMT_SCHEMA_PROP_MATCHES,
	.one = STMT_SCHEMA_PROP_ONE,
	.total = STMT_SCHEMA_PROP_TOTAL,
	.describe = STMT_SCHEMA_PROP_DESCRIBE,
	.discard = STMT_SCHEMA_PROP_DISCARD,
	.restore = STMT_SCHEMA_PROP_RESTORE,
	.a_describe = "property.describe",
	.a_discard = "property.discard",
	.a_restore = "property.restore",
	.typed = 1,
};

/* GET /settings/user-properties (Admin, Creator, Member): q, sort, page,
 * edit=ID, discard=ID.  200, or 503 without a database. */
int
page_user_properties(struct req *r)
{
	return schema_page(r, &properties);
}

/* POST /settings/user-properties/describe (Admin, Creator): id, type,
 * description.  303; 422 kept; 404; 503 (schema_describe()). */
int
page_user_properties_describe_post(struct req *r)
{
	return schema_describe(r, &properties);
}

/* POST /settings/user-properties/discard (Admin): id, confirm=yes.  303;
 * 422; 404; 503 (schema_discard()). */
int
page_user_properties_discard_post(struct req *r)
{
	return schema_discard(r, &properties);
}

/* POST /settings/user-properties/restore (Admin): id.  303; 404; 503. */
int
page_user_properties_restore_post(struct req *r)
{
	return schema_restore(r, &properties);
}
