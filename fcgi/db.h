/*
 * MariaDB: the connection, the statement table, transactions, results.
 */
#ifndef STEWARD_DB_H
#define STEWARD_DB_H

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
	int		 in_tx;
};

struct dbres {
	size_t		 nrows, ncols;
	char		**cell;		/* nrows * ncols, NULL for SQL NULL */
	unsigned long	*len;
};

int	 db_open(struct db *);
int	 db_prepare_all(struct db *);
void	 db_close(struct db *);
int	 db_exec(struct db *, struct arena *, enum stmt, struct dbres *,
	    uint64_t *affected, uint64_t *insert_id, const char *types, ...);
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
const char *db_cell(const struct dbres *, size_t row, size_t col);
uint64_t db_u64(const struct dbres *, size_t row, size_t col);

#endif
