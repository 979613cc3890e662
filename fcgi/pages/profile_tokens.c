/*
 * The API tokens card of /settings/profile (issue 16): the signed-in
 * person's tokens in this account — every member's for an Admin, with
 * their owners —, the creation form (name, expiry, scopes the role
 * allows), the new token shown once, revoke.  Tokens themselves never
 * reach these routes (R_NO_TOKEN).  Audited: token.create, token.revoke.
 */
#include <string.h>

#include <sodium.h>

#include "../api_token.h"
#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../tz.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_API_TOKENS_LIST. */
enum {
	TL_ID, TL_NAME, TL_PUBLIC, TL_SCOPES, TL_CREATED, TL_EXPIRES,
	TL_LAST_USED, TL_LAST_IP, TL_EXPIRED, TL_USER, TL_OWNER_NAME,
	TL_OWNER_EMAIL
};

/* Columns of STMT_API_TOKEN_ONE. */
enum { TO_NAME, TO_PUBLIC, TO_EMAIL };

/* Columns of STMT_API_TOKEN_LIVE. */
enum { LV_COUNT };

/* 1 when the signed-in person sees and revokes every token of the account. */
static int
sees_all(const struct req *r)
{
	return role_can(r->s->role, CAP_MANAGE_USERS);
}

/* <api-token> of row i of res (STMT_API_TOKENS_LIST) into list. */
static void
token_xml(struct req *r, xmlNodePtr list, const struct tz *tz,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "api-token", NULL);

	xml_attr(n, "id", db_cell(res, i, TL_ID));
	xml_attr(n, "name", db_cell(res, i, TL_NAME));
	xml_attr(n, "prefix", arena_printf(r->a, API_TOKEN_PREFIX "%s",
	    db_cell(res, i, TL_PUBLIC)));
	xml_attr(n, "scopes", api_scopes_text(r->a,
	    (unsigned)db_u64(res, i, TL_SCOPES)));
	xml_attr_time(n, "created", tz, db_cell(res, i, TL_CREATED));
	xml_attr_time(n, "expires", tz, db_cell(res, i, TL_EXPIRES));
	xml_attr_time(n, "last-used", tz, db_cell(res, i, TL_LAST_USED));
	if (db_cell(res, i, TL_LAST_USED) != NULL)
		xml_attr(n, "last-ip", db_cell(res, i, TL_LAST_IP));
	xml_attr_yes(n, "expired", db_u64(res, i, TL_EXPIRED) != 0);
	xml_attr_yes(n, "mine", db_u64(res, i, TL_USER) == r->s->user_id);
	xml_attr(n, "owner-name", db_cell(res, i, TL_OWNER_NAME));
	xml_attr(n, "owner-email", db_cell(res, i, TL_OWNER_EMAIL));
}

/*
 * <token-form>: the creation form — the scopes this role may give (those
 * posted ticked again after a 422), the expiries it may choose, and the
 * name and expiry posted.
 */
static void
form_xml(struct req *r, xmlNodePtr card, unsigned ticked, int refill)
{
	xmlNodePtr	 f = xml_el(card, "token-form", NULL), n;
	const char	*v;
	size_t		 i;
	int		 s;

	xml_attr(f, "name", refill && in_typed(r, "name") ? in_typed(r, "name") : "");
	xml_attr(f, "expires", refill && in_typed(r, "expires") ?
	    in_typed(r, "expires") : "90");
	for (s = 0; s < SCOPE__MAX; s++) {
		if (!api_scope_allowed(r->s->role, (enum api_scope)s))
			continue;
		n = xml_el(f, "scope", api_scope_label((enum api_scope)s));
		xml_attr(n, "name", api_scope_name((enum api_scope)s));
		xml_attr_yes(n, "checked", (ticked & SCOPE_BIT(s)) != 0);
	}
	for (i = 0; (v = api_token_expiry(i)) != NULL; i++) {
		if (!api_token_days_allowed(r->s->role, api_token_days(v)))
			continue;
		n = xml_el(f, "expiry", NULL);
		xml_attr(n, "value", v);
	}
}

/* The bit set of the "scope" fields posted (unknown names: *bad set). */
static unsigned
scopes_posted(const struct req *r, int *bad)
{
	unsigned	 set = 0;
	enum api_scope	 s;
	size_t		 i;

	*bad = 0;
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "scope") != 0)
			continue;
		if ((s = api_scope_parse(r->form.v[i].val)) == SCOPE_NONE)
			*bad = 1;
		else
			set |= SCOPE_BIT(s);
	}
	return set;
}

/*
 * <api-tokens all max more>: the card — the tokens (the person's, or the
 * account's for an Admin, newest first, at most API_TOKENS_PER_PAGE) and
 * the creation form (refilled when form is "token").  Returns an rc.
 */
int
profile_tokens_xml(struct req *r, const char *form)
{
	struct dbres	 res;
	xmlNodePtr	 card;
	struct tz	*tz = tz_or_utc(r->a, r->s->timezone);
	uint64_t	 only = sees_all(r) ? 0 : r->s->user_id;
	size_t		 i;
	int		 rc, refill = form != NULL && strcmp(form, "token") == 0, bad;

	if ((rc = db_exec(r->db, r->a, STMT_API_TOKENS_LIST, &res, NULL, NULL,
	    "uuuii", r->s->account_id, only, only,
	    (long long)API_TOKENS_PER_PAGE + 1, (long long)0)) != RC_OK)
		return rc;
	card = xml_el(r->root, "api-tokens", NULL);
	xml_attr_yes(card, "all", only == 0);
	xml_attr_i(card, "max", API_TOKENS_MAX);
	xml_attr_yes(card, "more", res.nrows > API_TOKENS_PER_PAGE);
	form_xml(r, card, refill ? scopes_posted(r, &bad) : SCOPE_BIT(SCOPE_READ),
	    refill);
	for (i = 0; i < res.nrows && i < API_TOKENS_PER_PAGE; i++)
		token_xml(r, card, tz, &res, i);
	return RC_OK;
}

/* Re-draws the profile with a 422 on the token form. */
static int
token_refuse(struct req *r, const char *field, const char *msg)
{
	struct profile_refill	 f = { "token", NULL, NULL, NULL };

	return profile_refuse(r, 422, &f, field, msg);
}

/*
 * Checks the creation form: *days and *set on success (NULL), else the
 * message of the first fault, *field naming its field.
 */
static const char *
token_form_check(struct req *r, int *days, unsigned *set, const char **field)
{
	const char	*why;
	enum api_scope	 s;
	int		 bad;

	if ((why = in_error(r, *field = "name")) != NULL ||
	    (why = in_error(r, *field = "expires")) != NULL)
		return why;
	*days = api_token_days(in_str(r, "expires"));
	if (!api_token_days_allowed(r->s->role, *days))
		return "Only Admins may create a token that never expires.";
	*field = "scope";
	*set = scopes_posted(r, &bad);
	if (bad)
		return "Choose scopes from the list.";
	if (*set == 0)
		return "Choose at least one scope.";
	if ((s = api_scope_beyond(r->s->role, *set)) != SCOPE_NONE)
		return arena_printf(r->a, "Your role does not allow the scope "
		    "%s.", api_scope_name(s));
	*field = NULL;
	return NULL;
}

/* A token made by create_tx(). */
struct create {
	const char	*name;
	unsigned	 set;
	int		 days;
	char		*tok;		/* out: API_TOKEN_LEN + 1 bytes */
	int		 full;		/* out: API_TOKENS_MAX live already */
};

/*
 * req_txn_fn: creates the signed-in person's token (a new secret at each
 * try) and audits it; RC_ERROR with full set at API_TOKENS_MAX live
 * tokens; another rc on a database error.
 */
static int
create_tx(struct req *r, void *arg)
{
	struct create	*c = arg;
	struct dbres	 res;
	int		 rc;

	c->full = 0;
	if ((rc = db_exec(r->db, r->a, STMT_API_TOKEN_LIVE, &res, NULL, NULL,
	    "uu", r->s->account_id, r->s->user_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	if (db_u64(&res, 0, LV_COUNT) >= API_TOKENS_MAX) {
		c->full = 1;
		return RC_ERROR;
	}
	if ((rc = api_token_create(r->db, r->a, r->s->account_id,
	    r->s->user_id, c->name, c->set, c->days, c->tok)) != RC_OK)
		return rc;
	return audit_req(r, "token.create", arena_printf(r->a, "%s (%.*s…) %s",
	    c->name, 4 + API_TOKEN_PUB_LEN, c->tok, api_scopes_text(r->a,
	    c->set)));
}

/*
 * POST /settings/profile/tokens (name, expires, scope repeated): 200 with
 * the profile page and <api-token-new token> — the only time the token
 * is shown —; 422 on the token form for an empty, over-long or
 * multi-line name, an unknown expiry, "never" from a non-Admin, no scope,
 * an unknown scope or one the role does not allow, or API_TOKENS_MAX
 * live tokens already; 503 without a database.  Audited (token.create).
 */
int
page_profile_tokens_post(struct req *r)
{
	char		 tok[API_TOKEN_LEN + 1];
	const char	*why, *field, *name = in_str(r, "name");
	struct create	 c = { name, 0, -1, tok, 0 };
	xmlNodePtr	 n;
	int		 rc;

	if ((why = token_form_check(r, &c.days, &c.set, &field)) != NULL)
		return token_refuse(r, field, why);
	rc = req_txn(r, create_tx, &c);
	if (c.full)
		return token_refuse(r, NULL, arena_printf(r->a, "You have %d "
		    "live tokens in this account: revoke one first.",
		    API_TOKENS_MAX));
	if (rc != RC_OK) {
		sodium_memzero(tok, sizeof(tok));
		return req_down(r);
	}
	if (profile_render(r, NULL) != RC_OK) {
		sodium_memzero(tok, sizeof(tok));
		return RC_ERROR;
	}
	n = xml_el(r->root, "api-token-new", tok);
	xml_attr(n, "name", name);
	xml_attr(n, "scopes", api_scopes_text(r->a, c.set));
	sodium_memzero(tok, sizeof(tok));
	return RC_OK;
}

/* A token revoked by revoke_tx(). */
struct revoke {
	uint64_t	 id, only;	/* the token; its owner, or 0: any */
	struct dbres	 res;		/* out: STMT_API_TOKEN_ONE's row */
	int		 missing;	/* out: no such live token */
};

/*
 * req_txn_fn: revokes the token and audits it, naming its owner;
 * RC_ERROR with missing set for a token not found; another rc on a
 * database error.
 */
static int
revoke_tx(struct req *r, void *arg)
{
	struct revoke	*v = arg;
	int		 rc;

	v->missing = 0;
	if ((rc = db_exec(r->db, r->a, STMT_API_TOKEN_ONE, &v->res, NULL, NULL,
	    "uuuu", v->id, r->s->account_id, v->only, v->only)) != RC_OK)
		return rc;
	if (v->res.nrows != 1) {
		v->missing = 1;
		return RC_ERROR;
	}
	if ((rc = db_exec(r->db, r->a, STMT_API_TOKEN_REVOKE, NULL, NULL, NULL,
	    "u", v->id)) != RC_OK)
		return rc;
	return audit_req(r, "token.revoke", arena_printf(r->a, "%s ("
	    API_TOKEN_PREFIX "%s…) of %s", db_cell(&v->res, 0, TO_NAME),
	    db_cell(&v->res, 0, TO_PUBLIC), db_cell(&v->res, 0, TO_EMAIL)));
}

/*
 * POST /settings/profile/tokens/revoke (token: its id): 303 back with a
 * flash; 404 for a token that is not one's own (for an Admin: not of this
 * account), already revoked, or unknown; 503 without a database.
 * Audited (token.revoke, naming the owner).
 */
int
page_profile_tokens_revoke_post(struct req *r)
{
	struct revoke	 v;
	int		 rc;

	memset(&v, 0, sizeof(v));
	v.only = sees_all(r) ? 0 : r->s->user_id;
	(void)in_u64(r, "token", &v.id);
	if (in_bad(r) > 0) {
		r->status = 404;
		return RC_ERROR;
	}
	rc = req_txn(r, revoke_tx, &v);
	if (v.missing) {
		r->status = 404;
		return RC_ERROR;
	}
	if (rc != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "The token %s was revoked.",
	    db_cell(&v.res, 0, TO_NAME)));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}
