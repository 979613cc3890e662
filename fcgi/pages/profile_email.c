/*
 * POST /settings/profile/email: asking to sign in with another email.
 * Asked for on the Profile page with the current password, the change
 * takes effect only when the link mailed to the new address is followed
 * (email_confirm.c).  The old address is told.  Whether the new address
 * is taken is only said to the holder of the link.
 */
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../log.h"
#include "../mail.h"
#include "../passwd.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../token.h"
#include "../xml.h"
#include "pages.h"

/*
 * The mail with the confirmation link, to the new address.  Returns
 * RC_OK, or RC_ERROR when it could not be sent.
 */
static int
link_mail(struct req *r, const char *to, const char *tok)
{
	xmlNodePtr	 m, n;
	char		 err[256];

	m = mail_doc("email-confirm", to, r->s->user_name,
	    "Confirm your new Steward sign-in email");
	n = xml_el(m, "change", NULL);
	xml_attr(n, "name", r->s->user_name);
	xml_attr(n, "from", r->s->email);
	xml_attr(n, "to", to);
	xml_attr(xml_el(m, "link", NULL), "href", arena_printf(r->a,
	    "%s/email/confirm?token=%s", req_client_origin(r), tok));
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("email-change mail to %s: %s", to, err);
		return RC_ERROR;
	}
	return RC_OK;
}

/* A change asked for, stored by change_tx(). */
struct change {
	const char		*email;
	const unsigned char	*hash;	/* of the link's token */
};

/*
 * req_txn_fn: the change to email (token hash, EMAIL_CHANGE_TTL; an
 * earlier pending one is replaced), audited.  Returns an rc.
 */
static int
change_tx(struct req *r, void *arg)
{
	struct change	*c = arg;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_EMAIL_CHANGE_CLEAR, NULL, NULL,
	    NULL, "u", r->s->user_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_EMAIL_CHANGE_NEW, NULL, NULL, NULL,
	    "ussbi", r->s->user_id, r->s->email, c->email, c->hash,
	    (size_t)HASH_BYTES, (long long)EMAIL_CHANGE_TTL)) != RC_OK)
		return rc;
	return audit_req(r, "email.change.request", c->email);
}

/*
 * Asks for the change to email: stored (req_txn), then the link mailed —
 * when the mail fails the pending change is cleared again, so nothing
 * changes (the audit row of the request stays); then the notice to the
 * old address, and 303 back.  503 when the database or the mail fails.
 */
static int
change_ask(struct req *r, const struct profile_refill *f, const char *email)
{
	char		 tok[TOKEN_B64_LEN + 1];
	unsigned char	 hash[HASH_BYTES];
	struct change	 c = { email, hash };
	int		 mailed;

	token_new_hashed(tok, hash);
	if (req_txn(r, change_tx, &c) != RC_OK) {
		sodium_memzero(tok, sizeof(tok));
		return req_down(r);
	}
	mailed = link_mail(r, email, tok) == RC_OK;
	sodium_memzero(tok, sizeof(tok));
	if (!mailed) {
		(void)db_exec(r->db, r->a, STMT_EMAIL_CHANGE_CLEAR, NULL, NULL,
		    NULL, "u", r->s->user_id);
		return profile_refuse(r, 503, f, NULL, "The confirmation mail could "
		    "not be sent, so nothing was changed. Try again later.");
	}
	mail_notice(r->s->email, r->s->user_name, "A change of your Steward email was "
	    "asked for", arena_printf(r->a,
	    "Hello,\n\n"
	    "Someone signed in as %s asked, from the address %s, to sign in "
	    "with %s instead. Nothing changes unless the link mailed to %s is "
	    "followed within 24 hours.\n\n"
	    "If this was not you, change your password now:\n%s/settings/password\n",
	    r->s->email, r->ip, email, email, req_client_origin(r)));
	req_flash(r, "ok", arena_printf(r->a, "We sent a link to %s. Your "
	    "email changes when you follow it.", email));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}

/*
 * POST /settings/profile/email (email, password): stores the change
 * (change_ask), mails the link to the new address and a notice to the
 * old one; 303 back.  422 for an empty, malformed or unchanged address or
 * a wrong password, 429 while throttled, 503 when the database or the
 * mail fails (nothing stored).
 */
int
page_profile_email_post(struct req *r)
{
	struct profile_refill	 f = { "email", NULL, NULL,
	    in_typed(r, "email") };
	const char		*email, *why;

	if ((why = in_error(r, "email")) != NULL)
		return profile_refuse(r, 422, &f, "email", why);
	if ((email = email_normalise(r->a, in_str(r, "email"))) == NULL)
		return RC_ERROR;
	if (strcmp(email, r->s->email) == 0)
		return profile_refuse(r, 422, &f, "email", "This is your email "
		    "address already.");
	f.new_email = email;
	if (current_password(r, &why) != RC_OK)
		return why == NULL ? RC_ERROR : profile_refuse(r, r->retry_after ?
		    429 : 422, &f, "password", why);
	return change_ask(r, &f, email);
}
