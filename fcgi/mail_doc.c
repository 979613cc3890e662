/*
 * What an outgoing mail says.  The worker describes a mail as a small XML
 * document (mail_doc(), then xml_el/xml_attr: <mail kind="…">, checked
 * against xslt/mail.rng); stylesheets compiled once, at the first mail,
 * draw it: xslt/mail.xsl the HTML part, xslt/mail-text.xsl the text part;
 * mail.c formats and delivers the message.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/relaxng.h>
#include <libxslt/extensions.h>
#include <libxslt/extra.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>
#include <sodium.h>

#include "limits.h"
#include "log.h"
#include "mail.h"
#include "rc.h"
#include "xml.h"

static xsltStylesheetPtr	 style_html, style_text;
static xsltSecurityPrefsPtr	 secprefs;
static xmlRelaxNGPtr		 schema;
/* libxml2 does not promise that one schema validates in two threads */
static pthread_mutex_t		 schema_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t		 load_lock = PTHREAD_MUTEX_INITIALIZER;
static char			 style_dir[MAIL_DIR_MAX];	/* mail_init() */
static int			 loaded;	/* 1 compiled, -1 failed, 0 not yet */

/* Compiles dir/name; NULL with the cause in err. */
static xsltStylesheetPtr
style_load(const char *dir, const char *name, char *err, size_t errlen)
{
	char			 path[MAIL_DIR_MAX + 32];
	xsltStylesheetPtr	 s;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((s = xsltParseStylesheetFile((const xmlChar *)path)) == NULL)
		snprintf(err, errlen, "%s: cannot be read or compiled", path);
	return s;
}

/* Compiles dir/mail.rng; NULL with the cause in err. */
static xmlRelaxNGPtr
schema_load(const char *dir, char *err, size_t errlen)
{
	char			 path[MAIL_DIR_MAX + 32];
	xmlRelaxNGParserCtxtPtr	 p;
	xmlRelaxNGPtr		 s = NULL;

	snprintf(path, sizeof(path), "%s/mail.rng", dir);
	if ((p = xmlRelaxNGNewParserCtxt(path)) != NULL) {
		s = xmlRelaxNGParse(p);
		xmlRelaxNGFreeParserCtxt(p);
	}
	if (s == NULL)
		snprintf(err, errlen, "%s: cannot be read or compiled", path);
	return s;
}

/*
 * Compiles the mail stylesheets (mail.xsl: the HTML part, mail-text.xsl:
 * the text part) and the schema of the mail documents (mail.rng) found in
 * dir: every transformation gets a context of its own, so the threads
 * share them.  Returns 0, or -1 with the cause in err (nothing stays
 * loaded).
 */
static int
mail_compile(const char *dir, char *err, size_t errlen)
{
	static const xsltSecurityOption	 forbid[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
		XSLT_SECPREF_WRITE_NETWORK,
	};
	size_t	 i;

	/* exsl:node-set, the one EXSLT function the mail stylesheets use,
	 * from libxslt itself (libexslt would pull libgcrypt into every
	 * worker) */
	xsltRegisterExtModuleFunction((const xmlChar *)"node-set",
	    (const xmlChar *)"http://exslt.org/common", xsltFunctionNodeSet);
	if ((style_html = style_load(dir, "mail.xsl", err, errlen)) == NULL ||
	    (style_text = style_load(dir, "mail-text.xsl", err, errlen)) == NULL ||
	    (schema = schema_load(dir, err, errlen)) == NULL)
		goto fail;
	/* a mail reads and writes nothing but its own documents */
	if ((secprefs = xsltNewSecurityPrefs()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (i = 0; i < sizeof(forbid) / sizeof(forbid[0]); i++)
		xsltSetSecurityPrefs(secprefs, forbid[i], xsltSecurityForbid);
	return 0;
fail:
	mail_free();
	return -1;
}

/*
 * Notes where the mail stylesheets are (xslt_dir) and checks that they
 * can be read; they are compiled at the first mail (mail_load), so that
 * an idle worker does not hold them.  Returns 0, or -1 with the cause in
 * err.
 */
int
mail_init(const char *dir, char *err, size_t errlen)
{
	static const char *const files[] = {
		"mail.xsl", "mail-text.xsl", "mail-content.xsl", "mail.rng",
	};
	char	 path[MAIL_DIR_MAX + 32];
	size_t	 i;

	if (strlen(dir) >= MAIL_DIR_MAX) {
		snprintf(err, errlen, "xslt_dir is longer than %d bytes",
		    MAIL_DIR_MAX - 1);
		return -1;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (access(path, R_OK) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
	}
	pthread_mutex_lock(&load_lock);
	snprintf(style_dir, sizeof(style_dir), "%s", dir);
	loaded = 0;
	pthread_mutex_unlock(&load_lock);
	return 0;
}

/*
 * Compiles the mail stylesheets once, at the first call of any thread
 * (mail_init() said where they are).  Returns 0, or -1 with the cause in
 * err, now and at every later call.
 */
int
mail_load(char *err, size_t errlen)
{
	static char	 why[MAIL_DIR_MAX + 128];
	int		 rc;

	pthread_mutex_lock(&load_lock);
	if (loaded == 0) {
		if (style_dir[0] == '\0')
			snprintf(why, sizeof(why), "the mail stylesheets are not "
			    "set up (mail_init)");
		loaded = style_dir[0] != '\0' &&
		    mail_compile(style_dir, why, sizeof(why)) == 0 ? 1 : -1;
	}
	rc = loaded == 1 ? 0 : -1;
	if (rc == -1)
		snprintf(err, errlen, "%s", why);
	pthread_mutex_unlock(&load_lock);
	return rc;
}

/* Frees what mail_init() loaded. */
void
mail_free(void)
{
	if (style_html != NULL)
		xsltFreeStylesheet(style_html);
	if (style_text != NULL)
		xsltFreeStylesheet(style_text);
	if (schema != NULL)
		xmlRelaxNGFree(schema);
	if (secprefs != NULL)
		xsltFreeSecurityPrefs(secprefs);
	style_html = style_text = NULL;
	schema = NULL;
	secprefs = NULL;
	loaded = 0;
	xsltCleanupGlobals();
}

/*
 * A new mail document, <mail kind=""><to addr="" name=""/><subject/></mail>:
 * its root, to which the caller adds the data of the kind (xml_el,
 * xml_attr: every value a text node or an attribute) before
 * mail_send_doc(), which frees it.  NULL when out of memory (the xml_*
 * helpers and mail_send_doc() take NULL).
 */
xmlNodePtr
mail_doc(const char *kind, const char *to, const char *name,
    const char *subject)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	if ((root = xmlNewDocNode(doc, NULL, (const xmlChar *)"mail",
	    NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "kind", kind);
	n = xml_el(root, "to", NULL);
	xml_attr(n, "addr", to);
	xml_attr(n, "name", name != NULL && *name != '\0' ? name : NULL);
	xml_el(root, "subject", subject);
	return root;
}

/* Keeps the first validation error. */
static void
on_invalid(void *arg, xmlErrorPtr e)
{
	char	*msg = arg;

	if (msg[0] == '\0' && e != NULL && e->message != NULL)
		snprintf(msg, 200, "%s", e->message);
}

/* 0 when doc is a mail of xslt/mail.rng, else -1 with the cause in err. */
static int
doc_valid(xmlDocPtr doc, char *err, size_t errlen)
{
	xmlRelaxNGValidCtxtPtr	 v;
	char			 msg[200] = "";
	int			 rc = -1;

	pthread_mutex_lock(&schema_lock);
	if ((v = xmlRelaxNGNewValidCtxt(schema)) != NULL) {
		xmlRelaxNGSetValidStructuredErrors(v,
		    (xmlStructuredErrorFunc)on_invalid, msg);
		rc = xmlRelaxNGValidateDoc(v, doc);
		xmlRelaxNGFreeValidCtxt(v);
	}
	pthread_mutex_unlock(&schema_lock);
	if (rc == 0)
		return 0;
	msg[strcspn(msg, "\n")] = '\0';
	snprintf(err, errlen, "the mail document does not match mail.rng: %s",
	    msg[0] ? msg : "cannot validate");
	return -1;
}

/* Applies style to doc: the serialized result (xmlFree) and its length, or NULL. */
static xmlChar *
apply(xsltStylesheetPtr style, xmlDocPtr doc, int *len)
{
	xsltTransformContextPtr	 ctx;
	xmlDocPtr		 res;
	xmlChar			*out = NULL;

	*len = 0;
	if ((ctx = xsltNewTransformContext(style, doc)) == NULL)
		return NULL;
	xsltSetCtxtSecurityPrefs(secprefs, ctx);
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctx);
	if (res != NULL && ctx->state == XSLT_STATE_OK &&
	    (xsltSaveResultToString(&out, len, res, style) != 0 || *len <= 0)) {
		xmlFree(out);
		out = NULL;
	}
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctx);
	return out;
}

/*
 * Draws the mail document doc: its text part (mail-text.xsl) and its HTML
 * part (mail.xsl, htmllen bytes), both UTF-8, to be freed with xmlFree.
 * Returns 0, or -1 with the cause in err (a document that does not match
 * mail.rng is not drawn).
 */
int
mail_draw(xmlDocPtr doc, xmlChar **text, xmlChar **html, int *htmllen,
    char *err, size_t errlen)
{
	int	 tlen;

	*text = *html = NULL;
	*htmllen = 0;
	if (mail_load(err, errlen) == -1)
		return -1;
	if (doc == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (doc_valid(doc, err, errlen) == -1)
		return -1;
	if ((*text = apply(style_text, doc, &tlen)) == NULL ||
	    (*html = apply(style_html, doc, htmllen)) == NULL) {
		xmlFree(*text);
		*text = NULL;
		snprintf(err, errlen, "the mail cannot be drawn (mail.xsl, "
		    "mail-text.xsl)");
		return -1;
	}
	return 0;
}

/* A drawn mail: the headers read from its document, and its two parts. */
struct drawn {
	struct mail	 m;
	xmlChar		*addr, *name, *subject, *text, *html;
	int		 hlen;
};

/* The first child element of n named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* Frees d; the parts are wiped first (their links carry tokens). */
static void
drawn_free(struct drawn *d)
{
	if (d->text != NULL)
		sodium_memzero(d->text, strlen((char *)d->text));
	if (d->html != NULL)
		sodium_memzero(d->html, (size_t)d->hlen);
	xmlFree(d->addr);
	xmlFree(d->name);
	xmlFree(d->subject);
	xmlFree(d->text);
	xmlFree(d->html);
	memset(d, 0, sizeof(*d));
}

/*
 * Draws doc and formats its message into out (to, name and subject from
 * the document).  Returns 0, or -1 with the cause in err; d is to be
 * freed with drawn_free() either way.
 */
static int
compose(xmlDocPtr doc, struct drawn *d, char *out, size_t outlen,
    size_t *len, char *err, size_t errlen)
{
	xmlNodePtr	 root, to;

	memset(d, 0, sizeof(*d));
	if (mail_draw(doc, &d->text, &d->html, &d->hlen, err, errlen) == -1)
		return -1;
	root = xmlDocGetRootElement(doc);
	to = child(root, "to");
	d->addr = xmlGetProp(to, (const xmlChar *)"addr");
	d->name = xmlGetProp(to, (const xmlChar *)"name");
	d->subject = xmlNodeGetContent(child(root, "subject"));
	if (d->addr == NULL || d->subject == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->m.to_addr = (const char *)d->addr;
	d->m.to_name = (const char *)d->name;
	d->m.subject = (const char *)d->subject;
	d->m.text = (const char *)d->text;
	if (mail_format_parts(&d->m, (const char *)d->html, (size_t)d->hlen, out,
	    outlen, len) == -1) {
		snprintf(err, errlen, "message cannot be formatted");
		return -1;
	}
	return 0;
}

/*
 * Formats the whole message of the mail document doc into out (CRLF line
 * ends, multipart/alternative).  Returns 0, or -1 with the cause in err.
 */
int
mail_format_doc(xmlDocPtr doc, char *out, size_t outlen, size_t *len,
    char *err, size_t errlen)
{
	struct drawn	 d;
	int		 rc;

	rc = compose(doc, &d, out, outlen, len, err, errlen);
	drawn_free(&d);
	return rc;
}

/*
 * Draws and sends the mail whose root mail_doc() made, then frees its
 * document (also on failure; mail may be NULL).  Returns 0, or -1 with
 * the cause in err (nothing was delivered, or delivery could not be
 * confirmed).
 */
int
mail_send_doc(xmlNodePtr mail, char *err, size_t errlen)
{
	char		 msg[MAX_MAIL_LEN];
	struct drawn	 d;
	size_t		 len = 0;
	int		 rc = -1;

	if (mail == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (compose(mail->doc, &d, msg, sizeof(msg), &len, err, errlen) == 0)
		rc = mail_deliver(&d.m, msg, len, err, errlen);
	sodium_memzero(msg, len);
	drawn_free(&d);
	xmlFreeDoc(mail->doc);
	return rc;
}

/* 1 when the n bytes at s are one absolute http(s) URL. */
static int
is_url(const char *s, size_t n)
{
	size_t	 i;

	if (!(n > 8 && strncmp(s, "https://", 8) == 0) &&
	    !(n > 7 && strncmp(s, "http://", 7) == 0))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t')
			return 0;
	return 1;
}

/*
 * The document of a notice: text (paragraphs separated by blank lines)
 * as <p> elements of <line>s, a line that is one http(s) URL as <url>.
 * NULL when out of memory.
 */
xmlNodePtr
mail_notice_doc(const char *to, const char *name, const char *subject,
    const char *text)
{
	xmlNodePtr	 m, p = NULL;
	const char	*s, *e;
	char		*line;
	size_t		 n;

	if ((m = mail_doc("notice", to, name, subject)) == NULL)
		return NULL;
	for (s = text; s != NULL && *s != '\0'; s = *e == '\n' ? e + 1 : e) {
		e = s + strcspn(s, "\n");
		n = (size_t)(e - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n == 0) {
			p = NULL;		/* a blank line ends a paragraph */
			continue;
		}
		if ((p == NULL && (p = xml_el(m, "p", NULL)) == NULL) ||
		    (line = strndup(s, n)) == NULL)
			goto fail;
		if (xml_el(p, is_url(line, n) ? "url" : "line", line) == NULL) {
			free(line);
			goto fail;
		}
		free(line);
	}
	return m;
fail:
	xmlFreeDoc(m->doc);
	return NULL;
}

/*
 * Sends a notice about a change already made (subject, and text as
 * paragraphs separated by blank lines); a failure is logged, not shown
 * (the change stands, and the mail can't be taken back anyway).
 */
void
mail_notice(const char *to, const char *name, const char *subject,
    const char *text)
{
	char	 err[256];

	if (to == NULL || subject == NULL || text == NULL)
		return;
	if (mail_send_doc(mail_notice_doc(to, name, subject, text), err,
	    sizeof(err)) == -1)
		log_error("notice \"%s\" to %s: %s", subject, to, err);
}
