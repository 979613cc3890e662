/*
 * Rotating the passcode (Admin): a confirmation page, then a POST that
 * seals a fresh passcode into the account, audited in the same
 * transaction.  The ingestion API reads account.passcode_enc on every
 * call, so the old passcode stops working the moment this commits.
 */
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../form.h"
#include "../limits.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../secret.h"
#include "../xml.h"

/*
 * Gives account a new random passcode, sealed with the key file.  Runs in
 * the caller's transaction when there is one.  Returns an rc.
 */
int
passcode_rotate(struct db *db, struct arena *a, uint64_t account)
{
	char		 pc[PASSCODE_LEN + 1];
	unsigned char	 sealed[MAX_PASSCODE_BLOB];
	size_t		 slen;
	uint64_t	 n = 0;
	int		 rc;

	passcode_new(pc);
	rc = passcode_seal(pc, sealed, &slen);
	sodium_memzero(pc, sizeof(pc));
	if (rc == -1)
		return RC_ERROR;
	if ((rc = db_exec(db, a, STMT_PASSCODE_SET, NULL, &n, NULL, "bu",
	    sealed, slen, account)) != RC_OK)
		return rc;
	return n == 1 ? RC_OK : RC_ERROR;
}

/* Draws the confirmation page (status and errors set before). */
static int
rotate_render(struct req *r)
{
	xmlNodePtr	 n;

	if (r->doc == NULL && xml_page(r, "rotate") == NULL)
		return -1;
	n = xml_el(r->root, "rotate", NULL);
	xml_attr(n, "account", r->s->account_public);
	return 0;
}

/* GET /settings/credentials/rotate (Admin): the confirmation step. */
int
page_rotate(struct req *r)
{
	return rotate_render(r);
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
	const char	*confirm = kv_get(&r->form, "confirm");
	int		 rc;

	if (confirm == NULL || strcmp(confirm, "yes") != 0) {
		r->status = 422;
		if (xml_page(r, "rotate") == NULL)
			return -1;
		xml_error(r, "confirm", "Tick the box to confirm that the "
		    "current passcode may stop working.");
		return rotate_render(r);
	}
	if ((rc = db_begin(r->db)) != RC_OK ||
	    (rc = passcode_rotate(r->db, r->a, r->s->account_id)) != RC_OK ||
	    (rc = audit_req(r, "passcode.rotate", r->s->account_public)) != RC_OK ||
	    (rc = db_commit(r->db)) != RC_OK) {
		db_rollback(r->db);
		return acct_db_fail(r, rc);
	}
	req_flash(r, "ok", "The passcode was rotated: the old one no longer "
	    "works. Reveal the new one with the eye icon and update your "
	    "integrations.");
	req_redirect(r, "/settings");
	return 0;
}
