/*
 * Accounts: creating them, their organization, their passcode (sealed
 * with the key file, revealed and rotated by an Admin).
 */
#ifndef STEWARD_PROVISION_H
#define STEWARD_PROVISION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "limits.h"

/* Columns of STMT_ACCOUNT_BY_PUBLIC. */
enum { AP_ID, AP_ORG, AP_NAME };

/* Columns of STMT_ACCOUNT_PASSCODE. */
enum { APC_SEALED };

int	 account_create(struct db *, struct arena *, uint64_t org,
	    const char *name, const char *region, const char *tz,
	    char public_id[13], uint64_t *id);
uint64_t first_account(struct db *, struct arena *, uint64_t user);
int	 account_org(struct db *, struct arena *, uint64_t account,
	    uint64_t *org);
int	 passcode_read(struct db *, struct arena *, uint64_t account,
	    char out[PASSCODE_LEN + 1]);
int	 passcode_rotate(struct db *, struct arena *, uint64_t account);

#endif
