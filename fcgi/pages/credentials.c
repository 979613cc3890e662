/*
 * The passcode (Admin): the eye icon of the overview reveals it (POST,
 * audited), and a confirmation page rotates it: a fresh passcode sealed
 * into the account, audited in the same transaction.  The ingestion API
 * reads account.passcode_enc on every call, so the old passcode stops
 * working the moment the rotation commits.
 */
#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../xml.h"
#include "pages.h"

/*
 * POST /settings/credentials/reveal (Admin): the overview with the
 * passcode in clear, after the reveal is in the audit log.  500 when the
 * sealed passcode cannot be opened (another key file), 503 without a
 * database.
 */
int
page_reveal_post(struct req *r)
{
	char		 pc[PASSCODE_LEN + 1];
	const char	*shown;
	int		 rc;

	if ((rc = passcode_read(r->db, r->a, r->s->account_id, pc)) != RC_OK) {
		r->status = rc == RC_DOWN ? 503 : 500;
		return RC_ERROR;
	}
	if (audit_req(r, "passcode.reveal", r->s->account_public) != RC_OK) {
		sodium_memzero(pc, sizeof(pc));
		return req_down(r);
	}
	shown = arena_strdup(r->a, pc);
	sodium_memzero(pc, sizeof(pc));
	return settings_render(r, NULL, NULL, shown);
}

/*
 * Draws the confirmation page (status and errors set before).  Returns
 * RC_OK, or RC_ERROR on exhaustion.
 */
static int
rotate_render(struct req *r)
{
	xmlNodePtr	 n;

	if (r->doc == NULL && xml_page(r, "rotate") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "rotate", NULL);
	xml_attr(n, "account", r->s->account_public);
	return RC_OK;
}

/* GET /settings/credentials/rotate (Admin): the confirmation step. */
int
page_rotate(struct req *r)
{
	return rotate_render(r);
}

/* req_txn_fn: a new passcode for the account, audited.  An rc. */
static int
rotate_tx(struct req *r, void *arg)
{
	int	 rc;

	(void)arg;
	if ((rc = passcode_rotate(r->db, r->a, r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, "passcode.rotate", r->s->account_public);
}

/*
 * POST /settings/credentials/rotate (Admin): confirm=yes.  303 to the
 * overview with a flash once the new passcode is stored and audited;
 * 422 on the confirmation page without the confirmation; 503 without a
 * database.
 */
int
page_rotate_post(struct req *r)
{
	int	 rc;

	if (in_bad(r) > 0) {
		r->status = 422;
		if (xml_page(r, "rotate") == NULL)
			return RC_ERROR;
		in_errors_xml(r);
		return rotate_render(r);
	}
	if ((rc = req_txn(r, rotate_tx, NULL)) != RC_OK)
		return req_db_fail(r, rc);
	req_flash(r, "ok", "The passcode was rotated: the old one no longer "
	    "works. Reveal the new one with the eye icon and update your "
	    "integrations.");
	req_redirect(r, "/settings");
	return RC_OK;
}
