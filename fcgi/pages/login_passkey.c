/*
 * /login/passkey: signing in with a passkey instead of the password.  The
 * sign-in page's script asks for options (a challenge bound to the
 * pre-session cookie, no credentials listed: the authenticator offers its
 * discoverable ones, or the browser's autofill on the email field does)
 * and posts navigator.credentials.get()'s answer.  User verification is
 * required, so the passkey is both steps of the sign-in.  Failures are
 * throttled per credential and per client address like wrong passwords
 * and get one answer, whatever went wrong (the audit log keeps why).
 */
#include <string.h>

#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../passkey.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../throttle.h"
#include "../webauthn.h"
#include "pages.h"

#define REFUSED	"That passkey did not sign you in. Try again, or sign in " \
	"with your email and password."

/*
 * POST /login/passkey/options: 200 <passkey-options> for
 * navigator.credentials.get() (a new challenge); 403 without the
 * pre-session cookie (the CSRF gate answers first); 503.
 */
int
page_login_passkey_options_post(struct req *r)
{
	return passkey_options(r, WA_SIGNIN, 0, NULL, NULL);
}

/* The throttle key of a passkey sign-in: its credential id as posted. */
static const char *
throttle_key(struct req *r)
{
	const char	*c = in_str(r, "credential");

	if (c == NULL || *c == '\0' || strlen(c) > (WA_MAX_CRED_ID + 2) / 3 * 4)
		return "passkey:none";
	return arena_printf(r->a, "passkey:%s", c);
}

/* A passkey sign-in being made by signin_tx(). */
struct signin {
	const struct passkey_hit *hit;	/* the passkey matched */
	const char		*key;	/* its throttle key */
	struct login		 l;	/* out */
};

/*
 * req_txn_fn, run by passkey_assert() after a passkey matched (in its
 * transaction): the credential's failures forgotten and the person signed
 * in (login_tx: both steps, audited login.passkey).  Sets s->l afresh on
 * every try.  Returns an rc.
 */
static int
signin_tx(struct req *r, void *arg)
{
	struct signin	*s = arg;
	int		 rc;

	memset(&s->l, 0, sizeof(s->l));
	s->l.user = s->hit->user;
	s->l.email = s->hit->email;
	s->l.how = "login.passkey";
	if ((rc = throttle_clear(r, s->key)) != RC_OK)
		return rc;
	return login_tx(r, &s->l);
}

/*
 * POST /login/passkey (credential, client_data, authenticator_data,
 * signature, next): 303 to next with a full session; 422 on the sign-in
 * page for anything refused (one answer, audited login.passkey.failed
 * with the reason) or for a login with no account any more; 429 while
 * throttled; 503.  Signed in already: on to next.
 */
int
page_login_passkey_post(struct req *r)
{
	const char		*next = next_path(in_str(r, "next"));
	struct passkey_hit	 hit;
	struct signin		 s = { &hit, throttle_key(r), { 0 } };
	enum wa_rc		 v;
	int			 wait;

	if (r->s != NULL) {
		req_redirect(r, next);
		return RC_OK;
	}
	if ((wait = throttle_wait(r, s.key)) < 0)
		return req_down(r);
	if (wait > 0)
		return login_render(r, 429, NULL, throttle_refusal(r, wait,
		    "attempts"), "", next);
	if (passkey_assert(r, WA_SIGNIN, 0, &hit, &v, signin_tx, &s) != RC_OK)
		return req_down(r);
	if (v != WA_OK) {
		(void)throttle_fail(r, s.key);
		(void)audit(r->db, 0, hit.user, "login.passkey.failed",
		    wa_reason(v), r->ip);
		return login_render(r, 422, NULL, REFUSED, "", next);
	}
	return login_answer(r, &s.l, next);
}
