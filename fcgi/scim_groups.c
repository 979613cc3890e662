/*
 * SCIM Groups (/scim/v2/Groups): the four roles (id admin, creator,
 * member, agent), each listing the members who have it.  Adding a User
 * to a Group gives it that role; removing it from its role's Group makes
 * it an Agent (the least role: a member always has one), except from
 * the Agent Group, which is refused (remove the User instead).  Every
 * change is a role change of the Users page (member.c: nobody above the
 * token owner's role, the last Admin kept, member.role audited), one
 * transaction per member.  Groups are neither created, replaced nor
 * deleted (501).
 */
#include <string.h>

#include "scim_serve.h"
#include "arena.h"
#include "db.h"
#include "member.h"
#include "rc.h"
#include "scim_doc.h"
#include "scim_filter.h"
#include "text.h"

/* Columns of STMT_SCIM_ROLE_MEMBERS. */
enum { RM_ID, RM_EMAIL };

/* The Groups in the order they are listed. */
static const enum role roles[] = {
	ROLE_ADMIN, ROLE_CREATOR, ROLE_MEMBER, ROLE_AGENT,
};

/* The Group of role, with its members unless without_members.  NULL
 * with *down set when the database fails; NULL out of memory. */
static json_t *
group_doc(struct scim_req *q, enum role role, int without_members, int *down)
{
	struct dbres	 res;
	json_t		*m = NULL;
	size_t		 i;

	*down = 0;
	if (!without_members) {
		if (db_exec(q->r->db, q->r->a, STMT_SCIM_ROLE_MEMBERS, &res,
		    NULL, NULL, "uii", q->r->s->account_id, (long long)role,
		    (long long)SCIM_MAX_GROUP_MEMBERS) != RC_OK) {
			*down = 1;
			return NULL;
		}
		if ((m = json_array()) == NULL)
			return NULL;
		for (i = 0; i < res.nrows; i++)
			if (scim_group_member(m, q->base, db_cell(&res, i,
			    RM_ID), db_cell(&res, i, RM_EMAIL)) == -1) {
				json_decref(m);
				return NULL;
			}
	}
	return scim_group_json(q->base, role, m);
}

/* 1 when the query's excludedAttributes names members. */
static int
without_members(struct scim_req *q)
{
	const char	*x = kv_get(&q->r->query, "excludedAttributes");

	return x != NULL && strstr(x, "members") != NULL;
}

/* Answers the Group doc could not be built: 503 or 500. */
static int
group_failed(struct scim_req *q, int down)
{
	return down ? scim_down(q) : scim_refuse(q, 500, NULL, "Out of memory.");
}

/* GET /Groups/{id}: 200; 404; 503. */
int
scim_group_get(struct scim_req *q)
{
	enum role	 role = scim_group_role(q->id);
	json_t		*g;
	int		 down;

	if (role == ROLE_NONE)
		return scim_refuse(q, 404, NULL, "The Groups are admin, creator, "
		    "member and agent.");
	if ((g = group_doc(q, role, without_members(q), &down)) == NULL)
		return group_failed(q, down);
	return scim_answer(q, 200, g);
}

/* GET /Groups?filter=&startIndex=&count=: the four roles that match.
 * 400 invalidFilter, invalidValue; 503. */
int
scim_groups_list(struct scim_req *q)
{
	struct scim_filter	*f = NULL;
	struct scim_page	 page;
	const char		*fs = kv_get(&q->r->query, "filter"), *why;
	json_t			*items, *g;
	size_t			 i, total = 0;
	int			 down;

	if (scim_page_parse(kv_get(&q->r->query, "startIndex"),
	    kv_get(&q->r->query, "count"), &page, &why) == -1)
		return scim_refuse(q, 400, "invalidValue", why);
	if (fs != NULL && ((f = arena_alloc(q->r->a, sizeof(*f))) == NULL ||
	    scim_filter_parse(f, fs, strlen(fs)) == -1))
		return f == NULL ? scim_refuse(q, 500, NULL, "Out of memory.") :
		    scim_refuse(q, 400, "invalidFilter", f->err);
	if ((items = json_array()) == NULL)
		return scim_refuse(q, 500, NULL, "Out of memory.");
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if ((g = group_doc(q, roles[i], without_members(q), &down)) ==
		    NULL) {
			json_decref(items);
			return group_failed(q, down);
		}
		if (f == NULL || scim_filter_match(f, g)) {
			total++;
			if (total >= (size_t)page.start &&
			    json_array_size(items) < (size_t)page.count) {
				json_array_append_new(items, g);
				continue;
			}
		}
		json_decref(g);
	}
	return scim_answer(q, 200, scim_list_json(total, &page, items));
}

/*
 * Applies one member operation to the Group of role: the new role of
 * member id.  Returns 0, or 1 when it answered the refusal (400, 403,
 * 503); earlier operations stay done.
 */
static int
member_op(struct scim_req *q, enum role role, const struct scim_member_op *op)
{
	struct member		 m;
	enum member_outcome	 out;
	uint64_t		 user;
	enum role		 to = op->add ? role : ROLE_AGENT;

	if (arg_id(op->id, &user) != RC_OK)
		return scim_refuse(q, 400, "invalidValue", arena_printf(q->r->a,
		    "%s is not a member of this account (a pending invitation "
		    "gets its role when it is accepted).", op->id)), 1;
	if (!op->add && role == ROLE_AGENT)
		return scim_refuse(q, 400, "mutability", "Agent is the least "
		    "role: remove the User from the account instead."), 1;
	if (member_set_role(q->r, user, to, &m, &out) != RC_OK)
		return scim_down(q), 1;
	switch (out) {
	case MEMBER_DONE:
	case MEMBER_SAME:
		return 0;
	case MEMBER_ABOVE:
		return scim_refuse(q, 403, NULL, "You cannot grant a role above "
		    "your own."), 1;
	case MEMBER_LAST_ADMIN:
		return scim_refuse(q, 400, "mutability", arena_printf(q->r->a,
		    "%s is the last Admin of this account and keeps that role.",
		    m.email)), 1;
	default:
		return scim_refuse(q, 400, "invalidValue", arena_printf(q->r->a,
		    "%s is not a member of this account.", op->id)), 1;
	}
}

/*
 * PATCH /Groups/{id}: members added get the role, members removed become
 * Agents.  200 with the Group; 400 (scim_patch.c, scim_change.c, the
 * rules above), 403, 404, 503.
 */
int
scim_group_patch_req(struct scim_req *q)
{
	struct scim_member_ops	*ops;
	struct scim_fail	 f;
	enum role		 role = scim_group_role(q->id);
	json_t			*g, *work = NULL;
	size_t			 i;
	int			 down, answered = 0;

	if (role == ROLE_NONE)
		return scim_refuse(q, 404, NULL, "The Groups are admin, creator, "
		    "member and agent.");
	if ((ops = arena_alloc(q->r->a, sizeof(*ops))) == NULL)
		return scim_refuse(q, 500, NULL, "Out of memory.");
	if ((g = group_doc(q, role, 0, &down)) == NULL)
		return group_failed(q, down);
	if (scim_group_patch(g, q->body, &work, ops, &f) == -1)
		answered = scim_failed(q, &f) + 1;
	for (i = 0; !answered && i < ops->n; i++)
		answered = member_op(q, role, &ops->v[i]);
	json_decref(work);
	json_decref(g);
	if (answered)
		return 0;
	if ((g = group_doc(q, role, without_members(q), &down)) == NULL)
		return group_failed(q, down);
	return scim_answer(q, 200, g);
}
