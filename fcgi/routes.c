/*
 * The route table and the gate order every request passes before its
 * handler runs: route (404) → method (405) → database (503) → session
 * (303 to sign in / 401) → required 2-step set-up (303 to it / 403) →
 * role (403) → Origin and CSRF (403) → the route's declared fields read
 * and checked (input.c) → handler → the account switcher of a page.
 *
 * A request with an API token ("Authorization: Bearer stw_…", only under
 * /api) replaces the session step: the token (401 + WWW-Authenticate when
 * refused, 429 when throttled), then the route must take tokens (signed
 * in, no R_NO_TOKEN, a scope in api_token.c's table: else 403) and the
 * token hold that scope (403); the role gate then asks the owner's role
 * now, and the CSRF step is skipped (the header is the proof).
 */
#include <string.h>
#include <strings.h>


#include "routes.h"
#include "api_token.h"
#include "arena.h"
#include "decode.h"
#include "error.h"
#include "input.h"
#include "rc.h"
#include "request.h"
#include "roles.h"
#include "session.h"
#include "token.h"
#include "valid.h"

/* The flags of a route (the route tables in fcgi/tables/). */
#define R_SIGNED_IN	0x01	/* needs a session */
#define R_CSRF		0x02	/* POST with the session's CSRF token */
#define R_PRE_CSRF	0x04	/* POST with the pre-session CSRF token */
#define R_ENROLL	0x08	/* open while 2-step set-up is required */
#define R_RAW_BODY	0x10	/* body read whole, any type, up to MAX_RAW_BODY */
#define R_STREAM_BODY	0x20	/* body left in the stream for the handler, up
				   to MAX_UPLOAD_BYTES; the handler checks CSRF
				   with route_csrf_ok() */
#define R_NO_TOKEN	0x40	/* never with an API token, whatever its scope */
#define R_OWN_AUTH	0x80	/* the handler authenticates the request itself
				   (api_token_auth(), e.g. SCIM): no session
				   and no token step; not with R_SIGNED_IN */

/* Where a user goes while the organization's 2-step set-up is required. */
#define ENROLL_PAGE	"/settings/profile/2fa"

struct route {
	enum method	 method;
	const char	*path;
	page_fn		 fn;
	enum cap	 cap;		/* checked when R_SIGNED_IN */
	unsigned	 flags;
	const struct field *fields;	/* read and checked before fn runs */
};

/* Every handler, declared from the route tables. */
#define ROUTE(m, p, fn, cap, fl, ...)	int fn(struct req *);
#include "tables/routes.def"
#undef ROUTE

/* The fields of each route, named after its handler. */
#define ROUTE(m, p, fn, cap, fl, ...)	\
	static const struct field fields_##fn[] = { __VA_ARGS__ { NULL, VALID__MAX, 0, NULL, NULL } };
#include "tables/routes.def"
#undef ROUTE

/* The route table. */
static const struct route routes[] = {
#define ROUTE(m, p, fn, cap, fl, ...)	{ m, p, fn, cap, fl, fields_##fn },
#include "tables/routes.def"
#undef ROUTE
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/*
 * 1 when path is the route's path, or, for a route path ending in "/#",
 * that prefix followed by a decimal id (no leading zero, at most 19
 * digits); the handler reads the id from the last segment of r->path.
 */
static int
route_match(const char *pat, const char *path)
{
	size_t	 n = strlen(pat), k;

	if (n < 2 || strcmp(pat + n - 2, "/#") != 0)
		return strcmp(pat, path) == 0;
	if (strncmp(pat, path, n - 1) != 0)
		return 0;
	path += n - 1;
	k = strspn(path, "0123456789");
	return k > 0 && k < 20 && path[k] == '\0' && path[0] != '0';
}

/* The route for method and path; *known is set when only the method differs. */
static const struct route *
route_find(enum method m, const char *path, int *known)
{
	size_t	 i;

	*known = 0;
	if (m == METHOD_HEAD)
		m = METHOD_GET;
	for (i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].path, path))
			continue;
		if (routes[i].method == m)
			return &routes[i];
		*known = 1;
	}
	return NULL;
}

/*
 * How the body of method on path is read before its route runs: as an
 * urlencoded form, raw (R_RAW_BODY), or left in the stream (R_STREAM_BODY).
 */
enum body_kind
route_body(enum method m, const char *path)
{
	const struct route	*rt;
	int			 known;

	if ((rt = route_find(m, path, &known)) == NULL)
		return BODY_FORM;
	return rt->flags & R_STREAM_BODY ? BODY_STREAM :
	    rt->flags & R_RAW_BODY ? BODY_RAW : BODY_FORM;
}

/*
 * 1 when a POST comes from our own pages: its Origin, when the browser
 * sends one, is this site's.
 */
static int
origin_ok(struct req *r)
{
	const char	*mine;

	if (r->origin == NULL)
		return 1;
	mine = req_client_origin(r);
	return mine != NULL && strcmp(r->origin, mine) == 0;
}

/* 1 when token is this session's CSRF token and the Origin is ours, or
 * when the request came with an API token (the gate let it through). */
int
route_csrf_ok(struct req *r, const char *token)
{
	if (r->token != NULL)
		return 1;
	return origin_ok(r) && token_equal(token, r->csrf);
}

/*
 * The Authorization header when this request must be authenticated by
 * an API token: one naming the Bearer scheme anywhere (refused outside
 * /api), any on an /api route that needs a session; NULL otherwise (a
 * proxy's Basic on a page or on the ingestion API is left alone).  *n is
 * the number of Authorization headers sent.
 */
static const char *
bearer_header(struct req *r, const struct route *rt, int *n)
{
	const char	*v = api_token_header(r, n);

	if (v == NULL)
		return NULL;
	if (strncasecmp(v, "Bearer", 6) == 0 ||
	    (r->api && (rt == NULL || (rt->flags & R_SIGNED_IN))))
		return v;
	return NULL;
}

/* Answers 401 to a refused token, the same for every reason. */
static void
bearer_refuse(struct req *r)
{
	r->s = NULL;
	r->token = NULL;
	r->www_auth = "Bearer realm=\"Steward\", error=\"invalid_token\"";
	page_error(r, 401, "The API token is missing, malformed, expired or "
	    "revoked.");
}

/*
 * The API token step for route rt (NULL: no such route): authenticates
 * the header, sets r->s to its owner and r->token, and checks that the
 * route takes tokens and the token holds its scope.  Returns 0 to go on,
 * or 1 when it answered (401, 403, 429, 503).
 */
static int
token_gate(struct req *r, const struct route *rt, const char *auth, int n)
{
	struct api_principal	*p;
	enum api_scope		 need;
	int			 wait = 0;

	if (!r->api || n != 1 ||
	    (p = arena_alloc(r->a, sizeof(*p))) == NULL) {
		bearer_refuse(r);
		return 1;
	}
	switch (api_token_auth(r, auth, p, &wait)) {
	case API_AUTH_OK:
		break;
	case API_AUTH_DOWN:
		page_error(r, 503, NULL);
		return 1;
	case API_AUTH_THROTTLED:
		r->retry_after = wait;
		page_error(r, 429, arena_printf(r->a, "Too many requests with "
		    "this token. Try again in %d seconds.", wait));
		return 1;
	default:
		bearer_refuse(r);
		return 1;
	}
	r->s = p->s;
	r->token = p;
	r->flash_text = NULL;		/* no cookie flash with a token */
	session_csrf(r);		/* the pages' <csrf>; never needed */
	if (rt == NULL)
		return 0;
	need = api_scope_for(r->method, rt->cap);
	if (!(rt->flags & R_SIGNED_IN) || (rt->flags & R_NO_TOKEN) ||
	    need == SCOPE_NONE) {
		page_error(r, 403, "API tokens cannot be used here.");
		return 1;
	}
	if (!(p->scopes & SCOPE_BIT(need))) {
		r->www_auth = arena_printf(r->a, "Bearer realm=\"Steward\", "
		    "error=\"insufficient_scope\", scope=\"%s\"",
		    api_scope_name(need));
		page_error(r, 403, arena_printf(r->a, "This token's scopes do "
		    "not allow this: it needs %s.", api_scope_name(need)));
		return 1;
	}
	return 0;
}

/* Loads the request's session, or its API token; 0, or 1 when answered. */
static int
route_who(struct req *r, const struct route *rt)
{
	const char	*auth;
	int		 n;

	if (rt != NULL && (rt->flags & R_OWN_AUTH))
		return 0;
	if ((auth = bearer_header(r, rt, &n)) != NULL)
		return token_gate(r, rt, auth, n);
	if (session_load(r) == -1) {
		page_error(r, 503, NULL);
		return 1;
	}
	return 0;
}

/* Runs the gates, then the handler; any refusal becomes an error page. */
void
route_dispatch(struct req *r)
{
	const struct route	*rt;
	const char		*tok, *next;
	int			 known;

	rt = route_find(r->method, r->path, &known);
	if (route_who(r, rt) != 0)
		return;
	if (rt == NULL) {
		page_error(r, known ? 405 : 404, NULL);
		return;
	}
	if ((rt->flags & R_SIGNED_IN) && r->s == NULL) {
		if (r->api || r->method == METHOD_POST) {
			page_error(r, 401, "Sign in to continue.");
			return;
		}
		next = valid_check(VALID_LOCAL_PATH, r->path, strlen(r->path)) ?
		    arena_printf(r->a, "/login?next=%s", r->path) : NULL;
		req_redirect(r, next ? next : "/login");
		return;
	}
	/* The organization requires 2-step verification and this user has
	 * none: nothing but its set-up (and signing out) until it is done. */
	if ((rt->flags & R_SIGNED_IN) && r->s->enroll &&
	    !(rt->flags & R_ENROLL)) {
		if (r->api || r->method != METHOD_GET)
			page_error(r, 403, "Your organization requires 2-step "
			    "verification: set it up first.");
		else
			req_redirect(r, ENROLL_PAGE);
		return;
	}
	if ((rt->flags & R_SIGNED_IN) && !role_can(r->s->role, rt->cap)) {
		page_error(r, 403, "Your role does not allow this.");
		return;
	}
	if ((rt->flags & (R_CSRF | R_PRE_CSRF)) && r->token == NULL) {
		tok = kv_get(&r->form, "csrf");
		if (!route_csrf_ok(r, tok)) {
			page_error(r, 403, "This form has expired or did not "
			    "come from this site. Reload the page and try again.");
			return;
		}
	}
	if (input_read(r, rt->fields) != RC_OK) {
		page_error(r, 500, NULL);
		return;
	}
	if (rt->fn(r) == -1)
		page_error(r, r->status >= 400 ? r->status : 500, NULL);
}
