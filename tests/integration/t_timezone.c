/*
 * Tests of the Account Timezone page (/settings/timezone): every IANA zone
 * by region with its local time, read-only for everybody but the Admin,
 * bad zones refused (each checked to change nothing), a refused zone
 * refilled, and a change that every page's account/@timezone follows.
 */

/* The account's time zone as adm sees it. */
static void
snap_tz(struct client *adm, struct buf *b)
{
	static const char *const x[] = { "string(/steward/timezone/@current)", NULL };

	buf_clear(b);
	if (api(adm, "/settings/timezone") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

/* The UTC offset of zone now, "+01:00", from the C library's tz data. */
static void
offset_now(const char *zone, char *out, size_t len)
{
	char		*old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	time_t		 t = time(NULL);
	struct tm	 tm;
	long		 off;

	setenv("TZ", zone, 1);
	tzset();
	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	snprintf(out, len, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
}

/* The zones by region, their local times, the HTML form. */
static void
test_tz_page(struct client *a)
{
	char		 off[48];

	t_begin("timezone: every IANA zone by region with its local time; Europe/Berlin's offset now agrees with the C library; no posix/ or right/ zones");
	REQUIRE(api(a, "/settings/timezone") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/timezone/@current)"), "Europe/Berlin") == 0,
	    "current %s", xs(a, "string(/steward/timezone/@current)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region/zone") > 300, "only %d zones",
	    xpath_count(a->r.doc, "/steward/timezone/region/zone"));
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region[@name='Europe']/zone[@name='Europe/Berlin']") == 1,
	    "Europe/Berlin is not under Europe");
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region[@name='America']/zone[@name='America/Argentina/Buenos_Aires']") == 1,
	    "America/Argentina/Buenos_Aires is missing");
	REQUIRE(xpath_count(a->r.doc, "//zone[starts-with(@name, 'posix/') or starts-with(@name, 'right/')]") == 0,
	    "posix/ or right/ zones are offered");
	offset_now("Europe/Berlin", off, sizeof(off));
	REQUIRE(strcmp(xs(a, "substring(/steward/timezone/@local, 20)"), off) == 0,
	    "local %s, the C library says %s", xs(a, "string(/steward/timezone/@local)"), off);
	offset_now("Asia/Kolkata", off, sizeof(off));
	REQUIRE(strcmp(xs(a, "substring(//zone[@name='Asia/Kolkata']/@local, 20)"), "+05:30") == 0 &&
	    strcmp(off, "+05:30") == 0, "Asia/Kolkata %s", xs(a, "string(//zone[@name='Asia/Kolkata']/@local)"));
	REQUIRE(get(a, "/settings/timezone") == 200 && body_has(a, "<optgroup label=\"Europe\">") &&
	    body_has(a, "name=\"timezone\""), "HTML: %ld", a->r.status);
done:
	t_end();
}

/* Creators, Members and Agents see the zone, without the form or the POST. */
static void
test_tz_roles(struct client *a)
{
	static const struct badcase role_rows[] = {
		{ "change by a non-Admin", "timezone=Asia/Tokyo", 1, 403, NULL },
	};
	struct user	*who[] = { &UX_creator, &UX_member, &UX_agent };
	struct client	*c;
	char		 name[200];
	size_t		 i;

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "timezone: a %s sees the zone but no form (can/@timezone-edit=no)", who[i]->role);
		t_begin(name);
		if ((c = signed_in(who[i])) != NULL) {
			ck(api(c, "/settings/timezone") == 200, "answered %ld", c->r.status);
			ck(strcmp(xs(c, "string(/steward/can/@timezone-edit)"), "no") == 0, "can/@timezone-edit is yes");
			ck(get(c, "/settings/timezone") == 200 && !body_has(c, "name=\"timezone\""),
			    "the HTML page has the form");
			t_end();
			snprintf(name, sizeof(name), "timezone (%s)", who[i]->role);
			bad_posts(name, c, a, "/api/settings/timezone", role_rows, 1, snap_tz);
			cl_free(c);
		} else
			t_end();
	}
}

/* Bad zones and missing or wrong CSRF tokens, each changing nothing. */
static void
test_tz_bad(struct client *a)
{
	static const struct badcase rows[] = {
		{ "empty zone", "timezone=", 1, 422, "timezone" },
		{ "missing zone", "", 1, 422, "timezone" },
		{ "unknown zone Mars/Olympus", "timezone=Mars/Olympus", 1, 422, "timezone" },
		{ "a zone not offered (posix/Europe/Berlin)", "timezone=posix/Europe/Berlin", 1, 422, "timezone" },
		{ "a lower-case zone", "timezone=europe/berlin", 1, 422, "timezone" },
		{ "65-character zone", "timezone=Europe/Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 1, 422, "timezone" },
		{ "SQL in the zone", "timezone=Europe/Berlin'%20OR%20'1'%3D'1", 1, 422, "timezone" },
		{ "zone with %01", "timezone=Europe/Berlin%01", 1, 400, NULL },
		{ "zone with invalid UTF-8", "timezone=Europe/Berl%FFn", 1, 400, NULL },
		{ "no CSRF token", "timezone=Asia/Tokyo", 0, 403, NULL },
		{ "wrong CSRF token", "timezone=Asia/Tokyo", 2, 403, NULL },
	};

	bad_posts("timezone", a, a, "/api/settings/timezone", rows, sizeof(rows) / sizeof(rows[0]), snap_tz);
}

/* A refused zone is refilled; a good one is set, shown everywhere, and set back. */
static void
test_tz_change(struct client *a)
{
	char		 off[48];

	t_begin("timezone: a 422 keeps the typed zone; Admin sets America/New_York (303, every page's account/@timezone follows) and back");
	post_csrf(a, "/api/settings/timezone", "timezone=Mars/Olympus", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "string(/steward/timezone/@selected)"), "Mars/Olympus") == 0,
	    "422 selected %s", xs(a, "string(/steward/timezone/@selected)"));
	ck(post_csrf(a, "/api/settings/timezone", "timezone=America/New_York", 1) == 303, "answered %ld", a->r.status);
	ck(api(a, "/settings/timezone") == 200 && strstr(xs(a, "string(/steward/flash)"), "America/New_York") != NULL,
	    "flash %s", xs(a, "string(/steward/flash)"));
	ck(strcmp(xs(a, "string(/steward/timezone/@current)"), "America/New_York") == 0,
	    "timezone/@current %s", xs(a, "string(/steward/timezone/@current)"));
	offset_now("America/New_York", off, sizeof(off));
	ck(strcmp(xs(a, "substring(/steward/timezone/@local, 20)"), off) == 0, "local %s, expected %s",
	    xs(a, "string(/steward/timezone/@local)"), off);
	ck(load_settings(a) == 200 && strcmp(xs(a, "string(/steward/account/@timezone)"), "America/New_York") == 0,
	    "account/@timezone %s", xs(a, "string(/steward/account/@timezone)"));
	ck(post_csrf(a, "/api/settings/timezone", "timezone=Europe/Berlin", 1) == 303, "back: %ld", a->r.status);
	t_end();
}

/* The page as the Admin of X, step by step. */
static void
test_timezone(void)
{
	struct client	*a;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	test_tz_page(a);
	test_tz_roles(a);
	test_tz_bad(a);
	test_tz_change(a);
	cl_free(a);
}

/* The Account Timezone group's tests, in order. */
static void
part_timezone(void)
{
	static const char *const actions[] = { "account.timezone" };

	if (!account_ready())
		return;
	test_timezone();
	audit_rows("audit: the time zone change left its audit_log row (read from a mariadb-dump)",
	    actions, 1);
}
