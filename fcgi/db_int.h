/*
 * What db.c, db_conn.c and db_txn.c share; not for the rest of the tree
 * (which uses db.h).
 */
#ifndef STEWARD_DB_INT_H
#define STEWARD_DB_INT_H

#include "db.h"

long long	 db_now_ms(void);
void		 db_maybe_return(struct db *);
int		 db_gone(unsigned int err);
void		 db_lost_in_tx(struct db *);
void		 db_failed(struct db *, int id, unsigned int err,
		    const char *msg);

#endif
