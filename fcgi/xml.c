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
#include "db.h"
#include "decode.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "request.h"
#include "roles.h"
#include "secret.h"
#include "token.h"

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
	{ "labels-edit", CAP_LABELS_EDIT },	/* manage part */
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
	struct dbres	 res;
	xmlNodePtr	 n, list;
	size_t		 i;

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

	list = xml_el(r->root, "accounts", NULL);
	if (s->memberships <= 1) {	/* no query for one account */
		n = xml_el(list, "account", NULL);
		xml_attr(n, "id", s->account_public);
		xml_attr(n, "name", s->account_name);
		xml_attr(n, "role", role_name(s->role));
		xml_attr_yes(n, "current", 1);
	} else if (db_exec(r->db, r->a, STMT_ACCOUNTS_OF_USER, &res, NULL, NULL,
	    "u", s->user_id) == RC_OK)
		for (i = 0; i < res.nrows; i++) {
			n = xml_el(list, "account", NULL);
			xml_attr(n, "id", db_cell(&res, i, 0));
			xml_attr(n, "name", db_cell(&res, i, 1));
			xml_attr(n, "role", role_name((enum role)db_u64(&res, i, 2)));
			xml_attr_yes(n, "current",
			    strcmp(db_cell(&res, i, 0), s->account_public) == 0);
		}
}

/* Adds <flash> from the signed flash cookie, and clears the cookie. */
static void
xml_flash(struct req *r)
{
	const char	*c = kv_get(&r->cookies, "stw_flash");
	const char	*dot1, *dot2;
	char		 mac[TOKEN_B64_LEN + 1], text[MAX_FLASH_LEN + 1], kind[8];
	size_t		 n, tl;
	xmlNodePtr	 f;

	if (c == NULL || r->status == 303)	/* keep it for the next page */
		return;
	req_cookie(r, "stw_flash", "", 0);
	if ((dot1 = strchr(c, '.')) == NULL || (dot2 = strchr(dot1 + 1, '.')) == NULL)
		return;
	n = (size_t)(dot1 - c);
	if (n == 0 || n >= sizeof(kind))
		return;
	memcpy(kind, c, n);
	kind[n] = '\0';
	if (strcmp(kind, "ok") != 0 && strcmp(kind, "error") != 0)
		return;
	token_mac(secret_subkey(SUBKEY_FLASH), "flash", c, (size_t)(dot2 - c), mac);
	if (!token_equal(mac, dot2 + 1))
		return;
	if (sodium_base642bin((unsigned char *)text, MAX_FLASH_LEN, dot1 + 1,
	    (size_t)(dot2 - dot1 - 1), NULL, &tl, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return;
	text[tl] = '\0';
	f = xml_el(r->root, "flash", text);
	xml_attr(f, "kind", kind);
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

	if ((r->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	arena_cleanup(r->a, free_doc, r->doc);
	r->root = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"steward", NULL);
	xmlDocSetRootElement(r->doc, r->root);
	xml_attr(r->root, "page", page);
	xml_attr(r->root, "path", r->path);
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
