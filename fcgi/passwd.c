/*
 * A login's password: the check of one typed at sign-in (and of the
 * current one that some forms ask for again, throttled and counted like a
 * sign-in), the check of a new one and its confirmation (the change form
 * and the reset link), and the notice mailed after a change.
 */
#include <string.h>

#include "passwd.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "hash.h"
#include "input.h"
#include "mail.h"
#include "rc.h"
#include "request.h"
#include "throttle.h"
#include "valid.h"

/* Columns of STMT_USER_PASSWORD. */
enum { UPW_HASH };

/*
 * Checks pw against the encoded hash.  A password the sign-in form would
 * not take (VALID_LOGIN_PASSWORD) never matches.  Returns PW_OK,
 * PW_MISMATCH, or PW_BUSY when no hashing slot is free.
 */
enum pw_result
passwd_verify(const char *encoded, const char *pw)
{
	if (!valid_check(VALID_LOGIN_PASSWORD, pw, strlen(pw)))
		return PW_MISMATCH;
	return password_verify(encoded, pw, strlen(pw));
}

/*
 * Checks the route's field "password" against the signed-in user's
 * password, throttled and counted like a sign-in.  Returns RC_OK when it
 * matches; otherwise RC_ERROR with the sentence to show in *why (the
 * field's own when it is empty; r->retry_after set while throttled), or
 * with *why NULL and r->status 503 when the database or the hashing
 * slots fail.
 */
int
current_password(struct req *r, const char **why)
{
	const char	*pw = in_str(r, "password");
	struct dbres	 res;
	enum pw_result	 pr;
	int		 wait;

	if ((*why = in_error(r, "password")) != NULL || pw == NULL)
		return RC_ERROR;
	if ((wait = throttle_wait(r, r->s->email)) < 0)
		return req_down(r);
	if (wait > 0) {
		*why = throttle_refusal(r, wait, "attempts");
		return RC_ERROR;
	}
	if (db_exec(r->db, r->a, STMT_USER_PASSWORD, &res, NULL, NULL, "u",
	    r->s->user_id) != RC_OK || res.nrows != 1)
		return req_down(r);
	if ((pr = passwd_verify(db_cell(&res, 0, UPW_HASH), pw)) == PW_OK)
		return RC_OK;
	if (pr == PW_BUSY)
		return req_down(r);
	(void)throttle_fail(r, r->s->email);
	(void)audit_req(r, "password.wrong", "");
	lockout_check(r, r->s->user_id, r->s->email);
	*why = "The password is not correct.";
	return RC_ERROR;
}

/*
 * The sentence against the route's fields "new_password" and "confirm"
 * for the login of email (NULL when both are fine), with the field it
 * belongs to in *field.
 */
const char *
new_password_problem(struct req *r, const char *email, const char **field)
{
	const char	*pw = in_str(r, "new_password");
	const char	*confirm = in_str(r, "confirm");
	const char	*why;

	*field = "new_password";
	if (pw == NULL)
		return in_error(r, "new_password");
	if ((why = password_policy(pw, strlen(pw), email)) != NULL)
		return why;
	*field = "confirm";
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return "The two new passwords are not the same.";
	return NULL;
}

/* The notice that the password of email was changed ("how" it was). */
void
password_notice(struct req *r, const char *email, const char *name,
    const char *how)
{
	mail_notice(email, name, "Your Steward password was changed",
	    arena_printf(r->a,
	    "Hello,\n\n"
	    "The password of your Steward login %s was %s from the address "
	    "%s; your other sessions were signed out.\n\n"
	    "If this was not you, reset your password now:\n"
	    "%s/password/forgot\n"
	    "and tell an Admin of your organization.\n",
	    email, how, r->ip, req_client_origin(r)));
}
