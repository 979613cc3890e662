/*
 * What the pages of the profile part share: notice mails, the way back
 * after the second step of sign-in, re-checking the current password
 * (throttled like a sign-in), lock-out notices, issuing recovery codes,
 * and the reset of a user's 2-step verification (web and steward-admin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "twofa.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "limits.h"
#include "mail.h"
#include "rc.h"
#include "request.h"
#include "totp.h"
#include "valid.h"

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
	mail_notice(email, name, "Your 2-step verification was turned off",
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

/*
 * Checks a code of the signed-in user's active secret: a TOTP code not
 * used before (its step then recorded), or an unused recovery code (then
 * used up), inside the caller's transaction.  Returns 1 when it was
 * right, 0 when not, -1 when the database or the key fails.
 */
int
twofa_check(struct req *r, uint64_t user, const struct dbres *st,
    const char *code, int *recovery)
{
	unsigned char	 key[TOTP_SECRET_BYTES], h[HASH_BYTES];
	char		 norm[RECOVERY_CHARS + 1];
	long long	 step;
	uint64_t	 n = 0;

	*recovery = 0;
	if (valid_check(VALID_TOTP_CODE, code, strlen(code))) {
		if (totp_open((const unsigned char *)db_cell(st, 0, 1),
		    st->len[1], key) == -1)
			return -1;
		step = totp_match(key, sizeof(key), (long long)time(NULL), code);
		sodium_memzero(key, sizeof(key));
		if (step < 0)
			return 0;
		if (db_exec(r->db, r->a, STMT_TOTP_USE_STEP, NULL, &n, NULL,
		    "iui", step, user, step) != RC_OK)
			return -1;
		return n == 1;
	}
	if (recovery_normalize(code, norm) == -1)
		return 0;
	recovery_hash(user, norm, h);
	sodium_memzero(norm, sizeof(norm));
	if (db_exec(r->db, r->a, STMT_RECOVERY_USE, NULL, &n, NULL, "ub", user,
	    h, sizeof(h)) != RC_OK)
		return -1;
	*recovery = n == 1;
	return n == 1;
}
