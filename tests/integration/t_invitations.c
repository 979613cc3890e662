/*
 * Tests of invitations: the bulk invite of the Users page
 * (/settings/users/invite: bad input, the role table, the organization's
 * domains), resend, revoke and copy link (/settings/users/invitations/…,
 * ids of other accounts, expiry), accepting (/invitations/accept: new
 * person, existing login, signed in, bad tokens), and mail through a
 * real SMTP sink (python3-aiosmtpd).  Included by itest.c after
 * t_users.c, whose fixtures and helpers they use.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

/* --------------------------------------------------------- bulk invite */

static void
test_bulk_invite(void)
{
	struct client	*c = NULL;
	struct snap	 s = { 0 };
	char		 list[1024], *text = NULL;
	int		 n;

	t_begin("bulk invite: 3 new addresses (commas, newline, \"Name <addr>\", a duplicate, a member) -> 303, "
	    "3 multipart mails, 3 invitations, members skipped and named");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(users_page(c, NULL) == 200, "page: %ld", c->r.status);
	snprintf(list, sizeof(list), "Ann Example <%s>, %s\n%s; %s,%s", addr("b1"),
	    addr("b2"), addr("B3"), addr("b1"), V_member.email);
	snap_take(&s);
	bulk(c, list, "member", "Welcome aboard!\nSee you soon.");
	REQUIRE(c->r.status == 303, "answered %ld (%s)", c->r.status, xs(c, "string(/steward/errors)"));
	REQUIRE(strcmp(c->r.location, "/api/settings/users") == 0, "Location %s", c->r.location);
	n = mail_new(&s, g_tag, &text);
	REQUIRE(n == 3, "%d mails", n);
	REQUIRE(strstr(text, "multipart/alternative") && strstr(text, "text/html") &&
	    strstr(text, "text/plain"), "the mail is not multipart text + HTML");
	REQUIRE(strstr(text, "> Welcome aboard!\r\n> See you soon.") != NULL,
	    "the message is not quoted in the text part");
	REQUIRE(inv_of(&UC, addr("b1"))[0] && inv_of(&UC, addr("b2"))[0] &&
	    inv_of(&UC, addr("b3"))[0], "the invitations are not stored (lower-cased)");
	REQUIRE(!inv_of(&UC, V_member.email)[0], "an invitation for a member");
	REQUIRE(audit_count(&UC, "invite.send", addr("b2")) == 1, "no audit row");
	REQUIRE(users_page(c, NULL) == 200, "page: %ld", c->r.status);
	REQUIRE(strstr(xs(c, "string(/steward/flash)"), "3 people") &&
	    strstr(xs(c, "string(/steward/flash)"), V_member.email),
	    "flash \"%s\"", xs(c, "string(/steward/flash)"));
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation[@status='invited']") >= 3,
	    "the invitations are not listed");
done:
	free(text);
	snap_free(&s);
	cl_free(c);
	t_end();
}

static void
test_bulk_invite_bad(void)
{
	static const struct {
		const char	*name, *emails, *role, *message;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "empty list", "", "member", "", 422, "emails" },
		{ "only separators", " ,\n; ", "member", "", 422, "emails" },
		{ "51 addresses", "@51", "member", "", 422, "emails" },
		{ "one invalid among valid", "@GOOD,not-an-email", "member", "", 422, "emails" },
		{ "two @", "@GOOD,a@b@example.com", "member", "", 422, "emails" },
		{ "255+ character address", "@LONG", "member", "", 422, "emails" },
		{ "control character %01", "@RAW%01", "member", "", 400, NULL },
		{ "invalid UTF-8 %C3%28", "@RAW%C3%28", "member", "", 400, NULL },
		{ "invalid UTF-8 %FF", "@RAW%FF", "member", "", 400, NULL },
		{ "unknown role owner", "@GOOD", "owner", "", 422, "role" },
		{ "role in upper case", "@GOOD", "ADMIN", "", 422, "role" },
		{ "empty role", "@GOOD", "", "", 422, "role" },
		{ "1001-character message", "@GOOD", "member", "@BIGMSG", 422, "message" },
		{ "message with a bidi override", "@GOOD", "member", "hi \xe2\x80\xae there", 422, "message" },
		{ "message with %07", "@GOOD", "member", "@RAWMSG", 400, NULL },
		{ "only members", "@MEMBERS", "member", "", 422, "emails" },
		{ "field over 8 KiB", "@HUGE", "member", "", 413, NULL },
	};
	struct client	*c = NULL;
	struct buf	 b = { 0 }, body = { 0 };
	char		 name[200], one[160], *esc, *big;
	struct snap	 s = { 0 };
	const char	*em, *msg;
	size_t		 i;
	int		 k, raw;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "bulk invite: bad input (%s) -> %ld%s%s, no mail, no invitation",
		    rows[i].name, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
		users_page(c, NULL);
		buf_clear(&b);
		em = rows[i].emails;
		raw = strncmp(em, "@RAW", 4) == 0;
		if (strcmp(em, "@51") == 0) {
			for (k = 0; k < 51; k++) {
				snprintf(one, sizeof(one), "%s%s", k ? "," : "", addr("many"));
				one[strlen(one) - 12] = (char)('a' + k % 26);
				one[strlen(one) - 13] = (char)('a' + k / 26);
				buf_str(&b, one);
			}
		} else if (strncmp(em, "@GOOD", 5) == 0) {
			buf_str(&b, addr("badrow"));
			buf_str(&b, em + 5);
		} else if (strcmp(em, "@LONG") == 0) {
			big = repeat('l', 250);
			buf_str(&b, big);
			buf_str(&b, "@example.com");
			free(big);
		} else if (strcmp(em, "@MEMBERS") == 0) {
			buf_str(&b, V_member.email);
			buf_str(&b, ",");
			buf_str(&b, V_agent.email);
		} else if (strcmp(em, "@HUGE") == 0) {
			big = repeat('h', 9000);
			buf_str(&b, big);
			free(big);
		} else if (raw) {
			buf_str(&b, "itest-");
			buf_str(&b, g_tag);
			buf_str(&b, "-raw");
			buf_str(&b, em + 4);
			buf_str(&b, "@example.com");
		} else
			buf_str(&b, em);
		msg = rows[i].message;
		buf_clear(&body);
		buf_str(&body, "emails=");
		if (raw)
			buf_str(&body, b.p);
		else {
			esc = curl_easy_escape(c->h, b.p ? b.p : "", 0);
			buf_str(&body, esc);
			curl_free(esc);
		}
		buf_str(&body, "&role=");
		buf_str(&body, rows[i].role);
		buf_str(&body, "&message=");
		if (strcmp(msg, "@RAWMSG") == 0)
			buf_str(&body, "bell%07");
		else {
			big = strcmp(msg, "@BIGMSG") == 0 ? repeat('m', 1001) : xstrdup(msg);
			esc = curl_easy_escape(c->h, big, 0);
			buf_str(&body, esc);
			curl_free(esc);
			free(big);
		}
		buf_str(&body, "&csrf=");
		buf_str(&body, c->csrf);
		snap_take(&s);
		post_raw(c, "/api/settings/users/invite", body.p, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field != NULL) {
			snprintf(one, sizeof(one), "/steward/errors/error[@field='%s']", rows[i].field);
			ck(xpath_count(c->r.doc, one) >= 1, "no error naming %s (errors: %s)",
			    rows[i].field, xs(c, "string(/steward/errors)"));
			ck(xpath_count(c->r.doc, "/steward/invite") == 1 &&
			    (rows[i].status != 422 || strcmp(rows[i].emails, "@51") == 0 ||
			    strcmp(xs(c, "string(/steward/invite/@emails)"), b.p ? b.p : "") == 0),
			    "the form does not keep what was typed (\"%.60s\")",
			    xs(c, "string(/steward/invite/@emails)"));
		}
		if (strcmp(em, "@GOOD,not-an-email") == 0)
			ck(xpath_count(c->r.doc, "/steward/invite/result[@outcome='refused']") == 1 &&
			    xpath_count(c->r.doc, "/steward/invite/result[@outcome='ready']") == 1,
			    "per-address results missing");
		if (c->r.status == 400)
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='400']") == 1, "no 400 page");
		ck(mail_new(&s, g_tag, NULL) == 0, "a mail was sent");
		ck(!inv_of(&UC, addr("badrow"))[0], "an invitation was stored");
		snap_free(&s);
		t_end();
		continue;
done:
		t_end();
	}
	t_begin("bulk invite: the HTML form's 422 keeps the addresses, shows one result per address");
	if (c != NULL) {
		users_page(c, NULL);
		snprintf(one, sizeof(one), "%s, not-an-address", addr("html1"));
		post(c, "/settings/users/invite", "emails", one, "role", "agent", "csrf", c->csrf, NULL);
		ck(c->r.status == 422 && strncmp(c->r.ctype, "text/html", 9) == 0,
		    "answered %ld %s", c->r.status, c->r.ctype);
		ck(body_has(c, "not-an-address") && body_has(c, "Enter an address like name@example.com."),
		    "the refused address and the reason are not shown");
		ck(body_has(c, "aria-invalid=\"true\""), "the field is not marked invalid");
	}
	t_end();
	buf_free(&b);
	buf_free(&body);
	cl_free(c);
}

static void
test_invite_roles_table(void)
{
	static const struct {
		struct user	*u;
		const char	*role;
		long		 status;
	} rows[] = {
		{ &V_admin, "admin", 303 }, { &V_creator, "creator", 303 },
		{ &V_creator, "admin", 403 }, { &V_member, "agent", 403 },
		{ &V_agent, "agent", 403 },
	};
	struct client	*c;
	char		 name[200], email[128];
	struct snap	 s = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "bulk invite: %s invites as %s -> %ld%s",
		    rows[i].u->role, rows[i].role, rows[i].status,
		    rows[i].status == 403 ? ", no mail, no invitation" : "");
		t_begin(name);
		if ((c = signed_in(rows[i].u)) == NULL) {
			t_end();
			continue;
		}
		load_settings(c);
		snprintf(email, sizeof(email), "itest-%s-rt%zu@example.com", g_tag, i);
		snap_take(&s);
		post(c, "/api/settings/users/invite", "emails", email, "role", rows[i].role,
		    "csrf", c->csrf, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		ck((mail_new(&s, email, NULL) == 1) == (rows[i].status == 303), "mail count wrong");
		ck((inv_of(&UC, email)[0] != '\0') == (rows[i].status == 303), "invitation stored wrongly");
		snap_free(&s);
		cl_free(c);
		t_end();
	}
}

static void
test_invite_domains(void)
{
	struct client	*c = NULL;
	struct snap	 s = { 0 };
	char		 list[512];
	const char	*org = UC.org;

	t_begin("bulk invite: the organization's invite domains refuse other addresses with a clear reason; allowed ones pass");
	REQUIRE(sql("SELECT 1", NULL, 0) == 0, "the mariadb client does not run");
	sq("UPDATE organization SET invite_domains = 'allowed.example, @Other.example' WHERE id = %s", org);
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	snprintf(list, sizeof(list), "itest-%s-d1@allowed.example, itest-%s-d2@example.com", g_tag, g_tag);
	snap_take(&s);
	bulk(c, list, "member", NULL);
	ck(c->r.status == 422, "answered %ld", c->r.status);
	ck(strstr(xs(c, "string(/steward/invite/result[@outcome='refused'])"), "allowed.example") != NULL,
	    "the reason does not name the allowed domains: \"%s\"",
	    xs(c, "string(/steward/invite/result[@outcome='refused'])"));
	ck(mail_new(&s, g_tag, NULL) == 0, "a mail was sent");
	snap_free(&s);
	snprintf(list, sizeof(list), "itest-%s-d1@allowed.example, itest-%s-d3@OTHER.example", g_tag, g_tag);
	snap_take(&s);
	users_page(c, NULL);
	bulk(c, list, "member", NULL);
	ck(c->r.status == 303, "allowed domains answered %ld (%s)", c->r.status,
	    xs(c, "string(/steward/errors)"));
	ck(mail_new(&s, g_tag, NULL) == 2, "not 2 mails");
	snap_free(&s);
done:
	sq("UPDATE organization SET invite_domains = '' WHERE id = %s", org);
	cl_free(c);
	t_end();
}

/* ------------------------------------------------ resend, revoke, link */

static void
test_resend_revoke_link(void)
{
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 tok[44], tok2[44], id[32], link[512], path[128];
	struct snap	 s = { 0 };
	char		*text = NULL;
	const char	*email = addr("rr1");

	t_begin("invitations: copy link shows the mailed link (audited); resend mails a new one and kills the old; revoke kills it (410)");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, email, "agent", tok), "invite failed: %ld", c->r.status);
	snprintf(id, sizeof(id), "%s", inv_of(&UC, email));
	REQUIRE(id[0], "no invitation row");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/link", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "link answered %ld", c->r.status);
	snprintf(link, sizeof(link), "%s", xs(c, "string(/steward/link/@href)"));
	REQUIRE(strstr(link, tok) != NULL, "copied link %s is not the mailed one (%s)", link, tok);
	REQUIRE(audit_count(&UC, "invite.link", email) == 1, "copy link not audited");
	REQUIRE(accept_get(anon, tok) == 200, "the link does not open: %ld", anon->r.status);
	snap_take(&s);
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/resend", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "resend answered %ld", c->r.status);
	REQUIRE(mail_new(&s, email, &text) == 1 && link_token(text, tok2), "no new mail");
	REQUIRE(strcmp(tok, tok2) != 0, "resend mailed the same token");
	REQUIRE(accept_get(anon, tok) == 404, "the old link answers %ld after resend", anon->r.status);
	REQUIRE(accept_get(anon, tok2) == 200, "the new link answers %ld", anon->r.status);
	REQUIRE(audit_count(&UC, "invite.resend", email) == 1, "resend not audited");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/revoke", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "revoke answered %ld", c->r.status);
	REQUIRE(accept_get(anon, tok2) == 410, "a revoked link answers %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@state)"), "revoked") == 0, "state not revoked");
	get(anon, "/invitations/accept?token=x");
	REQUIRE(anon->r.status == 404 && body_has(anon, "not valid"), "HTML dead link: %ld", anon->r.status);
	snprintf(path, sizeof(path), "/invitations/accept?token=%s", tok2);
	get(anon, path);
	REQUIRE(anon->r.status == 410 && body_has(anon, "withdrawn"), "HTML revoked link: %ld", anon->r.status);
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/revoke", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 404, "revoking twice answered %ld", c->r.status);
	REQUIRE(audit_count(&UC, "invite.revoke", email) == 1, "revoke not audited once");
done:
	free(text);
	snap_free(&s);
	cl_free(c);
	cl_free(anon);
	t_end();
}

static void
test_invitation_actions_bad(void)
{
	static const char *paths[] = {
		"/settings/users/invitations/resend", "/settings/users/invitations/revoke",
		"/settings/users/invitations/link",
	};
	static const struct {
		const char	*name, *id;
		long		 status;
	} ids[] = {
		{ "missing id", NULL, 422 }, { "empty id", "", 422 }, { "id abc", "abc", 422 },
		{ "id -1", "-1", 422 }, { "id 0", "0", 422 }, { "20-digit id", "99999999999999999999", 422 },
		{ "unknown id", "999999999", 404 }, { "another account's invitation", "@FOREIGN", 404 },
		{ "an accepted invitation", "@USED", 404 },
	};
	struct client	*c = NULL, *w = NULL;
	char		 name[200], foreign[32], before[256], tok[44];
	size_t		 i, j;

	t_begin("invitations: fixtures (an invitation in account D, an accepted one in C)");
	c = signed_in(&V_admin);
	w = signed_in(&W_admin);
	if (c && w) {
		users_page(w, NULL);
		ck(invite_token_of(w, addr("foreign1"), "member", tok), "invite in D failed");
		snprintf(foreign, sizeof(foreign), "%s", inv_of(&UD, addr("foreign1")));
	}
	t_end();
	if (!c || !w)
		goto out;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			snprintf(name, sizeof(name), "invitations: POST %s with %s -> %ld, nothing changed",
			    paths[i], ids[j].name, ids[j].status);
			t_begin(name);
			snprintf(before, sizeof(before), "%s", sq("SELECT CONCAT(token_hash, expires_at,"
			    " COALESCE(revoked_at, '-')) FROM invitation WHERE id = %s", foreign));
			users_page(c, NULL);
			snprintf(tok, sizeof(tok), "%s", sq("SELECT MIN(id) FROM invitation WHERE"
			    " accepted_at IS NOT NULL AND account_id = (SELECT id FROM account WHERE"
			    " public_id = '%s')", UC.id));
			if (ids[j].id == NULL)
				post(c, paths[i], "csrf", c->csrf, NULL);
			else
				post(c, paths[i], "invitation", strcmp(ids[j].id, "@FOREIGN") == 0 ?
				    foreign : strcmp(ids[j].id, "@USED") == 0 ? (tok[0] ? tok : "1") :
				    ids[j].id, "csrf", c->csrf, NULL);
			ck(c->r.status == ids[j].status, "answered %ld", c->r.status);
			ck(strcmp(before, sq("SELECT CONCAT(token_hash, expires_at, COALESCE(revoked_at,"
			    " '-')) FROM invitation WHERE id = %s", foreign)) == 0,
			    "the foreign invitation changed");
			ck(!body_has(c, addr("foreign1")), "the foreign address is shown");
			t_end();
		}
out:
	cl_free(c);
	cl_free(w);
}

static void
test_invitation_expired(void)
{
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 tok[44], id[32];
	const char	*email = addr("exp1");

	t_begin("invitations: an expired invitation (expiry moved back in the database) -> 410 page, listed as expired, "
	    "copy link refused (422), resend revives it");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, email, "member", tok), "invite failed");
	snprintf(id, sizeof(id), "%s", inv_of(&UC, email));
	sq("UPDATE invitation SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = %s", id);
	REQUIRE(accept_get(anon, tok) == 410, "answered %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@state)"), "expired") == 0, "state %s",
	    xs(anon, "string(/steward/invitation/@state)"));
	REQUIRE(xpath_count(anon->r.doc, "/steward/invitation/@token") == 0, "a dead page repeats the token");
	get(anon, "/invitations/accept?token=x");
	REQUIRE(users_page(c, "?status=expired") == 200, "list: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation[@status='expired']") >= 1, "not listed as expired");
	post(c, "/api/settings/users/invitations/link", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 422, "copy link of an expired one answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/link") == 0, "a link was shown");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/resend", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "resend answered %ld", c->r.status);
	REQUIRE(atoi(sq("SELECT expires_at > UTC_TIMESTAMP(6) + INTERVAL 6 DAY FROM invitation WHERE id = %s", id)) == 1,
	    "resend did not give 7 more days");
done:
	cl_free(c);
	cl_free(anon);
	t_end();
}

/* -------------------------------------------------------------- accept */

static void
test_accept_new(void)
{
	static const struct {
		const char	*name, *pname, *pw;
		long		 status;
		const char	*field;
	} bad[] = {
		{ "empty name", "", "Long enough password 1", 422, "name" },
		{ "spaces-only name", "   ", "Long enough password 1", 422, "name" },
		{ "101-character name", "@LONG", "Long enough password 1", 422, "name" },
		{ "name with a bidi override", "Eve \xe2\x80\xae", "Long enough password 1", 422, "name" },
		{ "empty password", "Nia New", "", 422, "password" },
		{ "11-character password", "Nia New", "short pass1", 422, "password" },
		{ "password containing the email name", "Nia New", "@EMAILPW", 422, "password" },
		{ "257-character password", "Nia New", "@LONGPW", 422, "password" },
	};
	struct client	*c = NULL, *anon = cl_new("anon"), *again = cl_new("again");
	char		 tok[44], name[200], pw[400], *big;
	const char	*email = addr("new1");
	size_t		 i;

	t_begin("accept: fixture invitation for a new person");
	if ((c = signed_in(&V_admin)) != NULL) {
		users_page(c, NULL);
		ck(invite_token_of(c, email, "creator", tok), "invite failed: %ld", c->r.status);
	}
	if (!t_end())
		goto out;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "accept: new person, %s -> %ld naming %s, no login made, name kept, password never echoed",
		    bad[i].name, bad[i].status, bad[i].field);
		t_begin(name);
		ck(accept_get(anon, tok) == 200, "GET answered %ld", anon->r.status);
		ck(strcmp(xs(anon, "string(/steward/invitation/@mode)"), "new") == 0, "mode %s",
		    xs(anon, "string(/steward/invitation/@mode)"));
		big = strcmp(bad[i].pname, "@LONG") == 0 ? repeat('n', 101) : xstrdup(bad[i].pname);
		if (strcmp(bad[i].pw, "@EMAILPW") == 0)
			snprintf(pw, sizeof(pw), "My itest-%s-new1 password", g_tag);
		else if (strcmp(bad[i].pw, "@LONGPW") == 0) {
			memset(pw, 'p', 257);
			pw[257] = '\0';
		} else
			snprintf(pw, sizeof(pw), "%s", bad[i].pw);
		post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "name", big,
		    "password", pw, NULL);
		ck(anon->r.status == bad[i].status, "answered %ld", anon->r.status);
		snprintf(name, sizeof(name), "/steward/errors/error[@field='%s']", bad[i].field);
		ck(xpath_count(anon->r.doc, name) == 1, "no error naming %s", bad[i].field);
		ck(pw[0] == '\0' || !body_has(anon, pw), "the password is echoed");
		ck(!uid_of(email)[0], "a login was made");
		ck(!sets_cookie(anon, "stw_session"), "a session was started");
		if (bad[i].pname[0] != '@' && bad[i].pname[0] != '\0' && strcmp(bad[i].field, "password") == 0)
			ck(strcmp(xs(anon, "string(/steward/invitation/@name)"), bad[i].pname) == 0,
			    "the name is not kept");
		free(big);
		t_end();
	}
	t_begin("accept: POST without csrf, or with another browser's -> 403, no login");
	accept_get(anon, tok);
	post(anon, "/api/invitations/accept", "token", tok, "name", "Nia New", "password",
	    "Long enough password 1", NULL);
	ck(anon->r.status == 403, "without csrf: %ld", anon->r.status);
	accept_get(again, tok);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", again->csrf, "name", "Nia New",
	    "password", "Long enough password 1", NULL);
	ck(anon->r.status == 403, "another browser's csrf: %ld", anon->r.status);
	ck(!uid_of(email)[0], "a login was made");
	t_end();

	t_begin("accept: new person with name and a good password -> 303 /settings, signed in with the invited role, link dead (410), audited");
	accept_get(anon, tok);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "name",
	    "Nia Zo\xc3\xab New", "password", "Long enough password 1", NULL);
	REQUIRE(anon->r.status == 303, "answered %ld (%s)", anon->r.status, xs(anon, "string(/steward/errors)"));
	REQUIRE(strcmp(anon->r.location, "/api/settings") == 0, "Location %s", anon->r.location);
	REQUIRE(sets_cookie(anon, "stw_session"), "no session");
	REQUIRE(load_settings(anon) == 200, "settings: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/me/@email)"), email) == 0 &&
	    strcmp(xs(anon, "string(/steward/me/@role)"), "creator") == 0 &&
	    strcmp(xs(anon, "string(/steward/account/@id)"), UC.id) == 0,
	    "signed in as %s (%s) in %s", xs(anon, "string(/steward/me/@email)"),
	    xs(anon, "string(/steward/me/@role)"), xs(anon, "string(/steward/account/@id)"));
	REQUIRE(strcmp(role_of(&UC, email), "3") == 0, "membership role %s", role_of(&UC, email));
	REQUIRE(audit_count(&UC, "invite.accept", email) == 1, "not audited");
	REQUIRE(accept_get(again, tok) == 410 &&
	    strcmp(xs(again, "string(/steward/invitation/@state)"), "used") == 0,
	    "the used link answers %ld", again->r.status);
	cl_free(again);
	again = cl_new("again");
	REQUIRE(signin(again, email, "Long enough password 1") == 303, "the new login cannot sign in");
done:
	t_end();
out:
	cl_free(c);
	cl_free(anon);
	cl_free(again);
}

static void
test_accept_existing(void)
{
	struct client	*c = NULL, *anon = cl_new("anon"), *other = NULL;
	char		 tok[44], wrong[128];

	t_begin("accept: an existing login (Admin of D) invited to C: wrong password 422 and nothing; right password joins "
	    "as member; the switcher lists both accounts");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, W_admin.email, "member", tok), "invite failed: %ld", c->r.status);
	REQUIRE(accept_get(anon, tok) == 200, "GET: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@mode)"), "existing") == 0, "mode %s",
	    xs(anon, "string(/steward/invitation/@mode)"));
	snprintf(wrong, sizeof(wrong), "%sx", W_admin.password);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "password", wrong, NULL);
	REQUIRE(anon->r.status == 422, "wrong password answered %ld", anon->r.status);
	REQUIRE(!role_of(&UC, W_admin.email)[0], "joined with a wrong password");
	REQUIRE(!sets_cookie(anon, "stw_session"), "a session with a wrong password");
	unlock(W_admin.email);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "password",
	    W_admin.password, NULL);
	REQUIRE(anon->r.status == 303, "right password answered %ld (%s)", anon->r.status,
	    xs(anon, "string(/steward/errors)"));
	REQUIRE(strcmp(role_of(&UC, W_admin.email), "2") == 0, "role in C: %s", role_of(&UC, W_admin.email));
	REQUIRE(strcmp(role_of(&UD, W_admin.email), "4") == 0, "role in D changed: %s", role_of(&UD, W_admin.email));
	REQUIRE(load_settings(anon) == 200, "settings: %ld", anon->r.status);
	REQUIRE(xpath_count(anon->r.doc, "/steward/accounts/account") == 2, "the switcher lists %d accounts",
	    xpath_count(anon->r.doc, "/steward/accounts/account"));
	REQUIRE(strcmp(xs(anon, "string(/steward/account/@id)"), UC.id) == 0 &&
	    strcmp(xs(anon, "string(/steward/me/@role)"), "member") == 0, "not in C as member");
	/* the role in each account is its own */
	post(anon, "/api/settings/account", "account", UD.id, "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 303, "switch answered %ld", anon->r.status);
	REQUIRE(load_settings(anon) == 200 && strcmp(xs(anon, "string(/steward/me/@role)"), "admin") == 0,
	    "in D the role is %s", xs(anon, "string(/steward/me/@role)"));
	REQUIRE(users_page(anon, NULL) == 200, "D's users page: %ld", anon->r.status);
	REQUIRE(!body_has(anon, V_member.email), "D's users page lists a member of C");
done:
	unlock(W_admin.email);
	cl_free(c);
	cl_free(anon);
	cl_free(other);
	t_end();
}

static void
test_accept_signed_in(void)
{
	struct client	*c = NULL, *me = NULL, *other = NULL;
	char		 tok[44];

	t_begin("accept: signed in as the invitee -> one Join button, 303 into the account; signed in as someone else -> 403, nothing");
	REQUIRE((c = signed_in(&W_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, W_member.email, "agent", tok) == 0 ||
	    c->r.status == 422, "W_member is a member of D already: %ld", c->r.status);
	REQUIRE((me = signed_in(&V_member)) != NULL, "sign-in failed");
	REQUIRE(invite_token_of(c, V_member.email, "creator", tok), "invite of C's member into D failed: %ld",
	    c->r.status);
	REQUIRE((other = signed_in(&V_agent)) != NULL, "sign-in failed");
	REQUIRE(accept_get(other, tok) == 200 &&
	    strcmp(xs(other, "string(/steward/invitation/@mode)"), "other") == 0, "other: mode %s",
	    xs(other, "string(/steward/invitation/@mode)"));
	post(other, "/api/invitations/accept", "token", tok, "csrf", other->csrf, NULL);
	REQUIRE(other->r.status == 403, "someone else answered %ld", other->r.status);
	REQUIRE(!role_of(&UD, V_agent.email)[0] && !role_of(&UD, V_member.email)[0], "someone joined");
	REQUIRE(accept_get(me, tok) == 200 &&
	    strcmp(xs(me, "string(/steward/invitation/@mode)"), "join") == 0, "mode %s",
	    xs(me, "string(/steward/invitation/@mode)"));
	post(me, "/api/invitations/accept", "token", tok, "csrf", me->csrf, NULL);
	REQUIRE(me->r.status == 303, "join answered %ld", me->r.status);
	REQUIRE(strcmp(role_of(&UD, V_member.email), "3") == 0, "role in D: %s", role_of(&UD, V_member.email));
	REQUIRE(load_settings(me) == 200 && strcmp(xs(me, "string(/steward/account/@id)"), UD.id) == 0,
	    "after joining the session is in %s", xs(me, "string(/steward/account/@id)"));
done:
	cl_free(c);
	cl_free(me);
	cl_free(other);
	t_end();
}

static void
test_accept_bad_tokens(void)
{
	static const char *toks[] = {
		"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", "%3Cscript%3E",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};
	struct client	*c = cl_new("anon");
	char		 path[256], name[200];
	size_t		 i;

	for (i = 0; i < sizeof(toks) / sizeof(toks[0]); i++) {
		snprintf(name, sizeof(name), "accept: token \"%.20s\" -> 404 page (GET and POST), never 500", toks[i]);
		t_begin(name);
		snprintf(path, sizeof(path), "/api/invitations/accept?token=%s", toks[i]);
		get(c, path);
		ck(c->r.status == 404 && strcmp(xs(c, "string(/steward/invitation/@state)"), "invalid") == 0,
		    "GET answered %ld", c->r.status);
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
		post(c, "/api/invitations/accept", "token", toks[i], "csrf", c->csrf, "name", "X",
		    "password", "Long enough password 1", NULL);
		ck(c->r.status == 404, "POST answered %ld", c->r.status);
		get(c, path + 4);
		ck(c->r.status == 404 && strncmp(c->r.ctype, "text/html", 9) == 0 &&
		    !body_has(c, "<script>"), "HTML answered %ld %s", c->r.status, c->r.ctype);
		t_end();
	}
	t_begin("accept: no token at all -> 404; invalid UTF-8 in the token -> 400");
	ck(get(c, "/api/invitations/accept") == 404, "no token: %ld", c->r.status);
	ck(get(c, "/api/invitations/accept?token=%C3%28") == 400, "bad UTF-8: %ld", c->r.status);
	t_end();
	cl_free(c);
}

/* ---------------------------------------------------------------- SMTP */

/*
 * Mail through real SMTP: a python3-aiosmtpd sink on a free loopback port
 * (writing a Maildir), steward-admin mail-test with STEWARD_SMTP_URL
 * pointing at it, then the delivered message is checked.
 */
static void
test_smtp_sink(void)
{
	char		 dir[PATH_MAX + 64], url[64], out[512], path[PATH_MAX * 2], *text = NULL;
	char		 to[160];
	pid_t		 pid = -1;
	int		 port = 0, fd, i, st;
	DIR		*d = NULL;
	struct dirent	*e;
	struct sockaddr_in sa;
	socklen_t	 sl = sizeof(sa);

	t_begin("mail: delivered over SMTP to a local aiosmtpd sink: RFC 5322 headers, RFC 2047 subject and name, "
	    "multipart/alternative with text and HTML");
	snprintf(dir, sizeof(dir), "%s/tmp/smtp-%s", g_var, g_tag);
	/* a free port: bind 0, read it, close */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &sl) == 0, "no free port");
	port = ntohs(sa.sin_port);
	close(fd);
	snprintf(url, sizeof(url), "127.0.0.1:%d", port);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		int devnull = open("/dev/null", O_RDWR);

		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		/* Debian's python3-aiosmtpd is for the system python */
		execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", url,
		    "-c", "aiosmtpd.handlers.Mailbox", dir, (char *)NULL);
		execlp("python3", "python3", "-m", "aiosmtpd", "-n", "-l", url, "-c",
		    "aiosmtpd.handlers.Mailbox", dir, (char *)NULL);
		_exit(127);
	}
	REQUIRE(pid > 0, "fork failed");
	for (i = 0; i < 100; i++) {		/* up to 10 s for the sink */
		fd = socket(AF_INET, SOCK_STREAM, 0);
		st = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
		close(fd);
		if (st == 0)
			break;
		usleep(100000);
		if (waitpid(pid, &st, WNOHANG) == pid) {
			pid = -1;
			REQUIRE(0, "the sink exited (is python3-aiosmtpd installed? ./steward deps)");
		}
	}
	REQUIRE(i < 100, "the sink does not listen on %s", url);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	snprintf(to, sizeof(to), "itest-%s-smtp@example.com", g_tag);
	setenv("STEWARD_SMTP_URL", url, 1);
	st = admin_run(NULL, out, sizeof(out), "mail-test", to, "--name", "Zo\xc3\xab Lindqvist", NULL);
	unsetenv("STEWARD_SMTP_URL");
	REQUIRE(st == 0, "steward-admin mail-test exited %d: %s", st, out);
	for (i = 0; i < 50 && text == NULL; i++) {
		snprintf(path, sizeof(path), "%s/new", dir);
		if ((d = opendir(path)) != NULL) {
			while ((e = readdir(d)) != NULL && text == NULL)
				if (e->d_name[0] != '.') {
					snprintf(path, sizeof(path), "%s/new/%s", dir, e->d_name);
					text = read_all(path);
				}
			closedir(d);
		}
		if (text == NULL)
			usleep(100000);
	}
	REQUIRE(text != NULL, "nothing arrived in %s/new", dir);
	snprintf(path, sizeof(path), "<%s>", to);
	REQUIRE(strstr(text, path) != NULL, "not addressed to %s", to);
	REQUIRE(strstr(text, "To: =?UTF-8?B?") != NULL, "the name is not RFC 2047 encoded");
	REQUIRE(strstr(text, "Subject: =?UTF-8?B?") != NULL, "the subject is not RFC 2047 encoded");
	REQUIRE(strstr(text, "Message-ID: <") && strstr(text, "Date: ") && strstr(text, "MIME-Version: 1.0"),
	    "RFC 5322 headers missing");
	REQUIRE(strstr(text, "multipart/alternative; boundary=") != NULL, "not multipart/alternative");
	REQUIRE(strstr(text, "Content-Type: text/plain; charset=utf-8") &&
	    strstr(text, "Content-Type: text/html; charset=utf-8"), "text and HTML parts missing");
done:
	free(text);
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
	t_end();
}

/*
 * The Users page runs its invitation statement only while the account
 * has a pending invitation, expired ones included: in an account whose
 * only invitation has expired the list still shows it (with and without
 * a filter), and once it is revoked the list has no invitation row.
 */
static void
test_invitation_only_expired(void)
{
	struct account	 X;
	struct user	 xa = { .role = "admin" };
	struct client	*c = NULL;
	char		 tok[44], id[32];
	const char	*email = addr("only-exp");

	t_begin("invitations: an account whose only invitation has expired lists it (all, ?status=expired), "
	    "and none once it is revoked");
	REQUIRE(make_account(&X, "IX") == 0, "org-create failed");
	REQUIRE(make_user(&xa, "ixadmin", &X) == 0, "user-add failed");
	REQUIRE((c = signed_in(&xa)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, email, "member", tok), "invite failed");
	snprintf(id, sizeof(id), "%s", inv_of(&X, email));
	REQUIRE(id[0], "no invitation row");
	sq("UPDATE invitation SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = %s", id);
	REQUIRE(users_page(c, NULL) == 200, "list: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation[@status='expired']") == 1,
	    "the expired invitation is not listed");
	REQUIRE(strcmp(xs(c, "string(/steward/users/@pending)"), "0") == 0, "pending counts an expired one: %s",
	    xs(c, "string(/steward/users/@pending)"));
	REQUIRE(users_page(c, "?status=expired") == 200, "filtered list: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation") == 1, "not listed under status=expired");
	REQUIRE(xpath_count(c->r.doc, "/steward/users/member") == 0, "a member is listed under status=expired");
	post(c, "/api/settings/users/invitations/revoke", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "revoke answered %ld", c->r.status);
	REQUIRE(users_page(c, NULL) == 200, "list after revoke: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation") == 0, "a revoked invitation is listed");
	REQUIRE(xpath_count(c->r.doc, "/steward/users/member") == 1, "the admin is not listed");
done:
	cl_free(c);
	t_end();
}

/* The invitations' tests, in order. */
static void
part_invitations(void)
{
	if (!users_fixtures())
		return;
	test_bulk_invite();
	test_bulk_invite_bad();
	test_invite_roles_table();
	test_invite_domains();
	test_resend_revoke_link();
	test_invitation_expired();
	test_invitation_only_expired();
	test_accept_new();
	test_accept_existing();
	test_accept_signed_in();
	test_invitation_actions_bad();
	test_accept_bad_tokens();
	test_smtp_sink();
}
