/*
 * Unit tests of the SCIM engine: fcgi/scim_filter.c (filters and paths,
 * hostile ones included), scim_patch.c and scim_change.c (PATCH
 * operations and what they change), scim_doc.c (resources, paging,
 * errors) and scim_meta.c (discovery documents).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/json_mem.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/scim_doc.h"
#include "../../fcgi/scim_filter.h"
#include "../../fcgi/scim_meta.h"
#include "../../fcgi/scim_patch.h"

#define BASE	"https://s.example/scim/v2"

/* The User every filter and PATCH test starts from. */
static json_t *
ann(void)
{
	static const struct scim_user u = {
		"17", "ann@example.com", "Ann Marie Lee", ROLE_CREATOR, 0,
		"2026-01-02T03:04:05Z", "2026-02-03T04:05:06Z",
	};

	return scim_user_json(BASE, &u);
}

/* ------------------------------------------------------- filters */

static const struct {
	const char	*filter;
	int		 match;		/* against ann() */
} filters[] = {
	{ "userName eq \"ann@example.com\"", 1 },
	{ "USERNAME EQ \"ANN@EXAMPLE.COM\"", 1 },
	{ "userName eq \"bob@example.com\"", 0 },
	{ "userName ne \"bob@example.com\"", 1 },
	{ "userName co \"@example\"", 1 },
	{ "userName sw \"ann\"", 1 },
	{ "userName sw \"nn\"", 0 },
	{ "userName ew \".com\"", 1 },
	{ "userName pr", 1 },
	{ "title pr", 0 },
	{ "name.familyName eq \"Lee\"", 1 },
	{ "name.givenName eq \"Ann Marie\"", 1 },
	{ "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"ann@example.com\"", 1 },
	{ "emails co \"ann@\"", 1 },
	{ "emails.value eq \"ann@example.com\"", 1 },
	{ "emails[type eq \"work\" and value co \"example\"]", 1 },
	{ "emails[type eq \"home\"]", 0 },
	{ "active eq true", 1 },
	{ "active eq false", 0 },
	{ "groups.value eq \"creator\"", 1 },
	{ "meta.lastModified gt \"2026-01-01T00:00:00Z\"", 1 },
	{ "meta.lastModified lt \"2026-01-01T00:00:00Z\"", 0 },
	{ "meta.created ge \"2026-01-02T03:04:05Z\"", 1 },
	{ "meta.created le \"2026-01-02T03:04:04Z\"", 0 },
	{ "userName eq \"x\" or active eq true", 1 },
	{ "userName eq \"x\" and active eq true", 0 },
	{ "not (userName eq \"x\")", 1 },
	{ "not(userName sw \"ann\")", 0 },
	{ "(userName eq \"x\" or userName eq \"ann@example.com\") and active eq true", 1 },
	{ "userName eq \"x\" or userName eq \"y\" and active eq true", 0 },
	{ "title eq null", 1 },
	{ "displayName eq \"Ann Marie Lee\"", 1 },
	{ "userName eq \"\\u0061nn@example.com\"", 1 },
	{ "  userName   eq   \"ann@example.com\"  ", 1 },
};

START_TEST(test_filter_match)
{
	struct scim_filter	 f;
	json_t			*u = ann();
	const char		*s = filters[_i].filter;

	ck_assert_msg(scim_filter_parse(&f, s, strlen(s)) == 0, "%s: %s", s,
	    f.err ? f.err : "");
	ck_assert_msg(scim_filter_match(&f, u) == filters[_i].match, "%s", s);
	json_decref(u);
}
END_TEST

/* Refused filters, hostile ones included: each says why. */
static const char *const bad_filters[] = {
	"",
	"userName",
	"userName eq",
	"userName eq ann",
	"userName xx \"a\"",
	"userName eq \"unclosed",
	"userName eq \"a\" and",
	"userName eq \"a\" garbage",
	"(userName eq \"a\"",
	"userName eq \"a\")",
	"not userName eq \"a\"",
	"emails[type eq \"work\"",
	"emails[type eq \"a\" and x[y eq \"b\"]]",
	"active gt true",
	"userName co 5",
	"1userName eq \"a\"",
	"user$name eq \"a\"",
	"userName eq \"a\\q\"",
	"userName eq \"a\\ud800\"",
	"userName eq \"a\\u0000\"",
	"userName eq \"tab\there\"",
	"userName eq 1e999",
	"urn:x:y:userName eq \"a\"",
	"name. eq \"a\"",
};

START_TEST(test_filter_refused)
{
	struct scim_filter	 f;
	const char		*s = bad_filters[_i];

	ck_assert_msg(scim_filter_parse(&f, s, strlen(s)) == -1, "%s", s);
	ck_assert_ptr_nonnull(f.err);
	ck_assert(!scim_filter_match(&f, NULL) || f.root >= 0);
}
END_TEST

/* Length, depth and node bounds; invalid UTF-8; a NUL inside. */
START_TEST(test_filter_hostile)
{
	struct scim_filter	 f;
	char			 buf[SCIM_MAX_FILTER_LEN * 4];
	size_t			 i, n;
	json_t			*u = ann();

	/* exactly the depth allowed, then one more */
	n = 0;
	for (i = 0; i < SCIM_MAX_FILTER_DEPTH; i++)
		buf[n++] = '(';
	n += (size_t)sprintf(buf + n, "userName pr");
	for (i = 0; i < SCIM_MAX_FILTER_DEPTH; i++)
		buf[n++] = ')';
	buf[n] = '\0';
	ck_assert_int_eq(scim_filter_parse(&f, buf, n), 0);
	ck_assert(scim_filter_match(&f, u));
	memmove(buf + 1, buf, n + 1);
	buf[0] = '(';
	strcat(buf, ")");
	ck_assert_int_eq(scim_filter_parse(&f, buf, strlen(buf)), -1);
	ck_assert_str_eq(f.err, "The filter is nested too deeply.");
	/* not (not (…)) nested past the depth */
	buf[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(buf, "not (");
	strcat(buf, "userName pr");
	for (i = 0; i < 20; i++)
		strcat(buf, ")");
	ck_assert_int_eq(scim_filter_parse(&f, buf, strlen(buf)), -1);
	/* 10,000 "(" are refused by length before they are read */
	memset(buf, '(', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	ck_assert_int_eq(scim_filter_parse(&f, buf, strlen(buf)), -1);
	ck_assert_str_eq(f.err, "The filter is too long.");
	/* too many comparisons */
	buf[0] = '\0';
	for (i = 0; i < SCIM_MAX_FILTER_NODES; i++)
		strcat(buf, i ? " or userName pr" : "userName pr");
	ck_assert_int_eq(scim_filter_parse(&f, buf, strlen(buf)), -1);
	ck_assert_str_eq(f.err, "The filter has too many comparisons.");
	/* invalid UTF-8 and a NUL inside */
	ck_assert_int_eq(scim_filter_parse(&f, "userName eq \"\xff\"", 15), -1);
	ck_assert_int_eq(scim_filter_parse(&f, "userName pr\0x", 13), -1);
	ck_assert_int_eq(scim_filter_parse(&f, NULL, 0), -1);
	json_decref(u);
}
END_TEST

START_TEST(test_filter_user_name_eq)
{
	struct scim_filter	 f;
	const char		*e = NULL;

	ck_assert_int_eq(scim_filter_parse(&f, "userName eq \"A@b.c\"", 19), 0);
	ck_assert(scim_filter_user_name_eq(&f, &e));
	ck_assert_str_eq(e, "A@b.c");
	ck_assert_int_eq(scim_filter_parse(&f, "userName co \"A\"", 15), 0);
	ck_assert(!scim_filter_user_name_eq(&f, &e));
	ck_assert_int_eq(scim_filter_parse(&f, "userName eq \"a\" or active eq "
	    "true", 33), 0);
	ck_assert(!scim_filter_user_name_eq(&f, &e));
}
END_TEST

/* --------------------------------------------------------- PATCH */

static const struct {
	const char	*ops;		/* the Operations array */
	int		 status;	/* 0 accepted */
	const char	*type;		/* scimType of a refusal */
	int		 active;	/* of the change */
	const char	*name;		/* of the change, NULL unchanged */
} patches[] = {
	/* RFC 7644 §3.5.2.3 style replace of active, and Entra's string */
	{ "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]", 0, NULL, 0, NULL },
	{ "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]", 0, NULL, 0, NULL },
	{ "[{\"op\":\"replace\",\"value\":{\"active\":false}}]", 0, NULL, 0, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]", 0, NULL, -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]", 400, "invalidValue", -1, NULL },
	/* names */
	{ "[{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"Smith\"}]", 0, NULL, -1, "Ann Marie Smith" },
	{ "[{\"op\":\"replace\",\"path\":\"name.formatted\",\"value\":\"Ann Smith\"}]", 0, NULL, -1, "Ann Smith" },
	{ "[{\"op\":\"replace\",\"value\":{\"name\":{\"givenName\":\"Anne\"}}}]", 0, NULL, -1, "Anne Lee" },
	{ "[{\"op\":\"add\",\"path\":\"displayName\",\"value\":\"Annie\"}]", 0, NULL, -1, "Annie" },
	{ "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\"}]", 400, "invalidValue", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"name.formatted\",\"value\":\"a\\u0007b\"}]", 400, "invalidValue", -1, NULL },
	/* the sign-in address cannot change; the same one is no change */
	{ "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"bob@example.com\"}]", 400, "mutability", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"ANN@example.com\"}]", 0, NULL, -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"x@example.com\"}]", 400, "mutability", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"ann@example.com\"}]", 0, NULL, -1, NULL },
	{ "[{\"op\":\"remove\",\"path\":\"userName\"}]", 400, "invalidValue", -1, NULL },
	/* what Steward does not keep is ignored */
	{ "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"CTO\"}]", 0, NULL, -1, NULL },
	{ "[{\"op\":\"add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"R&D\"}]", 0, NULL, -1, NULL },
	{ "[{\"op\":\"remove\",\"path\":\"name.givenName\"}]", 0, NULL, -1, "Lee" },
	/* malformed operations */
	{ "[{\"op\":\"move\",\"path\":\"active\",\"value\":false}]", 400, "invalidSyntax", -1, NULL },
	{ "[{\"path\":\"active\"}]", 400, "invalidSyntax", -1, NULL },
	{ "[{\"op\":\"remove\"}]", 400, "noTarget", -1, NULL },
	{ "[{\"op\":\"replace\",\"value\":false}]", 400, "invalidValue", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"active\"}]", 400, "invalidValue", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"a\"}]", 400, "noTarget", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"a\"}]", 400, "invalidPath", -1, NULL },
	{ "[{\"op\":\"replace\",\"path\":7,\"value\":\"a\"}]", 400, "invalidPath", -1, NULL },
	{ "[]", 400, "invalidSyntax", -1, NULL },
	{ "7", 400, "invalidSyntax", -1, NULL },
};

START_TEST(test_patch_user)
{
	struct scim_fail	 f = { 0 };
	struct scim_user_change	 c;
	json_t			*old = ann(), *res = json_deep_copy(old), *body;
	char			 text[2048];
	int			 rc;

	snprintf(text, sizeof(text), "{\"schemas\":[\"%s\"],\"Operations\":"
	    "%s}", SCIM_PATCHOP, patches[_i].ops);
	body = json_loads(text, 0, NULL);
	ck_assert_msg(body != NULL, "%s", text);
	rc = scim_patch_apply(res, body, &f);
	if (rc == 0)
		rc = scim_user_diff(old, res, &c, &f);
	if (patches[_i].status == 0) {
		ck_assert_msg(rc == 0, "%s: %s", patches[_i].ops, f.detail);
		ck_assert_int_eq(c.active, patches[_i].active);
		if (patches[_i].name == NULL)
			ck_assert_ptr_null(c.name);
		else
			ck_assert_str_eq(c.name, patches[_i].name);
	} else {
		ck_assert_msg(rc == -1, "%s", patches[_i].ops);
		ck_assert_int_eq(f.status, patches[_i].status);
		ck_assert_str_eq(f.type, patches[_i].type);
		ck_assert_ptr_nonnull(f.detail);
	}
	json_decref(body);
	json_decref(res);
	json_decref(old);
}
END_TEST

/* A PATCH without the PatchOp schema, and one with too many operations. */
START_TEST(test_patch_shape)
{
	struct scim_fail	 f;
	json_t			*res = ann(), *body, *ops;
	int			 i;

	body = json_pack("{s:[s],s:[]}", "schemas", SCIM_USER, "Operations");
	ck_assert_int_eq(scim_patch_apply(res, body, &f), -1);
	ck_assert_str_eq(f.type, "invalidSyntax");
	json_decref(body);
	ops = json_array();
	for (i = 0; i <= SCIM_MAX_PATCH_OPS; i++)
		json_array_append_new(ops, json_pack("{s:s,s:s,s:b}", "op",
		    "replace", "path", "active", "value", 1));
	body = json_pack("{s:[s],s:o}", "schemas", SCIM_PATCHOP, "Operations",
	    ops);
	ck_assert_int_eq(scim_patch_apply(res, body, &f), -1);
	ck_assert_str_eq(f.type, "tooMany");
	json_decref(body);
	json_decref(res);
}
END_TEST

/* PUT: the whole new resource compared with the old one. */
START_TEST(test_put_user)
{
	struct scim_fail	 f;
	struct scim_user_change	 c;
	json_t			*old = ann(), *body;

	body = json_loads("{\"schemas\":[\"" SCIM_USER "\"],\"userName\":"
	    "\"ann@example.com\",\"name\":{\"givenName\":\"Ann\",\"familyName\":"
	    "\"Lee\"},\"active\":true}", 0, NULL);
	ck_assert_int_eq(scim_user_diff(old, body, &c, &f), 0);
	ck_assert_str_eq(c.name, "Ann Lee");
	ck_assert_int_eq(c.active, -1);
	json_decref(body);
	body = json_loads("{\"userName\":\"ann@example.com\",\"active\":false}",
	    0, NULL);
	ck_assert_int_eq(scim_user_diff(old, body, &c, &f), 0);
	ck_assert_ptr_null(c.name);
	ck_assert_int_eq(c.active, 0);
	json_decref(body);
	body = json_loads("{\"name\":{\"formatted\":\"X\"}}", 0, NULL);
	ck_assert_int_eq(scim_user_diff(old, body, &c, &f), -1);
	ck_assert_str_eq(f.type, "invalidValue");
	json_decref(body);
	json_decref(old);
}
END_TEST

/* Group PATCH: the members added and removed. */
START_TEST(test_patch_group)
{
	struct scim_fail	 f;
	struct scim_member_ops	 ops;
	json_t			*members = json_array(), *g, *body, *work;

	scim_group_member(members, BASE, "17", "ann@example.com");
	scim_group_member(members, BASE, "18", "bob@example.com");
	g = scim_group_json(BASE, ROLE_CREATOR, members);
	body = json_loads("{\"schemas\":[\"" SCIM_PATCHOP "\"],\"Operations\":"
	    "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"19\"},"
	    "{\"value\":\"17\"}]},{\"op\":\"remove\",\"path\":"
	    "\"members[value eq \\\"18\\\"]\"}]}", 0, NULL);
	ck_assert_int_eq(scim_group_patch(g, body, &work, &ops, &f), 0);
	ck_assert_uint_eq(ops.n, 2);
	ck_assert(ops.v[0].add && strcmp(ops.v[0].id, "19") == 0);
	ck_assert(!ops.v[1].add && strcmp(ops.v[1].id, "18") == 0);
	json_decref(work);
	json_decref(body);
	/* Entra: remove with the members in the value */
	body = json_loads("{\"schemas\":[\"" SCIM_PATCHOP "\"],\"Operations\":"
	    "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":"
	    "\"17\"}]}]}", 0, NULL);
	ck_assert_int_eq(scim_group_patch(g, body, &work, &ops, &f), 0);
	ck_assert_uint_eq(ops.n, 1);
	ck_assert(!ops.v[0].add && strcmp(ops.v[0].id, "17") == 0);
	json_decref(work);
	json_decref(body);
	/* every member at once, a new name, a malformed member */
	body = json_loads("{\"schemas\":[\"" SCIM_PATCHOP "\"],\"Operations\":"
	    "[{\"op\":\"remove\",\"path\":\"members\"}]}", 0, NULL);
	ck_assert_int_eq(scim_group_patch(g, body, &work, &ops, &f), -1);
	ck_assert_str_eq(f.type, "noTarget");
	json_decref(work);
	json_decref(body);
	body = json_loads("{\"schemas\":[\"" SCIM_PATCHOP "\"],\"Operations\":"
	    "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Boss\"}]}",
	    0, NULL);
	ck_assert_int_eq(scim_group_patch(g, body, &work, &ops, &f), -1);
	ck_assert_str_eq(f.type, "mutability");
	json_decref(work);
	json_decref(body);
	body = json_loads("{\"schemas\":[\"" SCIM_PATCHOP "\"],\"Operations\":"
	    "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":"
	    "\"x\"}]}]}", 0, NULL);
	ck_assert_int_eq(scim_group_patch(g, body, &work, &ops, &f), -1);
	ck_assert_str_eq(f.type, "invalidValue");
	json_decref(work);
	json_decref(body);
	json_decref(g);
}
END_TEST

/* ----------------------------------------------- documents, paging */

START_TEST(test_user_render)
{
	static const struct scim_user inv = {
		"i5", "new@example.com", "", ROLE_MEMBER, 1,
		"2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z",
	};
	json_t	*u = ann(), *v, *w;
	char	*s;

	ck_assert_str_eq(json_string_value(json_object_get(u, "id")), "17");
	ck_assert_str_eq(json_string_value(json_object_get(u, "userName")),
	    "ann@example.com");
	v = json_object_get(u, "name");
	ck_assert_str_eq(json_string_value(json_object_get(v, "givenName")),
	    "Ann Marie");
	ck_assert_str_eq(json_string_value(json_object_get(v, "familyName")),
	    "Lee");
	ck_assert(json_is_true(json_object_get(u, "active")));
	v = json_array_get(json_object_get(u, "groups"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(v, "value")),
	    "creator");
	ck_assert_str_eq(json_string_value(json_object_get(v, "$ref")),
	    BASE "/Groups/creator");
	v = json_object_get(u, "meta");
	ck_assert_str_eq(json_string_value(json_object_get(v, "location")),
	    BASE "/Users/17");
	ck_assert_str_eq(json_string_value(json_object_get(v, "resourceType")),
	    "User");
	ck_assert(strncmp(json_string_value(json_object_get(v, "version")),
	    "W/\"", 3) == 0);
	/* an invitation: its email is its displayName; no name parts */
	w = scim_user_json(BASE, &inv);
	ck_assert_str_eq(json_string_value(json_object_get(w, "displayName")),
	    "new@example.com");
	ck_assert_ptr_null(json_object_get(json_object_get(w, "name"),
	    "givenName"));
	ck_assert_str_ne(json_string_value(json_object_get(json_object_get(w,
	    "meta"), "version")), json_string_value(json_object_get(v,
	    "version")));
	/* hostile text stays text */
	s = json_dumps(u, 0);
	ck_assert_ptr_nonnull(strstr(s, "\"schemas\": [\"" SCIM_USER "\"]"));
	json_mem_free(s);
	json_decref(w);
	json_decref(u);
}
END_TEST

START_TEST(test_group_render)
{
	json_t	*m = json_array(), *g;

	ck_assert_int_eq(scim_group_member(m, BASE, "17", "ann@example.com"), 0);
	g = scim_group_json(BASE, ROLE_ADMIN, m);
	ck_assert_str_eq(json_string_value(json_object_get(g, "id")), "admin");
	ck_assert_str_eq(json_string_value(json_object_get(g, "displayName")),
	    "Admin");
	ck_assert_uint_eq(json_array_size(json_object_get(g, "members")), 1);
	json_decref(g);
	ck_assert_int_eq(scim_group_role("Creator"), ROLE_CREATOR);
	ck_assert_int_eq(scim_group_role("agent"), ROLE_AGENT);
	ck_assert_int_eq(scim_group_role("owner"), ROLE_NONE);
	ck_assert_int_eq(scim_group_role(NULL), ROLE_NONE);
}
END_TEST

static const struct {
	const char	*start, *count;
	int		 rc;
	long		 s, c;
} pages[] = {
	{ NULL, NULL, 0, 1, SCIM_DEFAULT_COUNT },
	{ "1", "10", 0, 1, 10 },
	{ "0", "0", 0, 1, 0 },
	{ "-5", "-1", 0, 1, 0 },
	{ "3", "100000", 0, 3, SCIM_MAX_COUNT },
	{ "x", NULL, -1, 0, 0 },
	{ NULL, "1.5", -1, 0, 0 },
	{ "", NULL, -1, 0, 0 },
	{ "99999999999999", NULL, -1, 0, 0 },
	{ "-", NULL, -1, 0, 0 },
};

START_TEST(test_paging)
{
	struct scim_page	 p;
	const char		*err = NULL;

	ck_assert_int_eq(scim_page_parse(pages[_i].start, pages[_i].count, &p,
	    &err), pages[_i].rc);
	if (pages[_i].rc == 0) {
		ck_assert_int_eq(p.start, pages[_i].s);
		ck_assert_int_eq(p.count, pages[_i].c);
	} else
		ck_assert_ptr_nonnull(err);
}
END_TEST

START_TEST(test_list_and_error)
{
	struct scim_page	 p = { 3, 2 };
	json_t			*l, *e;

	l = scim_list_json(7, &p, json_pack("[{},{}]"));
	ck_assert_int_eq(json_integer_value(json_object_get(l, "totalResults")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "startIndex")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "itemsPerPage")), 2);
	json_decref(l);
	e = scim_error_json(400, "invalidFilter", "bad");
	ck_assert_str_eq(json_string_value(json_object_get(e, "status")), "400");
	ck_assert_str_eq(json_string_value(json_object_get(e, "scimType")),
	    "invalidFilter");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(e,
	    "schemas"), 0)), SCIM_ERROR);
	json_decref(e);
	e = scim_error_json(404, NULL, "gone");
	ck_assert_ptr_null(json_object_get(e, "scimType"));
	json_decref(e);
}
END_TEST

START_TEST(test_meta_docs)
{
	json_t	*d;

	d = scim_spc_json(BASE);
	ck_assert(json_is_true(json_object_get(json_object_get(d, "patch"),
	    "supported")));
	ck_assert(json_is_false(json_object_get(json_object_get(d, "bulk"),
	    "supported")));
	json_decref(d);
	d = scim_rtypes_json(BASE, NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(d, "totalResults")), 2);
	json_decref(d);
	d = scim_rtypes_json(BASE, "Group");
	ck_assert_str_eq(json_string_value(json_object_get(d, "endpoint")),
	    "/Groups");
	json_decref(d);
	ck_assert_ptr_null(scim_rtypes_json(BASE, "Nope"));
	d = scim_schemas_json(BASE, SCIM_USER);
	ck_assert_uint_ge(json_array_size(json_object_get(d, "attributes")), 6);
	json_decref(d);
	ck_assert_ptr_null(scim_schemas_json(BASE, "urn:nope"));
}
END_TEST

Suite *
scim_suite(void)
{
	Suite	*s = suite_create("scim");
	TCase	*tc = tcase_create("scim");

	tcase_add_loop_test(tc, test_filter_match, 0, N(filters));
	tcase_add_loop_test(tc, test_filter_refused, 0, N(bad_filters));
	tcase_add_test(tc, test_filter_hostile);
	tcase_add_test(tc, test_filter_user_name_eq);
	tcase_add_loop_test(tc, test_patch_user, 0, N(patches));
	tcase_add_test(tc, test_patch_shape);
	tcase_add_test(tc, test_put_user);
	tcase_add_test(tc, test_patch_group);
	tcase_add_test(tc, test_user_render);
	tcase_add_test(tc, test_group_render);
	tcase_add_loop_test(tc, test_paging, 0, N(pages));
	tcase_add_test(tc, test_list_and_error);
	tcase_add_test(tc, test_meta_docs);
	suite_add_tcase(s, tc);
	return s;
}
