/*
 * What the sign-in and 2-step pages share.
 */
#ifndef STEWARD_TWOFA_H
#define STEWARD_TWOFA_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

#include "request.h"

/* Shared by the profile pages, login.c and steward-admin
 * (pages/profile_common.c). */
const char *next_path(const char *next);
int	 throttle_cap_failures(void);
void	 lockout_check(struct req *, uint64_t user, const char *email);
int	 current_password(struct req *, const char *pw, const char **why);
int	 recovery_issue(struct db *, struct arena *, uint64_t user,
	    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
uint64_t first_account(struct db *, struct arena *, uint64_t user);
int	 twofa_reset(struct db *, struct arena *, uint64_t user,
	    const char *email, const char *name, uint64_t account,
	    uint64_t actor, const char *ip, char *err, size_t errlen);
int	 list_page(struct req *);
int	 twofa_check(struct req *, uint64_t user, const struct dbres *st,
	    const char *code, int *recovery);
int	 profile_render(struct req *, const char *form, const char *name,
	    const char *phone, const char *new_email);

#endif
