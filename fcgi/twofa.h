/*
 * 2-step verification of a login: its state, checking a code (sign-in's
 * second step, turning it off), issuing recovery codes, and the reset by
 * an Admin or steward-admin.
 */
#ifndef STEWARD_TWOFA_H
#define STEWARD_TWOFA_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "request.h"

/* Columns of STMT_TOTP_GET. */
enum { TG_ENABLED, TG_SECRET, TG_PENDING, TG_LAST_STEP };

/* What a code checked by twofa_check() turned out to be. */
enum twofa_code { CODE_WRONG, CODE_TOTP, CODE_RECOVERY };

int	 twofa_state(struct db *, struct arena *, uint64_t user,
	    struct dbres *);
int	 twofa_check(struct req *, uint64_t user, const struct dbres *st,
	    const char *code, enum twofa_code *);
int	 recovery_issue(struct db *, struct arena *, uint64_t user,
	    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
int	 twofa_reset(struct db *, struct arena *, uint64_t user,
	    const char *email, const char *name, uint64_t account,
	    uint64_t actor, const char *ip, char *err, size_t errlen);

#endif
