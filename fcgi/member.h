/*
 * A member's role and removal, with the rules of the Users page
 * (member.c): shared by /settings/users and SCIM.
 */
#ifndef STEWARD_MEMBER_H
#define STEWARD_MEMBER_H

#include <stdint.h>

#include "request.h"
#include "roles.h"

/* What became of a change. */
enum member_outcome {
	MEMBER_DONE,		/* changed, audited, committed */
	MEMBER_SAME,		/* the member has that role already */
	MEMBER_NOT_FOUND,	/* not a member of the session's account */
	MEMBER_ABOVE,		/* a role above the actor's own */
	MEMBER_LAST_ADMIN,	/* the account's only Admin */
	MEMBER_SELF		/* removing oneself */
};

/* A member of the session's account as it was before the change. */
struct member {
	enum role	 role;
	const char	*email, *name;
};

int	 member_set_role(struct req *, uint64_t user, enum role,
	    struct member *, enum member_outcome *);
int	 member_remove(struct req *, uint64_t user, struct member *,
	    enum member_outcome *);

#endif
