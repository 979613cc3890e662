/*
 * What a new SCIM resource (after PATCH, or the body of a PUT) means for
 * Steward, by comparing it with the resource as it is.
 *
 * A User: only what Steward keeps may differ — the shown name
 * (name.formatted, else givenName + familyName, else displayName) and
 * active (false: the person leaves the account).  userName and the work
 * email are the sign-in address, which its owner changes on the Profile
 * page: a different one is refused (400 mutability).  What Steward does
 * not keep (title, phoneNumbers, externalId, extensions …) is ignored.
 *
 * A Group (a role): the members added and removed; its id and
 * displayName are fixed.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "scim_patch.h"
#include "scim_doc.h"
#include "scim_filter.h"
#include "valid.h"

/* The string at attr[.sub] of o, or NULL. */
static const char *
str_at(const json_t *o, const char *attr, const char *sub)
{
	const json_t	*v = scim_attr_get(o, attr);

	if (sub != NULL)
		v = scim_attr_get(v, sub);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* 1 when the strings differ (NULL is ""). */
static int
differ(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* The primary email's value (else the first one's) of o, or NULL. */
static const char *
email_of(const json_t *o)
{
	const json_t	*emails = scim_attr_get(o, "emails"), *e;
	const char	*first = NULL;
	size_t		 i;

	json_array_foreach(emails, i, e) {
		const char *v = str_at(e, "value", NULL);

		if (v == NULL)
			continue;
		if (json_is_true(scim_attr_get(e, "primary")))
			return v;
		if (first == NULL)
			first = v;
	}
	return first;
}

/* The active of o: -1 absent, else 0 or 1 (the strings "true" and
 * "false" too, as some providers send them); -2 when malformed. */
static int
active_of(const json_t *o)
{
	const json_t	*v = scim_attr_get(o, "active");

	if (v == NULL || json_is_null(v))
		return -1;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_string(v) && strcasecmp(json_string_value(v), "true") == 0)
		return 1;
	if (json_is_string(v) && strcasecmp(json_string_value(v), "false") == 0)
		return 0;
	return -2;
}

/* The new shown name of new_ (NULL: unchanged), joined into c->buf. */
static const char *
name_of(const json_t *old, const json_t *new_, struct scim_user_change *c)
{
	const char	*nf = str_at(new_, "name", "formatted");
	const char	*ng = str_at(new_, "name", "givenName");
	const char	*nl = str_at(new_, "name", "familyName");
	const char	*nd = str_at(new_, "displayName", NULL);

	if (nf != NULL && differ(nf, str_at(old, "name", "formatted")))
		return nf;
	if (json_is_object(scim_attr_get(new_, "name")) &&
	    (differ(ng, str_at(old, "name", "givenName")) ||
	    differ(nl, str_at(old, "name", "familyName")))) {
		snprintf(c->buf, sizeof(c->buf), "%s%s%s", ng ? ng : "",
		    ng && *ng && nl && *nl ? " " : "", nl ? nl : "");
		return c->buf;
	}
	if (nd != NULL && differ(nd, str_at(old, "displayName", NULL)))
		return nd;
	return NULL;
}

/*
 * Compares the User old (as Steward shows it) with new_ into c.  Returns
 * 0, or -1 with f set: 400 mutability (another userName or email),
 * invalidValue (no userName, a malformed active, a refused name).
 */
int
scim_user_diff(const json_t *old, const json_t *new_,
    struct scim_user_change *c, struct scim_fail *f)
{
	const char	*un = str_at(new_, "userName", NULL);
	const char	*em = email_of(new_);

	memset(c, 0, sizeof(*c));
	c->active = -1;
	if (un == NULL)
		return scim_fail_set(f, 400, "invalidValue", "userName (the "
		    "sign-in email) is required.");
	if (strcasecmp(un, str_at(old, "userName", NULL)) != 0 ||
	    (em != NULL && strcasecmp(em, str_at(old, "userName", NULL)) != 0))
		return scim_fail_set(f, 400, "mutability", "userName and the "
		    "email are the sign-in address: its owner changes it on "
		    "the Profile page.");
	if ((c->active = active_of(new_)) == -2)
		return scim_fail_set(f, 400, "invalidValue", "active is true "
		    "or false.");
	if (c->active == 1 || (c->active == 0 &&
	    active_of(old) == 0))
		c->active = -1;
	if ((c->name = name_of(old, new_, c)) != NULL &&
	    !valid_check(VALID_PERSON_NAME, c->name, strlen(c->name)))
		return scim_fail_set(f, 400, "invalidValue",
		    valid_message(VALID_PERSON_NAME));
	return 0;
}

/* 1 when the members array m lists id (as a string "value"). */
static int
lists(const json_t *m, const char *id)
{
	const json_t	*e;
	size_t		 i;

	json_array_foreach(m, i, e) {
		const char *v = str_at(e, "value", NULL);

		if (v != NULL && strcmp(v, id) == 0)
			return 1;
	}
	return 0;
}

/* Adds to ops every member of a not in b, as add (or remove). */
static int
member_delta(const json_t *a, const json_t *b, int add,
    struct scim_member_ops *ops, struct scim_fail *f)
{
	const json_t	*e;
	size_t		 i;

	json_array_foreach(a, i, e) {
		const char *v = str_at(e, "value", NULL);

		if (v == NULL)
			return scim_fail_set(f, 400, "invalidValue", "A member "
			    "is an object with a \"value\": a User id.");
		if (lists(b, v))
			continue;
		if (ops->n >= sizeof(ops->v) / sizeof(ops->v[0]))
			return scim_fail_set(f, 400, "tooMany", "A PATCH "
			    "changes at most 160 members.");
		ops->v[ops->n].add = add;
		ops->v[ops->n++].id = v;
	}
	return 0;
}

/* 1 when an operation of body removes every member (remove "members"
 * without a value or filter). */
static int
removes_all(const json_t *body)
{
	const json_t	*o;
	size_t		 i;

	json_array_foreach(scim_attr_get(body, "Operations"), i, o) {
		const char *op = str_at(o, "op", NULL), *path = str_at(o,
		    "path", NULL);

		if (op && path && strcasecmp(op, "remove") == 0 &&
		    strcasecmp(path, "members") == 0 &&
		    scim_attr_get(o, "value") == NULL)
			return 1;
	}
	return 0;
}

/*
 * The member changes of the PatchOp body on group (its JSON with its
 * members) into ops; the strings point into *work, which the caller
 * frees (json_decref) after using ops.  Returns 0, or -1 with f set.
 */
int
scim_group_patch(const json_t *group, const json_t *body, json_t **work,
    struct scim_member_ops *ops, struct scim_fail *f)
{
	const json_t	*om, *nm;

	ops->n = 0;
	if ((*work = json_deep_copy(group)) == NULL)
		return scim_fail_set(f, 500, NULL, "Out of memory.");
	if (removes_all(body))
		return scim_fail_set(f, 400, "noTarget", "Name the members to "
		    "remove: everyone has a role.");
	if (scim_patch_apply(*work, body, f) == -1)
		return -1;
	if (differ(str_at(*work, "displayName", NULL),
	    str_at(group, "displayName", NULL)) ||
	    differ(str_at(*work, "id", NULL), str_at(group, "id", NULL)))
		return scim_fail_set(f, 400, "mutability", "The Groups are the "
		    "four roles: their names are fixed.");
	om = scim_attr_get(group, "members");
	nm = scim_attr_get(*work, "members");
	if (nm != NULL && !json_is_array(nm))
		return scim_fail_set(f, 400, "invalidValue", "members is a "
		    "list.");
	if (member_delta(nm, om, 1, ops, f) == -1 ||
	    member_delta(om, nm, 0, ops, f) == -1)
		return -1;
	return 0;
}
