/*
 * /settings/profile/2fa: 2-step verification of one's own login.  Set-up
 * (a fresh secret shown as a QR code and as text, turned on only by a
 * correct code), recovery codes (shown once, stored as keyed hashes),
 * turning it off (password and a code), new recovery codes (password).
 * Every change ends the user's other sessions, is audited in its
 * transaction and mailed as a notice.
 */
#include <time.h>

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
#include "../throttle.h"
#include "../totp.h"
#include "../twofa.h"
#include "../xml.h"
#include "pages.h"

#define PROFILE	"/settings/profile"

/*
 * <secret>, <uri> and <qr> of the sealed pending secret of st (the
 * STMT_TOTP_GET row) into n.  Returns RC_OK, or RC_ERROR when it does not
 * open (another key file) or cannot be encoded.
 */
static int
secret_xml(struct req *r, xmlNodePtr n, const struct dbres *st)
{
	unsigned char	 key[TOTP_SECRET_BYTES];
	char		 b32[TOTP_SECRET_B32 + 1];
	const char	*uri, *path;
	xmlNodePtr	 q;
	int		 size = 0, rc = RC_ERROR;

	if (totp_open((const unsigned char *)db_cell(st, 0, TG_PENDING),
	    st->len[TG_PENDING], key) != RC_OK) {
		log_error("user %llu: pending TOTP secret does not open",
		    (unsigned long long)r->s->user_id);
		return RC_ERROR;
	}
	base32_encode(key, sizeof(key), b32, sizeof(b32));
	if ((uri = totp_uri(r->a, r->s->email, b32)) == NULL ||
	    (path = qr_path(r->a, uri, &size)) == NULL)
		goto out;
	xml_el(n, "secret", b32);
	xml_el(n, "uri", uri);
	q = xml_el(n, "qr", NULL);
	xml_attr_i(q, "size", size);
	xml_attr(q, "path", path);
	rc = RC_OK;
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(b32, sizeof(b32));
	return rc;
}

/*
 * Draws the set-up page (status set by the caller, errors added before):
 * <twofa-setup> with the pending secret, or pending="no" when none is
 * being set up; with 2-step verification already on, 303 to the profile
 * instead.  Returns RC_OK, or RC_ERROR with r->status set (500: the
 * secret does not open).
 */
static int
setup_render(struct req *r)
{
	struct dbres	 st;
	xmlNodePtr	 n;

	if (twofa_state(r->db, r->a, r->s->user_id, &st) != RC_OK)
		return req_down(r);
	if (db_u64(&st, 0, TG_ENABLED) != 0) {
		req_redirect(r, PROFILE);
		return RC_OK;
	}
	if (r->doc == NULL && xml_page(r, "twofa") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "twofa-setup", NULL);
	xml_attr_yes(n, "required", r->s->enroll);
	xml_attr_yes(n, "pending", db_cell(&st, 0, TG_PENDING) != NULL);
	if (db_cell(&st, 0, TG_PENDING) != NULL &&
	    secret_xml(r, n, &st) != RC_OK) {
		r->status = 500;
		return RC_ERROR;
	}
	return RC_OK;
}

/* GET /settings/profile/2fa: the set-up page. */
int
page_profile_2fa(struct req *r)
{
	return setup_render(r);
}

/* A pending secret stored by pending_tx(). */
struct pending {
	const unsigned char	*blob;	/* sealed */
	size_t			 n;
	uint64_t		 changed;	/* out: 0 when 2-step is on */
};

/* req_txn_fn: the sealed pending secret, audited. */
static int
pending_tx(struct req *r, void *arg)
{
	struct pending	*p = arg;
	int		 rc;

	p->changed = 0;
	if ((rc = db_exec(r->db, r->a, STMT_TOTP_PENDING_SET, NULL, &p->changed,
	    NULL, "bu", p->blob, p->n, r->s->user_id)) != RC_OK)
		return rc;
	return audit_req(r, "2fa.setup", "");
}

/*
 * POST /settings/profile/2fa/start: a fresh secret, sealed, kept as the
 * pending one (any earlier pending one is replaced); 303 to the set-up
 * page (to the profile when it is on already).  Audited; 503 without a
 * database.
 */
int
page_profile_2fa_start_post(struct req *r)
{
	unsigned char	 key[TOTP_SECRET_BYTES], blob[MAX_TOTP_BLOB];
	struct pending	 p;
	size_t		 n;
	uint64_t	 changed;
	int		 rc;

	randombytes_buf(key, sizeof(key));
	rc = totp_seal(key, sizeof(key), blob, &n);
	sodium_memzero(key, sizeof(key));
	if (rc != RC_OK)
		return RC_ERROR;
	p.blob = blob;
	p.n = n;
	if (req_txn(r, pending_tx, &p) != RC_OK)
		return req_down(r);
	changed = p.changed;
	if (changed == 0)
		req_flash(r, "ok", "2-step verification is already on.");
	req_redirect(r, changed ? "/settings/profile/2fa" : PROFILE);
	return RC_OK;
}

/*
 * The page with the recovery codes, shown once (status 200), why they
 * were made.  Returns RC_OK, or RC_ERROR on exhaustion.
 */
static int
codes_render(struct req *r, const char *why,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	xmlNodePtr	 n;
	int		 i;

	r->status = 200;
	if (xml_page(r, "recovery-codes") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "recovery-codes", NULL);
	xml_attr(n, "reason", why);
	xml_attr(n, "email", r->s->email);
	for (i = 0; i < RECOVERY_CODES; i++)
		xml_el(n, "code", codes[i]);
	return RC_OK;
}

/* Re-draws the set-up page with one error on the code (422). */
static int
setup_refuse(struct req *r, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "twofa") == NULL)
		return RC_ERROR;
	xml_error(r, "code", msg);
	return setup_render(r);
}

/* The notice of a change of one's 2-step verification. */
static void
twofa_notice(struct req *r, const char *what)
{
	mail_notice(r->s->email, r->s->user_name,
	    arena_printf(r->a, "2-step verification: %s", what),
	    arena_printf(r->a,
	    "Hello,\n\n"
	    "2-step verification of your Steward login %s: %s, from the "
	    "address %s. Your other sessions were signed out.\n\n"
	    "If this was not you, reset your password now:\n"
	    "%s/password/forgot\n"
	    "and tell an Admin of your organization.\n",
	    r->s->email, what, r->ip, req_client_origin(r)));
}

/* The arguments of enable_store(). */
struct enable {
	const struct dbres	*st;
	long long		 step;
	char			(*codes)[RECOVERY_LEN + 1];
	uint64_t		*n;
	int			 stale;	/* out: a newer secret came (*n 0) */
};

/* req_txn_fn: enable_store()'s transaction (rolled back when *n is not
 * 1: a newer secret came). */
static int
enable_tx(struct req *r, void *arg)
{
	struct enable	*e = arg;
	int		 rc;

	*e->n = 0;
	e->stale = 0;
	if ((rc = db_exec(r->db, r->a, STMT_TOTP_ENABLE, NULL, e->n, NULL,
	    "iub", e->step, r->s->user_id, db_cell(e->st, 0, TG_PENDING),
	    e->st->len[TG_PENDING])) != RC_OK)
		return rc;
	if (*e->n != 1) {
		e->stale = 1;
		*e->n = 0;
		return RC_ERROR;
	}
	if ((rc = recovery_issue(r->db, r->a, r->s->user_id, e->codes)) !=
	    RC_OK || (rc = db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL,
	    NULL, NULL, "uu", r->s->user_id, r->s->id)) != RC_OK)
		return rc;
	return audit_req(r, "2fa.enable", "");
}

/*
 * Turns 2-step verification on with the pending secret of st, which
 * showed code at step, in one transaction: ten new recovery codes into
 * codes, the other sessions ended, audited.  Returns an rc; RC_OK with
 * *n 0 (nothing changed) when a newer secret came meanwhile.
 */
static int
enable_store(struct req *r, const struct dbres *st, long long step,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1], uint64_t *n)
{
	struct enable	 e = { st, step, codes, n, 0 };
	int		 rc;

	rc = req_txn(r, enable_tx, &e);
	return e.stale ? RC_OK : rc;
}

/*
 * POST /settings/profile/2fa/enable (code): when code is right for the
 * pending secret, 2-step verification is on, that code is used up, ten
 * recovery codes are issued and shown once (200), the other sessions
 * end, audited, mailed.  422 for a wrong code or no pending secret, 500
 * when the secret does not open, 503 without a database.
 */
int
page_profile_2fa_enable_post(struct req *r)
{
	const char	*code = in_str(r, "code");
	unsigned char	 key[TOTP_SECRET_BYTES];
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	struct dbres	 st;
	long long	 step;
	uint64_t	 n = 0;
	int		 rc;

	if (code == NULL)
		return setup_refuse(r, in_error(r, "code"));
	if (twofa_state(r->db, r->a, r->s->user_id, &st) != RC_OK)
		return req_down(r);
	if (db_u64(&st, 0, TG_ENABLED) != 0) {
		req_flash(r, "ok", "2-step verification is already on.");
		req_redirect(r, PROFILE);
		return RC_OK;
	}
	if (db_cell(&st, 0, TG_PENDING) == NULL)
		return setup_refuse(r, "Start the set-up first: there is no "
		    "secret to check the code against.");
	if (totp_open((const unsigned char *)db_cell(&st, 0, TG_PENDING),
	    st.len[TG_PENDING], key) != RC_OK) {
		r->status = 500;
		return RC_ERROR;
	}
	step = totp_match(key, sizeof(key), (long long)time(NULL), code);
	sodium_memzero(key, sizeof(key));
	if (step < 0)
		return setup_refuse(r, "That code is not right. Check that "
		    "the app shows Steward and enter the code it shows now.");
	if ((rc = enable_store(r, &st, step, codes, &n)) == RC_OK && n != 1)
		return setup_refuse(r, "The set-up was restarted elsewhere. Scan "
		    "the new code and try again.");
	if (rc != RC_OK)
		return req_down(r);
	r->s->enroll = 0;
	twofa_notice(r, "turned on");
	rc = codes_render(r, "enabled", codes);
	sodium_memzero(codes, sizeof(codes));
	return rc;
}

/*
 * Re-draws the profile with one error on form (422, or 429 while
 * throttled).
 */
static int
form_refuse(struct req *r, const char *form, const char *field,
    const char *msg)
{
	struct profile_refill	 f = { form, NULL, NULL, NULL };

	return profile_refuse(r, r->retry_after ? 429 : 422, &f, field, msg);
}

/*
 * Why 2-step verification cannot be turned off before the password is
 * checked (NULL: it can), with its field in *field; the 2-step state into
 * st.  Returns an rc.
 */
static int
disable_refusal(struct req *r, struct dbres *st, const char **field,
    const char **why)
{
	struct dbres	 pr;
	int		 rc;

	*field = NULL;
	*why = NULL;
	if ((rc = db_exec(r->db, r->a, STMT_USER_PROFILE, &pr, NULL, NULL,
	    "uu", r->s->account_id, r->s->user_id)) != RC_OK ||
	    (rc = twofa_state(r->db, r->a, r->s->user_id, st)) != RC_OK)
		return rc;
	if (pr.nrows != 1)
		return RC_ERROR;
	if (db_u64(st, 0, TG_ENABLED) == 0)
		*why = "2-step verification is already off.";
	else if (db_u64(&pr, 0, UP_REQUIRE_2FA) != 0)
		*why = "Your organization requires 2-step verification, so it "
		    "cannot be turned off.";
	else if ((*why = in_error(r, "code")) != NULL)
		*field = "code";
	return RC_OK;
}

/* A turning off checked and made by disable_tx(). */
struct disable {
	const struct dbres	*st;	/* the 2-step state */
	int			 wrong;	/* out: the code was wrong */
};

/*
 * req_txn_fn: uses the code typed (TOTP or recovery) and, when it was
 * right, turns 2-step verification off: secret and recovery codes gone,
 * the other sessions ended, audited.  RC_ERROR (rolled back) with wrong
 * set for a wrong code; another rc on a database error.
 */
static int
disable_tx(struct req *r, void *arg)
{
	struct disable	*d = arg;
	enum twofa_code	 used;
	int		 rc;

	d->wrong = 0;
	if ((rc = twofa_check(r, r->s->user_id, d->st, in_str(r, "code"),
	    &used)) != RC_OK)
		return rc;
	if (used == CODE_WRONG) {
		d->wrong = 1;
		return RC_ERROR;
	}
	if ((rc = db_exec(r->db, r->a, STMT_TOTP_DISABLE, NULL, NULL, NULL,
	    "u", r->s->user_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_RECOVERY_CLEAR, NULL, NULL, NULL,
	    "u", r->s->user_id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL,
	    NULL, "uu", r->s->user_id, r->s->id)) != RC_OK)
		return rc;
	return audit_req(r, "2fa.disable", used == CODE_RECOVERY ?
	    "with a recovery code" : "");
}

/*
 * POST /settings/profile/2fa/disable (password, code): turns 2-step
 * verification off when both are right (the code is used up either way
 * it was right); recovery codes gone, other sessions ended, audited,
 * mailed; 303 to the profile.  422 for a wrong password or code, when it
 * is off already, or when the organization requires it; 429 while
 * throttled; 503 without a database.
 */
int
page_profile_2fa_disable_post(struct req *r)
{
	const char	*why, *field;
	struct dbres	 st;
	struct disable	 d;
	int		 rc;

	if (disable_refusal(r, &st, &field, &why) != RC_OK)
		return req_down(r);
	if (why != NULL)
		return form_refuse(r, "disable", field, why);
	if (current_password(r, &why) != RC_OK)
		return why == NULL ? RC_ERROR :
		    form_refuse(r, "disable", "password", why);
	d.st = &st;
	rc = req_txn(r, disable_tx, &d);
	if (d.wrong) {
		(void)throttle_fail(r, r->s->email);
		return form_refuse(r, "disable", "code", "That code is not "
		    "right, or was used already.");
	}
	if (rc != RC_OK)
		return req_down(r);
	twofa_notice(r, "turned off");
	req_flash(r, "ok", "2-step verification is off. Your other sessions "
	    "were signed out.");
	req_redirect(r, PROFILE);
	return RC_OK;
}

/* req_txn_fn: ten new recovery codes (into arg, a char
 * [RECOVERY_CODES][RECOVERY_LEN + 1]), the other sessions ended, audited. */
static int
recovery_tx(struct req *r, void *arg)
{
	char	(*codes)[RECOVERY_LEN + 1] = arg;
	int	 rc;

	if ((rc = recovery_issue(r->db, r->a, r->s->user_id, codes)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL,
	    NULL, "uu", r->s->user_id, r->s->id)) != RC_OK)
		return rc;
	return audit_req(r, "2fa.recovery.new", "");
}

/*
 * POST /settings/profile/2fa/recovery (password): ten new recovery codes
 * (the old ones stop working), shown once (200), other sessions ended,
 * audited, mailed.  422 for a wrong password or when 2-step verification
 * is off, 429 while throttled, 503 without a database.
 */
int
page_profile_2fa_recovery_post(struct req *r)
{
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	const char	*why;
	struct dbres	 st;
	int		 rc;

	if (twofa_state(r->db, r->a, r->s->user_id, &st) != RC_OK)
		return req_down(r);
	if (db_u64(&st, 0, TG_ENABLED) == 0)
		return form_refuse(r, "recovery", NULL, "Turn on 2-step "
		    "verification first.");
	if (current_password(r, &why) != RC_OK)
		return why == NULL ? RC_ERROR :
		    form_refuse(r, "recovery", "password", why);
	if (req_txn(r, recovery_tx, codes) != RC_OK) {
		sodium_memzero(codes, sizeof(codes));
		return req_down(r);
	}
	twofa_notice(r, "new recovery codes were made (the old ones no longer "
	    "work)");
	rc = codes_render(r, "regenerated", codes);
	sodium_memzero(codes, sizeof(codes));
	return rc;
}
