/*
 * Unit tests of fcgi/ingest.c: the ingestion rules for names, values,
 * dates, data types, JSON values, CSV cells, timestamps.
 */
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/datatype.h"
#include "../../fcgi/ingest.h"

static const struct {
	const char	*s;
	int		 name, value, date;
} data_texts[] = {
	{ "Purchase", 1, 1, 0 },
	{ "Zo\xc3\xab \xe5\xbc\xa0", 1, 1, 0 },
	{ "", 0, 1, 0 },
	{ " lead", 0, 1, 0 },
	{ "trail ", 0, 1, 0 },
	{ "a\tb", 0, 1, 0 },
	{ "a\nb", 0, 1, 0 },
	{ "a\x01" "b", 0, 0, 0 },
	{ "a\x7f" "b", 0, 0, 0 },
	{ "bad\xc3", 0, 0, 0 },
	{ "2026-03-01", 1, 1, 1 },
	{ "2026-03-01T10:00:00Z", 1, 1, 1 },
	{ "2026-03-01 10:00", 1, 1, 1 },
	{ "2026-03-01T10:00:00.123+02:00", 1, 1, 1 },
	{ "2026-13-01", 1, 1, 0 },
	{ "2026-03-01T25:00", 1, 1, 0 },
	{ "2026-03-01T10:00:00+2", 1, 1, 0 },
	{ "$D_1700000000", 1, 1, 1 },
	{ "$D_17x", 1, 1, 0 },
	{ "03/01/2026", 1, 1, 0 },
};

START_TEST(test_data_texts)
{
	const char	*s = data_texts[_i].s;
	size_t		 n = strlen(s);

	ck_assert_msg(data_name_ok(s, n) == data_texts[_i].name, "name \"%s\"", s);
	ck_assert_msg(data_value_ok(s, n) == data_texts[_i].value, "value \"%s\"", s);
	ck_assert_msg(data_date_ok(s, n) == data_texts[_i].date, "date \"%s\"", s);
}
END_TEST

START_TEST(test_data_lengths)
{
	char	 buf[2100];

	memset(buf, 'n', 121);
	ck_assert(data_name_ok(buf, 120));
	ck_assert(!data_name_ok(buf, 121));
	memset(buf, 'v', 513);
	ck_assert(data_value_ok(buf, 512));
	ck_assert(!data_value_ok(buf, 513));
	/* 512 characters of two bytes each are fine, 513 are not */
	for (int i = 0; i < 513; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	ck_assert(data_value_ok(buf, 1024));
	ck_assert(!data_value_ok(buf, 1026));
	for (int i = 0; i < 121; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	ck_assert(data_name_ok(buf, 240));
	ck_assert(!data_name_ok(buf, 242));
}
END_TEST

START_TEST(test_data_types)
{
	enum ptype	 t;

	for (t = PTYPE_STRING; t < PTYPE__MAX; t++)
		ck_assert_int_eq(ptype_parse(ptype_name(t)), t);
	ck_assert_int_eq(ptype_parse("integer"), PTYPE_NONE);
	ck_assert_int_eq(ptype_parse(NULL), PTYPE_NONE);
	ck_assert_str_eq(ptype_name(PTYPE__MAX), "none");
	ck_assert(event_is_system("App Launched"));
	ck_assert(event_is_system("Charged"));
	ck_assert(!event_is_system("app launched"));
	ck_assert(!event_is_system("Purchase"));
}
END_TEST

static const struct {
	const char	*json;		/* a one-element array holding the value */
	enum ptype	 type;		/* PTYPE_NONE: refused */
	const char	*text;
} data_jvals[] = {
	{ "[\"hello\"]", PTYPE_STRING, "hello" },
	{ "[\"2026-01-02\"]", PTYPE_DATE, "2026-01-02" },
	{ "[\"$D_1700000000\"]", PTYPE_DATE, "$D_1700000000" },
	{ "[42]", PTYPE_NUMBER, "42" },
	{ "[-7]", PTYPE_NUMBER, "-7" },
	{ "[12.5]", PTYPE_NUMBER, "12.5" },
	{ "[1e3]", PTYPE_NUMBER, "1000" },
	{ "[true]", PTYPE_BOOLEAN, "true" },
	{ "[false]", PTYPE_BOOLEAN, "false" },
	{ "[[\"a\",1,true]]", PTYPE_LIST, "[\"a\",1,true]" },
	{ "[[]]", PTYPE_LIST, "[]" },
	{ "[null]", PTYPE_NONE, NULL },
	{ "[{\"a\":1}]", PTYPE_NONE, NULL },
	{ "[[[1]]]", PTYPE_NONE, NULL },
	{ "[[{\"a\":1}]]", PTYPE_NONE, NULL },
	{ "[[null]]", PTYPE_NONE, NULL },
	{ "[\"a\\u0001b\"]", PTYPE_NONE, NULL },
	{ "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33]]", PTYPE_NONE, NULL },
};

START_TEST(test_data_json_value)
{
	struct arena	 a;
	json_error_t	 je;
	json_t		*root = json_loads(data_jvals[_i].json, 0, &je);
	enum ptype	 t = PTYPE_NONE;
	const char	*text = NULL, *why = NULL;
	int		 rc;

	ck_assert_msg(root != NULL, "%s: %s", data_jvals[_i].json, je.text);
	arena_init(&a);
	rc = data_json_value(&a, json_array_get(root, 0), &t, &text, &why);
	if (data_jvals[_i].type == PTYPE_NONE) {
		ck_assert_msg(rc == -1 && why != NULL, "%s accepted", data_jvals[_i].json);
	} else {
		ck_assert_msg(rc == 0, "%s refused: %s", data_jvals[_i].json, why);
		ck_assert_int_eq(t, data_jvals[_i].type);
		ck_assert_str_eq(text, data_jvals[_i].text);
	}
	json_decref(root);
	arena_reset(&a);
}
END_TEST

START_TEST(test_data_json_long_string)
{
	struct arena	 a;
	json_t		*v;
	char		 buf[600];
	enum ptype	 t;
	const char	*text, *why;

	arena_init(&a);
	memset(buf, 's', 513);
	buf[513] = '\0';
	v = json_string(buf);
	ck_assert_int_eq(data_json_value(&a, v, &t, &text, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "512"));
	json_decref(v);
	buf[512] = '\0';
	v = json_string(buf);
	ck_assert_int_eq(data_json_value(&a, v, &t, &text, &why), 0);
	json_decref(v);
	arena_reset(&a);
}
END_TEST

static const struct {
	enum ptype	 type;
	const char	*in, *text;	/* text NULL: refused */
} data_cells[] = {
	{ PTYPE_STRING, "Ann", "Ann" },
	{ PTYPE_STRING, "", "" },
	{ PTYPE_STRING, "a\x02", NULL },
	{ PTYPE_NUMBER, "42", "42" },
	{ PTYPE_NUMBER, "-3.25", "-3.25" },
	{ PTYPE_NUMBER, "1e2", "100" },
	{ PTYPE_NUMBER, "abc", NULL },
	{ PTYPE_NUMBER, "", NULL },
	{ PTYPE_NUMBER, "12abc", NULL },
	{ PTYPE_NUMBER, "nan", NULL },
	{ PTYPE_NUMBER, "inf", NULL },
	{ PTYPE_NUMBER, "1e999", NULL },
	{ PTYPE_BOOLEAN, "yes", "true" },
	{ PTYPE_BOOLEAN, "FALSE", "false" },
	{ PTYPE_BOOLEAN, "0", "false" },
	{ PTYPE_BOOLEAN, "maybe", NULL },
	{ PTYPE_DATE, "2026-03-01", "2026-03-01" },
	{ PTYPE_DATE, "yesterday", NULL },
	{ PTYPE_LIST, "a;b;;c", "[\"a\",\"b\",\"c\"]" },
	{ PTYPE_LIST, "", "[]" },
	{ PTYPE_NONE, "x", NULL },
};

START_TEST(test_data_cell)
{
	struct arena	 a;
	json_t		*j = NULL;
	const char	*text = NULL, *why = NULL;
	int		 rc;

	arena_init(&a);
	rc = data_cell(&a, data_cells[_i].type, data_cells[_i].in,
	    strlen(data_cells[_i].in), &text, &j, &why);
	if (data_cells[_i].text == NULL)
		ck_assert_msg(rc == -1 && why != NULL && j == NULL,
		    "\"%s\" as %d accepted", data_cells[_i].in, data_cells[_i].type);
	else {
		ck_assert_msg(rc == 0, "\"%s\" refused: %s", data_cells[_i].in, why);
		ck_assert_str_eq(text, data_cells[_i].text);
		ck_assert_ptr_nonnull(j);
	}
	json_decref(j);
	arena_reset(&a);
}
END_TEST

START_TEST(test_data_ts)
{
	char	 out[27];
	time_t	 now = 1764288000;	/* 2025-11-28T00:00:00Z */

	ck_assert_int_eq(data_ts(now, now, out), 0);
	ck_assert_str_eq(out, "2025-11-28 00:00:00.000000");
	ck_assert_int_eq(data_ts(0, now, out), -1);
	ck_assert_int_eq(data_ts(now + 86401, now, out), -1);
	ck_assert_int_eq(data_ts(now + 86400, now, out), 0);
	ck_assert_int_eq(data_ts(-1, now, out), -1);
	ck_assert_int_eq(data_ts(9223372036854775807LL, now, out), -1);
}
END_TEST

Suite *
ingest_suite(void)
{
	Suite	*s = suite_create("ingest");
	TCase	*t = tcase_create("ingest");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_data_texts, 0, N(data_texts));
	tcase_add_test(t, test_data_lengths);
	tcase_add_test(t, test_data_types);
	tcase_add_loop_test(t, test_data_json_value, 0, N(data_jvals));
	tcase_add_test(t, test_data_json_long_string);
	tcase_add_loop_test(t, test_data_cell, 0, N(data_cells));
	tcase_add_test(t, test_data_ts);
	suite_add_tcase(s, t);
	return s;
}
