/*
 * The Organization page: name, legal name, address, country (ISO 3166),
 * website, tax ID, the domains invitations may go to, and whether every
 * member must use 2-step verification.  Admins edit it; Creators and
 * Members see it; Agents are refused by the route (DESIGN §4).
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../country.h"
#include "../db.h"
#include "../form.h"
#include "../limits.h"
#include "../money.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

/* The form's fields, in the order of STMT_ORG_GET's columns. */
static const char *const fields[] = {
	"name", "legal_name", "address", "country", "website", "tax_id",
	"invite_domains", "require_2fa"
};
static const char *const attrs[] = {
	"name", "legal-name", "address", "country", "website", "tax-id",
	"invite-domains", "require-2fa"
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/*
 * Draws the page with the values v[] (stored, or typed after a 422;
 * require-2fa as "yes" or anything else for no).  Status and errors are
 * set before.  Returns 0, or -1 on exhaustion.
 */
static int
org_render(struct req *r, const char *const *v)
{
	xmlNodePtr	 n;
	const char	*cn;
	size_t		 i;
	int		 edit = role_can(r->s->role, CAP_ORG_EDIT);

	if (r->doc == NULL && xml_page(r, "organization") == NULL)
		return -1;
	n = xml_el(r->root, "organization", NULL);
	for (i = 0; i + 1 < NFIELDS; i++)
		xml_attr(n, attrs[i], v[i] ? v[i] : "");
	xml_attr_yes(n, "require-2fa", v[7] != NULL &&
	    (strcmp(v[7], "yes") == 0 || strcmp(v[7], "1") == 0));
	cn = country_name(v[3]);
	xml_attr(n, "country-name", cn ? cn : "");
	xml_attr_yes(n, "editable", edit);
	if (edit)
		acct_countries(r);
	return 0;
}

/* GET /settings/organization (Admin, Creator, Member): 200, or 503. */
int
page_organization(struct req *r)
{
	struct dbres	 res;
	const char	*v[NFIELDS];
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_ORG_GET, &res, NULL, NULL, "u",
	    r->s->account_id)) != RC_OK || res.nrows != 1)
		return acct_db_fail(r, rc);
	for (i = 0; i < NFIELDS; i++)
		v[i] = db_cell(&res, 0, i);
	return org_render(r, v);
}

/* 1 when the signed-in user has 2-step verification on. */
static int
own_2fa(struct req *r)
{
	struct dbres	 res;

	return db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    r->s->email) == RC_OK && res.nrows == 1 && db_u64(&res, 0, 3) != 0;
}

/*
 * Checks the typed values; the normalised invite domains go into *domains.
 * Errors go into the page; returns their number.
 */
static int
org_check(struct req *r, const char *const *v, char **domains)
{
	const char	*bad;
	int		 n = 0;

	n += !acct_check(r, "name", v[0], VALID_ORG_NAME, 1,
	    "Enter the organization's name.");
	n += !acct_check(r, "legal_name", v[1], VALID_LEGAL_NAME, 0, NULL);
	n += !acct_check(r, "address", v[2], VALID_ADDRESS, 0, NULL);
	n += !acct_check_country(r, "country", v[3], 0);
	n += !acct_check(r, "website", v[4], VALID_WEBSITE, 0, NULL);
	n += !acct_check(r, "tax_id", v[5], VALID_TAX_ID, 0, NULL);
	if (domains_normalise(r->a, v[6], domains, &bad) == -1) {
		xml_error(r, "invite_domains", bad == NULL ? "Out of memory." :
		    *bad == '\0' ? arena_printf(r->a, "Enter at most %d domains "
		    "(%d characters).", MAX_INVITE_DOMAINS, MAX_DOMAINS_LEN) :
		    arena_printf(r->a, "\u201c%s\u201d is not a domain name. %s",
		    bad, valid_message(VALID_DOMAIN)));
		n++;
	}
	if (v[7] == NULL) {
		xml_error(r, "require_2fa", "Tick the box, or leave it empty.");
		n++;
	} else if (*v[7] != '\0' && !own_2fa(r)) {
		xml_error(r, "require_2fa", "Turn on 2-step verification for "
		    "yourself first (Profile), so that requiring it does not "
		    "lock you out.");
		n++;
	}
	return n;
}

/*
 * POST /settings/organization (Admin): 303 with a flash after the update
 * (audited); 422 with what was typed and an error per field; 503 without
 * a database.
 */
int
page_organization_post(struct req *r)
{
	const char	*v[NFIELDS];
	char		*domains = NULL;
	uint64_t	 org;
	size_t		 i;
	int		 rc;

	for (i = 0; i + 1 < NFIELDS; i++)
		if ((v[i] = acct_field(r, fields[i])) == NULL)
			return -1;
	v[7] = acct_checkbox(r, fields[7]);
	if (xml_page(r, "organization") == NULL)
		return -1;
	if (org_check(r, v, &domains) > 0) {
		r->status = 422;
		return org_render(r, v);
	}
	if ((org = acct_org(r)) == 0)
		return -1;
	if ((rc = db_begin(r->db)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_ORG_SET, NULL, NULL, NULL,
	    "sssssssiu", v[0], v[1], v[2], v[3], v[4], v[5], domains,
	    (long long)(*v[7] != '\0'), org)) != RC_OK ||
	    (rc = audit_req(r, "organization.update", arena_printf(r->a, "organization %llu: %s"
	    "%s", (unsigned long long)org, v[0], *v[7] ? ", 2-step required" :
	    ""))) != RC_OK || (rc = db_commit(r->db)) != RC_OK) {
		db_rollback(r->db);
		return acct_db_fail(r, rc);
	}
	req_flash(r, "ok", "Organization details saved.");
	req_redirect(r, "/settings/organization");
	return 0;
}
