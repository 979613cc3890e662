/*
 * Unit tests of fcgi/xml.c: hostile text escaped, invalid text replaced.
 */
#include <string.h>

#include <libxml/parser.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/tz.h"
#include "../../fcgi/xml.h"

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\"'><img src=x onerror=alert(1)>",
	"&amp; &lt; & &#0; &#x41;",
	"]]><!-- -->",
	"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
	"Zo\xc3\xab \xe2\x80\x8f\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
};

START_TEST(test_xml_escaping)
{
	xmlDocPtr	 doc, back;
	xmlNodePtr	 root, el;
	xmlChar		*buf, *got;
	int		 len;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"steward", NULL);
	xmlDocSetRootElement(doc, root);
	el = xml_el(root, "t", hostile[_i]);
	xml_attr(el, "a", hostile[_i]);
	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	ck_assert_ptr_null(strstr((char *)buf, "<script"));
	ck_assert_ptr_null(strstr((char *)buf, "<!DOCTYPE"));
	ck_assert_ptr_null(strstr((char *)buf, "<img"));
	/* it parses back to exactly the same text */
	back = xmlReadMemory((char *)buf, len, NULL, "UTF-8", XML_PARSE_NONET);
	ck_assert_ptr_nonnull(back);
	got = xmlNodeGetContent(xmlDocGetRootElement(back)->children);
	ck_assert_str_eq((char *)got, hostile[_i]);
	xmlFree(got);
	got = xmlGetProp(xmlDocGetRootElement(back)->children, (const xmlChar *)"a");
	ck_assert_str_eq((char *)got, hostile[_i]);
	xmlFree(got);
	xmlFreeDoc(back);
	xmlFree(buf);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_xml_invalid_text_replaced)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, (const xmlChar *)"s", NULL);
	xmlChar		*buf;
	int		 len;

	xmlDocSetRootElement(doc, root);
	xml_el(root, "t", "bad\x01" "byte");
	xml_attr(root, "a", "bad\xff");
	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	ck_assert_ptr_null(strstr((char *)buf, "&#1;"));
	ck_assert_ptr_nonnull(strstr((char *)buf, "\xef\xbf\xbd"));
	xmlFree(buf);
	xmlFreeDoc(doc);
}
END_TEST

/* Cells of seconds since 1970 as the lists select them, in Europe/Berlin
 * (NULL for "left out"): both sides of the spring and autumn changes. */
static const struct {
	const char	*cell, *want;
} time_cells[] = {
	{ "1774745999", "2026-03-29T01:59:59+01:00" },
	{ "1774746000", "2026-03-29T03:00:00+02:00" },
	{ "1792888200", "2026-10-25T02:30:00+02:00" },
	{ "1792891800", "2026-10-25T02:30:00+01:00" },
	{ "0", "1970-01-01T01:00:00+01:00" },
	{ NULL, NULL },			/* SQL NULL */
	{ "", NULL },
	{ "12x", NULL },
	{ "-", NULL },
};

START_TEST(test_xml_attr_time)
{
	struct arena	 a;
	struct tz	*z;
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, (const xmlChar *)"s", NULL);
	xmlChar		*got;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Europe/Berlin", &z), 0);
	xmlDocSetRootElement(doc, root);
	xml_attr_time(root, "t", z, time_cells[_i].cell);
	got = xmlGetProp(root, (const xmlChar *)"t");
	if (time_cells[_i].want == NULL)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq((char *)got, time_cells[_i].want);
	xmlFree(got);
	xmlFreeDoc(doc);
	arena_free(&a);
}
END_TEST

Suite *
xml_suite(void)
{
	Suite	*s = suite_create("xml");
	TCase	*t = tcase_create("xml");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_xml_escaping, 0, N(hostile));
	tcase_add_test(t, test_xml_invalid_text_replaced);
	tcase_add_loop_test(t, test_xml_attr_time, 0, N(time_cells));
	suite_add_tcase(s, t);
	return s;
}
