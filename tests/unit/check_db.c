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
#include "../../fcgi/plans.h"
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

/* An EXPLAIN result of n rows of (table, type, extra), the other
 * columns filled as MariaDB would. */
static void
plan_rows(struct arena *a, struct dbres *res, size_t n, const char *rows[][3])
{
	size_t	 i, c;

	res->nrows = n;
	res->ncols = PX__N;
	res->cell = arena_alloc(a, sizeof(char *) * (n * PX__N + 1));
	res->len = arena_alloc(a, sizeof(unsigned long) * (n * PX__N + 1));
	ck_assert(res->cell != NULL && res->len != NULL);
	for (i = 0; i < n; i++)
		for (c = 0; c < PX__N; c++) {
			const char *v = c == PX_ID ? "1" : c == PX_SELECT ?
			    "SIMPLE" : c == PX_TABLE ? rows[i][0] :
			    c == PX_TYPE ? rows[i][1] : c == PX_EXTRA ?
			    rows[i][2] : c == PX_ROWS ? "10" : NULL;
			res->cell[i * PX__N + c] = (char *)v;
			res->len[i * PX__N + c] = v ? strlen(v) : 0;
		}
}

/* What plan_judge() passes and what it reports, with its reason. */
START_TEST(test_plan_judge)
{
	static const char *good[][3] = {
		{ "<derived3>", "system", NULL },
		{ "m", "ref", "Using where" },
		{ "u", "eq_ref", NULL },
		{ NULL, NULL, "No tables used" },
	};
	static const char *derived_all[][3] = {
		{ "<derived2>", "ALL", "Using filesort" },
		{ "l", "ref", "Using where" },
	};
	static const char *scan[][3] = { { "t", "index", "Using where" } };
	static const char *all[][3] = { { "a", "ALL", NULL } };
	static const char *sort[][3] = { { "i", "ref", "Using where; Using filesort" } };
	static const char *temp[][3] = { { "e", "ref", "Using temporary" } };
	static const char *empty[][3] = {
		{ NULL, NULL, "Impossible WHERE noticed after reading const tables" },
	};
	struct arena	 a;
	struct dbres	 res = { 0 };
	char		 why[PLAN_WHY_MAX];

	arena_init(&a);
	plan_rows(&a, &res, 4, good);
	ck_assert_int_eq(plan_judge(&res, 0, why, sizeof(why)), 1);
	ck_assert_str_eq(why, "");
	plan_rows(&a, &res, 1, empty);
	ck_assert_int_eq(plan_judge(&res, 0, why, sizeof(why)), 1);
	/* a derived table is read whole; its sort only where allowed */
	plan_rows(&a, &res, 2, derived_all);
	ck_assert_int_eq(plan_judge(&res, 1, why, sizeof(why)), 1);
	ck_assert_int_eq(plan_judge(&res, 0, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "sorts the rows of <derived2>");
	plan_rows(&a, &res, 1, scan);
	ck_assert_int_eq(plan_judge(&res, 1, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "reads all of t (type index)");
	plan_rows(&a, &res, 1, all);
	ck_assert_int_eq(plan_judge(&res, 1, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "reads all of a (type ALL)");
	plan_rows(&a, &res, 1, sort);
	ck_assert_int_eq(plan_judge(&res, 0, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "sorts the rows of i");
	ck_assert_int_eq(plan_judge(&res, 1, why, sizeof(why)), 1);
	plan_rows(&a, &res, 1, temp);
	ck_assert_int_eq(plan_judge(&res, 0, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "builds a temporary table (e)");
	/* not an EXPLAIN at all */
	res.ncols = 3;
	ck_assert_int_eq(plan_judge(&res, 1, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "not an EXPLAIN (3 columns)");
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
	tcase_add_test(t, test_db_retryable);
	tcase_add_test(t, test_db_retry_bounded);
	tcase_add_test(t, test_db_addr_parse);
	tcase_add_test(t, test_plan_judge);
	suite_add_tcase(s, t);
	return s;
}
