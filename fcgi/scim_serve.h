/*
 * SCIM 2.0 over HTTP (/scim/v2/…): the gate and the answers
 * (scim_serve.c), the Users (scim_users.c) and Groups (scim_groups.c)
 * endpoints.
 */
#ifndef STEWARD_SCIM_SERVE_H
#define STEWARD_SCIM_SERVE_H

#include <jansson.h>

#include "request.h"
#include "scim_patch.h"

/* One SCIM request past the gate. */
struct scim_req {
	struct req	*r;		/* r->s: the token's owner */
	const char	*base;		/* "https://host/scim/v2" */
	const char	*id;		/* the resource id of the path, or NULL */
	json_t		*body;		/* POST, PUT, PATCH: a JSON object */
};

int	 scim_path(const char *);
void	 scim_serve(struct req *, int status);

int	 scim_answer(struct scim_req *, int status, json_t *doc);
int	 scim_refuse(struct scim_req *, int status, const char *type,
	    const char *detail);
int	 scim_failed(struct scim_req *, const struct scim_fail *);
int	 scim_down(struct scim_req *);

/* The endpoints: each answers (scim_answer, scim_refuse) and returns 0. */
int	 scim_users_list(struct scim_req *);
int	 scim_user_get(struct scim_req *);
int	 scim_user_create(struct scim_req *);
int	 scim_user_put(struct scim_req *);
int	 scim_user_patch(struct scim_req *);
int	 scim_user_delete(struct scim_req *);
int	 scim_groups_list(struct scim_req *);
int	 scim_group_get(struct scim_req *);
int	 scim_group_patch_req(struct scim_req *);

#endif
