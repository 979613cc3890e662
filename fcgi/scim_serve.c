/*
 * SCIM 2.0 over HTTP: every request under /scim/v2 goes through one gate
 * and is answered in JSON (application/scim+json), never through the XML
 * routes.  The gate order: route (404; 405 for a method the resource
 * does not take; 501 for what Steward does not do: Bulk, Me, creating or
 * deleting Groups) → API token (401 with WWW-Authenticate, the same for
 * every reason; 429; 503) → the scim scope (403 insufficient_scope) →
 * the owner's role for the operation (403) → body (413, 415, 400
 * invalidSyntax) → the endpoint.  The discovery documents
 * (ServiceProviderConfig, ResourceTypes, Schemas) hold nothing of an
 * account and need no token.  The token is api_token.c's: the same
 * scope table, bounded by the owner's role on every request.
 */
#include <string.h>
#include <strings.h>


#include "scim_serve.h"
#include "api_token.h"
#include "arena.h"
#include "json_mem.h"
#include "log.h"
#include "rc.h"
#include "roles.h"
#include "scim_doc.h"
#include "scim_meta.h"

#define SCIM_PREFIX	"/scim/v2"
#define SCIM_TYPE	"application/scim+json"
#define SCIM_REALM	"Bearer realm=\"Steward SCIM\""

typedef int (*scim_fn)(struct scim_req *);

/* A resource path: its name, whether an id follows, the handler per
 * method (NULL: 405, or 501 when unsupported is set for it). */
struct scim_route {
	const char	*resource;
	int		 with_id;
	int		 open;		/* no token needed (discovery) */
	scim_fn		 get, post, put, patch, del;
	enum cap	 read_cap, write_cap;
};

static int spc_get(struct scim_req *);
static int rtypes_get(struct scim_req *);
static int schemas_get(struct scim_req *);
static int not_implemented(struct scim_req *);

static const struct scim_route routes[] = {
	{ "Users", 0, 0, scim_users_list, scim_user_create, NULL, NULL, NULL,
	  CAP_INVITE, CAP_INVITE },
	{ "Users", 1, 0, scim_user_get, NULL, scim_user_put, scim_user_patch,
	  scim_user_delete, CAP_INVITE, CAP_MANAGE_USERS },
	{ "Groups", 0, 0, scim_groups_list, not_implemented, NULL, NULL, NULL,
	  CAP_INVITE, CAP_MANAGE_USERS },
	{ "Groups", 1, 0, scim_group_get, NULL, not_implemented,
	  scim_group_patch_req, not_implemented, CAP_INVITE, CAP_MANAGE_USERS },
	{ "Bulk", 0, 0, NULL, not_implemented, NULL, NULL, NULL,
	  CAP_INVITE, CAP_MANAGE_USERS },
	{ "Me", 0, 0, not_implemented, not_implemented, not_implemented,
	  not_implemented, not_implemented, CAP_INVITE, CAP_MANAGE_USERS },
	{ "ServiceProviderConfig", 0, 1, spc_get, NULL, NULL, NULL, NULL,
	  CAP_OVERVIEW, CAP_OVERVIEW },
	{ "ResourceTypes", 0, 1, rtypes_get, NULL, NULL, NULL, NULL,
	  CAP_OVERVIEW, CAP_OVERVIEW },
	{ "ResourceTypes", 1, 1, rtypes_get, NULL, NULL, NULL, NULL,
	  CAP_OVERVIEW, CAP_OVERVIEW },
	{ "Schemas", 0, 1, schemas_get, NULL, NULL, NULL, NULL,
	  CAP_OVERVIEW, CAP_OVERVIEW },
	{ "Schemas", 1, 1, schemas_get, NULL, NULL, NULL, NULL,
	  CAP_OVERVIEW, CAP_OVERVIEW },
};

#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

/* 1 when path is under /scim/v2. */
int
scim_path(const char *path)
{
	size_t	 n = sizeof(SCIM_PREFIX) - 1;

	return strncmp(path, SCIM_PREFIX, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

/* ---------------------------------------------------------- answers */

/*
 * Answers status with doc (stolen; NULL: a 500) as application/scim+json;
 * a 201 gets the Location of the new resource (meta.location).  Returns 0.
 */
int
scim_answer(struct scim_req *q, int status, json_t *doc)
{
	struct req	*r = q->r;
	char		*text;
	const char	*copy = NULL;
	json_t		*loc;

	if (doc == NULL) {
		log_error("scim: a document could not be built");
		return scim_refuse(q, 500, NULL, "The answer could not be built.");
	}
	text = json_dumps(doc, JSON_COMPACT);
	if (status == 201 && (loc = json_object_get(json_object_get(doc,
	    "meta"), "location")) != NULL)
		r->location = arena_strdup(r->a, json_string_value(loc));
	json_decref(doc);
	if (text != NULL)
		copy = arena_strdup(r->a, text);
	json_mem_free(text);
	if (copy == NULL) {
		req_answer(r, 500, SCIM_TYPE, "", 0);
		return 0;
	}
	req_answer(r, status, SCIM_TYPE, copy, strlen(copy));
	return 0;
}

/* Answers the SCIM Error of status, scimType type (or NULL), detail. */
int
scim_refuse(struct scim_req *q, int status, const char *type,
    const char *detail)
{
	json_t	*e = scim_error_json(status, type, detail);

	if (e == NULL) {
		req_answer(q->r, 500, SCIM_TYPE, "", 0);
		return 0;
	}
	return scim_answer(q, status, e);
}

/* Answers the refusal f. */
int
scim_failed(struct scim_req *q, const struct scim_fail *f)
{
	return scim_refuse(q, f->status, f->type, f->detail);
}

/* Answers 503: the database is unreachable. */
int
scim_down(struct scim_req *q)
{
	return scim_refuse(q, 503, NULL, "The database is unavailable; try "
	    "again shortly.");
}

/* 501 for what Steward does not do. */
static int
not_implemented(struct scim_req *q)
{
	return scim_refuse(q, 501, NULL, "Steward does not support this "
	    "operation: the Groups are the four roles, and there is no Bulk "
	    "or Me endpoint.");
}

/* ------------------------------------------------------- discovery */

static int
spc_get(struct scim_req *q)
{
	return scim_answer(q, 200, scim_spc_json(q->base));
}

static int
rtypes_get(struct scim_req *q)
{
	json_t	*d = scim_rtypes_json(q->base, q->id);

	if (d == NULL)
		return scim_refuse(q, 404, NULL, "There is no such resource "
		    "type.");
	return scim_answer(q, 200, d);
}

static int
schemas_get(struct scim_req *q)
{
	json_t	*d = scim_schemas_json(q->base, q->id);

	if (d == NULL)
		return scim_refuse(q, 404, NULL, "There is no such schema.");
	return scim_answer(q, 200, d);
}

/* ------------------------------------------------------------ gate */

/*
 * The route of path (after /scim/v2) into *rt, the id into q->id.
 * Returns 0, or -1 when no resource has that path.
 */
static int
route_of(struct scim_req *q, const char *path, const struct scim_route **rt)
{
	const char	*slash;
	size_t		 n, i;
	int		 with_id;

	if (*path == '/')
		path++;
	slash = strchr(path, '/');
	n = slash ? (size_t)(slash - path) : strlen(path);
	with_id = slash != NULL && slash[1] != '\0';
	if (with_id && strchr(slash + 1, '/') != NULL)
		return -1;
	q->id = with_id ? arena_strdup(q->r->a, slash + 1) : NULL;
	for (i = 0; i < NROUTES; i++)
		if (strlen(routes[i].resource) == n && strncmp(routes[i].resource,
		    path, n) == 0 && routes[i].with_id == with_id) {
			*rt = &routes[i];
			return 0;
		}
	return -1;
}

/* The handler of the request's method on rt, or NULL. */
static scim_fn
handler_of(const struct scim_route *rt, enum method m)
{
	switch (m) {
	case METHOD_GET:
	case METHOD_HEAD:
		return rt->get;
	case METHOD_POST:
		return rt->post;
	case METHOD_PUT:
		return rt->put;
	case METHOD_PATCH:
		return rt->patch;
	case METHOD_DELETE:
		return rt->del;
	default:
		return NULL;
	}
}

/*
 * Authenticates the request by its API token and checks the scim scope
 * and the owner's role for cap.  Returns 0 to go on, or 1 when it
 * answered (401, 403, 429, 503).
 */
static int
token_gate(struct scim_req *q, enum cap cap)
{
	struct req		*r = q->r;
	struct api_principal	*p;
	const char		*auth;
	int			 n, wait = 0;

	if ((p = arena_alloc(r->a, sizeof(*p))) == NULL)
		return scim_refuse(q, 500, NULL, "Out of memory."), 1;
	auth = api_token_header(r, &n);
	switch (auth != NULL && n == 1 ? api_token_auth(r, auth, p, &wait) :
	    API_AUTH_REFUSED) {
	case API_AUTH_OK:
		break;
	case API_AUTH_DOWN:
		return scim_down(q), 1;
	case API_AUTH_THROTTLED:
		r->retry_after = wait;
		return scim_refuse(q, 429, NULL, "Too many requests with this "
		    "token; try again in a minute."), 1;
	default:
		r->www_auth = SCIM_REALM ", error=\"invalid_token\"";
		return scim_refuse(q, 401, NULL, "The API token is missing, "
		    "malformed, expired or revoked."), 1;
	}
	r->s = p->s;
	r->token = p;
	if (!(p->scopes & SCOPE_BIT(SCOPE_SCIM))) {
		r->www_auth = SCIM_REALM ", error=\"insufficient_scope\", "
		    "scope=\"scim\"";
		return scim_refuse(q, 403, NULL, "This token does not hold the "
		    "scim scope."), 1;
	}
	if (r->s->enroll || !role_can(r->s->role, cap))
		return scim_refuse(q, 403, NULL, r->s->enroll ? "Your "
		    "organization requires 2-step verification: the token's "
		    "owner must set it up first." : "The token owner's role "
		    "does not allow this."), 1;
	return 0;
}

/* 1 when the request's Content-Type is SCIM's or JSON (or absent). */
static int
json_ctype(const char *ct)
{
	static const char *const types[] = { SCIM_TYPE, "application/json" };
	size_t	 i, n;

	if (ct == NULL)
		return 1;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i]);
		if (strncasecmp(ct, types[i], n) == 0 &&
		    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
			return 1;
	}
	return 0;
}

/*
 * Reads the JSON object of a POST, PUT or PATCH into q->body (freed with
 * the arena).  Returns 0, or 1 when it answered (400, 413, 415).
 */
static int
read_body(struct scim_req *q)
{
	struct req	*r = q->r;
	json_error_t	 err;
	int		 st;

	if ((st = req_read_body(r, BODY_RAW)) != 0)
		return scim_refuse(q, st, st == 400 ? "invalidSyntax" : NULL,
		    st == 413 ? "The body is larger than 1 MiB." :
		    "The body could not be read."), 1;
	if (!json_ctype(r->ctype))
		return scim_refuse(q, 415, NULL, "Send " SCIM_TYPE "."), 1;
	if (r->body == NULL || r->body_len == 0)
		return scim_refuse(q, 400, "invalidSyntax", "The body is "
		    "empty."), 1;
	q->body = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES,
	    &err);
	if (q->body != NULL && arena_cleanup(r->a, (void (*)(void *))
	    json_decref, q->body) == -1) {
		json_decref(q->body);
		q->body = NULL;
		return scim_refuse(q, 500, NULL, "Out of memory."), 1;
	}
	if (!json_is_object(q->body))
		return scim_refuse(q, 400, "invalidSyntax", q->body == NULL ?
		    arena_printf(r->a, "The body is not JSON: %s.", err.text) :
		    "The body is not a JSON object."), 1;
	return 0;
}

/*
 * Serves one request under /scim/v2 (r->path), answering in JSON
 * whatever happens: st, when not 0, is the status of a request that
 * could not be read (400 malformed, invalid UTF-8 or control characters
 * in the query, 413, 414); else the gate above, then the endpoint.
 */
void
scim_serve(struct req *r, int st)
{
	struct scim_req		 q;
	const struct scim_route	*rt;
	scim_fn			 fn;
	int			 writes;

	memset(&q, 0, sizeof(q));
	q.r = r;
	q.base = arena_printf(r->a, "%s" SCIM_PREFIX, req_client_origin(r));
	if (st != 0) {
		scim_refuse(&q, st, st == 400 ? "invalidSyntax" : NULL, st == 400 ?
		    "The request could not be read: it is malformed, or holds "
		    "invalid UTF-8 or control characters." : "The request is "
		    "too large.");
		return;
	}
	if (route_of(&q, r->path + sizeof(SCIM_PREFIX) - 1, &rt) == -1) {
		scim_refuse(&q, 404, NULL, "There is no such SCIM endpoint.");
		return;
	}
	if ((fn = handler_of(rt, r->method)) == NULL) {
		scim_refuse(&q, 405, NULL, "This endpoint does not take that "
		    "method.");
		return;
	}
	writes = r->method != METHOD_GET && r->method != METHOD_HEAD;
	if (!rt->open && fn != not_implemented &&
	    token_gate(&q, writes ? rt->write_cap : rt->read_cap))
		return;
	if (fn != not_implemented && (r->method == METHOD_POST ||
	    r->method == METHOD_PUT || r->method == METHOD_PATCH) &&
	    read_body(&q))
		return;
	fn(&q);
	if (r->out_type == NULL)
		scim_refuse(&q, 500, NULL, "The request could not be served.");
}
