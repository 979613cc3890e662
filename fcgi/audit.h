/*
 * Audit log rows.
 */
#ifndef STEWARD_AUDIT_H
#define STEWARD_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

int	 audit(struct db *, uint64_t account, uint64_t actor, const char *action,
	    const char *target, const char *ip);

#endif
