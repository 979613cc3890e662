/*
 * Scoped API tokens (issue 16): the scope table, the Authorization
 * header's parser, authentication of a request by its token, and what a
 * token needs to reach a route.
 */
#ifndef STEWARD_API_TOKEN_H
#define STEWARD_API_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "request.h"
#include "roles.h"

/* The scopes, numbered as stored (api_token.scopes is a bit set of them). */
enum api_scope {
	SCOPE_READ,		/* GET of every page the owner's role may see */
	SCOPE_USERS_WRITE,	/* invitations, roles, removals */
	SCOPE_DATA_WRITE,	/* events, properties, labels, CSV uploads */
	SCOPE_BILLING_READ,	/* the billing pages and invoices */
	SCOPE_SCIM,		/* SCIM 2.0 provisioning (/scim/v2/…) */
	SCOPE__MAX,
	SCOPE_NONE = SCOPE__MAX	/* what no token may reach */
};

/* The bit of scope s in a stored set. */
#define SCOPE_BIT(s)	(1u << (s))

/* Who a request authenticated by a token acts as (api_token_auth). */
struct api_principal {
	uint64_t	 token_id;
	uint64_t	 account_id;	/* the token's account */
	uint64_t	 user_id;	/* its owner */
	enum role	 role;		/* the owner's role now */
	unsigned	 scopes;	/* the token's scopes that role allows */
	struct session	*s;		/* the owner as a session, for handlers */
};

/* What api_token_auth() answers. */
enum api_auth {
	API_AUTH_OK,		/* *p filled */
	API_AUTH_REFUSED,	/* 401: malformed, unknown, expired, revoked,
				   owner gone, or no scope left */
	API_AUTH_THROTTLED,	/* 429: *retry_after seconds */
	API_AUTH_DOWN		/* 503: the database */
};

const char	*api_scope_name(enum api_scope);
const char	*api_scope_label(enum api_scope);
enum api_scope	 api_scope_parse(const char *);
int		 api_scope_allowed(enum role, enum api_scope);
unsigned	 api_scopes_of_role(enum role);
enum api_scope	 api_scope_beyond(enum role, unsigned set);
enum api_scope	 api_scope_for(enum method, enum cap);

int		 api_token_parse(const char *header, char pub[API_TOKEN_PUB_LEN + 1],
		    char secret[TOKEN_B64_LEN + 1]);
void		 api_token_new(char out[API_TOKEN_LEN + 1],
		    char pub[API_TOKEN_PUB_LEN + 1], unsigned char hash[HASH_BYTES]);
const char	*api_token_header(struct req *, int *n);
enum api_auth	 api_token_auth(struct req *, const char *header,
		    struct api_principal *, int *retry_after);
int		 api_token_create(struct db *, struct arena *, uint64_t account,
		    uint64_t user, const char *name, unsigned set, int days,
		    char out[API_TOKEN_LEN + 1]);
const char	*api_scopes_text(struct arena *, unsigned set);
int		 api_token_days(const char *);
const char	*api_token_expiry(size_t);
int		 api_token_days_allowed(enum role, int days);
int		 api_token_rate_ok(uint64_t token_id, long now, int per_minute,
		    int *retry_after);

#endif
