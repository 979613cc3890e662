/*
 * Unit tests of fcgi/roles.c: the role/capability table and who may grant
 * which role.
 */
#include "check.h"

#include "../../fcgi/roles.h"

struct rcase {
	enum role	 role;
	enum cap	 cap;
	int		 yes;
};

/* Every cell of DESIGN §4 for the capabilities this build uses. */
static const struct rcase rcases[] = {
	{ ROLE_ADMIN, CAP_REVEAL, 1 }, { ROLE_CREATOR, CAP_REVEAL, 0 },
	{ ROLE_MEMBER, CAP_REVEAL, 0 }, { ROLE_AGENT, CAP_REVEAL, 0 },
	{ ROLE_ADMIN, CAP_INVITE, 1 }, { ROLE_CREATOR, CAP_INVITE, 1 },
	{ ROLE_MEMBER, CAP_INVITE, 0 }, { ROLE_AGENT, CAP_INVITE, 0 },
	{ ROLE_ADMIN, CAP_BILLING, 1 }, { ROLE_CREATOR, CAP_BILLING, 0 },
	{ ROLE_ADMIN, CAP_ORG_VIEW, 1 }, { ROLE_MEMBER, CAP_ORG_VIEW, 1 },
	{ ROLE_AGENT, CAP_ORG_VIEW, 0 }, { ROLE_CREATOR, CAP_ORG_EDIT, 0 },
	{ ROLE_AGENT, CAP_TZ_VIEW, 1 }, { ROLE_CREATOR, CAP_TZ_EDIT, 0 },
	{ ROLE_MEMBER, CAP_SCHEMA_VIEW, 1 }, { ROLE_AGENT, CAP_SCHEMA_VIEW, 0 },
	{ ROLE_CREATOR, CAP_SCHEMA_DESCRIBE, 1 },
	{ ROLE_MEMBER, CAP_SCHEMA_DESCRIBE, 0 },
	{ ROLE_CREATOR, CAP_SCHEMA_DISCARD, 0 },
	{ ROLE_CREATOR, CAP_LABELS_EDIT, 1 }, { ROLE_MEMBER, CAP_LABELS_EDIT, 0 },
	{ ROLE_CREATOR, CAP_CSV, 1 }, { ROLE_MEMBER, CAP_CSV, 0 },
	{ ROLE_MEMBER, CAP_REPORTS, 1 }, { ROLE_AGENT, CAP_REPORTS, 0 },
	{ ROLE_AGENT, CAP_DOWNLOADS, 1 }, { ROLE_CREATOR, CAP_AUDIT, 0 },
	{ ROLE_ADMIN, CAP_AUDIT, 1 }, { ROLE_AGENT, CAP_PROFILE, 1 },
	{ ROLE_NONE, CAP_OVERVIEW, 0 }, { ROLE_AGENT, CAP_OVERVIEW, 1 },
};

START_TEST(test_role_table)
{
	const struct rcase	*c = &rcases[_i];

	ck_assert_msg(role_can(c->role, c->cap) == c->yes, "role %d cap %d",
	    c->role, c->cap);
}
END_TEST

START_TEST(test_role_grant)
{
	ck_assert(role_may_grant(ROLE_ADMIN, ROLE_ADMIN));
	ck_assert(role_may_grant(ROLE_CREATOR, ROLE_CREATOR));
	ck_assert(role_may_grant(ROLE_CREATOR, ROLE_AGENT));
	ck_assert(!role_may_grant(ROLE_CREATOR, ROLE_ADMIN));
	ck_assert(!role_may_grant(ROLE_MEMBER, ROLE_AGENT));
	ck_assert(!role_may_grant(ROLE_ADMIN, ROLE_NONE));
	ck_assert(!role_may_grant(ROLE_ADMIN, ROLE__MAX));
	ck_assert_int_eq(role_parse("creator"), ROLE_CREATOR);
	ck_assert_int_eq(role_parse("Creator"), ROLE_NONE);
	ck_assert_int_eq(role_parse(NULL), ROLE_NONE);
	ck_assert_str_eq(role_name(ROLE_AGENT), "agent");
	ck_assert_str_eq(role_label(ROLE_ADMIN), "Admin");
}
END_TEST

Suite *
roles_suite(void)
{
	Suite	*s = suite_create("roles");
	TCase	*t = tcase_create("roles");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_role_table, 0, N(rcases));
	tcase_add_test(t, test_role_grant);
	suite_add_tcase(s, t);
	return s;
}
