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

/* What an action on an invitation came to, besides a database error. */
enum inv_out {
	IV_DONE,		/* done, audited */
	IV_GONE,		/* not an open invitation of this account: 404 */
	IV_ABOVE,		/* it grants a role above one's own: 403 */
	IV_EXPIRED		/* expired (copy link): 422 */
};

/* The actions, in the order of inv_actions[] (a revocation is
 * invite_revoke's, which SCIM shares). */
enum inv_act { IA_RESEND, IA_LINK };

/* The audit action of each enum inv_act. */
static const char *const inv_actions[] = {
	"invite.resend", "invite.link",
};

/* An action on an invitation, run by inv_tx(). */
struct inv_change {
	enum inv_act	 act;
	struct inv	 v;			/* out (v.id in) */
	char		 tok[TOKEN_B64_LEN + 1];	/* out: its link's token */
	enum inv_out	 out;			/* out */
};

/*
 * Reads invitation v->id of this account into v (locked).  RC_OK, with
 * *found 0 when there is no such open invitation; or an rc.
 */
static int
inv_read(struct req *r, struct inv *v, int *found)
{
	struct dbres	 res;
	int		 rc;

	*found = 0;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_GET, &res, NULL, NULL,
	    "uu", v->id, r->s->account_id)) != RC_OK || res.nrows != 1)
		return rc;
	*found = 1;
	v->email = db_cell(&res, 0, IG_EMAIL);
	v->role = (enum role)db_u64(&res, 0, IG_ROLE);
	v->nonce = res.len[IG_NONCE] == TOKEN_BYTES ?
	    (const unsigned char *)db_cell(&res, 0, IG_NONCE) : NULL;
	v->message = db_cell(&res, 0, IG_MESSAGE);
	v->expired = db_u64(&res, 0, IG_EXPIRED) != 0;
	v->target = arena_printf(r->a, "%s as %s", v->email, role_name(v->role));
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

	if (invite_secret(nonce, tok, hash) == -1)
		return RC_ERROR;
	return db_exec(r->db, r->a, STMT_INVITATION_RENEW, NULL, NULL, NULL,
	    "bbuiuu", hash, sizeof(hash), nonce, sizeof(nonce), r->s->user_id,
	    (long long)INVITE_TTL, v->id, r->s->account_id);
}

/*
 * req_txn_fn: the action on the locked invitation, audited.  RC_OK with
 * out IV_DONE when done; RC_ERROR (rolled back) with out saying why
 * when refused; another rc on a database error.
 */
static int
inv_tx(struct req *r, void *arg)
{
	struct inv_change	*c = arg;
	int			 rc, found;

	c->out = IV_GONE;
	if ((rc = inv_read(r, &c->v, &found)) != RC_OK)
		return rc;
	if (!found)
		return RC_ERROR;
	c->out = IV_ABOVE;
	if (!role_may_grant(r->s->role, c->v.role))
		return RC_ERROR;
	c->out = IV_EXPIRED;
	if (c->act == IA_LINK && c->v.expired)
		return RC_ERROR;
	c->out = IV_DONE;
	if (c->act == IA_LINK && c->v.nonce != NULL)
		invite_token(c->v.nonce, c->tok);
	else
		rc = inv_renew(r, &c->v, c->tok);
	if (rc != RC_OK)
		return rc;
	return audit_req(r, inv_actions[c->act], c->v.target);
}

/*
 * Runs action c->act on the invitation named by the field "invitation"
 * in one transaction (req_txn).  RC_OK with *answered 0 when done; RC_OK
 * with *answered set when the request was answered (422 malformed, 404
 * not an open invitation of this account, 403 a role above one's own;
 * RC_ERROR instead when that answer could not be drawn); IV_EXPIRED is
 * left to the caller; another rc on a database error.
 */
static int
inv_run(struct req *r, struct inv_change *c, int *answered)
{
	int	 rc;

	*answered = 1;
	if (in_u64(r, "invitation", &c->v.id) != RC_OK)
		return inv_refuse(r, 422, in_error(r, "invitation"));
	rc = req_txn(r, inv_tx, c);
	if (c->out == IV_GONE)
		return inv_refuse(r, 404, "There is no such open invitation in "
		    "this account.");
	if (c->out == IV_ABOVE)
		return inv_refuse(r, 403, "This invitation grants a role above "
		    "your own.");
	*answered = 0;
	return c->out == IV_DONE ? rc : RC_OK;
}

/*
 * POST /settings/users/invitations/resend (Admin, Creator for roles up to
 * their own; field invitation): a new link and 7 more days, mailed after
 * the commit; the old link dies.  303 back with a flash; 422/404/403 as
 * inv_run(); 503.
 */
int
page_invitation_resend_post(struct req *r)
{
	struct inv_change	 c = { .act = IA_RESEND };
	int			 rc, answered, mailed;

	if ((rc = inv_run(r, &c, &answered)) != RC_OK || answered) {
		sodium_memzero(c.tok, sizeof(c.tok));
		return answered ? rc : req_down(r);
	}
	mailed = invite_mail(r, c.v.email, c.v.role, c.v.message, c.tok) == 0;
	sodium_memzero(c.tok, sizeof(c.tok));
	users_done(r, mailed ? "ok" : "error", mailed ? arena_printf(r->a,
	    "Invitation sent again to %s; the earlier link no longer works.",
	    c.v.email) : arena_printf(r->a, "A new link for %s is ready, but "
	    "the mail could not be sent: use Copy link.", c.v.email));
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
 * invitation (resend it) or a malformed id; 404/403 as inv_run(); 503.
 */
int
page_invitation_link_post(struct req *r)
{
	struct inv_change	 c = { .act = IA_LINK };
	xmlNodePtr		 n;
	int			 rc, answered;

	if ((rc = inv_run(r, &c, &answered)) != RC_OK || answered) {
		sodium_memzero(c.tok, sizeof(c.tok));
		return answered ? rc : req_down(r);
	}
	if (c.out == IV_EXPIRED) {
		r->status = 422;
		if (xml_page(r, "users") == NULL)
			return RC_ERROR;
		xml_error(r, NULL, arena_printf(r->a, "The invitation of %s has "
		    "expired: resend it to make a new link.", c.v.email));
		return users_render(r);
	}
	if (xml_page(r, "users") == NULL) {
		sodium_memzero(c.tok, sizeof(c.tok));
		return RC_ERROR;
	}
	n = xml_el(r->root, "link", NULL);
	xml_attr_i(n, "invitation", (long long)c.v.id);
	xml_attr(n, "email", c.v.email);
	xml_attr(n, "href", invite_link(r, c.tok));
	sodium_memzero(c.tok, sizeof(c.tok));
	return users_render(r);
}
