/*
 * Unit tests of fcgi/db.c that need no server: the rows of an
 * array-bound execution (db_rows_*), what db_exec_rows() answers
 * before it reaches the connection, and which errors are retried.
 */
#include <string.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/db.h"
#include "../../fcgi/db_addr.h"
#include "../../fcgi/limits.h"
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
	/* rows returned (a SELECT, INSERT … RETURNING): one chunk at most */
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, &res, NULL), RC_DOWN);
	while (rs.n <= DB_BULK_ROWS && !rs.failed)
		db_rows_add(&rs, (uint64_t)rs.n + 1);
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, &res, NULL), RC_ERROR);
	ck_assert_uint_eq(res.nrows, 0);
	/* a bad type */
	db_rows_init(&rs, &a, "ux");
	db_rows_add(&rs, (uint64_t)1, 2);
	ck_assert(rs.failed);
	ck_assert_int_eq(db_exec_rows(&db, STMT_EVENT_LOG_NEW, &rs, NULL, NULL), RC_ERROR);
	arena_reset(&a);
}
END_TEST

/* The classification: conflicts of concurrent writers are tried again,
 * nothing else (a constraint, a bug, a lost server) ever is. */
START_TEST(test_db_retryable)
{
	static const struct {
		unsigned int	 err;
		int		 retry;
	} t[] = {
		{ ER_LOCK_DEADLOCK, 1 },	/* 1213, and Galera's certification failure */
		{ ER_LOCK_WAIT_TIMEOUT, 1 },	/* 1205 */
		{ ER_AUTOINC_READ_FAILED, 1 },	/* 1467: INSERT … SELECT */
		{ ER_CHECKREAD, 1 },		/* 1020 */
		{ ER_UNKNOWN_COM_ERROR, 1 },	/* 1047: WSREP not prepared */
		{ 0, 0 },
		{ ER_DUP_ENTRY, 0 },		/* 1062: a duplicate is RC_DUP */
		{ ER_NO_REFERENCED_ROW_2, 0 },	/* 1452: a foreign key */
		{ ER_DATA_TOO_LONG, 0 },	/* 1406 */
		{ ER_PARSE_ERROR, 0 },		/* 1064: a bug */
		{ ER_NO_SUCH_TABLE, 0 },	/* 1146 */
		{ ER_LOCK_OR_ACTIVE_TRANSACTION, 0 },
		{ CR_SERVER_GONE_ERROR, 0 },	/* 2006: reconnected, never replayed */
		{ CR_SERVER_LOST, 0 },		/* 2013: a commit may have landed */
		{ ER_CONNECTION_KILLED, 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(db_retryable(t[i].err) == t[i].retry,
		    "error %u: retryable %d, expected %d", t[i].err,
		    db_retryable(t[i].err), t[i].retry);
}
END_TEST

/* db_retry(): only after a conflict, and at most DB_TXN_TRIES tries. */
START_TEST(test_db_retry_bounded)
{
	struct db	 db;
	struct db_retry	 rt = { 0, 0 };
	int		 again = 0;

	memset(&db, 0, sizeof(db));
	ck_assert_int_eq(db_retry(&db, &rt), 0);	/* no conflict: never */
	memset(&rt, 0, sizeof(rt));
	db_conflict(&db);
	ck_assert_int_eq(db.conflict, 1);
	while (db_retry(&db, &rt))
		again++;
	ck_assert_int_eq(again, DB_TXN_TRIES - 1);
	ck_assert_int_eq(rt.tries, DB_TXN_TRIES);
	ck_assert_int_eq(db_retry(&db, &rt), 0);	/* spent stays spent */
}
END_TEST

/* db_fallback: sockets and host:port in order; every bad list refused. */
START_TEST(test_db_addr_parse)
{
	static const char *const bad[] = {
		",", "/a,", ",/a", "/a,,/b", "host", "host:", ":3306",
		"host:0", "host:65536", "host:99999999999", "host:33x",
		"host:1:2", "ho st:3306", "/a b", "/a\tb", "host:3306\n,/b",
		"/1,/2,/3,/4,/5,/6,/7,/8,/9",
	};
	struct db_addr	 a[DB_FALLBACK_MAX];
	char		 err[128], longer[DB_ADDR_MAX + 8];
	size_t		 i;

	ck_assert_int_eq(db_addr_parse(NULL, a, DB_FALLBACK_MAX, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(db_addr_parse("  ", a, DB_FALLBACK_MAX, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(db_addr_parse(" /run/n2.sock , 10.0.0.3:3307,db4:1",
	    a, DB_FALLBACK_MAX, err, sizeof(err)), 3);
	ck_assert_str_eq(a[0].host, "/run/n2.sock");
	ck_assert_int_eq(a[0].port, 0);
	ck_assert_str_eq(a[1].host, "10.0.0.3");
	ck_assert_int_eq(a[1].port, 3307);
	ck_assert_str_eq(a[2].host, "db4");
	ck_assert_int_eq(a[2].port, 1);
	ck_assert_int_eq(db_addr_parse("h:65535", a, 1, err, sizeof(err)), 1);
	ck_assert_int_eq(a[0].port, 65535);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ck_assert_msg(db_addr_parse(bad[i], a, DB_FALLBACK_MAX, err,
		    sizeof(err)) == -1, "accepted '%s'", bad[i]);
		ck_assert_msg(strncmp(err, "db_fallback: ", 13) == 0,
		    "no message for '%s'", bad[i]);
	}
	/* one more than fits: refused, not cut */
	ck_assert_int_eq(db_addr_parse("/a,/b", a, 1, err, sizeof(err)), -1);
	memset(longer, 'x', sizeof(longer) - 1);
	longer[0] = '/';
	longer[DB_ADDR_MAX] = '\0';
	ck_assert_int_eq(db_addr_parse(longer, a, DB_FALLBACK_MAX, err,
	    sizeof(err)), -1);
	longer[DB_ADDR_MAX - 1] = '\0';
	ck_assert_int_eq(db_addr_parse(longer, a, DB_FALLBACK_MAX, err,
	    sizeof(err)), 1);
	ck_assert_uint_eq(strlen(a[0].host), DB_ADDR_MAX - 1);
}
END_TEST

Suite *
db_suite(void)
{
	Suite	*s = suite_create("db");
	TCase	*t = tcase_create("db");

	tcase_add_test(t, test_db_rows);
	tcase_add_test(t, test_db_rows_refused);
	tcase_add_test(t, test_db_retryable);
	tcase_add_test(t, test_db_retry_bounded);
	tcase_add_test(t, test_db_addr_parse);
	suite_add_tcase(s, t);
	return s;
}
