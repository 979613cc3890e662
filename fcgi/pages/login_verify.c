/*
 * /login/verify: the second step of signing in with 2-step verification.
 * After the password, page_login_post leaves a session at STAGE_VERIFY
 * (r->half, VERIFY_TTL seconds); a right code — TOTP, each step once, or
 * an unused recovery code — replaces it with a full session under a new
 * token.  Wrong codes are throttled like wrong passwords and, after
 * VERIFY_MAX_ATTEMPTS, the half-signed-in state ends.
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../twofa.h"
#include "../xml.h"

#define EXPIRED	"Your sign-in waited too long for its second step. Sign in again."

/* Draws the form (signed-out layout) with status and an optional error. */
static int
verify_render(struct req *r, int status, const char *err, const char *next)
{
	xmlNodePtr	 n;

	session_pre(r);
	r->status = status;
	if (xml_page(r, "verify") == NULL)
		return -1;
	if (err != NULL)
		xml_error(r, status == 422 ? "code" : NULL, err);
	n = xml_el(r->root, "verify", NULL);
	xml_attr(n, "email", r->half->email);
	xml_attr(n, "next", next);
	return 0;
}

/* 303 to the sign-in page with an error flash (the half state is gone). */
static int
start_over(struct req *r, const char *why)
{
	req_flash(r, "error", why);
	req_redirect(r, "/login");
	return 0;
}

/* GET /login/verify: the code form; signed in already: on to next. */
int
page_verify(struct req *r)
{
	const char	*next = next_path(kv_get(&r->query, "next"));

	if (r->s != NULL) {
		req_redirect(r, next);
		return 0;
	}
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	return verify_render(r, 200, NULL, next);
}

/*
 * Ends the half-signed-in state after a wrong code when it has had
 * VERIFY_MAX_ATTEMPTS (303 to /login); otherwise counts the attempt and
 * re-draws the form (422).
 */
static int
verify_wrong(struct req *r, const char *next)
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
	return verify_render(r, 422, "That code is not right, or it was used "
	    "already. Enter the code your app shows now.", next);
}

/*
 * POST /login/verify (code, next): 303 to next with a full session; 422
 * for a missing or wrong code; 429 while throttled; 303 to /login when
 * the half-signed-in state expired or had too many wrong codes; 503
 * without a database.
 */
int
page_verify_post(struct req *r)
{
	const char	*code = kv_get(&r->form, "code");
	const char	*next = next_path(kv_get(&r->form, "next"));
	struct dbres	 st;
	int		 wait, ok, recovery;

	if (r->s != NULL) {
		req_redirect(r, next);
		return 0;
	}
	if (r->half == NULL)
		return start_over(r, EXPIRED);
	if (code == NULL || *code == '\0')
		return verify_render(r, 422, "Enter the 6-digit code from your "
		    "authenticator app, or a recovery code.", next);
	if ((wait = throttle_wait(r, r->half->email)) < 0)
		goto down;
	if (wait > 0) {
		r->retry_after = wait;
		return verify_render(r, 429, arena_printf(r->a, "Too many "
		    "attempts. Try again in %d seconds.", wait), next);
	}
	if (db_exec(r->db, r->a, STMT_TOTP_GET, &st, NULL, NULL, "u",
	    r->half->user_id) != RC_OK || st.nrows != 1)
		goto down;
	if (db_u64(&st, 0, 0) == 0) {	/* turned off since the password */
		(void)session_end(r);
		return start_over(r, "Sign in again.");
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if ((ok = twofa_check(r, r->half->user_id, &st, code, &recovery)) != 1) {
		db_rollback(r->db);
		if (ok == -1)
			goto down;
		return verify_wrong(r, next);
	}
	if (session_drop(r) != RC_OK ||
	    session_create(r, r->half->user_id, r->half->account_id) != RC_OK ||
	    audit(r->db, r->half->account_id, r->half->user_id, recovery ?
	    "login.recovery-code" : "login", r->half->email, r->ip) != RC_OK ||
	    throttle_clear(r, r->half->email) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		r->ncookies_out = 0;
		goto down;
	}
	if (recovery)
		req_flash(r, "ok", "You signed in with a recovery code; it no "
		    "longer works. Make new codes on your Profile page when you "
		    "run low.");
	req_redirect(r, next);
	return 0;
down:
	r->status = 503;
	return -1;
}
