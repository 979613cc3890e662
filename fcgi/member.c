/*
 * A member's role and removal, with the rules of DESIGN §4 in one place
 * for the Users page (fcgi/pages/users.c) and SCIM (scim_users.c,
 * scim_groups.c): nobody grants a role above their own, the last Admin
 * of an account can be neither demoted nor removed (checked with the
 * account row locked, so two Admins cannot demote each other at once),
 * nobody removes themselves, a removed member's sessions in the account
 * end in the same transaction.  Every change runs in one req_txn (run
 * again whole after a conflict) and is audited in it (member.role,
 * member.remove) by the request's user: the signed-in Admin, or an API
 * token's owner.
 */
#include "member.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "rc.h"
#include "session.h"

/* Columns of STMT_MEMBER_GET. */
enum { MG_ROLE, MG_EMAIL, MG_NAME };

/* Columns of STMT_ADMINS_COUNT. */
enum { AC_ADMINS };

/* A change to member user: a new role, or its removal (ROLE_NONE). */
struct member_change {
	uint64_t		 user;
	enum role		 role;
	struct member		*m;	/* out */
	enum member_outcome	 out;	/* out */
};

/*
 * Locks the account (the last-Admin rule is checked against a stable set
 * of Admins) and reads member user into m, in the open transaction.
 * Returns an rc; RC_OK with *found 0 when user is not a member of this
 * account.
 */
static int
member_lock(struct req *r, uint64_t user, struct member *m, int *found)
{
	struct dbres	 res;
	int		 rc;

	*found = 0;
	if ((rc = db_exec(r->db, r->a, STMT_ACCOUNT_LOCK, &res, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_MEMBER_GET, &res, NULL, NULL, "uu",
	    r->s->account_id, user)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_OK;
	*found = 1;
	m->role = (enum role)db_u64(&res, 0, MG_ROLE);
	m->email = db_cell(&res, 0, MG_EMAIL);
	m->name = db_cell(&res, 0, MG_NAME);
	return RC_OK;
}

/* Sets *sole when member m is the account's only Admin (inside the lock
 * of member_lock).  Returns an rc. */
static int
sole_admin(struct req *r, const struct member *m, int *sole)
{
	struct dbres	 res;

	*sole = 0;
	if (m->role != ROLE_ADMIN)
		return RC_OK;
	if (db_exec(r->db, r->a, STMT_ADMINS_COUNT, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK || res.nrows != 1)
		return RC_DOWN;
	*sole = db_u64(&res, 0, AC_ADMINS) <= 1;
	return RC_OK;
}

/*
 * Applies a role change inside the transaction: the update, and a new
 * session token when the actor changed their own role in a browser
 * (DESIGN §8: rotation at privilege change).  Returns an rc.
 */
static int
role_apply(struct req *r, uint64_t user, enum role role)
{
	int	 rc;

	if ((rc = db_exec(r->db, r->a, STMT_MEMBER_SET_ROLE, NULL, NULL, NULL,
	    "iuu", (long long)role, r->s->account_id, user)) != RC_OK)
		return rc;
	if (user != r->s->user_id)
		return RC_OK;
	if (r->s->id != 0 && ((rc = session_drop(r)) != RC_OK ||
	    (rc = session_create(r, user, r->s->account_id)) != RC_OK))
		return rc;
	return RC_OK;
}

/* A refusal of change c: out says why; RC_ERROR rolls back. */
static int
refuse(struct member_change *c, enum member_outcome out)
{
	c->out = out;
	return RC_ERROR;
}

/*
 * req_txn_fn: the change under the account's lock, audited.  RC_OK
 * with out MEMBER_DONE when made; RC_ERROR (rolled back) with out saying
 * why when it is not made; another rc on a database error.  Writes only
 * the database and its outputs, so it may run again.
 */
static int
member_tx(struct req *r, void *arg)
{
	struct member_change	*c = arg;
	int			 rc, found, sole;

	c->out = MEMBER_DONE;		/* a database error keeps it */
	if ((rc = member_lock(r, c->user, c->m, &found)) != RC_OK)
		return rc;
	if (!found)
		return refuse(c, MEMBER_NOT_FOUND);
	if (c->role == c->m->role)
		return refuse(c, MEMBER_SAME);
	if ((rc = sole_admin(r, c->m, &sole)) != RC_OK)
		return rc;
	if (sole)
		return refuse(c, MEMBER_LAST_ADMIN);
	if (c->role == ROLE_NONE) {
		if ((rc = db_exec(r->db, r->a, STMT_MEMBER_SESSIONS_END, NULL,
		    NULL, NULL, "uu", r->s->account_id, c->user)) != RC_OK ||
		    (rc = db_exec(r->db, r->a, STMT_MEMBER_DELETE, NULL, NULL,
		    NULL, "uu", r->s->account_id, c->user)) != RC_OK)
			return rc;
		return audit_req(r, "member.remove", c->m->email);
	}
	if ((rc = role_apply(r, c->user, c->role)) != RC_OK)
		return rc;
	return audit_req(r, "member.role", arena_printf(r->a, "%s: %s to %s",
	    c->m->email, role_name(c->m->role), role_name(c->role)));
}

/*
 * Runs the change c in one req_txn.  Returns RC_OK when c->out says what
 * it came to (a refusal: nothing changed); another rc on a database
 * error (nothing changed, no new session cookie).
 */
static int
member_change(struct req *r, struct member_change *c)
{
	int	 rc = req_txn(r, member_tx, c);

	if (c->out != MEMBER_DONE)
		return RC_OK;
	return rc;
}

/*
 * Gives member user of the session's account the role, audited
 * (member.role).  *out: MEMBER_DONE, MEMBER_SAME, MEMBER_NOT_FOUND,
 * MEMBER_ABOVE (a role above the actor's), MEMBER_LAST_ADMIN; m holds
 * the member as it was (unless not found).  Returns an rc; on failure
 * nothing changed and no new session cookie goes out.
 */
int
member_set_role(struct req *r, uint64_t user, enum role role,
    struct member *m, enum member_outcome *out)
{
	struct member_change	 c = { user, role, m, MEMBER_DONE };
	int			 rc;

	*out = MEMBER_ABOVE;
	if (role == ROLE_NONE || !role_may_grant(r->s->role, role))
		return RC_OK;
	rc = member_change(r, &c);
	*out = c.out;
	if (rc == RC_OK && c.out == MEMBER_DONE && user == r->s->user_id)
		r->s->role = role;
	return rc;
}

/*
 * Removes member user from the session's account: the membership and
 * that person's sessions in it, audited (member.remove).  *out:
 * MEMBER_DONE, MEMBER_NOT_FOUND, MEMBER_SELF, MEMBER_LAST_ADMIN; m holds
 * the member as it was.  Returns an rc; nothing changed on failure.
 */
int
member_remove(struct req *r, uint64_t user, struct member *m,
    enum member_outcome *out)
{
	struct member_change	 c = { user, ROLE_NONE, m, MEMBER_DONE };
	int			 rc;

	*out = MEMBER_SELF;
	if (user == r->s->user_id)
		return RC_OK;
	rc = member_change(r, &c);
	*out = c.out;
	return rc;
}
