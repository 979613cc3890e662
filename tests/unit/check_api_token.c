/*
 * Unit tests of fcgi/api_token.c: the scope table and its bounds by role,
 * the scope each route capability needs, the Authorization header's
 * parser, new tokens, and the per-token rate window, shared by the
 * processes that attach the master's memory (fcgi/shared.c).
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#include "../../fcgi/api_token.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/shared.h"
#include "../../fcgi/token.h"

/* Scope names are unique and parse back; unknown names do not parse. */
START_TEST(test_scope_names)
{
	int	 s, t;

	for (s = 0; s < SCOPE__MAX; s++) {
		ck_assert_str_ne(api_scope_name((enum api_scope)s), "");
		ck_assert_str_ne(api_scope_label((enum api_scope)s), "");
		ck_assert_int_eq(api_scope_parse(api_scope_name((enum api_scope)s)), s);
		for (t = s + 1; t < SCOPE__MAX; t++)
			ck_assert_str_ne(api_scope_name((enum api_scope)s),
			    api_scope_name((enum api_scope)t));
	}
	ck_assert_int_eq(api_scope_parse("read"), SCOPE_READ);
	ck_assert_int_eq(api_scope_parse("scim"), SCOPE_SCIM);
	ck_assert_int_eq(api_scope_parse("READ"), SCOPE_NONE);
	ck_assert_int_eq(api_scope_parse("read "), SCOPE_NONE);
	ck_assert_int_eq(api_scope_parse(""), SCOPE_NONE);
	ck_assert_int_eq(api_scope_parse(NULL), SCOPE_NONE);
	ck_assert_str_eq(api_scope_name(SCOPE_NONE), "");
}
END_TEST

/* What each role may hold: DESIGN §4 read through the scope table. */
START_TEST(test_scope_roles)
{
	static const struct {
		enum role	 role;
		unsigned	 set;
	} want[] = {
		{ ROLE_ADMIN, SCOPE_BIT(SCOPE_READ) | SCOPE_BIT(SCOPE_USERS_WRITE) |
		    SCOPE_BIT(SCOPE_DATA_WRITE) | SCOPE_BIT(SCOPE_BILLING_READ) |
		    SCOPE_BIT(SCOPE_SCIM) },
		{ ROLE_CREATOR, SCOPE_BIT(SCOPE_READ) | SCOPE_BIT(SCOPE_USERS_WRITE) |
		    SCOPE_BIT(SCOPE_DATA_WRITE) },
		{ ROLE_MEMBER, SCOPE_BIT(SCOPE_READ) },
		{ ROLE_AGENT, SCOPE_BIT(SCOPE_READ) },
		{ ROLE_NONE, 0 },
		{ ROLE__MAX, 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_uint_eq(api_scopes_of_role(want[i].role), want[i].set);
	ck_assert(!api_scope_allowed(ROLE_ADMIN, SCOPE_NONE));
	ck_assert(!api_scope_allowed(ROLE_CREATOR, SCOPE_BILLING_READ));
	ck_assert(!api_scope_allowed(ROLE_CREATOR, SCOPE_SCIM));
}
END_TEST

/* The scope a route needs: reads, writes, and what no token reaches. */
START_TEST(test_scope_for)
{
	static const struct {
		enum method	 m;
		enum cap	 cap;
		enum api_scope	 need;
	} cases[] = {
		{ METHOD_GET, CAP_OVERVIEW, SCOPE_READ },
		{ METHOD_HEAD, CAP_OVERVIEW, SCOPE_READ },
		{ METHOD_GET, CAP_INVITE, SCOPE_READ },
		{ METHOD_POST, CAP_INVITE, SCOPE_USERS_WRITE },
		{ METHOD_POST, CAP_MANAGE_USERS, SCOPE_USERS_WRITE },
		{ METHOD_GET, CAP_BILLING, SCOPE_BILLING_READ },
		{ METHOD_POST, CAP_BILLING, SCOPE_NONE },
		{ METHOD_POST, CAP_SCHEMA_DESCRIBE, SCOPE_DATA_WRITE },
		{ METHOD_POST, CAP_LABELS_EDIT, SCOPE_DATA_WRITE },
		{ METHOD_POST, CAP_CSV, SCOPE_DATA_WRITE },
		{ METHOD_GET, CAP_AUDIT, SCOPE_READ },
		{ METHOD_POST, CAP_OVERVIEW, SCOPE_NONE },
		{ METHOD_POST, CAP_REVEAL, SCOPE_NONE },
		{ METHOD_GET, CAP_ROTATE, SCOPE_NONE },
		{ METHOD_POST, CAP_ORG_EDIT, SCOPE_NONE },
		{ METHOD_POST, CAP_TZ_EDIT, SCOPE_NONE },
		{ METHOD_GET, CAP_PROFILE, SCOPE_NONE },
		{ METHOD_POST, CAP_PROFILE, SCOPE_NONE },
		{ METHOD_OTHER, CAP_OVERVIEW, SCOPE_NONE },
		{ METHOD_GET, CAP__MAX, SCOPE_NONE },
	};
	size_t	 i;
	int	 c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(api_scope_for(cases[i].m, cases[i].cap) == cases[i].need,
		    "case %zu", i);
	/* the scim scope reaches no page: SCIM routes check it themselves */
	for (c = 0; c < CAP__MAX; c++) {
		ck_assert(api_scope_for(METHOD_GET, (enum cap)c) != SCOPE_SCIM);
		ck_assert(api_scope_for(METHOD_POST, (enum cap)c) != SCOPE_SCIM);
	}
}
END_TEST

/* The header parser: what it takes and everything it refuses. */
START_TEST(test_parse)
{
	char		 tok[API_TOKEN_LEN + 1], pub[API_TOKEN_PUB_LEN + 1];
	char		 sec[TOKEN_B64_LEN + 1], h[512];
	unsigned char	 hash[HASH_BYTES], h2[HASH_BYTES];
	const char	*good = "stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_";
	static const char *const bad[] = {
		"", "Bearer", "Bearer ", "Bearer  ", "Basic abc",
		"Bearer stw_", "Token stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer sk_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer STW_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_x",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_ ",
		"Bearer stw_ABCDEFGH27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer stw_abcdefgh18_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer stw_abcdefgh27-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\x01-_",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\xff-_",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=-_",
		"Bearer\tstw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearerstw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
		"Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_, "
		    "Bearer stw_abcdefgh27_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
	};
	size_t	 i;

	snprintf(h, sizeof(h), "Bearer %s", good);
	ck_assert_int_eq(api_token_parse(h, pub, sec), 0);
	ck_assert_str_eq(pub, "abcdefgh27");
	ck_assert_str_eq(sec, good + 15);
	snprintf(h, sizeof(h), "bEARER    %s", good);
	ck_assert_int_eq(api_token_parse(h, pub, sec), 0);
	ck_assert_int_eq(api_token_parse(NULL, pub, sec), -1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(api_token_parse(bad[i], pub, sec) == -1, "bad[%zu]", i);
	/* longer than API_AUTH_MAX, even when spaces pad a good token */
	memset(h, ' ', sizeof(h));
	memcpy(h, "Bearer", 6);
	snprintf(h + sizeof(h) - API_TOKEN_LEN - 1, API_TOKEN_LEN + 1, "%s", good);
	ck_assert_int_eq(api_token_parse(h, pub, sec), -1);

	/* a new token parses back; its hash is the secret's */
	api_token_new(tok, pub, hash);
	ck_assert_uint_eq(strlen(tok), API_TOKEN_LEN);
	ck_assert(strncmp(tok, "stw_", 4) == 0);
	ck_assert(strncmp(tok + 4, pub, API_TOKEN_PUB_LEN) == 0);
	snprintf(h, sizeof(h), "Bearer %s", tok);
	ck_assert_int_eq(api_token_parse(h, pub, sec), 0);
	ck_assert_int_eq(token_hash(sec, h2), 0);
	ck_assert(memcmp(hash, h2, HASH_BYTES) == 0);
	api_token_new(h, pub, h2);
	ck_assert_str_ne(h, tok);
	ck_assert(memcmp(hash, h2, HASH_BYTES) != 0);
}
END_TEST

/* The rate window: per_minute requests, then refused until the minute ends. */
START_TEST(test_rate)
{
	int	 i, wait = 0;
	long	 t = 6000000;	/* a minute's start */

	for (i = 0; i < 5; i++)
		ck_assert(api_token_rate_ok(77, t + 10, 5, &wait));
	ck_assert(!api_token_rate_ok(77, t + 10, 5, &wait));
	ck_assert_int_eq(wait, 50);
	ck_assert(api_token_rate_ok(78, t + 10, 5, &wait));	/* another token */
	ck_assert(api_token_rate_ok(77, t + 60, 5, &wait));	/* next minute */
	ck_assert(api_token_rate_ok(77, t + 61, 0, &wait));	/* no limit */
}
END_TEST

/* Runs fn in a child process; 1 when it exited 0. */
static int
in_child(int (*fn)(int), int fd)
{
	pid_t	 pid;
	int	 st;

	if ((pid = fork()) == 0)
		_exit(fn(fd) ? 0 : 1);
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0;
}

/* A worker's share of the test below: attached, two requests of token
 * 91 counted. */
static int
two_requests(int fd)
{
	int	 wait;

	return shared_attach(dup(fd)) == 0 &&
	    api_token_rate_ok(91, 6000010, 5, &wait) &&
	    api_token_rate_ok(91, 6000010, 5, &wait);
}

/* A worker killed while it holds the rate table's lock. */
static int
dies_locked(int fd)
{
	if (shared_attach(dup(fd)) != 0)
		return 0;
	shared_lock(&shared_get()->rate_lock);
	_exit(0);
}

/* Processes attached to the master's memory count a token together (two
 * workers' four requests, then the fifth and the refused sixth here); a
 * holder's death leaves the lock usable (else this test hangs to its
 * timeout). */
START_TEST(test_rate_shared)
{
	int	 fd = shared_create(), wait = 0;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(shared_check(fd), 0);
	ck_assert(in_child(two_requests, fd));
	ck_assert(in_child(two_requests, fd));
	ck_assert(in_child(dies_locked, fd));
	ck_assert_int_eq(shared_attach(fd), 0);
	ck_assert(api_token_rate_ok(91, 6000010, 5, &wait));
	ck_assert(!api_token_rate_ok(91, 6000010, 5, &wait));
	ck_assert_int_eq(wait, 50);
}
END_TEST

/* A memory of another size, or of this size with another layout's tag
 * (at its start), is not attached. */
START_TEST(test_shared_foreign)
{
	int	 fd = memfd_create("foreign", 0), ours = shared_create();
	char	*p;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 4096), 0);
	ck_assert_int_eq(shared_check(fd), -1);
	ck_assert_int_eq(shared_attach(fd), -1);	/* closes fd */
	ck_assert_int_ge(ours, 0);
	p = mmap(NULL, 1, PROT_READ | PROT_WRITE, MAP_SHARED, ours, 0);
	ck_assert(p != MAP_FAILED);
	p[0] ^= 1;
	munmap(p, 1);
	ck_assert_int_eq(shared_check(ours), -1);
	ck_assert_int_eq(shared_attach(ours), -1);	/* closes ours */
	ck_assert_int_eq(shared_attach(-1), -1);
	ck_assert_ptr_nonnull(shared_get());		/* its own copy */
}
END_TEST

Suite *
api_token_suite(void)
{
	Suite	*s = suite_create("api_token");
	TCase	*t = tcase_create("api_token");

	tcase_add_test(t, test_scope_names);
	tcase_add_test(t, test_scope_roles);
	tcase_add_test(t, test_scope_for);
	tcase_add_test(t, test_parse);
	tcase_add_test(t, test_rate);
	tcase_add_test(t, test_rate_shared);
	tcase_add_test(t, test_shared_foreign);
	suite_add_tcase(s, t);
	return s;
}
