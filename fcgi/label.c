/*
 * Labels: the palette (colours, their keys, and the WCAG contrast ratio
 * the unit tests check them with), and labels on the pages of reports and
 * CSV uploads: drawn on a list or an item, offered by the attach form,
 * attached and detached, and the ?label= filter of a list.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "label.h"
#include "arena.h"
#include "db.h"
#include "decode.h"
#include "limits.h"
#include "rc.h"
#include "request.h"
#include "roles.h"
#include "text.h"
#include "xml.h"

/* Columns of STMT_LABEL_ALL. */
enum { LA_ID, LA_NAME, LA_COLOR };

/* Columns of STMT_LABELS_OF_REPORTS and STMT_LABELS_OF_UPLOADS. */
enum { LL_ITEM, LL_ID, LL_NAME, LL_COLOR };

/*
 * The fixed label palette: a chip's text on its background reaches WCAG AA
 * (4.5:1) in the light and the dark scheme; xslt/static/style.css draws
 * the same colours as .lbl-KEY (a unit test compares them).
 */
const struct label_color label_palette[] = {
	{ "gray",   "Gray",   0xf2f4f7, 0x344054, 0x2a2f38, 0xd0d5dd },
	{ "red",    "Red",    0xfee4e2, 0xb42318, 0x4a1712, 0xfda29b },
	{ "orange", "Orange", 0xfdead7, 0xb93815, 0x4a200c, 0xf7b27a },
	{ "amber",  "Amber",  0xfef0c7, 0x93370d, 0x4a2f0a, 0xfedf89 },
	{ "green",  "Green",  0xdcfae6, 0x067647, 0x0c3a24, 0x75e0a7 },
	{ "teal",   "Teal",   0xccfbef, 0x107569, 0x0a3a36, 0x5fe9d0 },
	{ "blue",   "Blue",   0xd1e9ff, 0x175cd3, 0x102a56, 0x84caff },
	{ "indigo", "Indigo", 0xe0eaff, 0x3538cd, 0x1f235b, 0xa4bcfd },
	{ "purple", "Purple", 0xebe9fe, 0x5925dc, 0x2e1d63, 0xbdb4fe },
	{ "pink",   "Pink",   0xfce7f6, 0xc11574, 0x4d1036, 0xfaa7e0 },
};
const size_t label_palette_n = sizeof(label_palette) / sizeof(label_palette[0]);

/* The palette index of colour key s, or -1. */
int
label_color_parse(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < label_palette_n; i++)
		if (strcmp(label_palette[i].key, s) == 0)
			return (int)i;
	return -1;
}

/* WCAG relative luminance of 0xRRGGBB. */
static double
luminance(uint32_t rgb)
{
	double	 c[3], v;
	int	 i;

	for (i = 0; i < 3; i++) {
		v = (double)((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The WCAG contrast ratio (1 … 21) of two colours. */
double
contrast_ratio(uint32_t a, uint32_t b)
{
	double	 la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------------------------------------------------------------- chips */

/* The key of palette colour i ("gray" for one out of range). */
const char *
color_key(unsigned i)
{
	return label_palette[i < label_palette_n ? i : 0].key;
}

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

/* The statement of target's labels: of one item, or of several (many). */
static enum stmt
labels_of(enum label_target target, int many)
{
	if (target == LT_REPORT)
		return many ? STMT_LABELS_OF_REPORTS : STMT_LABELS_OF_REPORT;
	return many ? STMT_LABELS_OF_UPLOADS : STMT_LABELS_OF_UPLOAD;
}

/* The @id of element n as a row id; RC_OK, or RC_ERROR (not an element, no id). */
static int
el_id(xmlNodePtr n, uint64_t *id)
{
	xmlChar	*v;
	int	 rc;

	if (n->type != XML_ELEMENT_NODE ||
	    (v = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
		return RC_ERROR;
	rc = arg_id((const char *)v, id);
	xmlFree(v);
	return rc;
}

/* ---------------------------------------------------------------- lists */

/*
 * ?label=ID of the query when it names a label of this account: adds
 * <label-filter selected="ID"> with every label of the account (for the
 * filter's menu) and returns the id; 0 for no (or an unknown) label,
 * and on a database error (then the list is unfiltered).  The query is
 * read here, not declared: the reports and the CSV uploads pages share it.
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
		if (db_u64(&res, i, LA_ID) == want)
			got = want;
	f = xml_el(r->root, "label-filter", NULL);
	xml_attr(f, "selected", got ? arena_printf(r->a, "%llu",
	    (unsigned long long)got) : "");
	for (i = 0; i < res.nrows; i++)
		label_el(f, "label", db_cell(&res, i, LA_ID),
		    db_cell(&res, i, LA_NAME), (unsigned)db_u64(&res, i, LA_COLOR));
	return got;
}

/*
 * Adds <label id name color/> to each child of list whose @id is an item
 * of target, with one statement for the whole list.  An rc.
 */
int
labels_on_list(struct req *r, xmlNodePtr list, enum label_target target)
{
	struct dbres	 res;
	xmlNodePtr	 n;
	uint64_t	 id, lo = UINT64_MAX, hi = 0;
	size_t		 i;
	int		 rc;

	for (n = list->children; n != NULL; n = n->next) {
		if (el_id(n, &id) != RC_OK)
			continue;
		lo = id < lo ? id : lo;
		hi = id > hi ? id : hi;
	}
	if (hi == 0)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, labels_of(target, 1), &res, NULL, NULL,
	    "uuu", r->s->account_id, lo, hi)) != RC_OK)
		return rc;
	for (n = list->children; n != NULL; n = n->next) {
		if (el_id(n, &id) != RC_OK)
			continue;
		for (i = 0; i < res.nrows; i++)
			if (db_u64(&res, i, LL_ITEM) == id)
				label_el(n, "label", db_cell(&res, i, LL_ID),
				    db_cell(&res, i, LL_NAME),
				    (unsigned)db_u64(&res, i, LL_COLOR));
	}
	return RC_OK;
}

/*
 * <label-options target item max>: every label of the account, for the
 * attach form of item (its id as text, "" for a new one), with
 * selected="yes" on those whose id is one of selected[].  An rc.
 */
int
label_options(struct req *r, enum label_target target, const char *item,
    const char *const *selected, size_t nselected)
{
	struct dbres	 all;
	xmlNodePtr	 o, n;
	size_t		 i, j;
	int		 sel, rc;

	if ((rc = db_exec(r->db, r->a, STMT_LABEL_ALL, &all, NULL, NULL, "u",
	    r->s->account_id)) != RC_OK)
		return rc;
	o = xml_el(r->root, "label-options", NULL);
	xml_attr(o, "target", target == LT_REPORT ? "report" : "upload");
	xml_attr(o, "item", item);
	xml_attr_i(o, "max", MAX_ITEM_LABELS);
	for (i = 0; i < all.nrows; i++) {
		for (sel = 0, j = 0; j < nselected && !sel; j++)
			sel = strcmp(selected[j], db_cell(&all, i, LA_ID)) == 0;
		n = label_el(o, "label", db_cell(&all, i, LA_ID),
		    db_cell(&all, i, LA_NAME), (unsigned)db_u64(&all, i, LA_COLOR));
		xml_attr_yes(n, "selected", sel);
	}
	return RC_OK;
}

/*
 * Adds the labels of item id (of target) to node; with options, also
 * the attach form's <label-options> with those attached selected.  An rc.
 */
static int
labels_on_item(struct req *r, xmlNodePtr node, enum label_target target,
    uint64_t id, int options)
{
	struct dbres	 on;
	const char	**ids;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, labels_of(target, 0), &on, NULL, NULL,
	    "uu", id, r->s->account_id)) != RC_OK)
		return rc;
	if ((ids = arena_alloc(r->a, sizeof(*ids) * (on.nrows + 1))) == NULL)
		return RC_ERROR;
	for (i = 0; i < on.nrows; i++) {
		ids[i] = db_cell(&on, i, LI_ID);
		label_el(node, "label", ids[i], db_cell(&on, i, LI_NAME),
		    (unsigned)db_u64(&on, i, LI_COLOR));
	}
	if (!options)
		return RC_OK;
	return label_options(r, target, arena_printf(r->a, "%llu",
	    (unsigned long long)id), ids, on.nrows);
}

/*
 * The CSV uploads page: adds the labels of the page's <csv-upload> to it,
 * and the attach form's options for who may change them.  RC_OK (also
 * when the page has no upload), or an rc of the database.
 */
int
labels_on_upload(struct req *r)
{
	xmlNodePtr	 n;
	uint64_t	 id = 0;

	for (n = r->root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"csv-upload") == 0)
			break;
	if (n == NULL || el_id(n, &id) != RC_OK)
		return RC_OK;
	return labels_on_item(r, n, LT_UPLOAD, id, role_can(r->s->role, CAP_CSV));
}

/* ------------------------------------------------------------- attach */

/*
 * The values of the form's "label" field, repeated once per label
 * checked (a list of fields the route table cannot declare), empty ones
 * left out: *vals (in r's arena) and *n.  RC_OK, or RC_ERROR on
 * exhaustion.
 */
int
labels_posted(struct req *r, const char ***vals, size_t *n)
{
	size_t	 i;

	*n = 0;
	if ((*vals = arena_alloc(r->a, sizeof(**vals) * (r->form.n + 1))) == NULL)
		return RC_ERROR;
	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, "label") == 0 &&
		    r->form.v[i].val[0] != '\0')
			(*vals)[(*n)++] = r->form.v[i].val;
	return RC_OK;
}

/*
 * 1 when this account has no label id; 0 when it has, and on a database
 * error (the caller's next statement fails then too).
 */
static int
label_foreign(struct req *r, uint64_t id)
{
	struct dbres	 res;

	return db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu", id,
	    r->s->account_id) == RC_OK && res.nrows == 0;
}

/* "A, B": the names of the labels of item id (of target).  An rc. */
static int
labels_names(struct req *r, enum label_target target, uint64_t id,
    const char **names)
{
	struct dbres	 res;
	const char	*list = "";
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, labels_of(target, 0), &res, NULL, NULL,
	    "uu", id, r->s->account_id)) != RC_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		list = arena_printf(r->a, "%s%s%s", list, i ? ", " : "",
		    db_cell(&res, i, LI_NAME));
	*names = list;
	return RC_OK;
}

/*
 * Replaces the labels of item id (of target), in the caller's open
 * transaction, by the n (at most MAX_ITEM_LABELS) label ids vals[], and
 * counts every label of the account again; *names gets "A, B".  RC_OK,
 * with *foreign set when one is not the id of a label of this account
 * (then the caller rolls back); RC_ERROR on a database error.
 */
int
labels_replace(struct req *r, enum label_target target, uint64_t id,
    const char *const *vals, size_t n, const char **names, int *foreign)
{
	uint64_t	 lid, added;
	size_t		 i;
	int		 rc;

	*foreign = 0;
	if ((rc = db_exec(r->db, r->a, target == LT_REPORT ?
	    STMT_REPORT_LABELS_CLEAR : STMT_UPLOAD_LABELS_CLEAR, NULL, NULL,
	    NULL, "uu", id, r->s->account_id)) != RC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (arg_id(vals[i], &lid) != RC_OK) {
			*foreign = 1;
			return RC_OK;
		}
		if ((rc = db_exec(r->db, r->a, target == LT_REPORT ?
		    STMT_REPORT_LABEL_ADD : STMT_UPLOAD_LABEL_ADD, NULL, &added,
		    NULL, "uuuu", r->s->account_id, id, lid,
		    r->s->account_id)) != RC_OK)
			return rc;
		if (added == 0 && label_foreign(r, lid)) {	/* else: twice */
			*foreign = 1;
			return RC_OK;
		}
	}
	if ((rc = db_exec(r->db, r->a, STMT_LABEL_RECOUNT, NULL, NULL, NULL, "u",
	    r->s->account_id)) != RC_OK)
		return rc;
	return labels_names(r, target, id, names);
}
