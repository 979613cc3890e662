/*
 * The SCIM documents Steward answers (RFC 7643 §4, RFC 7644 §3.4.2,
 * §3.12): a member or pending invitation as a User, a role as a Group,
 * a ListResponse page, an Error.  Pure: jansson trees in, jansson trees
 * out; the caller frees what it is given.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scim_doc.h"
#include "limits.h"

/* The four roles as Groups: id (role_name) and displayName (role_label). */
static const enum role groups[] = {
	ROLE_ADMIN, ROLE_CREATOR, ROLE_MEMBER, ROLE_AGENT,
};

/*
 * The Error message of status (a string, as RFC 7644 §3.12 writes it),
 * scim_type (NULL: none) and detail.  NULL when out of memory.
 */
json_t *
scim_error_json(int status, const char *scim_type, const char *detail)
{
	char	 st[8];
	json_t	*e;

	snprintf(st, sizeof(st), "%d", status);
	e = json_pack("{s:[s],s:s,s:s}", "schemas", SCIM_ERROR, "status", st,
	    "detail", detail ? detail : "");
	if (e != NULL && scim_type != NULL)
		json_object_set_new(e, "scimType", json_string(scim_type));
	return e;
}

/*
 * Splits a full name at its last blank: *given the words before it
 * (copied into buf), *family the last word; a single word is the given
 * name with family "".
 */
void
scim_name_split(const char *full, const char **given, const char **family,
    char *buf, size_t bufsize)
{
	const char	*sp = strrchr(full, ' ');
	size_t		 n;

	if (sp == NULL || sp == full) {
		snprintf(buf, bufsize, "%s", full);
		*given = buf;
		*family = "";
		return;
	}
	n = (size_t)(sp - full);
	if (n >= bufsize)
		n = bufsize - 1;
	memcpy(buf, full, n);
	buf[n] = '\0';
	*given = buf;
	*family = sp + 1;
}

/* The weak entity tag of a resource: FNV-1a of what it shows. */
static json_t *
version_of(const struct scim_user *u)
{
	const char	*parts[] = { u->id, u->email, u->name, u->modified };
	uint64_t	 h = 1469598103934665603ULL;
	size_t		 i;
	const char	*p;
	char		 tag[32];

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		for (p = parts[i] ? parts[i] : ""; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;
	}
	h = (h ^ (unsigned)u->role) * 1099511628211ULL;
	h = (h ^ (unsigned)u->invited) * 1099511628211ULL;
	snprintf(tag, sizeof(tag), "W/\"%016llx\"", (unsigned long long)h);
	return json_string(tag);
}

/* The groups attribute of a user: its role's Group. */
static json_t *
user_groups(const char *base, enum role role)
{
	return json_pack("[{s:s,s:s,s:s++,s:s}]", "value", role_name(role),
	    "display", role_label(role), "$ref", base, "/Groups/",
	    role_name(role), "type", "direct");
}

/*
 * The User resource of u under base (e.g. "https://host/scim/v2"):
 * userName and the one work email are the sign-in address, name split
 * from the shown name, active, the role's group, meta.  NULL when out of
 * memory.
 */
json_t *
scim_user_json(const char *base, const struct scim_user *u)
{
	char		 buf[4 * MAX_PERSON_NAME + 1];
	const char	*given, *family, *shown;
	json_t		*o, *name;

	scim_name_split(u->name, &given, &family, buf, sizeof(buf));
	shown = u->name[0] != '\0' ? u->name : u->email;
	name = json_pack("{s:s}", "formatted", u->name);
	if (name != NULL && given[0] != '\0')
		json_object_set_new(name, "givenName", json_string(given));
	if (name != NULL && family[0] != '\0')
		json_object_set_new(name, "familyName", json_string(family));
	o = json_pack("{s:[s],s:s,s:s,s:s,s:[{s:s,s:s,s:b}],s:b,s:o,"
	    "s:{s:s,s:s,s:s,s:s++,s:o}}",
	    "schemas", SCIM_USER, "id", u->id, "userName", u->email,
	    "displayName", shown,
	    "emails", "value", u->email, "type", "work", "primary", 1,
	    "active", 1, "groups", user_groups(base, u->role),
	    "meta", "resourceType", "User", "created", u->created,
	    "lastModified", u->modified,
	    "location", base, "/Users/", u->id, "version", version_of(u));
	if (o != NULL && u->name[0] != '\0')	/* an invitation has none yet */
		json_object_set_new(o, "name", name);
	else
		json_decref(name);
	return o;
}

/* The role of a Group id (its role_name, any case); ROLE_NONE if none. */
enum role
scim_group_role(const char *id)
{
	size_t	 i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (id != NULL && strcasecmp(id, role_name(groups[i])) == 0)
			return groups[i];
	return ROLE_NONE;
}

/* Appends the member id (email shown) to a Group's members array.
 * Returns 0, or -1 out of memory. */
int
scim_group_member(json_t *members, const char *base, const char *id,
    const char *email)
{
	return json_array_append_new(members, json_pack("{s:s,s:s,s:s++,"
	    "s:s}", "value", id, "display", email, "$ref", base, "/Users/", id,
	    "type", "User"));
}

/*
 * The Group resource of role under base with members (stolen; NULL
 * leaves the attribute out, as ?excludedAttributes=members would).
 * NULL when out of memory.
 */
json_t *
scim_group_json(const char *base, enum role role, json_t *members)
{
	json_t	*o;

	o = json_pack("{s:[s],s:s,s:s,s:{s:s,s:s++}}", "schemas", SCIM_GROUP,
	    "id", role_name(role), "displayName", role_label(role), "meta",
	    "resourceType", "Group", "location", base, "/Groups/",
	    role_name(role));
	if (o != NULL && members != NULL)
		json_object_set_new(o, "members", members);
	else
		json_decref(members);
	return o;
}

/*
 * The ListResponse of page p of total results holding resources
 * (stolen).  NULL when out of memory.
 */
json_t *
scim_list_json(size_t total, const struct scim_page *p, json_t *resources)
{
	return json_pack("{s:[s],s:I,s:I,s:I,s:o}", "schemas", SCIM_LIST,
	    "totalResults", (json_int_t)total, "startIndex",
	    (json_int_t)p->start, "itemsPerPage",
	    (json_int_t)json_array_size(resources), "Resources", resources);
}

/* Reads a decimal integer (optional sign) of at most 10 digits. */
static int
int_parse(const char *s, long *out)
{
	char	*end;
	size_t	 n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n == 0 || n > 11 || strspn(s + (*s == '-'), "0123456789") !=
	    n - (*s == '-') || n == (size_t)(*s == '-'))
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

/*
 * The page asked for by the query values start and count (NULL when
 * absent): startIndex below 1 is 1, count below 0 is 0 and above
 * SCIM_MAX_COUNT is SCIM_MAX_COUNT (RFC 7644 §3.4.2.4).  Returns 0, or
 * -1 with *err saying which is not an integer.
 */
int
scim_page_parse(const char *start, const char *count, struct scim_page *p,
    const char **err)
{
	p->start = 1;
	p->count = SCIM_DEFAULT_COUNT;
	if (int_parse(start, &p->start) == -1) {
		*err = "startIndex must be an integer.";
		return -1;
	}
	if (int_parse(count, &p->count) == -1) {
		*err = "count must be an integer.";
		return -1;
	}
	if (p->start < 1)
		p->start = 1;
	if (p->count < 0)
		p->count = 0;
	if (p->count > SCIM_MAX_COUNT)
		p->count = SCIM_MAX_COUNT;
	return 0;
}
