/*
 * The open invitations of the Users page: resend (a new link, mailed; the
 * old link dies), revoke, and "copy link" (the mailed link again, for
 * onboarding where mail does not arrive).  Each action is audited in its
 * transaction; the links and the mail are invite.c's.
 */
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../invite.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_INVITATION_GET. */
enum { IG_EMAIL, IG_ROLE, IG_NONCE, IG_MESSAGE, IG_EXPIRED };

/* An open invitation of this account, locked. */
struct inv {
	uint64_t	 id;
	const char	*email, *message;
	const char	*target;	/* "email as role", for the audit log */
	enum role	 role;
	const unsigned char *nonce;	/* NULL: made before nonces existed */
	int		 expired;
};

/*
 * The answer when the invitation cannot be acted on: the Users page with
 * a 422 naming the field, or an error page.  Returns RC_OK, or RC_ERROR
 * with r->status set.
 */
static int
inv_refuse(struct req *r, int status, const char *why)
{
	if (status != 422) {
		page_error(r, status, why);
		return RC_OK;
	}
	r->status = 422;
	if (xml_page(r, "users") == NULL)
		return RC_ERROR;
	xml_error(r, "invitation", why);
	return users_render(r);
}

/*
 * Reads the invitation named by the field "invitation" into v, locked in
 * a new transaction.  Returns RC_OK with the transaction open; RC_OK with
 * *answered set (the request answered: 422 malformed, 404 not an open
 * invitation of this account, 403 a role above one's own; RC_ERROR
 * instead when that answer could not be drawn), the transaction closed;
 * or an rc on a database error, the transaction closed.
 */
static int
inv_get(struct req *r, struct inv *v, int *answered)
{
	struct dbres	 res;
	int		 rc;

	*answered = 1;
	if (in_u64(r, "invitation", &v->id) != RC_OK)
		return inv_refuse(r, 422, in_error(r, "invitation"));
	*answered = 0;
	if ((rc = db_begin(r->db)) != RC_OK)
		return rc;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_GET, &res, NULL, NULL,
	    "uu", v->id, r->s->account_id)) != RC_OK || res.nrows != 1) {
		db_rollback(r->db);
		if (rc != RC_OK)
			return rc;
		*answered = 1;
		return inv_refuse(r, 404, "There is no such open invitation in "
		    "this account.");
	}
	v->email = db_cell(&res, 0, IG_EMAIL);
	v->role = (enum role)db_u64(&res, 0, IG_ROLE);
	v->nonce = res.len[IG_NONCE] == TOKEN_BYTES ?
	    (const unsigned char *)db_cell(&res, 0, IG_NONCE) : NULL;
	v->message = db_cell(&res, 0, IG_MESSAGE);
	v->expired = db_u64(&res, 0, IG_EXPIRED) != 0;
	v->target = arena_printf(r->a, "%s as %s", v->email, role_name(v->role));
	if (!role_may_grant(r->s->role, v->role)) {
		db_rollback(r->db);
		*answered = 1;
		return inv_refuse(r, 403, "This invitation grants a role above "
		    "your own.");
	}
	return RC_OK;
}

/*
 * Gives invitation v a new link valid for INVITE_TTL inside the open
 * transaction; the new token is in tok.  Returns an rc.
 */
static int
inv_renew(struct req *r, const struct inv *v, char tok[TOKEN_B64_LEN + 1])
{
	unsigned char	 nonce[TOKEN_BYTES], hash[HASH_BYTES];

	invite_secret(nonce, tok, hash);
	return db_exec(r->db, r->a, STMT_INVITATION_RENEW, NULL, NULL, NULL,
	    "bbuiuu", hash, sizeof(hash), nonce, sizeof(nonce), r->s->user_id,
	    (long long)INVITE_TTL, v->id, r->s->account_id);
}

/*
 * POST /settings/users/invitations/resend (Admin, Creator for roles up to
 * their own; field invitation): a new link and 7 more days, mailed; the
 * old link dies.  303 back with a flash; 422/404/403 as inv_get(); 503.
 */
int
page_invitation_resend_post(struct req *r)
{
	struct inv	 v;
	char		 tok[TOKEN_B64_LEN + 1];
	int		 rc, answered, mailed;

	if ((rc = inv_get(r, &v, &answered)) != RC_OK || answered)
		return answered ? rc : req_down(r);
	if (inv_renew(r, &v, tok) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	if (audit_commit(r, "invite.resend", v.target) != RC_OK)
		return req_down(r);
	mailed = invite_mail(r, v.email, v.role, v.message, tok) == 0;
	sodium_memzero(tok, sizeof(tok));
	users_done(r, mailed ? "ok" : "error", mailed ? arena_printf(r->a,
	    "Invitation sent again to %s; the earlier link no longer works.",
	    v.email) : arena_printf(r->a, "A new link for %s is ready, but the "
	    "mail could not be sent: use Copy link.", v.email));
	return RC_OK;
}

/*
 * POST /settings/users/invitations/revoke (Admin; field invitation): the
 * link stops working (invite_revoke, which SCIM shares).  303 back with a
 * flash; 422 malformed id, 404 not an open invitation of this account,
 * 403 a role above one's own; 503.
 */
int
page_invitation_revoke_post(struct req *r)
{
	enum invite_outcome	 out;
	const char		*email = "";
	uint64_t		 id;

	if (in_u64(r, "invitation", &id) != RC_OK)
		return inv_refuse(r, 422, in_error(r, "invitation"));
	if (invite_revoke(r, id, &email, &out) != RC_OK)
		return req_down(r);
	if (out == INVITE_NOT_FOUND)
		return inv_refuse(r, 404, "There is no such open invitation in "
		    "this account.");
	if (out == INVITE_ABOVE)
		return inv_refuse(r, 403, "This invitation grants a role above "
		    "your own.");
	users_done(r, "ok", arena_printf(r->a, "The invitation of %s was "
	    "revoked; its link no longer works.", email));
	return RC_OK;
}

/*
 * POST /settings/users/invitations/link (Admin, Creator for roles up to
 * their own; field invitation): the Users page with the invitation's
 * link (200), for onboarding where mail does not arrive; audited.  An
 * invitation from before link nonces gets a new link.  422 for an expired
 * invitation (resend it) or a malformed id; 404/403 as inv_get(); 503.
 */
int
page_invitation_link_post(struct req *r)
{
	struct inv	 v;
	xmlNodePtr	 n;
	char		 tok[TOKEN_B64_LEN + 1];
	int		 rc, answered;

	if ((rc = inv_get(r, &v, &answered)) != RC_OK || answered)
		return answered ? rc : req_down(r);
	if (v.expired) {
		db_rollback(r->db);
		r->status = 422;
		if (xml_page(r, "users") == NULL)
			return RC_ERROR;
		xml_error(r, NULL, arena_printf(r->a, "The invitation of %s has "
		    "expired: resend it to make a new link.", v.email));
		return users_render(r);
	}
	if (v.nonce != NULL)
		invite_token(v.nonce, tok);
	else if (inv_renew(r, &v, tok) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	if (audit_commit(r, "invite.link", v.target) != RC_OK)
		return req_down(r);
	if (xml_page(r, "users") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "link", NULL);
	xml_attr_i(n, "invitation", (long long)v.id);
	xml_attr(n, "email", v.email);
	xml_attr(n, "href", invite_link(r, tok));
	sodium_memzero(tok, sizeof(tok));
	return users_render(r);
}
