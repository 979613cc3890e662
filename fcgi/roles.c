/*
 * Roles and capabilities: DESIGN.md §4 as one table.  Every handler and
 * every <can> attribute asks role_can(); nothing else decides.
 */
#include <string.h>

#include "roles.h"

#define A (1u << ROLE_ADMIN)
#define C (1u << ROLE_CREATOR)
#define M (1u << ROLE_MEMBER)
#define G (1u << ROLE_AGENT)

static const unsigned caps[CAP__MAX] = {
	[CAP_OVERVIEW]		= A | C | M | G,
	[CAP_REVEAL]		= A,
	[CAP_ROTATE]		= A,
	[CAP_INVITE]		= A | C,
	[CAP_MANAGE_USERS]	= A,
	[CAP_BILLING]		= A,
	[CAP_ORG_VIEW]		= A | C | M,
	[CAP_ORG_EDIT]		= A,
	[CAP_TZ_VIEW]		= A | C | M | G,
	[CAP_TZ_EDIT]		= A,
	[CAP_SCHEMA_VIEW]	= A | C | M,
	[CAP_SCHEMA_DESCRIBE]	= A | C,
	[CAP_SCHEMA_DISCARD]	= A,
	[CAP_LABELS_EDIT]	= A | C,
	[CAP_CSV]		= A | C,
	[CAP_REPORTS]		= A | C | M,
	[CAP_DOWNLOADS]		= A | C | M | G,
	[CAP_AUDIT]		= A,
	[CAP_PROFILE]		= A | C | M | G,
};

static const struct {
	const char	*name, *label;
} roles[ROLE__MAX] = {
	[ROLE_NONE]	= { "none", "None" },
	[ROLE_AGENT]	= { "agent", "Agent" },
	[ROLE_MEMBER]	= { "member", "Member" },
	[ROLE_CREATOR]	= { "creator", "Creator" },
	[ROLE_ADMIN]	= { "admin", "Admin" },
};

/* The role named s ("admin", …), or ROLE_NONE. */
enum role
role_parse(const char *s)
{
	int	 r;

	if (s != NULL)
		for (r = ROLE_AGENT; r < ROLE__MAX; r++)
			if (strcmp(s, roles[r].name) == 0)
				return (enum role)r;
	return ROLE_NONE;
}

/* "admin", "creator", … as stored and sent in XML. */
const char *
role_name(enum role r)
{
	return roles[r < ROLE__MAX ? r : ROLE_NONE].name;
}

/* "Admin", "Creator", … as shown. */
const char *
role_label(enum role r)
{
	return roles[r < ROLE__MAX ? r : ROLE_NONE].label;
}

/* 1 when role r has capability c. */
int
role_can(enum role r, enum cap c)
{
	return r > ROLE_NONE && r < ROLE__MAX && c < CAP__MAX &&
	    (caps[c] & (1u << r)) != 0;
}

/*
 * 1 when actor may give target to someone: an Admin any role, a Creator
 * Creator and below; nobody above their own role, nobody without invite.
 */
int
role_may_grant(enum role actor, enum role target)
{
	return role_can(actor, CAP_INVITE) && target > ROLE_NONE &&
	    target < ROLE__MAX && target <= actor;
}
