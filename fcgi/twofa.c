/*
 * What the pages of the profile part share: notice mails, the way back
 * after the second step of sign-in, re-checking the current password
 * (throttled like a sign-in), lock-out notices, issuing recovery codes,
 * and the reset of a user's 2-step verification (web and steward-admin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "twofa.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "decode.h"
#include "hash.h"
#include "limits.h"
#include "log.h"
#include "mail.h"
#include "request.h"
#include "throttle.h"
#include "totp.h"
#include "valid.h"

/*
 * Sends a notice about a change already made; a failure is logged, not
 * shown (the change stands, and the mail can't be taken back anyway).
 */
void
notice(const char *to, const char *name, const char *subject, const char *text)
{
	struct mail	 m;
	char		 err[256];

	if (to == NULL || subject == NULL || text == NULL)
		return;
	m.to_addr = to;
	m.to_name = name;
	m.subject = subject;
	m.text = text;
	if (mail_send(&m, err, sizeof(err)) == -1)
		log_error("notice \"%s\" to %s: %s", subject, to, err);
}

/*
 * The local page to go to after signing in: next when it is a local path
 * that is not a sign-in page, else /settings.
 */
const char *
profile_next(const char *next)
{
	if (next == NULL || !valid_check(VALID_LOCAL_PATH, next, strlen(next)) ||
	    strncmp(next, "/login", 6) == 0 || strncmp(next, "/logout", 7) == 0)
		return "/settings";
	return next;
}

/* "/login/verify", with ?next= (percent-encoded) unless next is /settings. */
const char *
verify_location(struct arena *a, const char *next)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*q, *p;

	next = profile_next(next);
	if (strcmp(next, "/settings") == 0)
		return "/login/verify";
	if ((q = arena_alloc(a, strlen(next) * 3 + 1)) == NULL)
		return "/login/verify";
	for (p = q; *next != '\0'; next++)
		if (strchr("?&=%#+ ", *next) != NULL) {
			*p++ = '%';
			*p++ = hex[(unsigned char)*next >> 4];
			*p++ = hex[*next & 15];
		} else
			*p++ = *next;
	*p = '\0';
	return arena_printf(a, "/login/verify?next=%s", q);
}

/*
 * The failure count at which an email's sign-in delay first reaches
 * THROTTLE_MAX_DELAY (fcgi/throttle.c: 2^(failures - free) seconds).
 */
int
throttle_cap_failures(void)
{
	int	 f = THROTTLE_FREE_EMAIL + 1;

	while ((1L << (f - THROTTLE_FREE_EMAIL)) < THROTTLE_MAX_DELAY)
		f++;
	return f;
}

/*
 * After a failed sign-in (or code) of a known user: when the email's
 * failures just reached the cap, the user row says until when sign-in is
 * held back, the audit log says so, and the user gets a notice.
 */
void
lockout_check(struct req *r, uint64_t user, const char *email)
{
	unsigned char	 h[HASH_BYTES];
	struct dbres	 res;

	throttle_key("email", email, h);
	if (db_exec(r->db, r->a, STMT_THROTTLE_FAILURES, &res, NULL, NULL, "b",
	    h, sizeof(h)) != RC_OK || res.nrows != 1 ||
	    (int)db_u64(&res, 0, 0) != throttle_cap_failures())
		return;
	if (db_exec(r->db, r->a, STMT_USER_LOCK, NULL, NULL, NULL, "iu",
	    (long long)THROTTLE_MAX_DELAY, user) != RC_OK)
		return;
	(void)audit(r->db, first_account(r->db, r->a, user), user,
	    "user.locked", email, r->ip);
	notice(email, NULL, "Sign-in to Steward is paused after failed attempts",
	    arena_printf(r->a,
	    "Hello,\n\n"
	    "There were %d failed attempts to sign in to Steward as %s, the last "
	    "one from the address %s. Further attempts are refused for %d "
	    "minutes at a time.\n\n"
	    "If this was you, wait and try again, or reset your password:\n"
	    "%s/password/forgot\n\n"
	    "If it was not you, your password is still safe as long as nobody "
	    "knows it; an Admin can lift the pause (steward-admin user-unlock).\n",
	    throttle_cap_failures(), email, r->ip, THROTTLE_MAX_DELAY / 60,
	    req_client_origin(r)));
}

/*
 * Checks pw against the signed-in user's password, throttled and counted
 * like a sign-in.  Returns 0 when it matches; otherwise sets the error to
 * show in *why (or r->status for 503) and returns -1.
 */
int
current_password(struct req *r, const char *pw, const char **why)
{
	struct dbres	 res;
	enum pw_result	 pr;
	int		 wait;

	*why = NULL;
	if (pw == NULL || *pw == '\0') {
		*why = "Enter your current password.";
		return -1;
	}
	if ((wait = throttle_wait(r, r->s->email)) < 0)
		goto down;
	if (wait > 0) {
		r->retry_after = wait;
		*why = arena_printf(r->a, "Too many attempts. Try again in %d "
		    "seconds.", wait);
		return -1;
	}
	if (db_exec(r->db, r->a, STMT_USER_PASSWORD, &res, NULL, NULL, "u",
	    r->s->user_id) != RC_OK || res.nrows != 1)
		goto down;
	pr = valid_check(VALID_LOGIN_PASSWORD, pw, strlen(pw)) ?
	    password_verify(db_cell(&res, 0, 0), pw, strlen(pw)) : PW_MISMATCH;
	if (pr == PW_OK)
		return 0;
	if (pr == PW_BUSY)
		goto down;
	(void)throttle_fail(r, r->s->email);
	(void)audit(r->db, r->s->account_id, r->s->user_id, "password.wrong",
	    "", r->ip);
	lockout_check(r, r->s->user_id, r->s->email);
	*why = "The password is not correct.";
	return -1;
down:
	r->status = 503;
	return -1;
}

/*
 * Replaces user's recovery codes with RECOVERY_CODES new ones, stored as
 * keyed hashes (inside the caller's transaction); the codes in clear go
 * to codes.  Returns an rc.
 */
int
recovery_issue(struct db *db, struct arena *a, uint64_t user,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	char		 norm[RECOVERY_CHARS + 1];
	unsigned char	 h[HASH_BYTES];
	int		 i, rc;

	if ((rc = db_exec(db, a, STMT_RECOVERY_CLEAR, NULL, NULL, NULL, "u",
	    user)) != RC_OK)
		return rc;
	for (i = 0; i < RECOVERY_CODES; i++) {
		do
			recovery_new(codes[i]);
		while (recovery_normalize(codes[i], norm) == -1);
		recovery_hash(user, norm, h);
		rc = db_exec(db, a, STMT_RECOVERY_NEW, NULL, NULL, NULL, "ub",
		    user, h, sizeof(h));
		if (rc == RC_DUP) {	/* the same code twice: draw again */
			i--;
			continue;
		}
		if (rc != RC_OK)
			return rc;
	}
	sodium_memzero(norm, sizeof(norm));
	return RC_OK;
}

/* The user's first account (for the audit log of signed-out changes). */
uint64_t
first_account(struct db *db, struct arena *a, uint64_t user)
{
	struct dbres	 res;

	if (db_exec(db, a, STMT_FIRST_MEMBERSHIP, &res, NULL, NULL, "u",
	    user) != RC_OK || res.nrows != 1)
		return 0;
	return db_u64(&res, 0, 0);
}

/*
 * Turns user's 2-step verification off: secret and recovery codes gone,
 * every session ended, audited (account, actor 0: steward-admin), in one
 * transaction; then the user gets a notice.  -1 with a message in err.
 */
int
twofa_reset(struct db *db, struct arena *a, uint64_t user, const char *email,
    const char *name, uint64_t account, uint64_t actor, const char *ip,
    char *err, size_t errlen)
{
	if (account == 0)
		account = first_account(db, a, user);
	if (db_begin(db) != RC_OK) {
		snprintf(err, errlen, "database unavailable");
		return -1;
	}
	if (db_exec(db, a, STMT_TOTP_DISABLE, NULL, NULL, NULL, "u", user) != RC_OK ||
	    db_exec(db, a, STMT_RECOVERY_CLEAR, NULL, NULL, NULL, "u", user) != RC_OK ||
	    db_exec(db, a, STMT_SESSION_END_ALL, NULL, NULL, NULL, "u", user) != RC_OK ||
	    audit(db, account, actor, "2fa.reset", email, ip) != RC_OK ||
	    db_commit(db) != RC_OK) {
		db_rollback(db);
		snprintf(err, errlen, "database error: nothing was changed");
		return -1;
	}
	notice(email, name, "Your 2-step verification was turned off",
	    arena_printf(a,
	    "Hello,\n\n"
	    "%s turned off 2-step verification for your Steward login %s, and "
	    "signed you out everywhere.\n\n"
	    "Sign in with your password and turn it on again on your Profile "
	    "page (your old authenticator entry and recovery codes no longer "
	    "work).\n\n"
	    "If you did not ask for this, tell an Admin of your organization.\n",
	    actor ? "An Admin of your account" : "An administrator", email));
	return 0;
}

/* The ?page= of a list (1 when absent or not a number in range). */
int
list_page(struct req *r)
{
	const char	*p = kv_get(&r->query, "page");
	char		*end;
	long		 n;

	if (p == NULL || *p == '\0')
		return 1;
	n = strtol(p, &end, 10);
	return *end != '\0' || n < 1 || n > MAX_LIST_PAGE ? 1 : (int)n;
}
