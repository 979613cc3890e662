/*
 * Sessions: cookie, lookup, create, end; the CSRF token.
 */
#ifndef STEWARD_SESSION_H
#define STEWARD_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

int	 session_load(struct req *);
int	 session_create(struct req *, uint64_t user, uint64_t account);
int	 session_create_stage(struct req *, uint64_t user, uint64_t account,
	    enum stage, int ttl);
int	 session_end(struct req *);
int	 session_drop(struct req *);
int	 token_lookup(struct req *, const char *token, enum stmt,
	    struct dbres *);
void	 session_csrf(struct req *);
int	 session_accounts(struct req *);
int	 session_pre(struct req *);
struct session *session_from_row(struct arena *, const struct dbres *,
	    const unsigned char hash[HASH_BYTES]);

#endif
