/*
 * Accounts: a new account gets a random public Account ID and a random
 * passcode sealed with the key file before it reaches the database.
 */
#include <string.h>

#include <sodium.h>

#include "provision.h"
#include "arena.h"
#include "db.h"
#include "limits.h"
#include "rc.h"
#include "secret.h"

#define ID_TRIES	5	/* public id collisions are retried */

/*
 * Creates an account of org.  Returns an rc; public_id and *id are set
 * on success.
 */
int
account_create(struct db *db, struct arena *a, uint64_t org, const char *name,
    const char *region, const char *tz, char public_id[13], uint64_t *id)
{
	char		 pc[PASSCODE_LEN + 1];
	unsigned char	 sealed[MAX_PASSCODE_BLOB];
	size_t		 slen;
	int		 rc = RC_ERROR, i;

	passcode_new(pc);
	if (passcode_seal(pc, sealed, &slen) == -1)
		return RC_ERROR;
	sodium_memzero(pc, sizeof(pc));
	for (i = 0; i < ID_TRIES; i++) {
		account_id_new(public_id);
		rc = db_exec(db, a, STMT_ACCOUNT_NEW, NULL, NULL, id, "ussssb",
		    org, public_id, name, region, tz, sealed, slen);
		if (rc != RC_DUP)
			break;
	}
	return rc;
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
