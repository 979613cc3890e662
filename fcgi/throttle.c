/*
 * Sign-in throttling per email and per client address (DESIGN §8): a few
 * free failures, then a delay that doubles with each failure up to
 * THROTTLE_MAX_DELAY.  Keys are hashed, and the email key exists whether
 * or not the email does, so throttling reveals nothing.
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "throttle.h"
#include "arena.h"
#include "db.h"
#include "limits.h"
#include "request.h"

enum scope { SCOPE_EMAIL = 1, SCOPE_IP = 2 };

/* SHA-256 of "label:value". */
void
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
 * Seconds the client must still wait before trying email again (0: go
 * ahead), or -1 when the database failed.
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
		return -1;
	return (int)db_u64(&res, 0, 0);
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
