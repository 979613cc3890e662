/*
 * /settings/labels: an account's labels — create, rename, recolour
 * (a fixed accessible palette), describe, delete — and where each is
 * used.  Labels are attached to reports (the report form) and to CSV
 * uploads (csv_uploads_labels.c); the reports and CSV uploads lists
 * filter by label (label_filter() in label.c).
 *
 *   GET  /settings/labels[?page=N][&edit=ID | &delete=ID]
 *   POST /settings/labels/save          id (empty: new), name, color, description
 *   POST /settings/labels/delete        id, confirm=yes
 *
 * Names are unique per account whatever their case (the unique key's
 * collation); deleting a label detaches it from everything it is on,
 * after a confirmation that says from how many.
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../pager.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../text.h"
#include "../tz.h"
#include "../xml.h"

/* What a 422 shows again. */
struct label_typed {
	const char	*id, *name, *color, *description;
};

/* Columns of STMT_LABEL_LIST. */
enum {
	LS_ID, LS_NAME, LS_COLOR, LS_DESCRIPTION, LS_REPORTS, LS_UPLOADS,
	LS_CREATED, LS_CREATOR
};

/* Columns of STMT_LABEL_TOTAL. */
enum { LC_COUNT };

/* --------------------------------------------------------------- page */

/* <labels>: page page of the account's labels with where each is used.  An rc. */
static int
labels_list(struct req *r, long page)
{
	struct dbres	 res, tot;
	struct tz	*z;
	xmlNodePtr	 list, n;
	size_t		 i, shown;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_LABEL_LIST, &res, NULL, NULL, "uii",
	    r->s->account_id, (long long)LABELS_PER_PAGE + 1,
	    (long long)(page - 1) * LABELS_PER_PAGE)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_LABEL_TOTAL, &tot, NULL, NULL, "u",
	    r->s->account_id)) != RC_OK)
		return rc;
	list = xml_el(r->root, "labels", NULL);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, LC_COUNT) : "0");
	xml_attr_i(list, "max", MAX_LABELS);
	pager_el(r, list, "/settings/labels", page, LABELS_PER_PAGE,
	    res.nrows > LABELS_PER_PAGE, tot.nrows ? (long long)db_u64(&tot, 0,
	    LC_COUNT) : 0, NULL);
	shown = res.nrows > LABELS_PER_PAGE ? LABELS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		n = label_el(list, "label", db_cell(&res, i, LS_ID),
		    db_cell(&res, i, LS_NAME), (unsigned)db_u64(&res, i, LS_COLOR));
		xml_attr(n, "reports", db_cell(&res, i, LS_REPORTS));
		xml_attr(n, "uploads", db_cell(&res, i, LS_UPLOADS));
		xml_attr_time(n, "created", z, db_cell(&res, i, LS_CREATED));
		xml_attr(n, "by", db_cell(&res, i, LS_CREATOR));
		if (db_cell(&res, i, LS_DESCRIPTION)[0] != '\0')
			xml_el(n, "description", db_cell(&res, i, LS_DESCRIPTION));
	}
	return RC_OK;
}

/* <palette>: the colours a label may have. */
static void
palette_add(struct req *r)
{
	xmlNodePtr	 p = xml_el(r->root, "palette", NULL), c;
	size_t		 i;

	for (i = 0; i < label_palette_n; i++) {
		c = xml_el(p, "color", NULL);
		xml_attr(c, "key", label_palette[i].key);
		xml_attr(c, "name", label_palette[i].name);
	}
}

/*
 * <label-form>: what was typed (t), else the label edit (0: none; an
 * unknown one gives the empty form of a new label).  An rc.
 */
static int
label_form(struct req *r, const struct label_typed *t, uint64_t edit)
{
	struct dbres	 res;
	xmlNodePtr	 f;
	int		 rc;

	f = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"label-form", NULL);
	xmlAddChild(r->root, f);
	if (t != NULL) {
		xml_attr(f, "id", t->id);
		xml_attr(f, "name", t->name);
		xml_attr(f, "color", label_color_parse(t->color) >= 0 ?
		    t->color : "");
		xml_attr(f, "description", t->description);
		return RC_OK;
	}
	if (edit != 0) {
		if ((rc = db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL,
		    "uu", edit, r->s->account_id)) != RC_OK)
			return rc;
		if (res.nrows == 1) {
			xml_attr(f, "id", db_cell(&res, 0, LO_ID));
			xml_attr(f, "name", db_cell(&res, 0, LO_NAME));
			xml_attr(f, "color", color_key((unsigned)db_u64(&res, 0,
			    LO_COLOR)));
			xml_attr(f, "description", db_cell(&res, 0, LO_DESCRIPTION));
			return RC_OK;
		}
	}
	xml_attr(f, "id", "");
	xml_attr(f, "name", "");
	xml_attr(f, "color", label_palette[6].key);	/* blue */
	xml_attr(f, "description", "");
	return RC_OK;
}

/* <label-confirm>: the deletion of label id (0: none), with where it is used.  An rc. */
static int
label_confirm(struct req *r, uint64_t id)
{
	struct dbres	 res;
	xmlNodePtr	 c;
	int		 rc;

	if (id == 0)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu", id,
	    r->s->account_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_OK;
	c = label_el(r->root, "label-confirm", db_cell(&res, 0, LO_ID),
	    db_cell(&res, 0, LO_NAME), (unsigned)db_u64(&res, 0, LO_COLOR));
	xml_attr(c, "reports", db_cell(&res, 0, LO_REPORTS));
	xml_attr(c, "uploads", db_cell(&res, 0, LO_UPLOADS));
	xml_attr(c, "filters", db_cell(&res, 0, LO_FILTERS));
	return RC_OK;
}

/*
 * Draws the page (status set by the caller): page page of the list, the
 * palette, and for who may change labels the form (t, or label edit) and
 * the confirmation of the deletion of label confirm (0: none).  RC_OK,
 * or RC_ERROR with r->status set (503 without a database).
 */
static int
labels_render(struct req *r, const struct label_typed *t, long page,
    uint64_t edit, uint64_t confirm)
{
	if (r->doc == NULL && xml_page(r, "labels") == NULL)
		return RC_ERROR;
	if (labels_list(r, page) != RC_OK)
		return req_down(r);
	palette_add(r);
	if (role_can(r->s->role, CAP_LABELS_EDIT) && (label_form(r, t, edit) !=
	    RC_OK || label_confirm(r, confirm) != RC_OK))
		return req_down(r);
	return RC_OK;
}

/*
 * GET /settings/labels (who sees the event schema): 200, with the form
 * of ?edit= and the confirmation of ?delete= for Admins and Creators;
 * 503 without a database.
 */
int
page_labels(struct req *r)
{
	uint64_t	 edit = 0, confirm = 0;

	(void)in_u64(r, "edit", &edit);
	(void)in_u64(r, "delete", &confirm);
	return labels_render(r, NULL, page_arg(in_str(r, "page")), edit, confirm);
}

/* 422: the first page again with what was typed (t) and one error.  As labels_render(). */
static int
label_refuse(struct req *r, const struct label_typed *t, uint64_t confirm,
    const char *field, const char *msg)
{
	r->status = 422;
	r->doc = NULL;
	if (xml_page(r, "labels") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return labels_render(r, t, 1, 0, confirm);
}

/*
 * The STMT_LABEL_ONE row of label id of this account in *res.  RC_OK, or
 * RC_ERROR with r->status set: 404 for none, 503 without a database.
 */
static int
label_row(struct req *r, uint64_t id, struct dbres *res)
{
	return req_row(r, db_exec(r->db, r->a, STMT_LABEL_ONE, res, NULL, NULL,
	    "uu", id, r->s->account_id), res);
}

/* -------------------------------------------------------------- save */

/*
 * Why the typed label is refused, its field in *field; NULL when it is
 * fine, with its palette index in *color.
 */
static const char *
label_check(struct req *r, const struct label_typed *t, int *color,
    const char **field)
{
	const char	*msg;
	size_t		 n = strlen(t->name);

	*field = "name";
	if ((msg = in_error(r, "name")) != NULL)
		return utf8_chars(t->name, n) <= MAX_LABEL_NAME ? msg :
		    arena_printf(r->a, "Use at most %d characters (this name "
		    "has %zu).", MAX_LABEL_NAME, utf8_chars(t->name, n));
	*field = "color";
	if ((*color = label_color_parse(t->color)) < 0)
		return "Choose one of the colours shown.";
	*field = "description";
	return in_error(r, "description");
}

/* A label created (id 0) or changed by label_store_tx(). */
struct label_save {
	uint64_t			 id;	/* 0: a new one */
	const struct label_typed	*t;
	int				 color;
	int				 full;	/* out: MAX_LABELS reached */
};

/*
 * req_txn_fn: the label's statement and audit row.  RC_OK, with full set
 * when the account has MAX_LABELS labels (nothing created); RC_DUP when
 * another label has the name; another rc on a database error.
 */
static int
label_store_tx(struct req *r, void *arg)
{
	struct label_save	*ls = arg;
	uint64_t		 n = 0;
	int			 rc;

	ls->full = 0;
	rc = ls->id == 0 ?
	    db_exec(r->db, r->a, STMT_LABEL_NEW, NULL, &n, NULL, "usisuui",
	    r->s->account_id, ls->t->name, (long long)ls->color,
	    ls->t->description, r->s->user_id, r->s->account_id,
	    (long long)MAX_LABELS) :
	    db_exec(r->db, r->a, STMT_LABEL_UPDATE, NULL, &n, NULL, "sisuu",
	    ls->t->name, (long long)ls->color, ls->t->description, ls->id,
	    r->s->account_id);
	if (rc != RC_OK)
		return rc;
	if (ls->id == 0 && n == 0) {
		ls->full = 1;
		return RC_OK;
	}
	return audit_req(r, ls->id == 0 ? "label.create" : "label.update",
	    ls->t->name);
}

/*
 * POST /settings/labels/save (Admin, Creator): 303 + flash; 422 with the
 * form as typed for an empty, over-long or unclean name, a name another
 * label has (in any case), an unknown colour, a bad description, or the
 * MAX_LABELS-th label; 404 for an id not of this account; 503 without a
 * database.
 */
int
page_label_save_post(struct req *r)
{
	struct label_typed	 t;
	struct label_save	 ls = { 0, &t, 0, 0 };
	struct dbres		 res;
	const char		*msg, *field;
	int			 rc;

	t.id = in_typed(r, "id");
	t.name = in_typed(r, "name");
	t.color = in_typed(r, "color");
	t.description = in_typed(r, "description");
	if (in_error(r, "id") != NULL) {
		r->status = 404;
		return RC_ERROR;
	}
	if (in_u64(r, "id", &ls.id) == RC_OK && label_row(r, ls.id, &res) !=
	    RC_OK)
		return RC_ERROR;
	if ((msg = label_check(r, &t, &ls.color, &field)) != NULL)
		return label_refuse(r, &t, 0, field, msg);
	if ((rc = req_txn(r, label_store_tx, &ls)) == RC_DUP)
		return label_refuse(r, &t, 0, "name", arena_printf(r->a,
		    "A label named \"%s\" exists already (names are compared "
		    "without regard to case).", t.name));
	if (rc != RC_OK)
		return req_down(r);
	if (ls.full)
		return label_refuse(r, &t, 0, NULL, arena_printf(r->a,
		    "This account has %d labels, the most it can have. Delete "
		    "one first.", MAX_LABELS));
	req_flash(r, "ok", arena_printf(r->a, ls.id == 0 ? "Created the label %s." :
	    "Saved the label %s.", t.name));
	req_redirect(r, "/settings/labels");
	return RC_OK;
}

/* ------------------------------------------------------------ delete */

/* "2 reports and 1 CSV upload", "nothing". */
static const char *
usage_text(struct req *r, uint64_t reports, uint64_t uploads)
{
	const char	*a = arena_printf(r->a, "%llu report%s",
	    (unsigned long long)reports, reports == 1 ? "" : "s");
	const char	*b = arena_printf(r->a, "%llu CSV upload%s",
	    (unsigned long long)uploads, uploads == 1 ? "" : "s");

	if (reports && uploads)
		return arena_printf(r->a, "%s and %s", a, b);
	return reports ? a : uploads ? b : "nothing";
}

/* A label deleted by label_delete_tx(). */
struct label_delete {
	uint64_t	 id;
	const char	*target;	/* of the audit row */
};

/* req_txn_fn: deletes the label (RC_ERROR when it is gone), audited. */
static int
label_delete_tx(struct req *r, void *arg)
{
	struct label_delete	*ld = arg;
	uint64_t		 n = 0;
	int			 rc;

	if ((rc = db_exec(r->db, r->a, STMT_LABEL_DELETE, NULL, &n, NULL, "uu",
	    ld->id, r->s->account_id)) != RC_OK)
		return rc;
	if (n != 1)
		return RC_ERROR;
	return audit_req(r, "label.delete", ld->target);
}

/*
 * POST /settings/labels/delete (Admin, Creator): with confirm=yes deletes
 * the label, which detaches it from every report and upload and clears
 * it from report filters; audited; 303 + flash naming the counts.  422
 * with the confirmation for a missing confirm; 404 for an id not of this
 * account; 503 without a database.
 */
int
page_label_delete_post(struct req *r)
{
	const char		*confirm = in_str(r, "confirm"), *name, *used;
	struct dbres		 res;
	struct label_delete	 ld;
	uint64_t		 id;

	if (in_u64(r, "id", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (label_row(r, id, &res) != RC_OK)
		return RC_ERROR;
	name = db_cell(&res, 0, LO_NAME);
	used = usage_text(r, db_u64(&res, 0, LO_REPORTS), db_u64(&res, 0,
	    LO_UPLOADS));
	if (confirm == NULL || strcmp(confirm, "yes") != 0)
		return label_refuse(r, NULL, id, "confirm", strcmp(used,
		    "nothing") == 0 ? arena_printf(r->a, "Confirm that the label "
		    "%s is to be deleted.", name) : arena_printf(r->a, "Confirm "
		    "that the label %s is to be deleted and removed from %s.",
		    name, used));
	ld.id = id;
	ld.target = arena_printf(r->a, "%s (was on %s)", name, used);
	if (req_txn(r, label_delete_tx, &ld) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", strcmp(used, "nothing") == 0 ? arena_printf(r->a,
	    "Deleted the label %s.", name) : arena_printf(r->a, "Deleted the "
	    "label %s and removed it from %s.", name, used));
	req_redirect(r, "/settings/labels");
	return RC_OK;
}
