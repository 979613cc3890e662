/*
 * The XML every page shares (DESIGN §10), built only through libxml2's
 * tree API: xmlNewTextChild and xmlNewProp take text and escape it on
 * output, so no user string is ever parsed as markup.  Strings that are
 * not valid XML characters are replaced, never emitted.
 */
#include <string.h>

#include <sodium.h>

#include "xml.h"
#include "arena.h"
#include "decode.h"
#include "input.h"
#include "log.h"
#include "request.h"
#include "roles.h"
#include "tz.h"

#define REPLACEMENT "\xef\xbf\xbd"

/* The attributes of <can>: one per capability the stylesheets ask for. */
static const struct {
	const char	*attr;
	enum cap	 cap;
} can_attrs[] = {
	{ "reveal", CAP_REVEAL },	{ "rotate", CAP_ROTATE },
	{ "invite", CAP_INVITE },	{ "users", CAP_INVITE },
	{ "manage-users", CAP_MANAGE_USERS },
	{ "billing", CAP_BILLING },	{ "profile", CAP_PROFILE },
	{ "timezone", CAP_TZ_VIEW },	{ "timezone-edit", CAP_TZ_EDIT },
	{ "organization", CAP_ORG_VIEW }, { "organization-edit", CAP_ORG_EDIT },
	{ "password", CAP_PROFILE },	{ "events", CAP_SCHEMA_VIEW },
	{ "user-properties", CAP_SCHEMA_VIEW },
	{ "downloads", CAP_DOWNLOADS },	{ "reports", CAP_REPORTS },
	{ "labels", CAP_SCHEMA_VIEW },	{ "csv-uploads", CAP_CSV },
	{ "audit-log", CAP_AUDIT },
	{ "schema-describe", CAP_SCHEMA_DESCRIBE },
	{ "schema-discard", CAP_SCHEMA_DISCARD },
	{ "labels-edit", CAP_LABELS_EDIT },
};

/* 1 when s is valid UTF-8 made only of XML 1.0 characters. */
int
xml_text_ok(const char *s)
{
	size_t	 n = strlen(s);

	return utf8_valid(s, n) && text_clean(s, n, 1);
}

/* A child element with escaped text (or none when text is NULL). */
xmlNodePtr
xml_el(xmlNodePtr parent, const char *name, const char *text)
{
	if (text != NULL && !xml_text_ok(text)) {
		log_error("xml: replaced invalid text in <%s>", name);
		text = REPLACEMENT;
	}
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text);
}

/* An attribute; its value is escaped on output.  NULL values are skipped. */
void
xml_attr(xmlNodePtr n, const char *name, const char *val)
{
	if (val == NULL)
		return;
	if (!xml_text_ok(val)) {
		log_error("xml: replaced invalid attribute %s", name);
		val = REPLACEMENT;
	}
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)val);
}

/*
 * A time attribute: secs (a cell of whole seconds since 1970, UTC, as the
 * lists select them) drawn in zone z as ISO 8601 with its offset; left
 * out when NULL or not a number.
 */
void
xml_attr_time(xmlNodePtr n, const char *name, const struct tz *z,
    const char *secs)
{
	char	 buf[26];

	if (tz_iso_cell(z, secs, buf))
		xml_attr(n, name, buf);
}

/* A numeric attribute. */
void
xml_attr_i(xmlNodePtr n, const char *name, long long v)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)buf);
}

/* A yes/no attribute. */
void
xml_attr_yes(xmlNodePtr n, const char *name, int yes)
{
	xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)(yes ? "yes" : "no"));
}

/* Frees a document at arena reset. */
static void
free_doc(void *p)
{
	xmlFreeDoc(p);
}

/* Up to two initials of a name, for the profile icon. */
static const char *
initials(struct arena *a, const char *name)
{
	char		 out[16];
	size_t		 n = 0, k;
	const char	*p = name;
	int		 word = 1;

	for (; *p != '\0' && n < 2; p++) {
		if (*p == ' ') {
			word = 1;
			continue;
		}
		if (word && ((unsigned char)*p & 0xc0) != 0x80) {
			k = 1;
			while (((unsigned char)p[k] & 0xc0) == 0x80 && k < 4)
				k++;
			memcpy(out + n * 4, p, k);
			out[n * 4 + k] = '\0';
			n++;
			word = 0;
		} else
			word = 0;
	}
	if (n == 0)
		return "?";
	return n == 1 ? arena_strdup(a, out) : arena_printf(a, "%s%s", out, out + 4);
}

/* Adds <me>, <account>, <accounts> and <can> for a signed-in request. */
static void
xml_signed_in(struct req *r)
{
	struct session	*s = r->s;
	xmlNodePtr	 n;

	n = xml_el(r->root, "me", NULL);
	xml_attr_i(n, "id", (long long)s->user_id);
	xml_attr(n, "name", s->user_name);
	xml_attr(n, "email", s->email);
	xml_attr(n, "role", role_name(s->role));
	xml_attr(n, "initials", initials(r->a, s->user_name));

	n = xml_el(r->root, "account", NULL);
	xml_attr(n, "id", s->account_public);
	xml_attr(n, "name", s->account_name);
	xml_attr(n, "region", s->region);
	xml_attr(n, "timezone", s->timezone);

	xml_el(r->root, "accounts", NULL);	/* filled by xml_accounts */
}

/*
 * Fills <accounts> of a signed-in page with the switcher the session
 * loaded (session_accounts), marking the current one.
 */
void
xml_accounts(struct req *r)
{
	const struct session	*s = r->s;
	xmlNodePtr		 list, n;
	size_t			 i;

	for (list = r->root->children; list != NULL; list = list->next)
		if (xmlStrcmp(list->name, (const xmlChar *)"accounts") == 0)
			break;
	if (list == NULL)
		return;
	for (i = 0; i < s->naccounts; i++) {
		n = xml_el(list, "account", NULL);
		xml_attr(n, "id", s->accounts[i].id);
		xml_attr(n, "name", s->accounts[i].name);
		xml_attr(n, "role", role_name(s->accounts[i].role));
		xml_attr_yes(n, "current",
		    strcmp(s->accounts[i].id, s->account_public) == 0);
	}
}

/* Adds <flash> with the flash the request carried (request.c read it). */
static void
xml_flash(struct req *r)
{
	xmlNodePtr	 f;

	if (r->flash_text == NULL || r->status == 303)
		return;
	f = xml_el(r->root, "flash", r->flash_text);
	xml_attr(f, "kind", r->flash_kind);
}

/*
 * Starts a bare document of page: the root with the page's name and the
 * request path, nothing else (a redirect's body).  NULL on exhaustion.
 */
xmlNodePtr
xml_doc(struct req *r, const char *page)
{
	if ((r->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	arena_cleanup(r->a, free_doc, r->doc);
	r->root = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"steward", NULL);
	xmlDocSetRootElement(r->doc, r->root);
	xml_attr(r->root, "page", page);
	xml_attr(r->root, "path", r->path);
	return r->root;
}

/*
 * Starts the document of page: the envelope with what the signed-in user
 * is and may do, the CSRF token and the flash.  The page adds the rest to
 * the returned root.  NULL on exhaustion.
 */
xmlNodePtr
xml_page(struct req *r, const char *page)
{
	xmlNodePtr	 can;
	size_t		 i;

	if (xml_doc(r, page) == NULL)
		return NULL;
	if (r->s != NULL)
		xml_signed_in(r);
	if (r->csrf[0] != '\0')
		xml_el(r->root, "csrf", r->csrf);
	xml_flash(r);
	if (r->s != NULL) {
		can = xml_el(r->root, "can", NULL);
		for (i = 0; i < sizeof(can_attrs) / sizeof(can_attrs[0]); i++)
			xml_attr_yes(can, can_attrs[i].attr,
			    role_can(r->s->role, can_attrs[i].cap));
	}
	return r->root;
}

/*
 * Adds one <error> (field NULL: a form-wide error) under <errors>, which
 * is created at first use, before <can> as the schema orders it.
 */
void
xml_error(struct req *r, const char *field, const char *msg)
{
	xmlNodePtr	 errs, e, can = NULL;

	for (errs = r->root->children; errs != NULL; errs = errs->next) {
		if (xmlStrcmp(errs->name, (const xmlChar *)"errors") == 0)
			break;
		if (xmlStrcmp(errs->name, (const xmlChar *)"can") == 0)
			can = errs;
	}
	if (errs == NULL) {
		errs = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"errors", NULL);
		if (can != NULL)
			xmlAddPrevSibling(can, errs);
		else
			xmlAddChild(r->root, errs);
	}
	e = xml_el(errs, "error", msg);
	xml_attr(e, "field", field);
}
