/*
 * Audit log rows.
 */
#ifndef STEWARD_AUDIT_H
#define STEWARD_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "request.h"

int	 audit(struct db *, uint64_t account, uint64_t actor, const char *action,
	    const char *target, const char *ip);
int	 audit_req(struct req *, const char *action, const char *target);
int	 audit_commit(struct req *, const char *action, const char *target);

#endif
