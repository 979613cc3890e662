/*
 * What the pages of the account part share: reading and checking form
 * fields (errors go into the page's <errors>), the organization of the
 * session's account, the id at the end of a path, the country list, and
 * turning a database failure into a status.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "arena.h"
#include "country.h"
#include "db.h"
#include "decode.h"
#include "input.h"
#include "rc.h"
#include "request.h"
#include "valid.h"
#include "xml.h"

/*
 * The value of form field name with surrounding white space removed, as
 * an arena string; "" when the field is absent.  NULL on exhaustion.
 */
const char *
acct_field(struct req *r, const char *name)
{
	const char	*v = kv_get(&r->form, name);
	size_t		 n;

	if (v == NULL)
		return "";
	while (isspace((unsigned char)*v))
		v++;
	n = strlen(v);
	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return arena_strndup(r->a, v, n);
}

/*
 * Checks val against kind v.  An empty value is refused with empty_msg
 * (or the validator's message) when required, accepted otherwise.  A
 * refusal adds an <error field="field">.  Returns 1 when val is fine.
 */
int
acct_check(struct req *r, const char *field, const char *val, enum valid v,
    int required, const char *empty_msg)
{
	if (val == NULL || *val == '\0') {
		if (!required)
			return 1;
		xml_error(r, field, empty_msg ? empty_msg : valid_message(v));
		return 0;
	}
	if (valid_check(v, val, strlen(val)))
		return 1;
	xml_error(r, field, valid_message(v));
	return 0;
}

/*
 * The organization of the session's account; 0 when it cannot be read
 * (r->status is set to 503).
 */
uint64_t
acct_org(struct req *r)
{
	struct dbres	 res;

	if (db_exec(r->db, r->a, STMT_ACCT_ORG, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK || res.nrows != 1) {
		r->status = 503;
		return 0;
	}
	return db_u64(&res, 0, 0);
}

/* The decimal id that ends r->path (routes "/#"); 0 when there is none. */
uint64_t
acct_path_id(struct req *r)
{
	const char	*p = strrchr(r->path, '/');
	char		*end;
	uint64_t	 id;

	if (p == NULL || p[1] < '1' || p[1] > '9')
		return 0;
	id = strtoull(p + 1, &end, 10);
	return *end == '\0' ? id : 0;
}

/* Sets the status for a failed statement (503 when the server is gone). */
int
acct_db_fail(struct req *r, int rc)
{
	r->status = rc == RC_DOWN || rc == RC_OK ? 503 : 500;
	return -1;
}

/* <countries>: every ISO 3166-1 country, for a select list. */
void
acct_countries(struct req *r)
{
	const struct country	*c;
	xmlNodePtr		 list, n;
	size_t			 i, nc;

	c = country_list(&nc);
	list = xml_el(r->root, "countries", NULL);
	for (i = 0; i < nc; i++) {
		n = xml_el(list, "country", c[i].name);
		xml_attr(n, "code", c[i].code);
	}
}

/*
 * Checks a country field: empty is fine unless required, else a code of
 * the list.  Adds the error; returns 1 when fine.
 */
int
acct_check_country(struct req *r, const char *field, const char *val,
    int required)
{
	if (!acct_check(r, field, val, VALID_COUNTRY, required, NULL))
		return 0;
	if (*val == '\0' || country_name(val) != NULL)
		return 1;
	xml_error(r, field, valid_message(VALID_COUNTRY));
	return 0;
}

/* The stored text of a yes/no checkbox: "yes" checked, "" unchecked, NULL bad. */
const char *
acct_checkbox(struct req *r, const char *name)
{
	const char	*v = kv_get(&r->form, name);

	if (v == NULL)
		return "";
	return strcmp(v, "yes") == 0 ? "yes" : NULL;
}

/* The invoice reference shown and exported: "ORG-NNNNN". */
const char *
acct_invoice_ref(struct req *r, uint64_t org, uint64_t number)
{
	return arena_printf(r->a, "%llu-%05llu", (unsigned long long)org,
	    (unsigned long long)number);
}
