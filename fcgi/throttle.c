/*
 * Sign-in throttling per email and per client address (DESIGN §8): a few
 * free failures, then a delay that doubles with each failure up to
 * THROTTLE_MAX_DELAY.  Keys are hashed, and the email key exists whether
 * or not the email does, so throttling reveals nothing.  The failure that
 * brings an email's delay to its cap locks the login (lockout_check).
 */
#include <string.h>

#include <sodium.h>

#include "throttle.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "limits.h"
#include "mail.h"
#include "provision.h"
#include "rc.h"
#include "request.h"

enum scope { SCOPE_EMAIL = 1, SCOPE_IP = 2 };

/* Columns of STMT_THROTTLE_GET. */
enum { TW_WAIT };

/* Columns of STMT_THROTTLE_FAILURES. */
enum { TF_FAILURES };

/* SHA-256 of "label:value". */
static void
throttle_key(const char *label, const char *v, unsigned char out[HASH_BYTES])
{
	crypto_hash_sha256_state	 st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)label, strlen(label));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)v, strlen(v));
	crypto_hash_sha256_final(&st, out);
}

/*
 * The seconds the client must still wait before trying email (or another
 * key) again: 0 to go ahead; or RC_ERROR when the database failed.
 */
int
throttle_wait(struct req *r, const char *email)
{
	unsigned char	 he[HASH_BYTES], hi[HASH_BYTES];
	struct dbres	 res;

	throttle_key("email", email, he);
	throttle_key("ip", r->ip, hi);
	if (db_exec(r->db, r->a, STMT_THROTTLE_GET, &res, NULL, NULL, "bb",
	    he, sizeof(he), hi, sizeof(hi)) != RC_OK || res.nrows != 1)
		return RC_ERROR;
	return (int)db_u64(&res, 0, TW_WAIT);
}

/*
 * The sentence of a refusal while throttled ("Too many what. Try again in
 * wait seconds."), with Retry-After set to wait.
 */
const char *
throttle_refusal(struct req *r, int wait, const char *what)
{
	r->retry_after = wait;
	return arena_printf(r->a, "Too many %s. Try again in %d seconds.", what,
	    wait);
}

/* Counts one failure for the email and for the client; an rc. */
int
throttle_fail(struct req *r, const char *email)
{
	unsigned char	 h[HASH_BYTES];
	int		 rc;

	throttle_key("email", email, h);
	rc = db_exec(r->db, r->a, STMT_THROTTLE_FAIL, NULL, NULL, NULL, "ibiiii",
	    (long long)SCOPE_EMAIL, h, sizeof(h), (long long)THROTTLE_FORGET,
	    (long long)THROTTLE_FREE_EMAIL, (long long)THROTTLE_FREE_EMAIL,
	    (long long)THROTTLE_MAX_DELAY);
	if (rc != RC_OK)
		return rc;
	throttle_key("ip", r->ip, h);
	return db_exec(r->db, r->a, STMT_THROTTLE_FAIL, NULL, NULL, NULL, "ibiiii",
	    (long long)SCOPE_IP, h, sizeof(h), (long long)THROTTLE_FORGET,
	    (long long)THROTTLE_FREE_IP, (long long)THROTTLE_FREE_IP,
	    (long long)THROTTLE_MAX_DELAY);
}

/*
 * Forgets the failures of an email (scope "email") or a client address
 * (scope "ip"); an rc.
 */
int
throttle_forget(struct db *db, struct arena *a, const char *scope,
    const char *key)
{
	unsigned char	 h[HASH_BYTES];

	throttle_key(scope, key, h);
	return db_exec(db, a, STMT_THROTTLE_CLEAR, NULL, NULL, NULL, "ib",
	    (long long)(strcmp(scope, "email") == 0 ? SCOPE_EMAIL : SCOPE_IP),
	    h, sizeof(h));
}

/* Forgets the failures of email after a successful sign-in; an rc. */
int
throttle_clear(struct req *r, const char *email)
{
	return throttle_forget(r->db, r->a, "email", email);
}

/*
 * The failure count at which an email's sign-in delay first reaches
 * THROTTLE_MAX_DELAY (2^(failures - free) seconds).
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
	    (int)db_u64(&res, 0, TF_FAILURES) != throttle_cap_failures())
		return;
	if (db_exec(r->db, r->a, STMT_USER_LOCK, NULL, NULL, NULL, "iu",
	    (long long)THROTTLE_MAX_DELAY, user) != RC_OK)
		return;
	(void)audit(r->db, first_account(r->db, r->a, user), user,
	    "user.locked", email, r->ip);
	mail_notice(email, NULL, "Sign-in to Steward is paused after failed attempts",
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
