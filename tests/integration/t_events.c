/*
 * Tests of the Events and User Properties pages (/settings/events,
 * /settings/user-properties): roles, describe, discard and restore,
 * another account's ids, paging, search and sort.  Included by itest.c
 * after t_ingest.c (helpers, account D).
 */

/*
 * The items the tests describe and discard (Purchase, Age, Member): made
 * by t_ingest.c's batch, or here when that group did not run.  1 when
 * they are there.
 */
static int
schema_fixtures(void)
{
	struct client	*c;
	long		 st;

	if (sqln("SELECT COUNT(*) FROM event_def WHERE account_id = %lld AND"
	    " name = 'Purchase'", account_pk(&D)) > 0)
		return 1;
	c = cl_new("ingest");
	st = ingest(c, &D, "[{\"identity\":\"fixture\",\"evtName\":\"Purchase\","
	    "\"evtData\":{\"amount\":1}},{\"identity\":\"fixture\","
	    "\"profileData\":{\"Age\":31,\"Member\":true,\"Name\":\"Fix\"}}]");
	cl_free(c);
	return st == 200;
}

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
	struct account	 PG;
	struct user	 u = { .role = "member" };
	struct client	*c = cl_new("ingest"), *m = NULL;
	struct buf	 b = { 0 };
	char		 rec[200];
	size_t		 i;

	t_begin("schema: 60 events page by 50 with next, search narrows, sort by count puts the busiest first");
	REQUIRE(fresh_account(&PG, "PG") == 0, "org-create failed");
	REQUIRE(make_user(&u, "pmember", &PG) == 0, "user-add failed");
	buf_str(&b, "[");
	for (i = 0; i < 60; i++) {
		snprintf(rec, sizeof(rec), "%s{\"identity\":\"p\",\"evtName\":\"Evt %02zu\",\"evtData\":{}}",
		    i ? "," : "", i);
		buf_str(&b, rec);
	}
	for (i = 0; i < 5; i++)
		buf_str(&b, ",{\"identity\":\"p\",\"evtName\":\"Evt 42\",\"evtData\":{}}");
	buf_str(&b, "]");
	REQUIRE(ingest(c, &PG, b.p) == 200, "ingest %ld", c->r.status);
	REQUIRE((m = signed_in(&u)) != NULL, "sign-in failed");
	REQUIRE(get(m, "/api/settings/events") == 200, "%ld", m->r.status);
	REQUIRE(xpath_count(m->r.doc, "/steward/schema/item") == 50, "page 1 has %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[50]/@name)"),
	    "Evt 00 Evt 49") == 0, "page 1 runs from %s",
	    xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[50]/@name)"));
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/pager/@next,' ',/steward/schema/pager/@total,' ',/steward/schema/@total)"),
	    "yes 60 60") == 0, "next matches total = %s",
	    xs(m, "concat(/steward/schema/pager/@next,' ',/steward/schema/pager/@total,' ',/steward/schema/@total)"));
	REQUIRE(get(m, "/api/settings/events?page=2") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 10, "page 2 has %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(strcmp(xs(m, "string(/steward/schema/pager/@next)"), "no") == 0, "page 2 has a next");
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[10]/@name)"),
	    "Evt 50 Evt 59") == 0, "page 2 runs from %s",
	    xs(m, "concat(/steward/schema/item[1]/@name,' ',/steward/schema/item[10]/@name)"));
	REQUIRE(get(m, "/api/settings/events?q=evt%205") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 10, "q='evt 5' finds %d",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(strcmp(xs(m, "concat(/steward/schema/pager/@total,' ',/steward/schema/@total)"), "10 60") == 0,
	    "a search counts its matches: %s",
	    xs(m, "concat(/steward/schema/pager/@total,' ',/steward/schema/@total)"));
	REQUIRE(get(m, "/api/settings/events?q=%25") == 200 &&
	    xpath_count(m->r.doc, "/steward/schema/item") == 0, "q='%%' is a wildcard (%d found)",
	    xpath_count(m->r.doc, "/steward/schema/item"));
	REQUIRE(get(m, "/api/settings/events?sort=count") == 200 &&
	    strcmp(xs(m, "string(/steward/schema/item[1]/@name)"), "Evt 42") == 0,
	    "first by count is %s", xs(m, "string(/steward/schema/item[1]/@name)"));
	REQUIRE(get(m, "/api/settings/events?sort=%3Cscript%3E&page=-1") == 200 &&
	    strcmp(xs(m, "concat(/steward/schema/@sort,' ',/steward/schema/pager/@page)"), "name 1") == 0,
	    "unknown sort/page: %s", xs(m, "concat(/steward/schema/@sort,' ',/steward/schema/pager/@page)"));
	REQUIRE(get(m, "/settings/events?page=2") == 200 && body_has(m, "Evt 59"), "HTML page 2: %ld", m->r.status);
	/* a lean list: 50 rows without a form of their own stay small */
	REQUIRE(get(m, "/settings/events") == 200 && m->r.body.n < 20000,
	    "HTML page 1 of 50 rows is %zu bytes", m->r.body.n);
	/* the pager's links keep the search and the sort order */
	REQUIRE(get(m, "/settings/events?q=evt&sort=count") == 200 &&
	    body_has(m, "href=\"/settings/events?q=evt&amp;sort=count&amp;page=2\"") &&
	    body_has(m, "Page 1 of 2") && body_has(m, ">60 events match"),
	    "HTML pager of a search: %ld", m->r.status);
	REQUIRE(get(m, "/settings/events?q=nothing-like-this") == 200 &&
	    body_has(m, "No events match") && body_has(m, "Show all events") &&
	    !body_has(m, "of 512"), "HTML search without a match: %ld", m->r.status);
done:
	buf_free(&b);
	cl_free(c);
	cl_free(m);
	t_end();
}

/* ------------------------------------------------------------ group */

static void
part_events(void)
{
	if (!data_fixtures() || !schema_fixtures())
		return;
	test_schema_roles();
	test_schema_describe();
	test_schema_discard();
	test_schema_foreign();
	test_schema_paging();
}
