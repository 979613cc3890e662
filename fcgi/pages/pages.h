/*
 * What one page draws for another: renderers shared between pages.
 */
#ifndef STEWARD_PAGES_H
#define STEWARD_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "../request.h"

/* The overview (fcgi/pages/settings.c): with the passcode revealed
 * (credentials.c) or the invite form refilled (users_invite.c). */
int	 settings_render(struct req *, const char *email, const char *role,
	    const char *passcode);


/* The Users page (fcgi/pages/users.c), drawn again by its actions: the
 * whole list, the counters and the bulk invite form unless the caller
 * added one (users_invite_form, refilled). */
int	 users_render(struct req *);
xmlNodePtr users_invite_form(struct req *, const char *emails,
	    const char *role, const char *message);
void	 users_done(struct req *, const char *kind, const char *flash);



/* The sign-in page (fcgi/pages/login.c), also drawn and used by the
 * passkey sign-in (login_passkey.c). */
int	 login_render(struct req *, int status, const char *field,
	    const char *err, const char *email, const char *next);
/* A sign-in as login_tx() makes it, in a transaction of the caller's. */
struct login {
	uint64_t	 user, account;	/* account: out */
	const char	*email, *how;	/* how: the audit action of a sign-in
					 * without a password; NULL: none */
	int		 totp;		/* the person has TOTP on */
	int		 step;		/* out: a second step follows */
	int		 none;		/* out: no account any more */
};
int	 login_tx(struct req *, void *arg);
int	 login_answer(struct req *, const struct login *, const char *next);

/* The profile page (fcgi/pages/profile.c), drawn again by the forms of
 * the profile pages after a refusal. */

/* Columns of STMT_USER_PROFILE. */
enum { UP_NAME, UP_EMAIL, UP_PHONE, UP_TOTP, UP_TOTP_SINCE, UP_MEMBER_SINCE,
	UP_RECOVERY_LEFT, UP_REQUIRE_2FA, UP_TOTP_PENDING };

/* What the forms of the profile page show after a refusal. */
struct profile_refill {
	const char	*form;		/* the form refused: "details", … */
	const char	*name, *phone;	/* the details form; NULL: stored */
	const char	*new_email;	/* the email form; NULL: "" */
};

int	 profile_render(struct req *, const struct profile_refill *);
int	 profile_refuse(struct req *, int status, const struct profile_refill *,
	    const char *field, const char *msg);

/* The API tokens card of the profile page (profile_tokens.c); form:
 * the refused form ("token": refilled from the request). */
int	 profile_tokens_xml(struct req *, const char *form);

/* The password pages (fcgi/pages/password.c): what a new password must be. */
void	 password_rules(struct req *);

/* The Billing page (fcgi/pages/billing.c), also drawn by billing_plan.c
 * for a plan that does not exist. */
struct bill;
int	 billing_render(struct req *, const struct bill *,
	    const char *const *card, const char *const *contact);

/* The CSV uploads page (fcgi/pages/csv_uploads.c), drawn again by a
 * refused mapping (csv_uploads_map.c). */
struct typed_map;
int		 csv_uploads_render(struct req *, const char *kind, uint64_t id,
		    const struct typed_map *);

#endif
