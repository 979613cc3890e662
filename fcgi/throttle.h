/*
 * Sign-in throttling per email and per client address.
 */
#ifndef STEWARD_THROTTLE_H
#define STEWARD_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

int	 throttle_wait(struct req *, const char *email);
int	 throttle_fail(struct req *, const char *email);
int	 throttle_clear(struct req *, const char *email);
int	 throttle_forget(struct db *, struct arena *, const char *scope,
	    const char *key);
void	 throttle_key(const char *label, const char *v,
	    unsigned char out[HASH_BYTES]);

#endif
