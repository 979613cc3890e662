/*
 * SCIM Users (/scim/v2/Users): the members of the token's account (id:
 * the login's id) and its pending invitations (id "i" + the
 * invitation's id; once accepted, that id shows the member it became).
 *
 * What an identity provider does changes the rows the Users page
 * changes, through the same engines and rules: a create is an invitation
 * (invite.c: the organization's invite domains, the mail, invite.send),
 * or a membership when the login already belongs to this organization
 * (member.add); active false or DELETE removes the member (member.c:
 * never oneself, never the last Admin, sessions ended, member.remove) or
 * revokes the invitation (invite.revoke).  A name change renames the
 * login (member.rename), unless it also belongs to another organization.
 * Roles are the Groups (scim_groups.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>


#include "scim_serve.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "invite.h"
#include "member.h"
#include "rc.h"
#include "scim_doc.h"
#include "scim_filter.h"
#include "text.h"
#include "valid.h"

/* Columns of STMT_SCIM_MEMBERS and STMT_SCIM_MEMBER. */
enum { SM_ID, SM_EMAIL, SM_NAME, SM_ROLE, SM_SINCE };

/* Columns of STMT_SCIM_INVITES (and the first four of STMT_SCIM_INVITE). */
enum { SI_ID, SI_EMAIL, SI_ROLE, SI_SENT, SI_ACCEPTED, SI_REVOKED };

/* Columns of STMT_SCIM_LOGIN. */
enum { SL_ID, SL_SAME_ORG };

/* Columns of STMT_MEMBER_OTHER_ORGS. */
enum { MO_COUNT };

/* What a User id names. */
enum target_kind { T_NONE, T_MEMBER, T_INVITATION };

struct target {
	enum target_kind kind;
	uint64_t	 id;		/* the user's or the invitation's */
	json_t		*doc;		/* as shown (freed with the arena) */
};

/* Keeps doc until the arena resets; returns it (NULL stays NULL). */
static json_t *
keep(struct scim_req *q, json_t *doc)
{
	if (doc != NULL && arena_cleanup(q->r->a, (void (*)(void *))json_decref,
	    doc) == -1) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* The User of member row i of res (STMT_SCIM_MEMBERS). */
static json_t *
member_doc(struct scim_req *q, const struct dbres *res, size_t i)
{
	struct scim_user u = {
		db_cell(res, i, SM_ID), db_cell(res, i, SM_EMAIL),
		db_cell(res, i, SM_NAME), (enum role)db_u64(res, i, SM_ROLE),
		0, db_cell(res, i, SM_SINCE), db_cell(res, i, SM_SINCE),
	};

	return scim_user_json(q->base, &u);
}

/* The User of invitation row i of res (STMT_SCIM_INVITES). */
static json_t *
invite_doc(struct scim_req *q, const struct dbres *res, size_t i)
{
	struct scim_user u = {
		arena_printf(q->r->a, "i%s", db_cell(res, i, SI_ID)),
		db_cell(res, i, SI_EMAIL), "",
		(enum role)db_u64(res, i, SI_ROLE), 1,
		db_cell(res, i, SI_SENT), db_cell(res, i, SI_SENT),
	};

	return u.id != NULL ? scim_user_json(q->base, &u) : NULL;
}

/* Members (which 1) or pending invitations (0) of the account with email
 * ("" for all), up to limit, into res.  Returns an rc. */
static int
rows_of(struct scim_req *q, int members, const char *email, long long limit,
    struct dbres *res)
{
	return db_exec(q->r->db, q->r->a, members ? STMT_SCIM_MEMBERS :
	    STMT_SCIM_INVITES, res, NULL, NULL, "ussi", q->r->s->account_id,
	    email, email, limit);
}

/* The member user of the account into t (kind T_NONE when not one). */
static int
load_member(struct scim_req *q, uint64_t user, struct target *t)
{
	struct dbres	 res;
	int		 rc;

	t->kind = T_NONE;
	if ((rc = db_exec(q->r->db, q->r->a, STMT_SCIM_MEMBER, &res, NULL, NULL,
	    "uu", q->r->s->account_id, user)) != RC_OK || res.nrows != 1)
		return rc;
	t->kind = T_MEMBER;
	t->id = user;
	t->doc = keep(q, member_doc(q, &res, 0));
	return t->doc != NULL ? RC_OK : RC_ERROR;
}

/*
 * The invitation inv into t: pending (T_INVITATION), accepted (the
 * member it became, if still one), revoked (T_NONE).  Returns an rc.
 */
static int
load_invitation(struct scim_req *q, uint64_t inv, struct target *t)
{
	struct dbres	 res, m;
	int		 rc;

	t->kind = T_NONE;
	if ((rc = db_exec(q->r->db, q->r->a, STMT_SCIM_INVITE, &res, NULL, NULL,
	    "uu", q->r->s->account_id, inv)) != RC_OK || res.nrows != 1 ||
	    db_u64(&res, 0, SI_REVOKED) != 0)
		return rc;
	if (db_u64(&res, 0, SI_ACCEPTED) != 0) {
		if ((rc = rows_of(q, 1, db_cell(&res, 0, SI_EMAIL), 1, &m)) !=
		    RC_OK || m.nrows != 1)
			return rc;
		return load_member(q, db_u64(&m, 0, SM_ID), t);
	}
	t->kind = T_INVITATION;
	t->id = inv;
	t->doc = keep(q, invite_doc(q, &res, 0));
	return t->doc != NULL ? RC_OK : RC_ERROR;
}

/* What the User id names, into t.  Returns an rc. */
static int
load_target(struct scim_req *q, const char *id, struct target *t)
{
	uint64_t	 n;

	t->kind = T_NONE;
	if (id == NULL)
		return RC_OK;
	if (id[0] == 'i' && arg_id(id + 1, &n) == RC_OK)
		return load_invitation(q, n, t);
	if (arg_id(id, &n) == RC_OK)
		return load_member(q, n, t);
	return RC_OK;
}

/* Loads the path's User into t; 1 when it answered (404, 503). */
static int
target_or_answer(struct scim_req *q, struct target *t)
{
	if (load_target(q, q->id, t) != RC_OK)
		return scim_down(q), 1;
	if (t->kind == T_NONE)
		return scim_refuse(q, 404, NULL, "There is no such User in "
		    "this account."), 1;
	return 0;
}

/* ------------------------------------------------------------ reads */

/* GET /Users/{id}: 200 the User; 404; 503. */
int
scim_user_get(struct scim_req *q)
{
	struct target	 t;

	if (target_or_answer(q, &t))
		return 0;
	return scim_answer(q, 200, json_incref(t.doc));
}

/* The page state of a list: the filter, the window, what it holds. */
struct listing {
	const struct scim_filter *f;	/* NULL: every User */
	struct scim_page	 page;
	size_t			 total;
	json_t			*items;
};

/* Counts doc (stolen) when it matches, and keeps it when in the page. */
static void
listing_add(struct listing *l, json_t *doc)
{
	if (doc != NULL && (l->f == NULL || scim_filter_match(l->f, doc))) {
		l->total++;
		if (l->total >= (size_t)l->page.start && json_array_size(
		    l->items) < (size_t)l->page.count) {
			json_array_append_new(l->items, doc);
			return;
		}
	}
	json_decref(doc);
}

/* Adds the rows of res (members when members) to the listing. */
static void
listing_rows(struct scim_req *q, struct listing *l, const struct dbres *res,
    int members)
{
	size_t	 i;

	for (i = 0; i < res->nrows; i++) {
		/* without a filter, only the page's rows are drawn */
		if (l->f == NULL && (l->total + 1 < (size_t)l->page.start ||
		    json_array_size(l->items) >= (size_t)l->page.count)) {
			l->total++;
			continue;
		}
		listing_add(l, members ? member_doc(q, res, i) :
		    invite_doc(q, res, i));
	}
}

/*
 * GET /Users?filter=&startIndex=&count=: the members (by id), then the
 * pending invitations, that match.  A filter userName eq "…" reads only
 * that address; any other reads at most SCIM_MAX_SCAN rows (400 tooMany
 * beyond).  400 invalidFilter, invalidValue (paging); 503.
 */
int
scim_users_list(struct scim_req *q)
{
	struct req		*r = q->r;
	struct scim_filter	*f = NULL;
	struct listing		 l;
	struct dbres		 mres, ires;
	const char		*fs = kv_get(&r->query, "filter"), *why;
	const char		*email = "";

	memset(&l, 0, sizeof(l));
	if (scim_page_parse(kv_get(&r->query, "startIndex"),
	    kv_get(&r->query, "count"), &l.page, &why) == -1)
		return scim_refuse(q, 400, "invalidValue", why);
	if (fs != NULL) {
		if ((f = arena_alloc(r->a, sizeof(*f))) == NULL)
			return scim_refuse(q, 500, NULL, "Out of memory.");
		if (scim_filter_parse(f, fs, strlen(fs)) == -1)
			return scim_refuse(q, 400, "invalidFilter", f->err);
		if (!scim_filter_user_name_eq(f, &email))
			email = "";
		l.f = f;
	}
	if (rows_of(q, 1, email, SCIM_MAX_SCAN + 1, &mres) != RC_OK ||
	    rows_of(q, 0, email, SCIM_MAX_SCAN + 1, &ires) != RC_OK)
		return scim_down(q);
	if (f != NULL && mres.nrows + ires.nrows > SCIM_MAX_SCAN)
		return scim_refuse(q, 400, "tooMany", "The account has too many "
		    "users to filter this way: filter by userName eq.");
	if ((l.items = json_array()) == NULL)
		return scim_refuse(q, 500, NULL, "Out of memory.");
	listing_rows(q, &l, &mres, 1);
	listing_rows(q, &l, &ires, 0);
	return scim_answer(q, 200, scim_list_json(l.total, &l.page, l.items));
}

/* ---------------------------------------------------------- create */

/* The role a new User gets: Member (roles are the Groups). */
#define NEW_USER_ROLE	ROLE_MEMBER

/*
 * Checks the POST body's userName (a valid address, the same as a
 * primary email) and active into *email.  Returns 0, or 1 when it
 * answered (400).
 */
static int
create_input(struct scim_req *q, const char **email)
{
	const json_t	*un = scim_attr_get(q->body, "userName"), *act;
	const json_t	*em, *e;
	size_t		 i;

	if (!json_is_string(un) || (*email = email_normalise(q->r->a,
	    json_string_value(un))) == NULL || !valid_check(VALID_EMAIL,
	    *email, strlen(*email)))
		return scim_refuse(q, 400, "invalidValue", "userName must be "
		    "the person's email address."), 1;
	em = scim_attr_get(q->body, "emails");
	json_array_foreach(em, i, e) {
		const json_t *v = scim_attr_get(e, "value");

		if (json_is_true(scim_attr_get(e, "primary")) &&
		    json_is_string(v) && strcasecmp(json_string_value(v),
		    *email) != 0)
			return scim_refuse(q, 400, "invalidValue", "The primary "
			    "email must be the userName."), 1;
	}
	act = scim_attr_get(q->body, "active");
	if (act != NULL && !json_is_true(act) && !(json_is_string(act) &&
	    strcasecmp(json_string_value(act), "true") == 0))
		return scim_refuse(q, 400, "invalidValue", "A User is created "
		    "active."), 1;
	return 0;
}

/* Adds login user (of this organization) to the account, audited
 * (member.add), in one req_txn.  Returns an rc. */
static int
add_member(struct scim_req *q, uint64_t user, const char *email)
{
	struct req	*r = q->r;

	return req_txn_exec(r, "member.add", arena_printf(r->a, "%s as %s",
	    email, role_name(NEW_USER_ROLE)), STMT_MEMBERSHIP_JOIN, "uui",
	    r->s->account_id, user, (long long)NEW_USER_ROLE);
}

/* An invitation made by invite_tx(). */
struct new_invite {
	const char	*email;
	char		 tok[TOKEN_B64_LEN + 1];	/* out: its link's token */
};

/* req_txn_fn: stores the invitation (invite.c, audited); each try draws
 * a new link.  Returns an rc. */
static int
invite_tx(struct req *r, void *arg)
{
	struct new_invite	*v = arg;

	return invite_store(r, v->email, NEW_USER_ROLE, "", v->tok);
}

/* Invites email (invite.c: stored, audited, mailed after the commit).
 * Returns an rc; a mail that fails leaves the invitation (logged). */
static int
add_invitation(struct scim_req *q, const char *email)
{
	struct req		*r = q->r;
	struct new_invite	 v = { email, "" };
	int			 rc;

	if ((rc = req_txn(r, invite_tx, &v)) == RC_OK)
		(void)invite_mail(r, email, NEW_USER_ROLE, "", v.tok);
	sodium_memzero(v.tok, sizeof(v.tok));
	return rc;
}

/*
 * POST /Users: 201 with the new User — a membership when the login
 * already belongs to this organization, else an invitation (role Member;
 * a role is given by adding the User to a Group).  400 invalidValue
 * (userName, email, active false); 403 an address outside the
 * organization's invite domains; 409 uniqueness (a member or a pending
 * invitation already); 503.
 */
int
scim_user_create(struct scim_req *q)
{
	struct req	*r = q->r;
	struct dbres	 res;
	struct target	 t;
	const char	*email, *domains;
	uint64_t	 login;
	int		 rc;

	if (create_input(q, &email))
		return 0;
	if (!role_may_grant(r->s->role, NEW_USER_ROLE))
		return scim_refuse(q, 403, NULL, "You cannot grant a role above "
		    "your own.");
	if (invite_domains(r, &domains) != RC_OK)
		return scim_down(q);
	if (!domains_allow_invite(domains, email))
		return scim_refuse(q, 403, NULL, arena_printf(r->a, "Your "
		    "organization allows invitations only to addresses at %s.",
		    domains));
	if (rows_of(q, 1, email, 1, &res) != RC_OK)
		return scim_down(q);
	if (res.nrows > 0)
		return scim_refuse(q, 409, "uniqueness", "This address belongs "
		    "to a member of this account already.");
	if (rows_of(q, 0, email, 1, &res) != RC_OK)
		return scim_down(q);
	if (res.nrows > 0)
		return scim_refuse(q, 409, "uniqueness", "This address has a "
		    "pending invitation already.");
	if (db_exec(r->db, r->a, STMT_SCIM_LOGIN, &res, NULL, NULL, "us",
	    r->s->account_id, email) != RC_OK)
		return scim_down(q);
	login = res.nrows == 1 && db_u64(&res, 0, SL_SAME_ORG) != 0 ?
	    db_u64(&res, 0, SL_ID) : 0;
	rc = login ? add_member(q, login, email) : add_invitation(q, email);
	if (rc != RC_OK)
		return scim_down(q);
	t.kind = T_NONE;
	if (login)
		rc = load_member(q, login, &t);
	else if ((rc = rows_of(q, 0, email, 1, &res)) == RC_OK && res.nrows == 1)
		rc = load_invitation(q, db_u64(&res, 0, SI_ID), &t);
	if (rc != RC_OK || t.kind == T_NONE)
		return scim_down(q);
	return scim_answer(q, 201, json_incref(t.doc));
}

/* ---------------------------------------------------------- changes */

/*
 * Renames member t (a login of this organization only), audited
 * (member.rename).  Returns 0, or 1 when it answered (403, 503).
 */
static int
rename_member(struct scim_req *q, const struct target *t, const char *name)
{
	struct req	*r = q->r;
	struct dbres	 res;
	const char	*email = json_string_value(scim_attr_get(t->doc,
	    "userName"));

	if (db_exec(r->db, r->a, STMT_MEMBER_OTHER_ORGS, &res, NULL, NULL,
	    "uu", t->id, r->s->account_id) != RC_OK)
		return scim_down(q), 1;
	if (db_u64(&res, 0, MO_COUNT) != 0)
		return scim_refuse(q, 403, NULL, "This login also belongs to "
		    "another organization: only its owner can change its "
		    "name."), 1;
	if (req_txn_exec(r, "member.rename", arena_printf(r->a, "%s: %s",
	    email, name), STMT_SCIM_SET_NAME, "su", name, t->id) != RC_OK)
		return scim_down(q), 1;
	return 0;
}

/* Answers the refusal of a removal (out), or nothing for MEMBER_DONE;
 * 1 when it answered. */
static int
removal_refused(struct scim_req *q, enum member_outcome out)
{
	switch (out) {
	case MEMBER_DONE:
		return 0;
	case MEMBER_SELF:
		return scim_refuse(q, 403, NULL, "The token's owner cannot "
		    "remove themselves; ask another Admin."), 1;
	case MEMBER_LAST_ADMIN:
		return scim_refuse(q, 400, "mutability", "This is the last "
		    "Admin of the account: make someone else Admin first."), 1;
	case MEMBER_ABOVE:
		return scim_refuse(q, 403, NULL, "This grants a role above "
		    "the token owner's."), 1;
	default:
		return scim_refuse(q, 404, NULL, "There is no such User in "
		    "this account."), 1;
	}
}

/* Removes t from the account (member) or revokes it (invitation).
 * Returns 0, or 1 when it answered (403, 400, 404, 503). */
static int
remove_target(struct scim_req *q, const struct target *t)
{
	struct member		 m;
	enum member_outcome	 out;
	enum invite_outcome	 iout;
	const char		*email;

	if (t->kind == T_INVITATION) {
		if (invite_revoke(q->r, t->id, &email, &iout) != RC_OK)
			return scim_down(q), 1;
		return removal_refused(q, iout == INVITE_DONE ? MEMBER_DONE :
		    iout == INVITE_ABOVE ? MEMBER_ABOVE : MEMBER_NOT_FOUND);
	}
	if (member_remove(q->r, t->id, &m, &out) != RC_OK)
		return scim_down(q), 1;
	return removal_refused(q, out);
}

/*
 * Applies c to t: the name (members; an invitation has none yet, so it
 * is ignored), then active false.  Answers 200 with the User as it is
 * now (active false when it left), or the refusal.  Returns 0.
 */
static int
apply_change(struct scim_req *q, struct target *t,
    const struct scim_user_change *c)
{
	json_t	*doc;

	if (c->name != NULL && t->kind == T_MEMBER && rename_member(q, t,
	    c->name))
		return 0;
	if (c->active == 0) {
		if (remove_target(q, t))
			return 0;
		doc = json_deep_copy(t->doc);
		if (doc != NULL)
			json_object_set_new(doc, "active", json_false());
		return scim_answer(q, 200, doc);
	}
	if (load_target(q, q->id, t) != RC_OK || t->kind == T_NONE)
		return scim_down(q);
	return scim_answer(q, 200, json_incref(t->doc));
}

/* PATCH /Users/{id} (RFC 7644 §3.5.2): 200 with the User; 400
 * (scim_patch.c, scim_change.c), 403, 404, 503. */
int
scim_user_patch(struct scim_req *q)
{
	struct scim_user_change	 c;
	struct scim_fail	 f;
	struct target		 t;
	json_t			*work;

	if (target_or_answer(q, &t))
		return 0;
	if ((work = keep(q, json_deep_copy(t.doc))) == NULL)
		return scim_refuse(q, 500, NULL, "Out of memory.");
	if (scim_patch_apply(work, q->body, &f) == -1 ||
	    scim_user_diff(t.doc, work, &c, &f) == -1)
		return scim_failed(q, &f);
	return apply_change(q, &t, &c);
}

/* PUT /Users/{id} (RFC 7644 §3.5.1): the body is the whole User; only
 * the name and active may differ.  200; 400, 403, 404, 503. */
int
scim_user_put(struct scim_req *q)
{
	struct scim_user_change	 c;
	struct scim_fail	 f;
	struct target		 t;

	if (target_or_answer(q, &t))
		return 0;
	if (scim_user_diff(t.doc, q->body, &c, &f) == -1)
		return scim_failed(q, &f);
	return apply_change(q, &t, &c);
}

/* DELETE /Users/{id}: 204; the member leaves the account (or the
 * invitation is revoked).  403, 400, 404, 503. */
int
scim_user_delete(struct scim_req *q)
{
	struct target	 t;

	if (target_or_answer(q, &t) || remove_target(q, &t))
		return 0;
	req_answer(q->r, 204, "application/scim+json", "", 0);
	return 0;
}
