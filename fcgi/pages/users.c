/*
 * The Users page (/settings/users): the members and open invitations of
 * the account in one list — search, filter by role and status, sort,
 * pages of USERS_PER_PAGE — with the bulk invite form; its CSV export
 * (/settings/users.csv, the same XML drawn by xslt/csv.xsl); and the
 * Admin's changes: a member's role, a member's removal.
 *
 * Rules (DESIGN §4): nobody grants a role above their own (role_may_grant),
 * the last Admin of an account can be neither demoted nor removed (checked
 * with the account row locked, so two Admins cannot demote each other at
 * once), a removed member's sessions in the account end in the same
 * transaction.  Every change is audited in its transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../session.h"
#include "../status.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* What the list shows: the query string, validated. */
struct ulist {
	const char	*q;		/* "" for any */
	const char	*qshown;	/* what was typed, even when refused */
	enum role	 role;		/* ROLE_NONE for any */
	int		 status;	/* member_status code, 0 for any */
	int		 sort;		/* index into sorts[] */
	int		 desc;		/* the reverse of the natural order */
	long		 page;		/* from 1 */
};

/*
 * The sort keys; code is STMT_USERS_LIST's (reversed: code + 5).  Natural
 * orders: names and emails A to Z, roles Admin first, last sign-in newest
 * first, member since oldest first.
 */
static const struct {
	const char	*name;
	int		 code;
} sorts[] = {
	{ "name", 1 }, { "email", 2 }, { "role", 3 }, { "last-login", 4 },
	{ "since", 5 },
};

/* The query fields of the list and their validators. */
enum qf { QF_Q, QF_ROLE, QF_STATUS, QF_SORT, QF_ORDER, QF_PAGE, QF__MAX };

static const struct {
	const char	*name;
	enum valid	 v;
} qfields[QF__MAX] = {
	[QF_Q] = { "q", VALID_SEARCH },
	[QF_ROLE] = { "role", VALID_ROLE },
	[QF_STATUS] = { "status", VALID_MEMBER_STATUS },
	[QF_SORT] = { "sort", VALID_USERS_SORT },
	[QF_ORDER] = { "order", VALID_ORDER },
	[QF_PAGE] = { "page", VALID_PAGE },
};

/* Sets one validated field of l. */
static void
ulist_set(struct ulist *l, enum qf f, const char *v)
{
	size_t	 i;

	switch (f) {
	case QF_Q:
		l->q = v;
		break;
	case QF_ROLE:
		l->role = role_parse(v);
		break;
	case QF_STATUS:
		l->status = member_status_parse(v);
		break;
	case QF_SORT:
		for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
			if (strcmp(v, sorts[i].name) == 0)
				l->sort = (int)i;
		break;
	case QF_ORDER:
		l->desc = strcmp(v, "desc") == 0;
		break;
	case QF_PAGE:
		l->page = strtol(v, NULL, 10);
		break;
	default:
		abort();
	}
}

/*
 * Reads the list's query fields (empty means "any"/default).  A refused
 * field adds an <error> naming it and keeps its default.  Returns the
 * number of refused fields.
 */
static int
ulist_parse(struct req *r, struct ulist *l)
{
	const char	*v;
	int		 bad = 0;
	size_t		 f;

	memset(l, 0, sizeof(*l));
	l->q = l->qshown = "";
	l->page = 1;
	for (f = 0; f < QF__MAX; f++) {
		v = kv_get(&r->query, qfields[f].name);
		if (f == QF_Q && v != NULL)
			l->qshown = v;
		if (v == NULL || *v == '\0')
			continue;
		if (valid_check(qfields[f].v, v, strlen(v)) &&
		    (f != QF_PAGE || strtol(v, NULL, 10) <= MAX_LIST_PAGE)) {
			ulist_set(l, (enum qf)f, v);
			continue;
		}
		xml_error(r, qfields[f].name, valid_message(qfields[f].v));
		bad++;
	}
	return bad;
}

/* One member row. */
static void
add_member(struct req *r, xmlNodePtr list, const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "member", NULL);
	uint64_t	 id = db_u64(res, i, 1);

	xml_attr(n, "id", db_cell(res, i, 1));
	xml_attr(n, "name", db_cell(res, i, 2));
	xml_attr(n, "email", db_cell(res, i, 3));
	xml_attr(n, "role", role_name((enum role)db_u64(res, i, 4)));
	xml_attr(n, "status", member_status_name((int)db_u64(res, i, 5)));
	xml_attr_yes(n, "two-step", db_u64(res, i, 6) != 0);
	xml_attr(n, "last-login", db_cell(res, i, 7));
	xml_attr(n, "since", db_cell(res, i, 8));
	xml_attr_yes(n, "self", id == r->s->user_id);
}

/* One open (or expired) invitation row; grantable: this user may resend
 * it and copy its link. */
static void
add_invitation(struct req *r, xmlNodePtr list, const struct dbres *res,
    size_t i)
{
	xmlNodePtr	 n = xml_el(list, "invitation", NULL);
	enum role	 role = (enum role)db_u64(res, i, 4);

	xml_attr(n, "id", db_cell(res, i, 1));
	xml_attr(n, "email", db_cell(res, i, 3));
	xml_attr(n, "role", role_name((enum role)db_u64(res, i, 4)));
	xml_attr(n, "status", member_status_name((int)db_u64(res, i, 5)));
	xml_attr(n, "invited-by", db_cell(res, i, 9));
	xml_attr(n, "sent", db_cell(res, i, 8));
	xml_attr(n, "expires", db_cell(res, i, 10));
	xml_attr_yes(n, "grantable", role_may_grant(r->s->role, role));
}

/*
 * Runs the list query for l (limit rows from offset) and adds the rows
 * to list; *more is set when there were more than limit.  Returns a
 * an rc.
 */
static int
add_rows(struct req *r, xmlNodePtr list, const struct ulist *l, long limit,
    long offset, int *more)
{
	struct dbres	 res;
	const char	*tz = r->s->timezone;
	size_t		 i;
	int		 rc;

	rc = db_exec(r->db, r->a, STMT_USERS_LIST, &res, NULL, NULL,
	    "sssuusuuuii", tz, tz, tz, r->s->account_id, r->s->account_id,
	    l->q, (uint64_t)l->status, (uint64_t)l->role,
	    (uint64_t)(sorts[l->sort].code + (l->desc ? 5 : 0)),
	    (long long)limit + 1, (long long)offset);
	if (rc != RC_OK)
		return rc;
	*more = res.nrows > (size_t)limit;
	for (i = 0; i < res.nrows && i < (size_t)limit; i++) {
		if (db_u64(&res, i, 0) == 1)
			add_member(r, list, &res, i);
		else
			add_invitation(r, list, &res, i);
	}
	return RC_OK;
}

/* The <users> element: the filter as understood (refused: a field of
 * it was refused). */
static xmlNodePtr
users_el(struct req *r, const struct ulist *l, int refused)
{
	xmlNodePtr	 u = xml_el(r->root, "users", NULL);

	xml_attr_yes(u, "refused", refused);
	xml_attr(u, "q", l->qshown);
	xml_attr(u, "role", l->role == ROLE_NONE ? "" : role_name(l->role));
	xml_attr(u, "status", l->status ? member_status_name(l->status) : "");
	xml_attr(u, "sort", sorts[l->sort].name);
	xml_attr(u, "order", l->desc ? "desc" : "asc");
	xml_attr_i(u, "page", l->page);
	xml_attr_i(u, "per-page", USERS_PER_PAGE);
	return u;
}

/* Members, open invitations and Admins of the account, on u. */
static int
add_counts(struct req *r, xmlNodePtr u)
{
	struct dbres	 res;
	uint64_t	 acc = r->s->account_id;

	if (db_exec(r->db, r->a, STMT_USERS_COUNTS, &res, NULL, NULL, "uuu",
	    acc, acc, acc) != RC_OK || res.nrows != 1)
		return RC_DOWN;
	xml_attr(u, "members", db_cell(&res, 0, 0));
	xml_attr(u, "pending", db_cell(&res, 0, 1));
	xml_attr(u, "admins", db_cell(&res, 0, 2));
	return RC_OK;
}

/*
 * <invite>: the bulk invite form with what was typed and the roles this
 * user may grant (Admin: all; Creator: Creator and below).  Returns it,
 * for the caller to add per-address <result>s; NULL without CAP_INVITE.
 */
xmlNodePtr
users_invite_form(struct req *r, const char *emails, const char *role,
    const char *message)
{
	xmlNodePtr	 inv, n;
	int		 k;

	if (!role_can(r->s->role, CAP_INVITE))
		return NULL;
	inv = xml_el(r->root, "invite", NULL);
	xml_attr(inv, "emails", emails ? emails : "");
	xml_attr(inv, "role", role ? role : "member");
	xml_attr(inv, "message", message ? message : "");
	xml_attr_i(inv, "max", MAX_INVITE_ADDRESSES);
	for (k = ROLE_ADMIN; k > ROLE_NONE; k--)
		if (role_may_grant(r->s->role, (enum role)k)) {
			n = xml_el(inv, "role", role_label((enum role)k));
			xml_attr(n, "value", role_name((enum role)k));
		}
	return inv;
}

/* 1 when the document already has a child named name under the root. */
static int
has_child(struct req *r, const char *name)
{
	xmlNodePtr	 n;

	for (n = r->root->children; n != NULL; n = n->next)
		if (xmlStrcmp(n->name, (const xmlChar *)name) == 0)
			return 1;
	return 0;
}

/*
 * Draws the Users page into r (a document of page "users" may already
 * hold errors, an <invite> and a <link>): the list per the query string,
 * the counters, the invite form.  A refused query field makes it a 422.
 * Returns 0, or -1 with r->status 503 when the database fails.
 */
int
users_render(struct req *r, xmlNodePtr invite)
{
	struct ulist	 l;
	xmlNodePtr	 u;
	int		 more = 0, bad;

	if (r->doc == NULL && xml_page(r, "users") == NULL)
		return -1;
	if ((bad = ulist_parse(r, &l)) > 0 && r->status < 400)
		r->status = 422;
	u = users_el(r, &l, bad > 0);
	if (add_counts(r, u) != RC_OK ||
	    add_rows(r, u, &l, USERS_PER_PAGE,
	    (l.page - 1) * USERS_PER_PAGE, &more) != RC_OK) {
		r->status = 503;
		return -1;
	}
	xml_attr_yes(u, "next", more);
	if (invite == NULL && !has_child(r, "invite"))
		users_invite_form(r, NULL, NULL, NULL);
	return 0;
}

/* GET /settings/users (Admin, Creator). */
int
page_users(struct req *r)
{
	return users_render(r, NULL);
}

/*
 * GET /settings/users.csv (Admin, Creator): the rows of the list as
 * filtered (every page, at most MAX_CSV_ROWS) in a document of page
 * "users-csv"; nginx draws it with xslt/csv.xsl as an attachment.
 * 422 for a refused filter, 503 without a database.
 */
int
page_users_csv(struct req *r)
{
	struct ulist	 l;
	xmlNodePtr	 u;
	int		 more = 0, bad;

	if (xml_page(r, "users-csv") == NULL)
		return -1;
	if ((bad = ulist_parse(r, &l)) > 0)
		r->status = 422;
	l.page = 1;
	u = users_el(r, &l, bad > 0);
	if (add_rows(r, u, &l, MAX_CSV_ROWS, 0, &more) != RC_OK) {
		r->status = 503;
		return -1;
	}
	xml_attr_yes(u, "next", more);	/* yes: the export was cut */
	if (r->status == 200 && !r->api)
		r->disposition = "attachment; filename=\"members.csv\"";
	return 0;
}

/*
 * Reads form field as a row id into *id.  Returns 1, or 0 after drawing
 * the Users page with a 422 naming the field when it is not an id.
 */
int
users_form_id(struct req *r, const char *field, uint64_t *id)
{
	const char	*v = kv_get(&r->form, field);

	if (v != NULL && valid_check(VALID_ID, v, strlen(v))) {
		*id = strtoull(v, NULL, 10);
		return 1;
	}
	r->status = 422;
	if (xml_page(r, "users") != NULL)
		xml_error(r, field, valid_message(VALID_ID));
	return 0;
}

/*
 * Ends a change of the Users page: the flash and 303 back to the page —
 * or to the overview when the user may no longer see the Users page (they
 * changed their own role).
 */
void
users_done(struct req *r, const char *kind, const char *flash)
{
	req_flash(r, kind, flash);
	req_redirect(r, r->s != NULL && role_can(r->s->role, CAP_INVITE) ?
	    "/settings/users" : "/settings");
}

/* The answer to a change that could not be made: 422 with the reason. */
static int
refuse(struct req *r, int status, const char *field, const char *msg)
{
	r->status = status;
	if (r->doc == NULL && xml_page(r, "users") == NULL)
		return -1;
	xml_error(r, field, msg);
	return users_render(r, NULL) == -1 ? -1 : 0;
}

/* A member of this account, locked: role, email and name. */
struct member {
	enum role	 role;
	const char	*email, *name;
};

/*
 * Locks the account (the last-Admin rule is checked against a stable set
 * of Admins) and reads member user of it.  Returns RC_OK and *found,
 * or an rc.
 */
static int
member_lock(struct req *r, uint64_t user, struct member *m, int *found)
{
	struct dbres	 res;
	int		 rc;

	*found = 0;
	if ((rc = db_exec(r->db, r->a, STMT_ACCOUNT_LOCK, &res, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK)
		return rc;
	if ((rc = db_exec(r->db, r->a, STMT_MEMBER_GET, &res, NULL, NULL, "uu",
	    r->s->account_id, user)) != RC_OK)
		return rc;
	if (res.nrows == 1) {
		*found = 1;
		m->role = (enum role)db_u64(&res, 0, 0);
		m->email = db_cell(&res, 0, 1);
		m->name = db_cell(&res, 0, 2);
	}
	return RC_OK;
}

/* 1 when the account has more than one Admin (inside the lock). */
static int
admins_left(struct req *r, int *more_than_one)
{
	struct dbres	 res;

	if (db_exec(r->db, r->a, STMT_ADMINS_COUNT, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK || res.nrows != 1)
		return RC_DOWN;
	*more_than_one = db_u64(&res, 0, 0) > 1;
	return RC_OK;
}

/*
 * Applies a role change inside the transaction: the update, the audit
 * row, and a new session token when the actor changed their own role
 * (DESIGN §8: rotation at privilege change).  Returns an rc.
 */
static int
role_apply(struct req *r, uint64_t user, const struct member *m,
    enum role role)
{
	int	 rc;

	if ((rc = db_exec(r->db, r->a, STMT_MEMBER_SET_ROLE, NULL, NULL, NULL,
	    "iuu", (long long)role, r->s->account_id, user)) != RC_OK ||
	    (rc = audit(r->db, r->s->account_id, r->s->user_id, "member.role",
	    arena_printf(r->a, "%s: %s to %s", m->email, role_name(m->role),
	    role_name(role)), r->ip)) != RC_OK)
		return rc;
	if (user != r->s->user_id)
		return RC_OK;
	if ((rc = session_drop(r)) != RC_OK ||
	    (rc = session_create(r, user, r->s->account_id)) != RC_OK)
		return rc;
	r->s->role = role;
	return RC_OK;
}

/*
 * POST /settings/users/role (Admin; fields user, role): 303 back with a
 * flash; 422 for a malformed user id, an unknown role or the last Admin's
 * demotion; 403 for a role above one's own; 404 when user is not a member
 * of this account; 503 without a database.  Nothing changes on refusal.
 */
int
page_users_role_post(struct req *r)
{
	struct member	 m;
	uint64_t	 user;
	enum role	 role;
	int		 found, more = 1;

	if (!users_form_id(r, "user", &user))
		return users_render(r, NULL) == -1 ? -1 : 0;
	if ((role = role_parse(kv_get(&r->form, "role"))) == ROLE_NONE)
		return refuse(r, 422, "role", valid_message(VALID_ROLE));
	if (!role_may_grant(r->s->role, role)) {
		page_error(r, 403, "You cannot grant a role above your own.");
		return 0;
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (member_lock(r, user, &m, &found) != RC_OK)
		goto rollback;
	if (!found) {
		db_rollback(r->db);
		page_error(r, 404, "There is no such member in this account.");
		return 0;
	}
	if (m.role == role) {
		db_rollback(r->db);
		users_done(r, "ok", arena_printf(r->a, "%s is already %s: "
		    "nothing changed.", m.email, role_label(role)));
		return 0;
	}
	if (m.role == ROLE_ADMIN && admins_left(r, &more) != RC_OK)
		goto rollback;
	if (m.role == ROLE_ADMIN && !more) {
		db_rollback(r->db);
		return refuse(r, 422, NULL, arena_printf(r->a, "%s is the last "
		    "Admin of this account and keeps that role. Make someone "
		    "else Admin first.", m.email));
	}
	if (role_apply(r, user, &m, role) != RC_OK)
		goto rollback;
	if (db_commit(r->db) != RC_OK)
		goto down;
	users_done(r, "ok", arena_printf(r->a, "%s is now %s.", m.email,
	    role_label(role)));
	return 0;
rollback:
	db_rollback(r->db);
down:
	r->ncookies_out = 0;
	r->status = 503;
	return -1;
}

/*
 * POST /settings/users/remove (Admin; field user): the membership ends
 * and with it every session of that person in this account, in one
 * transaction with the audit row.  303 back with a flash; 422 for a
 * malformed id, for oneself or the last Admin; 404 when user is not a
 * member of this account; 503 without a database.
 */
int
page_users_remove_post(struct req *r)
{
	struct member	 m;
	uint64_t	 user;
	int		 found, more = 1;

	if (!users_form_id(r, "user", &user))
		return users_render(r, NULL) == -1 ? -1 : 0;
	if (user == r->s->user_id)
		return refuse(r, 422, NULL, "You cannot remove yourself. Ask "
		    "another Admin to remove you from this account.");
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (member_lock(r, user, &m, &found) != RC_OK)
		goto rollback;
	if (!found) {
		db_rollback(r->db);
		page_error(r, 404, "There is no such member in this account.");
		return 0;
	}
	if (m.role == ROLE_ADMIN && admins_left(r, &more) != RC_OK)
		goto rollback;
	if (!more) {
		db_rollback(r->db);
		return refuse(r, 422, NULL, arena_printf(r->a, "%s is the last "
		    "Admin of this account and cannot be removed.", m.email));
	}
	if (db_exec(r->db, r->a, STMT_MEMBER_SESSIONS_END, NULL, NULL, NULL,
	    "uu", r->s->account_id, user) != RC_OK ||
	    db_exec(r->db, r->a, STMT_MEMBER_DELETE, NULL, NULL, NULL, "uu",
	    r->s->account_id, user) != RC_OK ||
	    audit_req(r, "member.remove",
	    m.email) != RC_OK)
		goto rollback;
	if (db_commit(r->db) != RC_OK)
		goto down;
	users_done(r, "ok", arena_printf(r->a, "%s was removed from %s; "
	    "their sessions in it have ended.", m.email, r->s->account_name));
	return 0;
rollback:
	db_rollback(r->db);
down:
	r->status = 503;
	return -1;
}
