/*
 * Declared input: each route names its fields and their validators in the
 * route table (fcgi/tables/); the gate reads and checks them
 * before the handler runs, and the handler sees only valid values (and,
 * to refill a refused form, what was typed).
 */
#ifndef STEWARD_INPUT_H
#define STEWARD_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "valid.h"

#define F_REQUIRED	0x01	/* absent or empty is refused */
#define F_TRIM		0x02	/* surrounding white space is dropped first */
#define F_QUERY		0x04	/* read from the query string even on a POST */

/* One field of a route: from the query string (GET) or the form (POST). */
struct field {
	const char	*name;
	enum valid	 v;		/* VALID__MAX: any text the decoder took */
	unsigned	 flags;		/* F_* */
	const char	*missing;	/* why an empty required field is refused */
	const char	*invalid;	/* why a value is refused */
};	/* (a NULL message: the validator's) */

/* In a route's field list (see fcgi/tables/routes.def). */
#define FIELD(name, v, flags)		{ (name), (v), (flags), NULL, NULL },
#define FIELD_MSG(name, v, flags, missing, invalid) \
	{ (name), (v), (flags), (missing), (invalid) },

/* The fields of the request, as the gate read them. */
struct input {
	const struct field *f;			/* the route's, or NULL */
	size_t		 n;
	const char	*val[MAX_ROUTE_FIELDS];	/* valid value; NULL: absent
						   (optional) or refused */
	const char	*typed[MAX_ROUTE_FIELDS];	/* as typed, "" when absent */
	const char	*err[MAX_ROUTE_FIELDS];	/* why refused, or NULL */
	size_t		 nbad;			/* fields refused */
};

struct req;

int		 input_read(struct req *, const struct field *);
int		 in_declared(const struct req *, const char *name);
const char	*in_str(const struct req *, const char *name);
const char	*in_typed(const struct req *, const char *name);
int		 in_sent(const struct req *, const char *name);
int		 in_u64(const struct req *, const char *name, uint64_t *);
const char	*in_error(const struct req *, const char *name);
size_t		 in_bad(const struct req *);
void		 in_errors_xml(struct req *);

#endif
