/*
 * Sign-in throttling per email and per client address, and the lock-out
 * of a login whose failures reach the cap.
 */
#ifndef STEWARD_THROTTLE_H
#define STEWARD_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

int	 throttle_wait(struct req *, const char *email);
const char *throttle_refusal(struct req *, int wait, const char *what);
int	 throttle_fail(struct req *, const char *email);
int	 throttle_clear(struct req *, const char *email);
int	 throttle_forget(struct db *, struct arena *, const char *scope,
	    const char *key);
int	 throttle_cap_failures(void);
void	 lockout_check(struct req *, uint64_t user, const char *email);

#endif
