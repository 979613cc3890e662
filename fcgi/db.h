/*
 * MariaDB: the connection, the statement table, transactions, results.
 */
#ifndef STEWARD_DB_H
#define STEWARD_DB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

#include "arena.h"
#include "rc.h"

enum stmt {
#define STMT(id, sql)	id,
#include "tables/stmts.def"
#undef STMT
	STMT__MAX
};

struct db {
	MYSQL		*my;
	MYSQL_STMT	*st[STMT__MAX];
	int		 in_tx;		/* a transaction is open; with my
					 * NULL it died with its connection:
					 * its statements fail until it ends */
	int		 conflict;	/* the last failure was a conflict (db_retryable) */
	int		 node;		/* 0: the primary node; N: db_fallback's Nth */
	long long	 opened;	/* ms (CLOCK_MONOTONIC) the connection opened */
};

/*
 * A transaction's work for db_txn(): its statements on db, RC_OK to
 * commit, any other rc to roll back.  It may run more than once (after a
 * conflict), so it writes only to the database and sets its outputs in
 * arg from the start each time: mails, files and answers come after
 * db_txn() returned RC_OK.
 */
typedef int	(*db_txn_fn)(struct db *, void *arg);

/* The tries of some work retried after conflicts (db_retry); zeroed. */
struct db_retry {
	int		 tries;
	long long	 t0;		/* ms (CLOCK_MONOTONIC) of the first */
};

struct dbres {
	size_t		 nrows, ncols;
	char		**cell;		/* nrows * ncols, NULL for SQL NULL */
	unsigned long	*len;
};

/*
 * Rows of parameters for one statement executed for many rows at once
 * (MariaDB array binding: STMT_ATTR_ARRAY_SIZE, column-wise), built with
 * db_rows_init() and db_rows_add() in an arena; types as db_exec() takes
 * them ('s', 'b', 'i', 'u'; no NULLs).
 */
struct dbrows {
	struct arena	*a;
	const char	*types;
	size_t		 ncols, n, cap;
	void		**col;		/* per column: long long[] or const void *[] */
	unsigned long	**len;		/* per column: lengths ('s', 'b') */
	int		 failed;	/* exhaustion or a bad type */
};

int	 db_open(struct db *);
int	 db_prepare_all(struct db *);
void	 db_close(struct db *);
int	 db_exec(struct db *, struct arena *, enum stmt, struct dbres *,
	    uint64_t *affected, uint64_t *insert_id, const char *types, ...);
int	 db_explain(struct db *, struct arena *, enum stmt, const char *,
	    const char *const *, struct dbres *);
int	 db_vexec(struct db *, struct arena *, enum stmt, struct dbres *,
	    uint64_t *affected, uint64_t *insert_id, const char *types,
	    va_list);
void	 db_rows_init(struct dbrows *, struct arena *, const char *types);
void	 db_rows_add(struct dbrows *, ...);
void	 db_rows_next(struct dbrows *);
void	 db_rows_set(struct dbrows *, size_t col, ...);
int	 db_exec_rows(struct db *, enum stmt, const struct dbrows *,
	    struct dbres *, uint64_t *affected);
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
int	 db_settle(struct db *);
int	 db_retryable(unsigned int err);
int	 db_retry(struct db *, struct db_retry *);
void	 db_conflict(struct db *);
int	 db_txn(struct db *, db_txn_fn, void *arg);
const char *db_cell(const struct dbres *, size_t row, size_t col);
uint64_t db_u64(const struct dbres *, size_t row, size_t col);

#endif
