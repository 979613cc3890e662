/*
 * Tests of CSV uploads (/settings/csv-uploads): upload, preview, mapping,
 * the import job, the refused rows as CSV, refusals and roles.  Included
 * by itest.c after t_ingest.c (helpers, account D) and t_jobs.c
 * (jobs_run).
 */

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
	/* rows of a discarded event are dropped and counted as dropped */
	snprintf(path, sizeof(path), "%s", item_id(adm, "CSV viewed"));
	post(adm, "/api/settings/events/discard", "csrf", adm->csrf, "id", path, "confirm", "yes", NULL);
	REQUIRE(adm->r.status == 303, "discard %ld", adm->r.status);
	REQUIRE(csv_upload(adm, adm->csrf, "events", "dropped.csv",
	    "user,event\nd1,CSV viewed\nd2,CSV viewed\nd3,CSV bought\n") == 303, "upload %ld", adm->r.status);
	id = upload_id(adm);
	snprintf(path, sizeof(path), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", path, "action", "start",
	    "col0", "identity", "col1", "event", NULL);
	REQUIRE(adm->r.status == 303, "map %ld", adm->r.status);
	st = csv_wait(adm, id);
	REQUIRE(strcmp(st, "completed") == 0, "status %s", st);
	REQUIRE(strcmp(xs(adm, "concat(//csv-upload/@rows-imported,' ',//csv-upload/@rows-dropped,' ',"
	    "//csv-upload/@rows-refused)"), "1 2 0") == 0, "imported dropped refused = %s",
	    xs(adm, "concat(//csv-upload/@rows-imported,' ',//csv-upload/@rows-dropped,' ',//csv-upload/@rows-refused)"));
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

/* ------------------------------------------------------------ group */

static void
test_csv_batches_same_rows(void)
{
	static const size_t bad[] = { 3, 250, 510 };
	struct twin	 x, y;
	struct client	*adm = NULL, *c = cl_new("ingest");
	struct buf	 csv = { 0 }, rec = { 0 };
	char		 line[256], path[128];
	long long	 id;
	const char	*st;
	size_t		 i, k;
	int		 isbad;

	t_begin("csv: 520 profile rows in two transactions, 3 refused, identities repeated within and across "
	    "batches -> the same rows as the same records sent one by one");
	REQUIRE(twin_make(&x, "CX") && twin_make(&y, "CY"), "fixtures");
	REQUIRE((adm = signed_in(&x.admin)) != NULL, "sign-in failed");
	buf_str(&csv, "email,name,age,vip\n");
	for (i = 0; i < 520; i++) {
		for (isbad = 0, k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			isbad |= bad[k] == i;
		snprintf(line, sizeof(line), "p%zu@example.com,Person %zu,%s,%s\n", i % 300, i,
		    isbad ? "old" : (i % 7 ? "31" : "40"), i % 2 ? "yes" : "no");
		buf_str(&csv, line);
		if (isbad)
			continue;
		buf_clear(&rec);
		snprintf(line, sizeof(line), "{\"identity\":\"p%zu@example.com\",\"profileData\":"
		    "{\"Name\":\"Person %zu\",\"Age\":%d,\"VIP\":%s}}", i % 300, i, i % 7 ? 31 : 40,
		    i % 2 ? "true" : "false");
		buf_str(&rec, line);
		buf_clear(&rec);
		buf_str(&rec, "[");
		buf_str(&rec, line);
		buf_str(&rec, "]");
		REQUIRE(ingest(c, &y.acct, rec.p) == 200 &&
		    strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0,
		    "record %zu: %ld %s", i, c->r.status, xs(c, "string(/steward/upload/@processed)"));
	}
	REQUIRE(csv_upload(adm, adm->csrf, "profiles", "batches.csv", csv.p) == 303, "upload %ld: %.200s",
	    adm->r.status, adm->r.body.p);
	id = upload_id(adm);
	snprintf(path, sizeof(path), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", path, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Name", "type1", "string",
	    "col2", "property", "name2", "Age", "type2", "number",
	    "col3", "property", "name3", "VIP", "type3", "boolean", NULL);
	REQUIRE(adm->r.status == 303, "map %ld: %.300s", adm->r.status, adm->r.body.p);
	st = csv_wait(adm, id);
	REQUIRE(strcmp(st, "completed-with-errors") == 0, "status %s", st);
	REQUIRE(strcmp(xs(adm, "concat(//csv-upload/@rows-done,' ',//csv-upload/@rows-imported,' ',"
	    "//csv-upload/@rows-refused,' ',//csv-upload/@rows-dropped)"), "520 517 3 0") == 0,
	    "done imported refused dropped = %s", xs(adm, "concat(//csv-upload/@rows-done,' ',"
	    "//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused,' ',//csv-upload/@rows-dropped)"));
	REQUIRE(sqln("SELECT GROUP_CONCAT(row_no ORDER BY seq) = '5,252,512' FROM csv_error WHERE upload_id = %lld",
	    id) == 1, "refused rows %s", sql1("SELECT GROUP_CONCAT(row_no ORDER BY seq) FROM csv_error"
	    " WHERE upload_id = %lld", id));
	/* the counts are the upload's (above): the rows are compared */
	twin_same(&x, &y);
done:
	buf_free(&csv);
	buf_free(&rec);
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(adm);
	cl_free(c);
	t_end();
}

/*
 * Row i of file f (1 or 2) of test_csv_reimport_same_rows(): the CSV line
 * into csv, the JSON record its twin gets into rec; *what: 0 imported, 1
 * dropped (only the discarded property Gone set), 2 refused by the CSV
 * (an age that is no number: the twin gets nothing).  File 1: 600 rows of
 * 400 identities; file 2: 1,000 rows, the first 500 mostly identities of
 * file 1, the next 500 half of them known and half new, one repeated.
 */
static void
mixed_row(int f, size_t i, char *csv, size_t csvlen, char *rec, size_t reclen, int *what)
{
	char	 id[64], name[32] = "", age[16] = "", gone[16] = "", data[128];
	size_t	 j = i - 500;

	if (f == 1)
		snprintf(id, sizeof(id), "m%zu", i % 400);
	else if (i < 500)
		snprintf(id, sizeof(id), i < 400 ? "m%zu" : "n%zu", i < 400 ? i : i - 400);
	else
		snprintf(id, sizeof(id), j % 97 == 3 ? "m7" : j % 2 ? "n%zu" : "m%zu", 100 + j / 2);
	*what = i % 50 == 7 ? 1 : i % 13 == 5 && i % 11 != 0 ? 2 : 0;
	if (*what != 1) {
		snprintf(name, sizeof(name), "N%d-%zu", f, i);
		if (i % 11 != 0)
			snprintf(age, sizeof(age), *what == 2 ? "old" : "%zu", 20 + i % 50);
	}
	if (i % 5 == 0 || *what == 1)
		snprintf(gone, sizeof(gone), "g%zu", i);
	snprintf(csv, csvlen, "%s,%s,%s,%s\n", id, name, age, gone);
	snprintf(data, sizeof(data), "%s%s%s%s%s%s%s%s%s", name[0] ? "\"Name\":\"" : "", name,
	    name[0] ? "\"" : "", age[0] ? (name[0] ? ",\"Age\":" : "\"Age\":") : "", age,
	    gone[0] && (name[0] || age[0]) ? "," : "", gone[0] ? "\"Gone\":\"" : "", gone, gone[0] ? "\"" : "");
	snprintf(rec, reclen, "[{\"identity\":\"%s\",\"profileData\":{%s}}]", id, data);
}

/*
 * Imports file f of mixed_row() into twin x by the job and sends its
 * records one by one to twin y; the upload's counts into x, y's answers
 * into y.  1 when the upload completed with its expected counts and
 * every request answered 200.
 */
static int
mixed_import(struct client *adm, struct client *c, struct twin *x, struct twin *y, int f, size_t rows)
{
	struct buf	 csv = { 0 };
	char		 line[256], rec[320], path[64];
	long long	 id, want[3] = { 0, 0, 0 };
	size_t		 i;
	int		 what, ok = 1;
	const char	*st;

	buf_str(&csv, "email,name,age,gone\n");
	for (i = 0; i < rows && ok; i++) {
		mixed_row(f, i, line, sizeof(line), rec, sizeof(rec), &what);
		buf_str(&csv, line);
		want[what]++;
		if (what == 2)
			continue;
		ok = ck(ingest(c, &y->acct, rec) == 200, "record %zu of file %d: %ld", i, f, c->r.status);
		twin_count(y, c, i);
	}
	ok = ok && ck(csv_upload(adm, adm->csrf, "profiles", "mixed.csv", csv.p) == 303, "upload %ld: %.200s",
	    adm->r.status, adm->r.body.p);
	buf_free(&csv);
	if (!ok)
		return 0;
	id = upload_id(adm);
	snprintf(path, sizeof(path), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", path, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Name", "type1", "string",
	    "col2", "property", "name2", "Age", "type2", "number",
	    "col3", "property", "name3", "Gone", "type3", "string", NULL);
	if (!ck(adm->r.status == 303, "map %ld: %.300s", adm->r.status, adm->r.body.p))
		return 0;
	st = csv_wait(adm, id);
	x->processed += atoll(xs(adm, "string(//csv-upload/@rows-imported)"));
	x->dropped += atoll(xs(adm, "string(//csv-upload/@rows-dropped)"));
	snprintf(line, sizeof(line), "%zu %lld %lld %lld", rows, want[0], want[2], want[1]);
	return ck(strcmp(st, "completed-with-errors") == 0, "file %d: status %s", f, st) &&
	    ck(strcmp(xs(adm, "concat(//csv-upload/@rows-done,' ',//csv-upload/@rows-imported,' ',"
	    "//csv-upload/@rows-refused,' ',//csv-upload/@rows-dropped)"), line) == 0,
	    "file %d: done imported refused dropped = %s, expected %s", f, xs(adm, "concat("
	    "//csv-upload/@rows-done,' ',//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused,' ',"
	    "//csv-upload/@rows-dropped)"), line);
}

static void
test_csv_reimport_same_rows(void)
{
	struct twin	 x, y;
	struct client	*adm = NULL, *c = cl_new("ingest");
	const char	*seed = "[{\"identity\":\"seed\",\"profileData\":{\"Name\":\"S\",\"Gone\":\"x\"}}]";

	t_begin("csv: a file of new profiles, then one of known and new ones (imported again) in batches, with "
	    "refused rows and rows of a discarded property only -> the same rows and counts as one by one");
	REQUIRE(twin_make(&x, "CR") && twin_make(&y, "CS"), "fixtures");
	REQUIRE(ingest(c, &x.acct, seed) == 200 && ingest(c, &y.acct, seed) == 200, "seed: %ld", c->r.status);
	REQUIRE(twin_schema(&x, "user-properties", "Gone", 1) && twin_schema(&y, "user-properties", "Gone", 1),
	    "discarding Gone failed");
	REQUIRE((adm = signed_in(&x.admin)) != NULL, "sign-in failed");
	REQUIRE(mixed_import(adm, c, &x, &y, 1, 600), "file 1");
	REQUIRE(mixed_import(adm, c, &x, &y, 2, 1000), "file 2");
	REQUIRE(y.refused == 0 && x.dropped > 0, "refused %lld by the twin, %lld dropped", y.refused, x.dropped);
	twin_same(&x, &y);
done:
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(adm);
	cl_free(c);
	t_end();
}

/*
 * Imports the profiles CSV body into x's account as its Admin adm, with
 * the columns identity and Name; 1 when it completed with rows rows
 * imported.
 */
static int
touch_import(struct client *adm, const char *body, const char *rows)
{
	char		 path[64], got[128];
	long long	 id;
	const char	*st;

	if (!ck(csv_upload(adm, adm->csrf, "profiles", "touch.csv", body) == 303, "upload %ld: %.200s",
	    adm->r.status, adm->r.body.p))
		return 0;
	id = upload_id(adm);
	snprintf(path, sizeof(path), "%lld", id);
	post(adm, "/api/settings/csv-uploads/map", "csrf", adm->csrf, "upload", path, "action", "start",
	    "col0", "identity", "col1", "property", "name1", "Name", "type1", "string", NULL);
	if (!ck(adm->r.status == 303, "map %ld: %.300s", adm->r.status, adm->r.body.p))
		return 0;
	st = csv_wait(adm, id);
	snprintf(got, sizeof(got), "%s", xs(adm, "concat(//csv-upload/@rows-done,' ',"
	    "//csv-upload/@rows-imported,' ',//csv-upload/@rows-refused)"));
	return ck(strcmp(st, "completed") == 0, "status %s", st) &&
	    ck(strcmp(got, rows) == 0, "done imported refused = %s, expected %s", got, rows);
}

/*
 * A file imported again in batches (the first upserts, the later ones
 * look the known profiles up and move them by id, 100 a statement, and
 * insert the new ones), new and known identities interleaved and
 * repeated: every profile of the file is moved (updated_at), the known
 * ones keep their id and created_at, the new ones are counted once.
 */
static void
test_csv_reimport_touches(void)
{
	struct twin	 x;
	struct client	*adm = NULL;
	struct buf	 csv = { 0 };
	char		 line[128], ids[64], before[64];
	size_t		 i;

	t_begin("csv: a file imported again in 3 batches, known and new identities interleaved and repeated -> "
	    "every profile of the file updated once, the known keep their id and created_at, the new counted once");
	REQUIRE(twin_make(&x, "CT"), "fixtures");
	REQUIRE((adm = signed_in(&x.admin)) != NULL, "sign-in failed");
	/* file 1: t0 … t449, t0 … t149 twice */
	buf_str(&csv, "email,name\n");
	for (i = 0; i < 600; i++) {
		snprintf(line, sizeof(line), "t%zu,A%zu\n", i % 450, i);
		buf_str(&csv, line);
	}
	REQUIRE(touch_import(adm, csv.p, "600 600 0"), "file 1");
	REQUIRE(sqln("SELECT profiles FROM data_counter WHERE account_id = %lld", x.pk) == 450,
	    "profiles %lld after file 1", sqln("SELECT profiles FROM data_counter WHERE account_id = %lld", x.pk));
	snprintf(ids, sizeof(ids), "%s", sql1("SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', identity, id, created_at)"
	    " ORDER BY identity SEPARATOR ';')) FROM profile WHERE account_id = %lld", x.pk));
	snprintf(before, sizeof(before), "%s", sql1("SELECT MAX(updated_at) FROM profile WHERE account_id = %lld",
	    x.pk));
	/* file 2: 1,100 rows, t0 … t449 each once or twice beside u0 … u299 */
	buf_clear(&csv);
	buf_str(&csv, "email,name\n");
	for (i = 0; i < 1100; i++) {
		if (i % 3 == 2)
			snprintf(line, sizeof(line), "u%zu,B%zu\n", (i / 3) % 300, i);
		else
			snprintf(line, sizeof(line), "t%zu,B%zu\n", (i - i / 3) % 450, i);
		buf_str(&csv, line);
	}
	REQUIRE(touch_import(adm, csv.p, "1100 1100 0"), "file 2");
	REQUIRE(sqln("SELECT profiles FROM data_counter WHERE account_id = %lld", x.pk) == 750 &&
	    sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld", x.pk) == 750,
	    "profiles %lld counted, %lld rows, expected 750",
	    sqln("SELECT profiles FROM data_counter WHERE account_id = %lld", x.pk),
	    sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld", x.pk));
	REQUIRE(sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld AND updated_at > '%s'", x.pk,
	    before) == 750, "%lld of 750 profiles updated by file 2",
	    sqln("SELECT COUNT(*) FROM profile WHERE account_id = %lld AND updated_at > '%s'", x.pk, before));
	REQUIRE(strcmp(sql1("SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', identity, id, created_at)"
	    " ORDER BY identity SEPARATOR ';')) FROM profile WHERE account_id = %lld AND identity LIKE 't%%'",
	    x.pk), ids) == 0, "a known profile's id or created_at changed");
	REQUIRE(sqln("SELECT profiles FROM profile_prop WHERE account_id = %lld AND name = 'Name'", x.pk) == 750 &&
	    sqln("SELECT COUNT(*) FROM profile_value v JOIN profile p ON p.id = v.profile_id"
	    " WHERE p.account_id = %lld AND v.value LIKE 'B%%'", x.pk) == 750,
	    "Name: %lld profiles counted, %lld values of file 2",
	    sqln("SELECT profiles FROM profile_prop WHERE account_id = %lld AND name = 'Name'", x.pk),
	    sqln("SELECT COUNT(*) FROM profile_value v JOIN profile p ON p.id = v.profile_id"
	    " WHERE p.account_id = %lld AND v.value LIKE 'B%%'", x.pk));
	/* the last value of a repeated identity wins: t0 is at rows 0 and 450·3/2 = 675 */
	REQUIRE(strcmp(sql1("SELECT v.value FROM profile_value v JOIN profile p ON p.id = v.profile_id"
	    " WHERE p.account_id = %lld AND p.identity = 't0'", x.pk), "B675") == 0,
	    "t0 holds %s", sql1("SELECT v.value FROM profile_value v JOIN profile p ON p.id = v.profile_id"
	    " WHERE p.account_id = %lld AND p.identity = 't0'", x.pk));
done:
	buf_free(&csv);
	buf_free(&x.reasons);
	cl_free(adm);
	t_end();
}

static void
part_csv_uploads(void)
{
	if (!data_fixtures())
		return;
	test_csv_import();
	test_csv_large();
	test_csv_events();
	test_csv_upload_refusals();
	test_csv_upload_roles();
	test_csv_mapping();
	test_csv_batches_same_rows();
	test_csv_reimport_same_rows();
	test_csv_reimport_touches();
}
