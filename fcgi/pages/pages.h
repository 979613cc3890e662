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


/* Invitation links (fcgi/pages/users_invite.c). */
void	 invite_token(const unsigned char nonce[TOKEN_BYTES],
	    char out[TOKEN_B64_LEN + 1]);
const char *invite_link(struct req *, const char *token);

/* The Users page (fcgi/pages/users_list.c): draws the list into r with
 * the bulk invite form refilled by the caller's <invite> (may be NULL). */
int	 users_render(struct req *, xmlNodePtr invite);
xmlNodePtr users_invite_form(struct req *, const char *emails,
	    const char *role, const char *message);
int	 users_form_id(struct req *, const char *field, uint64_t *id);
void	 users_done(struct req *, const char *kind, const char *flash);



/* The Billing page (fcgi/pages/billing.c), also drawn by billing_plan.c
 * for a plan that does not exist. */
struct bill;
int	 billing_render(struct req *, const struct bill *,
	    const char *const *card, const char *const *contact);

#endif
