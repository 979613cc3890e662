/*
 * SCIM filters matched against a resource (RFC 7644 §3.4.2.2): a tree
 * scim_filter.c parsed, evaluated over the resource's JSON as SCIM reads
 * it (attribute names in any case, multi-valued attributes matching when
 * one of their values does, strings compared without case).
 */
#include <string.h>
#include <strings.h>

#include "scim_filter.h"

/* The member of object o named name in any case, or NULL. */
const json_t *
scim_attr_get(const json_t *o, const char *name)
{
	const char	*key;
	json_t		*v;

	if (!json_is_object(o))
		return NULL;
	json_object_foreach((json_t *)o, key, v)
		if (strcasecmp(key, name) == 0)
			return v;
	return NULL;
}

/* strcasestr() without the GNU extension's const quirk. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t	 n = strlen(needle), h = strlen(hay), i;

	for (i = 0; i + n <= h; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* Orders a and b: <0, 0 or >0 (strings without case, numbers). */
static int
order_of(const json_t *v, const struct scim_fnode *n, int *ok)
{
	double	 d;

	*ok = 1;
	if (n->lit == SL_STRING && json_is_string(v))
		return strcasecmp(json_string_value(v), n->str);
	if (n->lit == SL_NUMBER && json_is_number(v)) {
		d = json_number_value(v);
		return (d > n->num) - (d < n->num);
	}
	*ok = 0;
	return 0;
}

/* 1 when one value v satisfies node n (not pr, not ne). */
static int
value_matches(const json_t *v, const struct scim_fnode *n)
{
	const char	*s;
	size_t		 ls, lt;
	int		 c, ok;

	if (n->lit == SL_TRUE || n->lit == SL_FALSE)
		return json_is_boolean(v) && json_is_true(v) == (n->lit == SL_TRUE);
	if (n->lit == SL_NULL)
		return json_is_null(v);
	if (n->op == SF_CO || n->op == SF_SW || n->op == SF_EW) {
		if (!json_is_string(v))
			return 0;
		s = json_string_value(v);
		ls = strlen(s);
		lt = strlen(n->str);
		if (n->op == SF_CO)
			return contains_ci(s, n->str);
		if (ls < lt)
			return 0;
		return strncasecmp(n->op == SF_SW ? s : s + ls - lt, n->str,
		    lt) == 0;
	}
	c = order_of(v, n, &ok);
	if (!ok)
		return 0;
	switch (n->op) {
	case SF_GT: return c > 0;
	case SF_GE: return c >= 0;
	case SF_LT: return c < 0;
	case SF_LE: return c <= 0;
	default: return c == 0;
	}
}

/* 1 when v is present in the sense of "pr": not null, not empty. */
static int
present(const json_t *v)
{
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return 1;
}

/* The value of one element e under sub (the "value" of a complex
 * element when sub is NULL). */
static const json_t *
element_value(const json_t *e, const char *sub)
{
	if (sub != NULL)
		return scim_attr_get(e, sub);
	return json_is_object(e) ? scim_attr_get(e, "value") : e;
}

/* 1 when some value of attr[.sub] in res satisfies node n. */
static int
some_value(const json_t *res, const struct scim_fnode *n)
{
	const json_t	*v = scim_attr_get(res, n->attr), *e;
	size_t		 i;
	int		 eq_op = n->op == SF_NE ? 1 : 0;
	struct scim_fnode m = *n;

	if (eq_op)
		m.op = SF_EQ;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			const json_t *x = element_value(e, n->sub);

			if (n->op == SF_PR ? present(x) : value_matches(x ? x :
			    json_null(), &m))
				return 1;
		}
		return n->op != SF_PR && m.lit == SL_NULL &&
		    json_array_size(v) == 0;
	}
	if (n->sub != NULL)
		v = json_is_object(v) ? scim_attr_get(v, n->sub) : NULL;
	if (n->op == SF_PR)
		return present(v);
	return value_matches(v ? v : json_null(), &m);
}

/* Node k against res, at most SCIM_MAX_FILTER_DEPTH levels of and/or. */
static int
match_node(const struct scim_filter *f, int k, const json_t *res)
{
	const struct scim_fnode *n = &f->n[k];
	const json_t	*v, *e;
	size_t		 i;

	switch (n->op) {
	case SF_AND:
		return match_node(f, n->a, res) && match_node(f, n->b, res);
	case SF_OR:
		return match_node(f, n->a, res) || match_node(f, n->b, res);
	case SF_NOT:
		return !match_node(f, n->a, res);
	case SF_VALUE:
		v = scim_attr_get(res, n->attr);
		if (json_is_object(v))
			return match_node(f, n->a, v);
		json_array_foreach(v, i, e)
			if (match_node(f, n->a, e))
				return 1;
		return 0;
	case SF_NE:
		return !some_value(res, n);
	default:
		return some_value(res, n);
	}
}

/* 1 when the resource res matches the parsed filter f. */
int
scim_filter_match(const struct scim_filter *f, const json_t *res)
{
	return f->root >= 0 && match_node(f, f->root, res);
}

/* 1 when the element res matches node k of f (a PATCH path's filter). */
int
scim_filter_node_match(const struct scim_filter *f, int k, const json_t *res)
{
	return k >= 0 && k < f->nnodes && match_node(f, k, res);
}

/*
 * 1 when f is exactly userName eq "…" (the look-up every identity
 * provider makes before a create), with *email the string.
 */
int
scim_filter_user_name_eq(const struct scim_filter *f, const char **email)
{
	const struct scim_fnode *n;

	if (f->root < 0)
		return 0;
	n = &f->n[f->root];
	if (n->op != SF_EQ || n->sub != NULL || n->lit != SL_STRING ||
	    strcasecmp(n->attr, "userName") != 0)
		return 0;
	*email = n->str;
	return 1;
}
