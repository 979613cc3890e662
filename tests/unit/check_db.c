/*
 * Unit tests of fcgi/db.c that need no server: the rows of an
 * array-bound execution (db_rows_*) and what db_exec_rows() answers
 * before it reaches the connection.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/db.h"
#include "../../fcgi/rc.h"

START_TEST(test_db_rows)
{
	struct arena	 a;
	struct dbrows	 rs;
	const char	*s;
	size_t		 i;

	arena_init(&a);
	db_rows_init(&rs, &a, "uibs");
	ck_assert_uint_eq(rs.ncols, 4);
	/* more rows than the first capacity: the columns are copied */
	for (i = 0; i < 200; i++)
		db_rows_add(&rs, (uint64_t)i, (long long)-i, "bytes", (size_t)3,
		    i % 2 ? "odd" : "even");
	ck_assert(!rs.failed);
	ck_assert_uint_eq(rs.n, 200);
	ck_assert_int_eq(((long long *)rs.col[0])[199], 199);
	ck_assert_int_eq(((long long *)rs.col[1])[150], -150);
	ck_assert_uint_eq(rs.len[2][7], 3);
	s = ((const char **)rs.col[3])[7];
	ck_assert_str_eq(s, "odd");
	ck_assert_uint_eq(rs.len[3][8], 4);
	/* a row set column by column */
	db_rows_next(&rs);
	db_rows_set(&rs, 3, "last");
	db_rows_set(&rs, 0, (uint64_t)42);
	ck_assert_uint_eq(rs.n, 201);
	ck_assert_int_eq(((long long *)rs.col[0])[200], 42);
	ck_assert_str_eq(((const char **)rs.col[3])[200], "last");
	ck_assert(!rs.failed);
	db_rows_set(&rs, 4, "no such column");
	ck_assert(rs.failed);
	arena_reset(&a);
}
END_TEST

START_TEST(test_db_rows_refused)
{
	struct arena	 a;
	struct dbrows	 rs;
	struct dbres	 res;
	struct db	 db;
	uint64_t	 aff = 99;

	arena_init(&a);
	memset(&db, 0, sizeof(db));
	db_rows_init(&rs, &a, "u");
	/* no rows: nothing to do, nothing affected */
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, NULL, &aff), RC_OK);
	ck_assert_uint_eq(aff, 0);
	db_rows_add(&rs, (uint64_t)1);
	/* no connection */
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, NULL, NULL), RC_DOWN);
	db_rows_add(&rs, (uint64_t)2);
	/* rows of a SELECT: one row only */
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, &res, NULL), RC_ERROR);
	/* a bad type */
	db_rows_init(&rs, &a, "ux");
	db_rows_add(&rs, (uint64_t)1, 2);
	ck_assert(rs.failed);
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, NULL, NULL), RC_ERROR);
	arena_reset(&a);
}
END_TEST

Suite *
db_suite(void)
{
	Suite	*s = suite_create("db");
	TCase	*t = tcase_create("db");

	tcase_add_test(t, test_db_rows);
	tcase_add_test(t, test_db_rows_refused);
	suite_add_tcase(s, t);
	return s;
}
