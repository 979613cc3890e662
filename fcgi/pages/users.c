/*
 * The Users page (/settings/users): the members and open invitations of
 * the account in one list — search, filter by role and status, sort,
 * pages of USERS_PER_PAGE — with the bulk invite form; its CSV export
 * (/settings/users.csv, the same XML drawn by xslt/csv.xsl); and the
 * Admin's changes: a member's role, a member's removal.
 *
 * The rules of a role change and a removal (DESIGN §4: nobody above
 * their own role, the last Admin kept, sessions ended, audited) are
 * member.c's, which SCIM shares.
 */
#include <string.h>

#include "../arena.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../limits.h"
#include "../member.h"
#include "../pager.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../status.h"
#include "../text.h"
#include "../tz.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* Columns of the member statements (STMT_USERS_BY_*). */
enum {
	UM_ID, UM_NAME, UM_EMAIL, UM_ROLE, UM_STATUS, UM_TOTP, UM_LAST_LOGIN,
	UM_SINCE, UM_WNAME, UM_WEMAIL, UM_LOGIN_RAW, UM_SINCE_RAW
};

/* Columns of the invitation statements (STMT_INVITES_BY_*). */
enum {
	UI_ID, UI_EMAIL, UI_ROLE, UI_STATUS, UI_INVITER, UI_SENT, UI_EXPIRES,
	UI_WEMAIL, UI_SENT_RAW
};

/* What a row of the list is; members come before invitations in a tie. */
enum { KIND_MEMBER = 1, KIND_INVITATION = 2 };

/* Columns of STMT_USERS_COUNTS. */
enum { UC_MEMBERS, UC_PENDING, UC_ADMINS, UC_ANY_INVITATION };

/*
 * The sort keys.  Natural orders: names and emails A to Z, roles Admin
 * first, last sign-in newest first, member since oldest first; ties by
 * email A to Z, members first, then id (also when reversed).
 */
static const char *const sorts[] = {
	"name", "email", "role", "last-login", "since",
};
#define NSORTS	(sizeof(sorts) / sizeof(sorts[0]))

/* The statements of each sort order: natural, reversed. */
static const struct {
	enum stmt	 members[2], invitations[2];
} sort_stmts[NSORTS] = {
	{ { STMT_USERS_BY_NAME, STMT_USERS_BY_NAME_DESC },
	  { STMT_INVITES_BY_EMAIL, STMT_INVITES_BY_EMAIL_DESC } },
	{ { STMT_USERS_BY_EMAIL, STMT_USERS_BY_EMAIL_DESC },
	  { STMT_INVITES_BY_EMAIL, STMT_INVITES_BY_EMAIL_DESC } },
	{ { STMT_USERS_BY_ROLE, STMT_USERS_BY_ROLE_DESC },
	  { STMT_INVITES_BY_ROLE, STMT_INVITES_BY_ROLE_DESC } },
	{ { STMT_USERS_BY_LOGIN, STMT_USERS_BY_LOGIN_DESC },
	  { STMT_INVITES_BY_EMAIL, STMT_INVITES_BY_EMAIL } },
	{ { STMT_USERS_BY_SINCE, STMT_USERS_BY_SINCE_DESC },
	  { STMT_INVITES_BY_SINCE, STMT_INVITES_BY_SINCE_DESC } },
};

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

/* The whole list, first page, natural order. */
static void
ulist_default(struct ulist *l)
{
	memset(l, 0, sizeof(*l));
	l->q = l->qshown = "";
	l->page = 1;
}

/*
 * Reads the list's query fields (the route declares them; empty means
 * "any" or the default).  A refused field adds an <error> naming it, in
 * the route's order, and keeps its default: a page number past
 * MAX_LIST_PAGE too (page is the last field).  Returns the number of
 * refused fields.
 */
static int
ulist_parse(struct req *r, struct ulist *l)
{
	const char	*v;
	int		 k, bad = (int)in_bad(r);

	ulist_default(l);
	l->qshown = in_typed(r, "q");
	if ((v = in_str(r, "q")) != NULL)
		l->q = v;
	l->role = role_parse(in_str(r, "role"));
	l->status = member_status_parse(in_str(r, "status"));
	if ((k = name_index(sorts, NSORTS, in_str(r, "sort"))) >= 0)
		l->sort = k;
	l->desc = (v = in_str(r, "order")) != NULL && strcmp(v, "desc") == 0;
	in_errors_xml(r);
	if ((v = in_str(r, "page")) != NULL && page_parse(v, &l->page) != RC_OK) {
		xml_error(r, "page", valid_message(VALID_PAGE));
		bad++;
	}
	return bad;
}

/* One member row (row i of a member statement). */
static void
add_member(struct req *r, xmlNodePtr list, const struct tz *z,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "member", NULL);
	uint64_t	 id = db_u64(res, i, UM_ID);

	xml_attr(n, "id", db_cell(res, i, UM_ID));
	xml_attr(n, "name", db_cell(res, i, UM_NAME));
	xml_attr(n, "email", db_cell(res, i, UM_EMAIL));
	xml_attr(n, "role", role_name((enum role)db_u64(res, i, UM_ROLE)));
	xml_attr(n, "status",
	    member_status_name((int)db_u64(res, i, UM_STATUS)));
	xml_attr_yes(n, "two-step", db_u64(res, i, UM_TOTP) != 0);
	xml_attr_time(n, "last-login", z, db_cell(res, i, UM_LAST_LOGIN));
	xml_attr_time(n, "since", z, db_cell(res, i, UM_SINCE));
	xml_attr_yes(n, "self", id == r->s->user_id);
}

/* One open (or expired) invitation row (row i of an invitation
 * statement); grantable: this user may resend it and copy its link. */
static void
add_invitation(struct req *r, xmlNodePtr list, const struct tz *z,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "invitation", NULL);
	enum role	 role = (enum role)db_u64(res, i, UI_ROLE);

	xml_attr(n, "id", db_cell(res, i, UI_ID));
	xml_attr(n, "email", db_cell(res, i, UI_EMAIL));
	xml_attr(n, "role", role_name(role));
	xml_attr(n, "status",
	    member_status_name((int)db_u64(res, i, UI_STATUS)));
	xml_attr(n, "invited-by", db_cell(res, i, UI_INVITER));
	xml_attr_time(n, "sent", z, db_cell(res, i, UI_SENT));
	xml_attr_time(n, "expires", z, db_cell(res, i, UI_EXPIRES));
	xml_attr_yes(n, "grantable", role_may_grant(r->s->role, role));
}

/* The sort keys of one row of either statement, for the merge. */
struct ukey {
	int		 kind;		/* KIND_MEMBER, KIND_INVITATION */
	uint64_t	 id;
	int		 role;
	const char	*wname, *wemail;	/* hex of collation weights */
	const char	*login, *since;		/* DATETIME(6) text; NULL */
};

/* The keys of row i of a member statement. */
static void
member_key(const struct dbres *res, size_t i, struct ukey *k)
{
	k->kind = KIND_MEMBER;
	k->id = db_u64(res, i, UM_ID);
	k->role = (int)db_u64(res, i, UM_ROLE);
	k->wname = db_cell(res, i, UM_WNAME);
	k->wemail = db_cell(res, i, UM_WEMAIL);
	k->login = db_cell(res, i, UM_LOGIN_RAW);
	k->since = db_cell(res, i, UM_SINCE_RAW);
}

/* The keys of row i of an invitation statement (its name is its email). */
static void
invitation_key(const struct dbres *res, size_t i, struct ukey *k)
{
	k->kind = KIND_INVITATION;
	k->id = db_u64(res, i, UI_ID);
	k->role = (int)db_u64(res, i, UI_ROLE);
	k->wname = k->wemail = db_cell(res, i, UI_WEMAIL);
	k->login = NULL;
	k->since = db_cell(res, i, UI_SENT_RAW);
}

/* strcmp() with NULL first (SQL's order of NULL ascending). */
static int
cmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/*
 * The list's order (the statements' ORDER BY): sort key of l (reversed
 * when desc), then email A to Z, members first, then id.  Answers <0,
 * 0 or >0 as a comes before, with or after b.
 */
static int
ukey_cmp(const struct ulist *l, const struct ukey *a, const struct ukey *b)
{
	int	 c = 0;

	switch (l->sort) {
	case 0:
		c = cmp_null(a->wname, b->wname);
		break;
	case 1:
		c = cmp_null(a->wemail, b->wemail);
		break;
	case 2:
		c = b->role - a->role;		/* Admin first */
		break;
	case 3:
		c = -cmp_null(a->login, b->login);	/* newest first */
		break;
	default:
		c = cmp_null(a->since, b->since);
		break;
	}
	if (l->desc)
		c = -c;
	if (c == 0)
		c = cmp_null(a->wemail, b->wemail);
	if (c == 0)
		c = a->kind - b->kind;
	if (c == 0)
		c = (a->id > b->id) - (a->id < b->id);
	return c;
}

/*
 * Runs the member and invitation statements of l's sort order (each up to
 * offset + limit + 1 rows, on their indexes; the invitations' only when
 * invitations says the account has any), merges them in the list's order
 * and adds rows offset to offset + limit to list; *more is set when there
 * were more.  Returns an rc.
 */
static int
add_rows(struct req *r, xmlNodePtr list, const struct ulist *l, long limit,
    long offset, int invitations, int *more)
{
	struct dbres	 mres, ires = { 0 };
	struct ukey	 mk = { 0 }, ik = { 0 };
	const struct tz	*z;
	long long	 want = (long long)offset + limit + 1;
	uint64_t	 acc = r->s->account_id;
	size_t		 mi = 0, ii = 0;
	long		 n = 0;
	int		 rc, d = l->desc ? 1 : 0, take_m;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	rc = db_exec(r->db, r->a, sort_stmts[l->sort].members[d], &mres,
	    NULL, NULL, "suuui", l->q, (uint64_t)l->status,
	    (uint64_t)l->role, acc, want);
	if (rc != RC_OK)
		return rc;
	if (invitations && (rc = db_exec(r->db, r->a,
	    sort_stmts[l->sort].invitations[d], &ires, NULL, NULL, "suuui",
	    l->q, (uint64_t)l->status, (uint64_t)l->role, acc, want)) != RC_OK)
		return rc;
	*more = 0;
	while (mi < mres.nrows || ii < ires.nrows) {
		if (n == offset + limit) {
			*more = 1;
			break;
		}
		if (mi < mres.nrows)
			member_key(&mres, mi, &mk);
		if (ii < ires.nrows)
			invitation_key(&ires, ii, &ik);
		take_m = ii >= ires.nrows ||
		    (mi < mres.nrows && ukey_cmp(l, &mk, &ik) < 0);
		if (n++ < offset) {
			/* a row of an earlier page */
		} else if (take_m)
			add_member(r, list, z, &mres, mi);
		else
			add_invitation(r, list, z, &ires, ii);
		if (take_m)
			mi++;
		else
			ii++;
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
	xml_attr(u, "sort", sorts[l->sort]);
	xml_attr(u, "order", l->desc ? "desc" : "asc");
	return u;
}

/* Members, open invitations and Admins of the account, on u; *any:
 * whether any invitation is pending, expired ones included.  Returns an
 * rc. */
static int
add_counts(struct req *r, xmlNodePtr u, int *any)
{
	struct dbres	 res;
	uint64_t	 acc = r->s->account_id;

	if (db_exec(r->db, r->a, STMT_USERS_COUNTS, &res, NULL, NULL, "uuuu",
	    acc, acc, acc, acc) != RC_OK || res.nrows != 1)
		return RC_DOWN;
	xml_attr(u, "members", db_cell(&res, 0, UC_MEMBERS));
	xml_attr(u, "pending", db_cell(&res, 0, UC_PENDING));
	xml_attr(u, "admins", db_cell(&res, 0, UC_ADMINS));
	*any = db_u64(&res, 0, UC_ANY_INVITATION) != 0;
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

/* The first child named name under the document's root, or NULL. */
static xmlNodePtr
root_child(struct req *r, const char *name)
{
	xmlNodePtr	 n;

	for (n = r->root->children; n != NULL; n = n->next)
		if (xmlStrcmp(n->name, (const xmlChar *)name) == 0)
			return n;
	return NULL;
}

/* The query fields the pager's links (and the rows' open button) repeat. */
static const char *const users_keep[] = {
	"q", "role", "status", "sort", "order", NULL
};

/*
 * Draws the list l into the open document of page "users" (refused: a
 * query field was refused, a 422), its <pager>, the counters and the
 * invite form unless the caller added one.  Returns RC_OK, or RC_ERROR
 * with r->status 503 when the database fails.
 */
static int
users_draw(struct req *r, const struct ulist *l, int refused)
{
	xmlNodePtr	 u;
	int		 more = 0, invitations = 0;

	if (refused && r->status < 400)
		r->status = 422;
	u = users_el(r, l, refused);
	if (add_counts(r, u, &invitations) != RC_OK ||
	    add_rows(r, u, l, USERS_PER_PAGE, (l->page - 1) * USERS_PER_PAGE,
	    invitations, &more) != RC_OK)
		return req_down(r);
	if (pager_el(r, r->root, "/settings/users", l->page, USERS_PER_PAGE,
	    more, -1, users_keep) == NULL)
		return RC_ERROR;
	if (root_child(r, "invite") == NULL)
		users_invite_form(r, NULL, NULL, NULL);
	return RC_OK;
}

/*
 * Draws the Users page into r after a change of another page was refused
 * or shown (a document of page "users" may already hold errors, an
 * <invite> and a <link>): the whole list, first page, the counters, the
 * invite form.  Returns RC_OK, or RC_ERROR with r->status set.
 */
int
users_render(struct req *r)
{
	struct ulist	 l;

	if (r->doc == NULL && xml_page(r, "users") == NULL)
		return RC_ERROR;
	ulist_default(&l);
	return users_draw(r, &l, 0);
}

/*
 * GET /settings/users (Admin, Creator): the list per the query string,
 * with the row named by "member" or "invitation" open (its panel of
 * actions; an id not on the page opens nothing); 422 naming the refused
 * query fields (the rest applies); 503 without a database.
 */
int
page_users(struct req *r)
{
	struct ulist	 l;
	const char	*v;
	int		 bad, rc;

	if (xml_page(r, "users") == NULL)
		return RC_ERROR;
	bad = ulist_parse(r, &l);
	if ((rc = users_draw(r, &l, bad > 0)) != RC_OK)
		return rc;
	if ((v = in_str(r, "member")) != NULL)
		xml_attr(root_child(r, "users"), "open-member", v);
	if ((v = in_str(r, "invitation")) != NULL)
		xml_attr(root_child(r, "users"), "open-invitation", v);
	return RC_OK;
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
		return RC_ERROR;
	if ((bad = ulist_parse(r, &l)) > 0)
		r->status = 422;
	l.page = 1;
	u = users_el(r, &l, bad > 0);
	if (add_rows(r, u, &l, MAX_CSV_ROWS, 0, 1, &more) != RC_OK)
		return req_down(r);
	xml_attr_yes(u, "next", more);	/* yes: the export was cut */
	if (r->status == 200 && !r->api)
		r->disposition = "attachment; filename=\"members.csv\"";
	return RC_OK;
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

/*
 * The answer to a change that could not be made: the Users page with
 * status and the reason (field NULL: the whole form).  Returns RC_OK, or
 * RC_ERROR with r->status set.
 */
static int
refuse(struct req *r, int status, const char *field, const char *msg)
{
	r->status = status;
	if (r->doc == NULL && xml_page(r, "users") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return users_render(r);
}

/*
 * POST /settings/users/role (Admin; fields user, role): 303 back with a
 * flash; 422 for a malformed user id, an unknown role or the last Admin's
 * demotion; 403 for a role above one's own; 404 when user is not a member
 * of this account; 503 without a database.  Nothing changes on refusal.
 * The rules and the audit line are member.c's.
 */
int
page_users_role_post(struct req *r)
{
	struct member		 m;
	enum member_outcome	 out;
	uint64_t		 user;
	enum role		 role;

	if (in_u64(r, "user", &user) != RC_OK)
		return refuse(r, 422, "user", in_error(r, "user"));
	if ((role = role_parse(in_str(r, "role"))) == ROLE_NONE)
		return refuse(r, 422, "role", in_error(r, "role"));
	if (member_set_role(r, user, role, &m, &out) != RC_OK)
		return req_down(r);
	switch (out) {
	case MEMBER_ABOVE:
		page_error(r, 403, "You cannot grant a role above your own.");
		return RC_OK;
	case MEMBER_NOT_FOUND:
		page_error(r, 404, "There is no such member in this account.");
		return RC_OK;
	case MEMBER_SAME:
		users_done(r, "ok", arena_printf(r->a, "%s is already %s: "
		    "nothing changed.", m.email, role_label(role)));
		return RC_OK;
	case MEMBER_LAST_ADMIN:
		return refuse(r, 422, NULL, arena_printf(r->a, "%s is the last "
		    "Admin of this account and keeps that role. Make someone "
		    "else Admin first.", m.email));
	default:
		users_done(r, "ok", arena_printf(r->a, "%s is now %s.", m.email,
		    role_label(role)));
		return RC_OK;
	}
}

/*
 * POST /settings/users/remove (Admin; field user): the membership ends
 * and with it every session of that person in this account, in one
 * transaction with the audit row (member.c).  303 back with a flash; 422
 * for a malformed id, for oneself or the last Admin; 404 when user is
 * not a member of this account; 503 without a database.
 */
int
page_users_remove_post(struct req *r)
{
	struct member		 m;
	enum member_outcome	 out;
	uint64_t		 user;

	if (in_u64(r, "user", &user) != RC_OK)
		return refuse(r, 422, "user", in_error(r, "user"));
	if (member_remove(r, user, &m, &out) != RC_OK)
		return req_down(r);
	switch (out) {
	case MEMBER_SELF:
		return refuse(r, 422, NULL, "You cannot remove yourself. Ask "
		    "another Admin to remove you from this account.");
	case MEMBER_NOT_FOUND:
		page_error(r, 404, "There is no such member in this account.");
		return RC_OK;
	case MEMBER_LAST_ADMIN:
		return refuse(r, 422, NULL, arena_printf(r->a, "%s is the last "
		    "Admin of this account and cannot be removed.", m.email));
	default:
		users_done(r, "ok", arena_printf(r->a, "%s was removed from %s; "
		    "their sessions in it have ended.", m.email,
		    r->s->account_name));
		return RC_OK;
	}
}
