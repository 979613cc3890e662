/*
 * "/": nothing lives there; it sends a visitor to the overview.
 */
#include "../rc.h"
#include "../request.h"

/* GET /: 303 to /settings (which asks a signed-out visitor to sign in). */
int
page_root(struct req *r)
{
	req_redirect(r, "/settings");
	return RC_OK;
}
