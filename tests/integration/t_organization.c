/*
 * Tests of the Organization page (/settings/organization): who sees it
 * and who may edit it, the details saved and shown, the 2-step policy an
 * Admin without 2-step verification may not set, bad input (each checked
 * to change nothing), a refused form refilled, and the invite domains as
 * the Users page's invite form enforces them.
 */

/* The organization as adm sees it, as one string. */
static void
snap_org(struct client *adm, struct buf *b)
{
	static const char *const x[] = {
		"string(/steward/organization/@name)",
		"string(/steward/organization/@legal-name)",
		"string(/steward/organization/@address)",
		"string(/steward/organization/@country)",
		"string(/steward/organization/@website)",
		"string(/steward/organization/@tax-id)",
		"string(/steward/organization/@invite-domains)",
		"string(/steward/organization/@require-2fa)",
		NULL
	};

	buf_clear(b);
	if (api(adm, "/settings/organization") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

/* Who sees the page, and who gets the form. */
static void
test_org_view(void)
{
	static const struct {
		struct user	*who;
		long		 status;
		const char	*editable;
	} rows[] = {
		{ &UX_admin, 200, "yes" }, { &UX_creator, 200, "no" },
		{ &UX_member, 200, "no" }, { &UX_agent, 403, NULL },
	};
	struct client	*c;
	char		 name[200];
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "organization: %s -> %ld%s%s", rows[i].who->role, rows[i].status,
		    rows[i].editable ? ", editable=" : "", rows[i].editable ? rows[i].editable : "");
		t_begin(name);
		c = signed_in(rows[i].who);
		if (c != NULL) {
			ck(api(c, "/settings/organization") == rows[i].status, "answered %ld", c->r.status);
			if (rows[i].editable != NULL) {
				ck(strcmp(xs(c, "string(/steward/organization/@editable)"), rows[i].editable) == 0,
				    "editable=%s", xs(c, "string(/steward/organization/@editable)"));
				get(c, "/settings/organization");
				ck(c->r.status == 200 && (strcmp(rows[i].editable, "yes") == 0) ==
				    body_has(c, "action=\"/settings/organization\""), "the HTML form is %s",
				    body_has(c, "action=\"/settings/organization\"") ? "there" : "missing");
			} else
				ck(strcmp(xs(c, "string(/steward/error-page/@status)"), "403") == 0, "no 403 page");
		}
		cl_free(c);
		t_end();
	}
}

/* The Admin saves every detail; they are shown normalised. */
static void
test_org_save(struct client *a)
{
	char		*body = NULL, *addr;

	t_begin("organization: Admin saves name, legal name, address, country, website, tax ID, normalised invite domains and the 2-step policy");
	body = form(a, "name", "Itest X Org", "legal_name", "Itest X GmbH & Co. KG", "address",
	    "Hauptstra\xc3\x9f" "e 1\r\n10115 Berlin", "country", "DE", "website", "https://x.example.com/about",
	    "tax_id", "DE123456789", "invite_domains", " Example.COM , example.org,example.com ",
	    NULL);
	REQUIRE(post_csrf(a, "/api/settings/organization", body, 1) == 303, "answered %ld (%s)",
	    a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/organization") == 200, "GET: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/flash)"), "Organization details saved.") == 0, "flash %s",
	    xs(a, "string(/steward/flash)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@legal-name, '|', "
	    "/steward/organization/@country, '|', /steward/organization/@country-name, '|', /steward/organization/@website, '|', "
	    "/steward/organization/@tax-id, '|', /steward/organization/@invite-domains, '|', /steward/organization/@require-2fa)"),
	    "Itest X Org|Itest X GmbH & Co. KG|DE|Germany|https://x.example.com/about|DE123456789|example.com, example.org|no") == 0,
	    "stored: %s", xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@invite-domains)"));
	addr = xstrdup(xs(a, "string(/steward/organization/@address)"));
	REQUIRE(strstr(addr, "10115 Berlin") != NULL, "address \"%s\"", addr);
	free(addr);
done:
	free(body);
	t_end();
}

/*
 * An Admin without 2-step verification cannot require it of everyone
 * (the 2-step gate would lock them out at once).
 */
static void
test_org_2fa_policy(struct client *a)
{
	char		*body;

	t_begin("organization: requiring 2-step verification without having it -> 422 naming require_2fa, nothing changed");
	body = form(a, "name", "Itest X Org", "require_2fa", "yes", NULL);
	REQUIRE(post_csrf(a, "/api/settings/organization", body, 1) == 422, "answered %ld",
	    a->r.status);
	REQUIRE(xpath_count(a->r.doc, "/steward/errors/error[@field='require_2fa']") == 1,
	    "no error on require_2fa");
	REQUIRE(api(a, "/settings/organization") == 200, "GET: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/organization/@require-2fa)"), "no") == 0,
	    "the policy changed to %s", xs(a, "string(/steward/organization/@require-2fa)"));
done:
	free(body);
	t_end();
}

/* Bad input from the Admin, and any input from a Creator or a Member. */
static void
test_org_bad(struct client *a)
{
	static const struct badcase rows[] = {
		{ "empty name", "name=&country=DE", 1, 422, "name" },
		{ "121-character name", "name=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", 1, 422, "name" },
		{ "name with %0A", "name=Evil%0ACorp", 1, 422, "name" },
		{ "name with %01", "name=Evil%01Corp", 1, 400, NULL },
		{ "name with invalid UTF-8", "name=Evil%C3%28Corp", 1, 400, NULL },
		{ "name with a right-to-left override", "name=Evil%E2%80%AECorp", 1, 422, "name" },
		{ "legal name of 201 characters", "name=Ok&legal_name=lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll", 1, 422, "legal_name" },
		{ "website javascript:", "name=Ok&website=javascript%3Aalert(1)", 1, 422, "website" },
		{ "website without a scheme", "name=Ok&website=example.com", 1, 422, "website" },
		{ "unknown country ZZ", "name=Ok&country=ZZ", 1, 422, "country" },
		{ "tax ID with spaces at the end only", "name=Ok&tax_id=%3Cb%3E", 1, 422, "tax_id" },
		{ "invite domain 'not a domain'", "name=Ok&invite_domains=example.com%2C%20not%20a%20domain", 1, 422, "invite_domains" },
		{ "21 invite domains", "name=Ok&invite_domains=a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,a20.io,a21.io", 1, 422, "invite_domains" },
		{ "require_2fa=maybe (unknown value)", "name=Ok&require_2fa=maybe", 1, 422, "require_2fa" },
		{ "no CSRF token", "name=Ok", 0, 403, NULL },
		{ "wrong CSRF token", "name=Ok", 2, 403, NULL },
	};
	static const struct badcase roles[] = {
		{ "as a Creator", "name=Creator%20Corp", 1, 403, NULL },
	};
	static const struct badcase roles2[] = {
		{ "as a Member", "name=Member%20Corp", 1, 403, NULL },
	};
	struct client	*cr, *me;

	bad_posts("organization", a, a, "/api/settings/organization", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_org);
	if ((cr = signed_in(&UX_creator)) != NULL)
		bad_posts("organization", cr, a, "/api/settings/organization", roles, 1, snap_org);
	if ((me = signed_in(&UX_member)) != NULL)
		bad_posts("organization", me, a, "/api/settings/organization", roles2, 1, snap_org);
	cl_free(cr);
	cl_free(me);
}

/* A refused form comes back with what was typed (XML and HTML). */
static void
test_org_typed(struct client *a)
{
	t_begin("organization: a 422 keeps every typed value");
	post_csrf(a, "/api/settings/organization", "name=Typed%20Org&legal_name=Typed%20Legal&website=nope&country=FR&invite_domains=typed.example", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@legal-name, '|', "
	    "/steward/organization/@website, '|', /steward/organization/@country, '|', /steward/organization/@invite-domains)"),
	    "Typed Org|Typed Legal|nope|FR|typed.example") == 0, "answered %ld: %s", a->r.status,
	    xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@website)"));
	post(a, "/settings/organization", "name", "", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && body_has(a, "aria-invalid=\"true\""), "HTML 422: %ld", a->r.status);
	t_end();
}

/* The Users page's invite form obeys the saved invite domains. */
static void
test_org_invite_domains(struct client *a)
{
	struct snap	 s;
	char		 email[160], *body;

	t_begin("organization: the Users page's invite check reads the saved domains: only those domains exactly; others and subdomains -> 422 naming email, no mail");
	snprintf(email, sizeof(email), "itest-%s-outsider@elsewhere.org", g_tag);
	snap_take(&s);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && xpath_count(a->r.doc, "/steward/errors/error[@field='email']") == 1 &&
	    strstr(xs(a, "string(/steward/errors/error)"), "example.com") != NULL,
	    "outside domain answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors/error)"));
	ck(mail_new(&s, email, NULL) == 0, "a mail went to %s", email);
	snap_free(&s);
	snprintf(email, sizeof(email), "itest-%s-sub@eu.example.com", g_tag);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 422, "a subdomain answered %ld", a->r.status);
	snprintf(email, sizeof(email), "itest-%s-insider@example.org", g_tag);
	snap_take(&s);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 303, "an allowed domain answered %ld (%s)", a->r.status,
	    xs(a, "string(/steward/errors/error)"));
	ck(mail_new(&s, email, NULL) == 1, "no mail to %s", email);
	snap_free(&s);
	body = form(a, "name", "Itest X Org", "invite_domains", "", NULL);
	ck(post_csrf(a, "/api/settings/organization", body, 1) == 303, "clearing the domains: %ld", a->r.status);
	free(body);
	snprintf(email, sizeof(email), "itest-%s-anyone@elsewhere.org", g_tag);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 303, "with no domains any address may be invited: %ld", a->r.status);
	t_end();
}

/* The form as the Admin of X, step by step (the state builds up). */
static void
test_org_edit(void)
{
	struct client	*a;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	test_org_save(a);
	test_org_2fa_policy(a);
	test_org_bad(a);
	test_org_typed(a);
	test_org_invite_domains(a);
	cl_free(a);
}

/* Fields longer than their limit are refused, changing nothing. */
static void
test_org_too_long(void)
{
	static const struct long_case rows[] = {
		{ "501-character address", "address", 'a', 501, "&name=Ok" },
		{ "282-character website", "website", 'w', 250, ".example.com&name=Ok" },
		{ "1,112-character invite domain", "invite_domains", 'd', 1100, ".example.com&name=Ok" },
	};

	too_long_posts("organization", "/api/settings/organization", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_org);
}

/* The Organization group's tests, in order. */
static void
part_organization(void)
{
	static const char *const actions[] = { "organization.update" };

	if (!account_ready())
		return;
	test_org_view();
	test_org_edit();
	test_org_too_long();
	audit_rows("audit: the organization's update left its audit_log row (read from a mariadb-dump)",
	    actions, 1);
}
