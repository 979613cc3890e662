/*
 * SCIM PATCH (RFC 7644 §3.5.2).  The operations are applied to a copy
 * of the resource's JSON, generically (add, replace, remove; a path
 * attr, attr.sub, attr[filter] or attr[filter].sub); then the old and
 * the new User are compared and only what Steward keeps may differ: the
 * shown name (name.formatted, givenName + familyName, displayName) and
 * active.  userName and the email are the sign-in address, which its
 * owner changes on the Profile page: a different one is refused
 * (mutability).  Attributes Steward does not keep (title, phoneNumbers,
 * extensions …) are accepted and ignored.  PUT goes through the same
 * comparison.  A Group PATCH becomes a list of members added and
 * removed.
 */
#include <string.h>
#include <strings.h>

#include "scim_patch.h"
#include "decode.h"
#include "scim_doc.h"
#include "scim_filter.h"
#include "valid.h"

enum patch_op { OP_ADD, OP_REPLACE, OP_REMOVE, OP__MAX };

static const char *const op_names[OP__MAX] = {
	[OP_ADD] = "add", [OP_REPLACE] = "replace", [OP_REMOVE] = "remove",
};

/* Sets f and returns -1. */
int
scim_fail_set(struct scim_fail *f, int status, const char *type,
    const char *detail)
{
	f->status = status;
	f->type = type;
	f->detail = detail;
	return -1;
}

/* The key of o equal to name in any case, or NULL. */
static const char *
key_ci(json_t *o, const char *name)
{
	const char	*key;
	json_t		*v;

	json_object_foreach(o, key, v)
		if (strcasecmp(key, name) == 0)
			return key;
	return NULL;
}

/* Sets o's attribute name (any case) to v (stolen).  Returns 0 or -1. */
static int
set_ci(json_t *o, const char *name, json_t *v)
{
	const char	*k = key_ci(o, name);

	return json_object_set_new(o, k ? k : name, v);
}

/* Appends deep copies of the values of array v to array a.  Returns 0
 * or -1. */
static int
append_copies(json_t *a, const json_t *v)
{
	json_t	*c = json_deep_copy(v);
	int	 rc = c != NULL ? json_array_extend(a, c) : -1;

	json_decref(c);
	return rc;
}

/* Deletes o's attribute name (any case), if any. */
static void
del_ci(json_t *o, const char *name)
{
	const char	*k = key_ci(o, name);

	if (k != NULL)
		json_object_del(o, k);
}

/*
 * Merges src into object dst: complex values merge recursively, arrays
 * append when add, everything else replaces.  Returns 0 or -1.
 */
static int
merge(json_t *dst, const json_t *src, int add)
{
	const char	*key;
	json_t		*v, *cur;

	json_object_foreach((json_t *)src, key, v) {
		cur = (json_t *)scim_attr_get(dst, key);
		if (json_is_object(cur) && json_is_object(v)) {
			if (merge(cur, v, add) == -1)
				return -1;
		} else if (add && json_is_array(cur) && json_is_array(v)) {
			if (append_copies(cur, v) == -1)
				return -1;
		} else if (set_ci(dst, key, json_deep_copy(v)) == -1)
			return -1;
	}
	return 0;
}

/* 1 when element e's "value" equals one of the values of vals. */
static int
value_listed(const json_t *e, const json_t *vals)
{
	const json_t	*ev = scim_attr_get(e, "value"), *x, *xv;
	size_t		 i;

	json_array_foreach(vals, i, x) {
		xv = json_is_object(x) ? scim_attr_get(x, "value") : x;
		if (json_is_string(ev) && json_is_string(xv) &&
		    strcasecmp(json_string_value(ev),
		    json_string_value(xv)) == 0)
			return 1;
	}
	return 0;
}

/* Applies op to the attribute (no filter, no sub) of res. */
static int
apply_attr(json_t *res, enum patch_op op, const char *attr, const json_t *v,
    struct scim_fail *f)
{
	json_t	*cur = (json_t *)scim_attr_get(res, attr), *e;
	size_t	 i;

	if (op == OP_REMOVE) {
		if (json_is_array(cur) && json_is_array(v)) {
			for (i = json_array_size(cur); i-- > 0;) {
				e = json_array_get(cur, i);
				if (value_listed(e, v))
					json_array_remove(cur, i);
			}
			return 0;
		}
		del_ci(res, attr);
		return 0;
	}
	if (v == NULL)
		return scim_fail_set(f, 400, "invalidValue", "add and replace "
		    "need a value.");
	if (json_is_object(cur) && json_is_object(v))
		return merge(cur, v, op == OP_ADD);
	if (op == OP_ADD && json_is_array(cur) && json_is_array(v))
		return append_copies(cur, v);
	return set_ci(res, attr, json_deep_copy(v));
}

/* Applies op to sub of element e (an object).  Returns 0 or -1. */
static int
apply_sub(json_t *e, enum patch_op op, const char *sub, const json_t *v)
{
	if (op == OP_REMOVE) {
		del_ci(e, sub);
		return 0;
	}
	return set_ci(e, sub, json_deep_copy(v));
}

/* Applies op with the parsed path pa (a sub or a filter) to res. */
static int
apply_path(json_t *res, enum patch_op op, const struct scim_path *pa,
    const json_t *v, struct scim_fail *f)
{
	json_t	*cur = (json_t *)scim_attr_get(res, pa->attr), *e;
	size_t	 i, hit = 0;

	if (op != OP_REMOVE && v == NULL)
		return scim_fail_set(f, 400, "invalidValue", "add and replace "
		    "need a value.");
	if (!pa->has_filter) {
		if (json_is_array(cur)) {	/* every value of a list */
			json_array_foreach(cur, i, e)
				if (json_is_object(e) &&
				    apply_sub(e, op, pa->sub, v) == -1)
					return -1;
			return 0;
		}
		if (cur == NULL || !json_is_object(cur)) {
			if (op == OP_REMOVE)
				return 0;
			if (set_ci(res, pa->attr, json_object()) == -1)
				return -1;
			cur = (json_t *)scim_attr_get(res, pa->attr);
		}
		return apply_sub(cur, op, pa->sub, v);
	}
	if (!json_is_array(cur))
		return scim_fail_set(f, 400, "noTarget", "The path's filter "
		    "matches no value.");
	for (i = json_array_size(cur); i-- > 0;) {
		e = json_array_get(cur, i);
		if (!scim_filter_node_match(&pa->f, pa->f.root, e))
			continue;
		hit++;
		if (pa->sub != NULL) {
			if (apply_sub(e, op, pa->sub, v) == -1)
				return -1;
		} else if (op == OP_REMOVE)
			json_array_remove(cur, i);
		else if (!json_is_object(v) || merge(e, v, 0) == -1)
			return scim_fail_set(f, 400, "invalidValue", "A value "
			    "filter's target takes an object.");
	}
	if (hit == 0)
		return scim_fail_set(f, 400, "noTarget", "The path's filter "
		    "matches no value.");
	return 0;
}

/* 1 when path names an attribute of a schema extension (ignored). */
static int
extension_path(const char *path)
{
	return strncasecmp(path, "urn:", 4) == 0 && strncasecmp(path,
	    "urn:ietf:params:scim:schemas:core:2.0:", 38) != 0;
}

/* Applies the operation o (an element of Operations) to res. */
static int
apply_one(json_t *res, const json_t *o, struct scim_fail *f)
{
	struct scim_path pa;		/* about 4 KB */
	const json_t	*opv = scim_attr_get(o, "op"), *pv, *v;
	const char	*path;
	int		 k;

	if (!json_is_object(o) || !json_is_string(opv))
		return scim_fail_set(f, 400, "invalidSyntax", "Each operation "
		    "is an object with an \"op\".");
	for (k = 0; k < OP__MAX; k++)
		if (strcasecmp(json_string_value(opv), op_names[k]) == 0)
			break;
	if (k == OP__MAX)
		return scim_fail_set(f, 400, "invalidSyntax", "op is add, "
		    "replace or remove.");
	pv = scim_attr_get(o, "path");
	v = scim_attr_get(o, "value");
	if (pv != NULL && !json_is_string(pv))
		return scim_fail_set(f, 400, "invalidPath", "path is a string.");
	path = pv ? json_string_value(pv) : NULL;
	if (path == NULL) {
		if (k == OP_REMOVE)
			return scim_fail_set(f, 400, "noTarget", "remove needs "
			    "a path.");
		if (!json_is_object(v))
			return scim_fail_set(f, 400, "invalidValue", "Without "
			    "a path, the value is an object of attributes.");
		return merge(res, v, k == OP_ADD) == -1 ? scim_fail_set(f, 500,
		    NULL, "Out of memory.") : 0;
	}
	if (extension_path(path))
		return 0;
	if (scim_path_parse(&pa, path, strlen(path)) == -1)
		return scim_fail_set(f, 400, "invalidPath", pa.f.err);
	if (pa.sub == NULL && !pa.has_filter)
		return apply_attr(res, (enum patch_op)k, pa.attr, v, f);
	return apply_path(res, (enum patch_op)k, &pa, v, f);
}

/*
 * Applies the PatchOp message body to res (a copy the caller owns).
 * Returns 0, or -1 with f set (400 invalidSyntax, invalidPath, noTarget,
 * invalidValue; 500 out of memory); res is then half-changed.
 */
int
scim_patch_apply(json_t *res, const json_t *body, struct scim_fail *f)
{
	const json_t	*sch = scim_attr_get(body, "schemas"), *ops, *o, *s;
	size_t		 i;
	int		 known = 0;

	scim_fail_set(f, 500, NULL, "Out of memory.");
	json_array_foreach(sch, i, s)
		known |= json_is_string(s) &&
		    strcmp(json_string_value(s), SCIM_PATCHOP) == 0;
	if (!known)
		return scim_fail_set(f, 400, "invalidSyntax", "A PATCH names "
		    "the schema " SCIM_PATCHOP ".");
	ops = scim_attr_get(body, "Operations");
	if (!json_is_array(ops) || json_array_size(ops) == 0)
		return scim_fail_set(f, 400, "invalidSyntax", "Operations is "
		    "a list of at least one operation.");
	if (json_array_size(ops) > SCIM_MAX_PATCH_OPS)
		return scim_fail_set(f, 400, "tooMany", "A PATCH holds at "
		    "most 20 operations.");
	json_array_foreach(ops, i, o)
		if (apply_one(res, o, f) == -1)
			return -1;
	return 0;
}
