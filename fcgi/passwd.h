/*
 * A login's password: checking one typed at sign-in or on a form that
 * asks for the current one, checking a new one, the notice of a change.
 */
#ifndef STEWARD_PASSWD_H
#define STEWARD_PASSWD_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "request.h"

/* Columns of STMT_USER_BY_EMAIL (the sign-in and forgot-password pages). */
enum { UE_ID, UE_HASH, UE_NAME, UE_TOTP };

enum pw_result	 passwd_verify(const char *encoded, const char *pw);
int		 current_password(struct req *, const char **why);
const char	*new_password_problem(struct req *, const char *email,
		    const char **field);
void		 password_notice(struct req *, const char *email,
		    const char *name, const char *how);

#endif
