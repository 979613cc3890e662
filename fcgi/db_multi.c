/*
 * Multi-row INSERTs: the rows of a struct dbrows written by an INSERT
 * of the statement table as statements of several rows each —
 * "INSERT … VALUES (t), (t), … (t) [tail]", the statement's own row
 * tuple t repeated — which MariaDB runs as one statement, where array
 * binding (db_exec_rows()) runs it once a row.  Only the statement
 * table's text is repeated, never anything of the rows.  Each
 * connection prepares a statement of 2^k rows (k < DB_MULTI_CLASSES)
 * when first needed, up to DB_MULTI_SLOTS of them; n rows go as the
 * binary digits of n (100 = 64 + 32 + 4), in order.  With every slot
 * taken, db_exec_rows() writes them.
 */
#include <stdlib.h>
#include <string.h>

#include <mysqld_error.h>

#include "db.h"
#include "db_int.h"
#include "arena.h"
#include "limits.h"
#include "log.h"
#include "rc.h"

/*
 * Where the row tuple of sql (an INSERT … VALUES (…) …) starts and how
 * long it is (parentheses matched outside quotes).  -1 when sql has
 * none.
 */
static int
multi_tuple(const char *sql, size_t *at, size_t *len)
{
	const char	*p = strstr(sql, "VALUES"), *q;
	int		 depth = 0;
	char		 quote = 0;

	if (p == NULL)
		return -1;
	for (p += strlen("VALUES"); *p == ' '; p++)
		continue;
	if (*p != '(')
		return -1;
	for (q = p; *q != '\0'; q++) {
		if (quote) {
			if (*q == quote)
				quote = 0;
		} else if (*q == '\'' || *q == '"')
			quote = *q;
		else if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0) {
			*at = (size_t)(p - sql);
			*len = (size_t)(q + 1 - p);
			return 0;
		}
	}
	return -1;
}

/*
 * The text of statement sql for rows rows (its tuple repeated, ", "
 * between) in a; NULL when sql has no row tuple or on exhaustion.
 */
char *
db_multi_sql(struct arena *a, const char *sql, unsigned int rows)
{
	size_t		 at, len, total, i;
	char		*s, *p;

	if (rows == 0 || multi_tuple(sql, &at, &len) == -1)
		return NULL;
	total = strlen(sql) + (rows - 1) * (len + 2) + 1;
	if ((s = arena_alloc(a, total)) == NULL)
		return NULL;
	memcpy(s, sql, at + len);
	p = s + at + len;
	for (i = 1; i < rows; i++) {
		memcpy(p, ", ", 2);
		memcpy(p + 2, sql + at, len);
		p += len + 2;
	}
	memcpy(p, sql + at + len, strlen(sql + at + len) + 1);
	return s;
}

/*
 * The prepared statement of id for rows rows on db's connection (made
 * when first asked for); NULL with *rc RC_OK when every slot is taken,
 * else NULL with the rc of the failure (*gone set when the connection
 * died).
 */
static MYSQL_STMT *
multi_stmt(struct db *db, enum stmt id, unsigned int rows, int *rc,
    int *gone)
{
	struct db_multi	*m;
	struct arena	 a;
	unsigned int	 err;
	char		*sql;
	size_t		 i;

	*rc = RC_OK;
	for (i = 0; i < DB_MULTI_SLOTS; i++) {
		m = &db->multi[i];
		if (m->st == NULL)
			break;
		if (m->id == id && m->rows == rows)
			return m->st;
	}
	if (i == DB_MULTI_SLOTS)
		return NULL;
	arena_init(&a);
	*rc = RC_ERROR;
	if ((sql = db_multi_sql(&a, db_sql(id), rows)) == NULL) {
		log_error("statement %d: no row tuple", (int)id);
		goto out;
	}
	if ((m->st = mysql_stmt_init(db->my)) == NULL)
		goto out;
	if (mysql_stmt_prepare(m->st, sql, strlen(sql)) != 0) {
		err = mysql_stmt_errno(m->st);
		log_error("prepare %d x %u: %s", (int)id, rows,
		    mysql_stmt_error(m->st));
		mysql_stmt_close(m->st);
		m->st = NULL;
		if (db_gone(err)) {
			*gone = 1;
			*rc = RC_DOWN;
		}
		goto out;
	}
	m->id = id;
	m->rows = rows;
	*rc = RC_OK;
out:
	arena_reset(&a);
	return m->st;
}

/* Binds rows [first, first + n) of rs to st, row after row.  -1 when
 * st takes another number of parameters or on exhaustion. */
static int
multi_bind(MYSQL_STMT *st, struct arena *a, const struct dbrows *rs,
    size_t first, unsigned int n)
{
	MYSQL_BIND	*b, *p;
	size_t		 r, c, k;
	char		 t;

	if (rs->ncols * n != mysql_stmt_param_count(st) ||
	    (b = arena_alloc(a, rs->ncols * n * sizeof(*b))) == NULL)
		return -1;
	memset(b, 0, rs->ncols * n * sizeof(*b));
	for (r = 0; r < n; r++)
		for (c = 0; c < rs->ncols; c++) {
			p = &b[r * rs->ncols + c];
			k = first + r;
			t = rs->types[c];
			if (t == 's' || t == 'b') {
				p->buffer_type = t == 's' ? MYSQL_TYPE_STRING :
				    MYSQL_TYPE_BLOB;
				p->buffer = ((void **)rs->col[c])[k];
				p->buffer_length = rs->len[c][k];
			} else {
				p->buffer_type = MYSQL_TYPE_LONGLONG;
				p->is_unsigned = t == 'u';
				p->buffer = (long long *)rs->col[c] + k;
			}
		}
	return mysql_stmt_bind_param(st, b) ? -1 : 0;
}

/* The largest number of rows of one statement, 2^k, not above n. */
static unsigned int
multi_class(size_t n)
{
	unsigned int	 rows = 1U << (DB_MULTI_CLASSES - 1);

	while (rows > n)
		rows >>= 1;
	return rows;
}

/*
 * Executes id by array binding for rows [first, rs->n) of rs (a view of
 * them in a), adding to *affected.  Returns the rc of db_exec_rows().
 */
static int
multi_rest(struct db *db, struct arena *a, enum stmt id,
    const struct dbrows *rs, size_t first, uint64_t *affected)
{
	struct dbrows	 v = *rs;
	uint64_t	 n = 0;
	size_t		 c;
	int		 rc;

	v.col = arena_alloc(a, rs->ncols * sizeof(*v.col));
	v.len = arena_alloc(a, rs->ncols * sizeof(*v.len));
	if (v.col == NULL || v.len == NULL)
		return RC_ERROR;
	for (c = 0; c < rs->ncols; c++) {
		v.col[c] = (long long *)rs->col[c] + first;
		v.len[c] = rs->len[c] + first;
	}
	v.n = v.cap = rs->n - first;
	rc = db_exec_rows(db, id, &v, NULL, &n);
	if (affected)
		*affected += n;
	return rc;
}

/*
 * Executes the INSERT id (a statement of the table with one row tuple)
 * for every row of rs as multi-row statements, in the rows' order;
 * nothing when rs has no row.  *affected (when not NULL): the sum of
 * the statements' affected rows, as one statement of all the rows would
 * count them.  Meant for transactions: a lost connection is not tried
 * again.  Returns an rc (RC_DUP on a duplicate key).
 */
int
db_exec_multi(struct db *db, enum stmt id, const struct dbrows *rs,
    uint64_t *affected)
{
	struct arena	 a;
	MYSQL_STMT	*st;
	unsigned int	 err, n;
	size_t		 first;
	int		 rc = RC_OK, gone = 0;

	if (affected)
		*affected = 0;
	if (rs->failed) {
		log_error("statement %d: bad rows", (int)id);
		return RC_ERROR;
	}
	if (rs->n == 0)
		return RC_OK;
	if (db->my == NULL)
		return RC_DOWN;
	arena_init(&a);
	for (first = 0; first < rs->n && rc == RC_OK; first += n) {
		n = multi_class(rs->n - first);
		if ((st = multi_stmt(db, id, n, &rc, &gone)) == NULL) {
			if (rc == RC_OK)	/* no slot left: array binding */
				rc = multi_rest(db, &a, id, rs, first,
				    affected);
			break;
		}
		arena_reset(&a);
		if (multi_bind(st, &a, rs, first, n) == -1) {
			log_error("statement %d: bad parameters", (int)id);
			rc = RC_ERROR;
		} else if (mysql_stmt_execute(st) != 0) {
			err = mysql_stmt_errno(st);
			gone = db_gone(err);
			rc = gone ? RC_DOWN : err == ER_DUP_ENTRY ? RC_DUP :
			    RC_ERROR;
			if (!gone && rc == RC_ERROR)
				db_failed(db, (int)id, err,
				    mysql_stmt_error(st));
		} else if (affected)
			*affected += (uint64_t)mysql_stmt_affected_rows(st);
	}
	arena_reset(&a);
	if (gone) {
		db_lost_in_tx(db);
		log_error("database unreachable");
		db_close(db);
	}
	return rc;
}

/* Closes db's multi-row statements (db_close()). */
void
db_multi_close(struct db *db)
{
	size_t	 i;

	for (i = 0; i < DB_MULTI_SLOTS; i++)
		if (db->multi[i].st != NULL) {
			mysql_stmt_close(db->multi[i].st);
			db->multi[i].st = NULL;
		}
}
