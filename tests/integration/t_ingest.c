/*
 * Tests of the ingestion API (POST /api/1/upload), and the helpers and
 * fixtures of every data group (t_events.c, t_jobs.c, t_csv_uploads.c,
 * and t_manage.c's sql1, sqln, ingest, account_pk).  Included by
 * itest.c.  State is checked after every refusal: through the pages, and
 * where no page shows it (usage counters, audit rows, stored events)
 * with the mariadb client on the stack's socket (var/my.cnf).
 */

#include <ctype.h>
#include <time.h>

/* ------------------------------------------------------------ helpers */

/* The first column of the first row of query (on the stack's database), or "". */
static const char *
sql1(const char *fmt, ...)
{
	static char	 out[4096];
	char		 q[4096], cmd[PATH_MAX * 2 + 4200];
	va_list		 ap;
	FILE		*p;
	size_t		 n;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "mariadb --defaults-file='%s/my.cnf' -N -B "
	    "steward -e \"%s\" 2>&1", g_var, q);
	out[0] = '\0';
	if ((p = popen(cmd, "r")) == NULL)
		return out;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	if ((p = (FILE *)strchr(out, '\n')) != NULL)
		*(char *)p = '\0';
	return out;
}

/* sql1() as a number (-1 when not a number). */
static long long
sqln(const char *fmt, ...)
{
	char		 q[4096];
	va_list		 ap;
	const char	*v;
	char		*end;
	long long	 n;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	v = sql1("%s", q);
	n = strtoll(v, &end, 10);
	return end == v || *end != '\0' ? -1 : n;
}

/*
 * POST /api/1/upload with the credentials id/passcode (NULL: header not
 * sent), ctype (NULL: application/json) and body of len bytes.
 */
static long
ingest_post(struct client *c, const char *id, const char *pc,
    const char *ctype, const char *body, size_t len)
{
	struct curl_slist	*h = NULL;
	char			 url[1024], line[1024];
	CURLcode		 rc;

	resp_reset(&c->r);
	snprintf(c->r.what, sizeof(c->r.what), "POST /api/1/upload");
	snprintf(url, sizeof(url), "%s/api/1/upload", g_url);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	h = curl_slist_append(h, "Expect:");
	snprintf(line, sizeof(line), "Content-Type: %s",
	    ctype ? ctype : "application/json");
	h = curl_slist_append(h, line);
	if (id != NULL) {
		snprintf(line, sizeof(line), "X-Account-Id: %s", id);
		h = curl_slist_append(h, line);
	}
	if (pc != NULL) {
		snprintf(line, sizeof(line), "X-Account-Passcode: %s", pc);
		h = curl_slist_append(h, line);
	}
	curl_easy_setopt(c->h, CURLOPT_POST, 1L);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c->h, CURLOPT_COPYPOSTFIELDS, body);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c->h);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		ck(0, "POST /api/1/upload: %s", curl_easy_strerror(rc));
		return 0;
	}
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &c->r.status);
	resp_check(c, "/api/1/upload");
	return c->r.status;
}

/* ingest_post() into account a with its own credentials. */
static long
ingest(struct client *c, const struct account *a, const char *body)
{
	return ingest_post(c, a->id, a->passcode, NULL, body, strlen(body));
}

/* The account's internal id. */
static long long
account_pk(const struct account *a)
{
	return sqln("SELECT id FROM account WHERE public_id = '%s'", a->id);
}

/* Rows of table in account a (event_log, profile, usage…). */
static long long
rows_of(const char *table, const struct account *a)
{
	return sqln("SELECT COUNT(*) FROM %s WHERE account_id = %lld", table,
	    account_pk(a));
}

/* Data points of account a today. */
static long long
points_of(const struct account *a)
{
	return sqln("SELECT COALESCE(SUM(data_points), 0) FROM usage_day "
	    "WHERE account_id = %lld", account_pk(a));
}

/* A fresh account (own org), for tests that need an empty schema. */
static int
fresh_account(struct account *a, const char *label)
{
	return make_account(a, label);
}

/* The id of the item named name on an /api schema page held by c ("" when absent). */
static const char *
item_id(struct client *c, const char *name)
{
	static char	 out[64];
	char		 expr[512];

	snprintf(expr, sizeof(expr), "string(/steward/schema/item[@name='%s']/@id)", name);
	return xpath_str(c->r.doc, expr, out, sizeof(out));
}

/* An attribute of the item named name on the page held by c. */
static const char *
item_attr(struct client *c, const char *name, const char *attr)
{
	static char	 out[256];
	char		 expr[512];

	snprintf(expr, sizeof(expr), "string(/steward/schema/item[@name='%s']/@%s)",
	    name, attr);
	return xpath_str(c->r.doc, expr, out, sizeof(out));
}

static struct account	 D;	/* a fresh account for the data tests */
static struct user	 U_dadmin = { .role = "admin" }, U_dcreator = { .role = "creator" },
			 U_dmember = { .role = "member" }, U_dagent = { .role = "agent" };

/*
 * Account D with one user of each role, made once for every data group
 * that runs (the first one counts it as a test).  1 when it is there.
 */
static int
data_fixtures(void)
{
	static int	 made;	/* 0 not yet, 1 made, -1 failed */

	if (made != 0)
		return made == 1;
	t_begin("data: fixtures (account D with one user per role)");
	if (!ck(fresh_account(&D, "D") == 0, "org-create failed") ||
	    !ck(make_user(&U_dadmin, "dadmin", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dcreator, "dcreator", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dmember, "dmember", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dagent, "dagent", &D) == 0, "user-add") ||
	    !ck(account_pk(&D) > 0, "the test cannot read the database with "
	    "mariadb --defaults-file=%s/my.cnf: %s", g_var, sql1("SELECT 1")))
		made = -1;
	else
		made = 1;
	t_end();
	return made == 1;
}

/* ------------------------------------------------------------ auth */

static void
test_ingest_auth(void)
{
	static const struct {
		const char	*name;
		int		 id, pc;	/* 0 none, 1 A's, 2 B's, 3 junk */
	} rows[] = {
		{ "no credentials", 0, 0 },
		{ "Account ID without passcode", 1, 0 },
		{ "passcode without Account ID", 0, 1 },
		{ "a wrong passcode", 1, 3 },
		{ "account B's passcode with account A's ID", 1, 2 },
		{ "an unknown Account ID with A's passcode", 3, 1 },
		{ "the passcode in lower case", 1, 4 },
	};
	const char	*body = "{\"d\":[{\"identity\":\"auth-1\",\"evtName\":\"Auth probe\",\"evtData\":{}}]}";
	struct client	*c = cl_new("ingest");
	char		 name[200], lower[64];
	const char	*id, *pc;
	long long	 before, pts;
	size_t		 i, k;

	snprintf(lower, sizeof(lower), "%s", D.passcode);
	for (k = 0; lower[k]; k++)
		lower[k] = (char)tolower((unsigned char)lower[k]);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "ingest: %s -> 401 XML error, nothing stored", rows[i].name);
		t_begin(name);
		before = rows_of("event_log", &D);
		pts = points_of(&D);
		id = rows[i].id == 1 ? D.id : rows[i].id == 2 ? B.id :
		    rows[i].id == 3 ? "ZZZ-ZZZ-ZZZZ" : NULL;
		pc = rows[i].pc == 1 ? D.passcode : rows[i].pc == 2 ? B.passcode :
		    rows[i].pc == 3 ? "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF" :
		    rows[i].pc == 4 ? lower : NULL;
		ingest_post(c, id, pc, NULL, body, strlen(body));
		ck(c->r.status == 401, "answered %ld", c->r.status);
		ck(xpath_count(c->r.doc, "/steward/error-page[@status='401']") == 1,
		    "no 401 error-page");
		ck(rows_of("event_log", &D) == before, "an event was stored");
		ck(points_of(&D) == pts, "data points were counted");
		ck(sqln("SELECT COUNT(*) FROM event_def WHERE name = 'Auth probe' AND account_id = %lld",
		    account_pk(&D)) == 0,
		    "the event name was created");
		t_end();
	}
	t_begin("ingest: the right credentials -> 200, one record processed; HTML path /1/upload is 404");
	REQUIRE(ingest(c, &D, body) == 200, "answered %ld: %s", c->r.status, c->r.body.p);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0,
	    "processed=%s", xs(c, "string(/steward/upload/@processed)"));
	REQUIRE(rows_of("event_log", &D) >= 1, "no event stored");
	post_raw(c, "/1/upload", "{}", "application/json");
	REQUIRE(c->r.status == 404, "POST /1/upload (no /api) answered %ld", c->r.status);
done:
	cl_free(c);
	t_end();
}

/* --------------------------------------------------------- records */

static void
test_ingest_batch(void)
{
	struct client	*c = cl_new("ingest"), *adm = NULL;
	char		 body[4096];
	long long	 pk = account_pk(&D), pts, mau, prof;
	long		 now = (long)time(NULL);

	t_begin("ingest: a batch of events and profile updates -> counts, types inferred, usage and MAU counted once per batch");
	pts = points_of(&D);
	mau = sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", pk);
	prof = rows_of("profile", &D);
	snprintf(body, sizeof(body), "{\"d\":["
	    "{\"identity\":\"batch-u1\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":12.5,\"sku\":\"A1\",\"tags\":[\"x\",\"y\"]},\"ts\":%ld},"
	    "{\"identity\":\"batch-u1\",\"type\":\"event\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":3}},"
	    "{\"identity\":\"batch-u2\",\"evtName\":\"App Launched\",\"evtData\":{}},"
	    "{\"identity\":42,\"type\":\"profile\",\"profileData\":{\"Name\":\"Zo\\u00eb\",\"Age\":31,\"Member\":true,\"Since\":\"2024-01-02\",\"Likes\":[\"a\",\"b\"]}},"
	    "{\"identity\":\"batch-u1\",\"profileData\":{\"Name\":\"Ann\"}}"
	    "]}", now - 60);
	REQUIRE(ingest(c, &D, body) == 200, "answered %ld: %s", c->r.status, c->r.body.p);
	REQUIRE(strcmp(xs(c, "concat(/steward/upload/@records,' ',/steward/upload/@processed,' ',"
	    "/steward/upload/@dropped,' ',/steward/upload/@refused)"), "5 5 0 0") == 0,
	    "records processed dropped refused = %s", xs(c, "concat(/steward/upload/@records,' ',"
	    "/steward/upload/@processed,' ',/steward/upload/@dropped,' ',/steward/upload/@refused)"));
	REQUIRE(points_of(&D) == pts + 5, "data points %lld, expected %lld", points_of(&D), pts + 5);
	REQUIRE(sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", pk) == mau + 3,
	    "MAU grew by %lld, expected 3 (batch-u1, batch-u2, 42)",
	    sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", pk) - mau);
	REQUIRE(rows_of("profile", &D) == prof + 2, "profiles: %lld new, expected 2", rows_of("profile", &D) - prof);
	REQUIRE(ingest(c, &D, body) == 200, "again: %ld", c->r.status);
	REQUIRE(sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", pk) == mau + 3,
	    "the same identities again raised MAU");
	REQUIRE(points_of(&D) == pts + 10, "data points after the second batch: %lld", points_of(&D) - pts);
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	REQUIRE(get(adm, "/api/settings/events") == 200, "events page: %ld", adm->r.status);
	REQUIRE(strcmp(item_attr(adm, "Purchase", "this-month"), "4") == 0,
	    "Purchase this-month=%s", item_attr(adm, "Purchase", "this-month"));
	REQUIRE(strcmp(item_attr(adm, "Purchase", "system"), "no") == 0, "Purchase is system");
	REQUIRE(strcmp(item_attr(adm, "App Launched", "system"), "yes") == 0, "App Launched is not system");
	REQUIRE(xpath_count(adm->r.doc, "/steward/schema/item[@name='Purchase']/prop") == 3,
	    "Purchase lists %d properties", xpath_count(adm->r.doc, "/steward/schema/item[@name='Purchase']/prop"));
	REQUIRE(get(adm, "/api/settings/user-properties") == 200, "properties page: %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(//item[@name='Name']/@type,' ',//item[@name='Age']/@type,' ',"
	    "//item[@name='Member']/@type,' ',//item[@name='Since']/@type,' ',//item[@name='Likes']/@type)"),
	    "string number boolean date list") == 0, "types: %s",
	    xs(adm, "concat(//item[@name='Name']/@type,' ',//item[@name='Age']/@type,' ',"
	    "//item[@name='Member']/@type,' ',//item[@name='Since']/@type,' ',//item[@name='Likes']/@type)"));
	REQUIRE(strcmp(item_attr(adm, "Name", "profiles"), "2") == 0,
	    "Name on %s profiles, expected 2", item_attr(adm, "Name", "profiles"));
done:
	cl_free(c);
	cl_free(adm);
	t_end();
}

static void
test_ingest_refusals(void)
{
	static const struct {
		const char	*name, *rec;	/* the record, at index 1 */
		const char	*reason;	/* a word of the reason */
	} rows[] = {
		{ "missing identity", "{\"evtName\":\"R1\",\"evtData\":{}}", "identity" },
		{ "identity of 513 characters", "{\"identity\":\"@513\",\"evtName\":\"R1\",\"evtData\":{}}", "identity" },
		{ "identity with a control character", "{\"identity\":\"a\\u0001b\",\"evtName\":\"R1\",\"evtData\":{}}", "identity" },
		{ "event name of 121 characters", "{\"identity\":\"r\",\"evtName\":\"@121\",\"evtData\":{}}", "evtName" },
		{ "empty event name", "{\"identity\":\"r\",\"evtName\":\"\",\"evtData\":{}}", "evtName" },
		{ "event name with a control character", "{\"identity\":\"r\",\"evtName\":\"a\\u0007b\",\"evtData\":{}}", "evtName" },
		{ "event name not a string", "{\"identity\":\"r\",\"evtName\":7,\"evtData\":{}}", "evtName" },
		{ "string value of 513 characters", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":{\"v\":\"@513\"}}", "512" },
		{ "nested object", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":{\"o\":{\"a\":1}}}", "nest" },
		{ "nested list", "{\"identity\":\"r\",\"profileData\":{\"l\":[[1]]}}", "nest" },
		{ "null value", "{\"identity\":\"r\",\"profileData\":{\"n\":null}}", "null" },
		{ "property name of 121 characters", "{\"identity\":\"r\",\"profileData\":{\"@121\":1}}", "property name" },
		{ "both evtName and profileData", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":{},\"profileData\":{\"a\":1}}", "event" },
		{ "neither evtName nor profileData", "{\"identity\":\"r\"}", "event" },
		{ "type that contradicts the record", "{\"identity\":\"r\",\"type\":\"profile\",\"evtName\":\"R1\",\"evtData\":{}}", "event" },
		{ "evtData missing", "{\"identity\":\"r\",\"evtName\":\"R1\"}", "evtData" },
		{ "evtData not an object", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":[1]}", "object" },
		{ "empty profileData", "{\"identity\":\"r\",\"profileData\":{}}", "no properties" },
		{ "ts as a string", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":{},\"ts\":\"yesterday\"}", "ts" },
		{ "ts in 2999", "{\"identity\":\"r\",\"evtName\":\"R1\",\"evtData\":{},\"ts\":32503680000}", "ts" },
		{ "a record that is not an object", "\"hello\"", "object" },
		{ "65 properties", "@65", "64" },
	};
	struct client	*c = cl_new("ingest");
	char		 name[200], *body, *big, *rec;
	struct buf	 b = { 0 }, r = { 0 };
	long long	 before, pts;
	size_t		 i, k;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "ingest: %s -> refused by index with a reason, the rest processed, nothing of it stored",
		    rows[i].name);
		t_begin(name);
		buf_clear(&r);
		if (strcmp(rows[i].rec, "@65") == 0) {
			buf_str(&r, "{\"identity\":\"r\",\"profileData\":{");
			for (k = 0; k < 65; k++) {
				snprintf(name, sizeof(name), "%s\"p%zu\":1", k ? "," : "", k);
				buf_str(&r, name);
			}
			buf_str(&r, "}}");
		} else if ((big = strchr(rows[i].rec, '@')) != NULL && strchr(rows[i].rec, '@')[1] >= '0' &&
		    strchr(rows[i].rec, '@')[1] <= '9') {
			buf_add(&r, rows[i].rec, (size_t)(big - rows[i].rec));
			rec = repeat('x', (size_t)atoi(big + 1));
			buf_str(&r, rec);
			free(rec);
			while (*++big >= '0' && *big <= '9')
				continue;
			buf_str(&r, big);
		} else
			buf_str(&r, rows[i].rec);
		buf_clear(&b);
		buf_str(&b, "{\"d\":[{\"identity\":\"ok-1\",\"evtName\":\"Refusal probe ok\",\"evtData\":{}},");
		buf_str(&b, r.p);
		buf_str(&b, "]}");
		before = sqln("SELECT COUNT(*) FROM event_log WHERE account_id = %lld", account_pk(&D));
		pts = points_of(&D);
		body = b.p;
		ingest(c, &D, body);
		ck(c->r.status == 200, "answered %ld: %.300s", c->r.status, c->r.body.p);
		ck(strcmp(xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@refused)"), "1 1") == 0,
		    "processed refused = %s", xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@refused)"));
		ck(strcmp(xs(c, "string(/steward/upload/refused/@index)"), "1") == 0,
		    "refused index %s", xs(c, "string(/steward/upload/refused/@index)"));
		ck(strstr(xs(c, "string(/steward/upload/refused)"), rows[i].reason) != NULL,
		    "reason \"%s\" does not mention %s", xs(c, "string(/steward/upload/refused)"), rows[i].reason);
		ck(sqln("SELECT COUNT(*) FROM event_log WHERE account_id = %lld", account_pk(&D)) == before + 1,
		    "events stored: %lld, expected 1 (the good record)",
		    sqln("SELECT COUNT(*) FROM event_log WHERE account_id = %lld", account_pk(&D)) - before);
		ck(points_of(&D) == pts + 1, "data points grew by %lld, not 1", points_of(&D) - pts);
		ck(sqln("SELECT COUNT(*) FROM event_def WHERE account_id = %lld AND name = 'R1'", account_pk(&D)) == 0,
		    "the refused record's event name was created");
		ck(sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld AND identity = 'r'", account_pk(&D)) == 0,
		    "the refused record's profile was created");
		t_end();
	}
	buf_free(&b);
	buf_free(&r);
	cl_free(c);
}

static void
test_ingest_hostile(void)
{
	static const struct {
		const char	*name, *ctype, *body;
		long		 status;
	} rows[] = {
		{ "not JSON", NULL, "{\"d\":[", 400 },
		{ "invalid UTF-8 in a string", NULL, "[{\"identity\":\"\xc3\x28\",\"evtName\":\"H\",\"evtData\":{}}]", 400 },
		{ "a NUL escaped in a string", NULL, "[{\"identity\":\"a\\u0000b\",\"evtName\":\"H\",\"evtData\":{}}]", 400 },
		{ "a lone surrogate", NULL, "[{\"identity\":\"\\ud800\",\"evtName\":\"H\",\"evtData\":{}}]", 400 },
		{ "a huge integer", NULL, "[{\"identity\":\"h\",\"evtName\":\"H\",\"evtData\":{\"n\":123456789012345678901234567890}}]", 400 },
		{ "a huge real", NULL, "[{\"identity\":\"h\",\"evtName\":\"H\",\"evtData\":{\"n\":1e999}}]", 400 },
		{ "duplicate keys", NULL, "[{\"identity\":\"h\",\"identity\":\"i\",\"evtName\":\"H\",\"evtData\":{}}]", 400 },
		{ "a top-level string", NULL, "\"records\"", 400 },
		{ "an object without d", NULL, "{\"records\":[]}", 400 },
		{ "text/plain", "text/plain", "[]", 415 },
		{ "a form", "application/x-www-form-urlencoded", "d=1", 415 },
		{ "deep nesting (100,000 brackets)", NULL, "@deep", 400 },
	};
	struct client	*c = cl_new("ingest");
	char		 name[200], *deep;
	long long	 before;
	size_t		 i;

	deep = repeat('[', 100000);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "ingest hostile: %s -> %ld XML error, never 500, nothing stored",
		    rows[i].name, rows[i].status);
		t_begin(name);
		before = rows_of("event_log", &D);
		if (strcmp(rows[i].body, "@deep") == 0)
			ingest_post(c, D.id, D.passcode, NULL, deep, strlen(deep));
		else
			ingest_post(c, D.id, D.passcode, rows[i].ctype, rows[i].body,
			    strlen(rows[i].body));
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		ck(xpath_count(c->r.doc, "/steward/error-page") == 1, "no error-page");
		ck(rows_of("event_log", &D) == before, "events were stored");
		t_end();
	}
	free(deep);
	cl_free(c);
}

static void
test_ingest_limits(void)
{
	struct client	*c = cl_new("ingest");
	struct buf	 b = { 0 };
	char		 rec[256];
	long long	 before, pts;
	size_t		 i, k = 0;

	t_begin("ingest: 1,001 records -> 413, nothing stored; 1,000 records -> 200, all processed");
	before = rows_of("event_log", &D);
	pts = points_of(&D);
	buf_str(&b, "[");
	for (i = 0; i < 1001; i++) {
		if (i == 1000)
			k = b.n;	/* where the 1,001st record starts */
		snprintf(rec, sizeof(rec), "%s{\"identity\":\"lim-%zu\",\"evtName\":\"Limit probe\",\"evtData\":{\"i\":%zu}}",
		    i ? "," : "", i % 50, i);
		buf_str(&b, rec);
	}
	buf_str(&b, "]");
	REQUIRE(ingest(c, &D, b.p) == 413, "1,001 records answered %ld", c->r.status);
	REQUIRE(rows_of("event_log", &D) == before, "events were stored");
	REQUIRE(points_of(&D) == pts, "data points were counted");
	b.n = k;		/* drop the last record */
	buf_str(&b, "]");
	REQUIRE(ingest(c, &D, b.p) == 200, "1,000 records answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@processed)"), "1000") == 0,
	    "processed %s", xs(c, "string(/steward/upload/@processed)"));
	REQUIRE(rows_of("event_log", &D) == before + 1000, "stored %lld", rows_of("event_log", &D) - before);
	REQUIRE(points_of(&D) == pts + 1000, "points %lld", points_of(&D) - pts);
	t_end();

	t_begin("ingest: a body over 1 MiB -> 413, nothing stored");
	buf_clear(&b);
	buf_str(&b, "[{\"identity\":\"big\",\"evtName\":\"Big\",\"evtData\":{\"s\":\"");
	while (b.n < 1100 * 1024)
		buf_str(&b, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	buf_str(&b, "\"}}]");
	before = rows_of("event_log", &D);
	REQUIRE(ingest(c, &D, b.p) == 413, "answered %ld", c->r.status);
	REQUIRE(rows_of("event_log", &D) == before, "events were stored");
done:
	buf_free(&b);
	cl_free(c);
	t_end();
}

static void
test_ingest_name_limits(void)
{
	struct account	 E;
	struct client	*c = cl_new("ingest");
	struct buf	 b = { 0 };
	char		 rec[256];
	size_t		 i, k;

	t_begin("ingest: 512 event names per account: the 513th new name is refused, known names still accepted; 256 properties likewise");
	REQUIRE(fresh_account(&E, "E") == 0, "org-create failed");
	buf_str(&b, "[");
	for (i = 0; i < 512; i++) {
		snprintf(rec, sizeof(rec), "%s{\"identity\":\"n\",\"evtName\":\"Name %03zu\",\"evtData\":{}}",
		    i ? "," : "", i);
		buf_str(&b, rec);
	}
	buf_str(&b, "]");
	REQUIRE(ingest(c, &E, b.p) == 200, "512 names answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@processed)"), "512") == 0,
	    "processed %s", xs(c, "string(/steward/upload/@processed)"));
	REQUIRE(ingest(c, &E, "[{\"identity\":\"n\",\"evtName\":\"One too many\",\"evtData\":{}},"
	    "{\"identity\":\"n\",\"evtName\":\"Name 007\",\"evtData\":{}}]") == 200, "answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/refused/@index)"), "1 0") == 0,
	    "processed, refused index = %s", xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/refused/@index)"));
	REQUIRE(strstr(xs(c, "string(/steward/upload/refused)"), "512") != NULL,
	    "reason \"%s\"", xs(c, "string(/steward/upload/refused)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM event_def WHERE account_id = %lld", account_pk(&E)) == 512,
	    "%lld event names", sqln("SELECT COUNT(*) FROM event_def WHERE account_id = %lld", account_pk(&E)));
	REQUIRE(sqln("SELECT event_names FROM data_counter WHERE account_id = %lld", account_pk(&E)) == 512,
	    "the counter says %lld", sqln("SELECT event_names FROM data_counter WHERE account_id = %lld", account_pk(&E)));
	for (k = 0; k < 4; k++) {
		buf_clear(&b);
		buf_str(&b, "[{\"identity\":\"p\",\"profileData\":{");
		for (i = 0; i < 64; i++) {
			snprintf(rec, sizeof(rec), "%s\"prop %zu\":%zu", i ? "," : "", k * 64 + i, i);
			buf_str(&b, rec);
		}
		buf_str(&b, "}}]");
		REQUIRE(ingest(c, &E, b.p) == 200 && strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0,
		    "64 properties (batch %zu): %ld processed=%s", k, c->r.status, xs(c, "string(/steward/upload/@processed)"));
	}
	REQUIRE(ingest(c, &E, "[{\"identity\":\"p\",\"profileData\":{\"prop 3\":1,\"prop 999\":2}}]") == 200,
	    "answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@refused)"), "1") == 0 &&
	    strstr(xs(c, "string(/steward/upload/refused)"), "256") != NULL,
	    "the 257th property: refused=%s %s", xs(c, "string(/steward/upload/@refused)"),
	    xs(c, "string(/steward/upload/refused)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM profile_prop WHERE account_id = %lld", account_pk(&E)) == 256,
	    "%lld properties", sqln("SELECT COUNT(*) FROM profile_prop WHERE account_id = %lld", account_pk(&E)));
done:
	buf_free(&b);
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------------ group */

static void
part_ingest(void)
{
	if (!data_fixtures())
		return;
	test_ingest_auth();
	test_ingest_batch();
	test_ingest_refusals();
	test_ingest_hostile();
	test_ingest_limits();
	test_ingest_name_limits();
}
