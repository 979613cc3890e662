/*
 * A member's role and removal, with the rules of DESIGN §4 in one place
 * for the Users page (fcgi/pages/users.c) and SCIM (scim_users.c,
 * scim_groups.c): nobody grants a role above their own, the last Admin
 * of an account can be neither demoted nor removed (checked with the
 * account row locked, so two Admins cannot demote each other at once),
 * nobody removes themselves, a removed member's sessions in the account
 * end in the same transaction.  Every change is audited in its
 * transaction (member.role, member.remove) by the request's user: the
 * signed-in Admin, or an API token's owner.
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

/*
 * Opens the transaction of a change to member user: locks the account
 * and reads the member into m.  Returns RC_OK with the transaction open
 * (*found 1), RC_OK with it closed when user is not a member (*found 0),
 * or an rc (closed).
 */
static int
member_open(struct req *r, uint64_t user, struct member *m, int *found)
{
	struct dbres	 res;
	int		 rc;

	*found = 0;
	if ((rc = db_begin(r->db)) != RC_OK)
		return rc;
	if ((rc = db_exec(r->db, r->a, STMT_ACCOUNT_LOCK, &res, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_MEMBER_GET, &res, NULL, NULL, "uu",
	    r->s->account_id, user)) != RC_OK) {
		db_rollback(r->db);
		return rc;
	}
	if (res.nrows != 1) {
		db_rollback(r->db);
		return RC_OK;
	}
	m->role = (enum role)db_u64(&res, 0, MG_ROLE);
	m->email = db_cell(&res, 0, MG_EMAIL);
	m->name = db_cell(&res, 0, MG_NAME);
	*found = 1;
	return RC_OK;
}

/* Sets *sole when member m is the account's only Admin (inside the lock
 * of member_open).  Returns an rc. */
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
 * Opens the change of member user and checks the last-Admin rule when
 * losing is set (a demotion or removal): *out is MEMBER_DONE with the
 * transaction open, or the refusal with it closed.  Returns an rc.
 */
static int
member_check(struct req *r, uint64_t user, struct member *m, int losing,
    enum member_outcome *out)
{
	int	 found, sole = 0, rc;

	*out = MEMBER_NOT_FOUND;
	if ((rc = member_open(r, user, m, &found)) != RC_OK || !found)
		return rc;
	*out = MEMBER_DONE;
	if (losing && (rc = sole_admin(r, m, &sole)) != RC_OK) {
		db_rollback(r->db);
		return rc;
	}
	if (sole) {
		db_rollback(r->db);
		*out = MEMBER_LAST_ADMIN;
	}
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
	r->s->role = role;
	return RC_OK;
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
	int	 rc, sole;

	*out = MEMBER_ABOVE;
	if (!role_may_grant(r->s->role, role))
		return RC_OK;
	if ((rc = member_check(r, user, m, 0, out)) != RC_OK ||
	    *out != MEMBER_DONE)
		return rc;
	if (m->role == role) {
		db_rollback(r->db);
		*out = MEMBER_SAME;
		return RC_OK;
	}
	if ((rc = sole_admin(r, m, &sole)) != RC_OK || sole) {
		db_rollback(r->db);
		*out = MEMBER_LAST_ADMIN;
		return rc;
	}
	if ((rc = role_apply(r, user, role)) != RC_OK)
		db_rollback(r->db);
	else
		rc = audit_commit(r, "member.role", arena_printf(r->a,
		    "%s: %s to %s", m->email, role_name(m->role),
		    role_name(role)));
	if (rc != RC_OK)
		r->ncookies_out = 0;
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
	int	 rc;

	*out = MEMBER_SELF;
	if (user == r->s->user_id)
		return RC_OK;
	if ((rc = member_check(r, user, m, 1, out)) != RC_OK ||
	    *out != MEMBER_DONE)
		return rc;
	if ((rc = db_exec(r->db, r->a, STMT_MEMBER_SESSIONS_END, NULL, NULL,
	    NULL, "uu", r->s->account_id, user)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_MEMBER_DELETE, NULL, NULL, NULL,
	    "uu", r->s->account_id, user)) != RC_OK) {
		db_rollback(r->db);
		return rc;
	}
	return audit_commit(r, "member.remove", m->email);
}
