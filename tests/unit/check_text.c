/*
 * Unit tests of fcgi/text.c: address lists, domain lists and their two
 * policies (invitations, report recipients), dates, the next/verify paths;
 * test_profile_helpers also checks throttle.c's lock-out cap.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/text.h"
#include "../../fcgi/throttle.h"

/* invite_split: separators, "Name <addr>", case, duplicates, the limit. */
static const struct {
	const char	*in;
	int		 rc;
	size_t		 n, given;
	const char	*first, *last;
} splits[] = {
	{ "", 0, 0, 0, NULL, NULL },
	{ " ,;\n\r\t ", 0, 0, 0, NULL, NULL },
	{ "a@x.io", 0, 1, 1, "a@x.io", "a@x.io" },
	{ "A@X.IO, b@y.io\nc@z.io;d@w.io", 0, 4, 4, "a@x.io", "d@w.io" },
	{ "a@x.io b@y.io\tc@z.io", 0, 3, 3, "a@x.io", "c@z.io" },
	{ "Ann Lee <Ann@X.io>, \"Bob\" <b@y.io>", 0, 2, 2, "ann@x.io", "b@y.io" },
	{ "a@x.io, A@x.IO,a@x.io", 0, 1, 3, "a@x.io", "a@x.io" },
	{ "not-an-email, a@x.io", 0, 2, 2, "not-an-email", "a@x.io" },
	{ "<  a@x.io  >", 0, 1, 1, "a@x.io", "a@x.io" },
	{ "Zo\xc3\xab <z@x.io>", 0, 1, 1, "z@x.io", "z@x.io" },
	{ "@51", -1, MAX_INVITE_ADDRESSES, 51, NULL, NULL },
	{ "@50", 0, MAX_INVITE_ADDRESSES, 50, NULL, NULL },
	{ "@50DUP", 0, MAX_INVITE_ADDRESSES, 100, NULL, NULL },
};

START_TEST(test_invite_split)
{
	struct arena		 a;
	struct addr_list	 l;
	char			 buf[8192], one[32];
	const char		*in = splits[_i].in;
	int			 k, n;

	arena_init(&a);
	if (in[0] == '@') {
		n = in[1] == '5' && in[2] == '1' ? 51 : 50;
		if (strcmp(in, "@50DUP") == 0)
			n = 100;		/* every address twice */
		buf[0] = '\0';
		for (k = 0; k < n; k++) {
			snprintf(one, sizeof(one), "%su%d@x.io", k ? "," : "",
			    k % (n == 100 ? 50 : n));
			strncat(buf, one, sizeof(buf) - strlen(buf) - 1);
		}
		in = buf;
	}
	ck_assert_int_eq(invite_split(&a, in, &l), splits[_i].rc);
	ck_assert_uint_eq(l.n, splits[_i].n);
	ck_assert_uint_eq(l.given, splits[_i].given);
	if (splits[_i].first != NULL) {
		ck_assert_str_eq(l.v[0], splits[_i].first);
		ck_assert_str_eq(l.v[l.n - 1], splits[_i].last);
	}
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*s;
	int		 ok;
} dates[] = {
	{ "2026-03-29", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 },
	{ "2026-02-29", 0 }, { "1900-02-28", 0 }, { "2100-02-29", 0 },
	{ "2026-04-31", 0 }, { "2026-12-31", 1 }, { "2026-13-01", 0 },
	{ "2026-00-10", 0 }, { "2026-01-00", 0 }, { "2026-1-01", 0 },
	{ "26-01-01", 0 }, { "2026/01/01", 0 }, { "2026-01-01x", 0 },
	{ "", 0 }, { NULL, 0 }, { "1970-01-01", 1 }, { "1969-12-31", 0 },
	{ "2026-0a-01", 0 },
};

START_TEST(test_date_valid)
{
	ck_assert_int_eq(date_ok(dates[_i].s), dates[_i].ok);
}
END_TEST

static const struct {
	const char	*in, *want;	/* want NULL: refused */
	const char	*bad;		/* the entry named as bad */
} domain_lists[] = {
	{ "", "", NULL },
	{ "  ", "", NULL },
	{ "example.com", "example.com", NULL },
	{ " Example.COM , example.org,,", "example.com, example.org", NULL },
	{ "a.io, A.IO, b.io, a.io", "a.io, b.io", NULL },
	{ "sub.example.co.uk", "sub.example.co.uk", NULL },
	{ "localhost", NULL, "localhost" },
	{ "example.com, not a domain", NULL, "not a domain" },
	{ "@example.com", NULL, "@example.com" },
	{ "-bad.com", NULL, "-bad.com" },
	{ "exa_mple.com", NULL, "exa_mple.com" },
	{ "example.com;evil.com", NULL, "example.com;evil.com" },
	{ "a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,"
	  "a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,"
	  "a20.io", "a1.io, a2.io, a3.io, a4.io, a5.io, a6.io, a7.io, a8.io, "
	  "a9.io, a10.io, a11.io, a12.io, a13.io, a14.io, a15.io, a16.io, "
	  "a17.io, a18.io, a19.io, a20.io", NULL },
	{ "a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,"
	  "a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,"
	  "a20.io,a21.io", NULL, "" },
};

START_TEST(test_acct_domains)
{
	struct arena	 a;
	char		*out = NULL;
	const char	*bad = NULL;
	int		 rc;

	arena_init(&a);
	rc = domains_normalise(&a, domain_lists[_i].in, &out, &bad);
	if (domain_lists[_i].want != NULL) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, domain_lists[_i].want);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(bad);
		ck_assert_str_eq(bad, domain_lists[_i].bad);
	}
	arena_reset(&a);
}
END_TEST

START_TEST(test_acct_domain_allowed)
{
	/* the list the Organization page stores is the one the users part's
	 * invite check reads: exact domains, no subdomains */
	static const struct {
		const char	*typed, *email;
		int		 ok;
	} rows[] = {
		{ "", "anyone@anywhere.org", 1 },
		{ " Example.COM , example.org", "ann@example.com", 1 },
		{ " Example.COM , example.org", "ann@EXAMPLE.org", 1 },
		{ " Example.COM , example.org", "ann@eu.example.com", 0 },
		{ " Example.COM , example.org", "ann@badexample.com", 0 },
		{ " Example.COM , example.org", "ann@example.com.evil.org", 0 },
		{ "example.com", "no-at-sign", 0 },
	};
	struct arena	 a;
	char		*list;
	const char	*bad;
	size_t		 i;

	arena_init(&a);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(domains_normalise(&a, rows[i].typed, &list, &bad), 0);
		ck_assert_msg(domains_allow_invite(list, rows[i].email) == rows[i].ok,
		    "%s in [%s]", rows[i].email, list);
	}
	arena_reset(&a);
	ck_assert(domain_listed("a.com, b.com", "b.com"));
	ck_assert(!domain_listed("a.com, bb.com", "b.com"));
	ck_assert(!domain_listed("a.com.au", "a.com"));
}
END_TEST

START_TEST(test_profile_helpers)
{
	struct arena	 a;

	/* 2^(13 - 3) = 1024 is the first delay at the 900 s cap */
	ck_assert_int_eq(throttle_cap_failures(), 13);
	arena_init(&a);
	ck_assert_str_eq(verify_location(&a, "/settings"), "/login/verify");
	ck_assert_str_eq(verify_location(&a, NULL), "/login/verify");
	ck_assert_str_eq(verify_location(&a, "//evil.example.com"),
	    "/login/verify");
	ck_assert_str_eq(verify_location(&a, "/settings/users?page=2&q=a"),
	    "/login/verify?next=/settings/users%3Fpage%3D2%26q%3Da");
	ck_assert_str_eq(next_path("/login/verify"), "/settings");
	ck_assert_str_eq(next_path("/settings/profile"), "/settings/profile");
	arena_reset(&a);
}
END_TEST

/*
 * One list, two policies: the same entries allow the same addresses (a
 * leading '@', any case, commas, semicolons or white space between; no
 * subdomains); an empty list allows any invitation and no outside
 * report recipient.
 */
static const struct {
	const char	*list, *email;
	int		 invite, recipient;
} domain_cases[] = {
	{ "", "a@x.io", 1, 0 },
	{ NULL, "a@x.io", 1, 0 },
	{ " , ;\n", "a@x.io", 1, 0 },
	{ "x.io", "a@x.io", 1, 1 },
	{ "x.io", "a@X.IO", 1, 1 },
	{ "X.IO", "a@x.io", 1, 1 },
	{ "@x.io", "a@x.io", 1, 1 },
	{ "@Example.com; other.org", "bob@other.org", 1, 1 },
	{ "y.io, x.io", "a@x.io", 1, 1 },
	{ "y.io\nx.io", "a@x.io", 1, 1 },
	{ "y.io;x.io", "a@x.io", 1, 1 },
	{ "y.io x.io", "a@sub.x.io", 0, 0 },
	{ "sub.x.io", "a@x.io", 0, 0 },
	{ "x.io", "a@x.io.evil.com", 0, 0 },
	{ "x.io", "a@evilx.io", 0, 0 },
	{ "x.io", "x.io", 0, 0 },
	{ "x.io", NULL, 0, 0 },
	{ "", "trailing@", 0, 0 },
	{ "x.io", "a@b@x.io", 1, 1 },	/* the validator refuses it first */
};

START_TEST(test_domain_policies)
{
	const char	*list = domain_cases[_i].list, *email = domain_cases[_i].email;

	ck_assert_msg(domains_allow_invite(list, email) == domain_cases[_i].invite,
	    "invite %s in [%s]", email ? email : "NULL", list ? list : "NULL");
	ck_assert_msg(domains_allow_recipient(list, email) ==
	    domain_cases[_i].recipient, "recipient %s in [%s]",
	    email ? email : "NULL", list ? list : "NULL");
}
END_TEST

/* The arguments of a request and the one email normaliser. */
START_TEST(test_arguments)
{
	struct arena	 a;
	uint64_t	 id = 7;
	long		 n = 0;
	char		 max[32];

	ck_assert_int_eq(arg_id("42", &id), RC_OK);
	ck_assert_uint_eq(id, 42);
	ck_assert_int_eq(arg_id("9223372036854775807", &id), RC_OK);
	ck_assert_int_eq(arg_id("0", &id), RC_ERROR);
	ck_assert_int_eq(arg_id("042", &id), RC_ERROR);
	ck_assert_int_eq(arg_id("-1", &id), RC_ERROR);
	ck_assert_int_eq(arg_id("12345678901234567890", &id), RC_ERROR);
	ck_assert_int_eq(arg_id(NULL, &id), RC_ERROR);

	snprintf(max, sizeof(max), "%d", MAX_LIST_PAGE);
	ck_assert_int_eq(page_parse(max, &n), RC_OK);
	ck_assert_int_eq(n, MAX_LIST_PAGE);
	snprintf(max, sizeof(max), "%d", MAX_LIST_PAGE + 1);
	ck_assert_int_eq(page_parse(max, &n), RC_ERROR);
	ck_assert_int_eq(page_arg(max), 1);
	ck_assert_int_eq(page_arg("3"), 3);
	ck_assert_int_eq(page_arg("0"), 1);
	ck_assert_int_eq(page_arg("2x"), 1);
	ck_assert_int_eq(page_arg(""), 1);
	ck_assert_int_eq(page_arg(NULL), 1);

	ck_assert_str_eq(next_path("/settings/users?page=2"), "/settings/users?page=2");
	ck_assert_str_eq(next_path("//evil.example/"), "/settings");
	ck_assert_str_eq(next_path("/login?next=/x"), "/settings");
	ck_assert_str_eq(next_path(NULL), "/settings");

	arena_init(&a);
	ck_assert_str_eq(email_normalise(&a, " \tAnn@Example.COM\r\n"),
	    "ann@example.com");
	ck_assert_str_eq(email_normalise(&a, NULL), "");
	ck_assert_str_eq(email_normalise_n(&a, "B@X.io trailing", 6), "b@x.io");
	arena_reset(&a);
}
END_TEST

Suite *
text_suite(void)
{
	Suite	*s = suite_create("text");
	TCase	*t = tcase_create("text");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_invite_split, 0, N(splits));
	tcase_add_loop_test(t, test_date_valid, 0, N(dates));
	tcase_add_loop_test(t, test_acct_domains, 0, N(domain_lists));
	tcase_add_test(t, test_acct_domain_allowed);
	tcase_add_test(t, test_profile_helpers);
	tcase_add_loop_test(t, test_domain_policies, 0, N(domain_cases));
	tcase_add_test(t, test_arguments);
	suite_add_tcase(s, t);
	return s;
}
