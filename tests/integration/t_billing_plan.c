/*
 * Tests of the plan change (/settings/billing/plan): the preview and its
 * prorated price, a paid upgrade without a card, an upgrade that issues
 * an invoice, a scheduled downgrade and its cancellation, bad input.
 * Run by part_billing() (t_billing_invoices.c) after t_billing.c's.
 */

/* The amount the confirmation page of plan shows to c (-1 when none). */
static long long
preview(struct client *c, const char *plan)
{
	char	 p[128];

	snprintf(p, sizeof(p), "/api/settings/billing/plan?plan=%s", plan);
	if (get(c, p) != 200)
		return -1;
	return atoll(xs(c, "string(/steward/plan-change/@amount)"));
}

static void
test_plan_no_card(void)
{
	struct client	*y = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	char		 amt[32], body[128];

	t_begin("plan: an upgrade to a paid plan without a card -> 422 with a form error, plan and invoices unchanged");
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in failed");
	REQUIRE(preview(y, "essentials") >= 0, "preview answered %ld", y->r.status);
	REQUIRE(strcmp(xs(y, "string(/steward/plan-change/@card-needed)"), "yes") == 0, "card-needed is not yes");
	REQUIRE(strcmp(xs(y, "string(/steward/plan-change/@move)"), "upgrade") == 0, "move is not upgrade");
	xpath_str(y->r.doc, "string(/steward/plan-change/@amount)", amt, sizeof(amt));
	snap_billing(y, &before);
	snprintf(body, sizeof(body), "plan=essentials&amount=%s", amt);
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", body, 1) == 422, "answered %ld", y->r.status);
	REQUIRE(xpath_count(y->r.doc, "/steward/errors/error[not(@field)]") == 1, "no form-wide error");
	REQUIRE(strcmp(xs(y, "string(/steward/@page)"), "billing-plan") == 0, "page %s", xs(y, "string(/steward/@page)"));
	snap_billing(y, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(y);
	t_end();
}

static void
test_plan_changes(void)
{
	struct client	*a = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	long long	 amount;
	char		 body[128], expr[200], total[32], ref[64];

	t_begin("plan: the preview shows the prorated charge; a wrong amount -> 422 (nothing changed); the right one upgrades at once and issues invoice 1 for exactly that");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE((amount = preview(a, "essentials")) >= 0, "preview answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/plan-change/@effective)"), utc_today()) == 0,
	    "an upgrade takes effect %s, not today", xs(a, "string(/steward/plan-change/@effective)"));
	REQUIRE(amount == (4900LL * atoll(xs(a, "string(/steward/plan-change/@remaining-days)")) * 2 +
	    atoll(xs(a, "string(/steward/plan-change/@period-days)"))) /
	    (2 * atoll(xs(a, "string(/steward/plan-change/@period-days)"))),
	    "amount %lld is not 4900 prorated", amount);
	REQUIRE(get(a, "/settings/billing/plan?plan=essentials") == 200 && body_has(a, "Due now"),
	    "HTML preview: %ld", a->r.status);
	snap_billing(a, &before);
	snprintf(body, sizeof(body), "plan=essentials&amount=%lld", amount + 1);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", body, 1) == 422 &&
	    xpath_count(a->r.doc, "/steward/errors/error[@field='amount']") == 1,
	    "a changed amount answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
	snprintf(body, sizeof(body), "plan=essentials&amount=%lld", amount);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", body, 1) == 303, "answered %ld (%s)",
	    a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200, "billing: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/@plan)"), "essentials") == 0, "plan %s",
	    xs(a, "string(/steward/billing/@plan)"));
	REQUIRE(strstr(xs(a, "string(/steward/flash)"), "You are on the Essentials plan now.") != NULL,
	    "flash \"%s\"", xs(a, "string(/steward/flash)"));
	if (amount > 0) {
		snprintf(ref, sizeof(ref), "%s-00001", X.org);
		snprintf(expr, sizeof(expr), "/steward/billing/invoices/invoice[@ref='%s' and @number='1' and @kind='upgrade' and @status='open']", ref);
		REQUIRE(xpath_count(a->r.doc, expr) == 1, "no open upgrade invoice %s", ref);
		xpath_str(a->r.doc, "string(/steward/billing/invoices/invoice[1]/@total)", total, sizeof(total));
		REQUIRE(atoll(total) == amount, "invoice total %s, not %lld", total, amount);
		REQUIRE(strstr(xs(a, "string(/steward/flash)"), ref) != NULL, "flash does not name %s", ref);
	}
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(a);
	t_end();
}

static void
test_plan_schedule(void)
{
	struct client	*a = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	int		 invoices;

	t_begin("plan: choosing the current plan -> 422 naming plan; a downgrade is scheduled for the end of the period (no invoice); choosing the current plan again cancels it");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	snap_billing(a, &before);
	invoices = xpath_count(a->r.doc, "/steward/billing/invoices/invoice");
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=essentials&amount=0", 1) == 422 &&
	    xpath_count(a->r.doc, "/steward/errors/error[@field='plan']") == 1, "same plan answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
	REQUIRE(preview(a, "free") == 0 && strcmp(xs(a, "string(/steward/plan-change/@move)"), "downgrade") == 0,
	    "downgrade preview: %s", xs(a, "string(/steward/plan-change/@move)"));
	REQUIRE(strcmp(xs(a, "substring(/steward/plan-change/@effective, 9)"), "01") == 0,
	    "a downgrade takes effect %s, not on the 1st", xs(a, "string(/steward/plan-change/@effective)"));
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=free&amount=0", 1) == 303, "downgrade answered %ld", a->r.status);
	REQUIRE(api(a, "/settings/billing") == 200 &&
	    strcmp(xs(a, "concat(/steward/billing/@plan, '>', /steward/billing/@pending-plan)"), "essentials>free") == 0,
	    "after the downgrade: %s", xs(a, "concat(/steward/billing/@plan, '>', /steward/billing/@pending-plan)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == invoices, "the downgrade issued an invoice");
	REQUIRE(strstr(xs(a, "string(/steward/flash)"), "The Free plan starts on") != NULL, "flash %s",
	    xs(a, "string(/steward/flash)"));
	REQUIRE(preview(a, "essentials") == 0 && strcmp(xs(a, "string(/steward/plan-change/@move)"), "keep") == 0,
	    "keep preview: %s", xs(a, "string(/steward/plan-change/@move)"));
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=essentials&amount=0", 1) == 303, "keep answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "after cancelling, the state is not as before: %s -> %s", before.p, after.p);
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(a);
	t_end();
}

static void
test_plan_bad(void)
{
	static const struct badcase rows[] = {
		{ "unknown plan platinum", "plan=platinum&amount=0", 1, 422, "plan" },
		{ "plan in upper case", "plan=ENTERPRISE&amount=0", 1, 422, "plan" },
		{ "empty plan", "plan=&amount=0", 1, 422, "plan" },
		{ "missing plan", "amount=0", 1, 422, "plan" },
		{ "17-character plan", "plan=enterpriseenterprise&amount=0", 1, 422, "plan" },
		{ "amount 'abc' (wrong type)", "plan=advanced&amount=abc", 1, 422, "amount" },
		{ "negative amount", "plan=advanced&amount=-1", 1, 422, "amount" },
		{ "plan with invalid UTF-8", "plan=adv%E2%28anced&amount=0", 1, 400, NULL },
		{ "plan with %00", "plan=advanced%00&amount=0", 1, 400, NULL },
		{ "no CSRF token", "plan=advanced&amount=0", 0, 403, NULL },
		{ "wrong CSRF token", "plan=advanced&amount=0", 2, 403, NULL },
	};
	struct client	*a = signed_in(&UX_admin);
	char		 name[200];

	if (a == NULL)
		return;
	bad_posts("plan", a, a, "/api/settings/billing/plan", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	snprintf(name, sizeof(name), "plan: the preview of an unknown plan -> 404");
	t_begin(name);
	ck(get(a, "/api/settings/billing/plan?plan=platinum") == 404, "answered %ld", a->r.status);
	ck(get(a, "/api/settings/billing/plan") == 404, "without plan: %ld", a->r.status);
	ck(get(a, "/api/settings/billing/plan?plan=%3Cscript%3E") == 404, "<script>: %ld", a->r.status);
	t_end();
	cl_free(a);
}
