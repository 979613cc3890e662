/*
 * /settings/profile/passkeys/…: the Profile page's Passkeys card.  The
 * browser asks for options (a challenge bound to this session), lets
 * navigator.credentials.create() make the passkey (xslt/static/
 * passkeys.js) and posts its answer with a name; rename and remove are
 * plain forms.  Every change is audited (passkey.add, passkey.rename,
 * passkey.remove); an added passkey is mailed to its owner.  Every
 * statement names the signed-in user: another's passkey is 404.
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../mail.h"
#include "../passkey.h"
#include "../passwd.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../webauthn.h"
#include "../xml.h"
#include "pages.h"

#define NOT_MADE	"Your browser did not make a passkey. Passkeys need " \
	"JavaScript and a browser, phone or security key that supports them."

/* Columns of STMT_PASSKEY_COUNT and STMT_PASSKEY_NAME. */
enum { PK_COUNT = 0 };
enum { PK_NAME = 0 };

/*
 * Draws the profile again with status and one error about the passkey
 * form (passkey-add, -rename, -remove) of passkey id (NULL: the add
 * form), with <passkey-form> refilling the name typed.  As
 * profile_refuse() answers.
 */
static int
refuse(struct req *r, int status, const char *form, const char *id,
    const char *field, const char *msg)
{
	struct profile_refill	 f = { form, NULL, NULL, NULL };
	xmlNodePtr		 n;

	if (profile_refuse(r, status, &f, field, msg) != RC_OK)
		return RC_ERROR;
	n = xml_el(r->root, "passkey-form", NULL);
	xml_attr(n, "form", form);
	xml_attr(n, "passkey", id);
	if (in_declared(r, "name"))	/* remove has no name field */
		xml_attr(n, "name", in_typed(r, "name"));
	return RC_OK;
}

/* 1 when a field the script fills came with a value. */
static int
filled(const char *s)
{
	return s != NULL && *s != '\0';
}

/*
 * POST /settings/profile/passkeys/options: 200 <passkey-options> for
 * navigator.credentials.create() (a new challenge, the passkeys to
 * exclude); 422 the profile when the person has PASSKEY_MAX already; 503.
 */
int
page_profile_passkeys_options_post(struct req *r)
{
	struct dbres	 res;

	if (db_exec(r->db, r->a, STMT_PASSKEY_COUNT, &res, NULL, NULL, "u",
	    r->s->user_id) != RC_OK)
		return req_down(r);
	if (db_u64(&res, 0, PK_COUNT) >= PASSKEY_MAX)
		return refuse(r, 422, "passkey-add", NULL, NULL,
		    "You have as many passkeys as a login may have. Remove one "
		    "first.");
	return passkey_options(r, WA_ADD, r->s->user_id, r->s->email,
	    r->s->user_name);
}

/* Mails the owner that a passkey was added (after the commit). */
static void
added_notice(struct req *r, const char *name)
{
	mail_notice(r->s->email, r->s->user_name,
	    "A passkey was added to your Steward login",
	    arena_printf(r->a,
	    "Hello,\n\n"
	    "A passkey named \"%s\" was added to your Steward login %s, from "
	    "the address %s. It can now sign you in without your password.\n\n"
	    "If this was not you, remove it on your Profile page, reset your "
	    "password:\n%s/password/forgot\n"
	    "and tell an Admin of your organization.\n",
	    name, r->s->email, r->ip, req_client_origin(r)));
}

/* A new passkey stored by store_tx(). */
struct store {
	const struct wa_cred	*c;
	const char		*name;
	const char		*refused;	/* out: why not stored, or NULL */
};

/*
 * req_txn_fn: stores st->c named st->name for the signed-in user and
 * audits it; RC_ERROR with st->refused set over PASSKEY_MAX or when the
 * credential is registered already; another rc on a database error.
 */
static int
store_tx(struct req *r, void *arg)
{
	struct store		*st = arg;
	const struct wa_cred	*c = st->c;
	struct dbres		 res;
	int			 rc;

	st->refused = NULL;
	if ((rc = db_exec(r->db, r->a, STMT_PASSKEY_COUNT, &res, NULL, NULL,
	    "u", r->s->user_id)) != RC_OK)
		return rc;
	if (db_u64(&res, 0, PK_COUNT) >= PASSKEY_MAX) {
		st->refused = "You have as many passkeys as a login may have. "
		    "Remove one first.";
		return RC_ERROR;
	}
	rc = db_exec(r->db, r->a, STMT_PASSKEY_NEW, NULL, NULL, NULL,
	    "ubbiibis", r->s->user_id, c->id, c->id_len, c->key, c->key_len,
	    (long long)c->alg, (long long)c->counter, c->aaguid,
	    sizeof(c->aaguid), (long long)c->flags, st->name);
	if (rc == RC_DUP) {
		st->refused = "This passkey is registered already.";
		return RC_ERROR;
	}
	if (rc != RC_OK)
		return rc;
	return audit_req(r, "passkey.add", st->name);
}

/* Stores the checked credential c named name; 422 over the limit or when
 * it is registered already, 503; an rc as a handler answers. */
static int
store(struct req *r, const struct wa_cred *c, const char *name)
{
	struct store	 st = { c, name, NULL };
	int		 rc;

	rc = req_txn(r, store_tx, &st);
	if (st.refused != NULL)
		return refuse(r, 422, "passkey-add", NULL, NULL, st.refused);
	if (rc != RC_OK)
		return req_down(r);
	added_notice(r, name);
	req_flash(r, "ok", arena_printf(r->a, "Passkey \xe2\x80\x9c%s\xe2\x80\x9d "
	    "added. You can sign in with it now.", name));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}

/*
 * POST /settings/profile/passkeys/add (name, client_data, attestation:
 * base64url): 303 to the profile with a flash; 422 for a missing or
 * over-long name, no answer from the browser, a challenge expired or used,
 * an answer webauthn.c refuses (its reason shown), PASSKEY_MAX reached or
 * a passkey registered already; 503.
 */
int
page_profile_passkeys_add_post(struct req *r)
{
	const char		*why, *name = in_str(r, "name");
	unsigned char		 ch[WA_CHALLENGE_BYTES], *json, *att;
	size_t			 jsonlen, attlen;
	struct wa_expect	 e;
	struct wa_cred		*c;
	enum wa_rc		 v;
	int			 found;

	if ((why = in_error(r, "name")) != NULL)
		return refuse(r, 422, "passkey-add", NULL, "name", why);
	if (!filled(in_str(r, "client_data")) ||
	    !filled(in_str(r, "attestation")))
		return refuse(r, 422, "passkey-add", NULL, NULL, NOT_MADE);
	if (passkey_take(r, WA_ADD, ch, &found) != RC_OK)
		return req_down(r);
	if (!found)
		return refuse(r, 422, "passkey-add", NULL, NULL, "The passkey "
		    "request expired or was used already. Add the passkey again.");
	if ((c = arena_alloc(r->a, sizeof(*c))) == NULL)
		return RC_ERROR;
	if (passkey_b64(r->a, in_str(r, "client_data"), WA_MAX_CLIENT_DATA,
	    &json, &jsonlen) != 0)
		v = WA_CLIENT_DATA;
	else if (passkey_b64(r->a, in_str(r, "attestation"), WA_MAX_ATTESTATION,
	    &att, &attlen) != 0)
		v = WA_ATTESTATION;
	else {
		passkey_expect(r, &e, "webauthn.create", ch, 0);
		v = wa_register(&e, json, jsonlen, att, attlen, c);
	}
	if (v != WA_OK)
		return refuse(r, 422, "passkey-add", NULL, NULL, arena_printf(r->a,
		    "The passkey was not added: %s.", wa_reason(v)));
	return store(r, c, name);
}

/* A change to one of the signed-in user's passkeys, made by change_tx(). */
struct change {
	uint64_t	 id;
	enum stmt	 stmt;		/* STMT_PASSKEY_RENAME or _DELETE */
	const char	*name;		/* the new name (rename), or NULL */
	const char	*old;		/* out: its name before */
	int		 found;		/* out: 0 when not one's own */
};

/*
 * req_txn_fn: locks the signed-in user's passkey ch->id, renames it to
 * ch->name or removes it, and audits the change.  RC_ERROR with found 0
 * for a passkey that is not one's own; another rc on a database error.
 */
static int
change_tx(struct req *r, void *arg)
{
	struct change	*ch = arg;
	struct dbres	 res;
	int		 rc;

	ch->found = 0;
	if ((rc = db_exec(r->db, r->a, STMT_PASSKEY_NAME, &res, NULL, NULL,
	    "uu", ch->id, r->s->user_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	ch->found = 1;
	ch->old = db_cell(&res, 0, PK_NAME);
	if (ch->name != NULL)
		rc = db_exec(r->db, r->a, STMT_PASSKEY_RENAME, NULL, NULL, NULL,
		    "suu", ch->name, ch->id, r->s->user_id);
	else
		rc = db_exec(r->db, r->a, STMT_PASSKEY_DELETE, NULL, NULL, NULL,
		    "uu", ch->id, r->s->user_id);
	if (rc != RC_OK)
		return rc;
	return ch->name != NULL ? audit_req(r, "passkey.rename",
	    arena_printf(r->a, "%s \xe2\x86\x92 %s", ch->old, ch->name)) :
	    audit_req(r, "passkey.remove", ch->old);
}

/*
 * Renames (name) or removes (name NULL) the signed-in user's passkey id
 * in one transaction (req_txn).  Returns RC_OK with ch->old set, or
 * RC_ERROR with r->status set (404 another's or none, 503).
 */
static int
change(struct req *r, uint64_t id, const char *name, struct change *ch)
{
	int	 rc;

	ch->id = id;
	ch->name = name;
	ch->old = NULL;
	rc = req_txn(r, change_tx, ch);
	if (rc == RC_OK)
		return RC_OK;
	if (!ch->found) {
		r->status = 404;
		return RC_ERROR;
	}
	return req_down(r);
}

/*
 * The name of the signed-in user's passkey id, or NULL with r->status
 * set (404 another's or none, 503): read before the password is checked,
 * so a foreign id is refused without costing a password attempt.
 */
static const char *
own_name(struct req *r, uint64_t id)
{
	struct dbres	 res;

	if (db_exec(r->db, r->a, STMT_PASSKEY_NAME, &res, NULL, NULL, "uu",
	    id, r->s->user_id) != RC_OK) {
		(void)req_down(r);
		return NULL;
	}
	if (res.nrows != 1) {
		r->status = 404;
		return NULL;
	}
	return db_cell(&res, 0, PK_NAME);
}

/*
 * POST /settings/profile/passkeys/rename (passkey, name): 303 with a
 * flash; 422 for a missing, over-long or not printable name; 404 for a
 * passkey that is not one's own; 503.  Audited (old → new).
 */
int
page_profile_passkeys_rename_post(struct req *r)
{
	const char	*why, *name = in_str(r, "name");
	struct change	 ch;
	uint64_t	 id;

	if (in_u64(r, "passkey", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if ((why = in_error(r, "name")) != NULL)
		return refuse(r, 422, "passkey-rename", in_typed(r, "passkey"),
		    "name", why);
	if (change(r, id, name, &ch) != RC_OK)
		return RC_ERROR;
	req_flash(r, "ok", "The passkey was renamed.");
	req_redirect(r, "/settings/profile");
	return RC_OK;
}

/*
 * POST /settings/profile/passkeys/remove (passkey, password): 303 with a
 * flash; 404 for a passkey that is not one's own; 422 for a missing or
 * wrong password; 429 while throttled; 503.  Audited.
 */
int
page_profile_passkeys_remove_post(struct req *r)
{
	const char	*why;
	struct change	 ch;
	uint64_t	 id;

	if (in_u64(r, "passkey", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (own_name(r, id) == NULL)
		return RC_ERROR;
	if (current_password(r, &why) != RC_OK)
		return why == NULL ? RC_ERROR : refuse(r, r->retry_after > 0 ?
		    429 : 422, "passkey-remove", in_typed(r, "passkey"),
		    "password", why);
	if (change(r, id, NULL, &ch) != RC_OK)
		return RC_ERROR;
	req_flash(r, "ok", arena_printf(r->a, "Passkey \xe2\x80\x9c%s\xe2\x80\x9d "
	    "removed. It no longer signs you in.", ch.old));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}
