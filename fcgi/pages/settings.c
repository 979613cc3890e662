/*
 * The Account Settings overview (the seed's first page): the credentials
 * box with the passcode behind the eye icon, the invite box, and the
 * Account and Manage sections.  What the role may do is in <can>; the
 * stylesheet only draws it (the sections' pages too: xslt/site.xsl).
 */
#include "../arena.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../xml.h"
#include "pages.h"

/* <invite>: the roles this user may grant, and the values typed so far. */
static void
add_invite(struct req *r, const char *email, const char *role)
{
	xmlNodePtr	 inv, n;
	int		 k;

	if (!role_can(r->s->role, CAP_INVITE))
		return;
	inv = xml_el(r->root, "invite", NULL);
	xml_attr(inv, "email", email ? email : "");
	xml_attr(inv, "role", role ? role : "member");
	for (k = ROLE_ADMIN; k > ROLE_NONE; k--)
		if (role_may_grant(r->s->role, (enum role)k)) {
			n = xml_el(inv, "role", role_label((enum role)k));
			xml_attr(n, "value", role_name((enum role)k));
		}
}

/*
 * Draws the overview into r (status set by the caller); passcode is shown
 * when not NULL (the reveal, credentials.c).  email and role refill the
 * invite form after a 422 (users_invite.c); errors are added by the
 * caller before.  Returns RC_OK, or RC_ERROR on exhaustion.
 */
int
settings_render(struct req *r, const char *email, const char *role,
    const char *passcode)
{
	xmlNodePtr	 cred;

	if (r->doc == NULL && xml_page(r, "settings") == NULL)
		return RC_ERROR;
	cred = xml_el(r->root, "credentials", NULL);
	xml_attr_yes(cred, "revealed", passcode != NULL);
	if (passcode != NULL)
		xml_el(cred, "passcode", passcode);
	add_invite(r, email, role);
	return RC_OK;
}

/* GET /settings (everybody): 200. */
int
page_settings(struct req *r)
{
	return settings_render(r, NULL, NULL, NULL);
}
