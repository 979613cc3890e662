/*
 * Unit tests of fcgi/csv.c: the CSV parser, fed whole and in pieces, its
 * limits; CSV cells out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/csv.h"
#include "../../fcgi/limits.h"

/* Records as "field|field\n" lines ("!" before a row of invalid UTF-8). */
struct csv_out {
	char	 text[4096];
	size_t	 n;
	int	 stop_after;	/* 0: never */
};

/* Appends what fits of n bytes. */
static void
csv_append(struct csv_out *o, const char *p, size_t n)
{
	if (n > sizeof(o->text) - 1 - o->n)
		n = sizeof(o->text) - 1 - o->n;
	memcpy(o->text + o->n, p, n);
	o->n += n;
	o->text[o->n] = '\0';
}

static int
csv_collect(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct csv_out	*o = arg;
	size_t		 i;

	if (!utf8_ok)
		csv_append(o, "!", 1);
	for (i = 0; i < n; i++) {
		if (i)
			csv_append(o, "|", 1);
		csv_append(o, f[i], lens[i]);
	}
	csv_append(o, "\n", 1);
	return o->stop_after && row >= (uint64_t)o->stop_after;
}

static const struct {
	const char	*name, *in, *out;
	enum csv_err	 err;
} csv_cases[] = {
	{ "plain", "a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n", CSV_OK },
	{ "no final line end", "a,b\n1,2", "a|b\n1|2\n", CSV_OK },
	{ "CRLF", "a,b\r\n1,2\r\n", "a|b\n1|2\n", CSV_OK },
	{ "lone CR", "a,b\r1,2\r", "a|b\n1|2\n", CSV_OK },
	{ "quoted comma", "\"a,b\",c\n", "a,b|c\n", CSV_OK },
	{ "doubled quotes", "\"say \"\"hi\"\"\",x\n", "say \"hi\"|x\n", CSV_OK },
	{ "embedded LF", "\"line1\nline2\",x\n", "line1\nline2|x\n", CSV_OK },
	{ "embedded CRLF", "\"l1\r\nl2\",x\r\n", "l1\r\nl2|x\n", CSV_OK },
	{ "empty fields", ",,\n", "||\n", CSV_OK },
	{ "empty quoted", "\"\",x\n", "|x\n", CSV_OK },
	{ "empty lines skipped", "a\n\n\r\nb\n", "a\nb\n", CSV_OK },
	{ "UTF-8 BOM", "\xef\xbb\xbf" "id,name\n1,x\n", "id|name\n1|x\n", CSV_OK },
	{ "not a BOM", "\xef\xbb" "x\n", "!\xef\xbbx\n", CSV_OK },
	{ "quote inside plain field", "a\"b,c\n", "a\"b|c\n", CSV_OK },
	{ "invalid UTF-8 row flagged", "ok\n\xc3\x28,x\nok2\n", "ok\n!\xc3\x28|x\nok2\n", CSV_OK },
	{ "UTF-8 names", "Zo\xc3\xab,\xe5\xbc\xa0\n", "Zo\xc3\xab|\xe5\xbc\xa0\n", CSV_OK },
	{ "text after closing quote", "\"a\"b,c\n", "", CSV_BAD_QUOTE },
	{ "unterminated quote", "\"abc\n", "", CSV_UNTERMINATED },
	{ "21 columns", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21\n", "", CSV_TOO_MANY_COLUMNS },
	{ "20 columns", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\n",
	    "1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20\n", CSV_OK },
	{ "closing quote at the end", "a,\"b\"", "a|b\n", CSV_OK },
};

/* Runs case i fed in pieces of size step (0: all at once). */
static enum csv_err
csv_run(const char *in, size_t step, struct csv_out *o)
{
	struct csv	*c = csv_new(csv_collect, o);
	size_t		 n = strlen(in), i, k;
	enum csv_err	 e = CSV_OK;

	ck_assert_ptr_nonnull(c);
	for (i = 0; i < n && e == CSV_OK; i += k) {
		k = step == 0 || step > n - i ? n - i : step;
		e = csv_feed(c, in + i, k);
	}
	if (e == CSV_OK)
		e = csv_end(c);
	csv_free(c);
	return e;
}

START_TEST(test_csv_parse)
{
	struct csv_out	 o;
	size_t		 step;
	enum csv_err	 e;

	for (step = 0; step <= 7; step++) {
		memset(&o, 0, sizeof(o));
		e = csv_run(csv_cases[_i].in, step, &o);
		ck_assert_msg(e == csv_cases[_i].err, "%s (pieces of %zu): error %d, "
		    "expected %d", csv_cases[_i].name, step, e, csv_cases[_i].err);
		if (e == CSV_OK)
			ck_assert_msg(strcmp(o.text, csv_cases[_i].out) == 0,
			    "%s (pieces of %zu): got \"%s\"", csv_cases[_i].name,
			    step, o.text);
	}
}
END_TEST

START_TEST(test_csv_limits)
{
	struct csv_out	 o;
	char		*big = malloc(CSV_MAX_FIELD + 10);

	memset(&o, 0, sizeof(o));
	memset(big, 'x', CSV_MAX_FIELD + 1);
	big[CSV_MAX_FIELD + 1] = '\0';
	ck_assert_int_eq(csv_run(big, 1000, &o), CSV_ROW_TOO_LONG);
	big[CSV_MAX_FIELD] = '\0';
	memset(&o, 0, sizeof(o));
	o.stop_after = 1;
	ck_assert_int_eq(csv_run(big, 0, &o), CSV_OK);
	free(big);
	memset(&o, 0, sizeof(o));
	o.stop_after = 2;	/* the callback stops the rows, not the parse */
	ck_assert_int_eq(csv_run("a\nb\nc\n", 0, &o), CSV_OK);
	ck_assert_str_eq(o.text, "a\nb\n");
	ck_assert_str_eq(csv_strerror(CSV_BAD_QUOTE), "a quoted field is followed by text before the next comma");
}
END_TEST

static const struct {
	const char	*in, *out;
} cells[] = {
	{ "plain", "\"plain\"" },
	{ "", "\"\"" },
	{ NULL, "\"\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "a,b\r\nc", "\"a,b\r\nc\"" },
	{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
	{ "+1", "\"'+1\"" },
	{ "-1", "\"'-1\"" },
	{ "@SUM(A1)", "\"'@SUM(A1)\"" },
	{ "\tx", "\"'\tx\"" },
	{ "a=b", "\"a=b\"" },
	{ "Zo\xc3\xab", "\"Zo\xc3\xab\"" },
};

START_TEST(test_manage_csv_quote)
{
	struct arena	 a;

	arena_init(&a);
	ck_assert_str_eq(csv_quote(&a, cells[_i].in), cells[_i].out);
	arena_reset(&a);
}
END_TEST

Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*t = tcase_create("csv");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_csv_parse, 0, N(csv_cases));
	tcase_add_test(t, test_csv_limits);
	tcase_add_loop_test(t, test_manage_csv_quote, 0, N(cells));
	suite_add_tcase(s, t);
	return s;
}
