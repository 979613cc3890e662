/*
 * The SCIM documents (RFC 7643, 7644): User and Group resources, the
 * ListResponse and its paging, the Error message.
 */
#ifndef STEWARD_SCIM_DOC_H
#define STEWARD_SCIM_DOC_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "roles.h"

#define SCIM_USER	"urn:ietf:params:scim:schemas:core:2.0:User"
#define SCIM_GROUP	"urn:ietf:params:scim:schemas:core:2.0:Group"
#define SCIM_LIST	"urn:ietf:params:scim:api:messages:2.0:ListResponse"
#define SCIM_PATCHOP	"urn:ietf:params:scim:api:messages:2.0:PatchOp"
#define SCIM_ERROR	"urn:ietf:params:scim:api:messages:2.0:Error"

/* A member of the account (id: the user's id) or a pending invitation
 * (id "i" + the invitation's id). */
struct scim_user {
	const char	*id;
	const char	*email, *name;	/* name "" for an invitation */
	enum role	 role;
	int		 invited;	/* a pending invitation */
	const char	*created, *modified;	/* RFC 3339, UTC */
};

/* A page of a list: startIndex from 1, count from 0. */
struct scim_page {
	long		 start, count;
};

json_t	*scim_error_json(int status, const char *scim_type,
	    const char *detail);
json_t	*scim_user_json(const char *base, const struct scim_user *);
json_t	*scim_group_json(const char *base, enum role, json_t *members);
int	 scim_group_member(json_t *members, const char *base,
	    const char *id, const char *email);
enum role scim_group_role(const char *id);
json_t	*scim_list_json(size_t total, const struct scim_page *,
	    json_t *resources);
int	 scim_page_parse(const char *start, const char *count,
	    struct scim_page *, const char **err);
void	 scim_name_split(const char *full, const char **given,
	    const char **family, char *buf, size_t bufsize);

#endif
