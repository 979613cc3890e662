/*
 * /settings/labels: an account's labels — create, rename, recolour
 * (a fixed accessible palette), describe, delete — and where each is
 * used.  Labels are attached to reports (the report form) and to CSV
 * uploads (POST /settings/csv-uploads/labels, from the upload's page);
 * the reports and CSV uploads lists filter by label (label_filter()).
 *
 *   GET  /settings/labels[?page=N][&edit=ID | &delete=ID]
 *   POST /settings/labels/save          id (empty: new), name, color, description
 *   POST /settings/labels/delete        id, confirm=yes
 *   POST /settings/csv-uploads/labels   upload, label (repeated)
 *
 * Names are unique per account whatever their case (the unique key's
 * collation); deleting a label detaches it from everything it is on,
 * after a confirmation that says from how many.
 */
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

/* What a 422 shows again. */
struct label_typed {
	const char	*id, *name, *color, *description;
};

/* ----------------------------------------------------- shared helpers */

/* <el id name color/> under parent: a label as a chip. */
xmlNodePtr
label_el(xmlNodePtr parent, const char *el, const char *id, const char *name,
    unsigned color)
{
	xmlNodePtr	 n = xml_el(parent, el, NULL);

	xml_attr(n, "id", id);
	xml_attr(n, "name", name);
	xml_attr(n, "color", color_key(color));
	return n;
}

/*
 * ?label=ID of the query when it names a label of this account: adds
 * <label-filter selected="ID"> with every label of the account (for the
 * filter's menu) and returns the id; 0 for no (or an unknown) label,
 * and on a database error (then the list is unfiltered).
 */
uint64_t
label_filter(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 f;
	uint64_t	 want = 0, got = 0;
	size_t		 i;

	(void)arg_id(kv_get(&r->query, "label"), &want);
	if (db_exec(r->db, r->a, STMT_LABEL_ALL, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return 0;
	for (i = 0; i < res.nrows; i++)
		if (db_u64(&res, i, 0) == want)
			got = want;
	f = xml_el(r->root, "label-filter", NULL);
	xml_attr(f, "selected", got ? arena_printf(r->a, "%llu",
	    (unsigned long long)got) : "");
	for (i = 0; i < res.nrows; i++)
		label_el(f, "label", db_cell(&res, i, 0), db_cell(&res, i, 1),
		    (unsigned)db_u64(&res, i, 2));
	return got;
}

/*
 * Adds <label id name color/> to each child of list whose @id is an item
 * of target, with one statement for the whole list.  0, or -1 on a
 * database error.
 */
int
labels_on_list(struct req *r, xmlNodePtr list, enum label_target target)
{
	struct dbres	 res;
	xmlNodePtr	 n;
	xmlChar		*v;
	uint64_t	 id, lo = UINT64_MAX, hi = 0;
	size_t		 i;

	for (n = list->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (v = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
			continue;
		id = strtoull((const char *)v, NULL, 10);
		xmlFree(v);
		lo = id < lo ? id : lo;
		hi = id > hi ? id : hi;
	}
	if (hi == 0)
		return 0;
	if (db_exec(r->db, r->a, target == LT_REPORT ? STMT_LABELS_OF_REPORTS :
	    STMT_LABELS_OF_UPLOADS, &res, NULL, NULL, "uuu", r->s->account_id,
	    lo, hi) != RC_OK)
		return -1;
	for (n = list->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (v = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
			continue;
		id = strtoull((const char *)v, NULL, 10);
		xmlFree(v);
		for (i = 0; i < res.nrows; i++)
			if (db_u64(&res, i, 0) == id)
				label_el(n, "label", db_cell(&res, i, 1),
				    db_cell(&res, i, 2), (unsigned)db_u64(&res, i, 3));
	}
	return 0;
}

/*
 * Adds the labels of item id (of target) to node; with options, also
 * <label-options target item> listing every label of the account with
 * selected="yes" on those attached (the attach form).  0, or -1.
 */
int
labels_on_item(struct req *r, xmlNodePtr node, enum label_target target,
    uint64_t id, int options)
{
	struct dbres	 on, all;
	xmlNodePtr	 o, n;
	size_t		 i, j;
	int		 sel;

	if (db_exec(r->db, r->a, target == LT_REPORT ? STMT_LABELS_OF_REPORT :
	    STMT_LABELS_OF_UPLOAD, &on, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return -1;
	for (i = 0; i < on.nrows; i++)
		label_el(node, "label", db_cell(&on, i, 0), db_cell(&on, i, 1),
		    (unsigned)db_u64(&on, i, 2));
	if (!options)
		return 0;
	if (db_exec(r->db, r->a, STMT_LABEL_ALL, &all, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return -1;
	o = xml_el(r->root, "label-options", NULL);
	xml_attr(o, "target", target == LT_REPORT ? "report" : "upload");
	xml_attr(o, "item", arena_printf(r->a, "%llu", (unsigned long long)id));
	xml_attr_i(o, "max", MAX_ITEM_LABELS);
	for (i = 0; i < all.nrows; i++) {
		for (sel = 0, j = 0; j < on.nrows && !sel; j++)
			sel = db_u64(&on, j, 0) == db_u64(&all, i, 0);
		n = label_el(o, "label", db_cell(&all, i, 0), db_cell(&all, i, 1),
		    (unsigned)db_u64(&all, i, 2));
		xml_attr_yes(n, "selected", sel);
	}
	return 0;
}

/* --------------------------------------------------------------- page */

/* <labels>: a page of the account's labels with where each is used. */
static int
labels_list(struct req *r)
{
	struct dbres	 res, tot;
	xmlNodePtr	 list, n;
	long		 page = page_arg(kv_get(&r->query, "page"));
	size_t		 i, shown;

	if (db_exec(r->db, r->a, STMT_LABEL_LIST, &res, NULL, NULL, "suii",
	    r->s->timezone, r->s->account_id, (long long)LABELS_PER_PAGE + 1,
	    (long long)(page - 1) * LABELS_PER_PAGE) != RC_OK ||
	    db_exec(r->db, r->a, STMT_LABEL_TOTAL, &tot, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return -1;
	list = xml_el(r->root, "labels", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_i(list, "per-page", LABELS_PER_PAGE);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, 0) : "0");
	xml_attr_i(list, "max", MAX_LABELS);
	xml_attr_yes(list, "next", res.nrows > LABELS_PER_PAGE);
	shown = res.nrows > LABELS_PER_PAGE ? LABELS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		n = label_el(list, "label", db_cell(&res, i, 0),
		    db_cell(&res, i, 1), (unsigned)db_u64(&res, i, 2));
		xml_attr(n, "reports", db_cell(&res, i, 4));
		xml_attr(n, "uploads", db_cell(&res, i, 5));
		xml_attr(n, "created", db_cell(&res, i, 6));
		xml_attr(n, "by", db_cell(&res, i, 7));
		if (db_cell(&res, i, 3)[0] != '\0')
			xml_el(n, "description", db_cell(&res, i, 3));
	}
	return 0;
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
 * <label-form>: empty (a new label), the label of ?edit=ID, or what was
 * typed (t).  An unknown ?edit id gives the empty form.  0, or -1.
 */
static int
label_form(struct req *r, const struct label_typed *t)
{
	struct dbres	 res;
	xmlNodePtr	 f;
	uint64_t	 id;

	f = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"label-form", NULL);
	xmlAddChild(r->root, f);
	if (t != NULL) {
		xml_attr(f, "id", t->id ? t->id : "");
		xml_attr(f, "name", t->name ? t->name : "");
		xml_attr(f, "color", label_color_parse(t->color) >= 0 ?
		    t->color : "");
		xml_attr(f, "description", t->description ? t->description : "");
		return 0;
	}
	if (arg_id(kv_get(&r->query, "edit"), &id) == 0) {
		if (db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu",
		    id, r->s->account_id) != RC_OK)
			return -1;
		if (res.nrows == 1) {
			xml_attr(f, "id", db_cell(&res, 0, 0));
			xml_attr(f, "name", db_cell(&res, 0, 1));
			xml_attr(f, "color", color_key((unsigned)db_u64(&res, 0, 2)));
			xml_attr(f, "description", db_cell(&res, 0, 3));
			return 0;
		}
	}
	xml_attr(f, "id", "");
	xml_attr(f, "name", "");
	xml_attr(f, "color", label_palette[6].key);	/* blue */
	xml_attr(f, "description", "");
	return 0;
}

/* <label-confirm>: the deletion of label id, with where it is used. */
static int
label_confirm(struct req *r, const char *ids)
{
	struct dbres	 res;
	xmlNodePtr	 c;
	uint64_t	 id;

	if (arg_id(ids, &id) == -1)
		return 0;
	if (db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return -1;
	if (res.nrows != 1)
		return 0;
	c = label_el(r->root, "label-confirm", db_cell(&res, 0, 0),
	    db_cell(&res, 0, 1), (unsigned)db_u64(&res, 0, 2));
	xml_attr(c, "reports", db_cell(&res, 0, 4));
	xml_attr(c, "uploads", db_cell(&res, 0, 5));
	xml_attr(c, "filters", db_cell(&res, 0, 6));
	return 0;
}

/*
 * Draws the page (status set by the caller): the list, the palette, the
 * form for who may change labels, the confirmation of confirm_id (or of
 * ?delete=).  -1 (503) without a database.
 */
static int
labels_render(struct req *r, const struct label_typed *t, const char *confirm_id)
{
	int	 edit = role_can(r->s->role, CAP_LABELS_EDIT);

	if (r->doc == NULL && xml_page(r, "labels") == NULL)
		return -1;
	if (labels_list(r) == -1)
		return req_down(r);
	palette_add(r);
	if (edit && (label_form(r, t) == -1 || label_confirm(r, confirm_id ?
	    confirm_id : kv_get(&r->query, "delete")) == -1))
		return req_down(r);
	return 0;
}

/* GET /settings/labels. */
int
page_labels(struct req *r)
{
	return labels_render(r, NULL, NULL);
}

/* 422: the page again with what was typed and one error. */
static int
label_refuse(struct req *r, const struct label_typed *t, const char *confirm_id,
    const char *field, const char *msg)
{
	r->status = 422;
	r->doc = NULL;
	if (xml_page(r, "labels") == NULL)
		return -1;
	xml_error(r, field, msg);
	return labels_render(r, t, confirm_id);
}

/* -------------------------------------------------------------- save */

/*
 * Checks the typed label; NULL when it is fine, else the field in *field
 * and the message returned.  t->name is trimmed.
 */
static const char *
label_check(struct req *r, struct label_typed *t, int *color, const char **field)
{
	size_t	 n;

	t->name = trim_spaces(r->a, t->name);
	n = strlen(t->name);
	*field = "name";
	if (n == 0)
		return "Enter a name for the label.";
	if (utf8_chars(t->name, n) > MAX_LABEL_NAME)
		return arena_printf(r->a, "Use at most %d characters (this name "
		    "has %zu).", MAX_LABEL_NAME, utf8_chars(t->name, n));
	if (!valid_check(VALID_LABEL_NAME, t->name, n))
		return valid_message(VALID_LABEL_NAME);
	*field = "color";
	if ((*color = label_color_parse(t->color)) < 0)
		return "Choose one of the colours shown.";
	*field = "description";
	if (t->description[0] != '\0' && !valid_check(VALID_LABEL_DESC,
	    t->description, strlen(t->description)))
		return valid_message(VALID_LABEL_DESC);
	return NULL;
}

/*
 * Creates (id 0) or changes label id with its audit row in one
 * transaction.  0; 1 when the name is taken; 2 when the account has
 * MAX_LABELS; -1 on a database error.
 */
static int
label_store(struct req *r, uint64_t id, const struct label_typed *t, int color)
{
	uint64_t	 n = 0;
	int		 rc;

	if (db_begin(r->db) != RC_OK)
		return -1;
	rc = id == 0 ?
	    db_exec(r->db, r->a, STMT_LABEL_NEW, NULL, &n, NULL, "usisuui",
	    r->s->account_id, t->name, (long long)color, t->description,
	    r->s->user_id, r->s->account_id, (long long)MAX_LABELS) :
	    db_exec(r->db, r->a, STMT_LABEL_UPDATE, NULL, &n, NULL, "sisuu",
	    t->name, (long long)color, t->description, id, r->s->account_id);
	if (rc == RC_DUP) {
		db_rollback(r->db);
		return 1;
	}
	if (rc != RC_OK)
		goto fail;
	if (id == 0 && n == 0) {
		db_rollback(r->db);
		return 2;
	}
	if (audit_req(r, id == 0 ? "label.create" : "label.update",
	    t->name) != RC_OK || db_commit(r->db) != RC_OK)
		goto fail;
	return 0;
fail:
	db_rollback(r->db);
	return -1;
}

/*
 * POST /settings/labels/save (Admin, Creator): 303 + flash; 422 with the
 * form as typed for an empty, over-long or unclean name, a name another
 * label has (in any case), an unknown colour, a bad description, or the
 * MAX_LABELS-th label; 404 for an id not of this account.
 */
int
page_label_save_post(struct req *r)
{
	struct label_typed	 t;
	struct dbres		 res;
	const char		*msg, *field, *ids = kv_get(&r->form, "id");
	uint64_t		 id = 0;
	int			 color = 0, rc;

	t.id = ids ? ids : "";
	t.name = kv_get(&r->form, "name");
	t.color = kv_get(&r->form, "color");
	t.description = kv_get(&r->form, "description");
	if (t.description == NULL)
		t.description = "";
	if (t.id[0] != '\0') {
		if (arg_id(t.id, &id) == -1) {
			page_error(r, 404, NULL);
			return 0;
		}
		if (db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu",
		    id, r->s->account_id) != RC_OK)
			return req_down(r);
		if (res.nrows != 1) {
			page_error(r, 404, NULL);
			return 0;
		}
	}
	if ((msg = label_check(r, &t, &color, &field)) != NULL)
		return label_refuse(r, &t, NULL, field, msg);
	if ((rc = label_store(r, id, &t, color)) == -1)
		return req_down(r);
	if (rc == 1)
		return label_refuse(r, &t, NULL, "name", arena_printf(r->a,
		    "A label named \"%s\" exists already (names are compared "
		    "without regard to case).", t.name));
	if (rc == 2)
		return label_refuse(r, &t, NULL, NULL, arena_printf(r->a,
		    "This account has %d labels, the most it can have. Delete "
		    "one first.", MAX_LABELS));
	req_flash(r, "ok", arena_printf(r->a, id == 0 ? "Created the label %s." :
	    "Saved the label %s.", t.name));
	req_redirect(r, "/settings/labels");
	return 0;
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

/*
 * POST /settings/labels/delete (Admin, Creator): with confirm=yes deletes
 * the label, which detaches it from every report and upload and clears
 * it from report filters; audited; 303 + flash naming the counts.  422
 * with the confirmation for a missing confirm; 404 for an id not of this
 * account.
 */
int
page_label_delete_post(struct req *r)
{
	const char	*ids = kv_get(&r->form, "id"), *confirm = kv_get(&r->form,
	    "confirm"), *name, *used;
	struct dbres	 res;
	uint64_t	 id, n = 0;

	if (arg_id(ids, &id) == -1) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return req_down(r);
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 0;
	}
	name = db_cell(&res, 0, 1);
	used = usage_text(r, db_u64(&res, 0, 4), db_u64(&res, 0, 5));
	if (confirm == NULL || strcmp(confirm, "yes") != 0)
		return label_refuse(r, NULL, ids, "confirm", strcmp(used,
		    "nothing") == 0 ? arena_printf(r->a, "Confirm that the label "
		    "%s is to be deleted.", name) : arena_printf(r->a, "Confirm "
		    "that the label %s is to be deleted and removed from %s.",
		    name, used));
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_LABEL_DELETE, NULL, &n, NULL, "uu", id,
	    r->s->account_id) != RC_OK || n != 1 ||
	    audit_req(r, "label.delete", arena_printf(r->a, "%s (was on %s)",
	    name, used)) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", strcmp(used, "nothing") == 0 ? arena_printf(r->a,
	    "Deleted the label %s.", name) : arena_printf(r->a, "Deleted the "
	    "label %s and removed it from %s.", name, used));
	req_redirect(r, "/settings/labels");
	return 0;
}

/* ------------------------------------------------------------ attach */

/*
 * Replaces the labels of item id (of target) in an open transaction by
 * the "label" fields of the form, and counts every label again.  0; 404
 * when a label is not one of this account; 422 for more than
 * MAX_ITEM_LABELS; -1 on a database error.  *names gets "A, B".
 */
int
labels_replace(struct req *r, enum label_target target, uint64_t id,
    const char **names)
{
	struct dbres	 res;
	uint64_t	 lid, n;
	size_t		 i, count = 0;
	const char	*list = "";

	for (i = 0; i < r->form.n; i++)
		count += strcmp(r->form.v[i].key, "label") == 0 &&
		    r->form.v[i].val[0] != '\0';
	if (count > MAX_ITEM_LABELS)
		return 422;
	if (db_exec(r->db, r->a, target == LT_REPORT ? STMT_REPORT_LABELS_CLEAR :
	    STMT_UPLOAD_LABELS_CLEAR, NULL, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return -1;
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "label") != 0 ||
		    r->form.v[i].val[0] == '\0')
			continue;
		if (arg_id(r->form.v[i].val, &lid) == -1)
			return 404;
		if (db_exec(r->db, r->a, target == LT_REPORT ?
		    STMT_REPORT_LABEL_ADD : STMT_UPLOAD_LABEL_ADD, NULL, &n, NULL,
		    "uuuu", r->s->account_id, id, lid, r->s->account_id) != RC_OK)
			return -1;
		if (n == 0 && db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL,
		    NULL, "uu", lid, r->s->account_id) == RC_OK && res.nrows == 0)
			return 404;	/* not this account's (else: twice) */
	}
	if (db_exec(r->db, r->a, STMT_LABEL_RECOUNT, NULL, NULL, NULL, "u",
	    r->s->account_id) != RC_OK ||
	    db_exec(r->db, r->a, target == LT_REPORT ? STMT_LABELS_OF_REPORT :
	    STMT_LABELS_OF_UPLOAD, &res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return -1;
	for (i = 0; i < res.nrows; i++)
		list = arena_printf(r->a, "%s%s%s", list, i ? ", " : "",
		    db_cell(&res, i, 1));
	*names = list;
	return 0;
}

/*
 * POST /settings/csv-uploads/labels (Admin, Creator): sets the labels of
 * one of this account's uploads to the checked ones; audited; 303 back to
 * the upload with a flash.  404 for an upload or a label not of this
 * account; 422 for more than MAX_ITEM_LABELS labels.  Nothing changes
 * on a refusal.
 */
int
page_upload_labels_post(struct req *r)
{
	struct dbres	 res;
	const char	*names = "";
	uint64_t	 id;
	int		 rc;

	if (arg_id(kv_get(&r->form, "upload"), &id) == -1) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (db_exec(r->db, r->a, STMT_MANAGE_UPLOAD_ONE, &res, NULL, NULL, "uu",
	    id, r->s->account_id) != RC_OK)
		return req_down(r);
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	rc = labels_replace(r, LT_UPLOAD, id, &names);
	if (rc == 0 && (audit_req(r, "csv.labels", arena_printf(r->a,
	    "%s: %s", db_cell(&res, 0, 1), names[0] ? names : "none")) != RC_OK ||
	    db_commit(r->db) != RC_OK))
		rc = -1;
	if (rc != 0) {
		db_rollback(r->db);
		if (rc == -1)
			return req_down(r);
		page_error(r, rc, rc == 404 ? NULL : arena_printf(r->a, "Attach "
		    "at most %d labels to one upload.", MAX_ITEM_LABELS));
		return 0;
	}
	req_flash(r, "ok", names[0] ? arena_printf(r->a, "Labels of %s: %s.",
	    db_cell(&res, 0, 1), names) : arena_printf(r->a, "Removed the "
	    "labels of %s.", db_cell(&res, 0, 1)));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)id));
	return 0;
}

/*
 * The data part's upload page: adds the labels of the page's
 * <csv-upload> to it, and the attach form's options.  0 (also when the
 * page has no upload), or -1 on a database error.
 */
int
labels_on_upload(struct req *r)
{
	xmlNodePtr	 n;
	xmlChar		*v;
	uint64_t	 id = 0;

	for (n = r->root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"csv-upload") == 0)
			break;
	if (n == NULL || (v = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
		return 0;
	(void)arg_id((const char *)v, &id);
	xmlFree(v);
	return id == 0 ? 0 : labels_on_item(r, n, LT_UPLOAD, id,
	    role_can(r->s->role, CAP_CSV));
}
