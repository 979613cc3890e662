/*
 * MariaDB connections: to the primary node of steward.conf, else to the
 * db_fallback nodes in order (a Galera node not ready counts as down),
 * back to the primary after DB_FALLBACK_RETURN_MS; which errors mean the
 * connection is gone.
 */

#include <string.h>
#include <time.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "db.h"
#include "db_int.h"
#include "conf.h"
#include "db_addr.h"
#include "limits.h"
#include "log.h"

#define STR_(x)		#x
#define STR(x)		STR_(x)

/* Milliseconds of CLOCK_MONOTONIC. */
long long
db_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 1 when steward.conf names fallback nodes (db_fallback). */
static int
db_has_fallback(void)
{
	return conf.db_fallback != NULL && conf.db_fallback[0] != '\0';
}

/*
 * What a Galera node that may take work answers: its wsrep_ready status
 * ON (a joining or non-primary node answers 1047), and its clients'
 * queries not refused (wsrep_reject_queries NONE: an operator's
 * maintenance, which also answers 1047).  A server without the row (not
 * Galera) passes.
 */
static const struct {
	const char	*q, *ok;
} ready_checks[] = {
	{ "SHOW STATUS LIKE 'wsrep_ready'", "ON" },
	{ "SHOW VARIABLES LIKE 'wsrep_reject_queries'", "NONE" },
};

/* 1 when the server on my may take work (ready_checks), else 0. */
static int
db_ready(MYSQL *my)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	size_t		 i;
	int		 ok = 1;

	for (i = 0; ok && i < sizeof(ready_checks) / sizeof(ready_checks[0]);
	    i++) {
		if (mysql_query(my, ready_checks[i].q) != 0 ||
		    (res = mysql_store_result(my)) == NULL)
			return 0;
		row = mysql_fetch_row(res);
		ok = row == NULL || (row[1] != NULL &&
		    strcmp(row[1], ready_checks[i].ok) == 0);
		mysql_free_result(res);
	}
	return ok;
}

/*
 * Connects db->my to one node (host:port, or the socket path when port
 * is 0) with the settings of steward.conf (UTC, utf8mb4); with several
 * nodes (ready set) the connect timeout is DB_FALLBACK_CONNECT and a
 * node that is not ready counts as down.  -1 (logged) leaves it closed.
 */
static int
db_connect(struct db *db, const char *host, int port, int several)
{
	unsigned int	 timeout = several ? DB_FALLBACK_CONNECT :
			    DB_CONNECT_TIMEOUT;

	if ((db->my = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', innodb_lock_wait_timeout = "
	    STR(DB_LOCK_WAIT) ", sql_mode = 'STRICT_ALL_TABLES,"
	    "NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO'");
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (mysql_real_connect(db->my, port ? host : NULL, conf.db_user,
	    conf.db_password, conf.db_name, (unsigned)port,
	    port ? NULL : host, 0) == NULL) {
		log_error("database connect (%s, port %d): %s", host, port,
		    mysql_error(db->my));
		db_close(db);
		return -1;
	}
	if (several && !db_ready(db->my)) {
		log_error("database %s: not ready (wsrep_ready not ON, "
		    "or wsrep_reject_queries set)", host);
		db_close(db);
		return -1;
	}
	return 0;
}

/*
 * Connects to the primary node (db_socket, else db_host:db_port), else
 * to the nodes of db_fallback in order; with fallbacks, a node that does
 * not answer within DB_FALLBACK_CONNECT or is not ready is skipped.
 * Statements are prepared on first use (db_prepare): every connection
 * preparing the whole table cost about 6 MB of worker RSS (DESIGN §9:
 * under 16 MiB).  Returns -1 and leaves the struct closed on failure.
 */
int
db_open(struct db *db)
{
	struct db_addr	 fb[DB_FALLBACK_MAX];
	char		 err[128];
	int		 n, i;

	memset(db, 0, sizeof(*db));
	db->opened = db_now_ms();
	if ((n = db_addr_parse(conf.db_fallback, fb, DB_FALLBACK_MAX, err,
	    sizeof(err))) == -1) {
		log_error("%s", err);
		n = 0;
	}
	if (db_connect(db, conf.db_socket[0] ? conf.db_socket : conf.db_host,
	    conf.db_socket[0] ? 0 : conf.db_port, n > 0) == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (db_connect(db, fb[i].host, fb[i].port, 1) == 0) {
			db->node = i + 1;
			log_info("database: on fallback node %s", fb[i].host);
			return 0;
		}
	return -1;
}

/*
 * Outside a transaction, a connection that has been on a fallback node
 * for DB_FALLBACK_RETURN_MS is closed, so that the next use tries the
 * primary node again.
 */
void
db_maybe_return(struct db *db)
{
	if (db->my != NULL && db->node > 0 && !db->in_tx &&
	    db_now_ms() - db->opened >= DB_FALLBACK_RETURN_MS)
		db_close(db);
}

/*
 * 1 for the errors that mean the connection is gone; with fallback
 * nodes, also a Galera node that is no longer ready (1047: "WSREP has
 * not yet prepared node"), so that the work moves to another node.
 */
int
db_gone(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == ER_CONNECTION_KILLED || err == 4031 /* idle timeout */ ||
	    err == CR_CONNECTION_ERROR ||
	    (err == ER_UNKNOWN_COM_ERROR && db_has_fallback());
}

/*
 * A statement of a transaction found its node gone: with fallback nodes
 * the transaction (never committed) is marked to be tried again whole
 * on another node, as after a conflict.
 */
void
db_lost_in_tx(struct db *db)
{
	if (db->in_tx && db_has_fallback()) {
		db->conflict = 1;
		log_info("transaction: node gone, tried again on another");
	}
}
