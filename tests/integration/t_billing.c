/*
 * Tests of the Billing page (/settings/billing): the page and who may see
 * it, usage summed over the organization's accounts, the payment card
 * (checked, never stored or logged) and the billing contact.  The plan
 * and invoice pages follow in t_billing_plan.c and t_billing_invoices.c;
 * part_billing() (in the latter) runs the three in order, as the billing
 * state builds up.  Every form gets its bad input (empty, too long,
 * invalid UTF-8, control characters, wrong type, unknown value, missing
 * or wrong CSRF, wrong role), each checked to change nothing.
 */

/* Card numbers typed in these tests: none may ever be stored or logged. */
static const char *const typed_cards[] = {
	"4242424242424242", "4242 4242 4242 4242", "4000056655665556",
	"378282246310005", "4242424242424241", "30569309025904",
	"5555555555554444",
};

/* The billing state of adm's organization, as one string. */
static void
snap_billing(struct client *adm, struct buf *b)
{
	static const char *const x[] = {
		"string(/steward/billing/@plan)",
		"string(/steward/billing/@pending-plan)",
		"string(/steward/billing/card/@last4)",
		"string(/steward/billing/card/@brand)",
		"string(/steward/billing/card/@exp-month)",
		"string(/steward/billing/card/@exp-year)",
		"string(/steward/billing/card/@holder)",
		"string(/steward/billing/contact/@name)",
		"string(/steward/billing/contact/@email)",
		"string(/steward/billing/contact/@address)",
		"string(/steward/billing/contact/@country)",
		"string(/steward/billing/contact/@tax-id)",
		"count(/steward/billing/invoices/invoice)",
		"string(/steward/billing/invoices/invoice[1]/@ref)",
		NULL
	};

	buf_clear(b);
	if (api(adm, "/settings/billing") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

/* ---------------------------------------------------------- the page */

static void
test_billing_page(void)
{
	struct client	*a = NULL;
	char		 days[16];

	t_begin("billing: Admin sees four plans (Free current), the period, a day per day, no card, no invoices (an empty state, no pager); HTML renders with the chart legend's keys");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan") == 4, "%d plans",
	    xpath_count(a->r.doc, "/steward/billing/plan"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/@plan)"), "free") == 0,
	    "plan is %s", xs(a, "string(/steward/billing/@plan)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan[@code='free' and @move='current' and @price='0']") == 1,
	    "Free is not the current plan at 0");
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan[@code='enterprise' and @move='upgrade']") == 1,
	    "Enterprise is not an upgrade");
	xpath_str(a->r.doc, "string(/steward/billing/@period-days)", days, sizeof(days));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/usage/day") == atoi(days),
	    "%d days for a period of %s", xpath_count(a->r.doc, "/steward/billing/usage/day"), days);
	REQUIRE(strncmp(xs(a, "string(/steward/billing/@period-start)"), utc_today(), 8) == 0 &&
	    strcmp(xs(a, "substring(/steward/billing/@period-start, 9)"), "01") == 0,
	    "period starts %s, not the 1st of this month", xs(a, "string(/steward/billing/@period-start)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/card") == 0, "a card is shown");
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == 0, "invoices are shown");
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/invoices/pager/@page, '|', /steward/billing/invoices/pager/@next, '|', "
	    "/steward/billing/invoices/pager/@total)"), "1|no|0") == 0, "the empty list's pager: %s",
	    xs(a, "concat(/steward/billing/invoices/pager/@page, '|', /steward/billing/invoices/pager/@next, '|', "
	    "/steward/billing/invoices/pager/@total)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/countries/country") == 249, "%d countries",
	    xpath_count(a->r.doc, "/steward/countries/country"));
	REQUIRE(get(a, "/settings/billing") == 200 && strncmp(a->r.ctype, "text/html", 9) == 0 &&
	    body_has(a, "<h1>Billing</h1>") && body_has(a, "class=\"chart-svg\""),
	    "HTML page: %ld %s", a->r.status, a->r.ctype);
	ck(body_has(a, "No invoices yet") && !body_has(a, "class=\"pager\"") &&
	    !body_has(a, "invoices.csv"), "no invoices: not the empty state, or a pager / an export");
	ck(body_has(a, "legend-key legend-key-bar") && body_has(a, "legend-key legend-key-over") &&
	    body_has(a, "legend-key legend-key-line") && !body_has(a, "class=\"swatch"),
	    "the chart legend does not use the .legend-key keys");
done:
	cl_free(a);
	t_end();
}

static void
test_billing_roles(void)
{
	static const char *const paths[] = {
		"/settings/billing", "/settings/billing/plan?plan=essentials",
		"/settings/billing/invoices.csv", "/settings/billing/invoices/1",
	};
	struct user	*who[] = { &UX_creator, &UX_member, &UX_agent };
	struct client	*c, *adm = NULL;
	char		 name[200], p[256];
	size_t		 i, k;

	adm = signed_in(&UX_admin);
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "billing: a %s gets 403 on every billing page (XML and HTML) and no Billing entry",
		    who[i]->role);
		t_begin(name);
		c = signed_in(who[i]);
		if (c != NULL) {
			ck(strcmp(xs(c, "string(/steward/can/@billing)"), "no") == 0,
			    "can/@billing is %s", xs(c, "string(/steward/can/@billing)"));
			for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
				ck(api(c, paths[k]) == 403, "GET /api%s: %ld", paths[k], c->r.status);
				snprintf(p, sizeof(p), "%s", paths[k]);
				ck(get(c, p) == 403 && !body_has(c, "Payment card"),
				    "GET %s: %ld", paths[k], c->r.status);
			}
		}
		cl_free(c);
		t_end();
	}
	for (i = 0; i < 3; i++) {
		struct badcase rows[] = {
			{ "card", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 403, NULL },
			{ "contact", "name=Ann&email=ann%40example.com", 1, 403, NULL },
			{ "plan", "plan=essentials&amount=0", 1, 403, NULL },
		};
		static const char *const posts[] = {
			"/api/settings/billing/card", "/api/settings/billing/contact",
			"/api/settings/billing/plan",
		};
		c = signed_in(who[i]);
		if (c == NULL)
			continue;
		for (k = 0; k < 3; k++) {
			snprintf(name, sizeof(name), "billing: %s POSTs %s", who[i]->role, rows[k].name);
			bad_posts(name, c, adm, posts[k], &rows[k], 1, snap_billing);
		}
		cl_free(c);
	}
	cl_free(adm);
}

static void
test_billing_usage(void)
{
	struct client	*a = NULL;
	char		 out[256], expr[200];
	const char	*today = utc_today();

	t_begin("billing: usage-add on two accounts of the organization is summed (another organization's is not), per day, with meters warning at 80% and over at 100%");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", today, "--data-points", "1200", "--mau", "500", NULL) == 0, "usage-add X: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X2,
	    "--day", today, "--data-points", "34", "--mau", "350", NULL) == 0, "usage-add X2: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", Y.id,
	    "--day", today, "--data-points", "999999", "--mau", "999", NULL) == 0, "usage-add Y: %s", out);
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@data-points)"), "1234") == 0,
	    "data points %s, not 1234", xs(a, "string(/steward/billing/usage/@data-points)"));
	snprintf(expr, sizeof(expr), "string(/steward/billing/usage/day[@date='%s']/@data-points)", today);
	REQUIRE(strcmp(xs(a, expr), "1234") == 0, "today's bar is %s", xs(a, expr));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau)"), "850") == 0,
	    "MAU %s, not 850", xs(a, "string(/steward/billing/usage/@mau)"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau-percent)"), "85") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/usage/@mau-level)"), "warn") == 0,
	    "MAU meter %s%% %s", xs(a, "string(/steward/billing/usage/@mau-percent)"),
	    xs(a, "string(/steward/billing/usage/@mau-level)"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@data-points-level)"), "ok") == 0,
	    "data-points level %s", xs(a, "string(/steward/billing/usage/@data-points-level)"));
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X2,
	    "--day", today, "--mau", "200", NULL) == 0, "usage-add: %s", out);
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau-level)"), "over") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/usage/@mau-percent)"), "105") == 0,
	    "MAU meter %s%% %s after 1,050 of 1,000", xs(a, "string(/steward/billing/usage/@mau-percent)"),
	    xs(a, "string(/steward/billing/usage/@mau-level)"));
	REQUIRE(get(a, "/settings/billing") == 200 && body_has(a, "meter-over"),
	    "the HTML page does not show the over-allowance meter");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", "2026-02-30", NULL) != 0, "usage-add accepted 2026-02-30");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", today, "--mau", "-5", NULL) == 1, "usage-add accepted --mau -5");
done:
	cl_free(a);
	t_end();
}

/* ---------------------------------------------------------- the card */

static void
test_card_good(void)
{
	struct client	*a = NULL;
	char		*body = NULL;

	t_begin("card: a valid Visa is stored as brand, last 4, expiry and holder; the 303 and the page never hold the number");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	body = form(a, "holder", "Zo\xc3\xab Lindqvist", "number", "4242 4242 4242 4242",
	    "exp_month", "12", "exp_year", "2030", "cvc", "123", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303,
	    "answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(strcmp(a->r.location, "/api/settings/billing") == 0, "Location %s", a->r.location);
	REQUIRE(!body_has(a, "4242424242424242") && !body_has(a, "4242 4242"), "the answer holds the number");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/flash)"), "Card saved: Visa ending in 4242.") == 0,
	    "flash \"%s\"", xs(a, "string(/steward/flash)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4, ' ', "
	    "/steward/billing/card/@exp-month, '/', /steward/billing/card/@exp-year, ' ', /steward/billing/card/@holder)"),
	    "visa 4242 12/2030 Zo\xc3\xab Lindqvist") == 0, "card shown as \"%s\"",
	    xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"));
	REQUIRE(!body_has(a, "4242424242424242") && !body_has(a, "cvc=\"123\""), "the page holds the number or the CVC");
	REQUIRE(get(a, "/settings/billing") == 200 && body_has(a, "Visa ending in") &&
	    !body_has(a, "4242424242424242"), "HTML page");
	free(body);
	body = form(a, "holder", "Ann Amex", "number", "3782-822463-10005",
	    "exp_month", "1", "exp_year", "2031", "cvc", "1234", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303,
	    "an Amex with a 4-digit code answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200 &&
	    strcmp(xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"), "amex 0005") == 0,
	    "card now \"%s\"", xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"));
	free(body);
	body = form(a, "holder", "Zo\xc3\xab Lindqvist", "number", "4242424242424242",
	    "exp_month", "12", "exp_year", "2030", "cvc", "123", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303, "answered %ld", a->r.status);
done:
	free(body);
	cl_free(a);
	t_end();
}

static void
test_card_bad(void)
{
	static const struct badcase rows[] = {
		{ "empty number", "holder=Ann&number=&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "missing number", "holder=Ann&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "30-digit number", "holder=Ann&number=424242424242424242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "Luhn check fails", "holder=Ann&number=4242424242424241&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "letters in the number", "holder=Ann&number=4242abcd42424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "unknown brand (Diners)", "holder=Ann&number=30569309025904&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "number with %01", "holder=Ann&number=4242%0142424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "empty holder", "holder=&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "101-character holder", "holder=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "holder with %0A", "holder=Ann%0ABob&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "holder with %01", "holder=Ann%01&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "holder with invalid UTF-8", "holder=Ann%C3%28&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "expired card", "holder=Ann&number=4242424242424242&exp_month=1&exp_year=2020&cvc=123", 1, 422, "exp_month" },
		{ "expiry 25 years ahead", "holder=Ann&number=4242424242424242&exp_month=1&exp_year=2090&cvc=123", 1, 422, "exp_month" },
		{ "month 13", "holder=Ann&number=4242424242424242&exp_month=13&exp_year=2030&cvc=123", 1, 422, "exp_month" },
		{ "month 'ab' (wrong type)", "holder=Ann&number=4242424242424242&exp_month=ab&exp_year=2030&cvc=123", 1, 422, "exp_month" },
		{ "two-digit year", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=30&cvc=123", 1, 422, "exp_year" },
		{ "2-digit CVC", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=12", 1, 422, "cvc" },
		{ "3-digit CVC on an Amex", "holder=Ann&number=378282246310005&exp_month=12&exp_year=2030&cvc=123", 1, 422, "cvc" },
		{ "CVC 'abc'", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=abc", 1, 422, "cvc" },
		{ "no CSRF token", "holder=Ann&number=5555555555554444&exp_month=12&exp_year=2030&cvc=123", 0, 403, NULL },
		{ "wrong CSRF token", "holder=Ann&number=5555555555554444&exp_month=12&exp_year=2030&cvc=123", 2, 403, NULL },
	};
	struct client	*a = signed_in(&UX_admin);

	if (a == NULL)
		return;
	bad_posts("card", a, a, "/api/settings/billing/card", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	t_begin("card: a 422 keeps holder and expiry but never echoes the number or the CVC");
	post_csrf(a, "/api/settings/billing/card", "holder=Keep%20Me&number=4242424242424241&exp_month=11&exp_year=2031&cvc=987", 1);
	ck(a->r.status == 422, "answered %ld", a->r.status);
	ck(strcmp(xs(a, "string(/steward/billing/card-form/@holder)"), "Keep Me") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/card-form/@exp-month)"), "11") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/card-form/@exp-year)"), "2031") == 0,
	    "typed values not kept: %s", xs(a, "concat(/steward/billing/card-form/@holder, ' ', /steward/billing/card-form/@exp-month)"));
	ck(!body_has(a, "4242424242424241") && !body_has(a, "987"), "the 422 echoes the number or the CVC");
	post(a, "/settings/billing/card", "holder", "Keep Me", "number", "4242424242424241",
	    "exp_month", "11", "exp_year", "2031", "cvc", "987", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && body_has(a, "aria-invalid") && body_has(a, "Keep Me") &&
	    !body_has(a, "4242424242424241"), "HTML 422: %ld", a->r.status);
	t_end();
	cl_free(a);
}

static void
test_card_never_stored(void)
{
	struct buf	 dump = { 0 };
	char		 logs[3][PATH_MAX + 64], *log;
	size_t		 i;

	t_begin("card: no typed card number is anywhere in a mariadb-dump of the database or in the logs");
	REQUIRE(db_dump(&dump) == 0, "mariadb-dump failed");
	REQUIRE(strstr(dump.p, "visa") != NULL && strstr(dump.p, "4242") != NULL,
	    "the dump does not even hold the brand and last 4");
	for (i = 0; i < sizeof(typed_cards) / sizeof(typed_cards[0]); i++)
		REQUIRE(strstr(dump.p, typed_cards[i]) == NULL, "the dump holds %s", typed_cards[i]);
	snprintf(logs[0], sizeof(logs[0]), "%s", g_log);
	snprintf(logs[1], sizeof(logs[1]), "%s/log/nginx-access.log", g_var);
	snprintf(logs[2], sizeof(logs[2]), "%s/log/nginx-error.log", g_var);
	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		if ((log = read_all(logs[i])) == NULL)
			continue;
		ck(strstr(log, "4242424242424242") == NULL && strstr(log, "4242 4242") == NULL &&
		    strstr(log, "4242%204242") == NULL && strstr(log, "378282246310005") == NULL,
		    "%s holds a card number", logs[i]);
		free(log);
	}
done:
	buf_free(&dump);
	t_end();
}

/* ------------------------------------------------------- the contact */

static void
test_contact(void)
{
	static const struct badcase rows[] = {
		{ "empty name", "name=&email=bill%40example.com", 1, 422, "name" },
		{ "101-character name", "name=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn&email=bill%40example.com", 1, 422, "name" },
		{ "empty email", "name=Bill&email=", 1, 422, "email" },
		{ "bad email", "name=Bill&email=not-an-email", 1, 422, "email" },
		{ "unknown country XX", "name=Bill&email=bill%40example.com&country=XX", 1, 422, "country" },
		{ "lower-case country de", "name=Bill&email=bill%40example.com&country=de", 1, 422, "country" },
		{ "tax ID with <", "name=Bill&email=bill%40example.com&tax_id=DE1%3C2", 1, 422, "tax_id" },
		{ "address with a tab", "name=Bill&email=bill%40example.com&address=a%09b", 1, 422, "address" },
		{ "address with %01", "name=Bill&email=bill%40example.com&address=a%01b", 1, 400, NULL },
		{ "name with invalid UTF-8", "name=Bill%FF&email=bill%40example.com", 1, 400, NULL },
		{ "no CSRF token", "name=Bill&email=bill%40example.com", 0, 403, NULL },
	};
	struct client	*a = NULL;
	char		*body = NULL, *addr;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	t_begin("contact: name, email, a two-line address, country and tax ID are saved and shown");
	body = form(a, "name", "Bill Payer", "email", "bills@example.com", "address",
	    "Hauptstra\xc3\x9f" "e 1\n10115 Berlin", "country", "DE", "tax_id", "DE123456789", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/contact", body, 1) == 303,
	    "answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email, '|', "
	    "/steward/billing/contact/@country, '|', /steward/billing/contact/@tax-id)"),
	    "Bill Payer|bills@example.com|DE|DE123456789") == 0, "contact \"%s\"",
	    xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email)"));
	addr = xstrdup(xs(a, "string(/steward/billing/contact/@address)"));
	REQUIRE(strcmp(addr, "Hauptstra\xc3\x9f" "e 1\n10115 Berlin") == 0, "address \"%s\"", addr);
	free(addr);
done:
	free(body);
	t_end();
	bad_posts("contact", a, a, "/api/settings/billing/contact", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	t_begin("contact: a 422 keeps what was typed");
	post_csrf(a, "/api/settings/billing/contact", "name=Typed%20Name&email=nope&country=FR&tax_id=FR1", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "concat(/steward/billing/contact/@name, '|', "
	    "/steward/billing/contact/@email, '|', /steward/billing/contact/@country)"), "Typed Name|nope|FR") == 0,
	    "answered %ld, contact \"%s\"", a->r.status, xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email)"));
	t_end();
	cl_free(a);
}

/* Contact fields longer than their limit are refused, changing nothing. */
static void
test_contact_too_long(void)
{
	static const struct long_case rows[] = {
		{ "501-character address", "address", 'a', 501, "&name=Bill&email=bill%40example.com" },
		{ "33-character tax ID", "tax_id", '9', 33, "&name=Bill&email=bill%40example.com" },
		{ "262-character email", "email", 'e', 250, "%40example.com&name=Bill" },
	};

	too_long_posts("contact", "/api/settings/billing/contact", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
}
