/*
 * Tests of SCIM 2.0 provisioning (/scim/v2/…): the request/response
 * examples of RFC 7644 §3 replayed (create, get, list with a filter,
 * PATCH, PUT, DELETE, Groups), the discovery documents, filters with
 * hostile input, paging, the Users page's rules (last Admin, oneself,
 * invite domains, a demoted token owner), the audit lines, and refused
 * tokens and scopes.  Every answer must be application/scim+json (SCIM
 * errors included); state is read back with the mariadb client (sq()
 * and audit_count() of t_users.c).  Included by itest.c after t_users.c.
 */
#include <jansson.h>

#define SCIM_ERR	"urn:ietf:params:scim:api:messages:2.0:Error"
#define SCIM_PATCH	"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]," \
			"\"Operations\":"

/* The fixtures: account SA (owner SA_admin holds the tokens) and SB in
 * the same organization, SX in another. */
static struct account	 SA, SB, SX;
static struct user	 SA_admin = { .role = "admin" }, SA_admin2 = { .role = "admin" },
			 SA_member = { .role = "member" }, SA_gone = { .role = "member" },
			 SB_member = { .role = "member" }, SX_admin = { .role = "admin" };

/* Tokens: scim, read only, a Creator's scim (the role drops the scope),
 * revoked, expired. */
static char	 T_scim[80], T_read[80], T_creator[80], T_revoked[80],
		 T_expired[80];

/* The last answer: its body as JSON (NULL when none) and headers. */
static json_t	*S_doc;
static char	 S_www[512], S_loc[2048];
static const char *S_extra;	/* one more request header, or NULL */
static int	 S_nginx;	/* the answer may be nginx's own (not JSON) */

/* Keeps WWW-Authenticate, then lets the harness read the rest. */
static size_t
scim_on_header(char *p, size_t sz, size_t n, void *arg)
{
	size_t	 len = sz * n;

	if (len > 17 && strncasecmp(p, "WWW-Authenticate:", 17) == 0)
		hdr_value(p, len, 17, S_www, sizeof(S_www));
	return on_header(p, sz, n, arg);
}

/*
 * One SCIM request: method on /scim/v2 + path with token (NULL: none)
 * and body (NULL: none) of type ctype (NULL: application/scim+json).
 * Every answer but a 204 must be application/scim+json and parse; a
 * 4xx/5xx must be a SCIM Error stating its status.  Returns the status.
 */
static long
scim(struct client *c, const char *method, const char *path,
    const char *token, const char *body, const char *ctype)
{
	struct curl_slist	*h = NULL;
	char			 url[4096], line[512];
	json_t			*st;

	resp_reset(&c->r);
	json_decref(S_doc);
	S_doc = NULL;
	S_www[0] = '\0';
	snprintf(c->r.what, sizeof(c->r.what), "%s /scim/v2%.180s", method,
	    path);
	snprintf(url, sizeof(url), "%s/scim/v2%s", g_url, path);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, scim_on_header);
	h = curl_slist_append(h, "Expect:");
	if (token != NULL) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", token);
		h = curl_slist_append(h, line);
	}
	if (S_extra != NULL)
		h = curl_slist_append(h, S_extra);
	if (body != NULL) {
		snprintf(line, sizeof(line), "Content-Type: %s",
		    ctype ? ctype : "application/scim+json");
		h = curl_slist_append(h, line);
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
		curl_easy_setopt(c->h, CURLOPT_COPYPOSTFIELDS, body);
	} else
		curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, h);
	if (curl_easy_perform(c->h) != CURLE_OK)
		c->r.status = 0;
	else
		curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &c->r.status);
	curl_easy_setopt(c->h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_slist_free_all(h);
	snprintf(S_loc, sizeof(S_loc), "%s", c->r.location);
	ck(c->r.status != 500 && c->r.status != 0, "%s answered %ld", c->r.what,
	    c->r.status);
	if (c->r.status == 204 || (S_nginx && c->r.status == 400))
		return c->r.status;
	ck(strncmp(c->r.ctype, "application/scim+json", 21) == 0,
	    "%s: Content-Type \"%s\"", c->r.what, c->r.ctype);
	S_doc = c->r.body.n ? json_loadb(c->r.body.p, c->r.body.n, 0, NULL) :
	    NULL;
	if (!ck(S_doc != NULL, "%s: the body is not JSON", c->r.what))
		return c->r.status;
	if (c->r.status >= 400) {
		st = json_object_get(S_doc, "status");
		ck(json_is_string(st) && atol(json_string_value(st)) ==
		    c->r.status, "%s: the error's status is not %ld", c->r.what,
		    c->r.status);
		ck(json_is_string(json_array_get(json_object_get(S_doc,
		    "schemas"), 0)) && strcmp(json_string_value(json_array_get(
		    json_object_get(S_doc, "schemas"), 0)), SCIM_ERR) == 0,
		    "%s: not a SCIM Error", c->r.what);
	}
	return c->r.status;
}

/* The string at key (one level, or "a.b") of the last answer, or "". */
static const char *
js(const char *key)
{
	char		 k[128], *dot;
	const json_t	*v;

	snprintf(k, sizeof(k), "%s", key);
	if ((dot = strchr(k, '.')) != NULL)
		*dot = '\0';
	v = json_object_get(S_doc, k);
	if (dot != NULL)
		v = json_object_get(v, dot + 1);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* The integer at key of the last answer, or -1. */
static long
ji(const char *key)
{
	const json_t	*v = json_object_get(S_doc, key);

	return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

/* 1 when the last error's scimType is type. */
static int
scim_type_is(const char *type)
{
	return strcmp(js("scimType"), type) == 0;
}

/* Runs one SQL statement (printf-style); the mariadb client's status. */
static int
sqx(const char *fmt, ...)
{
	char	 q[4096];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	return sql(q, NULL, 0);
}

/* A token of owner u in account a with the scope bits, written to the
 * database as api_token.c would (SHA-256 of the secret); extra: more
 * SQL after the values (e.g. the expiry).  0 on success. */
static int
make_token(char out[80], const struct account *a, const struct user *u,
    unsigned scopes, const char *label, const char *expires,
    const char *revoked)
{
	static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
	char		 pub[11], secret[44];
	unsigned	 seed = (unsigned)getpid() ^ (unsigned)(size_t)out;
	size_t		 i;

	for (i = 0; i < 10; i++)
		pub[i] = b32[(seed = seed * 1103515245u + 12345u) >> 16 & 31];
	pub[10] = '\0';
	for (i = 0; i < 43; i++)
		secret[i] = b32[(seed = seed * 1103515245u + 12345u) >> 16 & 31];
	secret[43] = '\0';
	snprintf(out, 80, "stw_%s_%s", pub, secret);
	return sqx("INSERT INTO api_token (account_id, user_id, name,"
	    " public_id, secret_hash, scopes, expires_at, revoked_at)"
	    " SELECT a.id, u.id, '%s', '%s', UNHEX(SHA2('%s', 256)), %u, %s, %s"
	    " FROM account a, user u WHERE a.public_id = '%s' AND u.email = '%s'",
	    label, pub, secret, scopes, expires, revoked, a->id, u->email);
}

/* The fixtures; 1 when ready. */
static int
scim_fixtures(void)
{
	char	 out[512];

	if (make_account(&SA, "scim") != 0 || make_account(&SX, "scimx") != 0)
		return 0;
	if (admin_run(NULL, out, sizeof(out), "account-create", "--org", SA.org,
	    "Itest scim b", NULL) != 0 ||
	    sscanf(out, "account=%31s", SB.id) != 1)
		return 0;
	if (make_user(&SA_admin, "scim-admin", &SA) != 0 ||
	    make_user(&SA_admin2, "scim-admin2", &SA) != 0 ||
	    make_user(&SA_member, "scim-member", &SA) != 0 ||
	    make_user(&SA_gone, "scim-gone", &SA) != 0 ||
	    make_user(&SB_member, "scim-bmember", &SB) != 0 ||
	    make_user(&SX_admin, "scim-xadmin", &SX) != 0)
		return 0;
	/* the provisioning token as an Admin makes it; the others written
	 * to the database directly (states the commands refuse to make) */
	if (admin_run(NULL, T_scim, sizeof(T_scim), "token-create",
	    SA_admin.email, "--account", SA.id, "--name", "Identity provider",
	    "--scopes", "scim", "--expires", "never", NULL) != 0)
		return 0;
	T_scim[strcspn(T_scim, "\n")] = '\0';
	if (admin_run(NULL, out, sizeof(out), "token-create", SA_member.email,
	    "--account", SA.id, "--name", "nope", "--scopes", "scim", NULL) == 0)
		return 0;	/* a Member must not get a scim token */
	return make_token(T_read, &SA, &SA_admin, 1u << 0, "read", "NULL",
	    "NULL") == 0 &&
	    make_token(T_revoked, &SA, &SA_admin, 1u << 4, "revoked", "NULL",
	    "UTC_TIMESTAMP(6)") == 0 &&
	    make_token(T_expired, &SA, &SA_admin, 1u << 4, "expired",
	    "UTC_TIMESTAMP(6) - INTERVAL 1 DAY", "NULL") == 0 &&
	    sqx("UPDATE membership m JOIN account a ON a.id ="
	    " m.account_id JOIN user u ON u.id = m.user_id SET m.role = 3"
	    " WHERE a.public_id = '%s' AND u.email = '%s'", SA.id,
	    SA_member.email) == 0 &&
	    make_token(T_creator, &SA, &SA_member, 1u << 4, "creator", "NULL",
	    "NULL") == 0 &&
	    sqx("UPDATE membership m JOIN account a ON a.id ="
	    " m.account_id JOIN user u ON u.id = m.user_id SET m.role = 2"
	    " WHERE a.public_id = '%s' AND u.email = '%s'", SA.id,
	    SA_member.email) == 0;
}

/* The discovery documents: no token needed, SCIM's schemas. */
static void
test_scim_discovery(void)
{
	struct client	*c = cl_new("scim");

	t_begin("scim: ServiceProviderConfig, ResourceTypes and Schemas answer without a token");
	ck(scim(c, "GET", "/ServiceProviderConfig", NULL, NULL, NULL) == 200,
	    "ServiceProviderConfig: %ld", c->r.status);
	ck(json_is_true(json_object_get(json_object_get(S_doc, "patch"),
	    "supported")), "patch is not supported");
	ck(json_is_false(json_object_get(json_object_get(S_doc, "bulk"),
	    "supported")), "bulk is said supported");
	ck(scim(c, "GET", "/ResourceTypes", NULL, NULL, NULL) == 200 &&
	    ji("totalResults") == 2, "ResourceTypes: %ld", c->r.status);
	ck(scim(c, "GET", "/ResourceTypes/User", NULL, NULL, NULL) == 200 &&
	    strcmp(js("endpoint"), "/Users") == 0, "ResourceTypes/User");
	ck(scim(c, "GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
	    NULL, NULL, NULL) == 200, "Schemas/User: %ld", c->r.status);
	ck(scim(c, "GET", "/Schemas/urn:nope", NULL, NULL, NULL) == 404,
	    "an unknown schema: %ld", c->r.status);
	t_end();
	t_begin("scim: unknown endpoints 404, wrong methods 405, Bulk, Me and Group creation 501");
	ck(scim(c, "GET", "/Foo", T_scim, NULL, NULL) == 404, "/Foo: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users/1/x", T_scim, NULL, NULL) == 404,
	    "/Users/1/x: %ld", c->r.status);
	ck(scim(c, "PUT", "/Users", T_scim, "{}", NULL) == 405, "PUT /Users: %ld",
	    c->r.status);
	ck(scim(c, "POST", "/Bulk", T_scim, "{}", NULL) == 501, "Bulk: %ld",
	    c->r.status);
	ck(scim(c, "POST", "/Groups", T_scim, "{\"displayName\":\"Boss\"}",
	    NULL) == 501, "POST /Groups: %ld", c->r.status);
	ck(scim(c, "DELETE", "/Groups/admin", T_scim, NULL, NULL) == 501,
	    "DELETE /Groups/admin: %ld", c->r.status);
	t_end();
	cl_free(c);
}

/* Missing, malformed, wrong, revoked, expired tokens; the wrong scope; a
 * token whose owner's role no longer holds the scope. */
static void
test_scim_tokens(void)
{
	struct client	*c = cl_new("scim");
	char		 bad[80];

	t_begin("scim: a missing, malformed, wrong, revoked or expired token is 401 with WWW-Authenticate, the same for each");
	ck(scim(c, "GET", "/Users", NULL, NULL, NULL) == 401 &&
	    strstr(S_www, "Bearer") != NULL, "no token: %ld (%s)", c->r.status,
	    S_www);
	snprintf(bad, sizeof(bad), "%s", T_scim);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'a' ? 'b' : 'a';
	ck(scim(c, "GET", "/Users", bad, NULL, NULL) == 401, "a wrong secret: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users", "stw_x", NULL, NULL) == 401, "malformed: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users", T_revoked, NULL, NULL) == 401, "revoked: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users", T_expired, NULL, NULL) == 401, "expired: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users", T_creator, NULL, NULL) == 401,
	    "a Creator's scim token (the role cannot hold scim): %ld",
	    c->r.status);
	S_extra = "Authorization: Bearer stw_aaaaaaaaaa_x";
	S_nginx = 1;	/* nginx refuses a repeated Authorization itself */
	ck(scim(c, "GET", "/Users", T_scim, NULL, NULL) == 401 ||
	    c->r.status == 400, "two Authorization headers: %ld", c->r.status);
	S_nginx = 0;
	S_extra = "Authorization: Basic YTpi";
	ck(scim(c, "GET", "/Users", NULL, NULL, NULL) == 401, "Basic: %ld",
	    c->r.status);
	S_extra = NULL;
	t_end();
	t_begin("scim: a token without the scim scope is 403 insufficient_scope");
	ck(scim(c, "GET", "/Users", T_read, NULL, NULL) == 403 &&
	    strstr(S_www, "insufficient_scope") != NULL, "read token: %ld (%s)",
	    c->r.status, S_www);
	ck(scim(c, "POST", "/Users", T_read, "{\"userName\":\"x@example.com\"}",
	    NULL) == 403, "read token creating: %ld", c->r.status);
	ck(!inv_of(&SA, "x@example.com")[0], "an invitation was stored");
	t_end();
	cl_free(c);
}

/* RFC 7644 §3.3: create (an invitation), §3.4.1 get, duplicates. */
static void
test_scim_create_get(void)
{
	struct client	*c = cl_new("scim");
	char		 body[1024], email[128], path[256], id[64];
	struct snap	 before;

	snprintf(email, sizeof(email), "itest-%s-bjensen@example.com", g_tag);
	snprintf(body, sizeof(body), "{\"schemas\":"
	    "[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
	    "\"userName\":\"%s\",\"externalId\":\"bjensen\","
	    "\"name\":{\"formatted\":\"Ms. Barbara J Jensen III\","
	    "\"familyName\":\"Jensen\",\"givenName\":\"Barbara\"}}", email);
	t_begin("scim: RFC 7644 §3.3 create: 201, Location, an invitation of the Users page, invite.send, a mail");
	snap_take(&before);
	if (!ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 201,
	    "create: %ld %.*s", c->r.status, (int)c->r.body.n, c->r.body.p)) {
		snap_free(&before);
		t_end();
		cl_free(c);
		return;
	}
	snprintf(id, sizeof(id), "%s", js("id"));
	ck(id[0] == 'i' && strcmp(id + 1, inv_of(&SA, email)) == 0,
	    "id %s is not the invitation %s", id, inv_of(&SA, email));
	ck(strcmp(js("userName"), email) == 0, "userName %s", js("userName"));
	ck(S_loc[0] && strcmp(S_loc, js("meta.location")) == 0 &&
	    strstr(S_loc, "/scim/v2/Users/") != NULL, "Location %s, meta %s",
	    S_loc, js("meta.location"));
	ck(strcmp(js("meta.resourceType"), "User") == 0, "resourceType");
	ck(json_is_true(json_object_get(S_doc, "active")), "not active");
	ck(strcmp(sq("SELECT i.role FROM invitation i JOIN account a ON a.id ="
	    " i.account_id WHERE a.public_id = '%s' AND i.email = '%s'", SA.id,
	    email), "2") == 0, "the invitation's role is not Member");
	ck(audit_count(&SA, "invite.send", email) == 1, "no invite.send line");
	ck(mail_new(&before, email, NULL) >= 1, "no invitation mail to %s",
	    email);
	snap_free(&before);
	t_end();
	t_begin("scim: RFC 7644 §3.4.1 get by id; a second create is 409 uniqueness, nothing added");
	snprintf(path, sizeof(path), "/Users/%s", id);
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 200 &&
	    strcmp(js("id"), id) == 0, "get %s: %ld", path, c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 409 &&
	    scim_type_is("uniqueness"), "again: %ld", c->r.status);
	snprintf(body, sizeof(body), "{\"userName\":\"%s\"}", SA_member.email);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 409 &&
	    scim_type_is("uniqueness"), "a member: %ld", c->r.status);
	ck(audit_count(&SA, "invite.send", email) == 1, "a second invite.send");
	t_end();
	t_begin("scim: unknown, foreign and malformed User ids are 404");
	snprintf(path, sizeof(path), "/Users/%s", uid_of(SX_admin.email));
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 404, "foreign: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users/99999999999", T_scim, NULL, NULL) == 404,
	    "unknown: %ld", c->r.status);
	ck(scim(c, "GET", "/Users/abc", T_scim, NULL, NULL) == 404, "abc: %ld",
	    c->r.status);
	ck(scim(c, "GET", "/Users/i0", T_scim, NULL, NULL) == 404, "i0: %ld",
	    c->r.status);
	t_end();
	cl_free(c);
}

/* A create for a login of this organization is a membership; of another
 * organization, an invitation; outside the invite domains, refused. */
static void
test_scim_create_rules(void)
{
	struct client	*c = cl_new("scim");
	char		 body[512];

	t_begin("scim: create for a login of the same organization adds the membership (member.add); another organization's login is invited");
	snprintf(body, sizeof(body), "{\"userName\":\"%s\"}", SB_member.email);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 201 &&
	    strcmp(js("id"), uid_of(SB_member.email)) == 0, "same org: %ld %s",
	    c->r.status, js("id"));
	ck(strcmp(role_of(&SA, SB_member.email), "2") == 0, "no membership");
	ck(audit_count(&SA, "member.add", SB_member.email) == 1,
	    "no member.add line");
	snprintf(body, sizeof(body), "{\"userName\":\"%s\"}", SX_admin.email);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 201 &&
	    js("id")[0] == 'i', "other org: %ld %s", c->r.status, js("id"));
	ck(!role_of(&SA, SX_admin.email)[0], "a membership without consent");
	t_end();
	t_begin("scim: the organization's invite domains apply: 403, nothing stored");
	sqx("UPDATE organization SET invite_domains = 'example.org'"
	    " WHERE id = %s", SA.org);
	snprintf(body, sizeof(body), "{\"userName\":\"itest-%s-dom@example.com\"}",
	    g_tag);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 403, "domain: %ld",
	    c->r.status);
	snprintf(body, sizeof(body), "itest-%s-dom@example.com", g_tag);
	ck(!inv_of(&SA, body)[0], "an invitation was stored");
	sqx("UPDATE organization SET invite_domains = '' WHERE id = %s",
	    SA.org);
	t_end();
	t_begin("scim: bad create bodies: 400 invalidValue / invalidSyntax, 415, nothing stored");
	ck(scim(c, "POST", "/Users", T_scim, "{\"userName\":\"not-an-email\"}",
	    NULL) == 400 && scim_type_is("invalidValue"), "userName: %ld",
	    c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "{\"name\":{}}", NULL) == 400,
	    "no userName: %ld", c->r.status);
	snprintf(body, sizeof(body), "{\"userName\":\"itest-%s-off@example.com\","
	    "\"active\":false}", g_tag);
	ck(scim(c, "POST", "/Users", T_scim, body, NULL) == 400,
	    "inactive: %ld", c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "{\"userName\":", NULL) == 400 &&
	    scim_type_is("invalidSyntax"), "broken JSON: %ld", c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "[1]", NULL) == 400,
	    "not an object: %ld", c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "{\"userName\":\"a\xff@example.com\"}",
	    NULL) == 400, "invalid UTF-8: %ld", c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "userName=a", "text/plain") == 415,
	    "text/plain: %ld", c->r.status);
	snprintf(body, sizeof(body), "itest-%s-off@example.com", g_tag);
	ck(!inv_of(&SA, body)[0], "an invitation was stored");
	t_end();
	cl_free(c);
}

/* RFC 7644 §3.4.2: list, filter, paging; hostile filters. */
static void
test_scim_list(void)
{
	struct client	*c = cl_new("scim");
	char		 path[4096], *e, *f;
	long		 total;
	size_t		 i;
	static const char *const bad_filters[] = {
		"userName eq", "userName eq \"unclosed", "userName zz \"a\"",
		"((((((((((((userName pr))))))))))))",
		"userName eq \"a\" or", "userName eq \"\x01\"",
		"userName eq \"\xff\"", "name[givenName eq \"a\" and x[y pr]]",
		"active gt true", "'; DROP TABLE user; --",
	};

	t_begin("scim: RFC 7644 §3.4.2 filter userName eq finds one member; the whole list pages by startIndex and count");
	e = curl_easy_escape(c->h, SA_member.email, 0);
	snprintf(path, sizeof(path), "/Users?filter=userName%%20eq%%20%%22%s%%22", e);
	curl_free(e);
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 200 &&
	    ji("totalResults") == 1 && strcmp(js("schemas"), "") == 0,
	    "eq: %ld total %ld", c->r.status, ji("totalResults"));
	ck(strcmp(json_string_value(json_object_get(json_array_get(
	    json_object_get(S_doc, "Resources"), 0), "userName")),
	    SA_member.email) == 0, "not the member");
	ck(scim(c, "GET", "/Users", T_scim, NULL, NULL) == 200, "list: %ld",
	    c->r.status);
	total = ji("totalResults");
	ck(total >= 6, "only %ld users", total);
	ck(scim(c, "GET", "/Users?startIndex=2&count=2", T_scim, NULL, NULL) ==
	    200 && ji("startIndex") == 2 && ji("itemsPerPage") == 2 &&
	    ji("totalResults") == total, "page: %ld %ld %ld", ji("startIndex"),
	    ji("itemsPerPage"), ji("totalResults"));
	ck(scim(c, "GET", "/Users?count=0", T_scim, NULL, NULL) == 200 &&
	    ji("itemsPerPage") == 0 && ji("totalResults") == total, "count=0");
	snprintf(path, sizeof(path), "/Users?startIndex=%ld", total + 5);
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 200 &&
	    ji("itemsPerPage") == 0, "past the end");
	ck(scim(c, "GET", "/Users?filter=userName%20co%20%22scim-admin%22%20and"
	    "%20active%20eq%20true", T_scim, NULL, NULL) == 200 &&
	    ji("totalResults") == 2, "co and: %ld", ji("totalResults"));
	ck(scim(c, "GET", "/Users?startIndex=x", T_scim, NULL, NULL) == 400 &&
	    scim_type_is("invalidValue"), "startIndex=x: %ld", c->r.status);
	t_end();
	t_begin("scim: hostile filters are 400 invalidFilter (too long, too deep, broken, invalid UTF-8, control characters)");
	for (i = 0; i < sizeof(bad_filters) / sizeof(bad_filters[0]); i++) {
		e = curl_easy_escape(c->h, bad_filters[i], 0);
		snprintf(path, sizeof(path), "/Users?filter=%s", e);
		curl_free(e);
		/* control characters and invalid UTF-8 are refused with
		 * the rest of the query string, before the filter */
		ck(scim(c, "GET", path, T_scim, NULL, NULL) == 400 &&
		    (scim_type_is("invalidFilter") ||
		    scim_type_is("invalidSyntax")), "%s: %ld %s",
		    bad_filters[i], c->r.status, js("scimType"));
	}
	f = repeat('(', 1500);
	snprintf(path, sizeof(path), "/Users?filter=%s", f);
	free(f);
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 400 &&
	    scim_type_is("invalidFilter"), "1,500 \"(\": %ld", c->r.status);
	ck(atoi(sq("SELECT COUNT(*) FROM user")) > 0, "the user table is gone");
	t_end();
	cl_free(c);
}

/* RFC 7644 §3.5.2 PATCH and §3.5.1 PUT of a member. */
static void
test_scim_patch_put(void)
{
	struct client	*c = cl_new("scim");
	char		 path[256], body[1024];

	snprintf(path, sizeof(path), "/Users/%s", uid_of(SA_member.email));
	t_begin("scim: RFC 7644 §3.5.2 PATCH replace of the name renames the login, audited member.rename");
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"name.familyName\",\"value\":\"Jensen\"}]}", NULL) == 200,
	    "patch: %ld %.*s", c->r.status, (int)c->r.body.n, c->r.body.p);
	ck(strcmp(js("name.familyName"), "Jensen") == 0, "familyName %s",
	    js("name.familyName"));
	ck(strcmp(sq("SELECT name FROM user WHERE email = '%s'",
	    SA_member.email), "Itest Jensen") == 0, "name %s",
	    sq("SELECT name FROM user WHERE email = '%s'", SA_member.email));
	ck(audit_count(&SA, "member.rename", SA_member.email) == 1,
	    "no member.rename line");
	t_end();
	t_begin("scim: PATCH of userName or email is 400 mutability; bad operations 400; nothing changed");
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"userName\",\"value\":\"evil@example.com\"}]}", NULL) ==
	    400 && scim_type_is("mutability"), "userName: %ld", c->r.status);
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":"
	    "\"evil@example.com\"}]}", NULL) == 400 &&
	    scim_type_is("mutability"), "email: %ld", c->r.status);
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"jump\"}]}",
	    NULL) == 400 && scim_type_is("invalidSyntax"), "op: %ld",
	    c->r.status);
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"name.formatted\",\"value\":\"\"}]}", NULL) == 400 &&
	    scim_type_is("invalidValue"), "empty name: %ld", c->r.status);
	ck(scim(c, "PATCH", path, T_scim, "{\"Operations\":[]}", NULL) == 400,
	    "no PatchOp schema: %ld", c->r.status);
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"emails[type eq\",\"value\":\"x\"}]}", NULL) == 400 &&
	    scim_type_is("invalidPath"), "path: %ld", c->r.status);
	ck(strcmp(uid_of("evil@example.com"), "") == 0 &&
	    strcmp(sq("SELECT name FROM user WHERE email = '%s'",
	    SA_member.email), "Itest Jensen") == 0, "something changed");
	t_end();
	t_begin("scim: RFC 7644 §3.5.1 PUT replaces the name; without userName 400");
	snprintf(body, sizeof(body), "{\"schemas\":[\"urn:ietf:params:scim:"
	    "schemas:core:2.0:User\"],\"userName\":\"%s\",\"name\":{\"givenName\":"
	    "\"Babs\",\"familyName\":\"Jensen\"},\"active\":true}", SA_member.email);
	ck(scim(c, "PUT", path, T_scim, body, NULL) == 200 &&
	    strcmp(js("displayName"), "Babs Jensen") == 0, "put: %ld %s",
	    c->r.status, js("displayName"));
	ck(scim(c, "PUT", path, T_scim, "{\"name\":{\"formatted\":\"X\"}}",
	    NULL) == 400, "no userName: %ld", c->r.status);
	ck(strcmp(sq("SELECT name FROM user WHERE email = '%s'",
	    SA_member.email), "Babs Jensen") == 0, "name after PUT");
	t_end();
	t_begin("scim: renaming a login that also belongs to another organization is 403");
	admin_run(SA_member.password, body, sizeof(body), "user-add",
	    SA_member.email, "member", "--account", SX.id, NULL);
	ck(strcmp(role_of(&SX, SA_member.email), "2") == 0, "not in SX");
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"displayName\",\"value\":\"Hijacked\"}]}", NULL) == 403,
	    "other org: %ld", c->r.status);
	ck(strcmp(sq("SELECT name FROM user WHERE email = '%s'",
	    SA_member.email), "Babs Jensen") == 0, "renamed anyway");
	t_end();
	cl_free(c);
}

/* Groups: the roles; members added and removed; the last Admin. */
static void
test_scim_groups(void)
{
	struct client	*c = cl_new("scim");
	char		 body[1024];
	const char	*uid = xstrdup(uid_of(SA_member.email));
	const char	*me = xstrdup(uid_of(SA_admin.email));
	const char	*a2 = xstrdup(uid_of(SA_admin2.email));

	t_begin("scim: GET /Groups lists the four roles; /Groups/admin lists the Admins");
	ck(scim(c, "GET", "/Groups", T_scim, NULL, NULL) == 200 &&
	    ji("totalResults") == 4, "groups: %ld", ji("totalResults"));
	ck(scim(c, "GET", "/Groups?filter=displayName%20eq%20%22Creator%22",
	    T_scim, NULL, NULL) == 200 && ji("totalResults") == 1, "filter");
	ck(scim(c, "GET", "/Groups/admin", T_scim, NULL, NULL) == 200 &&
	    json_array_size(json_object_get(S_doc, "members")) == 2,
	    "admins: %ld", c->r.status);
	ck(scim(c, "GET", "/Groups/owner", T_scim, NULL, NULL) == 404,
	    "owner: %ld", c->r.status);
	t_end();
	t_begin("scim: PATCH /Groups/creator add gives the role (member.role); remove makes an Agent");
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"add\",\"path\":"
	    "\"members\",\"value\":[{\"value\":\"%s\"}]}]}", uid);
	ck(scim(c, "PATCH", "/Groups/creator", T_scim, body, NULL) == 200,
	    "add: %ld %.*s", c->r.status, (int)c->r.body.n, c->r.body.p);
	ck(strcmp(role_of(&SA, SA_member.email), "3") == 0, "role %s",
	    role_of(&SA, SA_member.email));
	ck(audit_count(&SA, "member.role", SA_member.email) == 1,
	    "no member.role line");
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"remove\",\"path\":"
	    "\"members[value eq \\\"%s\\\"]\"}]}", uid);
	ck(scim(c, "PATCH", "/Groups/creator", T_scim, body, NULL) == 200,
	    "remove: %ld", c->r.status);
	ck(strcmp(role_of(&SA, SA_member.email), "1") == 0, "role %s",
	    role_of(&SA, SA_member.email));
	ck(scim(c, "PATCH", "/Groups/agent", T_scim, body, NULL) == 400 &&
	    scim_type_is("mutability"), "remove from Agent: %ld", c->r.status);
	t_end();
	t_begin("scim: the last Admin keeps the role (400 mutability); foreign and unknown members are 400; nothing changed");
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"remove\",\"path\":"
	    "\"members\",\"value\":[{\"value\":\"%s\"}]}]}", a2);
	ck(scim(c, "PATCH", "/Groups/admin", T_scim, body, NULL) == 200,
	    "demote the second Admin: %ld", c->r.status);
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"remove\",\"path\":"
	    "\"members\",\"value\":[{\"value\":\"%s\"}]}]}", me);
	ck(scim(c, "PATCH", "/Groups/admin", T_scim, body, NULL) == 400 &&
	    scim_type_is("mutability"), "last Admin: %ld", c->r.status);
	ck(strcmp(role_of(&SA, SA_admin.email), "4") == 0, "the last Admin "
	    "lost the role");
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"add\",\"path\":"
	    "\"members\",\"value\":[{\"value\":\"%s\"}]}]}",
	    uid_of(SX_admin.email));
	ck(scim(c, "PATCH", "/Groups/creator", T_scim, body, NULL) == 400,
	    "foreign member: %ld", c->r.status);
	ck(strcmp(role_of(&SX, SX_admin.email), "4") == 0, "foreign role changed");
	ck(scim(c, "PATCH", "/Groups/admin", T_scim, SCIM_PATCH "[{\"op\":"
	    "\"remove\",\"path\":\"members\"}]}", NULL) == 400 &&
	    scim_type_is("noTarget"), "remove all: %ld", c->r.status);
	ck(scim(c, "PATCH", "/Groups/admin", T_scim, SCIM_PATCH "[{\"op\":"
	    "\"replace\",\"path\":\"displayName\",\"value\":\"Boss\"}]}", NULL) ==
	    400 && scim_type_is("mutability"), "rename: %ld", c->r.status);
	snprintf(body, sizeof(body), SCIM_PATCH "[{\"op\":\"add\",\"path\":"
	    "\"members\",\"value\":[{\"value\":\"%s\"}]}]}", a2);
	ck(scim(c, "PATCH", "/Groups/admin", T_scim, body, NULL) == 200 &&
	    strcmp(role_of(&SA, SA_admin2.email), "4") == 0, "promote back: %ld",
	    c->r.status);
	t_end();
	free((void *)uid);
	free((void *)me);
	free((void *)a2);
	cl_free(c);
}

/* active false and DELETE: the Users page's removal and revocation. */
static void
test_scim_remove(void)
{
	struct client	*c = cl_new("scim");
	char		 path[256], email[128];
	const char	*inv;

	t_begin("scim: PATCH active false removes the member (member.remove, sessions ended); then 404");
	snprintf(path, sizeof(path), "/Users/%s", uid_of(SA_gone.email));
	sqx("INSERT INTO session (token_hash, user_id, account_id,"
	    " expires_at) SELECT UNHEX(SHA2('%s', 256)), u.id, a.id,"
	    " UTC_TIMESTAMP(6) + INTERVAL 1 HOUR FROM user u, account a WHERE"
	    " u.email = '%s' AND a.public_id = '%s'", SA_gone.email,
	    SA_gone.email, SA.id);
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"path\":\"active\",\"value\":false}]}", NULL) == 200 &&
	    json_is_false(json_object_get(S_doc, "active")), "deactivate: %ld",
	    c->r.status);
	ck(!role_of(&SA, SA_gone.email)[0], "still a member");
	ck(atoi(sq("SELECT COUNT(*) FROM session s JOIN user u ON u.id ="
	    " s.user_id WHERE u.email = '%s'", SA_gone.email)) == 0,
	    "the session lives on");
	ck(audit_count(&SA, "member.remove", SA_gone.email) == 1,
	    "no member.remove line");
	ck(scim(c, "GET", path, T_scim, NULL, NULL) == 404, "after: %ld",
	    c->r.status);
	t_end();
	t_begin("scim: the token's owner cannot deactivate or delete themselves (403)");
	snprintf(path, sizeof(path), "/Users/%s", uid_of(SA_admin.email));
	ck(scim(c, "PATCH", path, T_scim, SCIM_PATCH "[{\"op\":\"replace\","
	    "\"value\":{\"active\":false}}]}", NULL) == 403, "self: %ld",
	    c->r.status);
	ck(scim(c, "DELETE", path, T_scim, NULL, NULL) == 403, "delete self: %ld",
	    c->r.status);
	ck(strcmp(role_of(&SA, SA_admin.email), "4") == 0, "the owner left");
	t_end();
	t_begin("scim: RFC 7644 §3.6 DELETE of an invitation revokes it (invite.revoke), 204; again 404");
	snprintf(email, sizeof(email), "itest-%s-bjensen@example.com", g_tag);
	inv = inv_of(&SA, email);
	snprintf(path, sizeof(path), "/Users/i%s", inv);
	ck(scim(c, "DELETE", path, T_scim, NULL, NULL) == 204, "delete: %ld",
	    c->r.status);
	ck(strcmp(sq("SELECT revoked_at IS NOT NULL FROM invitation WHERE"
	    " email = '%s'", email), "1") == 0, "not revoked");
	ck(audit_count(&SA, "invite.revoke", email) == 1, "no invite.revoke line");
	ck(scim(c, "DELETE", path, T_scim, NULL, NULL) == 404, "again: %ld",
	    c->r.status);
	t_end();
	cl_free(c);
}

/* A demoted owner's token stops at once; restored, it works again. */
static void
test_scim_demoted_owner(void)
{
	struct client	*c = cl_new("scim");

	t_begin("scim: the token of an owner demoted to Creator stops at once (401); back to Admin it works");
	sqx("UPDATE membership m JOIN account a ON a.id = m.account_id"
	    " JOIN user u ON u.id = m.user_id SET m.role = 3 WHERE"
	    " a.public_id = '%s' AND u.email = '%s'", SA.id, SA_admin.email);
	ck(scim(c, "GET", "/Users", T_scim, NULL, NULL) == 401, "demoted: %ld",
	    c->r.status);
	ck(scim(c, "POST", "/Users", T_scim, "{\"userName\":"
	    "\"itest-demoted@example.com\"}", NULL) == 401, "create: %ld",
	    c->r.status);
	sqx("UPDATE membership m JOIN account a ON a.id = m.account_id"
	    " JOIN user u ON u.id = m.user_id SET m.role = 4 WHERE"
	    " a.public_id = '%s' AND u.email = '%s'", SA.id, SA_admin.email);
	ck(scim(c, "GET", "/Users", T_scim, NULL, NULL) == 200, "restored: %ld",
	    c->r.status);
	ck(!inv_of(&SA, "itest-demoted@example.com")[0], "an invitation");
	t_end();
	cl_free(c);
}

/* SCIM's tests, in order. */
static void
part_scim(void)
{
	t_begin("scim: fixtures (accounts, members, tokens written as api_token.c does)");
	if (!ck(scim_fixtures(), "the fixtures could not be made")) {
		t_end();
		return;
	}
	t_end();
	test_scim_discovery();
	test_scim_tokens();
	test_scim_create_get();
	test_scim_create_rules();
	test_scim_list();
	test_scim_patch_put();
	test_scim_groups();
	test_scim_remove();
	test_scim_demoted_owner();
	json_decref(S_doc);
	S_doc = NULL;
}
