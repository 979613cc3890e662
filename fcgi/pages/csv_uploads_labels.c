/*
 * POST /settings/csv-uploads/labels: the labels of one CSV upload, set
 * from the attach form on the upload's page (csv_uploads.c draws it with
 * labels_on_upload()).
 *
 *   POST /settings/csv-uploads/labels   upload, label (repeated)
 */
#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"

/* Columns of STMT_UPLOAD_NAME. */
enum { UN_ID, UN_NAME };

/* The arguments of upload_labels_set(). */
struct upload_labels {
	uint64_t		 id;
	const char		*name;
	const char *const	*vals;
	size_t			 n;
	const char		**names;	/* out */
	int			*foreign;	/* out */
};

/* req_txn_fn: upload_labels_set()'s transaction. */
static int
upload_labels_tx(struct req *r, void *arg)
{
	struct upload_labels	*ul = arg;
	int			 rc;

	if ((rc = labels_replace(r, LT_UPLOAD, ul->id, ul->vals, ul->n,
	    ul->names, ul->foreign)) != RC_OK || *ul->foreign)
		return rc == RC_OK ? RC_ERROR : rc;
	return audit_req(r, "csv.labels", arena_printf(r->a, "%s: %s",
	    ul->name, (*ul->names)[0] ? *ul->names : "none"));
}

/*
 * Sets the labels of upload id (named name) to vals[0 … n-1] with the
 * audit row, in one transaction; *names gets "A, B".  RC_OK, with
 * *foreign set when a label is not one of this account's (nothing
 * changed); another rc on a database error (nothing changed).
 */
static int
upload_labels_set(struct req *r, uint64_t id, const char *name,
    const char *const *vals, size_t n, const char **names, int *foreign)
{
	struct upload_labels	 ul = { id, name, vals, n, names, foreign };
	int			 rc;

	rc = req_txn(r, upload_labels_tx, &ul);
	return *foreign ? RC_OK : rc;
}

/*
 * POST /settings/csv-uploads/labels (Admin, Creator): sets the labels of
 * one of this account's uploads to the checked ones; audited; 303 back to
 * the upload with a flash.  404 for an upload or a label not of this
 * account; 422 for more than MAX_ITEM_LABELS labels; 503 without a
 * database.  Nothing changes on a refusal.
 */
int
page_upload_labels_post(struct req *r)
{
	struct dbres	 res;
	const char	**vals, *names = "", *name;
	uint64_t	 id;
	size_t		 n;
	int		 foreign;

	if (in_u64(r, "upload", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (db_exec(r->db, r->a, STMT_UPLOAD_NAME, &res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return req_down(r);
	if (res.nrows != 1) {
		r->status = 404;
		return RC_ERROR;
	}
	name = db_cell(&res, 0, UN_NAME);
	if (labels_posted(r, &vals, &n) != RC_OK) {
		r->status = 500;
		return RC_ERROR;
	}
	if (n > MAX_ITEM_LABELS) {
		page_error(r, 422, arena_printf(r->a, "Attach at most %d labels "
		    "to one upload.", MAX_ITEM_LABELS));
		return RC_OK;
	}
	if (upload_labels_set(r, id, name, vals, n, &names, &foreign) != RC_OK)
		return req_down(r);
	if (foreign) {
		r->status = 404;
		return RC_ERROR;
	}
	req_flash(r, "ok", names[0] ? arena_printf(r->a, "Labels of %s: %s.",
	    name, names) : arena_printf(r->a, "Removed the labels of %s.", name));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)id));
	return RC_OK;
}
