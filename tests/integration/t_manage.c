/*
 * Tests of labels, My Reports and their scheduler, My Downloads and the
 * export job (the group "manage").  Included by itest.c after t_data.c,
 * whose helpers (sql1, sqln, ingest, account_pk) it uses.  The tests run
 * in order and build on each other (labels made first are attached to
 * reports, exported, then deleted), so they stay one group in one file.
 * Every refusal is checked twice: the answer (status, field, message)
 * and the state afterwards (the database, the files under var/exports).
 * Jobs run in the worker's runner thread; the tests wait for them, and
 * make the scheduler's next tick due by moving its run_after.
 */

#include <sys/stat.h>

static struct account	 M;		/* the manage tests' account */
static struct user	 U_madmin = { .role = "admin" }, U_mcreator = { .role = "creator" },
			 U_mmember = { .role = "member" }, U_magent = { .role = "agent" },
			 U_madmin2 = { .role = "admin" };

/* ------------------------------------------------------------ helpers */

/* The account's internal id, and the user id of an address. */
static long long
m_uid(const struct user *u)
{
	return sqln("SELECT id FROM user WHERE email = '%s'", u->email);
}

/* POSTs body (already encoded) after "csrf=<c's token>&". */
static long
m_raw(struct client *c, const char *path, const char *body)
{
	char	*tok = curl_easy_escape(c->h, c->csrf, 0);
	struct buf b = { 0 };
	long	 st;

	buf_str(&b, "csrf=");
	buf_str(&b, tok);
	if (body[0] != '\0') {
		buf_str(&b, "&");
		buf_str(&b, body);
	}
	curl_free(tok);
	st = post_raw(c, path, b.p, NULL);
	buf_free(&b);
	return st;
}

/* A header of the last answer (curl_easy_header), or "". */
static const char *
m_header(struct client *c, const char *name)
{
	static char		 out[1024];
	struct curl_header	*h;

	out[0] = '\0';
	if (curl_easy_header(c->h, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
		snprintf(out, sizeof(out), "%s", h->value);
	return out;
}

/* The id of the label named name of account a ("" none). */
static const char *
m_label(const struct account *a, const char *name)
{
	static char	 out[32];

	snprintf(out, sizeof(out), "%s", sql1("SELECT id FROM label WHERE"
	    " account_id = %lld AND name = '%s'", account_pk(a), name));
	return out;
}

static long long
m_labels_of(const struct account *a)
{
	return sqln("SELECT COUNT(*) FROM label WHERE account_id = %lld", account_pk(a));
}

static long long
m_reports_of(const struct user *u)
{
	return sqln("SELECT COUNT(*) FROM report WHERE user_id = %lld", m_uid(u));
}

/* A finished CSV upload of account a named name; its id. */
static long long
m_upload(const struct account *a, const char *name)
{
	sql1("INSERT INTO csv_upload (account_id, name, stored, kind, status,"
	    " rows_total, rows_done, rows_imported) VALUES (%lld, '%s',"
	    " MD5(RAND()), 1, 5, 3, 3, 3)", account_pk(a), name);
	return sqln("SELECT MAX(id) FROM csv_upload WHERE account_id = %lld"
	    " AND name = '%s'", account_pk(a), name);
}

/* Waits until query (a number) equals want; 1 when it did in secs. */
static int
m_until(long long want, int secs, const char *fmt, ...)
{
	char		 q[4096];
	va_list		 ap;
	int		 i;
	struct timespec	 ts = { 0, 250 * 1000 * 1000 };

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	for (i = 0; i < secs * 4; i++) {
		if (sqln("%s", q) == want)
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* Makes the queued scheduler tick due and waits until it has run. */
static int
m_tick(void)
{
	long long	 id = -1;
	int		 i;
	struct timespec	 ts = { 0, 250 * 1000 * 1000 };

	for (i = 0; i < 80 && id <= 0; i++) {
		id = sqln("SELECT COALESCE(MIN(id), 0) FROM job WHERE kind = 'manage.tick'"
		    " AND state = 1");
		if (id <= 0)
			nanosleep(&ts, NULL);
	}
	if (id <= 0)
		return 0;
	sql1("UPDATE job SET run_after = UTC_TIMESTAMP(6) WHERE id = %lld", id);
	return m_until(3, 40, "SELECT state FROM job WHERE id = %lld", id);
}

/* The status of download id ("" when gone). */
static const char *
m_dl_status(long long id)
{
	static const char *const names[] = { "", "queued", "running", "ready",
	    "failed", "expired" };
	long long	 s = sqln("SELECT status FROM download WHERE id = %lld", id);

	return s >= 1 && s <= 5 ? names[s] : "";
}

/* Waits for download id to reach status; 1 when it did. */
static int
m_dl_wait(long long id, int status)
{
	return m_until(status, 40, "SELECT COALESCE((SELECT status FROM download"
	    " WHERE id = %lld), 0)", id);
}

/* The newest download of user u. */
static long long
m_dl_last(const struct user *u)
{
	return sqln("SELECT COALESCE(MAX(id), 0) FROM download WHERE user_id = %lld",
	    m_uid(u));
}

/*
 * A download of u named name, of kind source (report: an id or NULL;
 * label_name: the label it filtered by, "" none), queued for the export
 * job as a row of the table, not through a page; its id.
 */
static long long
m_dl_queue(const struct user *u, const char *name, int source,
    const char *report, const char *label_name)
{
	long long	 dl;

	sql1("INSERT INTO download (account_id, user_id, report_id, name, source,"
	    " label_name) VALUES (%lld, %lld, %s, '%s', %d, '%s')", account_pk(&M),
	    m_uid(u), report, name, source, label_name);
	dl = m_dl_last(u);
	sql1("INSERT INTO job (account_id, kind, ref_id) VALUES (%lld,"
	    " 'report.export', %lld)", account_pk(&M), dl);
	return dl;
}

/* The path of download id's file under var/exports ("" none). */
static const char *
m_dl_path(long long id)
{
	static char	 p[PATH_MAX * 2];
	const char	*st = sql1("SELECT COALESCE(stored, '') FROM download"
	    " WHERE id = %lld", id);

	if (st[0] == '\0' || strncmp(st, "ERROR", 5) == 0)
		return "";
	snprintf(p, sizeof(p), "%s/exports/%s.csv", g_var, st);
	return p;
}

static int
m_exists(const char *path)
{
	struct stat	 st;

	return path[0] != '\0' && stat(path, &st) == 0;
}

/* The id of madmin's report named name ("" none). */
static const char *
m_report_id(const char *name)
{
	static char	 out[32];

	snprintf(out, sizeof(out), "%s", sql1("SELECT COALESCE(MAX(id), '') FROM report"
	    " WHERE user_id = %lld AND name = '%s'", m_uid(&U_madmin), name));
	return out;
}

/* ---------------------------------------------------------- CSV parser */

#define MCSV_ROWS	1200
#define MCSV_COLS	16

struct mcsv {
	size_t	 nrows;
	size_t	 ncols[MCSV_ROWS];
	char	*cell[MCSV_ROWS][MCSV_COLS];
};

/* Parses RFC 4180 text (quoted cells, CRLF); -1 when it is not. */
static int
mcsv_parse(const char *s, struct mcsv *t)
{
	struct buf	 cell = { 0 };
	size_t		 r = 0, c = 0;
	int		 q;

	memset(t, 0, sizeof(*t));
	while (*s != '\0' && r < MCSV_ROWS) {
		buf_clear(&cell);
		buf_add(&cell, "", 0);
		q = *s == '"';
		if (q) {
			for (s++; *s != '\0'; s++) {
				if (*s == '"' && s[1] == '"')
					buf_add(&cell, s++, 1);
				else if (*s == '"')
					break;
				else
					buf_add(&cell, s, 1);
			}
			if (*s++ != '"')
				goto bad;
		} else
			for (; *s != '\0' && *s != ',' && *s != '\r'; s++)
				buf_add(&cell, s, 1);
		if (c < MCSV_COLS)
			t->cell[r][c++] = xstrdup(cell.p);
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] != '\r' || s[1] != '\n')
			goto bad;
		s += 2;
		t->ncols[r++] = c;
		c = 0;
	}
	t->nrows = r;
	buf_free(&cell);
	return 0;
bad:
	buf_free(&cell);
	return -1;
}

static void
mcsv_free(struct mcsv *t)
{
	size_t	 r, c;

	for (r = 0; r < MCSV_ROWS; r++)
		for (c = 0; c < MCSV_COLS; c++)
			free(t->cell[r][c]);
}

/* The row whose column col is v (1 … nrows-1), or 0. */
static size_t
mcsv_find(const struct mcsv *t, size_t col, const char *v)
{
	size_t	 r;

	for (r = 1; r < t->nrows; r++)
		if (t->cell[r][col] != NULL && strcmp(t->cell[r][col], v) == 0)
			return r;
	return 0;
}

/* The index of column name in the header, or MCSV_COLS. */
static size_t
mcsv_col(const struct mcsv *t, const char *name)
{
	size_t	 c;

	for (c = 0; c < t->ncols[0]; c++)
		if (strcmp(t->cell[0][c], name) == 0)
			return c;
	return MCSV_COLS;
}

/* Fetches download id as c (the HTML path: the bytes), parses it. */
static int
m_fetch(struct client *c, long long id, struct mcsv *t)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/settings/downloads/file?id=%lld", id);
	if (get(c, path) != 200)
		return -1;
	return mcsv_parse(c->r.body.p ? c->r.body.p : "", t);
}

/*
 * POSTs key=val to path as c (user u), which queues an export, and waits
 * for it; the download's id or 0.
 */
static long long
m_queued(struct client *c, const struct user *u, const char *path,
    const char *key, const char *val)
{
	long long	 dl;

	post(c, path, "csrf", c->csrf, key, val, NULL);
	if (!ck(c->r.status == 303, "%s answered %ld", path, c->r.status))
		return 0;
	dl = m_dl_last(u);
	if (!ck(m_dl_wait(dl, 3), "download %lld is %s, not ready, after 40 s", dl,
	    m_dl_status(dl)))
		return 0;
	return dl;
}

/* Runs report id as c and waits for its export; the download's id or 0. */
static long long
m_run(struct client *c, const struct user *u, const char *id)
{
	return m_queued(c, u, "/api/settings/reports/run", "id", id);
}

/* Exports the whole list of kind as c and waits for it; the download's id or 0. */
static long long
m_export(struct client *c, const struct user *u, const char *kind)
{
	return m_queued(c, u, "/api/settings/downloads/export", "kind", kind);
}

/* A report of u saved through the form; its id ("" on failure). */
static const char *
m_report(struct client *c, const struct user *u, const char *name,
    const char *kind, const char *extra_key, const char *extra_val)
{
	static char	 out[32];

	out[0] = '\0';
	post(c, "/api/settings/reports/save", "csrf", c->csrf, "id", "",
	    "name", name, "kind", kind, "range", "all", "schedule", "none",
	    "hour", "8", extra_key, extra_val, NULL);
	if (!ck(c->r.status == 303, "saving report %s answered %ld: %s", name,
	    c->r.status, xs(c, "string(/steward/errors)")))
		return out;
	snprintf(out, sizeof(out), "%s", sql1("SELECT MAX(id) FROM report WHERE"
	    " user_id = %lld AND name = '%s'", m_uid(u), name));
	return out;
}

/* ------------------------------------------------------------- labels */

static void
test_labels_roles(void)
{
	struct client	*ag = NULL, *mem = NULL, *cre = NULL;
	long long	 n = m_labels_of(&M);

	t_begin("labels: Agent may not see labels (403); a Member sees them without the form and may not create (403, nothing made)");
	REQUIRE((ag = signed_in(&U_magent)) != NULL, "sign-in");
	REQUIRE(get(ag, "/api/settings/labels") == 403, "Agent GET answered %ld", ag->r.status);
	REQUIRE((mem = signed_in(&U_mmember)) != NULL, "sign-in");
	REQUIRE(get(mem, "/api/settings/labels") == 200, "Member GET answered %ld", mem->r.status);
	REQUIRE(xpath_count(mem->r.doc, "/steward/label-form") == 0, "a Member gets the form");
	REQUIRE(strcmp(xs(mem, "string(/steward/can/@labels-edit)"), "no") == 0, "can labels-edit for a Member");
	post(mem, "/api/settings/labels/save", "csrf", mem->csrf, "name", "Member label",
	    "color", "blue", NULL);
	REQUIRE(mem->r.status == 403, "Member POST answered %ld", mem->r.status);
	post(mem, "/api/settings/labels/delete", "csrf", mem->csrf, "id", "1", "confirm", "yes", NULL);
	REQUIRE(mem->r.status == 403, "Member delete answered %ld", mem->r.status);
	REQUIRE(m_labels_of(&M) == n, "labels: %lld, expected %lld", m_labels_of(&M), n);
	t_end();

	t_begin("labels: a Creator creates a label (trimmed) -> 303, audited, listed with its colour");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	post(cre, "/api/settings/labels/save", "csrf", cre->csrf, "id", "", "name",
	    "  Q1 launch  ", "color", "green", "description", "Spring campaign", NULL);
	REQUIRE(cre->r.status == 303, "answered %ld: %s", cre->r.status, xs(cre, "string(/steward/errors)"));
	REQUIRE(m_label(&M, "Q1 launch")[0] != '\0', "no label \"Q1 launch\"");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'label.create'"
	    " AND target = 'Q1 launch'", account_pk(&M)) == 1, "no audit row");
	REQUIRE(get(cre, "/api/settings/labels") == 200, "list %ld", cre->r.status);
	REQUIRE(strcmp(xs(cre, "string(/steward/labels/label[@name='Q1 launch']/@color)"), "green") == 0,
	    "colour %s", xs(cre, "string(/steward/labels/label[@name='Q1 launch']/@color)"));
	REQUIRE(strcmp(xs(cre, "string(/steward/labels/label[@name='Q1 launch']/description)"),
	    "Spring campaign") == 0, "description");
	REQUIRE(strcmp(xs(cre, "string(/steward/flash)"), "Created the label Q1 launch.") == 0,
	    "flash %s", xs(cre, "string(/steward/flash)"));
done:
	cl_free(ag);
	cl_free(mem);
	cl_free(cre);
	t_end();
}

static void
test_labels_bad_input(void)
{
	static const struct {
		const char	*name, *body;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "a duplicate name in another case", "name=q1%20LAUNCH&color=blue", 422, "name" },
		{ "an empty name", "name=&color=blue", 422, "name" },
		{ "a name of spaces", "name=%20%20%20&color=blue", 422, "name" },
		{ "no name at all", "color=blue", 422, "name" },
		{ "a name of 41 characters", "name=12345678901234567890123456789012345678901&color=blue", 422, "name" },
		{ "a name of 41 two-byte characters", "name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"
		    "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"
		    "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"
		    "%C3%A9&color=blue", 422, "name" },
		{ "a right-to-left override in the name", "name=evil%E2%80%AEgnp&color=blue", 422, "name" },
		{ "a tab in the name", "name=a%09b&color=blue", 422, "name" },
		{ "a control character", "name=a%01b&color=blue", 400, NULL },
		{ "invalid UTF-8", "name=%C3%28&color=blue", 400, NULL },
		{ "an unknown colour", "name=Fine&color=chartreuse", 422, "color" },
		{ "no colour", "name=Fine", 422, "color" },
		{ "a description of 201 characters", "name=Fine&color=blue&description=@201", 422, "description" },
		{ "a description on two lines", "name=Fine&color=blue&description=a%0Ab", 422, "description" },
		{ "an id that is not a number", "id=abc&name=Fine&color=blue", 404, NULL },
		{ "an id of account B", "id=@B&name=Stolen&color=red", 404, NULL },
		{ "an unknown id", "id=99999999999&name=Fine&color=blue", 404, NULL },
	};
	struct client	*cre = NULL, *b = NULL;
	struct buf	 body = { 0 };
	char		 name[256], *longd;
	const char	*at;
	long long	 n, bn;
	size_t		 i;

	t_begin("labels: fixtures (a label in account B)");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	REQUIRE((b = signed_in(&U_badmin)) != NULL, "sign-in B");
	post(b, "/api/settings/labels/save", "csrf", b->csrf, "name", "B secret", "color", "red", NULL);
	REQUIRE(b->r.status == 303, "B create answered %ld", b->r.status);
	t_end();
	longd = repeat('d', 201);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "labels: save with %s -> %ld%s%s, nothing changed",
		    rows[i].name, rows[i].status, rows[i].field ? " on " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		buf_clear(&body);
		if ((at = strstr(rows[i].body, "@201")) != NULL) {
			buf_add(&body, rows[i].body, (size_t)(at - rows[i].body));
			buf_str(&body, longd);
		} else if ((at = strstr(rows[i].body, "@B")) != NULL) {
			buf_add(&body, rows[i].body, (size_t)(at - rows[i].body));
			buf_str(&body, m_label(&B, "B secret"));
			buf_str(&body, at + 2);
		} else
			buf_str(&body, rows[i].body);
		n = m_labels_of(&M);
		bn = sqln("SELECT COUNT(*) FROM label WHERE name = 'B secret' AND color = 1");
		m_raw(cre, "/api/settings/labels/save", body.p);
		ck(cre->r.status == rows[i].status, "answered %ld", cre->r.status);
		if (rows[i].field != NULL) {
			ck(strcmp(xs(cre, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "error field \"%s\"", xs(cre, "string(/steward/errors/error/@field)"));
			ck(strlen(xs(cre, "string(/steward/errors/error)")) > 10, "no message");
			ck(xpath_count(cre->r.doc, "/steward/label-form") == 1, "the form is not shown again");
		}
		ck(m_labels_of(&M) == n, "labels %lld, expected %lld", m_labels_of(&M), n);
		ck(sqln("SELECT COUNT(*) FROM label WHERE name = 'Q1 launch' AND color = 4"
		    " AND account_id = %lld", account_pk(&M)) == 1, "Q1 launch changed");
		ck(sqln("SELECT COUNT(*) FROM label WHERE name = 'B secret' AND color = 1") == bn,
		    "B's label changed");
		t_end();
	}
	free(longd);

	t_begin("labels: a refused save keeps what was typed");
	post(cre, "/api/settings/labels/save", "csrf", cre->csrf, "name", "Q1 LAUNCH", "color", "pink",
	    "description", "Typed <b>&amp;</b>", NULL);
	REQUIRE(cre->r.status == 422, "answered %ld", cre->r.status);
	REQUIRE(strcmp(xs(cre, "concat(/steward/label-form/@name,'|',/steward/label-form/@color,'|',"
	    "/steward/label-form/@description)"), "Q1 LAUNCH|pink|Typed <b>&amp;</b>") == 0,
	    "form %s", xs(cre, "concat(/steward/label-form/@name,'|',/steward/label-form/@color,'|',"
	    "/steward/label-form/@description)"));
	REQUIRE(strstr(xs(cre, "string(/steward/errors/error)"), "exists already") != NULL,
	    "message %s", xs(cre, "string(/steward/errors/error)"));
	t_end();

	t_begin("labels: 40 characters of four bytes each are one label name (characters, not bytes)");
	{
		struct buf nm = { 0 };

		for (i = 0; i < 40; i++)
			buf_str(&nm, "\xf0\x9f\x8f\xb7");
		post(cre, "/api/settings/labels/save", "csrf", cre->csrf, "name", nm.p, "color", "amber", NULL);
		ck(cre->r.status == 303, "answered %ld: %s", cre->r.status, xs(cre, "string(/steward/errors)"));
		buf_free(&nm);
	}
	t_end();

	t_begin("labels: without a CSRF token, or another session's -> 403, nothing created");
	n = m_labels_of(&M);
	post(cre, "/api/settings/labels/save", "name", "No token", "color", "blue", NULL);
	ck(cre->r.status == 403, "without: %ld", cre->r.status);
	post(cre, "/api/settings/labels/save", "csrf", b->csrf, "name", "Wrong token", "color", "blue", NULL);
	ck(cre->r.status == 403, "wrong: %ld", cre->r.status);
	ck(m_labels_of(&M) == n, "a label was created");
	t_end();

	t_begin("labels: rename and recolour -> 303, audited; B's label cannot be deleted from A (404)");
	post(cre, "/api/settings/labels/save", "csrf", cre->csrf, "id", m_label(&M, "Q1 launch"),
	    "name", "Q1 launch", "color", "teal", "description", "Spring campaign", NULL);
	REQUIRE(cre->r.status == 303, "answered %ld", cre->r.status);
	REQUIRE(sqln("SELECT color FROM label WHERE id = %s", m_label(&M, "Q1 launch")) == 5, "colour not teal");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'label.update'",
	    account_pk(&M)) >= 1, "no audit row");
	post(cre, "/api/settings/labels/delete", "csrf", cre->csrf, "id", m_label(&B, "B secret"),
	    "confirm", "yes", NULL);
	REQUIRE(cre->r.status == 404, "foreign delete answered %ld", cre->r.status);
	REQUIRE(m_label(&B, "B secret")[0] != '\0', "B's label is gone");
done:
	buf_free(&body);
	cl_free(cre);
	cl_free(b);
	t_end();
}

static void
test_labels_limit(void)
{
	struct account	 L;
	struct user	 u = { .role = "admin" };
	struct client	*c = NULL;

	t_begin("labels: the 101st label of an account -> 422, nothing created");
	REQUIRE(make_account(&L, "L") == 0, "org-create");
	REQUIRE(make_user(&u, "ladmin", &L) == 0, "user-add");
	REQUIRE((c = signed_in(&u)) != NULL, "sign-in");
	/* a new account: each list says it is empty, why, and what to do */
	REQUIRE(get(c, "/settings/labels") == 200, "labels %ld", c->r.status);
	ck(body_has(c, ">0 labels</h2>") && body_has(c, "No labels yet") &&
	    body_has(c, "href=\"#label-name\">Create a label</a>") &&
	    body_has(c, "up to 100 labels") && !body_has(c, "of 100"), "empty labels page");
	ck(!body_has(c, "class=\"pager\""), "a pager on an empty list");
	REQUIRE(get(c, "/settings/reports") == 200, "reports %ld", c->r.status);
	ck(body_has(c, ">0 reports</h2>") && body_has(c, "No reports yet") &&
	    body_has(c, "href=\"/settings/reports/edit\">Create a report</a>") &&
	    body_has(c, "up to 100 reports"), "empty reports page");
	REQUIRE(get(c, "/settings/downloads") == 200, "downloads %ld", c->r.status);
	ck(body_has(c, "No exports yet") && body_has(c, "Go to My Reports"), "empty downloads page");
	REQUIRE(get(c, "/api/settings/downloads") == 200 && xpath_count(c->r.doc,
	    "/steward/downloads/pager[@path='/settings/downloads' and @page='1' and @next='no'"
	    " and not(@total)]") == 1, "downloads pager");
	sql1("INSERT INTO label (account_id, name, color) SELECT %lld, CONCAT('L', seq), 0"
	    " FROM seq_1_to_100", account_pk(&L));
	REQUIRE(m_labels_of(&L) == 100, "fixture: %lld labels", m_labels_of(&L));
	/* the heading counts what is listed; the quota is a hint; the pager pages */
	REQUIRE(get(c, "/api/settings/labels") == 200, "labels %ld", c->r.status);
	ck(xpath_count(c->r.doc, "/steward/labels/pager[@path='/settings/labels' and @page='1'"
	    " and @per-page='50' and @next='yes' and @total='100' and not(keep)]") == 1 &&
	    xpath_count(c->r.doc, "/steward/labels[@page or @next or @per-page]") == 0,
	    "labels pager: %s", xs(c, "concat(/steward/labels/pager/@page,'|',/steward/labels/pager/@next)"));
	REQUIRE(get(c, "/settings/labels") == 200, "labels %ld", c->r.status);
	ck(body_has(c, ">100 labels</h2>") && body_has(c, "Page 1 of 2") &&
	    body_has(c, "rel=\"next\" href=\"/settings/labels?page=2\"") &&
	    !body_has(c, "rel=\"prev\""), "labels page 1 HTML");
	REQUIRE(get(c, "/settings/labels?page=2") == 200, "labels page 2 %ld", c->r.status);
	ck(body_has(c, "rel=\"prev\" href=\"/settings/labels?page=1\"") &&
	    !body_has(c, "rel=\"next\"") && body_has(c, "Page 2 of 2"), "labels page 2 HTML");
	post(c, "/api/settings/labels/save", "csrf", c->csrf, "name", "One more", "color", "blue", NULL);
	REQUIRE(c->r.status == 422, "answered %ld", c->r.status);
	REQUIRE(strstr(xs(c, "string(/steward/errors/error)"), "100 labels") != NULL, "message %s",
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(m_labels_of(&L) == 100, "labels: %lld", m_labels_of(&L));
	REQUIRE(get(c, "/api/settings/labels?page=2") == 200 &&
	    xpath_count(c->r.doc, "/steward/labels/label") == 50, "page 2 lists %d",
	    xpath_count(c->r.doc, "/steward/labels/label"));
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------- labels on uploads */

static long long	 up1, up2;	/* two CSV uploads of M */

static void
test_labels_uploads(void)
{
	struct client	*adm = NULL, *mem = NULL;
	char		 path[128], l1[32], l2[32], big[32];
	long long	 before;
	int		 i;

	t_begin("labels on CSV uploads: attach two labels -> 303, audited; the upload and the list show them");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	post(adm, "/api/settings/labels/save", "csrf", adm->csrf, "name", "Imports", "color", "purple", NULL);
	REQUIRE(adm->r.status == 303, "create answered %ld", adm->r.status);
	snprintf(l1, sizeof(l1), "%s", m_label(&M, "Q1 launch"));
	snprintf(l2, sizeof(l2), "%s", m_label(&M, "Imports"));
	up1 = m_upload(&M, "customers.csv");
	up2 = m_upload(&M, "orders.csv");
	REQUIRE(up1 > 0 && up2 > 0, "uploads not made");
	snprintf(path, sizeof(path), "%lld", up1);
	post(adm, "/api/settings/csv-uploads/labels", "csrf", adm->csrf, "upload", path,
	    "label", l1, "label", l2, NULL);
	REQUIRE(adm->r.status == 303, "answered %ld", adm->r.status);
	REQUIRE(sqln("SELECT COUNT(*) FROM csv_upload_label WHERE upload_id = %lld", up1) == 2,
	    "attachments: %lld", sqln("SELECT COUNT(*) FROM csv_upload_label WHERE upload_id = %lld", up1));
	REQUIRE(sqln("SELECT uploads FROM label WHERE id = %s", l1) == 1, "counter of Q1 launch");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'csv.labels'",
	    account_pk(&M)) == 1, "no audit row");
	snprintf(path, sizeof(path), "/api/settings/csv-uploads?upload=%lld", up1);
	REQUIRE(get(adm, path) == 200, "upload page %ld", adm->r.status);
	REQUIRE(xpath_count(adm->r.doc, "/steward/csv-upload/label") == 2, "the upload shows %d labels",
	    xpath_count(adm->r.doc, "/steward/csv-upload/label"));
	REQUIRE(xpath_count(adm->r.doc, "/steward/label-options/label[@selected='yes']") == 2,
	    "the attach form checks %d", xpath_count(adm->r.doc, "/steward/label-options/label[@selected='yes']"));
	REQUIRE(get(adm, "/api/settings/csv-uploads") == 200, "list %ld", adm->r.status);
	snprintf(path, sizeof(path), "/steward/csv-uploads/upload[@id='%lld']/label", up1);
	REQUIRE(xpath_count(adm->r.doc, path) == 2, "the list shows %d labels", xpath_count(adm->r.doc, path));
	t_end();

	t_begin("labels on CSV uploads: the list filters by label; an unknown or foreign label filters nothing");
	snprintf(path, sizeof(path), "/api/settings/csv-uploads?label=%s", l2);
	REQUIRE(get(adm, path) == 200, "filtered %ld", adm->r.status);
	REQUIRE(xpath_count(adm->r.doc, "/steward/csv-uploads/upload") == 1, "filtered list has %d",
	    xpath_count(adm->r.doc, "/steward/csv-uploads/upload"));
	REQUIRE(strcmp(xs(adm, "string(/steward/label-filter/@selected)"), l2) == 0, "selected %s",
	    xs(adm, "string(/steward/label-filter/@selected)"));
	snprintf(path, sizeof(path), "/api/settings/csv-uploads?label=%s", m_label(&B, "B secret"));
	REQUIRE(get(adm, path) == 200 && xpath_count(adm->r.doc, "/steward/csv-uploads/upload") >= 2,
	    "a foreign label filtered the list to %d", xpath_count(adm->r.doc, "/steward/csv-uploads/upload"));
	REQUIRE(strcmp(xs(adm, "string(/steward/label-filter/@selected)"), "") == 0, "foreign label selected");
	REQUIRE(get(adm, "/settings/csv-uploads?label=abc") == 200, "HTML with label=abc: %ld", adm->r.status);
	t_end();

	t_begin("labels on CSV uploads: a foreign upload or label -> 404, 11 labels -> 422, Member -> 403; nothing changed");
	before = sqln("SELECT COUNT(*) FROM csv_upload_label");
	post(adm, "/api/settings/csv-uploads/labels", "csrf", adm->csrf, "upload", "99999999",
	    "label", l1, NULL);
	ck(adm->r.status == 404, "unknown upload: %ld", adm->r.status);
	snprintf(path, sizeof(path), "%lld", up1);
	post(adm, "/api/settings/csv-uploads/labels", "csrf", adm->csrf, "upload", path,
	    "label", m_label(&B, "B secret"), NULL);
	ck(adm->r.status == 404, "foreign label: %ld", adm->r.status);
	post(adm, "/api/settings/csv-uploads/labels", "csrf", adm->csrf, "upload", path,
	    "label", "x1", NULL);
	ck(adm->r.status == 404, "label x1: %ld", adm->r.status);
	for (i = 0; i < 11; i++) {
		snprintf(big, sizeof(big), "Many %d", i);
		post(adm, "/api/settings/labels/save", "csrf", adm->csrf, "name", big, "color", "gray", NULL);
	}
	{
		struct buf	 bb = { 0 };
		char		 kv[64];

		snprintf(kv, sizeof(kv), "upload=%lld", up1);
		buf_str(&bb, kv);
		for (i = 0; i < 11; i++) {
			snprintf(big, sizeof(big), "Many %d", i);
			snprintf(kv, sizeof(kv), "&label=%s", m_label(&M, big));
			buf_str(&bb, kv);
		}
		m_raw(adm, "/api/settings/csv-uploads/labels", bb.p);
		ck(adm->r.status == 422, "11 labels: %ld", adm->r.status);
		buf_free(&bb);
	}
	ck(sqln("SELECT COUNT(*) FROM csv_upload_label") == before, "attachments changed");
	ck(sqln("SELECT COUNT(*) FROM csv_upload_label WHERE upload_id = %lld", up1) == 2, "up1 changed");
	REQUIRE((mem = signed_in(&U_mmember)) != NULL, "sign-in");
	post(mem, "/api/settings/csv-uploads/labels", "csrf", mem->csrf, "upload", path, NULL);
	ck(mem->r.status == 403, "Member: %ld", mem->r.status);
	ck(sqln("SELECT COUNT(*) FROM csv_upload_label WHERE upload_id = %lld", up1) == 2, "a Member changed them");
done:
	cl_free(adm);
	cl_free(mem);
	t_end();
}

/* -------------------------------------------------------------- reports */

static void
test_reports_roles(void)
{
	struct client	*ag = NULL, *mem = NULL;
	long long	 n;

	t_begin("reports: an Agent has no reports (403 to see or save), only downloads");
	REQUIRE((ag = signed_in(&U_magent)) != NULL, "sign-in");
	REQUIRE(get(ag, "/api/settings/reports") == 403, "GET %ld", ag->r.status);
	REQUIRE(get(ag, "/api/settings/reports/edit") == 403, "GET form %ld", ag->r.status);
	post(ag, "/api/settings/reports/save", "csrf", ag->csrf, "name", "Agent", "kind", "events", NULL);
	REQUIRE(ag->r.status == 403, "POST %ld", ag->r.status);
	REQUIRE(m_reports_of(&U_magent) == 0, "an Agent's report exists");
	REQUIRE(get(ag, "/api/settings/downloads") == 200, "downloads %ld", ag->r.status);
	REQUIRE(xpath_count(ag->r.doc, "/steward/export-kinds/kind") == 0, "an Agent may export %d kinds",
	    xpath_count(ag->r.doc, "/steward/export-kinds/kind"));
	post(ag, "/api/settings/downloads/export", "csrf", ag->csrf, "kind", "events", NULL);
	REQUIRE(ag->r.status == 403, "Agent export: %ld", ag->r.status);
	REQUIRE(m_dl_last(&U_magent) == 0, "an Agent's export exists");
	t_end();

	t_begin("reports: a Member may save an events summary but not members, CSV uploads or invoices (403, nothing saved)");
	REQUIRE((mem = signed_in(&U_mmember)) != NULL, "sign-in");
	REQUIRE(get(mem, "/api/settings/reports/edit") == 200, "form %ld", mem->r.status);
	REQUIRE(strcmp(xs(mem, "concat(//kind[@key='events']/@allowed,//kind[@key='members']/@allowed,"
	    "//kind[@key='csv-uploads']/@allowed,//kind[@key='invoices']/@available,"
	    "//kind[@key='invoices']/@allowed)"), "yesnonoyesno") == 0,
	    "kinds %s", xs(mem, "concat(//kind[@key='events']/@allowed,//kind[@key='members']/@allowed,"
	    "//kind[@key='csv-uploads']/@allowed,//kind[@key='invoices']/@available,"
	    "//kind[@key='invoices']/@allowed)"));
	n = m_reports_of(&U_mmember);
	post(mem, "/api/settings/reports/save", "csrf", mem->csrf, "name", "All members", "kind",
	    "members", "range", "all", "schedule", "none", NULL);
	REQUIRE(mem->r.status == 403, "members kind: %ld", mem->r.status);
	post(mem, "/api/settings/reports/save", "csrf", mem->csrf, "name", "Uploads", "kind",
	    "csv-uploads", "range", "all", "schedule", "none", NULL);
	REQUIRE(mem->r.status == 403, "CSV uploads kind: %ld", mem->r.status);
	post(mem, "/api/settings/reports/save", "csrf", mem->csrf, "name", "Invoices", "kind",
	    "invoices", "range", "all", "schedule", "none", NULL);
	REQUIRE(mem->r.status == 403, "invoices kind: %ld", mem->r.status);
	REQUIRE(m_reports_of(&U_mmember) == n, "a report was saved");
	REQUIRE(m_report(mem, &U_mmember, "Member events", "events", "events", "")[0] != '\0', "events");
	post(mem, "/api/settings/downloads/export", "csrf", mem->csrf, "kind", "members", NULL);
	REQUIRE(mem->r.status == 403, "Member export of members: %ld", mem->r.status);
done:
	cl_free(ag);
	cl_free(mem);
	t_end();
}

static void
test_reports_save(void)
{
	struct client	*adm = NULL;
	char		 l1[32], id[32];

	t_begin("reports: save a weekly report with filters, recipients and labels -> 303, audited; next run in the account's zone");
	sql1("UPDATE organization SET invite_domains = 'partner.example, @Other.example'"
	    " WHERE id = %s", M.org);
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	snprintf(l1, sizeof(l1), "%s", m_label(&M, "Q1 launch"));
	post(adm, "/api/settings/reports/save", "csrf", adm->csrf, "id", "", "name", " Weekly events ",
	    "kind", "events", "format", "csv", "range", "last-7-days", "events", "Purchase\r\nApp Launched\n",
	    "schedule", "weekly", "weekday", "monday", "mday", "1", "hour", "9",
	    "recipients", "guest@partner.example\n", "label", l1, NULL);
	REQUIRE(adm->r.status == 303, "answered %ld: %s", adm->r.status, xs(adm, "string(/steward/errors)"));
	snprintf(id, sizeof(id), "%s", sql1("SELECT id FROM report WHERE name = 'Weekly events'"
	    " AND user_id = %lld", m_uid(&U_madmin)));
	REQUIRE(id[0] != '\0', "no report");
	REQUIRE(sqln("SELECT COUNT(*) FROM report_recipient WHERE report_id = %s", id) == 1, "recipients");
	REQUIRE(sqln("SELECT COUNT(*) FROM report_label WHERE report_id = %s AND label_id = %s", id, l1) == 1,
	    "label not attached");
	REQUIRE(sqln("SELECT reports FROM label WHERE id = %s", l1) == 1, "counter %lld",
	    sqln("SELECT reports FROM label WHERE id = %s", l1));
	REQUIRE(strcmp(sql1("SELECT REPLACE(event_names, '\\n', '|') FROM report WHERE id = %s", id),
	    "Purchase|App Launched") == 0,
	    "event names stored as %s", sql1("SELECT event_names FROM report WHERE id = %s", id));
	/* the next run, computed from the zone's TZif, read back through MariaDB's zone tables */
	REQUIRE(strcmp(sql1("SELECT CONCAT(DAYOFWEEK(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin')), ' ',"
	    " TIME(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin')), ' ',"
	    " next_run_at > UTC_TIMESTAMP(), ' ', next_run_at <= UTC_TIMESTAMP() + INTERVAL 7 DAY)"
	    " FROM report WHERE id = %s", id), "2 09:00:00.000000 1 1") == 0,
	    "next run (weekday, local time, future, within a week): %s",
	    sql1("SELECT CONCAT(DAYOFWEEK(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin')), ' ',"
	    " TIME(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin')), ' ',"
	    " next_run_at > UTC_TIMESTAMP(), ' ', next_run_at <= UTC_TIMESTAMP() + INTERVAL 7 DAY)"
	    " FROM report WHERE id = %s", id));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'report.create'"
	    " AND target = 'Weekly events'", account_pk(&M)) == 1, "no audit row");
	REQUIRE(get(adm, "/api/settings/reports") == 200, "list %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(//report[@name='Weekly events']/@schedule,' ',"
	    "//report[@name='Weekly events']/@weekday,' ',//report[@name='Weekly events']/@hour,' ',"
	    "//report[@name='Weekly events']/@recipients,' ',//report[@name='Weekly events']/label/@name)"),
	    "weekly monday 9 1 Q1 launch") == 0, "listed as %s",
	    xs(adm, "concat(//report[@name='Weekly events']/@schedule,' ',"
	    "//report[@name='Weekly events']/@weekday,' ',//report[@name='Weekly events']/@hour,' ',"
	    "//report[@name='Weekly events']/@recipients,' ',//report[@name='Weekly events']/label/@name)"));
	REQUIRE(strstr(xs(adm, "string(//report[@name='Weekly events']/@next-run)"), "T09:00:00+0") != NULL,
	    "next-run %s", xs(adm, "string(//report[@name='Weekly events']/@next-run)"));
	t_end();

	t_begin("reports: the list filters by label; the form shows a report as stored");
	{
		char path[128];

		snprintf(path, sizeof(path), "/api/settings/reports?label=%s", l1);
		REQUIRE(get(adm, path) == 200 && xpath_count(adm->r.doc, "/steward/reports/report") == 1,
		    "filtered to %d", xpath_count(adm->r.doc, "/steward/reports/report"));
		snprintf(path, sizeof(path), "/api/settings/reports?label=%s", m_label(&M, "Imports"));
		REQUIRE(get(adm, path) == 200 && xpath_count(adm->r.doc, "/steward/reports/report") == 0,
		    "Imports filter shows %d", xpath_count(adm->r.doc, "/steward/reports/report"));
		snprintf(path, sizeof(path), "/api/settings/reports/edit?id=%s", id);
		REQUIRE(get(adm, path) == 200, "form %ld", adm->r.status);
		REQUIRE(strcmp(xs(adm, "concat(/steward/report-form/@name,'|',/steward/report-form/@kind,'|',"
		    "/steward/report-form/@range,'|',/steward/report-form/events,'|',/steward/report-form/recipients,'|',"
		    "/steward/report-form/@weekday)"),
		    "Weekly events|events|last-7-days|Purchase\nApp Launched|guest@partner.example|monday") == 0,
		    "form %s", xs(adm, "concat(/steward/report-form/@name,'|',/steward/report-form/@kind,'|',"
		    "/steward/report-form/@range,'|',/steward/report-form/events,'|',/steward/report-form/recipients,'|',"
		    "/steward/report-form/@weekday)"));
		REQUIRE(xpath_count(adm->r.doc, "/steward/label-options/label[@selected='yes']") == 1,
		    "checked labels");
		REQUIRE(get(adm, "/settings/reports") == 200 && body_has(adm, "Weekly on Monday at 09:00"),
		    "HTML list: %ld", adm->r.status);
		/* the filtered list: its total is what it lists, its pager keeps ?label= */
		snprintf(path, sizeof(path), "/api/settings/reports?label=%s", l1);
		REQUIRE(get(adm, path) == 200, "filtered %ld", adm->r.status);
		ck(strcmp(xs(adm, "string(/steward/reports/@total)"), "1") == 0, "filtered total %s",
		    xs(adm, "string(/steward/reports/@total)"));
		ck(strcmp(xs(adm, "string(/steward/reports/pager/keep[@name='label']/@value)"), l1) == 0 &&
		    xpath_count(adm->r.doc, "/steward/reports/pager[@path='/settings/reports' and @total='1']") == 1,
		    "the pager keeps the label: %s", xs(adm, "string(/steward/reports/pager/keep/@value)"));
		snprintf(path, sizeof(path), "/settings/reports?label=%s&page=2", l1);
		REQUIRE(get(adm, path) == 200, "filtered page 2 %ld", adm->r.status);
		{
			char want[96];

			snprintf(want, sizeof(want), "rel=\"prev\" href=\"/settings/reports?label=%s&amp;page=1\"", l1);
			ck(body_has(adm, want), "the previous page keeps the label (%s)", want);
		}
		REQUIRE(get(adm, "/api/settings/reports?label=abc") == 200 &&
		    xpath_count(adm->r.doc, "/steward/reports/pager/keep") == 0, "label=abc kept: %ld",
		    adm->r.status);
		snprintf(path, sizeof(path), "/settings/reports?label=%s", m_label(&M, "Imports"));
		REQUIRE(get(adm, path) == 200, "empty filter %ld", adm->r.status);
		ck(body_has(adm, "No reports with this label") && body_has(adm, "Show all reports") &&
		    body_has(adm, ">0 reports labelled "), "the filtered empty state");
	}
done:
	cl_free(adm);
	t_end();
}

static void
test_reports_bad_input(void)
{
	static const struct {
		const char	*name, *body;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "an empty name", "name=&kind=events&range=all&schedule=none", 422, "name" },
		{ "a name of 101 characters", "name=@101&kind=events&range=all&schedule=none", 422, "name" },
		{ "a control character", "name=a%07b&kind=events&range=all&schedule=none", 400, NULL },
		{ "invalid UTF-8", "name=%C3%28&kind=events&range=all&schedule=none", 400, NULL },
		{ "an unknown kind", "name=R&kind=pizza&range=all&schedule=none", 422, "kind" },
		{ "no kind", "name=R&range=all&schedule=none", 422, "kind" },
		{ "an unknown format", "name=R&kind=events&format=xlsx&range=all&schedule=none", 422, "format" },
		{ "an unknown range", "name=R&kind=events&range=yesterday&schedule=none", 422, "range" },
		{ "a custom range from 2026-02-30", "name=R&kind=events&range=custom&from=2026-02-30&to=2026-03-01&schedule=none", 422, "from" },
		{ "a custom range without its last day", "name=R&kind=events&range=custom&from=2026-03-01&schedule=none", 422, "to" },
		{ "a custom range ending before it starts", "name=R&kind=events&range=custom&from=2026-03-02&to=2026-03-01&schedule=none", 422, "to" },
		{ "a date of the wrong type", "name=R&kind=events&range=custom&from=yesterday&to=2026-03-01&schedule=none", 422, "from" },
		{ "event names on a members report", "name=R&kind=members&range=all&events=Purchase&schedule=none", 422, "events" },
		{ "an event name with a space at its start", "name=R&kind=events&range=all&events=%20Purchase&schedule=none", 422, "events" },
		{ "21 event names", "name=R&kind=events&range=all&events=@21&schedule=none", 422, "events" },
		{ "a label filter on an events report", "name=R&kind=events&range=all&filter_label=@L&schedule=none", 422, "filter_label" },
		{ "event names on an invoices report", "name=R&kind=invoices&range=all&events=Purchase&schedule=none", 422, "events" },
		{ "a label filter on an invoices report", "name=R&kind=invoices&range=all&filter_label=@L&schedule=none", 422, "filter_label" },
		{ "an invoices report from 2025-02-29", "name=R&kind=invoices&range=custom&from=2025-02-29&to=2025-03-01&schedule=none", 422, "from" },
		{ "an invoices report ending before it starts", "name=R&kind=invoices&range=custom&from=2025-02-01&to=2025-01-31&schedule=none", 422, "to" },
		{ "an invoices report in an unknown format", "name=R&kind=invoices&format=pdf&range=all&schedule=none", 422, "format" },
		{ "a label filter of account B", "name=R&kind=csv-uploads&range=all&filter_label=@B&schedule=none", 404, NULL },
		{ "a label filter that is not a number", "name=R&kind=csv-uploads&range=all&filter_label=abc&schedule=none", 404, NULL },
		{ "an unknown schedule", "name=R&kind=events&range=all&schedule=hourly&hour=8", 422, "schedule" },
		{ "a weekly schedule on an unknown day", "name=R&kind=events&range=all&schedule=weekly&weekday=funday&hour=8", 422, "weekday" },
		{ "a monthly schedule on day 32", "name=R&kind=events&range=all&schedule=monthly&mday=32&hour=8", 422, "mday" },
		{ "hour 24", "name=R&kind=events&range=all&schedule=daily&hour=24", 422, "hour" },
		{ "an hour of the wrong type", "name=R&kind=events&range=all&schedule=daily&hour=9am", 422, "hour" },
		{ "a recipient that is not an address", "name=R&kind=events&range=all&schedule=none&recipients=not-an-address", 422, "recipients" },
		{ "a recipient outside the account and its domains", "name=R&kind=events&range=all&schedule=none&recipients=someone%40elsewhere.example", 422, "recipients" },
		{ "a recipient in a subdomain of an allowed domain", "name=R&kind=events&range=all&schedule=none&recipients=x%40sub.partner.example", 422, "recipients" },
		{ "11 recipients", "name=R&kind=events&range=all&schedule=none&recipients=@11", 422, "recipients" },
		{ "a label of account B attached", "name=R&kind=events&range=all&schedule=none&label=@B", 404, NULL },
		{ "11 labels attached", "name=R&kind=events&range=all&schedule=none&label=@11L", 422, "labels" },
		{ "an id that is not a number", "id=x&name=R&kind=events&range=all&schedule=none", 404, NULL },
		{ "the id of another person's report", "id=@OTHER&name=Stolen&kind=events&range=all&schedule=none", 404, NULL },
		{ "the id of account B's report", "id=@BR&name=Stolen&kind=events&range=all&schedule=none", 404, NULL },
	};
	struct client	*adm = NULL, *cre = NULL, *b = NULL;
	struct buf	 body = { 0 };
	char		 name[256], other[32], brep[32], kv[80], *s101;
	const char	*at;
	long long	 n, total;
	size_t		 i, k;

	t_begin("reports: fixtures (another person's report in A, a report in B)");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	REQUIRE((b = signed_in(&U_badmin)) != NULL, "sign-in");
	snprintf(other, sizeof(other), "%s", m_report(cre, &U_mcreator, "Creator report", "events", "events", ""));
	snprintf(brep, sizeof(brep), "%s", m_report(b, &U_badmin, "B report", "events", "events", ""));
	REQUIRE(other[0] && brep[0], "fixtures");
	t_end();
	s101 = repeat('r', 101);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "reports: save with %s -> %ld%s%s, nothing changed",
		    rows[i].name, rows[i].status, rows[i].field ? " on " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		buf_clear(&body);
		for (at = rows[i].body; *at != '\0';) {
			if (strncmp(at, "@101", 4) == 0) {
				buf_str(&body, s101);
				at += 4;
			} else if (strncmp(at, "@21", 3) == 0) {
				for (k = 0; k < 21; k++) {
					snprintf(kv, sizeof(kv), "%sE%zu", k ? "%0A" : "", k);
					buf_str(&body, kv);
				}
				at += 3;
			} else if (strncmp(at, "@11L", 4) == 0) {
				for (k = 0; k < 11; k++) {
					snprintf(kv, sizeof(kv), "Many %zu", k);
					snprintf(kv, sizeof(kv), "%s%s", k ? "&label=" : "",
					    m_label(&M, kv));
					buf_str(&body, kv);
				}
				at += 4;
			} else if (strncmp(at, "@11", 3) == 0) {
				for (k = 0; k < 11; k++) {
					snprintf(kv, sizeof(kv), "%sg%zu%%40partner.example", k ? "," : "", k);
					buf_str(&body, kv);
				}
				at += 3;
			} else if (strncmp(at, "@L", 2) == 0) {
				buf_str(&body, m_label(&M, "Q1 launch"));
				at += 2;
			} else if (strncmp(at, "@BR", 3) == 0) {
				buf_str(&body, brep);
				at += 3;
			} else if (strncmp(at, "@B", 2) == 0) {
				buf_str(&body, m_label(&B, "B secret"));
				at += 2;
			} else if (strncmp(at, "@OTHER", 6) == 0) {
				buf_str(&body, other);
				at += 6;
			} else
				buf_add(&body, at++, 1);
		}
		n = m_reports_of(&U_madmin);
		total = sqln("SELECT COUNT(*) FROM report");
		m_raw(adm, "/api/settings/reports/save", body.p);
		ck(adm->r.status == rows[i].status, "answered %ld (%s)", adm->r.status,
		    xs(adm, "string(/steward/errors/error)"));
		if (rows[i].field != NULL) {
			ck(strcmp(xs(adm, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "error field \"%s\"", xs(adm, "string(/steward/errors/error/@field)"));
			ck(strlen(xs(adm, "string(/steward/errors/error)")) > 10, "no message");
			ck(xpath_count(adm->r.doc, "/steward/report-form") == 1, "no form");
		}
		ck(m_reports_of(&U_madmin) == n && sqln("SELECT COUNT(*) FROM report") == total,
		    "reports changed");
		ck(strcmp(sql1("SELECT name FROM report WHERE id = %s", other), "Creator report") == 0,
		    "the other person's report changed");
		ck(strcmp(sql1("SELECT name FROM report WHERE id = %s", brep), "B report") == 0,
		    "B's report changed");
		t_end();
	}
	free(s101);

	t_begin("reports: a refused save keeps what was typed, in every field");
	post(adm, "/api/settings/reports/save", "csrf", adm->csrf, "name", "Typed <&>", "kind", "events",
	    "range", "custom", "from", "2026-03-01", "to", "2026-02-01", "events", "A\nB",
	    "schedule", "monthly", "mday", "31", "hour", "23", "recipients", "guest@partner.example",
	    "label", m_label(&M, "Imports"), NULL);
	REQUIRE(adm->r.status == 422, "answered %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(/steward/report-form/@name,'|',/steward/report-form/@range,'|',"
	    "/steward/report-form/@from,'|',/steward/report-form/@to,'|',/steward/report-form/events,'|',"
	    "/steward/report-form/@schedule,'|',/steward/report-form/@mday,'|',/steward/report-form/@hour,'|',"
	    "/steward/report-form/recipients,'|',/steward/label-options/label[@selected='yes']/@name)"),
	    "Typed <&>|custom|2026-03-01|2026-02-01|A\nB|monthly|31|23|guest@partner.example|Imports") == 0,
	    "kept %s", xs(adm, "concat(/steward/report-form/@name,'|',/steward/report-form/@range,'|',"
	    "/steward/report-form/@from,'|',/steward/report-form/@to,'|',/steward/report-form/events,'|',"
	    "/steward/report-form/@schedule,'|',/steward/report-form/@mday,'|',/steward/report-form/@hour,'|',"
	    "/steward/report-form/recipients,'|',/steward/label-options/label[@selected='yes']/@name)"));
	t_end();

	t_begin("reports: without a CSRF token or with another session's -> 403; the form of another person's report -> 404");
	n = m_reports_of(&U_madmin);
	post(adm, "/api/settings/reports/save", "name", "No token", "kind", "events", "range", "all",
	    "schedule", "none", NULL);
	ck(adm->r.status == 403, "without: %ld", adm->r.status);
	post(adm, "/api/settings/reports/save", "csrf", cre->csrf, "name", "Wrong", "kind", "events",
	    "range", "all", "schedule", "none", NULL);
	ck(adm->r.status == 403, "wrong token: %ld", adm->r.status);
	ck(m_reports_of(&U_madmin) == n, "a report was saved");
	snprintf(name, sizeof(name), "/api/settings/reports/edit?id=%s", other);
	ck(get(adm, name) == 404, "another person's form: %ld", adm->r.status);
	snprintf(name, sizeof(name), "/api/settings/reports/edit?id=%s", brep);
	ck(get(adm, name) == 404, "B's form: %ld", adm->r.status);
	ck(get(adm, "/api/settings/reports/edit?id=abc") == 404, "id=abc: %ld", adm->r.status);
	t_end();

	t_begin("reports: run, pause, delete of another person's or another account's report -> 404, nothing changed");
	{
		static const char *const acts[] = { "run", "pause", "delete" };
		const char	*ids[] = { other, brep, "abc" };
		size_t		 a, j;
		long long	 dls = sqln("SELECT COUNT(*) FROM download");

		for (a = 0; a < 3; a++)
			for (j = 0; j < 3; j++) {
				snprintf(name, sizeof(name), "/api/settings/reports/%s", acts[a]);
				post(adm, name, "csrf", adm->csrf, "id", ids[j], "paused", "yes",
				    "confirm", "yes", NULL);
				ck(adm->r.status == 404, "%s of %s: %ld", acts[a], ids[j], adm->r.status);
			}
		ck(sqln("SELECT COUNT(*) FROM download") == dls, "a download was made");
		ck(sqln("SELECT COUNT(*) FROM report WHERE id IN (%s, %s) AND paused = 0", other, brep) == 2,
		    "reports gone or paused");
	}
done:
	buf_free(&body);
	cl_free(adm);
	cl_free(cre);
	cl_free(b);
	t_end();
}

/* ------------------------------------------------------------- exports */

/* M's data: events, profiles (through the ingestion API). */
static int
m_ingest(void)
{
	struct client	*c = cl_new("ingest");
	long		 st;

	st = ingest(c, &M, "{\"d\":["
	    "{\"identity\":\"m1\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":3}},"
	    "{\"identity\":\"m2\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":4}},"
	    "{\"identity\":\"m1\",\"evtName\":\"App Launched\",\"evtData\":{}},"
	    "{\"identity\":\"m3\",\"evtName\":\"=cmd|' /C calc'!A0\",\"evtData\":{}},"
	    "{\"identity\":\"m1\",\"evtName\":\"Quote \\\"this\\\", please\",\"evtData\":{}},"
	    "{\"identity\":\"m1\",\"profileData\":{\"Name\":\"Ann\",\"Age\":31,\"Premium\":true}},"
	    "{\"identity\":\"m2\",\"profileData\":{\"Name\":\"Bo\"}}]}");
	cl_free(c);
	return st == 200 ? 0 : -1;
}

static void
test_exports_rows(void)
{
	struct client	*adm = NULL;
	struct mcsv	*t = calloc(1, sizeof(*t));
	char		 id[32], expr[512];
	long long	 dl;
	size_t		 i, row, n;

	t_begin("exports: an events summary has the rows of the Events page (names, counts), quoted and formula-safe");
	REQUIRE(t != NULL, "calloc");
	REQUIRE(m_ingest() == 0, "ingest");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	snprintf(id, sizeof(id), "%s", m_report(adm, &U_madmin, "All events", "events", "events", ""));
	REQUIRE(id[0], "report");
	REQUIRE((dl = m_run(adm, &U_madmin, id)) > 0, "run");
	REQUIRE(m_fetch(adm, dl, t) == 0, "file: %ld %.200s", adm->r.status, adm->r.body.p);
	REQUIRE(strncmp(adm->r.ctype, "text/csv", 8) == 0, "Content-Type %s", adm->r.ctype);
	REQUIRE(strstr(m_header(adm, "Content-Disposition"), "attachment; filename=\"All_events_20") != NULL,
	    "Content-Disposition %s", m_header(adm, "Content-Disposition"));
	REQUIRE(strstr(adm->r.cache, "no-store") != NULL, "Cache-Control %s", adm->r.cache);
	{	/* nginx's filter left the bytes alone: they are the stored file's */
		char *disk = read_all(m_dl_path(dl));

		REQUIRE(disk != NULL && strcmp(disk, adm->r.body.p) == 0, "the answer differs from %s",
		    m_dl_path(dl));
		free(disk);
	}
	REQUIRE(get(adm, "/api/settings/events") == 200, "events page %ld", adm->r.status);
	n = (size_t)xpath_count(adm->r.doc, "/steward/schema/item");
	REQUIRE(t->nrows == n + 1, "CSV has %zu rows, the page %zu items", t->nrows - 1, n);
	REQUIRE(strcmp(t->cell[0][0], "event") == 0 && mcsv_col(t, "this_month") < MCSV_COLS &&
	    mcsv_col(t, "total") < MCSV_COLS, "header %s", t->cell[0][0]);
	for (i = 1; i <= n; i++) {
		char	 nm[256], tm[32], tot[32];

		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@name)", i);
		xpath_str(adm->r.doc, expr, nm, sizeof(nm));
		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@this-month)", i);
		xpath_str(adm->r.doc, expr, tm, sizeof(tm));
		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@total)", i);
		xpath_str(adm->r.doc, expr, tot, sizeof(tot));
		row = mcsv_find(t, 0, nm[0] == '=' ? "'=cmd|' /C calc'!A0" : nm);
		ck(row == i, "%s is row %zu of the CSV, item %zu of the page", nm, row, i);
		if (row) {
			ck(strcmp(t->cell[row][mcsv_col(t, "this_month")], tm) == 0, "%s this month", nm);
			ck(strcmp(t->cell[row][mcsv_col(t, "total")], tot) == 0, "%s total", nm);
		}
	}
	ck(mcsv_find(t, 0, "Quote \"this\", please") > 0, "quotes and commas did not survive");
	mcsv_free(t);
	memset(t, 0, sizeof(*t));
	t_end();

	t_begin("exports: a user-properties summary has the rows of the User Properties page");
	snprintf(id, sizeof(id), "%s", m_report(adm, &U_madmin, "All properties", "user-properties", "events", ""));
	REQUIRE(id[0] && (dl = m_run(adm, &U_madmin, id)) > 0, "run");
	REQUIRE(m_fetch(adm, dl, t) == 0, "file");
	REQUIRE(get(adm, "/api/settings/user-properties") == 200, "page");
	n = (size_t)xpath_count(adm->r.doc, "/steward/schema/item");
	REQUIRE(n >= 3 && t->nrows == n + 1, "CSV %zu rows, page %zu", t->nrows - 1, n);
	for (i = 1; i <= n; i++) {
		char	 nm[256], ty[32], pr[32];

		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@name)", i);
		xpath_str(adm->r.doc, expr, nm, sizeof(nm));
		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@type)", i);
		xpath_str(adm->r.doc, expr, ty, sizeof(ty));
		snprintf(expr, sizeof(expr), "string(/steward/schema/item[%zu]/@profiles)", i);
		xpath_str(adm->r.doc, expr, pr, sizeof(pr));
		row = mcsv_find(t, 0, nm);
		ck(row == i, "%s is row %zu", nm, row);
		if (row)
			ck(strcmp(t->cell[row][1], ty) == 0 && strcmp(t->cell[row][7], pr) == 0,
			    "%s: type %s profiles %s", nm, t->cell[row][1], t->cell[row][7]);
	}
	mcsv_free(t);
	memset(t, 0, sizeof(*t));
	t_end();

	t_begin("exports: members have one row per member; CSV uploads filtered by a label only those carrying it");
	snprintf(id, sizeof(id), "%s", m_report(adm, &U_madmin, "Everyone", "members", "events", ""));
	REQUIRE(id[0] && (dl = m_run(adm, &U_madmin, id)) > 0, "run");
	REQUIRE(m_fetch(adm, dl, t) == 0, "file");
	REQUIRE((long long)t->nrows - 1 == sqln("SELECT COUNT(*) FROM membership WHERE account_id = %lld",
	    account_pk(&M)), "members: %zu rows", t->nrows - 1);
	REQUIRE(mcsv_find(t, 1, U_mmember.email) > 0, "the member is not listed");
	REQUIRE(strcmp(t->cell[mcsv_find(t, 1, U_magent.email)][2], "agent") == 0, "the agent's role");
	mcsv_free(t);
	memset(t, 0, sizeof(*t));
	snprintf(id, sizeof(id), "%s", m_report(adm, &U_madmin, "Imported", "csv-uploads", "filter_label",
	    m_label(&M, "Imports")));
	REQUIRE(id[0] && (dl = m_run(adm, &U_madmin, id)) > 0, "run");
	REQUIRE(m_fetch(adm, dl, t) == 0, "file");
	REQUIRE(t->nrows == 2 && strcmp(t->cell[1][0], "customers.csv") == 0, "rows %zu, first %s",
	    t->nrows, t->nrows > 1 ? t->cell[1][0] : "-");
	REQUIRE(strstr(t->cell[1][9], "Imports") != NULL, "labels column %s", t->cell[1][9]);
	t_end();
done:
	if (t != NULL)
		mcsv_free(t);
	free(t);
	cl_free(adm);
}

static void
test_downloads_owner(void)
{
	struct client	*adm = NULL, *cre = NULL, *b = NULL;
	char		 path[128], ids[32];
	long long	 dl;

	t_begin("downloads: another person's (or account's) download -> 404 for the file, retry and delete; nothing changed");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	REQUIRE((b = signed_in(&U_badmin)) != NULL, "sign-in");
	dl = m_dl_last(&U_madmin);
	REQUIRE(dl > 0 && strcmp(m_dl_status(dl), "ready") == 0, "fixture: %lld %s", dl, m_dl_status(dl));
	snprintf(path, sizeof(path), "/settings/downloads/file?id=%lld", dl);
	snprintf(ids, sizeof(ids), "%lld", dl);
	REQUIRE(get(cre, path) == 404, "another person's file: %ld", cre->r.status);
	REQUIRE(body_has(cre, "Page not found"), "the 404 is not a page");
	REQUIRE(get(b, path) == 404, "another account's file: %ld", b->r.status);
	snprintf(path, sizeof(path), "/api/settings/downloads/file?id=%lld", dl);
	REQUIRE(get(cre, path) == 404, "API twin: %ld", cre->r.status);
	post(cre, "/api/settings/downloads/delete", "csrf", cre->csrf, "id", ids, NULL);
	REQUIRE(cre->r.status == 404, "delete: %ld", cre->r.status);
	post(b, "/api/settings/downloads/retry", "csrf", b->csrf, "id", ids, NULL);
	REQUIRE(b->r.status == 404, "retry: %ld", b->r.status);
	REQUIRE(strcmp(m_dl_status(dl), "ready") == 0 && m_exists(m_dl_path(dl)), "the download changed");
	REQUIRE(get(cre, "/api/settings/downloads") == 200, "list %ld", cre->r.status);
	snprintf(path, sizeof(path), "/steward/downloads/download[@id='%lld']", dl);
	REQUIRE(xpath_count(cre->r.doc, path) == 0, "another person's download is listed");
	REQUIRE(get(adm, "/settings/downloads/file?id=abc") == 404, "id=abc: %ld", adm->r.status);
	REQUIRE(get(adm, "/settings/downloads/file") == 404, "no id: %ld", adm->r.status);
	t_end();

	t_begin("downloads: the list shows status, rows, size and local times; HTML page renders");
	REQUIRE(get(adm, "/api/settings/downloads") == 200, "list %ld", adm->r.status);
	snprintf(path, sizeof(path), "concat(//download[@id='%lld']/@status,' ',//download[@id='%lld']/@source,"
	    "' ',boolean(//download[@id='%lld']/@expires))", dl, dl, dl);
	REQUIRE(strcmp(xs(adm, path), "ready csv-uploads true") == 0, "download: %s", xs(adm, path));
	snprintf(path, sizeof(path), "string(//download[@id='%lld']/@requested)", dl);
	REQUIRE(strstr(xs(adm, path), "+01:00") || strstr(xs(adm, path), "+02:00"), "requested %s", xs(adm, path));
	REQUIRE(get(adm, "/settings/downloads") == 200 && body_has(adm, "My Downloads") &&
	    body_has(adm, "Download"), "HTML %ld", adm->r.status);
done:
	cl_free(adm);
	cl_free(cre);
	cl_free(b);
	t_end();
}

static void
test_downloads_lifecycle(void)
{
	struct client	*adm = NULL;
	char		 ids[32], file[PATH_MAX * 2];
	long long	 dl, n;

	t_begin("downloads: an export whose label filter was deleted fails with why; retry queues it again; only a failed one can be retried");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	dl = m_dl_queue(&U_madmin, "Orphan filter", 5, "NULL", "Gone");
	REQUIRE(m_dl_wait(dl, 4), "status %s", m_dl_status(dl));
	REQUIRE(strstr(sql1("SELECT error FROM download WHERE id = %lld", dl), "Gone") != NULL,
	    "error %s", sql1("SELECT error FROM download WHERE id = %lld", dl));
	REQUIRE(!m_exists(m_dl_path(dl)), "a failed export has a file");
	snprintf(ids, sizeof(ids), "%lld", dl);
	post(adm, "/api/settings/downloads/retry", "csrf", adm->csrf, "id", ids, NULL);
	REQUIRE(adm->r.status == 303, "retry answered %ld", adm->r.status);
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'download.retry'",
	    account_pk(&M)) == 1, "no audit row");
	REQUIRE(m_dl_wait(dl, 4), "after retry: %s", m_dl_status(dl));
	t_end();

	t_begin("downloads: retry of a ready one -> 422; export of an unknown kind or none -> 422; nothing queued");
	dl = sqln("SELECT MAX(id) FROM download WHERE user_id = %lld AND status = 3", m_uid(&U_madmin));
	snprintf(ids, sizeof(ids), "%lld", dl);
	n = sqln("SELECT COUNT(*) FROM job WHERE kind = 'report.export'");
	post(adm, "/api/settings/downloads/retry", "csrf", adm->csrf, "id", ids, NULL);
	ck(adm->r.status == 422 && xpath_count(adm->r.doc, "/steward/errors/error") == 1, "retry ready: %ld",
	    adm->r.status);
	post(adm, "/api/settings/downloads/export", "csrf", adm->csrf, "kind", "pizza", NULL);
	ck(adm->r.status == 422 && strcmp(xs(adm, "string(/steward/errors/error/@field)"), "kind") == 0,
	    "pizza: %ld", adm->r.status);
	post(adm, "/api/settings/downloads/export", "csrf", adm->csrf, NULL);
	ck(adm->r.status == 422, "no kind: %ld", adm->r.status);
	post(adm, "/api/settings/downloads/export", "kind", "members", NULL);
	ck(adm->r.status == 403, "no token: %ld", adm->r.status);
	ck(strcmp(m_dl_status(dl), "ready") == 0, "the ready one changed");
	ck(sqln("SELECT COUNT(*) FROM job WHERE kind = 'report.export'") == n, "a job was queued");
	t_end();

	t_begin("downloads: export a whole list -> 303, audited, ready; delete it -> its file is gone");
	REQUIRE((dl = m_export(adm, &U_madmin, "members")) > 0, "export");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'download.export'",
	    account_pk(&M)) == 1, "no audit row");
	snprintf(file, sizeof(file), "%s", m_dl_path(dl));
	REQUIRE(m_exists(file), "no file %s", file);
	snprintf(ids, sizeof(ids), "%lld", dl);
	post(adm, "/api/settings/downloads/delete", "csrf", adm->csrf, "id", ids, NULL);
	REQUIRE(adm->r.status == 303, "delete %ld", adm->r.status);
	REQUIRE(strcmp(m_dl_status(dl), "") == 0, "the row is still there");
	REQUIRE(!m_exists(file), "the file is still there");
	t_end();

	t_begin("downloads: expiry — the scheduler's tick deletes the file of an expired export and marks it expired; it answers 404 then");
	dl = sqln("SELECT MAX(id) FROM download WHERE user_id = %lld AND status = 3", m_uid(&U_madmin));
	snprintf(file, sizeof(file), "%s", m_dl_path(dl));
	REQUIRE(m_exists(file), "fixture file %s", file);
	sql1("UPDATE download SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = %lld", dl);
	REQUIRE(m_tick(), "the tick did not run");
	REQUIRE(strcmp(m_dl_status(dl), "expired") == 0, "status %s", m_dl_status(dl));
	REQUIRE(!m_exists(file), "the file %s was not deleted", file);
	snprintf(file, sizeof(file), "/settings/downloads/file?id=%lld", dl);
	REQUIRE(get(adm, file) == 404 && body_has(adm, "expired"), "expired file: %ld", adm->r.status);
done:
	cl_free(adm);
	t_end();
}

static void
test_scheduler(void)
{
	struct client	*adm = NULL, *mem = NULL;
	struct snap	 before;
	char		 id[32], *mail = NULL, path[128];
	long long	 dl, copy;
	int		 got = 0;

	snap_take(&before);
	t_begin("scheduler: a due report runs once, mails a link (members who may see it get a copy; others a notice without data) and moves its next run on");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	post(adm, "/api/settings/reports/save", "csrf", adm->csrf, "id", "", "name", "Daily digest",
	    "kind", "events", "range", "last-30-days", "schedule", "daily", "hour", "7",
	    "recipients", "guest@partner.example", NULL);
	REQUIRE(adm->r.status == 303, "save %ld", adm->r.status);
	snprintf(id, sizeof(id), "%s", m_report_id("Daily digest"));
	{
		char r[512];

		snprintf(r, sizeof(r), "%s,%s guest@partner.example", U_mmember.email, U_magent.email);
		post(adm, "/api/settings/reports/save", "csrf", adm->csrf, "id", id, "name", "Daily digest",
		    "kind", "events", "range", "last-30-days", "schedule", "daily", "hour", "7",
		    "recipients", r, NULL);
		REQUIRE(adm->r.status == 303, "edit %ld: %s", adm->r.status, xs(adm, "string(/steward/errors)"));
	}
	REQUIRE(sqln("SELECT COUNT(*) FROM report_recipient WHERE report_id = %s", id) == 3, "recipients");
	sql1("UPDATE report SET next_run_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE WHERE id = %s", id);
	REQUIRE(m_tick(), "the tick did not run");
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld AND notify = 1",
	    id, m_uid(&U_madmin)) == 1, "runs queued: %lld", sqln("SELECT COUNT(*) FROM download WHERE"
	    " report_id = %s AND user_id = %lld", id, m_uid(&U_madmin)));
	dl = sqln("SELECT id FROM download WHERE report_id = %s AND user_id = %lld", id, m_uid(&U_madmin));
	REQUIRE(m_dl_wait(dl, 3), "status %s", m_dl_status(dl));
	REQUIRE(m_until(1, 20, "SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld"
	    " AND status = 3", id, m_uid(&U_mmember)), "the member got no copy");
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld", id,
	    m_uid(&U_magent)) == 0, "the agent got a copy of data their role may not see");
	REQUIRE(strcmp(sql1("SELECT CONCAT(next_run_at > UTC_TIMESTAMP(), ' ', last_download = %lld, ' ',"
	    " HOUR(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin')))"
	    " FROM report WHERE id = %s", dl, id), "1 1 7") == 0, "next run %s",
	    sql1("SELECT CONCAT(next_run_at > UTC_TIMESTAMP(), ' ', last_download = %lld, ' ',"
	    " HOUR(CONVERT_TZ(next_run_at, '+00:00', 'Europe/Berlin'))) FROM report WHERE id = %s", dl, id));
	copy = sqln("SELECT id FROM download WHERE report_id = %s AND user_id = %lld", id, m_uid(&U_mmember));
	snprintf(path, sizeof(path), "%s", m_dl_path(dl));
	REQUIRE(m_exists(m_dl_path(copy)) && m_exists(path) && strcmp(m_dl_path(copy), path) != 0,
	    "the copy's file");
	/* the mails: poll, they are sent right after the file is ready */
	for (got = 0; got < 40 && mail_new(&before, "guest@partner.example", NULL) == 0; got++)
		usleep(250000);
	REQUIRE(mail_new(&before, U_mmember.email, &mail) == 1, "mails to the member: %d",
	    mail_new(&before, U_mmember.email, NULL));
	snprintf(path, sizeof(path), "/settings/downloads/file?id=%lld", copy);
	REQUIRE(strstr(mail, path) != NULL, "the member's mail has no link to their copy");
	REQUIRE(strstr(mail, "Purchase") == NULL, "the member's mail carries data");
	free(mail);
	REQUIRE(mail_new(&before, U_magent.email, &mail) == 1, "mails to the agent");
	REQUIRE(strstr(mail, "/settings/downloads/file") == NULL && strstr(mail, "Purchase") == NULL,
	    "the agent's mail has a link or data");
	free(mail);
	REQUIRE(mail_new(&before, "To: <guest@partner.example>", &mail) == 1, "mails to the guest");
	REQUIRE(strstr(mail, "/settings/downloads/file") == NULL && strstr(mail, "Purchase") == NULL &&
	    strstr(mail, "rows") == NULL, "the non-member's mail has a link or data");
	free(mail);
	mail = NULL;
	REQUIRE((mem = signed_in(&U_mmember)) != NULL, "sign-in");
	REQUIRE(get(mem, path) == 200 && strncmp(mem->r.ctype, "text/csv", 8) == 0, "the member's copy: %ld",
	    mem->r.status);
	REQUIRE(get(adm, path) == 404, "the owner fetched the member's copy: %ld", adm->r.status);
	t_end();

	t_begin("scheduler: another tick does not run it again; a paused report never runs; resume sets the next run");
	REQUIRE(m_tick(), "tick");
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld", id,
	    m_uid(&U_madmin)) == 1, "it ran twice");
	post(adm, "/api/settings/reports/pause", "csrf", adm->csrf, "id", id, "paused", "yes", NULL);
	REQUIRE(adm->r.status == 303, "pause %ld", adm->r.status);
	REQUIRE(strcmp(sql1("SELECT CONCAT(paused, ' ', next_run_at IS NULL) FROM report WHERE id = %s", id),
	    "1 1") == 0, "paused: %s", sql1("SELECT CONCAT(paused, ' ', next_run_at IS NULL) FROM report"
	    " WHERE id = %s", id));
	sql1("UPDATE report SET next_run_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE WHERE id = %s", id);
	REQUIRE(m_tick(), "tick");
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld", id,
	    m_uid(&U_madmin)) == 1, "a paused report ran");
	post(adm, "/api/settings/reports/pause", "csrf", adm->csrf, "id", id, "paused", "maybe", NULL);
	REQUIRE(adm->r.status == 422, "paused=maybe: %ld", adm->r.status);
	post(adm, "/api/settings/reports/pause", "csrf", adm->csrf, "id", id, "paused", "no", NULL);
	REQUIRE(adm->r.status == 303, "resume %ld", adm->r.status);
	REQUIRE(strcmp(sql1("SELECT CONCAT(paused, ' ', next_run_at > UTC_TIMESTAMP())"
	    " FROM report WHERE id = %s", id), "0 1") == 0, "resumed: %s", sql1("SELECT"
	    " CONCAT(paused, ' ', next_run_at > UTC_TIMESTAMP()) FROM report WHERE id = %s", id));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action IN"
	    " ('report.pause', 'report.resume')", account_pk(&M)) == 2, "audit rows");
	post(adm, "/api/settings/reports/pause", "csrf", adm->csrf, "id",
	    m_report_id("All events"), "paused", "yes", NULL);
	REQUIRE(adm->r.status == 422, "pausing a report without a schedule: %ld", adm->r.status);
done:
	free(mail);
	snap_free(&before);
	cl_free(adm);
	cl_free(mem);
	t_end();
}

/* ------------------------------------------------------------- invoices */

/*
 * An invoice of organization org: number n, issued at when (an SQL
 * expression, UTC), due 14 days later, total minor units of USD.
 */
static void
m_invoice(const char *org, int n, const char *when, long long total)
{
	sql1("INSERT INTO invoice (org_id, number, kind, period_start, period_end,"
	    " currency, total_minor, issued_at, due_at, bill_name) VALUES (%s, %d,"
	    " 'period', DATE_FORMAT(%s, '%%Y-%%m-01'), LAST_DAY(%s), 'USD', %lld, %s,"
	    " %s + INTERVAL 14 DAY, 'Itest invoices')", org, n, when, when, total, when,
	    when);
}

/* The reference of invoice n of organization org, as the pages show it. */
static const char *
m_ref(const char *org, int n)
{
	static char	 out[64];

	snprintf(out, sizeof(out), "%s-%05d", org, n);
	return out;
}

/* 1 when the CSV t has a row whose first cell is an invoice of org. */
static int
m_has_org(const struct mcsv *t, const char *org)
{
	char	 pre[40];
	size_t	 r;

	snprintf(pre, sizeof(pre), "%s-", org);
	for (r = 1; r < t->nrows; r++)
		if (strncmp(t->cell[r][0], pre, strlen(pre)) == 0)
			return 1;
	return 0;
}

/*
 * Saves an invoices report of madmin2 named name through the form (range,
 * and from/to for a custom one), runs it and parses its file into t.  The
 * download's id, or 0 (the failure recorded).
 */
static long long
m_inv_run(struct client *c, const char *name, const char *range,
    const char *from, const char *to, struct mcsv *t)
{
	char		 id[32];
	long long	 dl;

	mcsv_free(t);
	memset(t, 0, sizeof(*t));
	post(c, "/api/settings/reports/save", "csrf", c->csrf, "id", "", "name", name,
	    "kind", "invoices", "format", "csv", "range", range, "from", from, "to", to,
	    "schedule", "none", "hour", "8", NULL);
	if (!ck(c->r.status == 303, "saving %s answered %ld: %s", name, c->r.status,
	    xs(c, "string(/steward/errors)")))
		return 0;
	snprintf(id, sizeof(id), "%s", sql1("SELECT MAX(id) FROM report WHERE"
	    " user_id = %lld AND name = '%s' AND kind = 4", m_uid(&U_madmin2), name));
	if ((dl = m_run(c, &U_madmin2, id)) == 0)
		return 0;
	if (!ck(m_fetch(c, dl, t) == 0, "file of %s: %ld", name, c->r.status))
		return 0;
	return dl;
}

static void
test_invoices_roles(void)
{
	struct client	*adm = NULL, *cre = NULL;
	long long	 reports, dls;

	t_begin("invoices report: the form offers it to an Admin (available, allowed, a date range, no event or label filter) with what its rows are");
	REQUIRE((adm = signed_in(&U_madmin2)) != NULL, "sign-in");
	REQUIRE(get(adm, "/api/settings/reports/edit") == 200, "form %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(//kind[@key='invoices']/@available,' ',//kind[@key='invoices']/@allowed,' ',"
	    "//kind[@key='invoices']/@range,' ',//kind[@key='invoices']/@events,' ',"
	    "//kind[@key='invoices']/@label-filter)"), "yes yes yes no no") == 0, "kind %s",
	    xs(adm, "concat(//kind[@key='invoices']/@available,' ',//kind[@key='invoices']/@allowed,' ',"
	    "//kind[@key='invoices']/@range,' ',//kind[@key='invoices']/@events,' ',"
	    "//kind[@key='invoices']/@label-filter)"));
	REQUIRE(strstr(xs(adm, "string(//kind[@key='invoices'])"), "One row per invoice") != NULL,
	    "about: %s", xs(adm, "string(//kind[@key='invoices'])"));
	REQUIRE(get(adm, "/settings/reports/edit") == 200 && body_has(adm, "One row per invoice") &&
	    !body_has(adm, "Not available"), "HTML form: %ld", adm->r.status);
	REQUIRE(get(adm, "/api/settings/downloads") == 200 &&
	    xpath_count(adm->r.doc, "/steward/export-kinds/kind[@key='invoices' and @available='yes']") == 1,
	    "an Admin may not export invoices from My Downloads");
	t_end();

	t_begin("invoices report: a Creator sees it disabled, may not save one nor export invoices (403); nothing saved or queued");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	REQUIRE(get(cre, "/api/settings/reports/edit") == 200, "form %ld", cre->r.status);
	REQUIRE(strcmp(xs(cre, "string(//kind[@key='invoices']/@allowed)"), "no") == 0, "allowed %s",
	    xs(cre, "string(//kind[@key='invoices']/@allowed)"));
	REQUIRE(get(cre, "/settings/reports/edit") == 200 && body_has(cre, "Your role cannot see this data"),
	    "HTML form: %ld", cre->r.status);
	reports = sqln("SELECT COUNT(*) FROM report");
	dls = sqln("SELECT COUNT(*) FROM download");
	post(cre, "/api/settings/reports/save", "csrf", cre->csrf, "id", "", "name", "Creator invoices",
	    "kind", "invoices", "range", "last-30-days", "schedule", "none", NULL);
	REQUIRE(cre->r.status == 403, "save: %ld", cre->r.status);
	REQUIRE(strstr(xs(cre, "string(/steward/error-page)"), "role") != NULL, "403 page: %s",
	    xs(cre, "string(/steward/error-page)"));
	REQUIRE(get(cre, "/api/settings/downloads") == 200 &&
	    xpath_count(cre->r.doc, "/steward/export-kinds/kind[@key='invoices']") == 0,
	    "a Creator is offered to export invoices");
	post(cre, "/api/settings/downloads/export", "csrf", cre->csrf, "kind", "invoices", NULL);
	REQUIRE(cre->r.status == 403, "export: %ld", cre->r.status);
	REQUIRE(sqln("SELECT COUNT(*) FROM report") == reports && sqln("SELECT COUNT(*) FROM download") == dls,
	    "something was saved or queued");
done:
	cl_free(adm);
	cl_free(cre);
	t_end();
}

static void
test_invoices_rows(void)
{
	struct client	*adm = NULL;
	struct mcsv	*t = calloc(1, sizeof(*t));
	char		 expr[256], v[9][64], want[64];
	static const char *const attrs[] = { "ref", "issued", "due", "period-start", "period-end",
	    "kind", "status", "currency", "total" };
	long long	 dl, n;
	size_t		 i, k, row;

	t_begin("invoices report: fixtures (six invoices of M's organization around January 2025 and this week, two of B's)");
	REQUIRE(t != NULL, "calloc");
	/* Europe/Berlin is UTC+1 in winter: 2025-01-01 00:00 local is 2024-12-31 23:00 UTC */
	m_invoice(M.org, 1, "'2024-12-31 22:59:59'", 100);
	m_invoice(M.org, 2, "'2024-12-31 23:00:00'", 4900);
	m_invoice(M.org, 3, "'2025-01-31 22:59:59'", 123456);
	m_invoice(M.org, 4, "'2025-01-31 23:00:00'", 5);
	m_invoice(M.org, 5, "UTC_TIMESTAMP(6) - INTERVAL 2 DAY", 0);
	m_invoice(M.org, 6, "UTC_TIMESTAMP(6) - INTERVAL 20 DAY", 24900);
	m_invoice(B.org, 1, "UTC_TIMESTAMP(6) - INTERVAL 2 DAY", 777);
	m_invoice(B.org, 2, "'2025-01-15 12:00:00'", 888);
	sql1("UPDATE invoice SET status = 'paid' WHERE org_id = %s AND number = 3", M.org);
	REQUIRE(sqln("SELECT COUNT(*) FROM invoice WHERE org_id = %s", M.org) == 6 &&
	    sqln("SELECT COUNT(*) FROM invoice WHERE org_id = %s", B.org) == 2, "fixtures: %s",
	    sql1("SELECT COUNT(*) FROM invoice WHERE org_id IN (%s, %s)", M.org, B.org));
	REQUIRE((adm = signed_in(&U_madmin2)) != NULL, "sign-in");
	t_end();

	t_begin("invoices report: a custom range (January 2025) holds the invoices issued on those local days, newest first, totals as decimals; nothing of B");
	REQUIRE((dl = m_inv_run(adm, "January invoices", "custom", "2025-01-01", "2025-01-31", t)) > 0, "run");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'report.create'"
	    " AND target = 'January invoices'", account_pk(&M)) == 1, "no audit row");
	REQUIRE(strncmp(adm->r.ctype, "text/csv", 8) == 0, "Content-Type %s", adm->r.ctype);
	REQUIRE(t->ncols[0] == 9 && strcmp(t->cell[0][0], "invoice") == 0 && strcmp(t->cell[0][1], "issued") == 0 &&
	    strcmp(t->cell[0][8], "total") == 0, "header: %zu columns, %s", t->ncols[0], t->cell[0][0]);
	REQUIRE(t->nrows == 3, "%zu rows, not 2", t->nrows - 1);
	REQUIRE(strcmp(t->cell[1][0], m_ref(M.org, 3)) == 0, "first %s", t->cell[1][0]);
	REQUIRE(strcmp(t->cell[2][0], m_ref(M.org, 2)) == 0, "second %s", t->cell[2][0]);
	REQUIRE(strcmp(t->cell[2][1], "2025-01-01T00:00:00+01:00") == 0, "issued %s", t->cell[2][1]);
	REQUIRE(strcmp(t->cell[1][1], "2025-01-31T23:59:59+01:00") == 0, "issued %s", t->cell[1][1]);
	REQUIRE(strcmp(t->cell[1][8], "1234.56") == 0 && strcmp(t->cell[2][8], "49.00") == 0, "totals %s %s",
	    t->cell[1][8], t->cell[2][8]);
	REQUIRE(strcmp(t->cell[1][6], "paid") == 0 && strcmp(t->cell[2][6], "open") == 0, "statuses %s %s",
	    t->cell[1][6], t->cell[2][6]);
	REQUIRE(strcmp(t->cell[2][3], "2024-12-01") == 0 && strcmp(t->cell[2][5], "period") == 0 &&
	    strcmp(t->cell[2][7], "USD") == 0, "period %s kind %s currency %s", t->cell[2][3], t->cell[2][5],
	    t->cell[2][7]);
	REQUIRE(!m_has_org(t, B.org), "B's invoice is in M's report");
	REQUIRE(sqln("SELECT rows_done FROM download WHERE id = %lld", dl) == 2, "rows %lld",
	    sqln("SELECT rows_done FROM download WHERE id = %lld", dl));
	REQUIRE(get(adm, "/api/settings/downloads") == 200, "list");
	snprintf(expr, sizeof(expr), "concat(//download[@id='%lld']/@source,'|',//download[@id='%lld']/@range)", dl, dl);
	REQUIRE(strcmp(xs(adm, expr), "invoices|2025-01-01 \xe2\x80\x93 2025-01-31") == 0, "listed as %s",
	    xs(adm, expr));
	t_end();

	t_begin("invoices report: the last 7 days hold only the invoice issued 2 days ago; nothing of B");
	REQUIRE(m_inv_run(adm, "Invoices this week", "last-7-days", "", "", t) > 0, "run");
	REQUIRE(t->nrows == 2 && strcmp(t->cell[1][0], m_ref(M.org, 5)) == 0, "%zu rows, first %s",
	    t->nrows - 1, t->nrows > 1 ? t->cell[1][0] : "-");
	REQUIRE(strcmp(t->cell[1][8], "0.00") == 0, "total %s", t->cell[1][8]);
	t_end();

	t_begin("invoices report: all time holds every invoice of the Billing page, cell for cell, and nothing of B");
	REQUIRE(m_inv_run(adm, "All invoices", "all", "", "", t) > 0, "run");
	REQUIRE(get(adm, "/api/settings/billing") == 200, "billing %ld", adm->r.status);
	n = xpath_count(adm->r.doc, "/steward/billing/invoices/invoice");
	REQUIRE(n == 6 && (long long)t->nrows == n + 1, "CSV %zu rows, Billing page %lld", t->nrows - 1, n);
	for (i = 1; i <= (size_t)n; i++) {
		for (k = 0; k < 9; k++) {
			snprintf(expr, sizeof(expr), "string(/steward/billing/invoices/invoice[%zu]/@%s)", i, attrs[k]);
			xpath_str(adm->r.doc, expr, v[k], sizeof(v[k]));
		}
		n = strtoll(v[8], NULL, 10);
		snprintf(want, sizeof(want), "%lld.%02lld", n / 100, n % 100);
		snprintf(v[8], sizeof(v[8]), "%s", want);
		row = mcsv_find(t, 0, v[0]);
		ck(row == i, "%s is row %zu of the CSV, invoice %zu of the page", v[0], row, i);
		for (k = 1; row && k < 9; k++)
			ck(strcmp(t->cell[row][k], v[k]) == 0, "%s %s: CSV %s, page %s", v[0], attrs[k],
			    t->cell[row][k], v[k]);
	}
	ck(!m_has_org(t, B.org), "B's invoice is in M's report");
	t_end();

	t_begin("invoices report: My Downloads exports the whole list -> 303, audited, ready with the six invoices");
	REQUIRE((dl = m_export(adm, &U_madmin2, "invoices")) > 0, "export");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'download.export'"
	    " AND target = 'Invoices'", account_pk(&M)) == 1, "no audit row");
	mcsv_free(t);
	REQUIRE(m_fetch(adm, dl, t) == 0 && t->nrows == 7 && !m_has_org(t, B.org), "%zu rows", t->nrows - 1);
done:
	if (t != NULL)
		mcsv_free(t);
	free(t);
	cl_free(adm);
	t_end();
}

static void
test_invoices_scheduled(void)
{
	struct client	*adm = NULL;
	struct snap	 before;
	char		 id[32], r[512], *mail = NULL;
	long long	 dl;
	int		 got;

	snap_take(&before);
	t_begin("invoices report: a scheduled run gives an Admin recipient a copy, a Member recipient a notice without data");
	REQUIRE((adm = signed_in(&U_madmin2)) != NULL, "sign-in");
	snprintf(r, sizeof(r), "%s\n%s", U_madmin.email, U_mmember.email);
	post(adm, "/api/settings/reports/save", "csrf", adm->csrf, "id", "", "name", "Daily invoices",
	    "kind", "invoices", "range", "all", "schedule", "daily", "hour", "6", "recipients", r, NULL);
	REQUIRE(adm->r.status == 303, "save %ld: %s", adm->r.status, xs(adm, "string(/steward/errors)"));
	snprintf(id, sizeof(id), "%s", sql1("SELECT id FROM report WHERE name = 'Daily invoices'"
	    " AND user_id = %lld", m_uid(&U_madmin2)));
	sql1("UPDATE report SET next_run_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE WHERE id = %s", id);
	REQUIRE(m_tick(), "the tick did not run");
	dl = sqln("SELECT COALESCE(MAX(id), 0) FROM download WHERE report_id = %s AND user_id = %lld", id,
	    m_uid(&U_madmin2));
	REQUIRE(dl > 0 && m_dl_wait(dl, 3), "the run: %lld %s", dl, m_dl_status(dl));
	REQUIRE(sqln("SELECT rows_done FROM download WHERE id = %lld", dl) == 6, "rows %lld",
	    sqln("SELECT rows_done FROM download WHERE id = %lld", dl));
	REQUIRE(m_until(1, 20, "SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld"
	    " AND status = 3", id, m_uid(&U_madmin)), "the Admin recipient got no copy");
	for (got = 0; got < 40 && mail_new(&before, U_mmember.email, NULL) == 0; got++)
		usleep(250000);
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE report_id = %s AND user_id = %lld", id,
	    m_uid(&U_mmember)) == 0, "the Member got a copy of invoices");
	REQUIRE(mail_new(&before, U_mmember.email, &mail) == 1, "mails to the member: %d",
	    mail_new(&before, U_mmember.email, NULL));
	REQUIRE(strstr(mail, "/settings/downloads/file") == NULL && strstr(mail, m_ref(M.org, 1)) == NULL,
	    "the Member's mail has a link or data");
done:
	free(mail);
	snap_free(&before);
	cl_free(adm);
	t_end();
}

static void
test_invoices_role_lost(void)
{
	struct client	*adm = NULL, *own = NULL;
	char		 id[32], uid[32];
	long long	 dls, dl;

	t_begin("invoices report: its owner made a Creator may not run or save it (403), and an export queued before fails with why; nothing made");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	REQUIRE((own = signed_in(&U_madmin2)) != NULL, "sign-in");
	snprintf(id, sizeof(id), "%s", sql1("SELECT id FROM report WHERE name = 'All invoices'"
	    " AND user_id = %lld", m_uid(&U_madmin2)));
	snprintf(uid, sizeof(uid), "%lld", m_uid(&U_madmin2));
	REQUIRE(id[0] != '\0', "no report");
	post(adm, "/api/settings/users/role", "csrf", adm->csrf, "user", uid, "role", "creator", NULL);
	REQUIRE(adm->r.status == 303, "role change: %ld", adm->r.status);
	dls = sqln("SELECT COUNT(*) FROM download WHERE user_id = %s", uid);
	post(own, "/api/settings/reports/run", "csrf", own->csrf, "id", id, NULL);
	ck(own->r.status == 403, "run: %ld", own->r.status);
	post(own, "/api/settings/reports/save", "csrf", own->csrf, "id", id, "name", "Renamed invoices",
	    "kind", "invoices", "range", "all", "schedule", "none", NULL);
	ck(own->r.status == 403, "save: %ld", own->r.status);
	ck(strcmp(sql1("SELECT CONCAT(name, ' ', kind) FROM report WHERE id = %s", id), "All invoices 4") == 0,
	    "the report changed: %s", sql1("SELECT CONCAT(name, ' ', kind) FROM report WHERE id = %s", id));
	ck(sqln("SELECT COUNT(*) FROM download WHERE user_id = %s", uid) == dls, "a download was made");
	dl = m_dl_queue(&U_madmin2, "Queued invoices", 4, id, "");
	ck(m_dl_wait(dl, 4), "status %s", m_dl_status(dl));
	ck(strstr(sql1("SELECT error FROM download WHERE id = %lld", dl), "role no longer allows") != NULL,
	    "error %s", sql1("SELECT error FROM download WHERE id = %lld", dl));
	ck(!m_exists(m_dl_path(dl)), "a refused export has a file");
	post(adm, "/api/settings/users/role", "csrf", adm->csrf, "user", uid, "role", "admin", NULL);
	ck(adm->r.status == 303, "role back: %ld", adm->r.status);
done:
	cl_free(adm);
	cl_free(own);
	t_end();
}

static void
test_reports_delete(void)
{
	struct client	*adm = NULL;
	char		 id[32], l1[32];
	long long	 dls;

	t_begin("reports: delete without confirm -> 422 with the confirmation; with it -> 303, audited; its downloads stay");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	snprintf(id, sizeof(id), "%s", m_report_id("Weekly events"));
	snprintf(l1, sizeof(l1), "%s", m_label(&M, "Q1 launch"));
	post(adm, "/api/settings/reports/delete", "csrf", adm->csrf, "id", id, NULL);
	REQUIRE(adm->r.status == 422, "answered %ld", adm->r.status);
	REQUIRE(xpath_count(adm->r.doc, "/steward/report-confirm") == 1, "no confirmation");
	REQUIRE(sqln("SELECT COUNT(*) FROM report WHERE id = %s", id) == 1, "deleted without confirm");
	REQUIRE(sqln("SELECT reports FROM label WHERE id = %s", l1) == 1, "label counter");
	dls = sqln("SELECT COUNT(*) FROM download WHERE user_id = %lld", m_uid(&U_madmin));
	post(adm, "/api/settings/reports/delete", "csrf", adm->csrf, "id", id, "confirm", "yes", NULL);
	REQUIRE(adm->r.status == 303, "answered %ld", adm->r.status);
	REQUIRE(sqln("SELECT COUNT(*) FROM report WHERE id = %s", id) == 0, "still there");
	REQUIRE(sqln("SELECT COUNT(*) FROM report_recipient WHERE report_id = %s", id) == 0, "recipients stay");
	REQUIRE(sqln("SELECT reports FROM label WHERE id = %s", l1) == 0, "label counter %lld",
	    sqln("SELECT reports FROM label WHERE id = %s", l1));
	REQUIRE(sqln("SELECT COUNT(*) FROM download WHERE user_id = %lld", m_uid(&U_madmin)) == dls,
	    "downloads went with it");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'report.delete'",
	    account_pk(&M)) == 1, "no audit row");
done:
	cl_free(adm);
	t_end();
}

static void
test_labels_delete(void)
{
	struct client	*cre = NULL;
	char		 l2[32], rid[32];

	t_begin("labels: delete while attached — without confirm 422 naming the counts, nothing changed; with it 303, detached everywhere, filter cleared");
	REQUIRE((cre = signed_in(&U_mcreator)) != NULL, "sign-in");
	snprintf(l2, sizeof(l2), "%s", m_label(&M, "Imports"));
	snprintf(rid, sizeof(rid), "%s", m_report_id("Imported"));
	sql1("INSERT INTO report_label (account_id, label_id, report_id) VALUES (%lld, %s, %s)",
	    account_pk(&M), l2, rid);
	sql1("UPDATE label SET reports = 1 WHERE id = %s", l2);
	post(cre, "/api/settings/labels/delete", "csrf", cre->csrf, "id", l2, NULL);
	REQUIRE(cre->r.status == 422, "answered %ld", cre->r.status);
	REQUIRE(strcmp(xs(cre, "concat(/steward/label-confirm/@reports,' ',/steward/label-confirm/@uploads,' ',"
	    "/steward/label-confirm/@filters)"), "1 1 1") == 0, "confirm %s",
	    xs(cre, "concat(/steward/label-confirm/@reports,' ',/steward/label-confirm/@uploads,' ',"
	    "/steward/label-confirm/@filters)"));
	REQUIRE(strstr(xs(cre, "string(/steward/errors/error)"), "1 report and 1 CSV upload") != NULL,
	    "message %s", xs(cre, "string(/steward/errors/error)"));
	REQUIRE(m_label(&M, "Imports")[0] != '\0', "deleted without confirm");
	post(cre, "/api/settings/labels/delete", "csrf", cre->csrf, "id", l2, "confirm", "no", NULL);
	REQUIRE(cre->r.status == 422, "confirm=no: %ld", cre->r.status);
	post(cre, "/api/settings/labels/delete", "csrf", cre->csrf, "id", l2, "confirm", "yes", NULL);
	REQUIRE(cre->r.status == 303, "answered %ld", cre->r.status);
	REQUIRE(m_label(&M, "Imports")[0] == '\0', "still there");
	REQUIRE(sqln("SELECT COUNT(*) FROM report_label WHERE label_id = %s", l2) == 0 &&
	    sqln("SELECT COUNT(*) FROM csv_upload_label WHERE label_id = %s", l2) == 0, "attachments stay");
	REQUIRE(sqln("SELECT COUNT(*) FROM report WHERE id = %s AND label_id IS NULL", rid) == 1,
	    "the report's filter was not cleared");
	REQUIRE(sqln("SELECT COUNT(*) FROM csv_upload WHERE id = %lld", up1) == 1, "the upload went");
	REQUIRE(get(cre, "/api/settings/labels") == 200 &&
	    strcmp(xs(cre, "string(/steward/flash)"), "Deleted the label Imports and removed it from 1 report"
	    " and 1 CSV upload.") == 0, "flash %s", xs(cre, "string(/steward/flash)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'label.delete'"
	    " AND target LIKE 'Imports%%'", account_pk(&M)) == 1, "no audit row");
done:
	cl_free(cre);
	t_end();
}

static void
test_manage_html(void)
{
	static const char *const pages[] = { "/settings/labels", "/settings/reports",
	    "/settings/reports/edit", "/settings/downloads", "/settings/labels?edit=1",
	    "/settings/labels?delete=1", "/settings/reports?delete=1" };
	struct client	*adm = NULL;
	size_t		 i;

	t_begin("manage: the HTML pages render through site.xsl; the overview links to them");
	REQUIRE((adm = signed_in(&U_madmin)) != NULL, "sign-in");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		get(adm, pages[i]);
		ck(adm->r.status == 200 && strncmp(adm->r.ctype, "text/html", 9) == 0 &&
		    body_has(adm, "<main"), "%s: %ld %s", pages[i], adm->r.status, adm->r.ctype);
	}
	REQUIRE(get(adm, "/api/settings") == 200, "overview");
	REQUIRE(xpath_count(adm->r.doc, "/steward/can[@labels='yes' and @reports='yes' and"
	    " @downloads='yes']") == 1, "labels, reports or downloads not offered");
	REQUIRE(get(adm, "/settings") == 200 && body_has(adm, "href=\"/settings/labels\"") &&
	    body_has(adm, "href=\"/settings/reports\"") && body_has(adm, "href=\"/settings/downloads\""),
	    "the overview does not link labels, reports and downloads");
done:
	cl_free(adm);
	t_end();
}

/* -------------------------------------------------------------- group */

static void
part_manage(void)
{
	t_begin("manage: fixtures (account M with one user per role, a second admin)");
	if (!ck(make_account(&M, "M") == 0, "org-create") ||
	    !ck(make_user(&U_madmin, "madmin", &M) == 0, "user-add") ||
	    !ck(make_user(&U_mcreator, "mcreator", &M) == 0, "user-add") ||
	    !ck(make_user(&U_mmember, "mmember", &M) == 0, "user-add") ||
	    !ck(make_user(&U_magent, "magent", &M) == 0, "user-add") ||
	    !ck(make_user(&U_madmin2, "madmin2", &M) == 0, "user-add") ||
	    !ck(account_pk(&M) > 0, "the database cannot be read")) {
		t_end();
		return;
	}
	t_end();
	test_labels_roles();
	test_labels_bad_input();
	test_labels_limit();
	test_labels_uploads();
	test_reports_roles();
	test_reports_save();
	test_reports_bad_input();
	test_exports_rows();
	test_downloads_owner();
	test_downloads_lifecycle();
	test_scheduler();
	test_invoices_roles();
	test_invoices_rows();
	test_invoices_scheduled();
	test_invoices_role_lost();
	test_reports_delete();
	test_labels_delete();
	test_manage_html();
}
