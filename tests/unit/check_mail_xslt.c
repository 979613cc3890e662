/*
 * Unit tests (Check): mails drawn by xslt/mail.xsl and xslt/mail-text.xsl
 * from mail documents (fcgi/mail.c).  Every kind's text part reads as it
 * did when the worker wrote it with printf; the HTML part carries the same
 * information, escapes what users typed, and has no script, image or
 * stylesheet link; documents outside xslt/mail.rng are not drawn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check.h"
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "../../fcgi/limits.h"
#include "../../fcgi/mail.h"
#include "../../fcgi/xml.h"


static void
mail_setup(void)
{
	char	 err[256];

	if (mail_init(TOP_SRCDIR "/xslt", err, sizeof(err)) == -1) {
		fprintf(stderr, "setup: mail_init: %s\n", err);
		exit(2);
	}
}

static void
mail_teardown(void)
{
	mail_free();
}

/* A document from XML text (the tests' own fixtures). */
static xmlDocPtr
doc_of(const char *xml)
{
	xmlDocPtr	 doc = xmlReadMemory(xml, (int)strlen(xml), "mail.xml",
	    "UTF-8", XML_PARSE_NONET);

	ck_assert_ptr_nonnull(doc);
	return doc;
}

/* Draws doc; the text and the HTML (caller frees both), asserting success. */
static void
draw(xmlDocPtr doc, xmlChar **text, xmlChar **html)
{
	char	 err[256] = "";
	int	 hlen;

	ck_assert_msg(mail_draw(doc, text, html, &hlen, err, sizeof(err)) == 0,
	    "not drawn: %s", err);
	ck_assert_int_eq((int)strlen((char *)*html), hlen);
}

/*
 * Walks the parsed HTML part: no element that runs, loads or hides
 * anything, no src or on* attribute, every href a web address or a path.
 * Returns the number of elements.
 */
static int
inert_walk(xmlNodePtr n)
{
	static const char *const banned[] = {
		"script", "img", "link", "iframe", "form", "object", "embed",
		"svg", "style", "base", "meta-refresh", "video", "audio",
	};
	xmlAttrPtr	 a;
	xmlChar		*v;
	size_t		 i;
	int		 count = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		count++;
		for (i = 0; i < N(banned); i++)
			ck_assert_msg(strcmp((const char *)n->name, banned[i]) != 0,
			    "the HTML part has a <%s>", banned[i]);
		for (a = n->properties; a != NULL; a = a->next) {
			ck_assert_msg(strncmp((const char *)a->name, "on", 2) != 0 &&
			    strcmp((const char *)a->name, "src") != 0 &&
			    strcmp((const char *)a->name, "srcset") != 0,
			    "<%s %s>", n->name, a->name);
			if (strcmp((const char *)a->name, "href") != 0)
				continue;
			v = xmlNodeGetContent((xmlNodePtr)a);
			ck_assert_msg(strncmp((char *)v, "https://", 8) == 0 ||
			    strncmp((char *)v, "http://", 7) == 0 ||
			    (v[0] == '/' && v[1] != '/'), "href=\"%s\"", v);
			xmlFree(v);
		}
		count += inert_walk(n->children);
	}
	return count;
}

/* The HTML part parses, and has no script, image, frame, form or link. */
static void
html_inert(const char *html)
{
	htmlDocPtr	 doc = htmlReadMemory(html, (int)strlen(html), NULL,
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

	ck_assert_ptr_nonnull(doc);
	ck_assert_int_gt(inert_walk(xmlDocGetRootElement(doc)), 10);
	xmlFreeDoc(doc);
	ck_assert_ptr_nonnull(strstr(html, "<!DOCTYPE html"));
	ck_assert_ptr_nonnull(strstr(html, ">Steward</td>"));
}

/* ------------------------------------------------- every kind, both parts */

static const struct {
	const char	*name, *xml, *text, *html[4];
} kinds[] = {
	{ "invitation",
	  "<mail kind='invitation'><to addr='bo@example.com'/>"
	  "<subject>Zo\xc3\xab Lindqvist invited you to Shop app</subject>"
	  "<inviter name='Zo\xc3\xab Lindqvist' email='zoe@example.com'/>"
	  "<account name='Shop app' id='W8R-K4Z-7Q2M'/>"
	  "<role name='member' label='Member'/>"
	  "<message>Welcome aboard!\r\nSee you soon.</message>"
	  "<link href='https://s.example/invitations/accept?token=TOK'/></mail>",
	  "Hello,\n\n"
	  "Zo\xc3\xab Lindqvist (zoe@example.com) invited you to join the account "
	  "\"Shop app\" (W8R-K4Z-7Q2M) as Member.\n\n"
	  "> Welcome aboard!\n> See you soon.\n\n"
	  "Accept the invitation:\n"
	  "https://s.example/invitations/accept?token=TOK\n\n"
	  "The link works once and expires in 7 days.\n"
	  "If you did not expect this invitation, you can ignore this mail.\n",
	  { "href=\"https://s.example/invitations/accept?token=TOK\"",
	    "Accept the invitation</a>", "Welcome aboard!<br>See you soon.",
	    "<title>Zo\xc3\xab Lindqvist invited you to Shop app</title>" } },
	{ "invitation without a message",
	  "<mail kind='invitation'><to addr='bo@example.com'/><subject>S</subject>"
	  "<inviter name='Al' email='al@example.com'/>"
	  "<account name='A' id='W8R-K4Z-7Q2M'/><role name='agent' label='Agent'/>"
	  "<link href='https://s.example/x'/></mail>",
	  "Hello,\n\n"
	  "Al (al@example.com) invited you to join the account \"A\" "
	  "(W8R-K4Z-7Q2M) as Agent.\n\n"
	  "Accept the invitation:\nhttps://s.example/x\n\n"
	  "The link works once and expires in 7 days.\n"
	  "If you did not expect this invitation, you can ignore this mail.\n",
	  { "href=\"https://s.example/x\"", "<strong" } },
	{ "password reset",
	  "<mail kind='password-reset'><to addr='ann@example.com' name='Ann'/>"
	  "<subject>Set a new Steward password</subject>"
	  "<login email='ann@example.com'/><client ip='192.0.2.7'/>"
	  "<link href='https://s.example/password/reset?token=T'/></mail>",
	  "Hello,\n\n"
	  "Someone (hopefully you) asked to set a new password for the Steward "
	  "login ann@example.com, from the address 192.0.2.7.\n\n"
	  "Set a new password:\nhttps://s.example/password/reset?token=T\n\n"
	  "The link works once and expires in 1 hour. If you did not ask for it, "
	  "ignore this mail: your password stays as it is.\n",
	  { "href=\"https://s.example/password/reset?token=T\"",
	    "Set a new password</a>" } },
	{ "password reset, no such login",
	  "<mail kind='password-unknown'><to addr='x@example.com'/>"
	  "<subject>Set a new Steward password</subject>"
	  "<login email='x@example.com'/><client ip='192.0.2.7'/></mail>",
	  "Hello,\n\n"
	  "Someone (hopefully you) asked to set a new password for the Steward "
	  "login x@example.com, from the address 192.0.2.7, but there is no "
	  "login with this email address.\n\n"
	  "If you have a login under another address, ask again with that one. "
	  "If you did not ask, ignore this mail.\n",
	  { "there is no login with this email address" } },
	{ "email change",
	  "<mail kind='email-confirm'><to addr='new@example.com' name='Ann'/>"
	  "<subject>Confirm your new Steward sign-in email</subject>"
	  "<change name='Ann' from='old@example.com' to='new@example.com'/>"
	  "<link href='https://s.example/email/confirm?token=T'/></mail>",
	  "Hello,\n\n"
	  "Ann asked to sign in to Steward with this address (new@example.com) "
	  "instead of old@example.com from now on.\n\n"
	  "Confirm the change:\nhttps://s.example/email/confirm?token=T\n\n"
	  "The link works once, within 24 hours. Until it is followed, the login "
	  "keeps its old address. If you did not expect this, ignore this mail.\n",
	  { "href=\"https://s.example/email/confirm?token=T\"",
	    "Confirm the change</a>" } },
	{ "report",
	  "<mail kind='report'><to addr='m@example.com'/><subject>Report: Weekly</subject>"
	  "<report name='Weekly' ran='2026-12-07 08:00 CET' type='Events' "
	  "range='last 7 days' rows='42'/><owner name='Zo\xc3\xab'/>"
	  "<account name='Shop app'/>"
	  "<link href='https://s.example/settings/downloads/file?id=9' "
	  "downloads='https://s.example/settings/downloads'/></mail>",
	  "The report \"Weekly\" (Events, last 7 days) ran at 2026-12-07 08:00 "
	  "CET: 42 rows.\n\n"
	  "Download it (signed in to Steward; the file is kept for 7 days):\n"
	  "https://s.example/settings/downloads/file?id=9\n\n"
	  "All your downloads: https://s.example/settings/downloads\n\n"
	  "Zo\xc3\xab scheduled this report in the account \"Shop app\". You "
	  "receive it because they listed your address.\n",
	  { "href=\"https://s.example/settings/downloads/file?id=9\"",
	    "href=\"https://s.example/settings/downloads\"" } },
	{ "report without a range, public_url empty",
	  "<mail kind='report'><to addr='m@example.com'/><subject>Report: W</subject>"
	  "<report name='W' ran='t' type='Funnel' rows='0'/><owner name='O'/>"
	  "<account name='A'/><link href='/settings/downloads/file?id=9' "
	  "downloads='/settings/downloads'/></mail>",
	  "The report \"W\" (Funnel) ran at t: 0 rows.\n\n"
	  "Download it (signed in to Steward; the file is kept for 7 days):\n"
	  "/settings/downloads/file?id=9\n\n"
	  "All your downloads: /settings/downloads\n\n"
	  "O scheduled this report in the account \"A\". You receive it because "
	  "they listed your address.\n",
	  { "href=\"/settings/downloads/file?id=9\"" } },
	{ "report withheld",
	  "<mail kind='report-withheld'><to addr='g@partner.example'/>"
	  "<subject>Report: Weekly</subject><report name='Weekly' ran='t'/>"
	  "<owner name='Zo\xc3\xab'/><account name='Shop app'/>"
	  "<link href='https://s.example/login'/></mail>",
	  "The report \"Weekly\" that Zo\xc3\xab scheduled in the account \"Shop "
	  "app\" ran at t.\n\n"
	  "Its data stays in Steward: only members of the account who may see it "
	  "can open it, so it is not in this mail. If you need it, ask Zo\xc3\xab "
	  "for access, then sign in at:\nhttps://s.example/login\n",
	  { "href=\"https://s.example/login\"" } },
	{ "mail-test",
	  "<mail kind='test'><to addr='t@example.com' name='T'/>"
	  "<subject>Steward mail test \xe2\x9c\x93</subject></mail>",
	  "This is a test message from steward-admin mail-test.\n"
	  "If you can read it, Steward's mail delivery works.\n",
	  { "Steward mail test \xe2\x9c\x93" } },
};

START_TEST(test_mail_kind)
{
	xmlDocPtr	 doc = doc_of(kinds[_i].xml);
	xmlChar		*text, *html;
	size_t		 i;

	draw(doc, &text, &html);
	ck_assert_msg(strcmp((char *)text, kinds[_i].text) == 0,
	    "%s: text part\n%s\nexpected\n%s", kinds[_i].name, text,
	    kinds[_i].text);
	html_inert((char *)html);
	for (i = 0; i < N(kinds[_i].html) && kinds[_i].html[i] != NULL; i++)
		ck_assert_msg(strstr((char *)html, kinds[_i].html[i]) != NULL,
		    "%s: no \"%s\" in\n%s", kinds[_i].name, kinds[_i].html[i],
		    html);
	xmlFree(text);
	xmlFree(html);
	xmlFreeDoc(doc);
}
END_TEST

/* ------------------------------------------------------------- notices */

START_TEST(test_mail_notice)
{
	static const char text[] =
	    "Hello,\n\n"
	    "The password of your Steward login ann@example.com was changed from "
	    "the address 192.0.2.7; your other sessions were signed out.\n\n"
	    "If this was not you, reset your password now:\n"
	    "https://s.example/password/forgot\n"
	    "and tell an Admin of your organization.\n";
	xmlNodePtr	 m = mail_notice_doc("ann@example.com", "Ann",
	    "Your Steward password was changed", text);
	xmlChar		*t, *h;

	ck_assert_ptr_nonnull(m);
	draw(m->doc, &t, &h);
	ck_assert_str_eq((char *)t, text);		/* reads as before */
	html_inert((char *)h);
	ck_assert_ptr_nonnull(strstr((char *)h, "reset your password now:<br>"
	    "<a style=\"color:#3730a3;word-break:break-all\" "
	    "href=\"https://s.example/password/forgot\">"
	    "https://s.example/password/forgot</a><br>and tell"));
	ck_assert_ptr_nonnull(strstr((char *)h, ">Your Steward password was "
	    "changed</h1>"));
	xmlFree(t);
	xmlFree(h);
	xmlFreeDoc(m->doc);
	/* blank lines in a row, CRLF, and a URL-looking line with a blank */
	m = mail_notice_doc("a@example.com", NULL, "S",
	    "one\r\n\r\n\n\ntwo\nhttp://x.example/ a\n");
	draw(m->doc, &t, &h);
	ck_assert_str_eq((char *)t, "one\n\ntwo\nhttp://x.example/ a\n");
	ck_assert_ptr_null(strstr((char *)h, "href=\"http://x.example"));
	xmlFree(t);
	xmlFree(h);
	xmlFreeDoc(m->doc);
}
END_TEST

/* ------------------------------------------------------------- hostile */

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"</p></td></tr></table><a href=\"javascript:alert(1)\">win</a>",
	"&amp; &lt;b&gt; &#60;i&#62; ]]> <!-- x -->",
	"<?xml-stylesheet href=\"x\"?><style>*{display:none}</style>",
	"{$font} {concat('a','b')} <xsl:value-of select=\"1\"/>",
};

/*
 * An invitation with hostile text as the inviter's name, the account's
 * name and the message, built the way users_invite.c builds it: the HTML
 * part shows the text and no markup from it; the text part shows it as is.
 */
START_TEST(test_mail_hostile)
{
	const char	*h = hostile[_i];
	xmlNodePtr	 m, n;
	xmlChar		*text, *html;
	char		 quoted[512];

	m = mail_doc("invitation", "bo@example.com", NULL, "S");
	n = xml_el(m, "inviter", NULL);
	xml_attr(n, "name", h);
	xml_attr(n, "email", "zoe@example.com");
	n = xml_el(m, "account", NULL);
	xml_attr(n, "name", h);
	xml_attr(n, "id", "W8R-K4Z-7Q2M");
	n = xml_el(m, "role", NULL);
	xml_attr(n, "name", "member");
	xml_attr(n, "label", "Member");
	xml_el(m, "message", h);
	xml_attr(xml_el(m, "link", NULL), "href", "https://s.example/a?token=T");
	draw(m->doc, &text, &html);
	html_inert((char *)html);
	ck_assert_ptr_null(strstr((char *)html, "<style"));
	ck_assert_ptr_null(strstr((char *)html, "<xsl:"));
	ck_assert_ptr_null(strstr((char *)html, "<?xml"));
	ck_assert_ptr_null(strstr((char *)html, "<!-- x"));
	ck_assert_ptr_null(strstr((char *)html, "<b>"));
	ck_assert_ptr_null(strstr((char *)html, "</p></td></tr></table><a"));
	snprintf(quoted, sizeof(quoted), "> %s\n\n", h);
	ck_assert_ptr_nonnull(strstr((char *)text, quoted));
	ck_assert_ptr_nonnull(strstr((char *)html, "&lt;"));
	xmlFree(text);
	xmlFree(html);
	xmlFreeDoc(m->doc);
}
END_TEST

/* No mail stylesheet turns data into markup. */
START_TEST(test_mail_no_unescaping)
{
	static const char *const files[] = {
		"mail.xsl", "mail-text.xsl", "mail-content.xsl",
	};
	char	 path[512], *s;
	FILE	*f;
	size_t	 i, n;

	for (i = 0; i < N(files); i++) {
		snprintf(path, sizeof(path), TOP_SRCDIR "/xslt/%s", files[i]);
		ck_assert_ptr_nonnull(f = fopen(path, "r"));
		ck_assert_ptr_nonnull(s = calloc(1, 65536));
		n = fread(s, 1, 65535, f);
		fclose(f);
		ck_assert_uint_gt(n, 0);
		ck_assert_msg(strstr(s, "disable-output-escaping") == NULL,
		    "%s uses disable-output-escaping", files[i]);
		ck_assert_msg(strstr(s, "document(") == NULL,
		    "%s reads documents", files[i]);
		free(s);
	}
}
END_TEST

/* ------------------------------------------------------------- refused */

static const struct {
	const char	*name, *xml;
} refused[] = {
	{ "unknown kind", "<mail kind='party'><to addr='a@example.com'/>"
	  "<subject>S</subject></mail>" },
	{ "no recipient", "<mail kind='test'><subject>S</subject></mail>" },
	{ "empty subject", "<mail kind='test'><to addr='a@example.com'/>"
	  "<subject/></mail>" },
	{ "no link", "<mail kind='password-reset'><to addr='a@example.com'/>"
	  "<subject>S</subject><login email='a@example.com'/><client ip='x'/>"
	  "</mail>" },
	{ "javascript: link", "<mail kind='password-reset'>"
	  "<to addr='a@example.com'/><subject>S</subject>"
	  "<login email='a@example.com'/><client ip='x'/>"
	  "<link href='javascript:alert(1)'/></mail>" },
	{ "protocol-relative link", "<mail kind='password-reset'>"
	  "<to addr='a@example.com'/><subject>S</subject>"
	  "<login email='a@example.com'/><client ip='x'/>"
	  "<link href='//evil.example/x'/></mail>" },
	{ "rows in a withheld report", "<mail kind='report-withheld'>"
	  "<to addr='g@example.com'/><subject>S</subject>"
	  "<report name='R' ran='t' rows='3'/><owner name='O'/>"
	  "<account name='A'/><link href='https://s.example/login'/></mail>" },
	{ "markup inside a notice line", "<mail kind='notice'>"
	  "<to addr='a@example.com'/><subject>S</subject>"
	  "<p><line>a<b>b</b></line></p></mail>" },
	{ "not a mail", "<steward page='login'/>" },
};

START_TEST(test_mail_refused)
{
	xmlDocPtr	 doc = doc_of(refused[_i].xml);
	xmlChar		*text = BAD_CAST "x", *html = BAD_CAST "x";
	char		 err[256] = "";
	int		 hlen = 1;

	ck_assert_msg(mail_draw(doc, &text, &html, &hlen, err, sizeof(err)) == -1,
	    "%s: drawn", refused[_i].name);
	ck_assert_ptr_null(text);
	ck_assert_ptr_null(html);
	ck_assert_int_eq(hlen, 0);
	ck_assert_str_ne(err, "");
	xmlFreeDoc(doc);
}
END_TEST

/* mail_send_doc() frees what it is given, also NULL and refused mails. */
START_TEST(test_mail_send_refused)
{
	char	 err[256] = "";

	ck_assert_int_eq(mail_send_doc(NULL, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "out of memory");
	ck_assert_int_eq(mail_send_doc(mail_doc("party", "a@example.com", NULL,
	    "S"), err, sizeof(err)), -1);
	ck_assert_int_eq(mail_send_doc(mail_doc("test", "a@example.com", NULL,
	    NULL), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "mail.rng"));
}
END_TEST

/* ------------------------------------------------------ the whole message */

/* Decodes the base64 lines from p up to the next boundary line. */
static size_t
unbase64(const char *p, unsigned char *out, size_t outlen)
{
	char	 b64[MAX_MAIL_LEN];
	size_t	 n = 0, len = 0;

	for (; *p != '\0' && *p != '-'; p++)
		if (*p != '\r' && *p != '\n' && n < sizeof(b64) - 1)
			b64[n++] = *p;
	b64[n] = '\0';
	if (sodium_base642bin(out, outlen, b64, n, NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return 0;
	return len;
}

START_TEST(test_mail_format_doc)
{
	static char	 buf[MAX_MAIL_LEN];
	static unsigned char dec[MAX_MAIL_LEN];
	xmlDocPtr	 doc = doc_of(kinds[0].xml);
	xmlChar		*text, *html;
	const char	*p;
	char		 err[256];
	size_t		 n, k;

	ck_assert_int_eq(mail_format_doc(doc, buf, sizeof(buf), &n, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(strlen(buf), n);
	ck_assert_ptr_nonnull(strstr(buf, "\r\nTo: <bo@example.com>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\r\nSubject: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf, "multipart/alternative; boundary="));
	ck_assert_ptr_nonnull(strstr(buf, "\r\n\r\nHello,\r\n\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "> Welcome aboard!\r\n> See you soon."));
	ck_assert_ptr_nonnull(strstr(buf, "accept?token=TOK\r\n"));
	ck_assert_ptr_nonnull(p = strstr(buf, "Content-Transfer-Encoding: base64"
	    "\r\n\r\n"));
	k = unbase64(p + strlen("Content-Transfer-Encoding: base64\r\n\r\n"),
	    dec, sizeof(dec) - 1);
	ck_assert_uint_gt(k, 0);
	dec[k] = '\0';
	draw(doc, &text, &html);
	ck_assert_str_eq((char *)dec, (char *)html);	/* the part as drawn */
	xmlFree(text);
	xmlFree(html);
	ck_assert_int_eq(mail_format_doc(doc, buf, 1024, &n, err, sizeof(err)),
	    -1);					/* does not fit */
	xmlFreeDoc(doc);
}
END_TEST

/* The mail stylesheets' tests, with the stylesheets compiled once. */
TCase *
tcase_mail_xslt(void)
{
	TCase	*t = tcase_create("mail_xslt");

	tcase_add_unchecked_fixture(t, mail_setup, mail_teardown);
	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_mail_kind, 0, N(kinds));
	tcase_add_test(t, test_mail_notice);
	tcase_add_loop_test(t, test_mail_hostile, 0, N(hostile));
	tcase_add_test(t, test_mail_no_unescaping);
	tcase_add_loop_test(t, test_mail_refused, 0, N(refused));
	tcase_add_test(t, test_mail_send_refused);
	tcase_add_test(t, test_mail_format_doc);
	return t;
}
