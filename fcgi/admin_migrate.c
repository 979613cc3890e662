/*
 * steward-admin migrate: applies sql/NNN_*.sql not yet applied, each once,
 * and checks every statement of the table against the schema.  Two
 * migrates against one server run one after the other (a named lock,
 * GET_LOCK); on a Galera cluster that lock is the node's own, so migrate
 * runs against one node only (its DDL replicates to the others).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "admin.h"
#include "conf.h"
#include "db.h"
#include "limits.h"
#include "rc.h"

#define MAX_MIGRATION	(1024 * 1024)	/* bytes of one migration file */

/* Runs one migration file's text (multi-statement) on a raw connection. */
static int
run_sql(MYSQL *my, const char *sql, size_t len, const char *name)
{
	int	 st;

	if (mysql_real_query(my, sql, (unsigned long)len)) {
		fprintf(stderr, "steward-admin: %s: %s\n", name, mysql_error(my));
		return -1;
	}
	do {
		MYSQL_RES *res = mysql_store_result(my);
		if (res)
			mysql_free_result(res);
		if ((st = mysql_next_result(my)) > 0) {
			fprintf(stderr, "steward-admin: %s: %s\n", name,
			    mysql_error(my));
			return -1;
		}
	} while (st == 0);
	return 0;
}

/* Keeps the NNN_name.sql files of sql_dir. */
static int
is_migration(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return n > 8 && d->d_name[0] >= '0' && d->d_name[0] <= '9' &&
	    d->d_name[3] == '_' && strcmp(d->d_name + n - 4, ".sql") == 0;
}

/* Reads a whole file (at most MAX_MIGRATION bytes); NULL on error. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "r");
	char	*buf;

	if (f == NULL)
		return NULL;
	if ((buf = malloc(MAX_MIGRATION + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, MAX_MIGRATION + 1, f);
	fclose(f);
	if (*len > MAX_MIGRATION) {
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/*
 * Runs query q (one string parameter: name) on a raw connection.  Returns
 * the number of rows it produced (0 for a statement without rows), or -1.
 */
static int
exec_name(MYSQL *my, const char *q, const char *name)
{
	MYSQL_STMT	*st = mysql_stmt_init(my);
	MYSQL_BIND	 b;
	int		 rc = -1;

	memset(&b, 0, sizeof(b));
	b.buffer_type = MYSQL_TYPE_STRING;
	b.buffer = (void *)name;
	b.buffer_length = strlen(name);
	if (st && !mysql_stmt_prepare(st, q, strlen(q)) &&
	    !mysql_stmt_bind_param(st, &b) && !mysql_stmt_execute(st) &&
	    !mysql_stmt_store_result(st))
		rc = (int)mysql_stmt_num_rows(st);
	if (st)
		mysql_stmt_close(st);
	return rc;
}

/* Has this migration been applied?  -1 on error. */
static int
applied(MYSQL *my, const char *name)
{
	int	 n = exec_name(my, "SELECT 1 FROM schema_migration WHERE name = ?",
	    name);

	return n < 0 ? -1 : n > 0;
}

/* Records a migration as applied. */
static int
record(MYSQL *my, const char *name)
{
	return exec_name(my, "INSERT INTO schema_migration (name) VALUES (?)",
	    name) < 0 ? -1 : 0;
}

/*
 * Takes (lock 1) or releases (lock 0) the server's named lock
 * "steward.migrate", waiting up to MIGRATE_LOCK_WAIT seconds for it.
 * Returns 0, or -1 (printed) when it could not be had.
 */
static int
migrate_lock(MYSQL *my, int lock)
{
	char		 q[96];
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	int		 ok;

	if (lock)
		snprintf(q, sizeof(q), "SELECT GET_LOCK('steward.migrate', %d)",
		    MIGRATE_LOCK_WAIT);
	else
		snprintf(q, sizeof(q), "SELECT RELEASE_LOCK('steward.migrate')");
	if (mysql_query(my, q) != 0 || (res = mysql_store_result(my)) == NULL) {
		fprintf(stderr, "steward-admin: migrate lock: %s\n",
		    mysql_error(my));
		return -1;
	}
	row = mysql_fetch_row(res);
	ok = row != NULL && row[0] != NULL && strcmp(row[0], "1") == 0;
	mysql_free_result(res);
	if (!ok && lock)
		fprintf(stderr, "steward-admin: another migrate held the lock "
		    "for %d seconds\n", MIGRATE_LOCK_WAIT);
	return ok || !lock ? 0 : -1;
}

/*
 * On a Galera node that recomputes auto-increment step and offset at each
 * change of the cluster's size (wsrep_auto_increment_control ON), prints
 * a warning: an insert racing a node leaving or joining can draw an id
 * another node drew, and an INSERT … ON DUPLICATE KEY UPDATE then updates
 * that row instead of adding its own (MDEV-7129).  Silent elsewhere.
 */
static void
warn_galera_autoinc(MYSQL *my)
{
	static const char q[] =
	    "SELECT @@wsrep_on, @@wsrep_auto_increment_control";
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	if (mysql_real_query(my, q, sizeof(q) - 1) != 0 ||
	    (res = mysql_store_result(my)) == NULL)
		return;		/* not a server with wsrep variables */
	row = mysql_fetch_row(res);
	if (row != NULL && row[0] != NULL && row[1] != NULL &&
	    strcmp(row[0], "1") == 0 && strcmp(row[1], "1") == 0)
		fprintf(stderr, "steward-admin: warning: this Galera node "
		    "recomputes auto-increment ids when a node leaves or joins "
		    "(wsrep_auto_increment_control = ON), and a write racing "
		    "that change can overwrite another row; set "
		    "wsrep_auto_increment_control = OFF, auto_increment_increment "
		    "= 8 and a distinct auto_increment_offset on every node "
		    "(README: When one machine is not enough)\n");
	mysql_free_result(res);
}

/* migrate: applies, in name order, every migration not yet applied,
 * holding the migrate lock. */
int
cmd_migrate(void)
{
	static const char ddl[] =
	    "CREATE TABLE IF NOT EXISTS schema_migration ("
	    " name VARCHAR(200) NOT NULL PRIMARY KEY,"
	    " applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6))"
	    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
	struct dirent	**list = NULL;
	MYSQL		*my = mysql_init(NULL);
	char		 path[4096], *sql;
	size_t		 len;
	int		 n = 0, i, rc = EX_RUNTIME, done = 0, a;

	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(my, conf.db_socket[0] ? NULL : conf.db_host,
	    conf.db_user, conf.db_password, conf.db_name,
	    conf.db_socket[0] ? 0 : (unsigned)conf.db_port,
	    conf.db_socket[0] ? conf.db_socket : NULL, CLIENT_MULTI_STATEMENTS)) {
		fprintf(stderr, "steward-admin: database: %s\n", mysql_error(my));
		mysql_close(my);
		return EX_RUNTIME;
	}
	if (migrate_lock(my, 1) == -1) {
		mysql_close(my);
		return EX_RUNTIME;
	}
	warn_galera_autoinc(my);
	if (run_sql(my, ddl, sizeof(ddl) - 1, "schema_migration") == -1)
		goto out;
	if ((n = scandir(conf.sql_dir, &list, is_migration, alphasort)) < 0) {
		fprintf(stderr, "steward-admin: %s: %s\n", conf.sql_dir,
		    strerror(errno));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((a = applied(my, list[i]->d_name)) == -1)
			goto out;
		if (a)
			continue;
		snprintf(path, sizeof(path), "%s/%s", conf.sql_dir, list[i]->d_name);
		if ((sql = slurp(path, &len)) == NULL) {
			fprintf(stderr, "steward-admin: %s: cannot read\n", path);
			goto out;
		}
		if (run_sql(my, sql, len, list[i]->d_name) == -1 ||
		    record(my, list[i]->d_name) == -1) {
			free(sql);
			goto out;
		}
		free(sql);
		printf("applied %s\n", list[i]->d_name);
		done++;
	}
	if (done == 0)
		printf("schema is up to date\n");
	rc = 0;
out:
	for (i = 0; list != NULL && i < n; i++)
		free(list[i]);
	free(list);
	(void)migrate_lock(my, 0);
	mysql_close(my);
	return rc;
}

/*
 * After migrating: prepares every statement of the table against the
 * schema (the worker prepares them on first use), so that a statement
 * the schema does not fit fails the deploy, not a request.
 */
int
check_statements(void)
{
	struct db	 db;
	int		 rc;

	if (db_open(&db) == -1)
		return EX_RUNTIME;
	rc = db_prepare_all(&db);
	db_close(&db);
	if (rc == -1) {
		fprintf(stderr, "steward-admin: a statement does not fit the "
		    "schema (see above)\n");
		return EX_RUNTIME;
	}
	return 0;
}
