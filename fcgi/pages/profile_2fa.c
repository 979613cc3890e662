/*
 * 2-step verification of one's own login: set-up (a fresh secret shown
 * as a QR code and as text, turned on only by a correct code), recovery
 * codes (shown once, stored as keyed hashes), turning it off (password
 * and a code), new recovery codes (password); and an Admin's reset of a
 * member's.  Every change ends the user's other sessions, is audited in
 * its transaction and mailed as a notice.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
#include "../throttle.h"
#include "../totp.h"
#include "../twofa.h"
#include "../valid.h"
#include "../xml.h"

#define PROFILE	"/settings/profile"

/* The user's 2-step state (STMT_TOTP_GET) into res; an rc. */
static int
totp_state(struct req *r, uint64_t user, struct dbres *res)
{
	int	 rc = db_exec(r->db, r->a, STMT_TOTP_GET, res, NULL, NULL, "u",
	    user);

	return rc == RC_OK && res->nrows != 1 ? RC_ERROR : rc;
}

/*
 * <twofa-setup>: the pending secret as base32, otpauth:// address and QR
 * path, or pending="no" when none is being set up.  -1 when the sealed
 * secret does not open (another key file).
 */
static int
add_setup(struct req *r, const struct dbres *st)
{
	unsigned char	 key[TOTP_SECRET_BYTES];
	char		 b32[TOTP_SECRET_B32 + 1];
	const char	*uri, *path;
	xmlNodePtr	 n, q;
	int		 size = 0, rc = 0;

	n = xml_el(r->root, "twofa-setup", NULL);
	xml_attr_yes(n, "required", r->s->enroll);
	xml_attr_yes(n, "pending", db_cell(st, 0, 2) != NULL);
	if (db_cell(st, 0, 2) == NULL)
		return 0;
	if (totp_open((const unsigned char *)db_cell(st, 0, 2), st->len[2],
	    key) == -1) {
		log_error("user %llu: pending TOTP secret does not open",
		    (unsigned long long)r->s->user_id);
		return -1;
	}
	base32_encode(key, sizeof(key), b32, sizeof(b32));
	if ((uri = totp_uri(r->a, r->s->email, b32)) == NULL ||
	    (path = qr_path(r->a, uri, &size)) == NULL) {
		rc = -1;
		goto out;
	}
	xml_el(n, "secret", b32);
	xml_el(n, "uri", uri);
	q = xml_el(n, "qr", NULL);
	xml_attr_i(q, "size", size);
	xml_attr(q, "path", path);
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(b32, sizeof(b32));
	return rc;
}

/*
 * Draws the set-up page (status set by the caller, errors added before);
 * with 2-step verification already on, 303 to the profile instead.
 */
static int
setup_render(struct req *r)
{
	struct dbres	 st;

	if (totp_state(r, r->s->user_id, &st) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (db_u64(&st, 0, 0) != 0) {
		req_redirect(r, PROFILE);
		return 0;
	}
	if (r->doc == NULL && xml_page(r, "twofa") == NULL)
		return -1;
	if (add_setup(r, &st) == -1) {
		r->status = 500;
		return -1;
	}
	return 0;
}

/* GET /settings/profile/2fa: the set-up page. */
int
page_twofa(struct req *r)
{
	return setup_render(r);
}

/*
 * POST /settings/profile/2fa/start: a fresh secret, sealed, kept as the
 * pending one (any earlier pending one is replaced); 303 to the set-up
 * page.  Audited.
 */
int
page_twofa_start_post(struct req *r)
{
	unsigned char	 key[TOTP_SECRET_BYTES], blob[MAX_TOTP_BLOB];
	size_t		 n;
	uint64_t	 changed = 0;

	randombytes_buf(key, sizeof(key));
	if (totp_seal(key, sizeof(key), blob, &n) == -1) {
		sodium_memzero(key, sizeof(key));
		return -1;
	}
	sodium_memzero(key, sizeof(key));
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_TOTP_PENDING_SET, NULL, &changed, NULL,
	    "bu", blob, n, r->s->user_id) != RC_OK ||
	    audit_req(r, "2fa.setup", "") != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	if (changed == 0)
		req_flash(r, "ok", "2-step verification is already on.");
	req_redirect(r, changed ? "/settings/profile/2fa" : PROFILE);
	return 0;
down:
	r->status = 503;
	return -1;
}

/* The page with the recovery codes, shown once (status 200). */
static int
codes_render(struct req *r, const char *why,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	xmlNodePtr	 n;
	int		 i;

	r->status = 200;
	if (xml_page(r, "recovery-codes") == NULL)
		return -1;
	n = xml_el(r->root, "recovery-codes", NULL);
	xml_attr(n, "reason", why);
	xml_attr(n, "email", r->s->email);
	for (i = 0; i < RECOVERY_CODES; i++)
		xml_el(n, "code", codes[i]);
	return 0;
}

/* Re-draws the set-up page with one error on the code (422). */
static int
setup_refuse(struct req *r, int status, const char *msg)
{
	r->status = status;
	if (xml_page(r, "twofa") == NULL)
		return -1;
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

/*
 * POST /settings/profile/2fa/enable (code): when code is right for the
 * pending secret, 2-step verification is on, that code is used up, ten
 * recovery codes are issued and shown once (200), the other sessions
 * end, audited, mailed.  422 for a wrong code or no pending secret, 503
 * without a database.
 */
int
page_twofa_enable_post(struct req *r)
{
	const char	*code = kv_get(&r->form, "code");
	unsigned char	 key[TOTP_SECRET_BYTES];
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	struct dbres	 st;
	long long	 step;
	uint64_t	 n = 0;
	int		 rc;

	if (code == NULL || *code == '\0')
		return setup_refuse(r, 422, "Enter the 6-digit code from your "
		    "authenticator app.");
	if (!valid_check(VALID_TOTP_CODE, code, strlen(code)))
		return setup_refuse(r, 422, valid_message(VALID_TOTP_CODE));
	if (totp_state(r, r->s->user_id, &st) != RC_OK)
		goto down;
	if (db_u64(&st, 0, 0) != 0) {
		req_flash(r, "ok", "2-step verification is already on.");
		req_redirect(r, PROFILE);
		return 0;
	}
	if (db_cell(&st, 0, 2) == NULL)
		return setup_refuse(r, 422, "Start the set-up first: there is no "
		    "secret to check the code against.");
	if (totp_open((const unsigned char *)db_cell(&st, 0, 2), st.len[2],
	    key) == -1) {
		r->status = 500;
		return -1;
	}
	step = totp_match(key, sizeof(key), (long long)time(NULL), code);
	sodium_memzero(key, sizeof(key));
	if (step < 0)
		return setup_refuse(r, 422, "That code is not right. Check that "
		    "the app shows Steward and enter the code it shows now.");
	if (db_begin(r->db) != RC_OK)
		goto down;
	if ((rc = db_exec(r->db, r->a, STMT_TOTP_ENABLE, NULL, &n, NULL, "iub",
	    step, r->s->user_id, db_cell(&st, 0, 2), st.len[2])) != RC_OK ||
	    n != 1 || recovery_issue(r->db, r->a, r->s->user_id, codes) != RC_OK ||
	    db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK ||
	    audit_req(r, "2fa.enable", "") != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		if (rc == RC_OK && n != 1)	/* a newer secret came meanwhile */
			return setup_refuse(r, 422, "The set-up was restarted "
			    "elsewhere. Scan the new code and try again.");
		goto down;
	}
	r->s->enroll = 0;
	twofa_notice(r, "turned on");
	rc = codes_render(r, "enabled", codes);
	sodium_memzero(codes, sizeof(codes));
	return rc;
down:
	r->status = 503;
	return -1;
}

/* Re-draws the profile with one error on form (422, or 429 throttled). */
static int
profile_refuse(struct req *r, const char *form, const char *field,
    const char *msg)
{
	r->status = r->retry_after ? 429 : 422;
	if (xml_page(r, "profile") == NULL)
		return -1;
	xml_error(r, field, msg);
	return profile_render(r, form, NULL, NULL, NULL);
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
page_twofa_disable_post(struct req *r)
{
	const char	*code = kv_get(&r->form, "code"), *why;
	struct dbres	 st, pr;
	int		 ok, recovery;

	if (db_exec(r->db, r->a, STMT_PROFILE_GET, &pr, NULL, NULL, "ssuu",
	    r->s->timezone, r->s->timezone, r->s->account_id,
	    r->s->user_id) != RC_OK || pr.nrows != 1 ||
	    totp_state(r, r->s->user_id, &st) != RC_OK)
		goto down;
	if (db_u64(&st, 0, 0) == 0)
		return profile_refuse(r, "disable", NULL,
		    "2-step verification is already off.");
	if (db_u64(&pr, 0, 7) != 0)
		return profile_refuse(r, "disable", NULL, "Your organization "
		    "requires 2-step verification, so it cannot be turned off.");
	if (code == NULL || *code == '\0')
		return profile_refuse(r, "disable", "code", "Enter a code from "
		    "your authenticator app, or a recovery code.");
	if (current_password(r, kv_get(&r->form, "password"), &why) == -1)
		return why == NULL ? -1 :
		    profile_refuse(r, "disable", "password", why);
	if (db_begin(r->db) != RC_OK)
		goto down;
	if ((ok = twofa_check(r, r->s->user_id, &st, code, &recovery)) != 1) {
		db_rollback(r->db);
		if (ok == -1)
			goto down;
		(void)throttle_fail(r, r->s->email);
		return profile_refuse(r, "disable", "code", "That code is not "
		    "right, or was used already.");
	}
	if (db_exec(r->db, r->a, STMT_TOTP_DISABLE, NULL, NULL, NULL, "u",
	    r->s->user_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_RECOVERY_CLEAR, NULL, NULL, NULL, "u",
	    r->s->user_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK ||
	    audit_req(r, "2fa.disable",
	    recovery ? "with a recovery code" : "") != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	twofa_notice(r, "turned off");
	req_flash(r, "ok", "2-step verification is off. Your other sessions "
	    "were signed out.");
	req_redirect(r, PROFILE);
	return 0;
down:
	r->status = 503;
	return -1;
}

/*
 * POST /settings/profile/2fa/recovery (password): ten new recovery codes
 * (the old ones stop working), shown once (200), other sessions ended,
 * audited, mailed.  422 for a wrong password or when 2-step verification
 * is off, 429 while throttled, 503 without a database.
 */
int
page_twofa_recovery_post(struct req *r)
{
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	const char	*why;
	struct dbres	 st;
	int		 rc;

	if (totp_state(r, r->s->user_id, &st) != RC_OK)
		goto down;
	if (db_u64(&st, 0, 0) == 0)
		return profile_refuse(r, "recovery", NULL, "Turn on 2-step "
		    "verification first.");
	if (current_password(r, kv_get(&r->form, "password"), &why) == -1)
		return why == NULL ? -1 :
		    profile_refuse(r, "recovery", "password", why);
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (recovery_issue(r->db, r->a, r->s->user_id, codes) != RC_OK ||
	    db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK ||
	    audit_req(r, "2fa.recovery.new", "") != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	twofa_notice(r, "new recovery codes were made (the old ones no longer "
	    "work)");
	rc = codes_render(r, "regenerated", codes);
	sodium_memzero(codes, sizeof(codes));
	return rc;
down:
	r->status = 503;
	return -1;
}

/* The page to return to: a /settings page named by "back", or the Users page. */
static const char *
reset_back(struct req *r)
{
	const char	*b = kv_get(&r->form, "back");

	if (b != NULL && valid_check(VALID_LOCAL_PATH, b, strlen(b)) &&
	    strncmp(b, "/settings", 9) == 0 && (b[9] == '\0' || b[9] == '/'))
		return b;
	return "/settings/users";
}

/*
 * POST /settings/users/2fa-reset (user): an Admin turns off a member's
 * 2-step verification (twofa_reset: audited, all their sessions ended,
 * mailed); 303 back with a flash.  404 when the id is not a member of
 * this account; 403 for one's own (use the Profile page) and for a login
 * that also belongs to another organization (whose Admins did not agree);
 * 503 without a database.
 */
int
page_twofa_reset_post(struct req *r)
{
	const char	*id = kv_get(&r->form, "user");
	struct dbres	 res, other;
	char		 err[256], *end;
	uint64_t	 user = 0;

	if (id != NULL && *id >= '1' && *id <= '9' && strlen(id) <= 19) {
		user = strtoull(id, &end, 10);
		if (*end != '\0')
			user = 0;
	}
	if (user != 0 && db_exec(r->db, r->a, STMT_MEMBER_USER, &res, NULL,
	    NULL, "uu", r->s->account_id, user) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (user == 0 || res.nrows != 1) {
		page_error(r, 404, "There is no such member of this account.");
		return 0;
	}
	if (user == r->s->user_id) {
		page_error(r, 403, "Turn off your own 2-step verification on "
		    "your Profile page.");
		return 0;
	}
	if (db_exec(r->db, r->a, STMT_MEMBER_OTHER_ORGS, &other, NULL, NULL,
	    "uu", user, r->s->account_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (db_u64(&other, 0, 0) != 0) {	/* one login, several owners */
		page_error(r, 403, "This login also belongs to another "
		    "organization, so only a Steward administrator can reset its "
		    "2-step verification (steward-admin user-reset-2fa).");
		return 0;
	}
	if (db_u64(&res, 0, 3) == 0) {
		req_flash(r, "ok", arena_printf(r->a, "%s has no 2-step "
		    "verification to reset.", db_cell(&res, 0, 1)));
		req_redirect(r, reset_back(r));
		return 0;
	}
	if (twofa_reset(r->db, r->a, user, db_cell(&res, 0, 1),
	    db_cell(&res, 0, 2), r->s->account_id, r->s->user_id, r->ip, err,
	    sizeof(err)) == -1) {
		log_error("2fa reset of user %llu: %s", (unsigned long long)user,
		    err);
		r->status = 503;
		return -1;
	}
	req_flash(r, "ok", arena_printf(r->a, "2-step verification of %s was "
	    "reset; they were signed out and told by mail.",
	    db_cell(&res, 0, 1)));
	req_redirect(r, reset_back(r));
	return 0;
}
