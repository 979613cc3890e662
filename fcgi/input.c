/*
 * Declared input (input.h): the gate reads the fields a route names,
 * checks each with its validator, and keeps the valid values, what was
 * typed and why a field was refused; handlers look them up by name.
 */
#include <ctype.h>
#include <string.h>

#include "input.h"
#include "arena.h"
#include "decode.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "request.h"
#include "valid.h"
#include "xml.h"

/* The value of f as typed: trimmed when the field says so; "" when absent. */
static const char *
typed_value(struct req *r, const struct field *f)
{
	const struct kvlist	*src;
	const char		*v;
	size_t			 n;

	src = r->method == METHOD_POST && !(f->flags & F_QUERY) ?
	    &r->form : &r->query;
	if ((v = kv_get(src, f->name)) == NULL)
		return "";
	if (!(f->flags & F_TRIM))
		return v;
	while (isspace((unsigned char)*v))
		v++;
	n = strlen(v);
	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return arena_strndup(r->a, v, n);
}

/*
 * Reads and checks the fields of a route into r->in (fields NULL or a
 * list ending in a NULL name).  A refused field keeps its reason; it is
 * the handler's to draw (in_errors_xml).  Returns RC_OK, or RC_ERROR on
 * exhaustion.
 */
int
input_read(struct req *r, const struct field *fields)
{
	struct input	*in = &r->in;
	const struct field *f;
	const char	*v;
	size_t		 i;

	memset(in, 0, sizeof(*in));
	in->f = fields;
	for (i = 0; fields != NULL && fields[i].name != NULL; i++) {
		if (i == MAX_ROUTE_FIELDS) {
			log_error("input: a route declares over %d fields",
			    MAX_ROUTE_FIELDS);
			return RC_ERROR;
		}
		f = &fields[i];
		if ((v = typed_value(r, f)) == NULL)
			return RC_ERROR;
		in->typed[i] = v;
		if (*v == '\0') {
			if (f->flags & F_REQUIRED)
				in->err[i] = f->missing != NULL ? f->missing :
				    valid_message(f->v);
		} else if (f->v == VALID__MAX || valid_check(f->v, v, strlen(v)))
			in->val[i] = v;
		else
			in->err[i] = f->invalid != NULL ? f->invalid :
			    valid_message(f->v);
		if (in->err[i] != NULL)
			in->nbad++;
	}
	in->n = i;
	return RC_OK;
}

/* The index of field name in the route's list, or -1 (a bug: logged). */
static int
field_index(const struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->in.n; i++)
		if (strcmp(r->in.f[i].name, name) == 0)
			return (int)i;
	log_error("input: %s reads field \"%s\" its route does not declare",
	    r->path, name);
	return -1;
}

/*
 * 1 when the route declares field name: for code shared by several
 * routes that carries a field over only where it exists (a list's pager
 * drawn again after a POST).  Not logged, unlike a read.
 */
int
in_declared(const struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->in.n; i++)
		if (strcmp(r->in.f[i].name, name) == 0)
			return 1;
	return 0;
}

/* The valid value of field name; NULL when absent (optional) or refused. */
const char *
in_str(const struct req *r, const char *name)
{
	int	 i = field_index(r, name);

	return i < 0 ? NULL : r->in.val[i];
}

/* Field name as typed ("" when absent), to refill a refused form. */
const char *
in_typed(const struct req *r, const char *name)
{
	int	 i = field_index(r, name);

	return i < 0 ? "" : r->in.typed[i];
}

/*
 * 1 when field name was sent at all, even empty: which of two forms
 * posting to one route was sent (their fields differ).
 */
int
in_sent(const struct req *r, const char *name)
{
	int	 i = field_index(r, name);

	if (i < 0)
		return 0;
	return kv_get(r->method == METHOD_POST && !(r->in.f[i].flags & F_QUERY) ?
	    &r->form : &r->query, name) != NULL;
}

/*
 * The valid value of field name as a number (its validator admits only
 * digits, e.g. VALID_ID).  RC_OK, or RC_ERROR when absent or refused.
 */
int
in_u64(const struct req *r, const char *name, uint64_t *out)
{
	const char	*v = in_str(r, name);
	uint64_t	 n = 0;

	if (v == NULL || *v == '\0')
		return RC_ERROR;
	for (; *v != '\0'; v++) {
		if (*v < '0' || *v > '9' || n > (UINT64_MAX - 9) / 10)
			return RC_ERROR;
		n = n * 10 + (uint64_t)(*v - '0');
	}
	*out = n;
	return RC_OK;
}

/* Why field name was refused, or NULL. */
const char *
in_error(const struct req *r, const char *name)
{
	int	 i = field_index(r, name);

	return i < 0 ? NULL : r->in.err[i];
}

/* How many fields were refused. */
size_t
in_bad(const struct req *r)
{
	return r->in.nbad;
}

/* Adds one <error field="…"> per refused field, in the route's order. */
void
in_errors_xml(struct req *r)
{
	size_t	 i;

	for (i = 0; i < r->in.n; i++)
		if (r->in.err[i] != NULL)
			xml_error(r, r->in.f[i].name, r->in.err[i]);
}
