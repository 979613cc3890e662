/*
 * Tests of the data part (issue 6): the ingestion API, the Events and
 * User Properties pages, the job runner, CSV uploads.  Included by
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

/* ------------------------------------------------- 1. ingestion: auth */

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

/* ---------------------------------------------- 2. ingestion: records */

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

/* ----------------------------------------- 3. events, user properties */

static void
test_schema_roles(void)
{
	static const struct {
		struct user	*u;
		long		 view;
		const char	*describe, *discard;
	} rows[] = {
		{ &U_dadmin, 200, "yes", "yes" },
		{ &U_dcreator, 200, "yes", "no" },
		{ &U_dmember, 200, "no", "no" },
		{ &U_dagent, 403, "", "" },
	};
	static const char *pages[] = { "/api/settings/events", "/api/settings/user-properties" };
	struct client	*c;
	char		 name[200];
	size_t		 i, k;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (k = 0; k < 2; k++) {
			snprintf(name, sizeof(name), "schema: %s GET %s -> %ld%s", rows[i].u->role,
			    pages[k], rows[i].view, rows[i].view == 200 ? ", <can> says who may describe and discard" : "");
			t_begin(name);
			if ((c = signed_in(rows[i].u)) == NULL) {
				t_end();
				continue;
			}
			get(c, pages[k]);
			ck(c->r.status == rows[i].view, "answered %ld", c->r.status);
			if (rows[i].view == 200) {
				ck(strcmp(xs(c, "string(/steward/can/@schema-describe)"), rows[i].describe) == 0,
				    "can/@schema-describe=%s", xs(c, "string(/steward/can/@schema-describe)"));
				ck(strcmp(xs(c, "string(/steward/can/@schema-discard)"), rows[i].discard) == 0,
				    "can/@schema-discard=%s", xs(c, "string(/steward/can/@schema-discard)"));
				ck(xpath_count(c->r.doc, "/steward/schema/item") > 0, "no items");
			}
			get(c, pages[k] + 4);
			ck(c->r.status == rows[i].view, "HTML answered %ld", c->r.status);
			cl_free(c);
			t_end();
		}
}

/* The events page of c; the id of event name into id. */
static int
event_id(struct client *c, const char *name, char *id, size_t idlen)
{
	if (get(c, "/api/settings/events?q=") != 200)
		return 0;
	snprintf(id, idlen, "%s", item_id(c, name));
	return id[0] != '\0';
}

static void
test_schema_describe(void)
{
	struct client	*adm = NULL, *cre = NULL, *mem = NULL;
	char		 id[32], *long_label;
	const char	*v;

	t_begin("schema: a Creator describes an event -> 303 + flash, shown on the page, audited");
	REQUIRE((cre = signed_in(&U_dcreator)) != NULL, "sign-in failed");
	REQUIRE(event_id(cre, "Purchase", id, sizeof(id)), "no Purchase event");
	post(cre, "/api/settings/events/describe", "csrf", cre->csrf, "id", id,
	    "display_name", "Purchase <done> & paid", "description", "Line one\nline two", NULL);
	REQUIRE(cre->r.status == 303, "answered %ld", cre->r.status);
	REQUIRE(strcmp(cre->r.location, "/api/settings/events") == 0, "Location %s", cre->r.location);
	REQUIRE(get(cre, "/api/settings/events") == 200, "page: %ld", cre->r.status);
	REQUIRE(strstr(xs(cre, "string(/steward/flash)"), "Purchase") != NULL, "flash \"%s\"",
	    xs(cre, "string(/steward/flash)"));
	REQUIRE(strcmp(item_attr(cre, "Purchase", "display-name"), "Purchase <done> & paid") == 0,
	    "display-name \"%s\"", item_attr(cre, "Purchase", "display-name"));
	REQUIRE(strcmp(xs(cre, "string(//item[@name='Purchase']/description)"), "Line one\nline two") == 0,
	    "description \"%s\"", xs(cre, "string(//item[@name='Purchase']/description)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'event.describe'"
	    " AND target = 'Purchase'", account_pk(&D)) >= 1, "no audit row");
	t_end();

	t_begin("schema: describe with bad input -> 422 with the typed values kept and a field error, nothing changed");
	long_label = repeat('L', 121);
	post(cre, "/api/settings/events/describe", "csrf", cre->csrf, "id", id,
	    "display_name", long_label, "description", "kept text", NULL);
	REQUIRE(cre->r.status == 422, "121 characters answered %ld", cre->r.status);
	REQUIRE(strcmp(xs(cre, "string(/steward/errors/error/@field)"), "display_name") == 0,
	    "error field %s", xs(cre, "string(/steward/errors/error/@field)"));
	REQUIRE(strcmp(xs(cre, "string(/steward/edit/@label)"), long_label) == 0, "typed label not kept");
	REQUIRE(strcmp(xs(cre, "string(/steward/edit/@description)"), "kept text") == 0, "typed description not kept");
	post(cre, "/api/settings/events/describe", "csrf", cre->csrf, "id", id,
	    "display_name", "tab\there", "description", "", NULL);
	REQUIRE(cre->r.status == 422, "a tab in the display name answered %ld", cre->r.status);
	free(long_label);
	long_label = repeat('d', 1001);
	post(cre, "/api/settings/events/describe", "csrf", cre->csrf, "id", id,
	    "display_name", "", "description", long_label, NULL);
	REQUIRE(cre->r.status == 422 && strcmp(xs(cre, "string(/steward/errors/error/@field)"), "description") == 0,
	    "1,001-character description answered %ld field %s", cre->r.status,
	    xs(cre, "string(/steward/errors/error/@field)"));
	free(long_label);
	post_raw(cre, "/api/settings/events/describe", "csrf=x&id=1&display_name=%C3%28", NULL);
	REQUIRE(cre->r.status == 400 || cre->r.status == 403, "invalid UTF-8 answered %ld", cre->r.status);
	v = curl_easy_escape(cre->h, cre->csrf, 0);
	{
		char body[512];

		snprintf(body, sizeof(body), "csrf=%s&id=%s&display_name=%%C3%%28", v, id);
		post_raw(cre, "/api/settings/events/describe", body, NULL);
		REQUIRE(cre->r.status == 400, "invalid UTF-8 with a good token answered %ld", cre->r.status);
		snprintf(body, sizeof(body), "csrf=%s&id=%s&display_name=a%%01b", v, id);
		post_raw(cre, "/api/settings/events/describe", body, NULL);
		REQUIRE(cre->r.status == 400, "a control character answered %ld", cre->r.status);
	}
	curl_free((char *)v);
	REQUIRE(get(cre, "/api/settings/events") == 200, "page: %ld", cre->r.status);
	REQUIRE(strcmp(item_attr(cre, "Purchase", "display-name"), "Purchase <done> & paid") == 0,
	    "display-name changed to \"%s\"", item_attr(cre, "Purchase", "display-name"));
	t_end();

	t_begin("schema: a property's type and description: unknown type -> 422 kept, a known one -> 303 and type-set");
	REQUIRE(get(cre, "/api/settings/user-properties") == 200, "page: %ld", cre->r.status);
	snprintf(id, sizeof(id), "%s", item_id(cre, "Age"));
	REQUIRE(id[0], "no Age property");
	post(cre, "/api/settings/user-properties/describe", "csrf", cre->csrf, "id", id,
	    "type", "integer", "description", "Years", NULL);
	REQUIRE(cre->r.status == 422 && strcmp(xs(cre, "string(/steward/errors/error/@field)"), "type") == 0,
	    "type=integer answered %ld field %s", cre->r.status, xs(cre, "string(/steward/errors/error/@field)"));
	REQUIRE(strcmp(xs(cre, "string(/steward/edit/@description)"), "Years") == 0, "description not kept");
	REQUIRE(get(cre, "/api/settings/user-properties") == 200 &&
	    strcmp(item_attr(cre, "Age", "type"), "number") == 0, "type changed to %s", item_attr(cre, "Age", "type"));
	post(cre, "/api/settings/user-properties/describe", "csrf", cre->csrf, "id", id,
	    "type", "string", "description", "Years since birth", NULL);
	REQUIRE(cre->r.status == 303, "answered %ld", cre->r.status);
	REQUIRE(get(cre, "/api/settings/user-properties") == 200 &&
	    strcmp(item_attr(cre, "Age", "type"), "string") == 0 &&
	    strcmp(item_attr(cre, "Age", "type-set"), "yes") == 0,
	    "type %s type-set %s", item_attr(cre, "Age", "type"), item_attr(cre, "Age", "type-set"));
	t_end();

	t_begin("schema: a Member may not describe (403), nothing changed");
	REQUIRE((mem = signed_in(&U_dmember)) != NULL, "sign-in failed");
	REQUIRE(event_id(mem, "Purchase", id, sizeof(id)), "no Purchase event");
	post(mem, "/api/settings/events/describe", "csrf", mem->csrf, "id", id,
	    "display_name", "Member was here", "description", "", NULL);
	REQUIRE(mem->r.status == 403, "answered %ld", mem->r.status);
	REQUIRE(get(mem, "/api/settings/events") == 200 &&
	    strcmp(item_attr(mem, "Purchase", "display-name"), "Purchase <done> & paid") == 0,
	    "display-name is \"%s\"", item_attr(mem, "Purchase", "display-name"));
	t_end();

	t_begin("schema: describe without or with a wrong CSRF token -> 403, nothing changed");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	post(adm, "/api/settings/events/describe", "id", id, "display_name", "No token", NULL);
	REQUIRE(adm->r.status == 403, "without answered %ld", adm->r.status);
	post(adm, "/api/settings/events/describe", "csrf", cre->csrf, "id", id,
	    "display_name", "Wrong token", NULL);
	REQUIRE(adm->r.status == 403, "another session's token answered %ld", adm->r.status);
	REQUIRE(get(adm, "/api/settings/events") == 200 &&
	    strcmp(item_attr(adm, "Purchase", "display-name"), "Purchase <done> & paid") == 0,
	    "display-name is \"%s\"", item_attr(adm, "Purchase", "display-name"));
done:
	cl_free(adm);
	cl_free(cre);
	cl_free(mem);
	t_end();
}

static void
test_schema_discard(void)
{
	struct client	*adm = NULL, *cre = NULL, *c = cl_new("ingest");
	char		 id[32];
	long long	 stored;
	const char	*ev = "{\"d\":[{\"identity\":\"disc\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":1}}]}";

	t_begin("schema: a Creator may not discard (403), nothing changed");
	REQUIRE((cre = signed_in(&U_dcreator)) != NULL, "sign-in failed");
	REQUIRE(event_id(cre, "Purchase", id, sizeof(id)), "no Purchase event");
	post(cre, "/api/settings/events/discard", "csrf", cre->csrf, "id", id, "confirm", "yes", NULL);
	REQUIRE(cre->r.status == 403, "answered %ld", cre->r.status);
	REQUIRE(event_id(cre, "Purchase", id, sizeof(id)) &&
	    strcmp(item_attr(cre, "Purchase", "status"), "active") == 0, "status %s",
	    item_attr(cre, "Purchase", "status"));
	t_end();

	t_begin("schema: discard without confirm=yes -> 422 with the confirmation shown, nothing changed");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	post(adm, "/api/settings/events/discard", "csrf", adm->csrf, "id", id, NULL);
	REQUIRE(adm->r.status == 422, "answered %ld", adm->r.status);
	REQUIRE(xpath_count(adm->r.doc, "/steward/confirm") == 1, "no <confirm>");
	REQUIRE(strcmp(xs(adm, "string(/steward/errors/error/@field)"), "confirm") == 0, "error field %s",
	    xs(adm, "string(/steward/errors/error/@field)"));
	REQUIRE(event_id(adm, "Purchase", id, sizeof(id)) &&
	    strcmp(item_attr(adm, "Purchase", "status"), "active") == 0, "status %s",
	    item_attr(adm, "Purchase", "status"));
	post(adm, "/api/settings/events/discard", "csrf", adm->csrf, "id", id, "confirm", "no", NULL);
	REQUIRE(adm->r.status == 422, "confirm=no answered %ld", adm->r.status);
	t_end();

	t_begin("schema: an Admin discards an event -> 303, audited; its records are then dropped and counted, not stored");
	post(adm, "/api/settings/events/discard", "csrf", adm->csrf, "id", id, "confirm", "yes", NULL);
	REQUIRE(adm->r.status == 303, "answered %ld", adm->r.status);
	REQUIRE(event_id(adm, "Purchase", id, sizeof(id)) &&
	    strcmp(item_attr(adm, "Purchase", "status"), "discarded") == 0, "status %s",
	    item_attr(adm, "Purchase", "status"));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'event.discard'",
	    account_pk(&D)) == 1, "no audit row");
	stored = rows_of("event_log", &D);
	REQUIRE(ingest(c, &D, ev) == 200, "ingest answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@dropped)"), "0 1") == 0,
	    "processed dropped = %s", xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@dropped)"));
	REQUIRE(rows_of("event_log", &D) == stored, "a discarded event was stored");
	REQUIRE(event_id(adm, "Purchase", id, sizeof(id)) && strcmp(item_attr(adm, "Purchase", "dropped"), "1") == 0,
	    "dropped %s", item_attr(adm, "Purchase", "dropped"));
	t_end();

	t_begin("schema: restore -> 303, audited; records are accepted again");
	post(adm, "/api/settings/events/restore", "csrf", adm->csrf, "id", id, NULL);
	REQUIRE(adm->r.status == 303, "answered %ld", adm->r.status);
	REQUIRE(ingest(c, &D, ev) == 200 && strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0,
	    "after restore processed=%s", xs(c, "string(/steward/upload/@processed)"));
	REQUIRE(rows_of("event_log", &D) == stored + 1, "not stored after restore");
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE account_id = %lld AND action = 'event.restore'",
	    account_pk(&D)) == 1, "no audit row");
	t_end();

	t_begin("schema: a discarded property is dropped from profile updates; restore accepts it again");
	REQUIRE(get(adm, "/api/settings/user-properties") == 200, "page %ld", adm->r.status);
	snprintf(id, sizeof(id), "%s", item_id(adm, "Member"));
	post(adm, "/api/settings/user-properties/discard", "csrf", adm->csrf, "id", id, "confirm", "yes", NULL);
	REQUIRE(adm->r.status == 303, "discard answered %ld", adm->r.status);
	REQUIRE(ingest(c, &D, "[{\"identity\":\"dp\",\"profileData\":{\"Member\":false}}]") == 200, "%ld", c->r.status);
	REQUIRE(strcmp(xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@dropped)"), "0 1") == 0,
	    "processed dropped = %s", xs(c, "concat(/steward/upload/@processed,' ',/steward/upload/@dropped)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld AND identity = 'dp'", account_pk(&D)) == 0,
	    "a profile was made from a discarded property only");
	REQUIRE(ingest(c, &D, "[{\"identity\":\"dp\",\"profileData\":{\"Member\":false,\"Name\":\"Dee\"}}]") == 200
	    && strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0, "mixed record: %s",
	    xs(c, "string(/steward/upload/@processed)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM profile_value v JOIN profile p ON p.id = v.profile_id"
	    " WHERE p.account_id = %lld AND p.identity = 'dp'", account_pk(&D)) == 1,
	    "the discarded value was stored");
	post(adm, "/api/settings/user-properties/restore", "csrf", adm->csrf, "id", id, NULL);
	REQUIRE(adm->r.status == 303, "restore answered %ld", adm->r.status);
done:
	cl_free(adm);
	cl_free(cre);
	cl_free(c);
	t_end();
}

static void
test_schema_foreign(void)
{
	static const char *actions[] = { "describe", "discard", "restore" };
	struct client	*adm = NULL, *b = NULL, *c = cl_new("ingest");
	char		 bid[32], name[200], path[128];
	size_t		 i, k;

	t_begin("schema: fixtures: account B has an event and a property of its own");
	REQUIRE(ingest(c, &B, "[{\"identity\":\"b1\",\"evtName\":\"B only\",\"evtData\":{}},"
	    "{\"identity\":\"b1\",\"profileData\":{\"B prop\":1}}]") == 200, "B ingest: %ld", c->r.status);
	REQUIRE((b = signed_in(&U_badmin)) != NULL, "sign-in failed");
	REQUIRE(event_id(b, "B only", bid, sizeof(bid)), "no B event");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	REQUIRE(get(adm, "/api/settings/events") == 200 && !body_has(adm, "B only"),
	    "account D's page shows B's event");
	t_end();
	for (k = 0; k < 2; k++)
		for (i = 0; i < 3; i++) {
			snprintf(path, sizeof(path), "/api/settings/%s/%s", k ? "user-properties" : "events", actions[i]);
			snprintf(name, sizeof(name), "schema: POST %s with an id of account B -> 404, B's item unchanged", path);
			t_begin(name);
			if (k) {
				get(b, "/api/settings/user-properties");
				snprintf(bid, sizeof(bid), "%s", item_id(b, "B prop"));
			} else
				event_id(b, "B only", bid, sizeof(bid));
			post(adm, path, "csrf", adm->csrf, "id", bid, "confirm", "yes",
			    "display_name", "Stolen", "type", "list", "description", "Stolen", NULL);
			ck(adm->r.status == 404, "answered %ld", adm->r.status);
			get(b, k ? "/api/settings/user-properties" : "/api/settings/events");
			ck(strcmp(item_attr(b, k ? "B prop" : "B only", "status"), "active") == 0, "status changed");
			ck(!body_has(b, "Stolen"), "B's item was described");
			post(adm, path, "csrf", adm->csrf, "id", "abc", "confirm", "yes", NULL);
			ck(adm->r.status == 404, "id=abc answered %ld", adm->r.status);
			post(adm, path, "csrf", adm->csrf, "id", "99999999999", "confirm", "yes", NULL);
			ck(adm->r.status == 404, "an unknown id answered %ld", adm->r.status);
			t_end();
		}
done:
	cl_free(adm);
	cl_free(b);
	cl_free(c);
}

static void
test_schema_paging(void)
{
	struct account	 P;
	struct user	 u = { .role = "member" };
	struct client	*c = cl_new("ingest"), *m = NULL;
	struct buf	 b = { 0 };
	char		 rec[200];
	size_t		 i;

	t_begin("schema: 60 events page by 50 with next, search narrows, sort by count puts the busiest first");
	REQUIRE(fresh_account(&P, "P") == 0, "org-create failed");
	REQUIRE(make_user(&u, "pmember", &P) == 0, "user-add failed");
	buf_str(&b, "[");
	for (i = 0; i < 60; i++) {
		snprintf(rec, sizeof(rec), "%s{\"identity\":\"p\",\"evtName\":\"Evt %02zu\",\"evtData\":{}}",
		    i ? "," : "", i);
		buf_str(&b, rec);
	}
	for (i = 0; i < 5; i++)
		buf_str(&b, ",{\"identity\":\"p\",\"evtName\":\"Evt 42\",\"evtData\":{}}");
	buf_str(&b, "]");
	REQUIRE(ingest(c, &P, b.p) == 200, "ingest %ld", c->r.status);
	REQUIRE((m = signed_in(&u)) != NULL, "sign-in failed");
	REQUIRE(get(m, "/api/settings/events") == 200, "%ld", m->r.status);
	REQUIRE(xpath_count(m->r.doc, "/steward/schema/item") == 50, "page 1 has %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[50]/@name)"),
	    "Evt 00 Evt 49") == 0, "page 1 runs from %s",
	    xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[50]/@name)"));
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/@next,' ',/steward/schema/@total)"), "yes 60") == 0,
	    "next total = %s", xs(m, "concat(/steward/schema/@next,' ',/steward/schema/@total)"));
	REQUIRE(get(m, "/api/settings/events?page=2") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 10, "page 2 has %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(strcmp(xs(m, "string(/steward/schema/@next)"), "no") == 0, "page 2 has a next");
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[10]/@name)"),
	    "Evt 50 Evt 59") == 0, "page 2 runs from %s",
	    xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[10]/@name)"));
	REQUIRE(get(m, "/api/settings/events?q=evt%205") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 10, "q='evt 5' finds %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(get(m, "/api/settings/events?q=%25") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 0, "q='%%' is a wildcard (%d found)",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(get(m, "/api/settings/events?sort=count") == 200 &&
	    strcmp(xs(m, "string(/steward/schema/item[1]/@name)"), "Evt 42") == 0,
	    "first by count is %s", xs(m, "string(/steward/schema/item[1]/@name)"));
	REQUIRE(get(m, "/api/settings/events?sort=%3Cscript%3E&page=-1") == 200 &&
	    strcmp(xs(m, "concat(/steward/schema/@sort,' ',/steward/schema/@page)"), "name 1") == 0,
	    "unknown sort/page: %s", xs(m, "concat(/steward/schema/@sort,' ',/steward/schema/@page)"));
	REQUIRE(get(m, "/settings/events?page=2") == 200 && body_has(m, "Evt 59"), "HTML page 2: %ld", m->r.status);
done:
	buf_free(&b);
	cl_free(c);
	cl_free(m);
	t_end();
}

/* ------------------------------------------------------ 4. job runner */

/* steward-jobs (beside steward-admin) with args; its stdout into out. */
static int
jobs_run(char *out, size_t outlen, ...)
{
	char		 bin[PATH_MAX + 32], *slash;
	const char	*argv[16];
	int		 op[2], st, argc = 0;
	size_t		 got = 0;
	ssize_t		 k;
	pid_t		 pid;
	va_list		 ap;

	snprintf(bin, sizeof(bin), "%s", g_admin);
	if ((slash = strrchr(bin, '/')) != NULL)
		snprintf(slash + 1, sizeof(bin) - (size_t)(slash + 1 - bin), "steward-jobs");
	argv[argc++] = bin;
	argv[argc++] = "-c";
	argv[argc++] = g_conf;
	va_start(ap, outlen);
	while (argc < 15 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		if ((st = open("/dev/null", O_WRONLY)) >= 0)
			dup2(st, 2);		/* the failing jobs' log lines */
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	close(op[1]);
	while (outlen > 1 && got < outlen - 1 && (k = read(op[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)k;
	if (outlen > 0)
		out[got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Starts "steward-jobs drain" in the background; its pid. */
static pid_t
jobs_drain_bg(void)
{
	char	 bin[PATH_MAX + 32], *slash;
	pid_t	 pid;
	int	 fd;

	snprintf(bin, sizeof(bin), "%s", g_admin);
	if ((slash = strrchr(bin, '/')) != NULL)
		snprintf(slash + 1, sizeof(bin) - (size_t)(slash + 1 - bin), "steward-jobs");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(bin, bin, "-c", g_conf, "drain", (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The value of key= in a "k=v k=v" line, or -1. */
static long long
kv_num(const char *line, const char *key)
{
	char		 pat[64];
	const char	*p;

	snprintf(pat, sizeof(pat), "%s=", key);
	if ((p = strstr(line, pat)) == NULL)
		return -1;
	return strtoll(p + strlen(pat), NULL, 10);
}

static void
test_jobs_once(void)
{
	char		 out[512], first[32], last[32];
	pid_t		 p1, p2;
	int		 st, i;
	long long	 done = 0;

	t_begin("jobs: 300 jobs, two steward-jobs runners and the worker's thread on one queue -> every job runs exactly once");
	REQUIRE(jobs_run(out, sizeof(out), "enqueue", "test.noop", "300", NULL) == 0,
	    "steward-jobs enqueue failed: %s", out);
	REQUIRE(sscanf(out, "first=%31s last=%31s", first, last) == 2, "enqueue printed %s", out);
	p1 = jobs_drain_bg();
	p2 = jobs_drain_bg();
	REQUIRE(p1 > 0 && p2 > 0, "fork failed");
	waitpid(p1, &st, 0);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "runner 1 exited %d", st);
	waitpid(p2, &st, 0);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "runner 2 exited %d", st);
	for (i = 0; i < 100; i++) {	/* the worker's thread may hold the last ones */
		REQUIRE(jobs_run(out, sizeof(out), "status", first, last, NULL) == 0, "status failed");
		if ((done = kv_num(out, "done")) == 300)
			break;
		usleep(100000);
	}
	REQUIRE(done == 300, "only %lld of 300 done: %s", done, out);
	REQUIRE(kv_num(out, "runs_not_once") == 0, "jobs ran other than once: %s", out);
	REQUIRE(kv_num(out, "failed") == 0 && kv_num(out, "queued") == 0 && kv_num(out, "running") == 0,
	    "status %s", out);
	REQUIRE(kv_num(out, "runners") >= 2, "one runner did all the work: %s", out);
done:
	t_end();
}

static void
test_jobs_lease(void)
{
	long long	 id, id2;
	char		 out[256];
	int		 i;

	t_begin("jobs: a job left running by a dead runner (lease over) is taken up again; one with a live lease is not");
	sql1("INSERT INTO job (kind, state, attempts, lease_until, runner) VALUES"
	    " ('test.noop', 2, 1, UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, 'dead:1:x')");
	id = sqln("SELECT MAX(id) FROM job WHERE runner = 'dead:1:x'");
	sql1("INSERT INTO job (kind, state, attempts, lease_until, runner) VALUES"
	    " ('test.noop', 2, 1, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, 'alive:1:x')");
	id2 = sqln("SELECT MAX(id) FROM job WHERE runner = 'alive:1:x'");
	REQUIRE(id > 0 && id2 > 0, "inserting the jobs failed: %s", sql1("SELECT 1"));
	REQUIRE(jobs_run(out, sizeof(out), "drain", NULL) == 0, "drain failed");
	for (i = 0; i < 50 && sqln("SELECT state FROM job WHERE id = %lld", id) != 3; i++)
		usleep(100000);
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 3, "the stale job is in state %lld",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT runs FROM job WHERE id = %lld", id) == 1, "it ran %lld times",
	    sqln("SELECT runs FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 2, "attempts %lld",
	    sqln("SELECT attempts FROM job WHERE id = %lld", id));
	REQUIRE(strcmp(sql1("SELECT runner FROM job WHERE id = %lld", id), "dead:1:x") != 0,
	    "the runner is still the dead one");
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id2) == 2 &&
	    sqln("SELECT runs FROM job WHERE id = %lld", id2) == 0, "a job with a live lease was taken");
done:
	sql1("UPDATE job SET state = 3 WHERE runner = 'alive:1:x'");
	t_end();
}

static void
test_jobs_retry(void)
{
	long long	 id, wait;
	char		 out[256];
	int		 i;

	t_begin("jobs: a failing job is retried after a backoff of 5 s, then 10 s …, and fails for good after 5 attempts");
	sql1("INSERT INTO job (kind, runner) VALUES ('test.fail', 'itest-retry')");
	id = sqln("SELECT MAX(id) FROM job WHERE kind = 'test.fail' AND runner = 'itest-retry'");
	REQUIRE(id > 0, "insert failed");
	for (i = 0; i < 50 && sqln("SELECT attempts FROM job WHERE id = %lld", id) < 1; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 1, "attempts %lld",
	    sqln("SELECT attempts FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 1, "not queued again: state %lld",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	wait = sqln("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), run_after) FROM job WHERE id = %lld", id);
	REQUIRE(wait >= 2 && wait <= 5, "retry in %lld s, expected about 5", wait);
	REQUIRE(strstr(sql1("SELECT last_error FROM job WHERE id = %lld", id), "always fails") != NULL,
	    "last_error \"%s\"", sql1("SELECT last_error FROM job WHERE id = %lld", id));
	jobs_run(out, sizeof(out), "drain", NULL);
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 1, "retried before its time");
	sql1("UPDATE job SET run_after = UTC_TIMESTAMP(6) WHERE id = %lld", id);
	for (i = 0; i < 50 && sqln("SELECT attempts FROM job WHERE id = %lld", id) < 2; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	wait = sqln("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), run_after) FROM job WHERE id = %lld", id);
	REQUIRE(wait >= 7 && wait <= 10, "second retry in %lld s, expected about 10", wait);
	sql1("UPDATE job SET attempts = 4, run_after = UTC_TIMESTAMP(6) WHERE id = %lld", id);
	for (i = 0; i < 50 && sqln("SELECT state FROM job WHERE id = %lld", id) != 4; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 4, "state %lld after the 5th attempt",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT finished_at IS NOT NULL FROM job WHERE id = %lld", id) == 1, "no finished_at");
	REQUIRE(sqln("SELECT runs FROM job WHERE id = %lld", id) == 3, "ran %lld times",
	    sqln("SELECT runs FROM job WHERE id = %lld", id));
done:
	t_end();
}

/* ------------------------------------------------------ 5. CSV uploads */

#define MP_BOUNDARY "itestBoundary7MA4YWxk"

/* Adds a multipart field (filename NULL: a plain field). */
static void
mp_add(struct buf *b, const char *name, const char *filename, const char *data, size_t n)
{
	buf_str(b, "--" MP_BOUNDARY "\r\nContent-Disposition: form-data; name=\"");
	buf_str(b, name);
	buf_str(b, "\"");
	if (filename != NULL) {
		buf_str(b, "; filename=\"");
		buf_str(b, filename);
		buf_str(b, "\"\r\nContent-Type: text/csv");
	}
	buf_str(b, "\r\n\r\n");
	buf_add(b, data, n);
	buf_str(b, "\r\n");
}

/* POST a CSV upload (csrf, kind, file in that order unless NULL). */
static long
csv_upload(struct client *c, const char *csrf, const char *kind,
    const char *filename, const char *csv)
{
	struct buf	 b = { 0 };
	long		 st;

	if (csrf != NULL)
		mp_add(&b, "csrf", NULL, csrf, strlen(csrf));
	if (kind != NULL)
		mp_add(&b, "kind", NULL, kind, strlen(kind));
	if (csv != NULL)
		mp_add(&b, "file", filename ? filename : "data.csv", csv, strlen(csv));
	buf_str(&b, "--" MP_BOUNDARY "--\r\n");
	st = post_raw(c, "/api/settings/csv-uploads", b.p,
	    "multipart/form-data; boundary=" MP_BOUNDARY);
	buf_free(&b);
	return st;
}

/* Files in var/uploads. */
static long
upload_files(void)
{
	char		 dir[PATH_MAX + 16];
	DIR		*d;
	struct dirent	*e;
	long		 n = 0;

	snprintf(dir, sizeof(dir), "%s/uploads", g_var);
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* The id in the Location of an upload's 303, or 0. */
static long long
upload_id(struct client *c)
{
	const char	*p = strstr(c->r.location, "upload=");

	return p ? strtoll(p + 7, NULL, 10) : 0;
}

/* Polls the upload until it is no longer queued or processing. */
static const char *
csv_wait(struct client *c, long long id)
{
	static char	 st[64];
	char		 path[128], out[256];
	int		 i;

	snprintf(path, sizeof(path), "/api/settings/csv-uploads?upload=%lld", id);
	for (i = 0; i < 600; i++) {
		if (get(c, path) != 200)
			return "";
		xpath_str(c->r.doc, "string(/steward/csv-upload/@status)", st, sizeof(st));
		if (strcmp(st, "queued") != 0 && strcmp(st, "processing") != 0)
			return st;
		if (i % 10 == 9)
			jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	return st;
}

/* A CSV of n profiles; the rows listed in bad[] have an age that is no number. */
static char *
csv_profiles(size_t n, const size_t *bad, size_t nbad)
{
	struct buf	 b = { 0 };
	char		 line[256];
	size_t		 i, k;
	int		 isbad;

	buf_str(&b, "email,name,age,vip,since,tags\r\n");
	for (i = 0; i < n; i++) {
		for (isbad = 0, k = 0; k < nbad; k++)
			isbad |= bad[k] == i;
		snprintf(line, sizeof(line), "csv-%s-%zu@example.com,\"Name, \"\"%zu\"\"\",%s,%s,2024-01-%02zu,a;b\r\n",
		    g_tag, i, i, isbad ? "not a number" : "42", i % 2 ? "yes" : "no", 1 + i % 28);
		buf_str(&b, line);
	}
	return b.p;
}

static void
test_csv_import(void)
{
	static const size_t bad[] = { 10, 500, 998 };
	struct client	*adm = NULL;
	char		*csv = csv_profiles(1000, bad, 3), body[256];
	long long	 id, pts, jobs;
	const char	*st;

	t_begin("csv: 1,000 profile rows with 3 bad ones -> preview of 15, mapping, the job imports 997 and reports the 3");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	pts = points_of(&D);
	REQUIRE(csv_upload(adm, adm->csrf, "profiles", "people %222024%22.csv", csv) == 303,
	    "upload answered %ld: %.300s", adm->r.status, adm->r.body.p);
	REQUIRE((id = upload_id(adm)) > 0, "Location %s", adm->r.location);
	snprintf(body, sizeof(body), "/api/settings/csv-uploads?upload=%lld", id);
	REQUIRE(get(adm, body) == 200, "detail: %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(//csv-upload/@status,' ',//csv-upload/@rows-total,' ',//csv-upload/@name)"),
	    "uploaded 1000 people \"2024\".csv") == 0, "detail: %s",
	    xs(adm, "concat(//csv-upload/@status,' ',//csv-upload/@rows-total,' ',//csv-upload/@name)"));
	REQUIRE(xpath_count(adm->r.doc, "//csv-upload/preview/row") == 15, "preview has %d rows",
	    xpath_count(adm->r.doc, "//csv-upload/preview/row"));
	REQUIRE(strcmp(xs(adm, "string(//preview/row[1]/cell[2])"), "Name, \"0\"") == 0,
	    "quoted cell reads \"%s\"", xs(adm, "string(//preview/row[1]/cell[2])"));
	REQUIRE(strcmp(xs(adm, "concat(//column[1]/@target,' ',//column[4]/@type,' ',//column[5]/@type)"),
	    "identity boolean date") == 0, "guesses: %s",
	    xs(adm, "concat(//column[1]/@target,' ',//column[4]/@type,' ',//column[5]/@type)"));
	snprintf(body, sizeof(body), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", body, "action", "start",
	    "col0", "identity", "name0", "", "type0", "string",
	    "col1", "property", "name1", "CSV name", "type1", "string",
	    "col2", "property", "name2", "CSV age", "type2", "number",
	    "col3", "property", "name3", "CSV vip", "type3", "boolean",
	    "col4", "property", "name4", "CSV since", "type4", "date",
	    "col5", "property", "name5", "CSV tags", "type5", "list", NULL);
	REQUIRE(adm->r.status == 303, "map answered %ld: %.300s", adm->r.status, adm->r.body.p);
	jobs = sqln("SELECT COUNT(*) FROM job WHERE kind = 'csv.import' AND ref_id = %lld", id);
	REQUIRE(jobs == 1, "%lld import jobs queued", jobs);
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE action = 'csv.import' AND account_id = %lld",
	    account_pk(&D)) >= 1, "the import was not audited");
	st = csv_wait(adm, id);
	REQUIRE(strcmp(st, "completed-with-errors") == 0, "status %s", st);
	REQUIRE(strcmp(xs(adm, "concat(//csv-upload/@rows-done,' ',//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused)"),
	    "1000 997 3") == 0, "done imported refused = %s",
	    xs(adm, "concat(//csv-upload/@rows-done,' ',//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused)"));
	REQUIRE(points_of(&D) == pts + 997, "data points grew by %lld", points_of(&D) - pts);
	REQUIRE(sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld AND identity LIKE 'csv-%s-%%'",
	    account_pk(&D), g_tag) == 997, "%lld profiles", sqln("SELECT COUNT(*) FROM profile WHERE"
	    " account_id = %lld AND identity LIKE 'csv-%s-%%'", account_pk(&D), g_tag));
	snprintf(body, sizeof(body), "/api/settings/csv-uploads/errors.csv?upload=%lld", id);
	REQUIRE(get(adm, body) == 200, "errors.csv (api): %ld", adm->r.status);
	REQUIRE(strcmp(xs(adm, "concat(//refused[1]/@row,' ',//refused[2]/@row,' ',//refused[3]/@row,' ',//refused[1]/@column)"),
	    "12 502 1000 age") == 0, "refused rows: %s",
	    xs(adm, "concat(//refused[1]/@row,' ',//refused[2]/@row,' ',//refused[3]/@row,' ',//refused[1]/@column)"));
	REQUIRE(get(adm, body + 4) == 200, "errors.csv: %ld", adm->r.status);
	REQUIRE(strncmp(adm->r.ctype, "text/csv", 8) == 0, "Content-Type %s", adm->r.ctype);
	REQUIRE(body_has(adm, "row,column,reason\r\n12,\"age\",\"not a number\"\r\n502,"),
	    "the CSV reads %.200s", adm->r.body.p);
	REQUIRE(get(adm, "/api/settings/user-properties?q=CSV%20age") == 200 &&
	    strcmp(item_attr(adm, "CSV age", "profiles"), "997") == 0,
	    "CSV age on %s profiles", item_attr(adm, "CSV age", "profiles"));
	REQUIRE(get(adm, "/api/settings/csv-uploads") == 200 &&
	    xpath_count(adm->r.doc, "//csv-uploads/upload[@rows-refused='3']") >= 1, "not listed");
done:
	free(csv);
	cl_free(adm);
	t_end();
}

static void
test_csv_large(void)
{
	struct client	*adm = NULL;
	struct buf	 b = { 0 };
	char		 line[128], id[32];
	long long	 uid;
	size_t		 i;
	const char	*st;

	t_begin("csv: 20,000 rows import in one attempt of the job (memory stays bounded), 40 batches");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	buf_str(&b, "id,score,tier\n");
	for (i = 0; i < 20000; i++) {
		snprintf(line, sizeof(line), "big-%s-%zu,%zu,%s\n", g_tag, i, i % 1000, i % 3 ? "gold" : "silver");
		buf_str(&b, line);
	}
	REQUIRE(csv_upload(adm, adm->csrf, "profiles", "big.csv", b.p) == 303, "upload %ld", adm->r.status);
	uid = upload_id(adm);
	snprintf(id, sizeof(id), "%lld", uid);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", id, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Score", "type1", "number",
	    "col2", "property", "name2", "Tier", "type2", "string", NULL);
	REQUIRE(adm->r.status == 303, "map %ld", adm->r.status);
	st = csv_wait(adm, uid);
	REQUIRE(strcmp(st, "completed") == 0, "status %s", st);
	REQUIRE(strcmp(xs(adm, "string(//csv-upload/@rows-imported)"), "20000") == 0, "imported %s",
	    xs(adm, "string(//csv-upload/@rows-imported)"));
	REQUIRE(sqln("SELECT attempts FROM job WHERE kind = 'csv.import' AND ref_id = %lld", uid) == 1,
	    "the job took %lld attempts", sqln("SELECT attempts FROM job WHERE kind = 'csv.import' AND ref_id = %lld", uid));
done:
	buf_free(&b);
	cl_free(adm);
	t_end();
}

static void
test_csv_events(void)
{
	struct client	*adm = NULL;
	char		 body[512], path[128];
	long long	 id, now = (long long)time(NULL);
	const char	*st;

	t_begin("csv: an events file (identity, event, ts, properties): invalid UTF-8 and short rows refused by row, the rest imported");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL, "sign-in failed");
	snprintf(body, sizeof(body), "user,event,time,amount\n"
	    "u1,CSV bought,%lld,10\n"
	    "u2,CSV bought,2026-01-02T10:00:00Z,12.5\n"
	    "u3,CSV bought\xc3\x28,%lld,1\n"
	    "u4,CSV bought\n"
	    "u5,CSV bought,last week,3\n"
	    "u6,CSV viewed,,\n", now - 100, now);
	REQUIRE(csv_upload(adm, adm->csrf, "events", "events.csv", body) == 303, "upload %ld: %.200s",
	    adm->r.status, adm->r.body.p);
	id = upload_id(adm);
	snprintf(path, sizeof(path), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", path, "action", "start",
	    "col0", "identity", "col1", "event", "col2", "ts",
	    "col3", "property", "name3", "amount", "type3", "number", NULL);
	REQUIRE(adm->r.status == 303, "map %ld: %.300s", adm->r.status, adm->r.body.p);
	st = csv_wait(adm, id);
	REQUIRE(strcmp(st, "completed-with-errors") == 0, "status %s", st);
	REQUIRE(strcmp(xs(adm, "concat(//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused)"), "3 3") == 0,
	    "imported refused = %s", xs(adm, "concat(//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused)"));
	snprintf(path, sizeof(path), "/api/settings/csv-uploads/errors.csv?upload=%lld", id);
	REQUIRE(get(adm, path) == 200, "errors %ld", adm->r.status);
	REQUIRE(strstr(xs(adm, "string(//refused[@row='4'])"), "UTF-8") != NULL, "row 4: %s",
	    xs(adm, "string(//refused[@row='4'])"));
	REQUIRE(strstr(xs(adm, "string(//refused[@row='5'])"), "fewer columns") != NULL, "row 5: %s",
	    xs(adm, "string(//refused[@row='5'])"));
	REQUIRE(strcmp(xs(adm, "string(//refused[@row='6']/@column)"), "time") == 0, "row 6 column %s",
	    xs(adm, "string(//refused[@row='6']/@column)"));
	REQUIRE(get(adm, "/api/settings/events?q=CSV") == 200 &&
	    strcmp(item_attr(adm, "CSV bought", "this-month"), "2") == 0 &&
	    strcmp(item_attr(adm, "CSV viewed", "this-month"), "1") == 0,
	    "counts bought %s viewed %s", item_attr(adm, "CSV bought", "this-month"),
	    item_attr(adm, "CSV viewed", "this-month"));
	REQUIRE(sqln("SELECT COUNT(*) FROM event_log l JOIN event_def d ON d.id = l.event_id"
	    " WHERE d.account_id = %lld AND d.name = 'CSV bought' AND l.ts = '2026-01-02 10:00:00'",
	    account_pk(&D)) == 1, "the ISO time was not stored as given");
done:
	cl_free(adm);
	t_end();
}

static void
test_csv_upload_refusals(void)
{
	static const struct {
		const char	*name, *csrf, *kind, *filename, *csv;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "no csrf", NULL, "profiles", NULL, "id,a\n1,2\n", 403, NULL },
		{ "a wrong csrf", "@wrong", "profiles", NULL, "id,a\n1,2\n", 403, NULL },
		{ "no file", "@", "profiles", NULL, NULL, 422, "file" },
		{ "an empty file name", "@", "profiles", "", "id,a\n1,2\n", 422, "file" },
		{ "an unknown kind", "@", "people", NULL, "id,a\n1,2\n", 422, "kind" },
		{ "no kind", "@", NULL, NULL, "id,a\n1,2\n", 422, "kind" },
		{ "a header only", "@", "profiles", NULL, "id,a\n", 422, "file" },
		{ "one column", "@", "profiles", NULL, "id\n1\n2\n", 422, "file" },
		{ "an empty file", "@", "profiles", NULL, "", 422, "file" },
		{ "an unterminated quote", "@", "profiles", NULL, "id,a\n1,\"2\n", 422, "file" },
		{ "21 columns", "@", "profiles", NULL, "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21\n", 422, "file" },
		{ "text after a closing quote", "@", "profiles", NULL, "id,a\n1,\"2\"x\n", 422, "file" },
		{ "a control character in the file name", "@", "profiles", "a\x01.csv", "id,a\n1,2\n", 422, "file" },
		{ "a 256-byte file name", "@", "profiles", "@long", "id,a\n1,2\n", 422, "file" },
	};
	struct client	*adm = NULL;
	char		 name[256], longname[300], wrong[64];
	const char	*csrf, *fn;
	long		 files;
	long long	 uploads;
	size_t		 i;

	memset(longname, 'n', 252);
	memcpy(longname + 252, ".csv", 5);
	memset(wrong, 'A', 43);
	wrong[43] = '\0';
	adm = signed_in(&U_dadmin);
	for (i = 0; adm != NULL && i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "csv upload: %s -> %ld%s%s, no file kept, no upload row",
		    rows[i].name, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		files = upload_files();
		uploads = rows_of("csv_upload", &D);
		csrf = rows[i].csrf == NULL ? NULL : strcmp(rows[i].csrf, "@") == 0 ? adm->csrf : wrong;
		fn = rows[i].filename && strcmp(rows[i].filename, "@long") == 0 ? longname : rows[i].filename;
		csv_upload(adm, csrf, rows[i].kind, fn, rows[i].csv);
		ck(adm->r.status == rows[i].status, "answered %ld: %.200s", adm->r.status, adm->r.body.p);
		if (rows[i].field)
			ck(strcmp(xs(adm, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "error field \"%s\" (%s)", xs(adm, "string(/steward/errors/error/@field)"),
			    xs(adm, "string(/steward/errors/error)"));
		if (rows[i].status == 422 && rows[i].kind && strcmp(rows[i].kind, "profiles") == 0)
			ck(strcmp(xs(adm, "string(/steward/csv-form/@kind)"), "profiles") == 0, "kind not kept");
		ck(upload_files() == files, "a file was left in var/uploads");
		ck(rows_of("csv_upload", &D) == uploads, "an upload row was stored");
		t_end();
	}

	t_begin("csv upload: csrf after the file, urlencoded body, a body cut short, over 50 MB -> 403, 415, 400, 413; nothing kept");
	REQUIRE(adm != NULL, "sign-in failed");
	files = upload_files();
	uploads = rows_of("csv_upload", &D);
	{
		struct buf	 b = { 0 };
		char		*big;

		mp_add(&b, "kind", NULL, "profiles", 8);
		mp_add(&b, "file", "x.csv", "id,a\n1,2\n", 9);
		mp_add(&b, "csrf", NULL, adm->csrf, strlen(adm->csrf));
		buf_str(&b, "--" MP_BOUNDARY "--\r\n");
		post_raw(adm, "/api/settings/csv-uploads", b.p, "multipart/form-data; boundary=" MP_BOUNDARY);
		ck(adm->r.status == 403, "csrf after the file: %ld", adm->r.status);
		post(adm, "/api/settings/csv-uploads", "csrf", adm->csrf, "kind", "profiles", NULL);
		ck(adm->r.status == 415, "urlencoded: %ld", adm->r.status);
		buf_clear(&b);
		mp_add(&b, "csrf", NULL, adm->csrf, strlen(adm->csrf));
		mp_add(&b, "kind", NULL, "profiles", 8);
		buf_str(&b, "--" MP_BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.csv\"\r\n\r\nid,a\n1,2\n");
		post_raw(adm, "/api/settings/csv-uploads", b.p, "multipart/form-data; boundary=" MP_BOUNDARY);
		ck(adm->r.status == 400, "cut short: %ld", adm->r.status);
		post_raw(adm, "/api/settings/csv-uploads", b.p, "multipart/form-data");
		ck(adm->r.status == 415, "no boundary: %ld", adm->r.status);
		buf_free(&b);
		big = repeat('x', 50 * 1024 * 1024 + 4096);
		memcpy(big, "id,a\n", 5);
		csv_upload(adm, adm->csrf, "profiles", "big.csv", big);
		ck(adm->r.status == 413, "over 50 MB: %ld", adm->r.status);
		free(big);
	}
	ck(upload_files() == files, "a file was left in var/uploads");
	ck(rows_of("csv_upload", &D) == uploads, "an upload row was stored");
done:
	t_end();
	cl_free(adm);
}

static void
test_csv_upload_roles(void)
{
	struct client	*c = NULL;
	long		 files = upload_files();

	t_begin("csv upload: roles: Member and Agent 403, signed out 401; HTML page 403 for a Member; nothing kept");
	REQUIRE((c = signed_in(&U_dmember)) != NULL, "sign-in failed");
	REQUIRE(csv_upload(c, c->csrf, "profiles", NULL, "id,a\n1,2\n") == 403, "member upload %ld", c->r.status);
	REQUIRE(get(c, "/api/settings/csv-uploads") == 403, "member GET %ld", c->r.status);
	REQUIRE(get(c, "/settings/csv-uploads") == 403, "member GET HTML %ld", c->r.status);
	cl_free(c);
	REQUIRE((c = signed_in(&U_dagent)) != NULL, "sign-in failed");
	REQUIRE(csv_upload(c, c->csrf, "profiles", NULL, "id,a\n1,2\n") == 403, "agent upload %ld", c->r.status);
	cl_free(c);
	c = cl_new("anon");
	REQUIRE(csv_upload(c, "x", "profiles", NULL, "id,a\n1,2\n") == 401, "signed out %ld", c->r.status);
	REQUIRE(upload_files() == files, "a file was left");
done:
	cl_free(c);
	t_end();
}

static void
test_csv_mapping(void)
{
	static const struct {
		const char	*name;
		const char	*f[12];	/* col0 name0 type0 col1 name1 type1 col2 … */
		const char	*action, *field;
	} rows[] = {
		{ "no identity", { "property", "a", "string", "property", "b", "string", "ignore", "", "string" }, "start", "" },
		{ "two identities", { "identity", "", "string", "identity", "", "string", "ignore", "", "string" }, "start", "" },
		{ "no property", { "identity", "", "string", "ignore", "", "string", "ignore", "", "string" }, "start", "" },
		{ "an empty property name", { "identity", "", "string", "property", "", "string", "ignore", "", "string" }, "start", "name1" },
		{ "a 121-character name", { "identity", "", "string", "property", "@121", "string", "ignore", "", "string" }, "start", "name1" },
		{ "a name with a tab", { "identity", "", "string", "property", "a\tb", "string", "ignore", "", "string" }, "start", "name1" },
		{ "the same name twice", { "identity", "", "string", "property", "x", "string", "property", "x", "number" }, "start", "name2" },
		{ "an unknown type", { "identity", "", "string", "property", "a", "integer", "ignore", "", "string" }, "start", "type1" },
		{ "an unknown target", { "identity", "", "string", "column", "a", "string", "ignore", "", "string" }, "start", "col1" },
		{ "an event target in a profiles file", { "identity", "", "string", "event", "", "string", "property", "p", "string" }, "start", "col1" },
		{ "an unknown action", { "identity", "", "string", "property", "a", "string", "ignore", "", "string" }, "go", "" },
	};
	struct client	*adm = NULL, *mem = NULL, *b = NULL;
	char		 name[256], id[32], bid[32], key[8], *long_name = repeat('n', 121);
	const char	*v;
	struct buf	 body = { 0 };
	size_t		 i, k;

	t_begin("csv mapping: fixtures (an upload of D, one of B)");
	REQUIRE((adm = signed_in(&U_dadmin)) != NULL && (b = signed_in(&U_badmin)) != NULL, "sign-in failed");
	REQUIRE(csv_upload(adm, adm->csrf, "profiles", "map.csv", "id,alpha,beta\nm1,1,2\n") == 303,
	    "upload %ld", adm->r.status);
	snprintf(id, sizeof(id), "%lld", upload_id(adm));
	REQUIRE(csv_upload(b, b->csrf, "profiles", "b.csv", "id,alpha\nb1,1\n") == 303, "B upload %ld", b->r.status);
	snprintf(bid, sizeof(bid), "%lld", upload_id(b));
	t_end();
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "csv mapping: %s -> 422%s%s, typed values kept, status and queue unchanged",
		    rows[i].name, rows[i].field[0] ? " naming " : "", rows[i].field);
		t_begin(name);
		buf_clear(&body);
		form_add(adm, &body, "csrf", adm->csrf);
		form_add(adm, &body, "upload", id);
		form_add(adm, &body, "action", rows[i].action);
		for (k = 0; k < 9; k++) {
			snprintf(key, sizeof(key), "%s%zu", k % 3 == 0 ? "col" : k % 3 == 1 ? "name" : "type", k / 3);
			v = rows[i].f[k] && strcmp(rows[i].f[k], "@121") == 0 ? long_name : rows[i].f[k];
			form_add(adm, &body, key, v ? v : "");
		}
		post_raw(adm, "/api/settings/csv-uploads/map", body.p, NULL);
		ck(adm->r.status == 422, "answered %ld", adm->r.status);
		ck(strcmp(xs(adm, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
		    "error field \"%s\": %s", xs(adm, "string(/steward/errors/error/@field)"),
		    xs(adm, "string(/steward/errors/error)"));
		ck(strcmp(xs(adm, "string(//csv-upload/column[2]/@target)"),
		    strcmp(rows[i].f[3], "column") == 0 ? "ignore" : rows[i].f[3]) == 0 ||
		    strcmp(rows[i].f[3], "column") == 0, "typed target not kept: %s",
		    xs(adm, "string(//csv-upload/column[2]/@target)"));
		ck(strcmp(xs(adm, "string(//csv-upload/column[2]/@name)"),
		    rows[i].f[4] && strcmp(rows[i].f[4], "@121") == 0 ? long_name : rows[i].f[4]) == 0,
		    "typed name not kept: %s", xs(adm, "string(//csv-upload/column[2]/@name)"));
		ck(strcmp(sql1("SELECT status FROM csv_upload WHERE id = %s", id), "1") == 0, "status changed");
		ck(sqln("SELECT COUNT(*) FROM job WHERE kind = 'csv.import' AND ref_id = %s", id) == 0, "a job was queued");
		t_end();
	}
	free(long_name);

	t_begin("csv mapping: a Member -> 403; B's upload id -> 404 for map, page and errors.csv; nothing changed");
	REQUIRE((mem = signed_in(&U_dmember)) != NULL, "sign-in failed");
	post(mem, "/api/settings/csv-uploads/map", "csrf", mem->csrf, "upload", id, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "a", "type1", "string", "col2", "ignore", NULL);
	REQUIRE(mem->r.status == 403, "member %ld", mem->r.status);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", bid, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "stolen", "type1", "string", NULL);
	REQUIRE(adm->r.status == 404, "map of B's upload %ld", adm->r.status);
	snprintf(name, sizeof(name), "/api/settings/csv-uploads?upload=%s", bid);
	REQUIRE(get(adm, name) == 404, "B's upload page %ld", adm->r.status);
	snprintf(name, sizeof(name), "/api/settings/csv-uploads/errors.csv?upload=%s", bid);
	REQUIRE(get(adm, name) == 404, "B's errors.csv %ld", adm->r.status);
	REQUIRE(get(adm, name + 4) == 404, "B's errors.csv (HTML) %ld", adm->r.status);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", "x1", "action", "start", NULL);
	REQUIRE(adm->r.status == 404, "upload=x1 %ld", adm->r.status);
	REQUIRE(strcmp(sql1("SELECT CONCAT(status, ' ', mapping) FROM csv_upload WHERE id = %s", bid), "1 ") == 0,
	    "B's upload changed: %s", sql1("SELECT CONCAT(status, ' ', mapping) FROM csv_upload WHERE id = %s", bid));
	REQUIRE(get(adm, "/api/settings/csv-uploads") == 200 && !body_has(adm, "b.csv"), "D's list shows B's upload");
	t_end();

	t_begin("csv mapping: Save mapping keeps it (status mapping), Start import queues it once, a second start -> 422");
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", id, "action", "save",
	    "col0", "identity", "col1", "property", "name1", "Alpha saved", "type1", "number",
	    "col2", "ignore", NULL);
	REQUIRE(adm->r.status == 303, "save %ld: %.200s", adm->r.status, adm->r.body.p);
	snprintf(name, sizeof(name), "/api/settings/csv-uploads?upload=%s", id);
	REQUIRE(get(adm, name) == 200 && strcmp(xs(adm, "concat(//csv-upload/@status,' ',//column[2]/@name,' ',"
	    "//column[2]/@type,' ',//column[3]/@target)"), "mapping Alpha saved number ignore") == 0,
	    "after save: %s", xs(adm, "concat(//csv-upload/@status,' ',//column[2]/@name,' ',//column[2]/@type,' ',//column[3]/@target)"));
	REQUIRE(sqln("SELECT COUNT(*) FROM job WHERE kind = 'csv.import' AND ref_id = %s", id) == 0, "save queued a job");
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", id, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Alpha saved", "type1", "number",
	    "col2", "ignore", NULL);
	REQUIRE(adm->r.status == 303, "start %ld", adm->r.status);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", id, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Alpha saved", "type1", "number",
	    "col2", "ignore", NULL);
	REQUIRE(adm->r.status == 422, "second start %ld", adm->r.status);
	REQUIRE(sqln("SELECT COUNT(*) FROM job WHERE kind = 'csv.import' AND ref_id = %s", id) == 1,
	    "%lld jobs", sqln("SELECT COUNT(*) FROM job WHERE kind = 'csv.import' AND ref_id = %s", id));
done:
	buf_free(&body);
	cl_free(adm);
	cl_free(mem);
	cl_free(b);
	t_end();
}

/* --------------------------------------------------------------- part */

static void
part_data(void)
{
	t_begin("data: fixtures (account D with one user per role)");
	if (!ck(fresh_account(&D, "D") == 0, "org-create failed") ||
	    !ck(make_user(&U_dadmin, "dadmin", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dcreator, "dcreator", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dmember, "dmember", &D) == 0, "user-add") ||
	    !ck(make_user(&U_dagent, "dagent", &D) == 0, "user-add") ||
	    !ck(account_pk(&D) > 0, "the test cannot read the database with "
	    "mariadb --defaults-file=%s/my.cnf: %s", g_var, sql1("SELECT 1"))) {
		t_end();
		return;
	}
	t_end();
	test_ingest_auth();
	test_ingest_batch();
	test_ingest_refusals();
	test_ingest_hostile();
	test_ingest_limits();
	test_ingest_name_limits();
	test_schema_roles();
	test_schema_describe();
	test_schema_discard();
	test_schema_foreign();
	test_schema_paging();
	test_jobs_once();
	test_jobs_lease();
	test_jobs_retry();
	test_csv_import();
	test_csv_large();
	test_csv_events();
	test_csv_upload_refusals();
	test_csv_upload_roles();
	test_csv_mapping();
}
