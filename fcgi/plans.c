/*
 * steward-admin plans: MariaDB's EXPLAIN of the statements the list pages
 * run on every view, with the parameters their pages bind (an empty
 * search, the first page of 50), judged by plan_judge().  A plan that
 * sorts, builds a temporary table or reads a whole table is reported,
 * unless the entry says which bounded set it sorts and why.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "plans.h"
#include "rc.h"

#define PLAN_PARAMS_MAX	16	/* parameters of the widest entry */

/*
 * One statement and its parameters as text, one per character of types
 * ('s' text, 'u' and 'i' integers; NULL for SQL NULL); "@a" stands for
 * the account, "@u" for a member of it.  sorts: NULL, or the bounded set
 * the statement sorts on purpose.
 */
struct plan_entry {
	enum stmt	 id;
	const char	*name;
	const char	*types;
	const char	*vals[PLAN_PARAMS_MAX];
	const char	*sorts;
};

/* The Users page's members and invitations: search, status, role,
 * account, limit. */
#define P_USERS		"suuui", { "", "0", "0", "@a", "51" }, NULL
/* The events and properties lists': account, search x3, limit, offset. */
#define P_SCHEMA	"usssii", { "@a", "", "", "", "51", "0" }

static const struct plan_entry entries[] = {
	{ STMT_SESSION_GET, "session", "si", { "-", "86400" }, NULL },
	{ STMT_USERS_COUNTS, "users counts", "uuuu",
	    { "@a", "@a", "@a", "@a" }, NULL },
	{ STMT_USERS_BY_NAME, "users by name", P_USERS },
	{ STMT_USERS_BY_NAME_DESC, "users by name desc", P_USERS },
	{ STMT_USERS_BY_EMAIL, "users by email", P_USERS },
	{ STMT_USERS_BY_EMAIL_DESC, "users by email desc", P_USERS },
	{ STMT_USERS_BY_ROLE, "users by role", P_USERS },
	{ STMT_USERS_BY_ROLE_DESC, "users by role desc", P_USERS },
	{ STMT_USERS_BY_LOGIN, "users by last sign-in", P_USERS },
	{ STMT_USERS_BY_LOGIN_DESC, "users by last sign-in desc", P_USERS },
	{ STMT_USERS_BY_SINCE, "users by member since", P_USERS },
	{ STMT_USERS_BY_SINCE_DESC, "users by member since desc", P_USERS },
	{ STMT_INVITES_BY_EMAIL, "invitations by email", P_USERS },
	{ STMT_INVITES_BY_EMAIL_DESC, "invitations by email desc", P_USERS },
	{ STMT_INVITES_BY_ROLE, "invitations by role", P_USERS },
	{ STMT_INVITES_BY_ROLE_DESC, "invitations by role desc", P_USERS },
	{ STMT_INVITES_BY_SINCE, "invitations by sent", P_USERS },
	{ STMT_INVITES_BY_SINCE_DESC, "invitations by sent desc", P_USERS },
	{ STMT_SCHEMA_EVENTS_BY_NAME, "events by name", P_SCHEMA, NULL },
	{ STMT_SCHEMA_EVENTS_BY_SEEN, "events by last seen", P_SCHEMA, NULL },
	{ STMT_SCHEMA_EVENTS_BY_COUNT, "events by count this month", P_SCHEMA,
	    "the account's event names by this month's count, which no "
	    "index holds (at most max_event_names)" },
	{ STMT_SCHEMA_EVENT_TOTAL, "events total", "u", { "@a" }, NULL },
	{ STMT_SCHEMA_EVENT_MATCHES, "events matching a search", "uss",
	    { "@a", "%a%", "%a%" }, NULL },
	{ STMT_SCHEMA_PROPS_BY_NAME, "user properties by name", P_SCHEMA,
	    NULL },
	{ STMT_SCHEMA_PROPS_BY_SEEN, "user properties by last seen",
	    P_SCHEMA, NULL },
	{ STMT_SCHEMA_PROPS_BY_COUNT, "user properties by profiles",
	    P_SCHEMA, NULL },
	{ STMT_SCHEMA_PROP_TOTAL, "user properties total", "u", { "@a" },
	    NULL },
	{ STMT_SCHEMA_PROP_MATCHES, "user properties matching a search",
	    "uss", { "@a", "%a%", "%a%" }, NULL },
	{ STMT_AUDIT_LIST, "audit log", "ssssuiussssiii",
	    { "", "", NULL, NULL, "@a", "51", "@a", "", "", NULL, NULL, "51",
	    "51", "0" },
	    "the rows of its two branches up to the page's end" },
	{ STMT_AUDIT_ACTIONS, "audit log actions", "u", { "@a" }, NULL },
	{ STMT_LABEL_LIST, "labels", "uii", { "@a", "51", "0" }, NULL },
	{ STMT_LABEL_TOTAL, "labels total", "u", { "@a" }, NULL },
	{ STMT_REPORT_LIST, "reports", "uuuuii",
	    { "@a", "@u", "0", "0", "51", "0" }, NULL },
	{ STMT_REPORT_TOTAL, "reports total", "uuuu",
	    { "@a", "@u", "0", "0" }, NULL },
	{ STMT_DOWNLOAD_LIST, "downloads", "uuii", { "@a", "@u", "51", "0" },
	    NULL },
	{ STMT_LABEL_CSV_LIST, "CSV uploads", "uuuii",
	    { "@a", "0", "0", "51", "0" }, NULL },
	{ STMT_INVOICE_LIST, "invoices", "uii", { "@a", "51", "0" }, NULL },
	{ STMT_API_TOKENS_LIST, "API tokens", "uuuii",
	    { "@a", "0", "0", "51", "0" }, NULL },
	{ STMT_SESSIONS_OF_USER, "sessions of a user", "uiuii",
	    { "@u", "86400", "0", "11", "0" },
	    "one person's live sessions, the current one first" },
};

/* True when the EXPLAIN table name t is a real table (not <derived2>). */
static int
real_table(const char *t)
{
	return t != NULL && t[0] != '<';
}

/*
 * Judges a statement's EXPLAIN rows in res: 1 when every table is read
 * through an index (no type ALL or index on a real table) and no row
 * builds a temporary table or sorts, unless sorts says it may; 0
 * otherwise, with the first reason in why.  A plan MariaDB found empty
 * ("Impossible WHERE") has nothing to judge and passes.
 */
int
plan_judge(const struct dbres *res, int sorts, char *why, size_t len)
{
	const char	*table, *type, *extra;
	size_t		 i;

	*why = '\0';
	if (res->ncols < PX__N) {
		snprintf(why, len, "not an EXPLAIN (%zu columns)", res->ncols);
		return 0;
	}
	for (i = 0; i < res->nrows; i++) {
		table = db_cell(res, i, PX_TABLE);
		type = db_cell(res, i, PX_TYPE);
		extra = db_cell(res, i, PX_EXTRA);
		if (real_table(table) && type != NULL &&
		    (strcmp(type, "ALL") == 0 || strcmp(type, "index") == 0)) {
			snprintf(why, len, "reads all of %s (type %s)", table,
			    type);
			return 0;
		}
		if (sorts || extra == NULL)
			continue;
		if (strstr(extra, "Using temporary") != NULL) {
			snprintf(why, len, "builds a temporary table (%s)",
			    table ? table : "no table");
			return 0;
		}
		if (strstr(extra, "Using filesort") != NULL) {
			snprintf(why, len, "sorts the rows of %s",
			    table ? table : "no table");
			return 0;
		}
	}
	return 1;
}

/* Prints one EXPLAIN row as "table type key rows extra". */
static void
plan_row(FILE *out, const struct dbres *res, size_t i)
{
	const char	*t = db_cell(res, i, PX_TABLE), *k = db_cell(res, i, PX_KEY);
	const char	*e = db_cell(res, i, PX_EXTRA);

	fprintf(out, "    %-3s %-18s %-14s %-7s %-28s rows %-6s %s\n",
	    db_cell(res, i, PX_ID) ? db_cell(res, i, PX_ID) : "",
	    db_cell(res, i, PX_SELECT) ? db_cell(res, i, PX_SELECT) : "",
	    t ? t : "-", db_cell(res, i, PX_TYPE) ? db_cell(res, i, PX_TYPE) :
	    "-", k ? k : "-", db_cell(res, i, PX_ROWS) ?
	    db_cell(res, i, PX_ROWS) : "-", e ? e : "");
}

/*
 * EXPLAINs every entry for the account and user (ids) and prints a line
 * each on out ("ok", "ok, sorts …" or "BAD: why"), with the plan rows
 * when verbose or bad.  Returns the count of bad plans, -1 when a
 * statement could not be explained (the database's error is logged).
 */
int
plans_check(struct db *db, struct arena *a, uint64_t account, uint64_t user,
    int verbose, FILE *out)
{
	const struct plan_entry	*e;
	const char		*vals[PLAN_PARAMS_MAX];
	char			 acc[24], usr[24], why[PLAN_WHY_MAX];
	struct dbres		 res;
	size_t			 i, j;
	int			 bad = 0, good;

	snprintf(acc, sizeof(acc), "%llu", (unsigned long long)account);
	snprintf(usr, sizeof(usr), "%llu", (unsigned long long)user);
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		e = &entries[i];
		for (j = 0; j < PLAN_PARAMS_MAX; j++) {
			vals[j] = e->vals[j];
			if (vals[j] != NULL && strcmp(vals[j], "@a") == 0)
				vals[j] = acc;
			else if (vals[j] != NULL && strcmp(vals[j], "@u") == 0)
				vals[j] = usr;
		}
		if (db_explain(db, a, e->id, e->types, vals, &res) != RC_OK) {
			fprintf(out, "%-34s cannot be explained\n", e->name);
			return -1;
		}
		good = plan_judge(&res, e->sorts != NULL, why, sizeof(why));
		if (!good)
			fprintf(out, "%-34s BAD: %s\n", e->name, why);
		else if (e->sorts != NULL)
			fprintf(out, "%-34s ok, sorts %s\n", e->name, e->sorts);
		else
			fprintf(out, "%-34s ok\n", e->name);
		if (verbose || !good)
			for (j = 0; j < res.nrows; j++)
				plan_row(out, &res, j);
		bad += !good;
	}
	return bad;
}
