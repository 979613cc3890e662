/*
 * /login/verify: the second step of signing in with 2-step verification.
 * After the password, page_login_post leaves a session at STAGE_VERIFY
 * (r->half, VERIFY_TTL seconds); a right code — TOTP, each step once, or
 * an unused recovery code — replaces it with a full session under a new
 * token.  Wrong codes are throttled like wrong passwords and, after
 * VERIFY_MAX_ATTEMPTS, the half-signed-in state ends.  A passkey of the
 * person serves as the second step too (/login/verify/passkey: the
 * challenge is bound to the half session).
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../passkey.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../twofa.h"
#include "../xml.h"

#define EXPIRED	"Your sign-in waited too long for its second step. Sign in again."

/*
 * Draws the form (signed-out layout) with status and an optional error
 * (field NULL: about the passkey), and which second steps the person has
 * (totp, passkey).  Returns RC_OK, or RC_ERROR with r->status set.
 */
static int
verify_render(struct req *r, int status, const char *field, const char *err,
    const char *next)
{
	struct dbres	 st, pk;
	xmlNodePtr	 n;

	if (twofa_state(r->db, r->a, r->half->user_id, &st) != RC_OK ||
	    db_exec(r->db, r->a, STMT_PASSKEY_ANY, &pk, NULL, NULL, "u",
	    r->half->user_id) != RC_OK)
		return req_down(r);
	session_pre(r);
	r->status = status;
	if (xml_page(r, "verify") == NULL)
		return RC_ERROR;
	if (err != NULL)
		xml_error(r, field, err);
	n = xml_el(r->root, "verify", NULL);
	xml_attr(n, "email", r->half->email);
	xml_attr(n, "next", next);
	xml_attr_yes(n, "totp", db_u64(&st, 0, TG_ENABLED) != 0);
	xml_attr_yes(n, "passkey", db_u64(&pk, 0, 0) != 0);
	return RC_OK;
}

/* 303 to the sign-in page with an error flash (the half state is gone). */
static int
start_over(struct req *r, const char *why)
{
	req_flash(r, "error", why);
	req_redirect(r, "/login");
	return RC_OK;
}

/* GET /login/verify (next): the code form; signed in already: on to next. */
int
page_login_verify(struct req *r)
{
	const char	*next = next_path(in_str(r, "next"));

	if (r->s != NULL) {
		req_redirect(r, next);
		return RC_OK;
	}
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	return verify_render(r, 200, NULL, NULL, next);
}

/*
 * Ends the half-signed-in state after a wrong code when it has had
 * VERIFY_MAX_ATTEMPTS (303 to /login); otherwise counts the attempt and
 * re-draws the form (422).
 */
static int
verify_wrong(struct req *r, const char *next, const char *field,
    const char *msg)
{
	const char	*email = r->half->email;

	(void)throttle_fail(r, email);
	(void)audit(r->db, r->half->account_id, r->half->user_id,
	    "login.verify.failed", email, r->ip);
	lockout_check(r, r->half->user_id, email);
	if (r->half->attempts + 1 >= VERIFY_MAX_ATTEMPTS) {
		(void)session_end(r);
		return start_over(r, "Too many wrong codes. Sign in again.");
	}
	(void)db_exec(r->db, r->a, STMT_SESSION_ATTEMPT, NULL, NULL, NULL, "u",
	    r->half->id);
	return verify_render(r, 422, field, msg, next);
}

/* The second step checked and made by verify_tx(). */
struct verify {
	const struct dbres	*st;	/* the 2-step state; NULL: a passkey */
	const char		*code;
	enum twofa_code		 used;	/* out */
};

/*
 * req_txn_fn: uses the code typed (none after a passkey: then run by
 * passkey_assert() in the transaction that records the passkey's use)
 * and, when it was right, replaces the half session by a full one,
 * audited ("login", "login.recovery-code", "login.passkey-step"), the
 * email's failures forgotten.  RC_ERROR (rolled back) with used
 * CODE_WRONG for a wrong code; another rc on a database error.
 */
static int
verify_tx(struct req *r, void *arg)
{
	struct verify	*v = arg;
	const char	*action = "login.passkey-step";
	int		 rc;

	v->used = CODE_TOTP;
	if (v->st != NULL) {
		if ((rc = twofa_check(r, r->half->user_id, v->st, v->code,
		    &v->used)) != RC_OK)
			return rc;
		if (v->used == CODE_WRONG)
			return RC_ERROR;
		action = v->used == CODE_RECOVERY ? "login.recovery-code" :
		    "login";
	}
	if ((rc = session_drop(r)) != RC_OK ||
	    (rc = session_create(r, r->half->user_id, r->half->account_id)) !=
	    RC_OK || (rc = audit(r->db, r->half->account_id, r->half->user_id,
	    action, r->half->email, r->ip)) != RC_OK)
		return rc;
	return throttle_clear(r, r->half->email);
}

/*
 * After a right code or passkey (the full session made by verify_tx()):
 * on to next.
 */
static int
verify_done(struct req *r, const char *next, int recovery)
{
	if (recovery)
		req_flash(r, "ok", "You signed in with a recovery code; it no "
		    "longer works. Make new codes on your Profile page when you "
		    "run low.");
	req_redirect(r, next);
	return RC_OK;
}

/*
 * POST /login/verify (code, next): 303 to next with a full session; 422
 * for a missing or wrong code; 429 while throttled; 303 to /login when
 * the half-signed-in state expired or had too many wrong codes; 503
 * without a database.
 */
int
page_login_verify_post(struct req *r)
{
	const char	*code = in_str(r, "code");
	const char	*next = next_path(in_str(r, "next"));
	struct dbres	 st;
	struct verify	 v;
	int		 wait, rc;

	if (r->s != NULL) {
		req_redirect(r, next);
		return RC_OK;
	}
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	if (code == NULL)
		return verify_render(r, 422, "code", in_error(r, "code"), next);
	if ((wait = throttle_wait(r, r->half->email)) < 0)
		return req_down(r);
	if (wait > 0)
		return verify_render(r, 429, NULL, throttle_refusal(r, wait,
		    "attempts"), next);
	if (twofa_state(r->db, r->a, r->half->user_id, &st) != RC_OK)
		return req_down(r);
	if (db_u64(&st, 0, TG_ENABLED) == 0) {	/* off since the password */
		(void)session_end(r);
		return start_over(r, "Sign in again.");
	}
	v.st = &st;
	v.code = code;
	rc = req_txn(r, verify_tx, &v);
	if (v.used == CODE_WRONG)
		return verify_wrong(r, next, "code", "That code is not right, or "
		    "it was used already. Enter the code your app shows now.");
	if (rc != RC_OK)
		return req_down(r);
	return verify_done(r, next, v.used == CODE_RECOVERY);
}

/*
 * POST /login/verify/passkey/options: 200 <passkey-options> allowing the
 * half-signed-in person's passkeys; 303 to /login when that state is
 * gone; 503.
 */
int
page_login_verify_passkey_options_post(struct req *r)
{
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	return passkey_options(r, WA_STEP, r->half->user_id, NULL, NULL);
}

/*
 * POST /login/verify/passkey (credential, client_data,
 * authenticator_data, signature, next): the second step by one of the
 * person's passkeys (user presence is enough after the password): 303 to
 * next with a full session; 422 when refused (counted like a wrong code);
 * 429 while throttled; 303 to /login when the half-signed-in state
 * expired or had too many wrong answers; 503.
 */
int
page_login_verify_passkey_post(struct req *r)
{
	const char		*next = next_path(in_str(r, "next"));
	struct passkey_hit	 hit;
	struct verify		 v = { NULL, NULL, CODE_TOTP };
	enum wa_rc		 wa;
	int			 wait;

	if (r->s != NULL) {
		req_redirect(r, next);
		return RC_OK;
	}
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	if ((wait = throttle_wait(r, r->half->email)) < 0)
		return req_down(r);
	if (wait > 0)
		return verify_render(r, 429, NULL, throttle_refusal(r, wait,
		    "attempts"), next);
	if (passkey_assert(r, WA_STEP, r->half->user_id, &hit, &wa, verify_tx,
	    &v) != RC_OK)
		return req_down(r);
	if (wa != WA_OK)
		return verify_wrong(r, next, NULL, arena_printf(r->a,
		    "That passkey did not confirm it is you: %s.", wa_reason(wa)));
	return verify_done(r, next, 0);
}
