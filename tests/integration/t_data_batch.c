/*
 * Tests that ingestion in batches (one transaction, array-bound writes,
 * the process-wide name cache) stores the same rows and answers the same
 * counts as the same records sent one request each (record at a time):
 * two fresh accounts get the same input, one as batches and one record
 * by record, and every table ingestion writes is compared, with ids
 * replaced by names.  Refused and dropped records, duplicate identities
 * in one batch, a batch crossing the name limits, and a discard and a
 * restore between two batches (the cache must see them).  Included by
 * itest.c after t_ingest.c (helpers).
 */

/* The twins: X gets batches, Y the same records one by one. */
struct twin {
	struct account	 acct;
	struct user	 admin;
	long long	 pk;
	long long	 processed, dropped, refused;
	struct buf	 reasons;	/* "index:reason\n" of refused records */
};

/*
 * A digest of what account pk holds in each table ingestion writes, ids
 * replaced by names: one MD5 a table, "table=md5 …".
 */
static const char *
batch_digest(long long pk)
{
	static char	 out[2048];
	static const struct {
		const char	*table, *q;
	} qs[] = {
		{ "event_log", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', d.name, HEX(l.identity_hash), l.ts, l.data)"
		    " ORDER BY d.name, l.identity_hash, l.ts, l.data SEPARATOR ';')) FROM event_log l"
		    " JOIN event_def d ON d.id = l.event_id WHERE l.account_id =" },
		{ "event_def", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', name, is_system, discarded_at IS NULL, total,"
		    " dropped, props) ORDER BY name SEPARATOR ';')) FROM event_def WHERE account_id =" },
		{ "event_prop", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', d.name, p.name) ORDER BY d.name, p.name"
		    " SEPARATOR ';')) FROM event_prop p JOIN event_def d ON d.id = p.event_id WHERE p.account_id =" },
		{ "event_month", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', d.name, m.month, m.n) ORDER BY d.name"
		    " SEPARATOR ';')) FROM event_month m JOIN event_def d ON d.id = m.event_id WHERE m.account_id =" },
		{ "profile_prop", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', name, data_type, discarded_at IS NULL,"
		    " profiles, dropped) ORDER BY name SEPARATOR ';')) FROM profile_prop WHERE account_id =" },
		{ "profile", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', HEX(identity_hash), identity)"
		    " ORDER BY identity_hash SEPARATOR ';')) FROM profile WHERE account_id =" },
		{ "profile_value", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', p.identity, q.name, v.value)"
		    " ORDER BY p.identity, q.name SEPARATOR ';')) FROM profile_value v JOIN profile p ON p.id = v.profile_id"
		    " JOIN profile_prop q ON q.id = v.prop_id WHERE p.account_id =" },
		{ "data_counter", "SELECT CONCAT_WS('|', event_names, profile_props, profiles) FROM data_counter"
		    " WHERE account_id =" },
		{ "usage_day", "SELECT COALESCE(SUM(data_points), 0) FROM usage_day WHERE account_id =" },
		{ "usage_month", "SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id =" },
		{ "active_identity", "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', month, HEX(identity_hash))"
		    " ORDER BY month, identity_hash SEPARATOR ';')) FROM active_identity WHERE account_id =" },
	};
	size_t		 i, n = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		/* the account id is the last word of every query */
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s=%s ", qs[i].table,
		    sql1("SET SESSION group_concat_max_len = 16777216; %s %lld", qs[i].q, pk));
		if (n >= sizeof(out))
			break;
	}
	return out;
}

/* Makes twin t (label: its account's) with an Admin.  1 when made. */
static int
twin_make(struct twin *t, const char *label)
{
	memset(t, 0, sizeof(*t));
	t->admin.role = "admin";
	if (make_account(&t->acct, label) != 0 ||
	    make_user(&t->admin, label, &t->acct) != 0)
		return 0;
	t->pk = account_pk(&t->acct);
	return t->pk > 0;
}

/* Adds the answer held by c (records first … first + n - 1) to t. */
static void
twin_count(struct twin *t, struct client *c, size_t first)
{
	char	 expr[128], line[600];
	long	 i, n;

	t->processed += atoll(xs(c, "string(/steward/upload/@processed)"));
	t->dropped += atoll(xs(c, "string(/steward/upload/@dropped)"));
	n = atol(xs(c, "string(/steward/upload/@refused)"));
	t->refused += n;
	for (i = 1; i <= n; i++) {
		snprintf(expr, sizeof(expr), "string(/steward/upload/refused[%ld]/@index)", i);
		snprintf(line, sizeof(line), "%zu:", first + (size_t)atol(xs(c, expr)));
		buf_str(&t->reasons, line);
		snprintf(expr, sizeof(expr), "string(/steward/upload/refused[%ld])", i);
		buf_str(&t->reasons, xs(c, expr));
		buf_str(&t->reasons, "\n");
	}
}

/*
 * Sends the n records of recs (JSON texts) to X as one batch and to Y
 * one request each, counting both answers.  1 when every request
 * answered 200.
 */
static int
twin_send(struct client *c, struct twin *x, struct twin *y, const char **recs, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 ok = 1;

	buf_str(&b, "[");
	for (i = 0; i < n; i++) {
		if (i)
			buf_str(&b, ",");
		buf_str(&b, recs[i]);
	}
	buf_str(&b, "]");
	ok &= ingest(c, &x->acct, b.p) == 200;
	twin_count(x, c, 0);
	for (i = 0; i < n && ok; i++) {
		buf_clear(&b);
		buf_str(&b, "[");
		buf_str(&b, recs[i]);
		buf_str(&b, "]");
		ok &= ingest(c, &y->acct, b.p) == 200;
		twin_count(y, c, i);
	}
	buf_free(&b);
	return ok;
}

/* Compares the twins: answers and digests.  1 when alike. */
static int
twin_same(struct twin *x, struct twin *y)
{
	char	 dx[2048];

	snprintf(dx, sizeof(dx), "%s", batch_digest(x->pk));
	return ck(x->processed == y->processed && x->dropped == y->dropped &&
	    x->refused == y->refused, "batch: %lld processed %lld dropped %lld refused; "
	    "record at a time: %lld %lld %lld", x->processed, x->dropped, x->refused,
	    y->processed, y->dropped, y->refused) &&
	    ck(strcmp(x->reasons.p ? x->reasons.p : "", y->reasons.p ? y->reasons.p : "") == 0,
	    "refusals differ:\n%s---\n%s", x->reasons.p ? x->reasons.p : "",
	    y->reasons.p ? y->reasons.p : "") &&
	    ck(strcmp(dx, batch_digest(y->pk)) == 0, "rows differ:\nbatch  %s\nsingle %s", dx,
	    batch_digest(y->pk));
}

/* Discards (discard 1) or restores the item named name of the page
 * (events or user-properties) as t's Admin.  1 when done (303). */
static int
twin_schema(struct twin *t, const char *page, const char *name, int discard)
{
	struct client	*adm;
	char		 path[128], id[64];
	int		 ok = 0;

	if ((adm = signed_in(&t->admin)) == NULL)
		return 0;
	snprintf(path, sizeof(path), "/api/settings/%s", page);
	if (get(adm, path) == 200) {
		snprintf(id, sizeof(id), "%s", item_id(adm, name));
		snprintf(path, sizeof(path), "/api/settings/%s/%s", page, discard ? "discard" : "restore");
		post(adm, path, "csrf", adm->csrf, "id", id, "confirm", "yes", NULL);
		ok = adm->r.status == 303;
	}
	cl_free(adm);
	return ok;
}

static void
test_batch_same_rows(void)
{
	static const char *first[] = {
		"{\"identity\":\"u1\",\"evtName\":\"Gone\",\"evtData\":{\"a\":1},\"ts\":1767225600}",
		"{\"identity\":\"u1\",\"evtName\":\"Flip\",\"evtData\":{\"a\":1},\"ts\":1767225600}",
		"{\"identity\":\"u2\",\"profileData\":{\"Secret\":\"s\",\"Name\":\"Two\"}}",
	};
	static const char *recs[] = {
		"{\"identity\":\"u1\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":12.5,\"sku\":\"A1\",\"tags\":[\"x\",\"y\"]},\"ts\":1767225600}",
		"{\"identity\":\"u1\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":3,\"coupon\":\"C\"},\"ts\":1767225601}",
		"{\"identity\":\"u2\",\"evtName\":\"App Launched\",\"evtData\":{},\"ts\":1767225602}",
		"{\"identity\":\"u1\",\"evtName\":\"Gone\",\"evtData\":{\"b\":2},\"ts\":1767225603}",
		"{\"identity\":\"u3\",\"evtName\":\"\",\"evtData\":{}}",
		"{\"identity\":7,\"profileData\":{\"Name\":\"Zo\\u00eb\",\"Age\":31,\"Member\":true,\"Since\":\"2024-01-02\",\"Likes\":[\"a\",\"b\"]}}",
		"{\"identity\":\"u1\",\"profileData\":{\"Name\":\"Ann\",\"Age\":40}}",
		"{\"identity\":\"u1\",\"profileData\":{\"Name\":\"Anne\"}}",
		"{\"identity\":\"u2\",\"profileData\":{\"Secret\":\"t\"}}",
		"{\"identity\":\"u2\",\"profileData\":{\"Secret\":\"t\",\"Age\":22}}",
		"{\"identity\":\"u4\",\"profileData\":{\"n\":null}}",
		"{\"identity\":\"u2\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":1,\"sku\":\"B\",\"new\":true},\"ts\":1767225604}",
		"{\"identity\":\"u5\",\"evtName\":\"Flip\",\"evtData\":{\"c\":3},\"ts\":1767225605}",
		"\"not a record\"",
		"{\"identity\":\"u5\",\"evtName\":\"Purchase\",\"evtData\":{\"amount\":2},\"ts\":1767225606}",
	};
	static const char *flip[] = {
		"{\"identity\":\"u6\",\"evtName\":\"Flip\",\"evtData\":{\"d\":4},\"ts\":1767225607}",
		"{\"identity\":\"u6\",\"profileData\":{\"Secret\":\"again\"}}",
	};
	struct twin	 x, y;
	struct client	*c = cl_new("ingest");

	t_begin("batch: the same records as one batch and one by one -> the same answers and the same rows "
	    "(refused, dropped, duplicate identities, a discarded event and property)");
	REQUIRE(twin_make(&x, "BX") && twin_make(&y, "BY"), "fixtures");
	REQUIRE(twin_send(c, &x, &y, first, 3), "first batch: %ld", c->r.status);
	REQUIRE(twin_schema(&x, "events", "Gone", 1) && twin_schema(&y, "events", "Gone", 1),
	    "discarding Gone failed");
	REQUIRE(twin_schema(&x, "user-properties", "Secret", 1) &&
	    twin_schema(&y, "user-properties", "Secret", 1), "discarding Secret failed");
	REQUIRE(twin_send(c, &x, &y, recs, sizeof(recs) / sizeof(recs[0])), "batch: %ld", c->r.status);
	REQUIRE(x.refused == 3 && x.dropped == 2, "batch: refused %lld dropped %lld, expected 3 and 2",
	    x.refused, x.dropped);
	twin_same(&x, &y);
	t_end();

	t_begin("batch: a discard between two batches is seen by the next one (the name cache), and a restore too");
	REQUIRE(twin_schema(&x, "events", "Flip", 1) && twin_schema(&y, "events", "Flip", 1),
	    "discarding Flip failed");
	REQUIRE(twin_send(c, &x, &y, flip, 1), "after discard: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@dropped)"), "1") == 0, "Flip not dropped after discard");
	REQUIRE(twin_schema(&x, "events", "Flip", 0) && twin_schema(&y, "events", "Flip", 0) &&
	    twin_schema(&x, "user-properties", "Secret", 0) &&
	    twin_schema(&y, "user-properties", "Secret", 0), "restoring failed");
	REQUIRE(twin_send(c, &x, &y, flip, 2), "after restore: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/upload/@processed)"), "1") == 0, "not processed after restore");
	REQUIRE(sqln("SELECT COUNT(*) FROM event_log l JOIN event_def d ON d.id = l.event_id"
	    " WHERE l.account_id = %lld AND d.name = 'Flip'", x.pk) == 3, "Flip rows in the batch account: %lld",
	    sqln("SELECT COUNT(*) FROM event_log l JOIN event_def d ON d.id = l.event_id"
	    " WHERE l.account_id = %lld AND d.name = 'Flip'", x.pk));
	twin_same(&x, &y);
done:
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(c);
	t_end();
}

static void
test_batch_limits(void)
{
	struct twin	 x, y;
	struct client	*c = cl_new("ingest");
	struct buf	 b = { 0 };
	const char	*recs[12];
	char		 rec[12][512], line[128];
	size_t		 i, k;

	t_begin("batch: a batch crossing the 512 event names and 256 properties -> the same refusals and rows as one by one");
	REQUIRE(twin_make(&x, "LX") && twin_make(&y, "LY"), "fixtures");
	/* 510 event names and 254 properties in both, one request each */
	buf_str(&b, "[");
	for (i = 0; i < 510; i++) {
		snprintf(line, sizeof(line), "%s{\"identity\":\"n\",\"evtName\":\"Name %03zu\",\"evtData\":{},\"ts\":1767225600}",
		    i ? "," : "", i);
		buf_str(&b, line);
	}
	for (k = 0; k < 4; k++) {
		buf_str(&b, ",{\"identity\":\"p\",\"ts\":1767225600,\"profileData\":{");
		for (i = 0; i < (k < 3 ? 64 : 62); i++) {
			snprintf(line, sizeof(line), "%s\"prop %zu\":%zu", i ? "," : "", k * 64 + i, i);
			buf_str(&b, line);
		}
		buf_str(&b, "}}");
	}
	buf_str(&b, "]");
	REQUIRE(ingest(c, &x.acct, b.p) == 200 && ingest(c, &y.acct, b.p) == 200, "set-up: %ld", c->r.status);
	snprintf(rec[0], sizeof(rec[0]), "{\"identity\":\"a\",\"evtName\":\"New 1\",\"evtData\":{\"k\":1},\"ts\":1767225600}");
	snprintf(rec[1], sizeof(rec[1]), "{\"identity\":\"a\",\"evtName\":\"Name 007\",\"evtData\":{\"k\":2},\"ts\":1767225600}");
	snprintf(rec[2], sizeof(rec[2]), "{\"identity\":\"b\",\"evtName\":\"New 2\",\"evtData\":{},\"ts\":1767225600}");
	snprintf(rec[3], sizeof(rec[3]), "{\"identity\":\"b\",\"evtName\":\"New 3\",\"evtData\":{},\"ts\":1767225600}");
	snprintf(rec[4], sizeof(rec[4]), "{\"identity\":\"c\",\"evtName\":\"New 1\",\"evtData\":{\"k\":3},\"ts\":1767225600}");
	snprintf(rec[5], sizeof(rec[5]), "{\"identity\":\"c\",\"evtName\":\"New 4\",\"evtData\":{},\"ts\":1767225600}");
	snprintf(rec[6], sizeof(rec[6]), "{\"identity\":\"p\",\"profileData\":{\"prop 1\":\"x\",\"fresh A\":1}}");
	snprintf(rec[7], sizeof(rec[7]), "{\"identity\":\"q\",\"profileData\":{\"fresh B\":2,\"fresh C\":3}}");
	snprintf(rec[8], sizeof(rec[8]), "{\"identity\":\"q\",\"profileData\":{\"prop 2\":\"y\"}}");
	snprintf(rec[9], sizeof(rec[9]), "{\"identity\":\"r\",\"profileData\":{\"fresh B\":4}}");
	for (i = 0; i < 10; i++)
		recs[i] = rec[i];
	x.processed = x.dropped = x.refused = y.processed = y.dropped = y.refused = 0;
	buf_clear(&x.reasons);
	buf_clear(&y.reasons);
	REQUIRE(twin_send(c, &x, &y, recs, 10), "batch: %ld", c->r.status);
	REQUIRE(x.refused == 3, "refused %lld, expected 3 (New 3, New 4, the update with fresh C)", x.refused);
	twin_same(&x, &y);
done:
	buf_free(&b);
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(c);
	t_end();
}

/*
 * Three records of event "Wide" into b (r: scratch), each with 60
 * property names k<first + i * step + 0..59> for record i; recs points at
 * them (b's lines, NUL-terminated in place).
 */
static void
wide_records(struct buf *b, struct buf *r, const char *recs[3],
    size_t first, size_t step)
{
	char	 line[128];
	size_t	 i, k;

	buf_clear(b);
	for (i = 0; i < 3; i++) {
		buf_clear(r);
		buf_str(r, "{\"identity\":\"e\",\"ts\":1767225600,\"evtName\":\"Wide\",\"evtData\":{");
		for (k = 0; k < 60; k++) {
			snprintf(line, sizeof(line), "%s\"k%zu\":1", k ? "," : "",
			    first + i * step + k);
			buf_str(r, line);
		}
		buf_str(r, "}}");
		buf_str(b, r->p);
		buf_str(b, "\n");
	}
	recs[0] = strtok(b->p, "\n");
	recs[1] = strtok(NULL, "\n");
	recs[2] = strtok(NULL, "\n");
}

static void
test_batch_event_props(void)
{
	struct twin	 x, y;
	struct client	*c = cl_new("ingest");
	struct buf	 b = { 0 }, r = { 0 };
	const char	*recs[3];

	t_begin("batch: an event reaching 256 property names in one batch keeps the same names as one by one");
	REQUIRE(twin_make(&x, "PX") && twin_make(&y, "PY"), "fixtures");
	/* records overlap by 10 names; 3 x 60 - 20 = 160 each round */
	wide_records(&b, &r, recs, 0, 50);
	/* twice: 160 names, then shifted names pass the 256 limit */
	REQUIRE(twin_send(c, &x, &y, recs, 3), "first: %ld", c->r.status);
	wide_records(&b, &r, recs, 100, 60);
	REQUIRE(twin_send(c, &x, &y, recs, 3), "second: %ld", c->r.status);
	REQUIRE(sqln("SELECT props FROM event_def WHERE account_id = %lld AND name = 'Wide'", x.pk) == 256,
	    "props %lld", sqln("SELECT props FROM event_def WHERE account_id = %lld AND name = 'Wide'", x.pk));
	twin_same(&x, &y);
done:
	buf_free(&b);
	buf_free(&r);
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(c);
	t_end();
}

/* Deletes account pk's monthly actives and their counts as a reset of its
 * data must: the schema generation bumped first (active_cache.c). */
static void
actives_reset(long long pk)
{
	sql1("UPDATE data_counter SET schema_gen = schema_gen + 1 WHERE account_id = %lld;"
	    " DELETE FROM active_identity WHERE account_id = %lld;"
	    " DELETE FROM usage_month WHERE account_id = %lld", pk, pk, pk);
}

/* Active identity rows of account pk: all, or of identity id. */
static long long
actives_of(long long pk, const char *id)
{
	if (id == NULL)
		return sqln("SELECT COUNT(*) FROM active_identity WHERE account_id = %lld", pk);
	return sqln("SELECT COUNT(*) FROM active_identity WHERE account_id = %lld"
	    " AND identity_hash = UNHEX(SHA2('%s', 256))", pk, id);
}

static void
test_batch_actives(void)
{
	static const char *first[] = {
		"{\"identity\":\"g0\",\"evtName\":\"Gone\",\"evtData\":{},\"ts\":1767225600}",
	};
	static const char *recs[] = {
		"{\"identity\":\"a1\",\"evtName\":\"Seen\",\"evtData\":{\"n\":1},\"ts\":1767225600}",
		"{\"identity\":\"a2\",\"evtName\":\"Seen\",\"evtData\":{},\"ts\":1767225601}",
		"{\"identity\":\"a1\",\"profileData\":{\"Name\":\"One\"}}",
		"{\"identity\":\"p3\",\"profileData\":{\"Name\":\"Three\"}}",
		"{\"identity\":\"r1\",\"evtName\":\"\",\"evtData\":{}}",
		"{\"identity\":\"d1\",\"evtName\":\"Gone\",\"evtData\":{},\"ts\":1767225602}",
	};
	struct twin	 x, y;
	struct client	*c = cl_new("ingest");
	int		 i;

	t_begin("batch: identities sent again are active once a month, refused and dropped records make no one "
	    "active, and after a reset of the actives (generation bumped) the next batch records them again");
	REQUIRE(twin_make(&x, "AX") && twin_make(&y, "AY"), "fixtures");
	REQUIRE(twin_send(c, &x, &y, first, 1), "first batch: %ld", c->r.status);
	REQUIRE(twin_schema(&x, "events", "Gone", 1) && twin_schema(&y, "events", "Gone", 1),
	    "discarding Gone failed");
	/* several times: every worker process has seen the identities */
	for (i = 0; i < 6; i++)
		REQUIRE(twin_send(c, &x, &y, recs, sizeof(recs) / sizeof(recs[0])), "batch %d: %ld", i,
		    c->r.status);
	REQUIRE(x.refused == 6 && x.dropped == 6, "refused %lld dropped %lld, expected 6 and 6",
	    x.refused, x.dropped);
	REQUIRE(actives_of(x.pk, NULL) == 4 && actives_of(x.pk, "r1") == 0 && actives_of(x.pk, "d1") == 0,
	    "active rows %lld (r1 %lld, d1 %lld), expected 4: g0 a1 a2 p3", actives_of(x.pk, NULL),
	    actives_of(x.pk, "r1"), actives_of(x.pk, "d1"));
	REQUIRE(sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", x.pk) == 4,
	    "MAU %lld, expected 4", sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld",
	    x.pk));
	REQUIRE(twin_same(&x, &y), "before the reset");
	actives_reset(x.pk);
	actives_reset(y.pk);
	REQUIRE(actives_of(x.pk, NULL) == 0, "reset left %lld rows", actives_of(x.pk, NULL));
	for (i = 0; i < 2; i++)
		REQUIRE(twin_send(c, &x, &y, recs, sizeof(recs) / sizeof(recs[0])), "after the reset %d: %ld",
		    i, c->r.status);
	REQUIRE(actives_of(x.pk, NULL) == 3 && actives_of(x.pk, "a1") == 1,
	    "active rows after the reset %lld (a1 %lld), expected 3: a1 a2 p3", actives_of(x.pk, NULL),
	    actives_of(x.pk, "a1"));
	REQUIRE(sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", x.pk) == 3,
	    "MAU after the reset %lld, expected 3",
	    sqln("SELECT COALESCE(SUM(mau), 0) FROM usage_month WHERE account_id = %lld", x.pk));
	twin_same(&x, &y);
done:
	buf_free(&x.reasons);
	buf_free(&y.reasons);
	cl_free(c);
	t_end();
}

static void
part_data_batch(void)
{
	test_batch_same_rows();
	test_batch_limits();
	test_batch_event_props();
	test_batch_actives();
}
