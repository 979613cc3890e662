/*
 * /settings/password: the change form (current, new, confirm).  The new
 * password passes password_policy(); a change rotates this session's
 * token, ends every other session and mails a notice.
 */
#include <string.h>

#include "../audit.h"
#include "../db.h"
#include "../hash.h"
#include "../input.h"
#include "../limits.h"
#include "../passwd.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../xml.h"
#include "pages.h"

/* <password-rules>: what a form says about a new password. */
void
password_rules(struct req *r)
{
	xmlNodePtr	 n = xml_el(r->root, "password-rules", NULL);

	xml_attr_i(n, "min", MIN_PASSWORD_CHARS);
	xml_attr_i(n, "max", MAX_PASSWORD_CHARS);
}

/* GET /settings/password: the change form. */
int
page_password(struct req *r)
{
	if (xml_page(r, "password") == NULL)
		return RC_ERROR;
	password_rules(r);
	return RC_OK;
}

/*
 * Re-draws the change form with one error (status 422 or 429).  Returns
 * RC_OK, or RC_ERROR on exhaustion.
 */
static int
change_refuse(struct req *r, int status, const char *field, const char *msg)
{
	r->status = status;
	if (xml_page(r, "password") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	password_rules(r);
	return RC_OK;
}

/* req_txn_fn: change_store()'s transaction (arg: the new hash). */
static int
change_tx(struct req *r, void *arg)
{
	const char	*enc = arg;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_USER_SET_HASH, NULL, NULL, NULL,
	    "su", enc, r->s->user_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL, NULL,
	    "uu", r->s->user_id, r->s->id)) != RC_OK ||
	    (rc = session_drop(r)) != RC_OK ||
	    (rc = session_create(r, r->s->user_id, r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, "password.change", "");
}

/*
 * Stores the new hash enc of the signed-in user in one transaction: every
 * other session ended, this one under a new token, audited.  Returns an
 * rc; on failure nothing is kept, the new cookie included.
 */
static int
change_store(struct req *r, const char *enc)
{
	return req_txn(r, change_tx, (void *)enc);
}

/*
 * POST /settings/password (password, new_password, confirm): 303 back
 * with a flash; the session gets a new token and every other session
 * ends.  422 for a refused new password, a confirmation that differs or
 * a wrong current password (counted like a failed sign-in), 429 while
 * throttled, 503 without a database or hashing slot.
 */
int
page_password_post(struct req *r)
{
	const char	*pw = in_str(r, "new_password"), *why, *field;
	char		 enc[256];

	if ((why = new_password_problem(r, r->s->email, &field)) != NULL)
		return change_refuse(r, 422, field, why);
	if (current_password(r, &why) != RC_OK)
		return why == NULL ? RC_ERROR : change_refuse(r, r->retry_after ?
		    429 : 422, "password", why);
	if (password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK ||
	    change_store(r, enc) != RC_OK)
		return req_down(r);
	password_notice(r, r->s->email, r->s->user_name, "changed");
	req_flash(r, "ok", "Your password was changed. Your other sessions "
	    "were signed out.");
	req_redirect(r, "/settings/password");
	return RC_OK;
}
