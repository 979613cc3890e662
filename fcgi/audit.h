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

/*
 * A request's change for req_txn(): its statements on r->db and its audit
 * row (audit_req), RC_OK to commit.  As a db_txn_fn it may run again
 * after a conflict: database writes only, outputs in arg set afresh.
 */
typedef int	(*req_txn_fn)(struct req *, void *arg);
int	 req_txn(struct req *, req_txn_fn, void *arg);
int	 req_txn_exec(struct req *, const char *action, const char *target,
	    enum stmt, const char *types, ...);

#endif
