/*
 * Invitation links and mails (invite.c).
 */
#ifndef STEWARD_INVITE_H
#define STEWARD_INVITE_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "request.h"
#include "roles.h"

/* What became of a change to an invitation. */
enum invite_outcome { INVITE_DONE, INVITE_NOT_FOUND, INVITE_ABOVE };

void	 invite_token(const unsigned char nonce[TOKEN_BYTES],
	    char out[TOKEN_B64_LEN + 1]);
int	 invite_secret(unsigned char nonce[TOKEN_BYTES],
	    char tok[TOKEN_B64_LEN + 1], unsigned char hash[HASH_BYTES]);
const char *invite_link(struct req *, const char *token);
int	 invite_domains(struct req *, const char **domains);
int	 invite_store(struct req *, const char *email, enum role,
	    const char *message, char tok[TOKEN_B64_LEN + 1]);
int	 invite_revoke(struct req *, uint64_t id, const char **email,
	    enum invite_outcome *);
int	 invite_mail(struct req *, const char *email, enum role,
	    const char *message, const char *token);

#endif
