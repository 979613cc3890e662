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
#include "../input.h"
#include "../limits.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

/* Columns of STMT_ORG_GET. */
enum {
	OG_NAME, OG_LEGAL_NAME, OG_ADDRESS, OG_COUNTRY, OG_WEBSITE, OG_TAX_ID,
	OG_INVITE_DOMAINS, OG_REQUIRE_2FA, OG_ID
};

/* Columns of STMT_USER_BY_EMAIL. */
enum { UBE_ID, UBE_HASH, UBE_NAME, UBE_TOTP };

/* The form: its fields in the order of STMT_ORG_GET's columns and of the
 * <error>s, the attribute of <organization> each fills. */
static const struct {
	const char	*field, *attr;
} org_form[] = {
	[OG_NAME] = { "name", "name" },
	[OG_LEGAL_NAME] = { "legal_name", "legal-name" },
	[OG_ADDRESS] = { "address", "address" },
	[OG_COUNTRY] = { "country", "country" },
	[OG_WEBSITE] = { "website", "website" },
	[OG_TAX_ID] = { "tax_id", "tax-id" },
	[OG_INVITE_DOMAINS] = { "invite_domains", "invite-domains" },
	[OG_REQUIRE_2FA] = { "require_2fa", "require-2fa" },
};
#define NORG_FORM	(sizeof(org_form) / sizeof(org_form[0]))

/*
 * Draws the page with the values v[] (stored, or typed after a 422;
 * require-2fa as "yes" or "1" for yes).  Status and errors are set
 * before.  Returns RC_OK, or RC_ERROR on exhaustion.
 */
static int
org_render(struct req *r, const char *const *v)
{
	xmlNodePtr	 n;
	const char	*cn, *req2fa = v[OG_REQUIRE_2FA];
	size_t		 i;
	int		 edit = role_can(r->s->role, CAP_ORG_EDIT);

	if (r->doc == NULL && xml_page(r, "organization") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "organization", NULL);
	for (i = 0; i < OG_REQUIRE_2FA; i++)
		xml_attr(n, org_form[i].attr, v[i] ? v[i] : "");
	xml_attr_yes(n, "require-2fa", req2fa != NULL &&
	    (strcmp(req2fa, "yes") == 0 || strcmp(req2fa, "1") == 0));
	cn = country_name(v[OG_COUNTRY]);
	xml_attr(n, "country-name", cn ? cn : "");
	xml_attr_yes(n, "editable", edit);
	if (edit)
		country_list_xml(r);
	return RC_OK;
}

/* GET /settings/organization (Admin, Creator, Member): 200, or 503. */
int
page_organization(struct req *r)
{
	struct dbres	 res;
	const char	*v[NORG_FORM];
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_ORG_GET, &res, NULL, NULL, "u",
	    r->s->account_id)) != RC_OK || res.nrows != 1)
		return req_db_fail(r, rc);
	for (i = 0; i < NORG_FORM; i++)
		v[i] = db_cell(&res, 0, i);
	return org_render(r, v);
}

/* 1 when the signed-in user has 2-step verification on. */
static int
own_2fa(struct req *r)
{
	struct dbres	 res;

	return db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    r->s->email) == RC_OK && res.nrows == 1 &&
	    db_u64(&res, 0, UBE_TOTP) != 0;
}

/*
 * Why the invite domains as typed are refused, or NULL with the
 * normalised list in *domains.
 */
static const char *
domains_refused(struct req *r, char **domains)
{
	const char	*bad;

	if (domains_normalise(r->a, in_typed(r, "invite_domains"), domains,
	    &bad) == RC_OK)
		return NULL;
	if (bad == NULL)
		return "Out of memory.";
	if (*bad == '\0')
		return arena_printf(r->a, "Enter at most %d domains (%d "
		    "characters).", MAX_INVITE_DOMAINS, MAX_DOMAINS_LEN);
	return arena_printf(r->a, "\u201c%s\u201d is not a domain name. %s",
	    bad, valid_message(VALID_DOMAIN));
}

/*
 * Why field k of the form is refused beyond its validator, or NULL: a
 * country not in the list, invite domains, or 2-step verification
 * required by an Admin who has none (it would lock them out).
 */
static const char *
org_refused(struct req *r, size_t k, char **domains)
{
	switch (k) {
	case OG_COUNTRY:
		return country_refused(in_str(r, "country"));
	case OG_INVITE_DOMAINS:
		return domains_refused(r, domains);
	case OG_REQUIRE_2FA:
		if (in_str(r, "require_2fa") == NULL || own_2fa(r))
			return NULL;
		return "Turn on 2-step verification for yourself first "
		    "(Profile), so that requiring it does not lock you out.";
	default:
		return NULL;
	}
}

/*
 * Checks the form in the order of its fields, adding one <error> per
 * refused field; the normalised invite domains go into *domains.
 * Returns the number of fields refused.
 */
static int
org_check(struct req *r, char **domains)
{
	const char	*msg;
	size_t		 k;
	int		 n = 0;

	for (k = 0; k < NORG_FORM; k++) {
		if ((msg = in_error(r, org_form[k].field)) == NULL)
			msg = org_refused(r, k, domains);
		if (msg != NULL) {
			xml_error(r, org_form[k].field, msg);
			n++;
		}
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
	const char	*v[NORG_FORM];
	char		*domains = NULL;
	uint64_t	 org;
	size_t		 k;
	int		 rc, req2fa = in_str(r, "require_2fa") != NULL;

	for (k = 0; k < NORG_FORM; k++)
		v[k] = in_typed(r, org_form[k].field);
	v[OG_REQUIRE_2FA] = in_str(r, "require_2fa");
	if (xml_page(r, "organization") == NULL)
		return RC_ERROR;
	if (org_check(r, &domains) > 0) {
		r->status = 422;
		return org_render(r, v);
	}
	if (account_org(r->db, r->a, r->s->account_id, &org) != RC_OK)
		return req_down(r);
	if ((rc = req_txn_exec(r, "organization.update", arena_printf(r->a,
	    "organization %llu: %s%s", (unsigned long long)org, v[OG_NAME],
	    req2fa ? ", 2-step required" : ""), STMT_ORG_SET, "sssssssiu",
	    v[OG_NAME], v[OG_LEGAL_NAME], v[OG_ADDRESS], v[OG_COUNTRY],
	    v[OG_WEBSITE], v[OG_TAX_ID], domains, (long long)req2fa, org)) !=
	    RC_OK)
		return req_db_fail(r, rc);
	req_flash(r, "ok", "Organization details saved.");
	req_redirect(r, "/settings/organization");
	return RC_OK;
}
