/*
 * MariaDB: one connection per thread, every statement of Steward prepared
 * once from the table below, a reconnect and re-prepare when the server
 * went away (2006/2013) outside a transaction.  No SQL is ever built from
 * strings.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errmsg.h>
#include <mysqld_error.h>
#include <sodium.h>

#include "db.h"
#include "db_int.h"
#include "arena.h"
#include "conf.h"
#include "limits.h"
#include "log.h"
#include "rc.h"

#define CELL_MIN	64	/* room for numbers and DATETIME(6) as text */

/* The statement table: STMT(ID, SQL) entries, one file a subject. */
static const char *const stmts[STMT__MAX] = {
#define STMT(id, sql)	[id] = sql,
#include "tables/stmts.def"
#undef STMT
};

/* Closes the connection and every statement; the struct can be reopened. */
void
db_close(struct db *db)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++)
		if (db->st[i] != NULL) {
			mysql_stmt_close(db->st[i]);
			db->st[i] = NULL;
		}
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->in_tx = 0;
}

/*
 * Closes a connection that died.  A transaction open on it is gone too,
 * but stays marked open (in_tx with my NULL) until its caller ends it
 * (db_rollback, db_commit or db_begin): its later statements fail
 * instead of running alone, committed one by one, on a new connection.
 */
static void
db_lose(struct db *db)
{
	int	 in_tx = db->in_tx;

	db_close(db);
	db->in_tx = in_tx;
}

/*
 * Prepares statement id on the open connection unless it is already;
 * sets *gone when the connection died.  Returns an rc.
 */
static int
db_prepare(struct db *db, enum stmt id, int *gone)
{
	my_bool		 yes = 1;
	unsigned int	 err;

	if (db->st[id] != NULL)
		return RC_OK;
	if ((db->st[id] = mysql_stmt_init(db->my)) == NULL)
		return RC_ERROR;
	mysql_stmt_attr_set(db->st[id], STMT_ATTR_UPDATE_MAX_LENGTH, &yes);
	if (mysql_stmt_prepare(db->st[id], stmts[id], strlen(stmts[id])) == 0)
		return RC_OK;
	err = mysql_stmt_errno(db->st[id]);
	log_error("prepare %d: %s", (int)id, mysql_stmt_error(db->st[id]));
	mysql_stmt_close(db->st[id]);
	db->st[id] = NULL;
	if (db_gone(err)) {
		*gone = 1;
		return RC_DOWN;
	}
	return RC_ERROR;
}

/*
 * Prepares every statement of the table (steward-admin migrate checks
 * them against the migrated schema).  -1 at the first that fails.
 */
int
db_prepare_all(struct db *db)
{
	size_t	 i;
	int	 gone = 0;

	if (db->my == NULL && db_open(db) == -1)
		return -1;
	for (i = 0; i < STMT__MAX; i++)
		if (db_prepare(db, (enum stmt)i, &gone) != RC_OK)
			return -1;
	return 0;
}

/* Reads every row of an executed statement into res (strings, in a). */
static int
db_fetch(MYSQL_STMT *st, struct arena *a, struct dbres *res)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	MYSQL_BIND	*b;
	my_bool		*isnull;
	unsigned long	*lens;
	size_t		 c, r, sz;
	char		**bufs;
	int		 rc = -1, frc;

	memset(res, 0, sizeof(*res));
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return 0;
	res->ncols = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	if (mysql_stmt_store_result(st))
		goto out;
	res->nrows = (size_t)mysql_stmt_num_rows(st);
	b = arena_alloc(a, sizeof(*b) * res->ncols);
	isnull = arena_alloc(a, sizeof(*isnull) * res->ncols);
	lens = arena_alloc(a, sizeof(*lens) * res->ncols);
	bufs = arena_alloc(a, sizeof(*bufs) * res->ncols);
	res->cell = arena_alloc(a, sizeof(char *) * (res->nrows * res->ncols + 1));
	res->len = arena_alloc(a, sizeof(unsigned long) * (res->nrows * res->ncols + 1));
	if (!b || !isnull || !lens || !bufs || !res->cell || !res->len)
		goto out;
	memset(b, 0, sizeof(*b) * res->ncols);
	for (c = 0; c < res->ncols; c++) {
		sz = f[c].max_length > CELL_MIN ? f[c].max_length : CELL_MIN;
		if ((bufs[c] = arena_alloc(a, sz + 1)) == NULL)
			goto out;
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs[c];
		b[c].buffer_length = sz + 1;
		b[c].is_null = &isnull[c];
		b[c].length = &lens[c];
	}
	if (mysql_stmt_bind_result(st, b))
		goto out;
	for (r = 0; r < res->nrows; r++) {
		frc = mysql_stmt_fetch(st);
		if (frc != 0)	/* MYSQL_DATA_TRUNCATED cannot happen: sized */
			goto out;
		for (c = 0; c < res->ncols; c++) {
			size_t i = r * res->ncols + c;
			res->len[i] = isnull[c] ? 0 : lens[c];
			res->cell[i] = isnull[c] ? NULL :
			    arena_strndup(a, bufs[c], lens[c]);
			if (!isnull[c] && res->cell[i] == NULL)
				goto out;
		}
	}
	rc = 0;
out:
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	return rc;
}

/* Binds the parameters described by types from ap; -1 on a mismatch. */
static int
db_bind(MYSQL_STMT *st, struct arena *a, const char *types, va_list ap,
    long long *ints)
{
	MYSQL_BIND	*b;
	size_t		 n = strlen(types), i;
	const char	*s;

	if (n != mysql_stmt_param_count(st))
		return -1;
	if (n == 0)
		return 0;
	if ((b = arena_alloc(a, sizeof(*b) * n)) == NULL)
		return -1;
	memset(b, 0, sizeof(*b) * n);
	for (i = 0; i < n; i++) {
		switch (types[i]) {
		case 's':	/* NUL-terminated text, NULL for SQL NULL */
			s = va_arg(ap, const char *);
			b[i].buffer_type = s ? MYSQL_TYPE_STRING : MYSQL_TYPE_NULL;
			b[i].buffer = (void *)s;
			b[i].buffer_length = s ? strlen(s) : 0;
			break;
		case 'b':	/* bytes: pointer, size_t length */
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = va_arg(ap, void *);
			b[i].buffer_length = va_arg(ap, size_t);
			break;
		case 'i':	/* long long */
			ints[i] = va_arg(ap, long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			break;
		case 'u':	/* uint64_t id; 'n': the same, 0 for NULL */
		case 'n':
			ints[i] = (long long)va_arg(ap, uint64_t);
			b[i].buffer_type = types[i] == 'n' && ints[i] == 0 ?
			    MYSQL_TYPE_NULL : MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			b[i].is_unsigned = 1;
			break;
		default:
			return -1;
		}
	}
	return mysql_stmt_bind_param(st, b) ? -1 : 0;
}

/* One attempt at executing; sets *gone when the connection died. */
static int
db_try(struct db *db, struct arena *a, enum stmt id, struct dbres *res,
    uint64_t *affected, uint64_t *insert_id, const char *types, va_list ap,
    int *gone)
{
	MYSQL_STMT	*st;
	long long	 ints[32];
	unsigned int	 err;
	int		 rc;

	*gone = 0;
	if (db->in_tx && db->my == NULL)	/* its transaction died */
		return RC_DOWN;
	if (!db->in_tx)
		db->conflict = 0;
	db_maybe_return(db);
	if (db->my == NULL && db_open(db) == -1) {
		*gone = 1;
		return RC_DOWN;
	}
	if ((rc = db_prepare(db, id, gone)) != RC_OK) {
		if (*gone)
			db_lost_in_tx(db);
		return rc;
	}
	st = db->st[id];
	if (strlen(types) > 32 || db_bind(st, a, types, ap, ints) == -1) {
		log_error("statement %d: bad parameters", (int)id);
		return RC_ERROR;
	}
	if (mysql_stmt_execute(st) != 0) {
		err = mysql_stmt_errno(st);
		if (db_gone(err)) {
			*gone = 1;
			db_lost_in_tx(db);
			return RC_DOWN;
		}
		if (err == ER_DUP_ENTRY)
			return RC_DUP;
		db_failed(db, (int)id, err, mysql_stmt_error(st));
		return RC_ERROR;
	}
	if (affected)
		*affected = (uint64_t)mysql_stmt_affected_rows(st);
	if (insert_id)
		*insert_id = (uint64_t)mysql_stmt_insert_id(st);
	if (res != NULL && db_fetch(st, a, res) == -1) {
		err = mysql_stmt_errno(st);
		if (db_gone(err)) {
			*gone = 1;
			db_lost_in_tx(db);
			return RC_DOWN;
		}
		log_error("statement %d: fetch: %s", (int)id, mysql_stmt_error(st));
		return RC_ERROR;
	}
	if (res == NULL)
		mysql_stmt_free_result(st);
	return RC_OK;
}

/*
 * One statement as db_exec() runs it, parameters from ap: outside a
 * transaction a lost connection is reopened and the statement tried once
 * more; inside one, the transaction is lost with it (db_lose).  Returns
 * an rc.
 */
static int
db_execv(struct db *db, struct arena *a, enum stmt id, struct dbres *res,
    uint64_t *affected, uint64_t *insert_id, const char *types, va_list ap)
{
	va_list	 aq;
	int	 rc, gone;

	va_copy(aq, ap);
	rc = db_try(db, a, id, res, affected, insert_id, types, aq, &gone);
	va_end(aq);
	if (!gone || db->in_tx)
		goto out;
	db_close(db);
	va_copy(aq, ap);
	rc = db_try(db, a, id, res, affected, insert_id, types, aq, &gone);
	va_end(aq);
out:
	if (gone) {
		log_error("database unreachable");
		db_lose(db);
	}
	return rc;
}

/*
 * Executes statement id with parameters described by types ('s' string,
 * 'b' bytes + size_t, 'i' long long, 'u' uint64_t, 'n' uint64_t or NULL
 * when 0).  Rows, when res is not NULL, land in res as strings in the
 * arena.  Outside a transaction a lost connection is reopened and the
 * statement tried once more, and a conflict (db_retryable) tries it again
 * as db_txn() does; inside one, a conflict sets db->conflict and fails,
 * for db_txn() to try the whole transaction again.  Returns an rc.
 */
int
db_exec(struct db *db, struct arena *a, enum stmt id, struct dbres *res,
    uint64_t *affected, uint64_t *insert_id, const char *types, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, types);
	rc = db_vexec(db, a, id, res, affected, insert_id, types, ap);
	va_end(ap);
	return rc;
}

/* db_exec() with its parameters in ap (left for the caller to va_end). */
int
db_vexec(struct db *db, struct arena *a, enum stmt id, struct dbres *res,
    uint64_t *affected, uint64_t *insert_id, const char *types, va_list ap)
{
	struct db_retry	 rt = { 0, 0 };
	int		 rc;

	do
		rc = db_execv(db, a, id, res, affected, insert_id, types, ap);
	while (rc != RC_OK && !db->in_tx && db_retry(db, &rt));
	return rc;
}

/*
 * EXPLAIN of statement id with its parameters as text (vals, one per
 * character of types: 's' bound as text, 'i' and 'u' as integers, NULL
 * as SQL NULL), into res: MariaDB's plan rows (id, select_type, table,
 * type, possible_keys, key, key_len, ref, rows, Extra).  Prepared on its
 * own statement handle, closed again; the statement itself never runs.
 * Returns an rc.
 */
int
db_explain(struct db *db, struct arena *a, enum stmt id, const char *types,
    const char *const *vals, struct dbres *res)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	*b;
	long long	*ints;
	size_t		 n = strlen(types), i;
	char		*sql;
	my_bool		 yes = 1;
	int		 rc = RC_ERROR;

	memset(res, 0, sizeof(*res));
	if (db->my == NULL || (st = mysql_stmt_init(db->my)) == NULL)
		return RC_DOWN;
	sql = arena_printf(a, "EXPLAIN %s", stmts[id]);
	b = arena_alloc(a, sizeof(*b) * (n + 1));
	ints = arena_alloc(a, sizeof(*ints) * (n + 1));
	if (sql == NULL || b == NULL || ints == NULL)
		goto out;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &yes);
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		log_error("EXPLAIN of statement %d: %s", (int)id,
		    mysql_stmt_error(st));
		goto out;
	}
	if (n != mysql_stmt_param_count(st)) {
		log_error("EXPLAIN of statement %d: %zu parameters given, "
		    "%lu wanted", (int)id, n, mysql_stmt_param_count(st));
		goto out;
	}
	memset(b, 0, sizeof(*b) * (n + 1));
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL) {
			b[i].buffer_type = MYSQL_TYPE_NULL;
			continue;
		}
		if (types[i] == 's') {
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)vals[i];
			b[i].buffer_length = strlen(vals[i]);
			continue;
		}
		ints[i] = strtoll(vals[i], NULL, 10);
		b[i].buffer_type = MYSQL_TYPE_LONGLONG;
		b[i].buffer = &ints[i];
	}
	if ((n > 0 && mysql_stmt_bind_param(st, b)) || mysql_stmt_execute(st) ||
	    db_fetch(st, a, res) == -1) {
		log_error("EXPLAIN of statement %d: %s", (int)id,
		    mysql_stmt_error(st));
		goto out;
	}
	rc = RC_OK;
out:
	mysql_stmt_close(st);
	return rc;
}

/*
 * Starts rows of parameters of the given types ('s' text, 'b' bytes +
 * size_t, 'i' long long, 'u' uint64_t) in arena a.  Never fails:
 * exhaustion is noted and answered by db_exec_rows().
 */
void
db_rows_init(struct dbrows *rs, struct arena *a, const char *types)
{
	memset(rs, 0, sizeof(*rs));
	rs->a = a;
	rs->types = types;
	rs->ncols = strlen(types);
}

/* Room for one more row: the column arrays doubled when full.  -1 on
 * exhaustion. */
static int
db_rows_grow(struct dbrows *rs)
{
	void		**col;
	unsigned long	**len;
	size_t		 c, cap = rs->cap ? rs->cap * 2 : 64;

	if (rs->n < rs->cap)
		return 0;
	col = arena_alloc(rs->a, rs->ncols * sizeof(*col));
	len = arena_alloc(rs->a, rs->ncols * sizeof(*len));
	if (col == NULL || len == NULL)
		return -1;
	for (c = 0; c < rs->ncols; c++) {
		/* long long and pointers: 8 bytes a value either way */
		col[c] = arena_alloc(rs->a, cap * sizeof(long long));
		len[c] = arena_alloc(rs->a, cap * sizeof(unsigned long));
		if (col[c] == NULL || len[c] == NULL)
			return -1;
		if (rs->n) {
			memcpy(col[c], rs->col[c], rs->n * sizeof(long long));
			memcpy(len[c], rs->len[c], rs->n * sizeof(unsigned long));
		}
	}
	rs->col = col;
	rs->len = len;
	rs->cap = cap;
	return 0;
}

/* Sets column c of the last row of rs from ap (its type's value). */
static void
db_rows_setv(struct dbrows *rs, size_t c, va_list *ap)
{
	size_t		 i = rs->n - 1;
	const char	*s;

	switch (rs->types[c]) {
	case 's':
		s = va_arg(*ap, const char *);
		((const void **)rs->col[c])[i] = s;
		rs->len[c][i] = strlen(s);
		break;
	case 'b':
		((const void **)rs->col[c])[i] = va_arg(*ap, const void *);
		rs->len[c][i] = (unsigned long)va_arg(*ap, size_t);
		break;
	case 'i':
		((long long *)rs->col[c])[i] = va_arg(*ap, long long);
		break;
	case 'u':
		((long long *)rs->col[c])[i] = (long long)va_arg(*ap, uint64_t);
		break;
	default:
		rs->failed = 1;
	}
}

/* Starts one more row of rs, its columns set by db_rows_set(). */
void
db_rows_next(struct dbrows *rs)
{
	if (rs->failed || db_rows_grow(rs) == -1) {
		rs->failed = 1;
		return;
	}
	rs->n++;
}

/* Sets column col of the row last started: one value of its type. */
void
db_rows_set(struct dbrows *rs, size_t col, ...)
{
	va_list	 ap;

	if (rs->failed || rs->n == 0 || col >= rs->ncols) {
		rs->failed = 1;
		return;
	}
	va_start(ap, col);
	db_rows_setv(rs, col, &ap);
	va_end(ap);
}

/*
 * Adds one row: the values of the types given to db_rows_init(), as
 * db_exec() takes them.  Texts and bytes are not copied: they must live
 * until the rows are executed.
 */
void
db_rows_add(struct dbrows *rs, ...)
{
	va_list		 ap;
	size_t		 c;

	db_rows_next(rs);
	if (rs->failed)
		return;
	va_start(ap, rs);
	for (c = 0; c < rs->ncols; c++)
		db_rows_setv(rs, c, &ap);
	va_end(ap);
}

/*
 * Binds rows [first, first + n) of rs to st: column-wise arrays when n
 * is more than 1, the plain values of one row otherwise.  -1 on failure.
 */
static int
db_bind_rows(MYSQL_STMT *st, struct arena *a, const struct dbrows *rs,
    size_t first, unsigned int n)
{
	MYSQL_BIND	*b;
	unsigned int	 size = n > 1 ? n : 0;
	size_t		 c;
	int		 text;

	if (rs->ncols != mysql_stmt_param_count(st) ||
	    mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &size))
		return -1;
	if ((b = arena_alloc(a, rs->ncols * sizeof(*b))) == NULL)
		return -1;
	memset(b, 0, rs->ncols * sizeof(*b));
	for (c = 0; c < rs->ncols; c++) {
		text = rs->types[c] == 's' || rs->types[c] == 'b';
		b[c].buffer_type = rs->types[c] == 's' ? MYSQL_TYPE_STRING :
		    rs->types[c] == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_LONGLONG;
		b[c].is_unsigned = rs->types[c] == 'u';
		if (!text)
			b[c].buffer = (long long *)rs->col[c] + first;
		else if (n > 1) {
			b[c].buffer = (void **)rs->col[c] + first;
			b[c].length = rs->len[c] + first;
		} else {
			b[c].buffer = ((void **)rs->col[c])[first];
			b[c].buffer_length = rs->len[c][first];
		}
	}
	return mysql_stmt_bind_param(st, b) ? -1 : 0;
}

/*
 * Executes statement id once for every row of rs (in chunks of
 * DB_BULK_ROWS rows, one round trip each), or not at all when rs has no
 * row.  res (the rows the statement returns: a SELECT, or an INSERT …
 * RETURNING) only when rs fits one chunk.  *affected (when
 * not NULL) sums the chunks.  Meant for transactions: a lost connection
 * is not retried.  Returns an rc.
 */
int
db_exec_rows(struct db *db, enum stmt id, const struct dbrows *rs,
    struct dbres *res, uint64_t *affected)
{
	struct arena	 a;
	MYSQL_STMT	*st;
	unsigned int	 err, n, zero = 0;
	size_t		 first;
	int		 rc = RC_OK, gone = 0;

	if (affected)
		*affected = 0;
	if (res != NULL)
		memset(res, 0, sizeof(*res));
	if (rs->failed || (res != NULL && rs->n > DB_BULK_ROWS)) {
		log_error("statement %d: bad rows", (int)id);
		return RC_ERROR;
	}
	if (rs->n == 0)
		return RC_OK;
	if (db->my == NULL)
		return RC_DOWN;
	if ((rc = db_prepare(db, id, &gone)) != RC_OK) {
		if (gone)
			db_lost_in_tx(db);
		goto out;
	}
	st = db->st[id];
	arena_init(&a);
	for (first = 0; first < rs->n && rc == RC_OK; first += n) {
		n = (unsigned int)(rs->n - first < DB_BULK_ROWS ?
		    rs->n - first : DB_BULK_ROWS);
		if (db_bind_rows(st, &a, rs, first, n) == -1) {
			log_error("statement %d: bad parameters", (int)id);
			rc = RC_ERROR;
		} else if (mysql_stmt_execute(st) != 0) {
			err = mysql_stmt_errno(st);
			gone = db_gone(err);
			if (gone)
				db_lost_in_tx(db);
			rc = gone ? RC_DOWN : err == ER_DUP_ENTRY ? RC_DUP :
			    RC_ERROR;
			if (!gone && rc == RC_ERROR)
				db_failed(db, (int)id, err,
				    mysql_stmt_error(st));
		} else {
			if (affected)
				*affected += (uint64_t)
				    mysql_stmt_affected_rows(st);
			if (res != NULL && db_fetch(st, rs->a, res) == -1)
				rc = RC_ERROR;
			else if (res == NULL)
				mysql_stmt_free_result(st);
		}
	}
	/* the handle serves db_exec() too: one row at a time again */
	mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &zero);
	arena_reset(&a);
out:
	if (gone) {
		log_error("database unreachable");
		db_lose(db);
	}
	return rc;
}

/* The cell text, or NULL for SQL NULL or out of range. */
const char *
db_cell(const struct dbres *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cell[row * r->ncols + col];
}

/* The cell as an unsigned number (0 for NULL). */
uint64_t
db_u64(const struct dbres *r, size_t row, size_t col)
{
	const char	*s = db_cell(r, row, col);

	return s ? strtoull(s, NULL, 10) : 0;
}
