/*
 * Creating accounts; rotating their passcodes.
 */
#ifndef STEWARD_PROVISION_H
#define STEWARD_PROVISION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

int	 account_create(struct db *, struct arena *, uint64_t org,
	    const char *name, const char *region, const char *tz,
	    char public_id[13], uint64_t *id);
uint64_t first_account(struct db *, struct arena *, uint64_t user);


/* account_rotate.c: a new passcode for an account (audited by the caller). */
int	 passcode_rotate(struct db *, struct arena *, uint64_t account);

#endif
