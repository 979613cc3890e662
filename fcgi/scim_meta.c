/*
 * The SCIM discovery documents (RFC 7644 §4, RFC 7643 §5–7):
 * ServiceProviderConfig (what this server supports), ResourceTypes
 * (User, Group) and Schemas (their attributes, from one table).
 */
#include <string.h>
#include <strings.h>

#include "scim_meta.h"
#include "limits.h"
#include "scim_doc.h"

#define SCIM_SPC	"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
#define SCIM_RT		"urn:ietf:params:scim:schemas:core:2.0:ResourceType"
#define SCIM_SCHEMA	"urn:ietf:params:scim:schemas:core:2.0:Schema"

/* One attribute of a schema; parent NULL for a top-level one. */
struct attr {
	const char	*schema, *parent, *name, *type, *mutability, *desc;
	int		 multi, required;
};

static const struct attr attrs[] = {
	{ SCIM_USER, NULL, "userName", "string", "readWrite",
	  "The sign-in email; set at creation, then changed by its owner.",
	  0, 1 },
	{ SCIM_USER, NULL, "name", "complex", "readWrite",
	  "The shown name.", 0, 0 },
	{ SCIM_USER, "name", "formatted", "string", "readWrite",
	  "The whole name as shown.", 0, 0 },
	{ SCIM_USER, "name", "givenName", "string", "readWrite",
	  "The words before the last.", 0, 0 },
	{ SCIM_USER, "name", "familyName", "string", "readWrite",
	  "The last word.", 0, 0 },
	{ SCIM_USER, NULL, "displayName", "string", "readWrite",
	  "The shown name (the email of a pending invitation).", 0, 0 },
	{ SCIM_USER, NULL, "emails", "complex", "readWrite",
	  "The sign-in email, type work, primary.", 1, 0 },
	{ SCIM_USER, "emails", "value", "string", "readWrite", "", 0, 0 },
	{ SCIM_USER, "emails", "type", "string", "readWrite", "", 0, 0 },
	{ SCIM_USER, "emails", "primary", "boolean", "readWrite", "", 0, 0 },
	{ SCIM_USER, NULL, "active", "boolean", "readWrite",
	  "false removes the person from the account.", 0, 0 },
	{ SCIM_USER, NULL, "groups", "complex", "readOnly",
	  "The role, as one of the four Groups.", 1, 0 },
	{ SCIM_GROUP, NULL, "displayName", "string", "readOnly",
	  "Admin, Creator, Member or Agent.", 0, 1 },
	{ SCIM_GROUP, NULL, "members", "complex", "readWrite",
	  "The members with this role.", 1, 0 },
	{ SCIM_GROUP, "members", "value", "string", "immutable",
	  "A User id.", 0, 0 },
	{ SCIM_GROUP, "members", "display", "string", "readOnly", "", 0, 0 },
};

/* The definition of attribute a, with its sub-attributes. */
static json_t *
attr_json(const struct attr *a)
{
	json_t	*o, *subs;
	size_t	 i;

	o = json_pack("{s:s,s:s,s:b,s:s,s:b,s:b,s:s,s:s,s:s}", "name",
	    a->name, "type", a->type, "multiValued", a->multi, "description",
	    a->desc, "required", a->required, "caseExact", 0, "mutability",
	    a->mutability, "returned", "default", "uniqueness",
	    strcmp(a->name, "userName") == 0 ? "server" : "none");
	if (o == NULL || strcmp(a->type, "complex") != 0)
		return o;
	subs = json_array();
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (attrs[i].parent != NULL && strcmp(attrs[i].schema,
		    a->schema) == 0 && strcmp(attrs[i].parent, a->name) == 0)
			json_array_append_new(subs, attr_json(&attrs[i]));
	json_object_set_new(o, "subAttributes", subs);
	return o;
}

/* The Schema resource of urn (name: its short name). */
static json_t *
schema_json(const char *base, const char *urn, const char *name)
{
	json_t	*list = json_array();
	size_t	 i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (attrs[i].parent == NULL && strcmp(attrs[i].schema, urn) == 0)
			json_array_append_new(list, attr_json(&attrs[i]));
	return json_pack("{s:[s],s:s,s:s,s:o,s:{s:s,s:s++}}", "schemas",
	    SCIM_SCHEMA, "id", urn, "name", name, "attributes", list, "meta",
	    "resourceType", "Schema", "location", base, "/Schemas/", urn);
}

/* The ResourceType of name (User, Group). */
static json_t *
rtype_json(const char *base, const char *name, const char *urn)
{
	return json_pack("{s:[s],s:s,s:s,s:s++,s:s,s:{s:s,s:s++}}", "schemas",
	    SCIM_RT, "id", name, "name", name, "endpoint", "/", name, "s",
	    "schema", urn, "meta", "resourceType", "ResourceType",
	    "location", base, "/ResourceTypes/", name);
}

/*
 * The ServiceProviderConfig under base: PATCH and filter supported
 * (at most SCIM_MAX_COUNT results a page), no bulk, sort, ETag or
 * password change; OAuth bearer tokens (Steward's API tokens).
 */
json_t *
scim_spc_json(const char *base)
{
	return json_pack("{s:[s],s:s,s:{s:b},s:{s:b,s:i,s:i},s:{s:b,s:i},"
	    "s:{s:b},s:{s:b},s:{s:b},s:[{s:s,s:s,s:s,s:b}],"
	    "s:{s:s,s:s+}}",
	    "schemas", SCIM_SPC,
	    "documentationUri", "https://github.com/steward/steward#scim",
	    "patch", "supported", 1,
	    "bulk", "supported", 0, "maxOperations", 0, "maxPayloadSize",
	    MAX_RAW_BODY,
	    "filter", "supported", 1, "maxResults", SCIM_MAX_COUNT,
	    "changePassword", "supported", 0,
	    "sort", "supported", 0,
	    "etag", "supported", 0,
	    "authenticationSchemes", "type", "oauthbearertoken", "name",
	    "Steward API token", "description", "Authorization: Bearer stw_… "
	    "(a token with the scim scope, made on the Profile page)",
	    "primary", 1,
	    "meta", "resourceType", "ServiceProviderConfig", "location", base,
	    "/ServiceProviderConfig");
}

/* The two resource types, as a ListResponse (id NULL) or one (id). */
json_t *
scim_rtypes_json(const char *base, const char *id)
{
	static const struct scim_page all = { 1, 2 };
	json_t	*u = rtype_json(base, "User", SCIM_USER);
	json_t	*g = rtype_json(base, "Group", SCIM_GROUP);

	if (id == NULL)
		return scim_list_json(2, &all, json_pack("[o,o]", u, g));
	if (strcmp(id, "User") == 0)
		return json_decref(g), u;
	if (strcmp(id, "Group") == 0)
		return json_decref(u), g;
	json_decref(u);
	json_decref(g);
	return NULL;
}

/* The two schemas, as a ListResponse (id NULL) or one (its URN). */
json_t *
scim_schemas_json(const char *base, const char *id)
{
	static const struct scim_page all = { 1, 2 };

	if (id == NULL)
		return scim_list_json(2, &all, json_pack("[o,o]",
		    schema_json(base, SCIM_USER, "User"),
		    schema_json(base, SCIM_GROUP, "Group")));
	if (strcmp(id, SCIM_USER) == 0)
		return schema_json(base, SCIM_USER, "User");
	if (strcmp(id, SCIM_GROUP) == 0)
		return schema_json(base, SCIM_GROUP, "Group");
	return NULL;
}
