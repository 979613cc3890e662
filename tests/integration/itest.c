/*
 * itest - integration tests against the live stack (HACKING.md, "Tests").
 *
 * A small harness: one struct client per simulated browser (its own curl
 * handle and in-memory cookie engine, redirects never followed), get() and
 * post() that keep status, the headers the tests look at and the body,
 * and XPath helpers over the parsed document.  Every XML document fetched
 * from /api/... is validated against the RELAX NG schema; a document that
 * does not validate fails the running test.  Any 500 fails it too.
 *
 * Fixtures are made fresh per run with steward-admin: two organizations
 * (accounts A and B), one user of each role in A, an Admin in B.  Every
 * email holds a random run tag, so mails of this run are told apart from
 * those of other suites using the same stack.
 *
 * Environment (defaults relative to the repository root):
 *   STEWARD_URL     public_url of STEWARD_CONF (it follows STEWARD_PORT),
 *                   else http://127.0.0.1:8080
 *   STEWARD_ADMIN   fcgi/steward-admin
 *   STEWARD_CONF    var/steward.conf
 *   STEWARD_VAR     var
 *   STEWARD_SCHEMA  xslt/steward.rng
 *   STEWARD_WORKER_LOG  $STEWARD_VAR/log/steward.log (the worker's log the
 *                   tests read; the driver names the sanitized worker's)
 *
 * Arguments: the groups to run (core users invitations audit-log billing
 * organization timezone credentials profile password twofa login data
 * manage passkeys), or parts of a group by their full name (data.ingest,
 * data.batch, data.events, data.jobs, data.csv-uploads); none runs them all.
 *
 * Output: "ok - name" or "not ok - name: reason" per test, then exactly
 * "N passed, N failed" as the last line; exit 0 only when nothing failed.
 */
#include "harness.c"

/* One file of tests per page group, each with its part_*(). */
#include "t_core.c"
#include "t_users.c"
#include "t_invitations.c"
#include "t_audit_log.c"
#include "t_account.c"		/* fixtures of the four groups below */
#include "t_billing.c"
#include "t_billing_plan.c"
#include "t_billing_invoices.c"
#include "t_organization.c"
#include "t_timezone.c"
#include "t_credentials.c"
#include "t_profile_fixtures.c"
#include "t_profile.c"
#include "t_password.c"
#include "t_twofa.c"
#include "t_login.c"
#include "t_ingest.c"
#include "t_data_batch.c"	/* batched ingestion against record at a time */
#include "t_events.c"
#include "t_jobs.c"
#include "t_csv_uploads.c"
#include "t_manage.c"
#include "t_writes.c"		/* concurrent writers */
#include "t_lists.c"		/* list orders, ties, times, empty lists */
#include "t_passkeys.c"	/* passkeys (issue 17) */
#include "t_tokens.c"		/* API tokens (issue 16) */
#include "t_scim.c"		/* after t_users.c: its sq(), role_of() */

/* The groups, run in this order (later ones use earlier fixtures). */
static const struct {
	const char	*name;
	void		(*fn)(void);
} parts[] = {
	{ "core", part_core },
	{ "users", part_users },
	{ "invitations", part_invitations },
	{ "audit-log", part_audit_log },
	{ "billing", part_billing },
	{ "organization", part_organization },
	{ "timezone", part_timezone },
	{ "credentials", part_credentials },
	{ "profile", part_profile },
	{ "password", part_password },
	{ "twofa", part_twofa },
	{ "login", part_login },
	{ "data.ingest", part_ingest },
	{ "data.batch", part_data_batch },
	{ "data.events", part_events },
	{ "data.jobs", part_jobs },
	{ "data.csv-uploads", part_csv_uploads },
	{ "manage", part_manage },
	{ "writes", part_writes },
	{ "lists", part_lists },
	{ "passkeys", part_passkeys },
	{ "tokens", part_tokens },
	{ "scim", part_scim },
};

/*
 * 1 when part name is to run: every part without arguments, else those
 * named, by their name or their group's (the name before its dot).
 */
static int
part_wanted(int argc, char *argv[], const char *name)
{
	size_t	 group = strcspn(name, ".");
	int	 i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0 || (name[group] == '.' &&
		    strlen(argv[i]) == group && strncmp(argv[i], name, group) == 0))
			return 1;
	return 0;
}

/*
 * The worker logs a route that reads a field it does not declare (a bug
 * that would drop the value); none may have done so during the run: the
 * lines of the worker's log written since offset log0.
 */
static void
test_log_fields(long log0)
{
	char	*log, *p, *line;
	int	 n = 0;

	t_begin("log: no page of the run read a field its route does not declare");
	if ((log = read_all(g_log)) != NULL) {
		p = (long)strlen(log) >= log0 ? log + log0 : log;
		while ((p = strstr(p, "its route does not declare")) != NULL) {
			for (line = p; line > log && line[-1] != '\n'; line--)
				continue;
			if (n++ < 3)
				ck(0, "%.*s", (int)strcspn(line, "\n"), line);
			p += strcspn(p, "\n");
		}
		free(log);
	}
	ck(n == 0, "%d such lines in %s", n, g_log);
	t_end();
}

int
main(int argc, char *argv[])
{
	const char	*u = getenv("STEWARD_URL"), *w;
	struct client	*c;
	int		 ok;
	size_t		 i;
	long		 log0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	find_root(argv[0]);
	env_path(g_admin, sizeof(g_admin), "STEWARD_ADMIN", "fcgi/steward-admin");
	env_path(g_conf, sizeof(g_conf), "STEWARD_CONF", "var/steward.conf");
	if (u != NULL && *u != '\0')
		snprintf(g_url, sizeof(g_url), "%s", u);
	else
		conf_url(g_url, sizeof(g_url));
	while (strlen(g_url) > 0 && g_url[strlen(g_url) - 1] == '/')
		g_url[strlen(g_url) - 1] = '\0';
	env_path(g_var, sizeof(g_var), "STEWARD_VAR", "var");
	if ((w = getenv("STEWARD_WORKER_LOG")) != NULL && *w != '\0')
		snprintf(g_log, sizeof(g_log), "%s", w);
	else
		snprintf(g_log, sizeof(g_log), "%s/log/steward.log", g_var);
	env_path(g_schema_path, sizeof(g_schema_path), "STEWARD_SCHEMA", "xslt/steward.rng");

	LIBXML_TEST_VERSION
	curl_global_init(CURL_GLOBAL_DEFAULT);
	parse_url();

	t_begin("setup: schema loads, stack answers /healthz, fixtures made with steward-admin");
	ok = ck(load_schema() == 0, "cannot load the RELAX NG schema %s", g_schema_path);
	if (ok) {
		c = cl_new("health");
		ok = ck(get(c, "/api/healthz") == 200, "GET %s/api/healthz: %ld (is ./steward up running?)",
		    g_url, c->r.status);
		cl_free(c);
	}
	if (ok)
		ok = ck(setup() == 0, "fixtures could not be made with %s -c %s", g_admin, g_conf);
	t_end();

	log0 = log_size();
	if (ok)
		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (part_wanted(argc, argv, parts[i].name))
				parts[i].fn();
	if (ok)
		test_log_fields(log0);

	if (g_schema != NULL)
		xmlRelaxNGFree(g_schema);
	xmlCleanupParser();
	curl_global_cleanup();
	printf("%d passed, %d failed\n", g_passed, g_failed);
	return g_failed == 0 ? 0 : 1;
}
