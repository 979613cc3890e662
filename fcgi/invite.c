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

#include <libxml/HTMLtree.h>
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

/* A <p> with text under parent; returns it. */
static xmlNodePtr
html_p(xmlNodePtr parent, const char *style, const char *text)
{
	xmlNodePtr	 p = xmlNewTextChild(parent, NULL, BAD_CAST "p",
	    text ? BAD_CAST text : NULL);

	xmlNewProp(p, BAD_CAST "style", BAD_CAST style);
	return p;
}

#define P_STYLE "margin:0 0 16px;font:15px/1.5 Arial,sans-serif;color:#111827"
#define SMALL_STYLE "margin:24px 0 0;font:13px/1.5 Arial,sans-serif;color:#4b5563"
#define BTN_STYLE "display:inline-block;padding:10px 18px;border-radius:8px;" \
	"background:#4f46e5;color:#ffffff;font:600 15px Arial,sans-serif;" \
	"text-decoration:none"
#define QUOTE_STYLE "margin:0 0 16px;padding:8px 16px;border-left:3px solid " \
	"#c9ced7;font:15px/1.5 Arial,sans-serif;color:#111827;white-space:pre-wrap"

/* Frees an HTML mail document at arena reset. */
static void
free_html(void *p)
{
	xmlFreeDoc(p);
}

/*
 * The HTML alternative of an invitation, built with the tree API: every
 * user string is a text node or an attribute value, escaped on output.
 */
static xmlDocPtr
invite_html(struct req *r, const char *subject, const char *who,
    const char *what, const char *message, const char *link)
{
	xmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html, head, body, p, a, meta;

	if (doc == NULL)
		return NULL;
	arena_cleanup(r->a, free_html, doc);
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	head = xmlNewChild(html, NULL, BAD_CAST "head", NULL);
	meta = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlNewProp(meta, BAD_CAST "charset", BAD_CAST "utf-8");
	xmlNewTextChild(head, NULL, BAD_CAST "title", BAD_CAST subject);
	body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	html_p(body, P_STYLE, "Hello,");
	p = html_p(body, P_STYLE, NULL);
	xmlNewTextChild(p, NULL, BAD_CAST "strong", BAD_CAST who);
	xmlAddChild(p, xmlNewText(BAD_CAST what));
	if (message != NULL && *message != '\0')
		html_p(body, QUOTE_STYLE, message);
	p = html_p(body, P_STYLE, NULL);
	a = xmlNewTextChild(p, NULL, BAD_CAST "a",
	    BAD_CAST "Accept the invitation");
	xmlNewProp(a, BAD_CAST "href", BAD_CAST link);
	xmlNewProp(a, BAD_CAST "style", BAD_CAST BTN_STYLE);
	p = html_p(body, SMALL_STYLE, "Or open this link: ");
	a = xmlNewTextChild(p, NULL, BAD_CAST "a", BAD_CAST link);
	xmlNewProp(a, BAD_CAST "href", BAD_CAST link);
	html_p(body, SMALL_STYLE, "The link works once and expires in 7 days. "
	    "If you did not expect this invitation, you can ignore this mail.");
	return doc;
}

/* message with "> " before each line, for the text part. */
static const char *
quoted(struct arena *a, const char *message)
{
	const char	*p;
	char		*out, *o;

	if (message == NULL || *message == '\0')
		return "";
	if ((out = arena_alloc(a, strlen(message) * 3 + 8)) == NULL)
		return "";
	o = out;
	*o++ = '>', *o++ = ' ';
	for (p = message; *p; p++) {
		if (*p == '\r')
			continue;
		*o++ = *p;
		if (*p == '\n')
			*o++ = '>', *o++ = ' ';
	}
	memcpy(o, "\n\n", 3);
	return out;
}

/*
 * Mails the invitation of email (role, optional message) with token.
 * Returns 0, or -1 with the cause logged.
 */
int
invite_mail(struct req *r, const char *email, enum role role,
    const char *message, const char *token)
{
	struct mail	 m;
	const char	*link = invite_link(r, token), *what;
	char		 err[256];
	xmlDocPtr	 html;

	memset(&m, 0, sizeof(m));
	m.to_addr = email;
	m.subject = arena_printf(r->a, "%s invited you to %s", r->s->user_name,
	    r->s->account_name);
	what = arena_printf(r->a, " (%s) invited you to join the account "
	    "\"%s\" (%s) as %s.", r->s->email, r->s->account_name,
	    r->s->account_public, role_label(role));
	m.text = arena_printf(r->a, "Hello,\n\n%s%s\n\n%s"
	    "Accept the invitation:\n%s\n\n"
	    "The link works once and expires in 7 days.\n"
	    "If you did not expect this invitation, you can ignore this mail.\n",
	    r->s->user_name, what, quoted(r->a, message), link);
	if (m.subject == NULL || what == NULL || m.text == NULL || link == NULL)
		return -1;
	html = invite_html(r, m.subject, r->s->user_name, what, message, link);
	if (mail_send_html(&m, html, err, sizeof(err)) == -1) {
		log_error("invite mail to %s: %s", email, err);
		return -1;
	}
	return 0;
}
