/*
 * 2-step verification of a login, what touches the database:
 * its state, checking a code of the active secret, issuing recovery
 * codes, and turning it off for someone else (an Admin on the Users
 * page, steward-admin user-reset-2fa).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "twofa.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "limits.h"
#include "mail.h"
#include "provision.h"
#include "rc.h"
#include "request.h"
#include "totp.h"
#include "valid.h"

/*
 * The 2-step state of user (STMT_TOTP_GET, columns TG_*) into res.
 * Returns an rc; RC_ERROR when there is no such user.
 */
int
twofa_state(struct db *db, struct arena *a, uint64_t user, struct dbres *res)
{
	int	 rc = db_exec(db, a, STMT_TOTP_GET, res, NULL, NULL, "u", user);

	return rc == RC_OK && res->nrows != 1 ? RC_ERROR : rc;
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
		while (recovery_normalize(codes[i], norm) != RC_OK);
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

/* A reset made by reset_tx(). */
struct reset {
	struct arena	*a;
	uint64_t	 user;
	const char	*email;
	uint64_t	 account, actor;
	const char	*ip;
};

/* db_txn_fn: twofa_reset()'s transaction. */
static int
reset_tx(struct db *db, void *arg)
{
	struct reset	*rs = arg;
	uint64_t	 passkeys = 0;
	int		 rc;

	if ((rc = db_exec(db, rs->a, STMT_TOTP_DISABLE, NULL, NULL, NULL, "u",
	    rs->user)) != RC_OK ||
	    (rc = db_exec(db, rs->a, STMT_RECOVERY_CLEAR, NULL, NULL, NULL, "u",
	    rs->user)) != RC_OK ||
	    (rc = db_exec(db, rs->a, STMT_PASSKEYS_DELETE_USER, NULL, &passkeys,
	    NULL, "u", rs->user)) != RC_OK ||
	    (rc = db_exec(db, rs->a, STMT_SESSION_END_ALL, NULL, NULL, NULL, "u",
	    rs->user)) != RC_OK ||
	    (rc = audit(db, rs->account, rs->actor, "2fa.reset", rs->email,
	    rs->ip)) != RC_OK)
		return rc;
	if (passkeys == 0)
		return RC_OK;
	return audit(db, rs->account, rs->actor, "passkey.reset",
	    arena_printf(rs->a, "%s: %llu passkeys", rs->email,
	    (unsigned long long)passkeys), rs->ip);
}

/*
 * Turns user's 2-step verification off: secret, recovery codes and
 * passkeys gone (passkey.reset audited when there were any), every
 * session ended, audited (account, actor 0: steward-admin), in one
 * transaction; then the user gets a notice.  Returns RC_OK, or RC_ERROR
 * with a message in err (nothing changed).
 */
int
twofa_reset(struct db *db, struct arena *a, uint64_t user, const char *email,
    const char *name, uint64_t account, uint64_t actor, const char *ip,
    char *err, size_t errlen)
{
	struct reset	 rs = { a, user, email, account, actor, ip };

	if (account == 0)
		rs.account = first_account(db, a, user);
	if (db_txn(db, reset_tx, &rs) != RC_OK) {
		snprintf(err, errlen, "database error: nothing was changed");
		return RC_ERROR;
	}
	mail_notice(email, name, "Your 2-step verification was turned off",
	    arena_printf(a,
	    "Hello,\n\n"
	    "%s turned off 2-step verification for your Steward login %s, and "
	    "signed you out everywhere.\n\n"
	    "Sign in with your password and turn it on again on your Profile "
	    "page (your old authenticator entry, recovery codes and passkeys no "
	    "longer work).\n\n"
	    "If you did not ask for this, tell an Admin of your organization.\n",
	    actor ? "An Admin of your account" : "An administrator", email));
	return RC_OK;
}

/*
 * Checks a TOTP code of user's active secret (st: the STMT_TOTP_GET row):
 * right when not used before, and its step is then recorded.  *used is
 * CODE_TOTP or CODE_WRONG.  Returns an rc; RC_ERROR when the secret does
 * not open.
 */
static int
totp_check(struct req *r, uint64_t user, const struct dbres *st,
    const char *code, enum twofa_code *used)
{
	unsigned char	 key[TOTP_SECRET_BYTES];
	long long	 step;
	uint64_t	 n = 0;
	int		 rc;

	if (totp_open((const unsigned char *)db_cell(st, 0, TG_SECRET),
	    st->len[TG_SECRET], key) != RC_OK)
		return RC_ERROR;
	step = totp_match(key, sizeof(key), (long long)time(NULL), code);
	sodium_memzero(key, sizeof(key));
	if (step < 0)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_TOTP_USE_STEP, NULL, &n, NULL,
	    "iui", step, user, step)) != RC_OK)
		return rc;
	if (n == 1)
		*used = CODE_TOTP;
	return RC_OK;
}

/*
 * Checks a code of user's active secret (st: the STMT_TOTP_GET row),
 * inside the caller's transaction: a TOTP code not used before (its step
 * then recorded), or an unused recovery code (then used up).  *used says
 * which, or CODE_WRONG.  Returns an rc; RC_ERROR when the secret does not
 * open.
 */
int
twofa_check(struct req *r, uint64_t user, const struct dbres *st,
    const char *code, enum twofa_code *used)
{
	unsigned char	 h[HASH_BYTES];
	char		 norm[RECOVERY_CHARS + 1];
	uint64_t	 n = 0;
	int		 rc;

	*used = CODE_WRONG;
	if (valid_check(VALID_TOTP_CODE, code, strlen(code)))
		return totp_check(r, user, st, code, used);
	if (recovery_normalize(code, norm) != RC_OK)
		return RC_OK;
	recovery_hash(user, norm, h);
	sodium_memzero(norm, sizeof(norm));
	if ((rc = db_exec(r->db, r->a, STMT_RECOVERY_USE, NULL, &n, NULL, "ub",
	    user, h, sizeof(h))) != RC_OK)
		return rc;
	if (n == 1)
		*used = CODE_RECOVERY;
	return RC_OK;
}
