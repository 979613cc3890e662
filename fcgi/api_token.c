/*
 * Scoped API tokens (issue 16).  A token is "stw_" + a public id (10
 * base32 characters, shown in lists) + "_" + a 256-bit secret in
 * base64url; the database keeps the SHA-256 of the secret, as sessions
 * keep theirs (session.c, token.c).  What a token may do is the
 * intersection of its scopes and what its owner's role allows now, read
 * on every request: a demoted owner's token shrinks at once, a removed
 * owner's stops (the membership join, and the rows go with it).
 */
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "api_token.h"
#include "arena.h"
#include "conf.h"
#include "db.h"
#include "rc.h"
#include "session.h"
#include "shared.h"
#include "token.h"

/* The scope table: name as stored in forms and XML, label as shown, and
 * the capability the owner's role must have to hold the scope. */
static const struct {
	const char	*name, *label;
	enum cap	 grant;
} scopes[SCOPE__MAX] = {
	[SCOPE_READ]		= { "read",
	    "Read every page your role may see", CAP_OVERVIEW },
	[SCOPE_USERS_WRITE]	= { "users:write",
	    "Invite people, change roles, remove members", CAP_INVITE },
	[SCOPE_DATA_WRITE]	= { "data:write",
	    "Change events, user properties, labels and CSV uploads",
	    CAP_SCHEMA_DESCRIBE },
	[SCOPE_BILLING_READ]	= { "billing:read",
	    "Read billing, plans and invoices", CAP_BILLING },
	[SCOPE_SCIM]		= { "scim",
	    "Provision users and groups by SCIM 2.0", CAP_MANAGE_USERS },
};

/* The scope a token needs to reach a route of each capability, for a GET
 * and for a POST; SCOPE_NONE: never by token (the passcode, the profile,
 * password, 2-step verification, passkeys, tokens themselves). */
static const struct {
	enum api_scope	 get, post;
} by_cap[CAP__MAX] = {
	[CAP_OVERVIEW]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_REVEAL]		= { SCOPE_NONE, SCOPE_NONE },
	[CAP_ROTATE]		= { SCOPE_NONE, SCOPE_NONE },
	[CAP_INVITE]		= { SCOPE_READ, SCOPE_USERS_WRITE },
	[CAP_MANAGE_USERS]	= { SCOPE_READ, SCOPE_USERS_WRITE },
	[CAP_BILLING]		= { SCOPE_BILLING_READ, SCOPE_NONE },
	[CAP_ORG_VIEW]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_ORG_EDIT]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_TZ_VIEW]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_TZ_EDIT]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_SCHEMA_VIEW]	= { SCOPE_READ, SCOPE_DATA_WRITE },
	[CAP_SCHEMA_DESCRIBE]	= { SCOPE_READ, SCOPE_DATA_WRITE },
	[CAP_SCHEMA_DISCARD]	= { SCOPE_READ, SCOPE_DATA_WRITE },
	[CAP_LABELS_EDIT]	= { SCOPE_READ, SCOPE_DATA_WRITE },
	[CAP_CSV]		= { SCOPE_READ, SCOPE_DATA_WRITE },
	[CAP_REPORTS]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_DOWNLOADS]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_AUDIT]		= { SCOPE_READ, SCOPE_NONE },
	[CAP_PROFILE]		= { SCOPE_NONE, SCOPE_NONE },
};

/* The expiries a token may have: as posted, and days (0: never, which
 * only an owner who manages users may choose). */
static const struct {
	const char	*value;
	int		 days;
} expiries[] = {
	{ "30", 30 }, { "90", 90 }, { "365", 365 }, { "never", 0 },
};

/* The public id's alphabet (RFC 4648 base32, lower case). */
static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* Columns of STMT_API_TOKEN_AUTH: those of STMT_SESSION_GET (read by
 * session_from_row(); TA_ID is the token's id), then the scopes. */
enum {
	TA_ID, TA_USER, TA_ACCOUNT, TA_ROLE, TA_IDLE = 10, TA_SCOPES = 15
};

/* "read", "users:write", …; "" for no scope. */
const char *
api_scope_name(enum api_scope s)
{
	return s < SCOPE__MAX ? scopes[s].name : "";
}

/* What scope s lets a token do, as the profile page says it. */
const char *
api_scope_label(enum api_scope s)
{
	return s < SCOPE__MAX ? scopes[s].label : "";
}

/* The scope named name, or SCOPE_NONE. */
enum api_scope
api_scope_parse(const char *name)
{
	int	 s;

	if (name != NULL)
		for (s = 0; s < SCOPE__MAX; s++)
			if (strcmp(name, scopes[s].name) == 0)
				return (enum api_scope)s;
	return SCOPE_NONE;
}

/* 1 when a token of an owner with role may hold scope s. */
int
api_scope_allowed(enum role role, enum api_scope s)
{
	return s < SCOPE__MAX && role_can(role, scopes[s].grant);
}

/* The bit set of the scopes role allows (0 for no role). */
unsigned
api_scopes_of_role(enum role role)
{
	unsigned	 set = 0;
	int		 s;

	for (s = 0; s < SCOPE__MAX; s++)
		if (api_scope_allowed(role, (enum api_scope)s))
			set |= SCOPE_BIT(s);
	return set;
}

/* The first scope of set that an owner of role may not hold, or
 * SCOPE_NONE when role allows them all. */
enum api_scope
api_scope_beyond(enum role role, unsigned set)
{
	int	 s;

	for (s = 0; s < SCOPE__MAX; s++)
		if ((set & SCOPE_BIT(s)) && !api_scope_allowed(role, (enum api_scope)s))
			return (enum api_scope)s;
	return SCOPE_NONE;
}

/* The scope a token needs for method on a route of capability c, or
 * SCOPE_NONE when no token may reach it. */
enum api_scope
api_scope_for(enum method m, enum cap c)
{
	if (c >= CAP__MAX)
		return SCOPE_NONE;
	if (m == METHOD_GET || m == METHOD_HEAD)
		return by_cap[c].get;
	if (m == METHOD_POST)
		return by_cap[c].post;
	return SCOPE_NONE;
}

/* 1 when the n bytes at s are all in the set chars. */
static int
all_in(const char *s, size_t n, const char *chars)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(chars, s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Parses an Authorization header value: "Bearer" (any case), one or more
 * spaces, then exactly stw_PUB_SECRET and nothing more.  Copies the
 * public id and the secret out.  Returns 0, or -1 for anything else
 * (NULL, longer than API_AUTH_MAX, another scheme, control characters,
 * bytes outside the token alphabets); nothing is copied then.
 */
int
api_token_parse(const char *h, char pub[API_TOKEN_PUB_LEN + 1],
    char secret[TOKEN_B64_LEN + 1])
{
	static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	const char	*t;
	size_t		 plen = strlen(API_TOKEN_PREFIX);

	if (h == NULL || strnlen(h, API_AUTH_MAX + 1) > API_AUTH_MAX ||
	    strncasecmp(h, "Bearer ", 7) != 0)
		return -1;
	for (t = h + 7; *t == ' '; t++)
		;
	if (strlen(t) != API_TOKEN_LEN || strncmp(t, API_TOKEN_PREFIX, plen) != 0 ||
	    !all_in(t + plen, API_TOKEN_PUB_LEN, b32) ||
	    t[plen + API_TOKEN_PUB_LEN] != '_' ||
	    !all_in(t + plen + API_TOKEN_PUB_LEN + 1, TOKEN_B64_LEN, b64url))
		return -1;
	memcpy(pub, t + plen, API_TOKEN_PUB_LEN);
	pub[API_TOKEN_PUB_LEN] = '\0';
	memcpy(secret, t + plen + API_TOKEN_PUB_LEN + 1, TOKEN_B64_LEN);
	secret[TOKEN_B64_LEN] = '\0';
	return 0;
}

/*
 * A fresh token: its whole text (shown once), its public id and the
 * SHA-256 of its secret (stored).  Cannot fail.
 */
void
api_token_new(char out[API_TOKEN_LEN + 1], char pub[API_TOKEN_PUB_LEN + 1],
    unsigned char hash[HASH_BYTES])
{
	unsigned char	 raw[API_TOKEN_PUB_LEN];
	char		 secret[TOKEN_B64_LEN + 1];
	size_t		 i;

	randombytes_buf(raw, sizeof(raw));
	for (i = 0; i < API_TOKEN_PUB_LEN; i++)
		pub[i] = b32[raw[i] & 31];
	pub[API_TOKEN_PUB_LEN] = '\0';
	token_new_hashed(secret, hash);
	memcpy(out, API_TOKEN_PREFIX, 4);
	memcpy(out + 4, pub, API_TOKEN_PUB_LEN);
	out[4 + API_TOKEN_PUB_LEN] = '_';
	memcpy(out + 5 + API_TOKEN_PUB_LEN, secret, TOKEN_B64_LEN + 1);
	sodium_memzero(secret, sizeof(secret));
}

/*
 * Counts one request of token id at time now (seconds); 1 when it is
 * within per_minute requests of this minute (per_minute 0: no limit),
 * else 0 with *retry_after the seconds to the next minute.  The table is
 * shared by every worker on this host (shared.h); direct-mapped by token
 * id, so a colliding token resets the window, which can only loosen the
 * limit, never refuse wrongly.
 */
int
api_token_rate_ok(uint64_t id, long now, int per_minute, int *retry_after)
{
	struct shared		*sh = shared_get();
	struct shared_rate	*r = &sh->rate[id % API_TOKEN_RATE_SLOTS];
	long			 minute = now / 60;
	int			 ok;

	if (per_minute <= 0)
		return 1;
	shared_lock(&sh->rate_lock);
	if (r->id != id || r->minute != minute) {
		r->id = id;
		r->minute = minute;
		r->count = 0;
	}
	ok = r->count < per_minute;
	if (ok)
		r->count++;
	pthread_mutex_unlock(&sh->rate_lock);
	if (!ok)
		*retry_after = (int)(60 - now % 60);
	return ok;
}

/* The owner of a token row as a session: no session id (no cookie to
 * end), a full stage; its hash is the token's, so a CSRF token drawn
 * from it fits no session.  NULL on exhaustion. */
static struct session *
principal_session(struct arena *a, const struct dbres *res,
    const unsigned char hash[HASH_BYTES])
{
	struct session	*s = session_from_row(a, res, hash);

	if (s != NULL) {
		s->id = 0;
		s->stage = STAGE_FULL;
		s->attempts = 0;
	}
	return s;
}

/*
 * The request's Authorization header value (the first one), or NULL
 * when none was sent; *n is the number of Authorization headers sent (a
 * token is taken from exactly one).  Shared by routes.c and SCIM.
 */
const char *
api_token_header(struct req *r, int *n)
{
	FCGX_Request	*f = r->fcgx;
	const char	*v = NULL;
	char		**e;

	*n = 0;
	for (e = f->envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "HTTP_AUTHORIZATION=", 19) == 0 && (*n)++ == 0)
			v = *e + 19;
	return v;
}

/*
 * The one way in by token.  header is the Authorization header's value
 * ("Bearer stw_…").  On API_AUTH_OK, *p holds the token's account, its
 * owner, the owner's role now, the token's scopes that role still allows
 * (never empty) and the owner as a session for page handlers (p->s); the
 * token's last use (time, address) is written at most once every
 * API_TOKEN_TOUCH_EVERY seconds.  API_AUTH_REFUSED: malformed, unknown,
 * expired, revoked, owner no longer a member, or no scope left — the
 * caller answers all of them alike (401).  API_AUTH_THROTTLED: more than
 * conf.api_token_rate requests this minute, *retry_after set.
 * API_AUTH_DOWN: the database is unreachable.  What the token may do on a
 * given route is the caller's question (api_scope_for, role_can).
 */
enum api_auth
api_token_auth(struct req *r, const char *header, struct api_principal *p,
    int *retry_after)
{
	char		 pub[API_TOKEN_PUB_LEN + 1], secret[TOKEN_B64_LEN + 1];
	unsigned char	 hash[HASH_BYTES];
	struct dbres	 res;
	int		 rc;

	memset(p, 0, sizeof(*p));
	if (api_token_parse(header, pub, secret) == -1 ||
	    token_hash(secret, hash) == -1)
		return API_AUTH_REFUSED;
	sodium_memzero(secret, sizeof(secret));
	rc = db_exec(r->db, r->a, STMT_API_TOKEN_AUTH, &res, NULL, NULL, "bs",
	    hash, sizeof(hash), pub);
	if (rc == RC_DOWN)
		return API_AUTH_DOWN;
	if (rc != RC_OK || res.nrows != 1)
		return API_AUTH_REFUSED;
	p->token_id = db_u64(&res, 0, TA_ID);
	p->account_id = db_u64(&res, 0, TA_ACCOUNT);
	p->user_id = db_u64(&res, 0, TA_USER);
	p->role = (enum role)db_u64(&res, 0, TA_ROLE);
	p->scopes = (unsigned)db_u64(&res, 0, TA_SCOPES) &
	    api_scopes_of_role(p->role);
	if (p->scopes == 0 || (p->s = principal_session(r->a, &res, hash)) == NULL)
		return API_AUTH_REFUSED;
	if (!api_token_rate_ok(p->token_id, (long)time(NULL),
	    conf.api_token_rate, retry_after))
		return API_AUTH_THROTTLED;
	if (db_u64(&res, 0, TA_IDLE) >= API_TOKEN_TOUCH_EVERY)
		(void)db_exec(r->db, r->a, STMT_API_TOKEN_TOUCH, NULL, NULL,
		    NULL, "su", r->ip ? r->ip : "", p->token_id);
	return API_AUTH_OK;
}

/*
 * Creates a token of user in account (inside the caller's transaction):
 * name, scopes set, expiring after days (0: never).  Fills out with the
 * token's text, to be shown once.  Returns an rc (RC_DUP only after two
 * public id collisions in a row).
 */
int
api_token_create(struct db *db, struct arena *a, uint64_t account,
    uint64_t user, const char *name, unsigned set, int days,
    char out[API_TOKEN_LEN + 1])
{
	char		 pub[API_TOKEN_PUB_LEN + 1];
	unsigned char	 hash[HASH_BYTES];
	int		 rc = RC_DUP, tries;

	for (tries = 0; tries < 2 && rc == RC_DUP; tries++) {
		api_token_new(out, pub, hash);
		rc = db_exec(db, a, STMT_API_TOKEN_NEW, NULL, NULL, NULL,
		    "uussbiii", account, user, name, pub, hash, sizeof(hash),
		    (long long)set, (long long)days, (long long)days);
	}
	return rc;
}

/* The names of the scopes in set, separated by spaces, in arena a
 * ("" when a is exhausted). */
const char *
api_scopes_text(struct arena *a, unsigned set)
{
	const char	*out = "";
	int		 s;

	for (s = 0; s < SCOPE__MAX && out != NULL; s++)
		if (set & SCOPE_BIT(s))
			out = arena_printf(a, "%s%s%s", out, *out ? " " : "",
			    api_scope_name((enum api_scope)s));
	return out != NULL ? out : "";
}

/* The days of expiry value v ("30", "90", "365", "never": 0), or -1. */
int
api_token_days(const char *v)
{
	size_t	 i;

	for (i = 0; v != NULL && i < sizeof(expiries) / sizeof(expiries[0]); i++)
		if (strcmp(v, expiries[i].value) == 0)
			return expiries[i].days;
	return -1;
}

/* The i-th expiry value of the form, or NULL past the last. */
const char *
api_token_expiry(size_t i)
{
	return i < sizeof(expiries) / sizeof(expiries[0]) ?
	    expiries[i].value : NULL;
}

/* 1 when an owner of role may create a token that expires after days
 * (0: never, Admins only). */
int
api_token_days_allowed(enum role role, int days)
{
	return days > 0 || (days == 0 && role_can(role, CAP_MANAGE_USERS));
}
