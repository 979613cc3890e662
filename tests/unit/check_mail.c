/*
 * Unit tests of fcgi/mail.c: headers, encoded words, line lengths,
 * multipart/alternative.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/mail.h"

START_TEST(test_mail_format)
{
	struct mail	 m = { "ann@example.com", "Zo\xc3\xab \"Q\" Lindqvist",
	    "Zo\xc3\xab invited you to Caf\xc3\xa9 app", "line 1\nline 2\n" };
	char		 buf[8192];
	size_t		 n;

	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), 0);
	ck_assert_uint_eq(strlen(buf), n);
	ck_assert_ptr_nonnull(strstr(buf, "\r\nSubject: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf, "\r\nTo: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf, "<ann@example.com>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\r\n\r\nline 1\r\nline 2\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "charset=utf-8"));
	ck_assert_ptr_null(strstr(buf, "Caf\xc3\xa9"));	/* only encoded */
	m.subject = "Hi\r\nBcc: victim@example.com";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), -1);
	m.subject = "Hi";
	m.to_addr = "a@b.c>\r\nBcc: x@y.z";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), -1);
	m.to_addr = "ann@example.com";
	ck_assert_int_eq(mail_format(&m, buf, 64, &n), -1);	/* too small */
}
END_TEST

/* multipart/alternative: both parts, base64 HTML, boundary, long lines */
START_TEST(test_mail_multipart)
{
	struct mail	 m = { "ann@example.com", NULL, "Hi", NULL };
	static char	 buf[MAX_MAIL_LEN], text[3000];
	xmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	const char	*b, *p, *line;
	char		 bnd[128];
	size_t		 n, k;

	xmlDocSetRootElement(doc, html);
	xmlNewTextChild(html, NULL, BAD_CAST "p", BAD_CAST "<b>&amp; \"Zo\xc3\xab\"");
	memset(text, 'x', 2000);		/* one 2000-byte line */
	memcpy(text + 2000, "\nend\n", 6);
	m.text = text;
	ck_assert_int_eq(mail_format_html(&m, doc, buf, sizeof(buf), &n), 0);
	ck_assert_ptr_nonnull(b = strstr(buf, "multipart/alternative; boundary=\""));
	b += strlen("multipart/alternative; boundary=\"");
	k = strcspn(b, "\"");
	ck_assert_uint_gt(k, 20);
	snprintf(bnd, sizeof(bnd), "\r\n--%.*s--\r\n", (int)k, b);
	ck_assert_ptr_nonnull(strstr(buf, bnd));			/* closed */
	ck_assert_ptr_nonnull(strstr(buf, "Content-Type: text/plain; charset=utf-8"));
	ck_assert_ptr_nonnull(p = strstr(buf, "Content-Type: text/html; charset=utf-8"
	    "\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	ck_assert_ptr_null(strstr(buf, "<b>"));			/* only encoded */
	for (line = buf; (p = strstr(line, "\r\n")) != NULL; line = p + 2)
		ck_assert_uint_le((size_t)(p - line), 998);		/* RFC 5322 */
	ck_assert_ptr_nonnull(strstr(buf, "\r\nend\r\n"));
	ck_assert_int_eq(mail_format_html(&m, doc, buf, 512, &n), -1);
	m.text = "short\n";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), 0);	/* text only */
	ck_assert_ptr_null(strstr(buf, "multipart"));
	xmlFreeDoc(doc);
}
END_TEST

Suite *
mail_suite(void)
{
	Suite	*s = suite_create("mail");
	TCase	*t = tcase_create("mail");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_mail_format);
	tcase_add_test(t, test_mail_multipart);
	suite_add_tcase(s, t);
	suite_add_tcase(s, tcase_mail_xslt());	/* check_mail_xslt.c */
	return s;
}
