/*
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON, and what a
 * changed User means for Steward (its name, its being in the account).
 */
#ifndef STEWARD_SCIM_PATCH_H
#define STEWARD_SCIM_PATCH_H

#include <stddef.h>

#include <jansson.h>

#include "limits.h"

/* Why a request is refused: HTTP status, scimType (or NULL), detail. */
struct scim_fail {
	int		 status;
	const char	*type, *detail;
};

/* What a new User document asks Steward to change. */
struct scim_user_change {
	int		 active;	/* -1 unchanged, 0 leave the account, 1 */
	const char	*name;		/* the new shown name, NULL: unchanged */
	char		 buf[4 * MAX_PERSON_NAME + 2];	/* a joined name */
};

/* One member operation of a Group PATCH. */
struct scim_member_op {
	int		 add;		/* 1 add, 0 remove */
	const char	*id;		/* a User id */
};

struct scim_member_ops {
	struct scim_member_op v[SCIM_MAX_PATCH_OPS * 8];
	size_t		 n;
};

/* scim_patch.c */
int	 scim_patch_apply(json_t *res, const json_t *body, struct scim_fail *);
int	 scim_fail_set(struct scim_fail *, int status, const char *type,
	    const char *detail);

/* scim_change.c */
int	 scim_user_diff(const json_t *old, const json_t *new_,
	    struct scim_user_change *, struct scim_fail *);
int	 scim_group_patch(const json_t *group, const json_t *body,
	    json_t **work, struct scim_member_ops *, struct scim_fail *);

#endif
