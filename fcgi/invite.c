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
#include "audit.h"
#include "db.h"
#include "rc.h"
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

/*
 * A new nonce, its token and the token's hash.  0, or -1 when the token
 * could not be hashed (not token-shaped: hash is then not set).
 */
int
invite_secret(unsigned char nonce[TOKEN_BYTES], char tok[TOKEN_B64_LEN + 1],
    unsigned char hash[HASH_BYTES])
{
	randombytes_buf(nonce, TOKEN_BYTES);
	invite_token(nonce, tok);
	return token_hash(tok, hash);
}

/* Columns of STMT_INVITE_DOMAINS. */
enum { ID_DOMAINS };

/*
 * The organization's allowed invite domains for the session's account
 * into *domains ("" for any; check an address with
 * domains_allow_invite()).  Returns an rc.
 */
int
invite_domains(struct req *r, const char **domains)
{
	struct dbres	 res;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_INVITE_DOMAINS, &res, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	*domains = db_cell(&res, 0, ID_DOMAINS);
	return RC_OK;
}

/*
 * Writes the invitation of email (a checked address) as role with
 * message, and its audit row (invite.send), in the caller's open
 * transaction; a revoked, expired or used invitation of that address
 * becomes pending again with a new link.  tok receives the link's token
 * for the mail.  Returns an rc (the caller rolls back).
 */
int
invite_store(struct req *r, const char *email, enum role role,
    const char *message, char tok[TOKEN_B64_LEN + 1])
{
	unsigned char	 nonce[TOKEN_BYTES], hash[HASH_BYTES];
	int		 rc;

	if (invite_secret(nonce, tok, hash) == -1)
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_UPSERT, NULL, NULL,
	    NULL, "usibbusi", r->s->account_id, email, (long long)role, hash,
	    sizeof(hash), nonce, sizeof(nonce), r->s->user_id, message,
	    (long long)INVITE_TTL)) != RC_OK)
		return rc;
	return audit_req(r, "invite.send", arena_printf(r->a, "%s as %s",
	    email, role_name(role)));
}

/* Columns of STMT_INVITATION_GET. */
enum { IG_EMAIL, IG_ROLE };

/* A revocation, run by revoke_tx(). */
struct revoke {
	uint64_t		 id;
	const char		*email;	/* out */
	enum invite_outcome	 out;	/* out */
};

/*
 * req_txn_fn: revokes open invitation v->id of the session's account,
 * audited.  RC_OK with out INVITE_DONE; RC_ERROR (rolled back) with out
 * saying why when refused; another rc on a database error.  Writes only
 * the database and its outputs, so it may run again.
 */
static int
revoke_tx(struct req *r, void *arg)
{
	struct revoke	*v = arg;
	struct dbres	 res;
	enum role	 role;
	int		 rc;

	v->out = INVITE_DONE;		/* a database error keeps it */
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_GET, &res, NULL, NULL,
	    "uu", v->id, r->s->account_id)) != RC_OK)
		return rc;
	v->out = INVITE_NOT_FOUND;
	if (res.nrows != 1)
		return RC_ERROR;
	role = (enum role)db_u64(&res, 0, IG_ROLE);
	v->email = db_cell(&res, 0, IG_EMAIL);
	v->out = INVITE_ABOVE;
	if (!role_may_grant(r->s->role, role))
		return RC_ERROR;
	v->out = INVITE_DONE;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_REVOKE, NULL, NULL,
	    NULL, "uu", v->id, r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, "invite.revoke", arena_printf(r->a, "%s as %s",
	    v->email, role_name(role)));
}

/*
 * Revokes open invitation id of the session's account (its link dies),
 * audited (invite.revoke, "email as role") in one req_txn.  *out:
 * INVITE_DONE, INVITE_NOT_FOUND (no such open invitation here),
 * INVITE_ABOVE (it grants a role above the actor's); *email is its
 * address when found.  Returns an rc; nothing changed on failure.
 */
int
invite_revoke(struct req *r, uint64_t id, const char **email,
    enum invite_outcome *out)
{
	struct revoke	 v = { id, "", INVITE_DONE };
	int		 rc = req_txn(r, revoke_tx, &v);

	*out = v.out;
	*email = v.email;
	return v.out == INVITE_DONE ? rc : RC_OK;
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
