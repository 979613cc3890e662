/*
 * Invitation links and mails, for the pages that send, resend and show
 * invitations.
 *
 * An invitation link carries a 256-bit token.  The database keeps its
 * SHA-256 (to find the invitation) and a random nonce; the token is
 * HMAC(nonce) under a key derived from the key file, so "copy link" can
 * show the same link again while a stolen database dump opens nothing.
 * A new nonce (resend) makes a new token: the old link dies.
 */
#include <string.h>

#include <sodium.h>

#include "invite.h"
#include "arena.h"
#include "limits.h"
#include "log.h"
#include "mail.h"
#include "request.h"
#include "roles.h"
#include "secret.h"
#include "token.h"
#include "xml.h"

/* The token of an invitation link from its nonce. */
void
invite_token(const unsigned char nonce[TOKEN_BYTES], char out[TOKEN_B64_LEN + 1])
{
	token_mac(secret_subkey(SUBKEY_INVITE), "invite-link", nonce,
	    TOKEN_BYTES, out);
}

/* The absolute accept link of token. */
const char *
invite_link(struct req *r, const char *token)
{
	const char	*base = req_client_origin(r);

	return arena_printf(r->a, "%s/invitations/accept?token=%s",
	    base ? base : "", token);
}

/* A new nonce, its token and the token's hash. */
void
invite_secret(unsigned char nonce[TOKEN_BYTES], char tok[TOKEN_B64_LEN + 1],
    unsigned char hash[HASH_BYTES])
{
	randombytes_buf(nonce, TOKEN_BYTES);
	invite_token(nonce, tok);
	token_hash(tok, hash);
}

/* ------------------------------------------------------------- mail */

/*
 * Mails the invitation of email (role, optional message) with token: a
 * mail document of kind "invitation" drawn by xslt/mail.xsl and
 * xslt/mail-text.xsl.  Returns 0, or -1 with the cause logged.
 */
int
invite_mail(struct req *r, const char *email, enum role role,
    const char *message, const char *token)
{
	xmlNodePtr	 m, n;
	char		 err[256];

	m = mail_doc("invitation", email, NULL, arena_printf(r->a,
	    "%s invited you to %s", r->s->user_name, r->s->account_name));
	n = xml_el(m, "inviter", NULL);
	xml_attr(n, "name", r->s->user_name);
	xml_attr(n, "email", r->s->email);
	n = xml_el(m, "account", NULL);
	xml_attr(n, "name", r->s->account_name);
	xml_attr(n, "id", r->s->account_public);
	n = xml_el(m, "role", NULL);
	xml_attr(n, "name", role_name(role));
	xml_attr(n, "label", role_label(role));
	if (message != NULL && *message != '\0')
		xml_el(m, "message", message);
	xml_attr(xml_el(m, "link", NULL), "href", invite_link(r, token));
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("invite mail to %s: %s", email, err);
		return -1;
	}
	return 0;
}
