/*
 * Invitations: the bulk invite of the Users page and the one-address
 * invite box of the overview (both POST /settings/users/invite), resend,
 * revoke and "copy link".
 *
 * An invitation link carries a 256-bit token.  The database keeps its
 * SHA-256 (to find the invitation) and a random nonce; the token is
 * HMAC(nonce) under a key derived from the key file, so "copy link" can
 * show the same link again while a stolen database dump opens nothing.
 * Resend makes a new nonce: the old link dies.
 *
 * Invitations are written and audited in one transaction; the mails go
 * out after the commit, so a broken relay never leaves a half-done batch
 * and the link can still be copied from the Users page.
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../limits.h"
#include "../log.h"
#include "../mail.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../secret.h"
#include "../text.h"
#include "../token.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* What becomes of one address of an invite. */
enum outcome { OUT_READY, OUT_MEMBER, OUT_REFUSED };

struct target {
	const char	*email;
	enum outcome	 what;
	const char	*reason;		/* OUT_REFUSED */
	char		 token[TOKEN_B64_LEN + 1];
	int		 mail_failed;
};

/* One invite request, validated. */
struct invite {
	int		 bulk;		/* the Users page form (field emails) */
	const char	*text;		/* as typed */
	const char	*rname;		/* role as typed */
	enum role	 role;
	const char	*message;	/* "" for none */
	struct target	 t[MAX_INVITE_ADDRESSES];
	size_t		 n, given;
};

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
static void
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
static int
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

/* ------------------------------------------------------- validation */

/* Refuses target t for reason. */
static void
refuse_target(struct target *t, const char *reason)
{
	t->what = OUT_REFUSED;
	t->reason = reason;
}

/*
 * Checks every address: its form, then the organization's allowed
 * domains.  Returns the number refused, or -1 without a database.
 */
static int
check_targets(struct req *r, struct invite *iv)
{
	struct dbres	 res;
	const char	*domains;
	size_t		 i;
	int		 bad = 0;

	if (db_exec(r->db, r->a, STMT_INVITE_DOMAINS, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK || res.nrows != 1)
		return -1;
	domains = db_cell(&res, 0, 0);
	for (i = 0; i < iv->n; i++) {
		struct target *t = &iv->t[i];

		if (!valid_check(VALID_EMAIL, t->email, strlen(t->email)))
			refuse_target(t, valid_message(VALID_EMAIL));
		else if (!domains_allow_invite(domains, t->email))
			refuse_target(t, arena_printf(r->a, "Your organization "
			    "allows invitations only to addresses at %s.",
			    domains));
		bad += t->what == OUT_REFUSED;
	}
	return bad;
}

/*
 * Marks the addresses that belong to members already (one query for the
 * whole list).  Returns the number left to invite, or -1 without a
 * database.
 */
static int
mark_members(struct req *r, struct invite *iv)
{
	struct dbres	 res;
	char		*set;
	size_t		 i, j, len = 1;
	int		 left = 0;

	for (i = 0; i < iv->n; i++)
		len += strlen(iv->t[i].email) + 1;
	if ((set = arena_alloc(r->a, len)) == NULL)
		return -1;
	for (i = 0, j = 0; i < iv->n; i++) {
		if (i > 0)
			set[j++] = ',';
		memcpy(set + j, iv->t[i].email, strlen(iv->t[i].email));
		j += strlen(iv->t[i].email);
	}
	set[j] = '\0';
	if (db_exec(r->db, r->a, STMT_MEMBERS_AMONG, &res, NULL, NULL, "us",
	    r->s->account_id, set) != RC_OK)
		return -1;
	for (i = 0; i < iv->n; i++) {
		for (j = 0; j < res.nrows; j++)
			if (strcmp(db_cell(&res, j, 0), iv->t[i].email) == 0)
				iv->t[i].what = OUT_MEMBER;
		left += iv->t[i].what == OUT_READY;
	}
	return left;
}

/* Reads the form into iv; the addresses are split but not yet checked. */
static int
read_form(struct req *r, struct invite *iv, int *too_many)
{
	struct addr_list	 l;
	const char		*one;
	size_t			 i;

	memset(iv, 0, sizeof(*iv));
	*too_many = 0;
	iv->text = kv_get(&r->form, "emails");
	iv->bulk = iv->text != NULL;
	iv->rname = kv_get(&r->form, "role");
	iv->role = role_parse(iv->rname);
	iv->message = iv->bulk ? kv_get(&r->form, "message") : NULL;
	if (iv->message == NULL)
		iv->message = "";
	if (!iv->bulk) {
		iv->text = kv_get(&r->form, "email");
		if ((one = email_normalise(r->a, iv->text)) == NULL)
			return -1;
		if (*one != '\0')
			iv->t[iv->n++].email = one;
		iv->given = iv->n;
		return 0;
	}
	if (invite_split(r->a, iv->text, &l) == -1) {
		if (r->a->failed)
			return -1;
		*too_many = 1;
	}
	for (i = 0; i < l.n; i++)
		iv->t[iv->n++].email = l.v[i];
	iv->given = l.given;
	return 0;
}

/* ---------------------------------------------------------- answers */

/*
 * The 422 of the overview's form: the overview with one error and what
 * was typed (a known role only).
 */
static int
refuse_single(struct req *r, const struct invite *iv, const char *field,
    const char *msg)
{
	r->status = 422;
	if (xml_page(r, "settings") == NULL)
		return -1;
	xml_error(r, field, msg);
	return settings_render(r, iv->text ? iv->text : "",
	    iv->role == ROLE_NONE ? NULL : iv->rname, NULL);
}

/* The outcome of a target as written in <result>. */
static const char *
outcome_name(enum outcome o)
{
	static const char *const names[] = {
		[OUT_READY] = "ready", [OUT_MEMBER] = "member",
		[OUT_REFUSED] = "refused",
	};

	return names[o];
}

/*
 * The 422 of the Users page's form: the page with the form as typed, the
 * errors, and one <result> per address.
 */
static int
refuse_bulk(struct req *r, const struct invite *iv)
{
	xmlNodePtr	 inv, n;
	size_t		 i;

	r->status = 422;
	inv = users_invite_form(r, iv->text, iv->role == ROLE_NONE ? NULL :
	    iv->rname, iv->message);
	for (i = 0; inv != NULL && i < iv->n; i++) {
		n = xml_el(inv, "result", iv->t[i].reason);
		xml_attr(n, "email", iv->t[i].email);
		xml_attr(n, "outcome", outcome_name(iv->t[i].what));
	}
	return users_render(r, inv) == -1 ? -1 : 0;
}

/* Adds the form's field errors; returns their number. */
static int
form_errors(struct req *r, const struct invite *iv, int too_many, int bad)
{
	const char	*field = iv->bulk ? "emails" : "email";
	int		 n = 0;

	if (too_many)
		xml_error(r, field, arena_printf(r->a, "Invite at most %d "
		    "addresses at once (this list has %zu).",
		    MAX_INVITE_ADDRESSES, iv->given)), n++;
	else if (iv->n == 0)
		xml_error(r, field, iv->bulk ? "Enter at least one email "
		    "address." : "Enter an email address."), n++;
	else if (bad > 0)
		xml_error(r, field, iv->n == 1 ? iv->t[0].reason :
		    arena_printf(r->a, "%d of %zu addresses cannot be invited: "
		    "correct or remove them.", bad, iv->n)), n++;
	if (iv->role == ROLE_NONE)
		xml_error(r, "role", valid_message(VALID_ROLE)), n++;
	if (*iv->message != '\0' && !valid_check(VALID_INVITE_MESSAGE,
	    iv->message, strlen(iv->message)))
		xml_error(r, "message", valid_message(VALID_INVITE_MESSAGE)), n++;
	return n;
}

/*
 * Writes the invitations of every ready target with their audit rows in
 * one transaction.  Returns an rc; nothing is written on failure.
 */
static int
store(struct req *r, struct invite *iv)
{
	unsigned char	 nonce[TOKEN_BYTES], hash[HASH_BYTES];
	size_t		 i;

	if (db_begin(r->db) != RC_OK)
		return RC_DOWN;
	for (i = 0; i < iv->n; i++) {
		struct target *t = &iv->t[i];

		if (t->what != OUT_READY)
			continue;
		invite_secret(nonce, t->token, hash);
		if (db_exec(r->db, r->a, STMT_INVITATION_UPSERT, NULL, NULL,
		    NULL, "usibbusi", r->s->account_id, t->email,
		    (long long)iv->role, hash, sizeof(hash), nonce,
		    sizeof(nonce), r->s->user_id, iv->message,
		    (long long)INVITE_TTL) != RC_OK ||
		    audit_req(r, "invite.send",
		    arena_printf(r->a, "%s as %s", t->email,
		    role_name(iv->role))) != RC_OK) {
			db_rollback(r->db);
			return RC_DOWN;
		}
	}
	return db_commit(r->db);
}

/* Appends "label: a, b, c" of the targets with outcome o (bounded). */
static const char *
names_of(struct req *r, const struct invite *iv, enum outcome o, int failed,
    const char *label)
{
	const char	*s = NULL;
	size_t		 i, shown = 0, all = 0;

	for (i = 0; i < iv->n; i++) {
		if (iv->t[i].what != o || (failed && !iv->t[i].mail_failed))
			continue;
		all++;
		if (shown < 3) {
			s = s ? arena_printf(r->a, "%s, %s", s, iv->t[i].email) :
			    iv->t[i].email;
			shown++;
		}
	}
	if (all == 0)
		return "";
	if (all > shown)
		s = arena_printf(r->a, "%s and %zu more", s, all - shown);
	return arena_printf(r->a, " %s: %s.", label, s);
}

/* The first target with outcome o, or "". */
static const char *
first_of(const struct invite *iv, enum outcome o)
{
	size_t	 i;

	for (i = 0; i < iv->n; i++)
		if (iv->t[i].what == o)
			return iv->t[i].email;
	return "";
}

/* The flash after the invitations went out: who, and what went wrong. */
static void
invite_flash(struct req *r, const struct invite *iv, int sent, int failed)
{
	const char	*head;

	head = sent == 1 ? arena_printf(r->a, "Invitation sent to %s as %s.",
	    first_of(iv, OUT_READY), role_label(iv->role)) :
	    arena_printf(r->a, "Invitations sent to %d people as %s.", sent,
	    role_label(iv->role));
	req_flash(r, failed ? "error" : "ok", arena_printf(r->a, "%s%s%s",
	    head, names_of(r, iv, OUT_MEMBER, 0, "Already members"),
	    failed ? names_of(r, iv, OUT_READY, 1, "The mail could not be "
	    "sent to (copy their link from the Users page)") : ""));
}

/* The page to return to from the overview's form: "back" or /settings. */
static const char *
back_to(struct req *r)
{
	const char	*b = kv_get(&r->form, "back");

	if (b != NULL && valid_check(VALID_LOCAL_PATH, b, strlen(b)) &&
	    strncmp(b, "/settings", 9) == 0 && (b[9] == '\0' || b[9] == '/'))
		return b;
	return "/settings";
}

/*
 * POST /settings/users/invite (Admin, Creator).  Fields: emails (the
 * Users page: up to MAX_INVITE_ADDRESSES addresses separated by commas,
 * semicolons, newlines or blanks) and message (optional), or email (the
 * overview's box, one address; back: where to return); role.
 *
 * 303 back with a flash naming who was invited and who was a member
 * already; 422 with the form refilled and one result per address when an
 * address, the role or the message is refused (nothing is sent then), or
 * when every address belongs to a member; 403 for a role above one's
 * own; 503 without a database.  Mail failures after the commit leave the
 * invitations in place and say so in the flash.
 */
int
page_invite_post(struct req *r)
{
	struct invite	*iv;
	size_t		 i;
	int		 too_many, bad, left, sent = 0, failed = 0;

	if ((iv = arena_alloc(r->a, sizeof(*iv))) == NULL ||
	    read_form(r, iv, &too_many) == -1)
		return -1;
	if (iv->bulk && xml_page(r, "users") == NULL)
		return -1;
	if ((bad = check_targets(r, iv)) < 0)
		goto down;
	if (!iv->bulk && (iv->n == 0 || bad > 0))
		return refuse_single(r, iv, "email", iv->n == 0 ?
		    "Enter an email address." : iv->t[0].reason);
	if (!iv->bulk && iv->role == ROLE_NONE)
		return refuse_single(r, iv, "role", valid_message(VALID_ROLE));
	if (iv->bulk && form_errors(r, iv, too_many, bad) > 0) {
		if (iv->n > 0 && mark_members(r, iv) < 0)
			goto down;
		return refuse_bulk(r, iv);
	}
	if (!role_may_grant(r->s->role, iv->role)) {
		page_error(r, 403, "You cannot grant a role above your own.");
		return 0;
	}
	if ((left = mark_members(r, iv)) < 0)
		goto down;
	if (left == 0 && !iv->bulk)
		return refuse_single(r, iv, "email", arena_printf(r->a,
		    "%s is already a member of this account.", iv->t[0].email));
	if (left == 0) {
		xml_error(r, "emails", iv->n == 1 ? "This address belongs to a "
		    "member of this account already." : "These addresses belong "
		    "to members of this account already.");
		return refuse_bulk(r, iv);
	}
	if (store(r, iv) != RC_OK)
		goto down;
	for (i = 0; i < iv->n; i++) {
		if (iv->t[i].what != OUT_READY)
			continue;
		sent++;
		if (invite_mail(r, iv->t[i].email, iv->role, iv->message,
		    iv->t[i].token) == -1)
			iv->t[i].mail_failed = 1, failed++;
		sodium_memzero(iv->t[i].token, sizeof(iv->t[i].token));
	}
	r->doc = NULL;
	invite_flash(r, iv, sent, failed);
	req_redirect(r, iv->bulk ? "/settings/users" : back_to(r));
	return 0;
down:
	r->status = 503;
	return -1;
}

/* ------------------------------------------- resend, revoke, link */

/* An open invitation of this account, locked. */
struct inv {
	uint64_t	 id;
	const char	*email, *message;
	enum role	 role;
	const unsigned char *nonce;	/* NULL: made before nonces existed */
	int		 expired;
};

/*
 * Reads the invitation named by the form's "invitation" field inside a
 * transaction.  Returns 1 when found; 0 after answering (422 malformed,
 * 404 not an open invitation of this account, 403 a role above one's
 * own), the transaction rolled back; -1 on a database error.
 */
static int
inv_get(struct req *r, struct inv *v)
{
	struct dbres	 res;

	if (!users_form_id(r, "invitation", &v->id))
		return users_render(r, NULL) == -1 ? -1 : 0;
	if (db_begin(r->db) != RC_OK)
		return -1;
	if (db_exec(r->db, r->a, STMT_INVITATION_GET, &res, NULL, NULL, "uu",
	    v->id, r->s->account_id) != RC_OK) {
		db_rollback(r->db);
		return -1;
	}
	if (res.nrows != 1) {
		db_rollback(r->db);
		page_error(r, 404, "There is no such open invitation in this "
		    "account.");
		return 0;
	}
	v->email = db_cell(&res, 0, 0);
	v->role = (enum role)db_u64(&res, 0, 1);
	v->nonce = res.len[2] == TOKEN_BYTES ?
	    (const unsigned char *)db_cell(&res, 0, 2) : NULL;
	v->message = db_cell(&res, 0, 3);
	v->expired = db_u64(&res, 0, 4) != 0;
	if (!role_may_grant(r->s->role, v->role)) {
		db_rollback(r->db);
		page_error(r, 403, "This invitation grants a role above your "
		    "own.");
		return 0;
	}
	return 1;
}

/*
 * Gives invitation v a new link valid for INVITE_TTL, audited as action.
 * Returns an rc; the new token is in tok.
 */
static int
inv_renew(struct req *r, const struct inv *v, const char *action,
    char tok[TOKEN_B64_LEN + 1])
{
	unsigned char	 nonce[TOKEN_BYTES], hash[HASH_BYTES];
	int		 rc;

	invite_secret(nonce, tok, hash);
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_RENEW, NULL, NULL, NULL,
	    "bbuiuu", hash, sizeof(hash), nonce, sizeof(nonce), r->s->user_id,
	    (long long)INVITE_TTL, v->id, r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, action,
	    arena_printf(r->a, "%s as %s", v->email, role_name(v->role)));
}

/*
 * POST /settings/users/invitations/resend (Admin, Creator for roles up to
 * their own; field invitation): a new link and 7 more days, mailed; the
 * old link dies.  303 back with a flash; 422/404/403 as inv_get(); 503.
 */
int
page_invitation_resend_post(struct req *r)
{
	struct inv	 v;
	char		 tok[TOKEN_B64_LEN + 1];
	int		 rc, mailed;

	if ((rc = inv_get(r, &v)) != 1)
		goto out;
	if (inv_renew(r, &v, "invite.resend", tok) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	if (db_commit(r->db) != RC_OK)
		goto down;
	mailed = invite_mail(r, v.email, v.role, v.message, tok) == 0;
	sodium_memzero(tok, sizeof(tok));
	users_done(r, mailed ? "ok" : "error", mailed ? arena_printf(r->a,
	    "Invitation sent again to %s; the earlier link no longer works.",
	    v.email) : arena_printf(r->a, "A new link for %s is ready, but the "
	    "mail could not be sent: use Copy link.", v.email));
	return 0;
out:
	if (rc == 0)
		return 0;
down:
	r->status = 503;
	return -1;
}

/*
 * POST /settings/users/invitations/revoke (Admin; field invitation): the
 * link stops working.  303 back with a flash; 422/404 as inv_get(); 503.
 */
int
page_invitation_revoke_post(struct req *r)
{
	struct inv	 v;
	int		 rc;

	if ((rc = inv_get(r, &v)) != 1)
		goto out;
	if (db_exec(r->db, r->a, STMT_INVITATION_REVOKE, NULL, NULL, NULL, "uu",
	    v.id, r->s->account_id) != RC_OK ||
	    audit_req(r, "invite.revoke",
	    arena_printf(r->a, "%s as %s", v.email, role_name(v.role))) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	if (db_commit(r->db) != RC_OK)
		goto down;
	users_done(r, "ok", arena_printf(r->a, "The invitation of %s was "
	    "revoked; its link no longer works.", v.email));
	return 0;
out:
	if (rc == 0)
		return 0;
down:
	r->status = 503;
	return -1;
}

/*
 * POST /settings/users/invitations/link (Admin, Creator for roles up to
 * their own; field invitation): the Users page with the invitation's
 * link (200), for onboarding where mail does not arrive; audited.  An
 * invitation from before link nonces gets a new link.  422 for an expired
 * invitation (resend it) or a malformed id; 404/403 as inv_get(); 503.
 */
int
page_invitation_link_post(struct req *r)
{
	struct inv	 v;
	xmlNodePtr	 n;
	char		 tok[TOKEN_B64_LEN + 1];
	int		 rc;

	if ((rc = inv_get(r, &v)) != 1)
		goto out;
	if (v.expired) {
		db_rollback(r->db);
		r->status = 422;
		if (xml_page(r, "users") == NULL)
			return -1;
		xml_error(r, NULL, arena_printf(r->a, "The invitation of %s has "
		    "expired: resend it to make a new link.", v.email));
		return users_render(r, NULL) == -1 ? -1 : 0;
	}
	if (v.nonce != NULL)
		invite_token(v.nonce, tok);
	if ((v.nonce == NULL && inv_renew(r, &v, "invite.link", tok) != RC_OK) ||
	    (v.nonce != NULL && audit_req(r, "invite.link", arena_printf(r->a, "%s as %s", v.email,
	    role_name(v.role))) != RC_OK)) {
		db_rollback(r->db);
		goto down;
	}
	if (db_commit(r->db) != RC_OK)
		goto down;
	if (xml_page(r, "users") == NULL)
		return -1;
	n = xml_el(r->root, "link", NULL);
	xml_attr_i(n, "invitation", (long long)v.id);
	xml_attr(n, "email", v.email);
	xml_attr(n, "href", invite_link(r, tok));
	sodium_memzero(tok, sizeof(tok));
	return users_render(r, NULL) == -1 ? -1 : 0;
out:
	if (rc == 0)
		return 0;
down:
	r->status = 503;
	return -1;
}
