/*
 * What one page draws for another: renderers shared between pages.
 */
#ifndef STEWARD_PAGES_H
#define STEWARD_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "../request.h"

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



/* account_billing.c: the billing state of the session's organization. */
struct bill {
	uint64_t	 org;
	const char	*plan, *pending;	/* plan codes; pending may be NULL */
	const char	*period_start, *period_end;	/* first, last day */
	const char	*next_start, *today;
	long		 period_days, remaining;	/* remaining counts today */
	int		 year, month;		/* of today, UTC */
	int		 has_card;
	struct dbres	 res;			/* the row (card, contact) */
};

int		 bill_load(struct req *, struct bill *);
void		 bill_plan_attrs(xmlNodePtr, const struct dbres *, size_t row);
int		 billing_render(struct req *, const struct bill *,
		    const char *const *card, const char *const *contact);

/* account_invoice.c */
xmlNodePtr	 invoice_row(struct req *, xmlNodePtr parent,
		    const struct dbres *, size_t row);

/* The CSV uploads page (fcgi/pages/csv_uploads.c), drawn again by a
 * refused mapping (csv_uploads_map.c). */
struct typed_map;
int		 csv_uploads_render(struct req *, const char *kind, uint64_t id,
		    const struct typed_map *);

#endif
