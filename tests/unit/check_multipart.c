/*
 * Unit tests of fcgi/multipart.c: the multipart/form-data parser, fed
 * whole and in pieces, its limits, the boundary of a Content-Type.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/multipart.h"

struct mp_out {
	char	 text[8192];
	size_t	 n;
	int	 refuse_part;	/* refuse a part with this name's first letter */
};

static int
mp_t_part(void *arg, const char *name, const char *filename)
{
	struct mp_out	*o = arg;

	if (o->refuse_part && name[0] == o->refuse_part)
		return -1;
	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "[%s%s%s]",
	    name, filename ? ":" : "", filename ? filename : "");
	return 0;
}

static int
mp_t_data(void *arg, const char *p, size_t n)
{
	struct mp_out	*o = arg;

	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "%.*s", (int)n, p);
	return 0;
}

static int
mp_t_end(void *arg)
{
	struct mp_out	*o = arg;

	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "<");
	return 0;
}

#define B "XyZ"
#define PART(name, body) "--" B "\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n" body "\r\n"

static const struct {
	const char	*name, *in, *out;
	int		 rc, done;
} mp_cases[] = {
	{ "two fields", PART("csrf", "tok") PART("kind", "events") "--" B "--\r\n",
	    "[csrf]tok<[kind]events<", 0, 1 },
	{ "a file", "--" B "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\nid,x\r\n1,2\r\n\r\n--" B "--", "[file:a b.csv]id,x\r\n1,2\r\n<", 0, 1 },
	{ "preamble and epilogue", "junk\r\n--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B "--\r\nmore junk",
	    "[a]v<", 0, 1 },
	{ "boundary-like data", PART("a", "x\r\n--Xy z\r\n--Xy\r\n-X") "--" B "--", "[a]x\r\n--Xy z\r\n--Xy\r\n-X<", 0, 1 },
	{ "the boundary inside data", PART("a", "x\r\n--XyZz") "--" B "--", "", -1, 0 },
	{ "CR runs in data", PART("a", "\r\r\n\r\n-\r\n--") "--" B "--", "[a]\r\r\n\r\n-\r\n--<", 0, 1 },
	{ "empty value", PART("a", "") "--" B "--", "[a]<", 0, 1 },
	{ "quoted name with escape", "--" B "\r\nContent-Disposition: form-data; name=\"a\\\"b\"\r\n\r\nv\r\n--" B "--",
	    "[a\"b]v<", 0, 1 },
	{ "no closing delimiter", PART("a", "v"), "[a]v", 0, 0 },
	{ "part without a name", "--" B "\r\nContent-Type: text/plain\r\n\r\nv\r\n--" B "--", "", -1, 0 },
	{ "part without headers", "--" B "\r\n\r\nv\r\n--" B "--", "", -1, 0 },
	{ "garbage after delimiter", "--" B "xx\r\n", "", -1, 0 },
	{ "refused by the callback", PART("csrf", "t") PART("file", "data") "--" B "--", "[csrf]t<", -2, 0 },
};

START_TEST(test_multipart)
{
	struct mp_out		 o;
	struct mp_cb		 cb = { mp_t_part, mp_t_data, mp_t_end, &o };
	struct multipart	*m;
	size_t			 step, i, n = strlen(mp_cases[_i].in), k;
	int			 rc;

	for (step = 0; step <= 9; step++) {
		memset(&o, 0, sizeof(o));
		o.refuse_part = mp_cases[_i].rc == -2 ? 'f' : 0;
		m = multipart_new(B, &cb);
		ck_assert_ptr_nonnull(m);
		for (i = 0, rc = 0; i < n && rc == 0; i += k) {
			k = step == 0 || step > n - i ? n - i : step;
			rc = multipart_feed(m, mp_cases[_i].in + i, k);
		}
		ck_assert_msg(rc == mp_cases[_i].rc, "%s (pieces of %zu): rc %d",
		    mp_cases[_i].name, step, rc);
		/* what was passed on before a refusal by the callback, too */
		if (rc == 0 || rc == -2)
			ck_assert_msg(strcmp(o.text, mp_cases[_i].out) == 0,
			    "%s (pieces of %zu): got \"%s\"", mp_cases[_i].name, step, o.text);
		if (rc == 0)
			ck_assert_int_eq(multipart_done(m), mp_cases[_i].done);
		multipart_free(m);
	}
}
END_TEST

START_TEST(test_multipart_limits)
{
	struct mp_out		 o;
	struct mp_cb		 cb = { mp_t_part, mp_t_data, mp_t_end, &o };
	struct multipart	*m;
	char			 buf[4096], bnd[80];
	size_t			 i, n = 0;

	memset(&o, 0, sizeof(o));
	m = multipart_new(B, &cb);
	for (i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, PART("p", "v"));
	ck_assert_int_eq(multipart_feed(m, buf, n), -1);
	multipart_free(m);
	memset(&o, 0, sizeof(o));
	m = multipart_new(B, &cb);
	n = (size_t)snprintf(buf, sizeof(buf), "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ");
	memset(buf + n, 'h', MULTIPART_MAX_HEADER);
	n += MULTIPART_MAX_HEADER;
	ck_assert_int_eq(multipart_feed(m, buf, n), -1);
	multipart_free(m);
	memset(bnd, 'b', sizeof(bnd));
	bnd[MAX_BOUNDARY + 1] = '\0';
	ck_assert_ptr_null(multipart_new(bnd, &cb));
	ck_assert_ptr_null(multipart_new("", &cb));
}
END_TEST

static const struct {
	const char	*ctype, *boundary;
} mp_bounds[] = {
	{ "multipart/form-data; boundary=----WebKitFormBoundaryAbC123", "----WebKitFormBoundaryAbC123" },
	{ "multipart/form-data; boundary=\"quoted =boundary\"", "quoted =boundary" },
	{ "Multipart/Form-Data;boundary=abc; charset=utf-8", "abc" },
	{ "multipart/form-data", NULL },
	{ "multipart/mixed; boundary=abc", NULL },
	{ "application/x-www-form-urlencoded", NULL },
	{ "multipart/form-data; boundary=", NULL },
	{ "multipart/form-data; boundary=a\"b", NULL },
	{ "multipart/form-data; boundary=\"unterminated", NULL },
	{ "multipart/form-data; xboundary=abc", NULL },
	{ NULL, NULL },
};

START_TEST(test_multipart_boundary)
{
	char	 out[MAX_BOUNDARY + 1];
	int	 rc = multipart_boundary(mp_bounds[_i].ctype, out, sizeof(out));

	if (mp_bounds[_i].boundary == NULL)
		ck_assert_msg(rc == -1, "%s accepted as %s", mp_bounds[_i].ctype, out);
	else {
		ck_assert_msg(rc == 0, "%s refused", mp_bounds[_i].ctype);
		ck_assert_str_eq(out, mp_bounds[_i].boundary);
	}
}
END_TEST

Suite *
multipart_suite(void)
{
	Suite	*s = suite_create("multipart");
	TCase	*t = tcase_create("multipart");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_multipart, 0, N(mp_cases));
	tcase_add_test(t, test_multipart_limits);
	tcase_add_loop_test(t, test_multipart_boundary, 0, N(mp_bounds));
	suite_add_tcase(s, t);
	return s;
}
