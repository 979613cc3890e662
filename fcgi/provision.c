/*
 * Accounts: a new account gets a random public Account ID and a random
 * passcode sealed with the key file before it reaches the database.  The
 * passcode is opened only for an Admin's reveal (audited by the caller)
 * and replaced by a rotation.
 */
#include <string.h>

#include <sodium.h>

#include "provision.h"
#include "arena.h"
#include "db.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "secret.h"

#define ID_TRIES	5	/* public id collisions are retried */

/* Columns of STMT_ACCOUNT_ORG. */
enum { AO_ORG };

/* Columns of STMT_FIRST_MEMBERSHIP. */
enum { FM_ACCOUNT };

/*
 * A new random passcode, sealed with the key file into sealed (*slen
 * bytes); the clear passcode is wiped.  Returns an rc.
 */
static int
passcode_fresh(unsigned char sealed[MAX_PASSCODE_BLOB], size_t *slen)
{
	char	 pc[PASSCODE_LEN + 1];
	int	 rc;

	passcode_new(pc);
	rc = passcode_seal(pc, sealed, slen) == -1 ? RC_ERROR : RC_OK;
	sodium_memzero(pc, sizeof(pc));
	return rc;
}

/*
 * Creates an account of org.  Returns an rc; public_id and *id are set
 * on success.
 */
int
account_create(struct db *db, struct arena *a, uint64_t org, const char *name,
    const char *region, const char *tz, char public_id[13], uint64_t *id)
{
	unsigned char	 sealed[MAX_PASSCODE_BLOB];
	size_t		 slen;
	int		 rc, i;

	if ((rc = passcode_fresh(sealed, &slen)) != RC_OK)
		return rc;
	for (i = 0; i < ID_TRIES; i++) {
		account_id_new(public_id);
		rc = db_exec(db, a, STMT_ACCOUNT_NEW, NULL, NULL, id, "ussssb",
		    org, public_id, name, region, tz, sealed, slen);
		if (rc != RC_DUP)
			break;
	}
	return rc;
}

/*
 * The organization of account into *org.  Returns an rc (RC_ERROR when
 * there is no such account).
 */
int
account_org(struct db *db, struct arena *a, uint64_t account, uint64_t *org)
{
	struct dbres	 res;
	int		 rc;

	if ((rc = db_exec(db, a, STMT_ACCOUNT_ORG, &res, NULL, NULL, "u",
	    account)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	*org = db_u64(&res, 0, AO_ORG);
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
	return db_u64(&res, 0, FM_ACCOUNT);
}

/*
 * The passcode of account in clear, into out (the caller wipes it).
 * Returns an rc: RC_DOWN without a database, RC_ERROR when the account
 * has none or it does not open with this key file (logged).
 */
int
passcode_read(struct db *db, struct arena *a, uint64_t account,
    char out[PASSCODE_LEN + 1])
{
	struct dbres	 res;
	int		 rc;

	if ((rc = db_exec(db, a, STMT_ACCOUNT_PASSCODE, &res, NULL, NULL, "u",
	    account)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_ERROR;
	if (passcode_open((const unsigned char *)db_cell(&res, 0, APC_SEALED),
	    res.len[APC_SEALED], out) == -1) {
		log_error("account %llu: passcode does not open with this key",
		    (unsigned long long)account);
		return RC_ERROR;
	}
	return RC_OK;
}

/*
 * Gives account a new random passcode, sealed with the key file.  Runs in
 * the caller's transaction when there is one (the caller audits it).
 * Returns an rc.
 */
int
passcode_rotate(struct db *db, struct arena *a, uint64_t account)
{
	unsigned char	 sealed[MAX_PASSCODE_BLOB];
	size_t		 slen;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = passcode_fresh(sealed, &slen)) != RC_OK ||
	    (rc = db_exec(db, a, STMT_PASSCODE_SET, NULL, &n, NULL, "bu",
	    sealed, slen, account)) != RC_OK)
		return rc;
	return n == 1 ? RC_OK : RC_ERROR;
}
