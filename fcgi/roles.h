/*
 * Roles and the capability table of DESIGN section 4.
 */
#ifndef STEWARD_ROLES_H
#define STEWARD_ROLES_H

#include <stddef.h>
#include <stdint.h>

enum role {
	ROLE_NONE = 0,
	ROLE_AGENT,
	ROLE_MEMBER,
	ROLE_CREATOR,
	ROLE_ADMIN,
	ROLE__MAX
};

enum cap {
	CAP_OVERVIEW,
	CAP_REVEAL,
	CAP_ROTATE,
	CAP_INVITE,
	CAP_MANAGE_USERS,
	CAP_BILLING,
	CAP_ORG_VIEW,
	CAP_ORG_EDIT,
	CAP_TZ_VIEW,
	CAP_TZ_EDIT,
	CAP_SCHEMA_VIEW,
	CAP_SCHEMA_DESCRIBE,
	CAP_SCHEMA_DISCARD,
	CAP_LABELS_EDIT,
	CAP_CSV,
	CAP_REPORTS,
	CAP_DOWNLOADS,
	CAP_AUDIT,
	CAP_PROFILE,
	CAP__MAX
};

enum role	 role_parse(const char *);
const char	*role_name(enum role);
const char	*role_label(enum role);
int		 role_can(enum role, enum cap);
int		 role_may_grant(enum role actor, enum role target);

#endif
