/*
 * Tests of the list pages read from an index in their order (issue 14):
 * every sort order of the events and user-properties lists gives, on its
 * first, a middle and its last page, the rows of the same order computed
 * by a plain ORDER BY; ties in the sort key are broken by name, then id;
 * times are drawn in the account's zone across a DST change (Europe/
 * Berlin) on every list that draws times; an empty account draws empty
 * lists.  The account's rows are written with SQL (fixtures only).
 * Included by itest.c after t_ingest.c and t_profile_fixtures.c.
 */

#define LS_EVENTS	120	/* event names of the list account: 3 pages */
#define LS_PROPS	110	/* property names: 3 pages */

/* The list account and its Admin. */
static struct account	 LS;
static struct user	 LS_admin = { .role = "admin" };

/*
 * The account's rows: events and properties with ties in every sort key
 * ("tie" and "Tie" share a collated name; last seen and counts repeat;
 * names are numbered against the ids, so an order by id shows),
 * an event, audit lines, a label, a report, a download and an upload
 * on each side of the DST changes of 2026-03-29 and 2027-03-28 (01:00
 * UTC).  0 on success.
 */
static int
ls_fixtures(void)
{
	long long	 acc = account_pk(&LS);
	const char	*uid;

	uid = pf_sqlv("SELECT id FROM user WHERE email = '%s'", LS_admin.email);
	if (acc <= 0 || *uid == '\0')
		return -1;
	return pf_sql(NULL, 0,
	    "INSERT INTO data_counter (account_id, event_names, profile_props)"
	    " VALUES (%lld, %d, %d) ON DUPLICATE KEY UPDATE"
	    " event_names = VALUES(event_names),"
	    " profile_props = VALUES(profile_props);"
	    "INSERT INTO event_def (account_id, name, last_seen, total)"
	    " SELECT %lld, CONCAT(IF(seq %% 10 = 0, 'tie', IF(seq %% 10 = 1,"
	    " 'Tie', 'ev')), LPAD((%d - seq) DIV 10 * 10, 3, '0'), IF(seq %% 10 > 1,"
	    " seq %% 10, '')), '2026-06-01' + INTERVAL seq %% 7 HOUR, seq"
	    " FROM seq_0_to_%d;"
	    "INSERT INTO event_month (account_id, event_id, month, n)"
	    " SELECT account_id, id, DATE_FORMAT(UTC_DATE(), '%%Y-%%m-01'),"
	    " id %% 4 FROM event_def WHERE account_id = %lld AND id %% 4 <> 0;"
	    "UPDATE event_def SET first_seen = '2026-03-29 00:59:59',"
	    " last_seen = '2026-03-29 01:00:00' WHERE account_id = %lld"
	    " AND name = 'ev1105';"
	    "INSERT INTO profile_prop (account_id, name, data_type, last_seen,"
	    " profiles) SELECT %lld, CONCAT(IF(seq %% 2, 'P', 'p'),"
	    " LPAD((%d - seq) DIV 2, 3, '0')), 1, '2026-06-01' + INTERVAL seq %% 5"
	    " MINUTE, seq %% 3 FROM seq_0_to_%d;"
	    "INSERT INTO audit_log (account_id, actor_id, action, target, ip,"
	    " created_at) VALUES (%lld, %s, 'label.save', 'before', '::1',"
	    " '2026-03-29 00:59:59'), (%lld, %s, 'label.save', 'after', '::1',"
	    " '2026-03-29 01:00:00');"
	    "INSERT INTO label (account_id, name, color, created_by, created_at)"
	    " VALUES (%lld, 'Summer', 1, %s, '2026-07-01 12:00:00');"
	    "INSERT INTO report (account_id, user_id, name, kind, schedule,"
	    " next_run_at, last_run_at) VALUES (%lld, %s, 'Spring', 1, 1,"
	    " '2027-03-28 01:00:00', '2026-03-29 00:59:59');"
	    "INSERT INTO download (account_id, user_id, name, source, status,"
	    " created_at, started_at, finished_at) VALUES (%lld, %s, 'Spring',"
	    " 1, 4, '2026-03-29 00:59:59', '2026-03-29 01:00:00', NULL);"
	    "INSERT INTO csv_upload (account_id, user_id, name, stored, kind,"
	    " status, created_at) VALUES (%lld, %s, 'spring.csv',"
	    " MD5(CONCAT('ls', %lld)), 1, 7, '2026-03-29 01:00:00')",
	    acc, LS_EVENTS, LS_PROPS, acc, LS_EVENTS - 1, LS_EVENTS - 1, acc,
	    acc, acc, LS_PROPS - 1, LS_PROPS - 1, acc, uid, acc, uid, acc, uid, acc, uid, acc, uid,
	    acc, uid, acc);
}

/* The @name of every item of the page c holds, '|'-separated, into out. */
static void
ls_names(struct client *c, char *out, size_t outlen)
{
	char	 expr[96];
	int	 i, n = xpath_count(c->r.doc, "/steward/schema/item");
	size_t	 k = 0;

	out[0] = '\0';
	for (i = 1; i <= n && k < outlen; i++) {
		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%d]/@name)", i);
		k += (size_t)snprintf(out + k, outlen - k, "%s%s", i > 1 ? "|" : "",
		    xs(c, expr));
	}
}

/* A sort order of a schema list and the same order in plain SQL. */
static const struct {
	const char	*page, *sort, *table, *order;
	int		 rows;
} ls_orders[] = {
	{ "events", "name", "event_def d",
	    "d.name COLLATE utf8mb4_unicode_ci, d.id", LS_EVENTS },
	{ "events", "last-seen", "event_def d",
	    "d.last_seen DESC, d.name COLLATE utf8mb4_unicode_ci, d.id", LS_EVENTS },
	{ "events", "count", "event_def d LEFT JOIN event_month m ON"
	    " m.event_id = d.id AND m.month = DATE_FORMAT(UTC_DATE(), '%Y-%m-01')",
	    "COALESCE(m.n, 0) DESC, d.name COLLATE utf8mb4_unicode_ci, d.id",
	    LS_EVENTS },
	{ "user-properties", "name", "profile_prop d",
	    "d.name COLLATE utf8mb4_unicode_ci, d.id", LS_PROPS },
	{ "user-properties", "last-seen", "profile_prop d",
	    "d.last_seen DESC, d.name COLLATE utf8mb4_unicode_ci, d.id", LS_PROPS },
	{ "user-properties", "count", "profile_prop d",
	    "d.profiles DESC, d.name COLLATE utf8mb4_unicode_ci, d.id", LS_PROPS },
};

static void
test_lists_orders(struct client *c)
{
	char		 path[160], got[4096], want[4096];
	size_t		 o;
	int		 page, pages;
	long long	 acc = account_pk(&LS);

	t_begin("lists: every sort order of events and user properties, first, middle and last page, equals a plain ORDER BY (ties by name, then id)");
	for (o = 0; o < sizeof(ls_orders) / sizeof(ls_orders[0]); o++) {
		pages = (ls_orders[o].rows + 49) / 50;
		for (page = 1; page <= pages; page++) {
			snprintf(path, sizeof(path), "/api/settings/%s?sort=%s&page=%d",
			    ls_orders[o].page, ls_orders[o].sort, page);
			REQUIRE(get(c, path) == 200, "%s: %ld", path, c->r.status);
			ls_names(c, got, sizeof(got));
			snprintf(want, sizeof(want), "%s", pf_sqlv(
			    "SELECT GROUP_CONCAT(n ORDER BY k SEPARATOR '|') FROM"
			    " (SELECT d.name AS n, ROW_NUMBER() OVER (ORDER BY %s) AS k"
			    " FROM %s WHERE d.account_id = %lld) t WHERE k > %d AND k <= %d",
			    ls_orders[o].order, ls_orders[o].table, acc,
			    (page - 1) * 50, page * 50));
			REQUIRE(want[0] != '\0' && strcmp(got, want) == 0,
			    "%s:\n got  %s\n want %s", path, got, want);
			REQUIRE(strcmp(xs(c, "concat(/steward/schema/pager/@next,' ',"
			    "/steward/schema/pager/@total)"), page < pages ?
			    (ls_orders[o].rows == LS_EVENTS ? "yes 120" : "yes 110") :
			    (ls_orders[o].rows == LS_EVENTS ? "no 120" : "no 110")) == 0,
			    "%s: pager %s", path, xs(c, "concat(/steward/schema/pager/@next,"
			    "' ',/steward/schema/pager/@total)"));
		}
	}
	/* names equal but for case are one collated name: by id */
	REQUIRE(get(c, "/api/settings/events?sort=name&page=3") == 200 &&
	    strcmp(xs(c, "concat(/steward/schema/item[last()-1]/@name,' ',"
	    "/steward/schema/item[last()]/@name)"), "tie110 Tie110") == 0,
	    "collated ties: %s", xs(c, "concat(/steward/schema/item[last()-1]/@name,"
	    "' ',/steward/schema/item[last()]/@name)"));
	/* a search counts its own matches on every order */
	REQUIRE(get(c, "/api/settings/events?q=tie&sort=last-seen") == 200 &&
	    strcmp(xs(c, "concat(count(/steward/schema/item),' ',"
	    "/steward/schema/pager/@total)"), "24 24") == 0, "search: %s",
	    xs(c, "concat(count(/steward/schema/item),' ',/steward/schema/pager/@total)"));
done:
	t_end();
}

/* A page and what an XPath expression makes of it. */
struct ls_probe {
	const char	*path, *expr, *want;
};

/* Checks every probe of p (n of them) with c; 1 when all hold (the first
 * that does not is the test's failure). */
static int
ls_probe_all(struct client *c, const struct ls_probe *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!ck(get(c, p[i].path) == 200, "%s: %ld", p[i].path,
		    c->r.status) ||
		    !ck(strcmp(xs(c, p[i].expr), p[i].want) == 0, "%s: %s, want %s",
		    p[i].path, xs(c, p[i].expr), p[i].want))
			return 0;
	}
	return 1;
}

/* The times each list draws, in Europe/Berlin around the change to
 * summer time (01:00 UTC): 01:59:59+01:00, then 03:00:00+02:00. */
static const struct ls_probe ls_times[] = {
	{ "/api/settings/events?q=ev1105",
	    "concat(//item/@first-seen,' ',//item/@last-seen)",
	    "2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00" },
	{ "/api/settings/audit-log?action=label.save",
	    "concat(//entry[@target='before']/@time,' ',//entry[@target='after']/@time)",
	    "2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00" },
	{ "/api/settings/labels", "string(//labels/label[@name='Summer']/@created)",
	    "2026-07-01T14:00:00+02:00" },
	{ "/api/settings/reports",
	    "concat(//report[@name='Spring']/@last-run,' ',//report[@name='Spring']/@next-run)",
	    "2026-03-29T01:59:59+01:00 2027-03-28T03:00:00+02:00" },
	{ "/api/settings/downloads",
	    "concat(//download[@name='Spring']/@requested,' ',"
	    "//download[@name='Spring']/@started,' ',"
	    "count(//download[@name='Spring']/@finished))",
	    "2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00 0" },
	{ "/api/settings/csv-uploads",
	    "string(//csv-uploads/upload[@name='spring.csv']/@created)",
	    "2026-03-29T03:00:00+02:00" },
};

static void
test_lists_times(struct client *c)
{
	t_begin("lists: times drawn in the account's zone on both sides of a DST change (events, audit log, labels, reports, downloads, CSV uploads; a NULL time left out)");
	ls_probe_all(c, ls_times, sizeof(ls_times) / sizeof(ls_times[0]));
	t_end();
}

/*
 * Single values (not lists) drawn in C from seconds since 1970: a
 * session, passkeys (a NULL last use left out), member since, the email
 * change's expiry, 2-step since, an invoice; the list account's rows
 * around the DST changes of 2026-03-29 and 2027-03-28 (01:00 UTC) in
 * Europe/Berlin.  0 on success.
 */
static int
ls_single_fixtures(void)
{
	long long	 acc = account_pk(&LS);
	char		 uid[32], org[32];

	snprintf(uid, sizeof(uid), "%s", pf_sqlv("SELECT id FROM user WHERE"
	    " email = '%s'", LS_admin.email));
	snprintf(org, sizeof(org), "%s", pf_sqlv("SELECT org_id FROM account"
	    " WHERE id = %lld", acc));
	if (*uid == '\0' || *org == '\0')
		return -1;
	return pf_sql(NULL, 0,
	    "UPDATE membership SET created_at = '2026-03-29 01:00:00'"
	    " WHERE account_id = %lld AND user_id = %s;"
	    "UPDATE user SET totp_enabled_at = '2026-03-29 00:59:59',"
	    " last_login_at = '2026-03-29 00:59:59' WHERE id = %s;"
	    "INSERT INTO session (token_hash, user_id, account_id, ip, stage,"
	    " created_at, last_seen_at, expires_at) VALUES (UNHEX(SHA2("
	    "'ls-session-%lld', 256)), %s, %lld, '10.9.9.9', 0,"
	    " '2026-03-29 01:00:00', '2027-03-28 01:00:00',"
	    " UTC_TIMESTAMP() + INTERVAL 1 DAY);"
	    "INSERT INTO passkey (user_id, cred_id, public_key, alg, aaguid,"
	    " name, created_at, last_used_at) VALUES"
	    " (%s, CONCAT('ls-a-', %s), 'k', -7, REPEAT(x'00', 16), 'Before',"
	    " '2026-03-29 00:59:59', NULL),"
	    " (%s, CONCAT('ls-b-', %s), 'k', -7, REPEAT(x'00', 16), 'After',"
	    " '2026-03-29 01:00:00', '2027-03-28 00:59:59');"
	    "INSERT INTO email_change (user_id, old_email, new_email,"
	    " token_hash, expires_at) VALUES (%s, '%s', 'ls-new@example.com',"
	    " UNHEX(SHA2('ls-email-%lld', 256)), '2027-03-28 01:00:00');"
	    "UPDATE csv_upload SET updated_at = '2026-03-29 00:59:59'"
	    " WHERE account_id = %lld AND name = 'spring.csv';"
	    "UPDATE profile_prop SET first_seen = '2026-03-29 00:59:59',"
	    " last_seen = '2026-03-29 01:00:00' WHERE account_id = %lld"
	    " AND name = 'p054';"
	    "INSERT INTO invoice (org_id, number, kind, period_start,"
	    " period_end, currency, total_minor, issued_at, due_at) VALUES"
	    " (%s, 1, 'period', '2026-03-01', '2026-03-31', 'EUR', 100,"
	    " '2026-03-29 00:59:59', '2026-03-29 01:00:00');"
	    "INSERT INTO invoice_line (invoice_id, position, description,"
	    " quantity, unit_minor, amount_minor) SELECT id, 1, 'Plan', 1, 100,"
	    " 100 FROM invoice WHERE org_id = %s AND number = 1",
	    acc, uid, uid, acc, uid, acc, uid, uid, uid, uid, uid,
	    LS_admin.email, acc, acc, acc, org, org);
}

/* The single values of the profile and the Billing page (in Europe/Berlin). */
static const struct ls_probe ls_single[] = {
	{ "/api/settings/profile",
	    "concat(//session[@ip='10.9.9.9']/@started,' ',"
	    "//session[@ip='10.9.9.9']/@last-seen)",
	    "2026-03-29T03:00:00+02:00 2027-03-28T03:00:00+02:00" },
	{ "/api/settings/profile",
	    "concat(//passkey[@name='Before']/@created,' ',"
	    "count(//passkey[@name='Before']/@last-used),' ',"
	    "//passkey[@name='After']/@created,' ',"
	    "//passkey[@name='After']/@last-used)",
	    "2026-03-29T01:59:59+01:00 0 2026-03-29T03:00:00+02:00"
	    " 2027-03-28T01:59:59+01:00" },
	{ "/api/settings/profile",
	    "concat(/steward/profile/@member-since,' ',"
	    "/steward/profile/email-change/@expires,' ',/steward/twofa/@since)",
	    "2026-03-29T03:00:00+02:00 2027-03-28T03:00:00+02:00"
	    " 2026-03-29T01:59:59+01:00" },
	{ "/api/settings/billing",
	    "concat(//invoices/invoice[1]/@issued,' ',//invoices/invoice[1]/@due)",
	    "2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00" },
};

/* One row's page (path, then its id: SQL of the list account's primary
 * key %lld) and its times there. */
static const struct {
	const char	*path, *id, *expr, *want;
} ls_rows[] = {
	{ "/api/settings/billing/invoices/", "SELECT i.id FROM invoice i JOIN"
	    " account a ON a.org_id = i.org_id WHERE a.id = %lld AND i.number = 1",
	    "concat(/steward/invoice/@issued,' ',/steward/invoice/@due)",
	    "2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00" },
	{ "/api/settings/csv-uploads?upload=", "SELECT id FROM csv_upload"
	    " WHERE account_id = %lld AND name = 'spring.csv'",
	    "concat(/steward/csv-upload/@created,' ',/steward/csv-upload/@updated)",
	    "2026-03-29T03:00:00+02:00 2026-03-29T01:59:59+01:00" },
	{ "/api/settings/reports/edit?id=", "SELECT id FROM report"
	    " WHERE account_id = %lld AND name = 'Spring'",
	    "concat(/steward/report-form/@last-run,' ',/steward/report-form/@next-run)",
	    "2026-03-29T01:59:59+01:00 2027-03-28T03:00:00+02:00" },
};

/* The cell of column col in the row whose column key is v of t ("" none). */
static const char *
ls_cell(const struct mcsv *t, const char *key, const char *v, const char *col)
{
	size_t	 k = mcsv_col(t, key), c = mcsv_col(t, col), r;

	if (k == MCSV_COLS || c == MCSV_COLS || (r = mcsv_find(t, k, v)) == 0 ||
	    t->cell[r][c] == NULL)
		return "";
	return t->cell[r][c];
}

/* Exports kind as c and parses its file into t; 0 on success. */
static int
ls_export(struct client *c, const char *kind, struct mcsv *t)
{
	long long	 dl;

	mcsv_free(t);
	memset(t, 0, sizeof(*t));
	return (dl = m_export(c, &LS_admin, kind)) > 0 && m_fetch(c, dl, t) == 0 ?
	    0 : -1;
}

static void
test_single_times(struct client *c)
{
	struct ls_probe	 p;
	char		 path[96];
	long long	 acc = account_pk(&LS);
	size_t		 i;

	t_begin("single values: a session, passkeys (a NULL last use left out), member since, the email change's expiry, 2-step since, invoices, one CSV upload, one report, in the account's zone across a DST change");
	REQUIRE(ls_single_fixtures() == 0, "fixture SQL failed");
	if (!ls_probe_all(c, ls_single, sizeof(ls_single) / sizeof(ls_single[0])))
		goto done;
	for (i = 0; i < sizeof(ls_rows) / sizeof(ls_rows[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", ls_rows[i].path,
		    pf_sqlv(ls_rows[i].id, acc));
		p.path = path;
		p.expr = ls_rows[i].expr;
		p.want = ls_rows[i].want;
		if (!ls_probe_all(c, &p, 1))
			break;
	}
done:
	t_end();
}

/* The export job's times (after test_single_times' fixtures). */
static void
test_export_times(struct client *c)
{
	struct mcsv	*t = calloc(1, sizeof(*t));
	char		 path[96];
	long long	 dl;

	t_begin("exports: events, user properties, members and CSV uploads write their times in the account's zone across a DST change; the file is named after its local date");
	REQUIRE(t != NULL, "calloc");
	REQUIRE(ls_export(c, "events", t) == 0, "events export");
	REQUIRE(strcmp(ls_cell(t, "event", "ev1105", "first_seen"), "2026-03-29T01:59:59+01:00") == 0 &&
	    strcmp(ls_cell(t, "event", "ev1105", "last_seen"), "2026-03-29T03:00:00+02:00") == 0,
	    "events: %s %s", ls_cell(t, "event", "ev1105", "first_seen"),
	    ls_cell(t, "event", "ev1105", "last_seen"));
	REQUIRE(ls_export(c, "user-properties", t) == 0, "properties export");
	REQUIRE(strcmp(ls_cell(t, "property", "p054", "first_seen"), "2026-03-29T01:59:59+01:00") == 0 &&
	    strcmp(ls_cell(t, "property", "p054", "last_seen"), "2026-03-29T03:00:00+02:00") == 0,
	    "properties: %s %s", ls_cell(t, "property", "p054", "first_seen"),
	    ls_cell(t, "property", "p054", "last_seen"));
	REQUIRE(ls_export(c, "members", t) == 0, "members export");
	REQUIRE(strcmp(ls_cell(t, "email", LS_admin.email, "member_since"), "2026-03-29T03:00:00+02:00") == 0 &&
	    strcmp(ls_cell(t, "email", LS_admin.email, "last_sign_in"), "2026-03-29T01:59:59+01:00") == 0,
	    "members: %s %s", ls_cell(t, "email", LS_admin.email, "member_since"),
	    ls_cell(t, "email", LS_admin.email, "last_sign_in"));
	REQUIRE(ls_export(c, "csv-uploads", t) == 0, "uploads export");
	REQUIRE(strcmp(ls_cell(t, "file", "spring.csv", "uploaded"), "2026-03-29T03:00:00+02:00") == 0,
	    "uploads: %s", ls_cell(t, "file", "spring.csv", "uploaded"));
	/* 23:30 UTC on 28 March is already the 29th in Berlin */
	dl = m_dl_last(&LS_admin);
	pf_sql(NULL, 0, "UPDATE download SET created_at = '2026-03-28 23:30:00' WHERE id = %lld", dl);
	snprintf(path, sizeof(path), "/settings/downloads/file?id=%lld", dl);
	REQUIRE(get(c, path) == 200 && strstr(m_header(c, "Content-Disposition"),
	    "CSV%20uploads%202026-03-29.csv") != NULL, "file: %ld %s", c->r.status,
	    m_header(c, "Content-Disposition"));
done:
	if (t != NULL)
		mcsv_free(t);
	free(t);
	t_end();
}

/* The empty lists of an account without data, and what each holds. */
static const struct ls_probe ls_empty[] = {
	{ "/api/settings/events", "concat(count(//schema/item),' ',//schema/pager/@total,' ',//schema/pager/@next)", "0 0 no" },
	{ "/api/settings/events?sort=count&page=2", "concat(count(//schema/item),' ',count(//schema/pager/@total))", "0 0" },
	{ "/api/settings/user-properties?sort=last-seen", "concat(count(//schema/item),' ',//schema/pager/@total)", "0 0" },
	{ "/api/settings/labels", "concat(count(//labels/label),' ',//labels/@total)", "0 0" },
	{ "/api/settings/reports", "concat(count(//reports/report),' ',//reports/@total)", "0 0" },
	{ "/api/settings/downloads", "concat(count(//downloads/download),' ',//downloads/pager/@next)", "0 no" },
	{ "/api/settings/csv-uploads", "concat(count(//csv-uploads/upload),' ',//csv-uploads/pager/@next)", "0 no" },
};

static void
test_lists_empty(void)
{
	struct account	 E;
	struct user	 u = { .role = "admin" };
	struct client	*c = NULL;

	t_begin("lists: an account without data draws every list empty (no rows, nothing next)");
	REQUIRE(make_account(&E, "LE") == 0, "org-create failed");
	REQUIRE(make_user(&u, "leadmin", &E) == 0, "user-add failed");
	REQUIRE((c = signed_in(&u)) != NULL, "sign-in failed");
	ls_probe_all(c, ls_empty, sizeof(ls_empty) / sizeof(ls_empty[0]));
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------ users orders */

#define UO_MEMBERS	70	/* members besides the Admin */
#define UO_INVITES	60	/* pending invitations: 131 rows, 3 pages */

/* The users-order account and its Admin. */
static struct account	 UO;
static struct user	 UO_admin = { .role = "admin" };

/*
 * Members and invitations with ties in every sort key: names equal but
 * for case and accents, no name (shown as the email), five members a
 * day and ten invitations a day (a bulk invite shares its timestamp),
 * the days shared by both kinds, last sign-ins on six hours or none;
 * two invitations to addresses of members (the member comes first);
 * five accepted and five revoked invitations, which the list leaves out.
 * 0 on success.
 */
static int
uo_fixtures(void)
{
	long long	 acc = account_pk(&UO);

	if (acc <= 0)
		return -1;
	return pf_sql(NULL, 0,
	    "INSERT INTO user (email, name, password_hash, last_login_at)"
	    " SELECT CONCAT('uo-%s-', seq, '@example.com'), IF(seq %% 7 = 0,"
	    " '', CONCAT(ELT(seq %% 4 + 1, 'Ann', 'ann', 'Bob', '\xc3\x89mile'),"
	    " ' ', seq DIV 10)), 'x', IF(seq %% 3 = 0, NULL,"
	    " '2026-06-01' + INTERVAL seq %% 6 HOUR) FROM seq_1_to_%d;"
	    "CREATE TEMPORARY TABLE uo_ids (id BIGINT UNSIGNED PRIMARY KEY,"
	    " seq INT) SELECT u.id, seq FROM seq_1_to_%d JOIN user u"
	    " ON u.email = CONCAT('uo-%s-', seq, '@example.com');"
	    "INSERT INTO membership (account_id, user_id, role, created_at)"
	    " SELECT %lld, id, 1 + seq %% 4, '2026-01-01' + INTERVAL seq DIV 5 DAY"
	    " FROM uo_ids;"
	    "INSERT INTO invitation (account_id, email, role, token_hash,"
	    " created_at, expires_at, accepted_at, revoked_at)"
	    " SELECT %lld, IF(seq <= 2, CONCAT('uo-%s-', seq * 7, '@example.com'),"
	    " CONCAT(ELT(seq %% 3 + 1, 'inv', 'Inv', 'ann'), '-%s-', seq,"
	    " '@example.com')), 1 + seq %% 4,"
	    " UNHEX(SHA2(CONCAT('uo-%s-', seq), 256)),"
	    " '2026-01-01' + INTERVAL seq DIV 10 DAY,"
	    " IF(seq %% 2, '2026-01-08', UTC_TIMESTAMP(6) + INTERVAL 7 DAY),"
	    " IF(seq > %d AND seq <= %d, UTC_TIMESTAMP(6), NULL),"
	    " IF(seq > %d, UTC_TIMESTAMP(6), NULL) FROM seq_1_to_%d",
	    g_tag, UO_MEMBERS, UO_MEMBERS, g_tag, acc, acc, g_tag, g_tag, g_tag,
	    UO_INVITES, UO_INVITES + 5, UO_INVITES + 5, UO_INVITES + 10);
}

/* A sort order of the Users page and the same order in plain SQL, over
 * the union of members and pending invitations (kind 0 and 1). */
static const struct {
	const char	*query, *order;
} uo_orders[] = {
	{ "sort=name", "nm, em, kind, id" },
	{ "sort=name&order=desc", "nm DESC, em, kind, id" },
	{ "sort=email", "em, kind, id" },
	{ "sort=email&order=desc", "em DESC, kind, id" },
	{ "sort=role", "role DESC, em, kind, id" },
	{ "sort=role&order=desc", "role, em, kind, id" },
	{ "sort=last-login", "login DESC, em, kind, id" },
	{ "sort=last-login&order=desc", "login, em, kind, id" },
	{ "sort=since", "since, em, kind, id" },
	{ "sort=since&order=desc", "since DESC, em, kind, id" },
};

/* The rows of the Users page c holds as "m:EMAIL" and "i:EMAIL",
 * '|'-separated, into out. */
static void
uo_rows(struct client *c, char *out, size_t outlen)
{
	char	 expr[256];
	int	 i, n = xpath_count(c->r.doc,
	    "/steward/users/*[self::member or self::invitation]");
	size_t	 k = 0;

	out[0] = '\0';
	for (i = 1; i <= n && k < outlen; i++) {
		snprintf(expr, sizeof(expr), "concat(substring(name("
		    "/steward/users/*[self::member or self::invitation][%d]),"
		    " 1, 1), ':', /steward/users/*[self::member or"
		    " self::invitation][%d]/@email)", i, i);
		k += (size_t)snprintf(out + k, outlen - k, "%s%s",
		    i > 1 ? "|" : "", xs(c, expr));
	}
}

/*
 * Every sort order of the Users page, both ways, on each of its pages,
 * against a plain ORDER BY of members and pending invitations together:
 * the page merges a statement of each kind, read from their indexes.
 */
static void
test_users_orders(void)
{
	char		 path[160], got[8192], want[4096];
	struct client	*c = NULL;
	long long	 acc;
	size_t		 o;
	int		 page, rows = UO_MEMBERS + 1 + UO_INVITES;

	t_begin("lists: every sort order of the Users page, both ways, every page, equals a plain ORDER BY of members and pending invitations (ties by email, members first)");
	REQUIRE(make_account(&UO, "UO") == 0, "org-create failed");
	REQUIRE(make_user(&UO_admin, "uoadmin", &UO) == 0, "user-add failed");
	REQUIRE(uo_fixtures() == 0, "fixture SQL failed");
	REQUIRE((c = signed_in(&UO_admin)) != NULL, "sign-in failed");
	acc = account_pk(&UO);
	for (o = 0; o < sizeof(uo_orders) / sizeof(uo_orders[0]); o++)
		for (page = 1; page <= (rows + 49) / 50; page++) {
			snprintf(path, sizeof(path), "/api/settings/users?%s&page=%d",
			    uo_orders[o].query, page);
			REQUIRE(get(c, path) == 200, "%s: %ld", path, c->r.status);
			uo_rows(c, got, sizeof(got));
			snprintf(want, sizeof(want), "%s", pf_sqlv(
			    "SELECT GROUP_CONCAT(CONCAT(IF(kind, 'i:', 'm:'), em)"
			    " ORDER BY k SEPARATOR '|') FROM (SELECT kind, em,"
			    " ROW_NUMBER() OVER (ORDER BY %s) AS k FROM ("
			    "SELECT 0 AS kind, m.user_id AS id, m.sort_name AS nm,"
			    " m.email AS em, m.role, m.last_login_at AS login,"
			    " m.created_at AS since FROM membership m"
			    " WHERE m.account_id = %lld UNION ALL"
			    " SELECT 1, i.id, i.email, i.email, i.role, NULL,"
			    " i.created_at FROM invitation i WHERE i.account_id = %lld"
			    " AND i.accepted_at IS NULL AND i.revoked_at IS NULL) x) t"
			    " WHERE k > %d AND k <= %d", uo_orders[o].order, acc, acc,
			    (page - 1) * 50, page * 50));
			REQUIRE(want[0] != '\0' && strcmp(got, want) == 0,
			    "%s:\n got  %s\n want %s", path, got, want);
		}
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------------ plans */

/* The lines of steward-admin plans that judged a plan, and how many said
 * "ok". */
static void
ls_plan_lines(const char *out, int *lines, int *ok)
{
	const char	*p, *nl;

	*lines = *ok = 0;
	for (p = out; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		if (*p == ' ')		/* a plan row (--verbose) */
			continue;
		(*lines)++;
		*ok += strstr(p, " ok") != NULL && strstr(p, " ok") < nl;
	}
}

/*
 * steward-admin plans on the list account: every list statement reads its
 * index in order (the invitations too, sql/021), with the plans of the API
 * token list and the sessions list that MariaDB once chose badly; a
 * missing, unknown or malformed account or user is a usage error.
 */
static void
test_lists_plans(void)
{
	static char	 out[65536];
	int		 st, lines, ok;

	t_begin("lists: steward-admin plans finds every list statement on its index, no sort of an account's rows");
	st = admin_run(NULL, out, sizeof(out), "plans", "--account", LS.id,
	    "--user", LS_admin.email, "--verbose", NULL);
	ls_plan_lines(out, &lines, &ok);
	ck(st == 0, "plans exit %d:\n%s", st, out);
	ck(lines >= 39 && ok == lines, "%d of %d plans ok:\n%s", ok, lines,
	    out);
	ck(strstr(out, "BAD") == NULL, "a bad plan:\n%s", out);
	ck(strstr(out, "api_token_account") != NULL,
	    "the API token list reads api_token_account");
	ck(strstr(out, "session_user") != NULL,
	    "the sessions list reads session_user");
	ck(strstr(out, "invitation_list_role_desc") != NULL &&
	    strstr(out, "invitation_list_sent_desc") != NULL &&
	    strstr(out, "invitation_open") != NULL,
	    "the invitations read the index of their order, the open ones' "
	    "count its own");
	ck(strstr(out, "membership_name_desc") != NULL &&
	    strstr(out, "event_def_list_seen") != NULL &&
	    strstr(out, "csv_upload_list") != NULL,
	    "the lists read their order's index");
	ck(strstr(out, "users by name ") != NULL &&
	    strstr(out, "audit log ") != NULL && strstr(out, "invoices ") != NULL,
	    "the users, audit log and invoices lists are judged");
	st = admin_run(NULL, out, sizeof(out), "plans", "--account",
	    "ZZZ-ZZZ-ZZZZ", NULL);
	ck(st == 1 && *out == '\0', "an unknown account: exit %d, %s", st,
	    out);
	st = admin_run(NULL, out, sizeof(out), "plans", "--account", LS.id,
	    "--user", "nobody@example.invalid", NULL);
	ck(st == 1 && *out == '\0', "an unknown user: exit %d, %s", st, out);
	st = admin_run(NULL, out, sizeof(out), "plans", NULL);
	ck(st == 1 && *out == '\0', "no --account: exit %d, %s", st, out);
	st = admin_run(NULL, out, sizeof(out), "plans", "--account", LS.id,
	    "--user", "not an email\x01", NULL);
	ck(st == 1 && *out == '\0', "a bad --user: exit %d, %s", st, out);
	t_end();
}

/* ------------------------------------------------------------ group */

static void
part_lists(void)
{
	struct client	*c = NULL;

	t_begin("lists: fixtures (an account with 120 events, 110 properties, a row of each list around a DST change)");
	REQUIRE(make_account(&LS, "LS") == 0, "org-create failed");
	REQUIRE(make_user(&LS_admin, "lsadmin", &LS) == 0, "user-add failed");
	REQUIRE(ls_fixtures() == 0, "fixture SQL failed");
	REQUIRE((c = signed_in(&LS_admin)) != NULL, "sign-in failed");
done:
	if (!t_end()) {
		cl_free(c);
		return;
	}
	test_lists_orders(c);
	test_lists_times(c);
	test_single_times(c);
	test_export_times(c);
	cl_free(c);
	test_lists_plans();
	test_users_orders();
	test_lists_empty();
}
