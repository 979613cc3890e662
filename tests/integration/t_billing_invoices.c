/*
 * Tests of the invoices (/settings/billing/invoices/ID, invoices.csv) and
 * of their numbering under concurrent upgrades and period closes, the
 * period close across a DST change and a scheduled downgrade; and
 * part_billing(), which runs the Billing group: t_billing.c,
 * t_billing_plan.c, then this file (the billing state builds up).
 */

/* ------------------------------------------------------------ invoices */

static void
test_invoice_page(void)
{
	struct client	*a = NULL, *y = NULL;
	char		 id[32], p[128], ref[64];

	t_begin("invoice: the printable page shows lines, total, bill-to and times in the account timezone; another organization's id, 0, a word -> 404");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "billing: %ld", a->r.status);
	xpath_str(a->r.doc, "string(/steward/billing/invoices/invoice[1]/@id)", id, sizeof(id));
	REQUIRE(id[0] != '\0', "X has no invoice");
	snprintf(p, sizeof(p), "/api/settings/billing/invoices/%s", id);
	REQUIRE(get(a, p) == 200, "GET %s: %ld", p, a->r.status);
	snprintf(ref, sizeof(ref), "%s-00001", X.org);
	REQUIRE(strcmp(xs(a, "string(/steward/invoice/@ref)"), ref) == 0, "ref %s", xs(a, "string(/steward/invoice/@ref)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/invoice/line") == 1, "%d lines", xpath_count(a->r.doc, "/steward/invoice/line"));
	REQUIRE(xpath_count(a->r.doc, "/steward/invoice[line/@amount = @total and @total != '']") == 1,
	    "line amount differs from the total");
	REQUIRE(strstr(xs(a, "string(/steward/invoice/line/@description)"), "Upgrade from Free to Essentials") != NULL,
	    "line \"%s\"", xs(a, "string(/steward/invoice/line/@description)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/invoice/bill-to/@contact, '|', /steward/invoice/bill-to/@country-name, '|', "
	    "/steward/invoice/bill-to/@tax-id)"), "Bill Payer|Germany|DE123456789") == 0, "bill-to \"%s\"",
	    xs(a, "concat(/steward/invoice/bill-to/@contact, '|', /steward/invoice/bill-to/@country-name)"));
	/* X's account is in Europe/Berlin: +01:00 in winter, +02:00 in summer */
	REQUIRE(strstr("+01:00|+02:00", xs(a, "substring(/steward/invoice/@issued, 20)")) != NULL,
	    "issued %s is not in Europe/Berlin", xs(a, "string(/steward/invoice/@issued)"));
	snprintf(p, sizeof(p), "/settings/billing/invoices/%s", id);
	REQUIRE(get(a, p) == 200 && body_has(a, "Invoice ") && body_has(a, "invoice-sheet"),
	    "HTML invoice: %ld", a->r.status);
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in Y failed");
	snprintf(p, sizeof(p), "/api/settings/billing/invoices/%s", id);
	REQUIRE(get(y, p) == 404, "Y's Admin reading X's invoice: %ld", y->r.status);
	REQUIRE(!body_has(y, ref) && !body_has(y, "Bill Payer"), "the 404 shows X's invoice");
	REQUIRE(get(y, "/api/settings/billing/invoices/0") == 404, "id 0: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/007") == 404, "id 007: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/abc") == 404, "id abc: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/99999999999999999999") == 404, "a 20-digit id: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/999999999") == 404, "unknown id: %ld", y->r.status);
done:
	cl_free(a);
	cl_free(y);
	t_end();
}

/* Splits one CSV record at p (quoted fields) into f[]; returns the count. */
static int
csv_record(char **p, char f[][128], int max)
{
	int	 n = 0;
	size_t	 k;
	char	*s = *p;

	while (*s != '\0' && n < max) {
		k = 0;
		if (*s == '"') {
			s++;
			while (*s != '\0') {
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"')
					break;
				if (k < 127)
					f[n][k++] = *s;
				s++;
			}
			if (*s == '"')
				s++;
		} else
			while (*s != ',' && *s != '\r' && *s != '\0')
				if (k < 127)
					f[n][k++] = *s++;
				else
					s++;
		f[n++][k] = '\0';
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r' && s[1] == '\n') {
			s += 2;
			break;
		}
		break;
	}
	*p = s;
	return n;
}

static void
test_invoices_csv(void)
{
	struct client	*a = NULL;
	char		 f[12][128], out[256], *csv = NULL, *p, expr[200], total[32], want[32];
	int		 rows = 0, n;

	t_begin("invoices.csv: text/csv attachment through csv.xsl, parsed back it matches the XML list (refs, times, totals); a paid invoice shows as paid");
	REQUIRE(admin_run(NULL, out, sizeof(out), "invoice-status", "--org", X.org, "--number", "1",
	    "--status", "paid", NULL) == 0, "invoice-status: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "invoice-status", "--org", X.org, "--number", "1",
	    "--status", "void", NULL) == 2, "a paid invoice could be voided");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(get(a, "/settings/billing/invoices.csv") == 200, "answered %ld", a->r.status);
	REQUIRE(strncmp(a->r.ctype, "text/csv", 8) == 0, "Content-Type %s", a->r.ctype);
	REQUIRE(strncmp(a->r.cache, "no-store", 8) == 0, "Cache-Control %s", a->r.cache);
	csv = xstrdup(a->r.body.p ? a->r.body.p : "");
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "XML twin: %ld", a->r.status);
	p = csv;
	n = csv_record(&p, f, 12);
	REQUIRE(n == 9 && strcmp(f[0], "invoice") == 0 && strcmp(f[8], "total") == 0,
	    "header has %d fields (%s)", n, csv);
	while (*p != '\0') {
		n = csv_record(&p, f, 12);
		REQUIRE(n == 9, "row %d has %d fields", rows + 1, n);
		rows++;
		snprintf(expr, sizeof(expr), "/steward/invoices/invoice[%d]", rows);
		snprintf(out, sizeof(out), "string(%s/@ref)", expr);
		REQUIRE(strcmp(f[0], xs(a, out)) == 0, "row %d ref %s, XML %s", rows, f[0], xs(a, out));
		snprintf(out, sizeof(out), "string(%s/@issued)", expr);
		REQUIRE(strcmp(f[1], xs(a, out)) == 0, "row %d issued %s, XML %s", rows, f[1], xs(a, out));
		snprintf(out, sizeof(out), "string(%s/@status)", expr);
		REQUIRE(strcmp(f[6], xs(a, out)) == 0, "row %d status %s", rows, f[6]);
		snprintf(out, sizeof(out), "string(%s/@total)", expr);
		xpath_str(a->r.doc, out, total, sizeof(total));
		snprintf(want, sizeof(want), "%lld.%02lld", atoll(total) / 100, atoll(total) % 100);
		REQUIRE(strcmp(f[8], want) == 0, "row %d total %s, not %s", rows, f[8], want);
	}
	REQUIRE(rows == xpath_count(a->r.doc, "/steward/invoices/invoice") && rows >= 1,
	    "%d CSV rows for %d invoices", rows, xpath_count(a->r.doc, "/steward/invoices/invoice"));
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[last()]/@status)"), "paid") == 0,
	    "invoice 1 is %s", xs(a, "string(/steward/invoices/invoice[last()]/@status)"));
done:
	free(csv);
	cl_free(a);
	t_end();
}

/* ----------------------------------- concurrency and the period close */

/* Starts steward-admin with args in the background; its stdout on *fd. */
static pid_t
admin_spawn(int *fd, const char *a1, const char *a2, const char *a3,
    const char *a4, const char *a5, const char *a6)
{
	int	 op[2];
	pid_t	 pid;

	if (pipe(op) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		execl(g_admin, g_admin, "-c", g_conf, a1, a2, a3, a4, a5, a6, (char *)NULL);
		_exit(127);
	}
	close(op[1]);
	*fd = op[0];
	return pid;
}

/* Waits for a spawned steward-admin; its "invoices=N", or -1 on failure. */
static int
admin_reap(pid_t pid, int fd)
{
	char	 out[512];
	ssize_t	 k;
	size_t	 got = 0;
	int	 st, n = -1;
	const char *p;

	while ((k = read(fd, out + got, sizeof(out) - got - 1)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	close(fd);
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	if ((p = strstr(out, "invoices=")) != NULL)
		n = atoi(p + 9);
	return n;
}

/* 'YYYY-MM-DD HH:MM:SS' of the first day of the month months after today. */
static void
months_ahead(int months, char *out, size_t len)
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	int		 y, m;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + months;
	y += m / 12;
	m = m % 12;
	snprintf(out, len, "%04d-%02d-01 00:00:01", y, m + 1);
}

/* 1 when the invoice numbers of the list in c's document are 1..n. */
static int
numbers_dense(struct client *c, const char *list, int *n)
{
	char	 expr[200];
	int	 i;

	*n = xpath_count(c->r.doc, list);
	for (i = 1; i <= *n; i++) {
		snprintf(expr, sizeof(expr), "%s[@number='%d']", list, i);
		if (xpath_count(c->r.doc, expr) != 1)
			return 0;
	}
	return 1;
}

/* The upgrades of the race: six clients of C's Admin, one multi handle. */
enum { RACE_UPGRADES = 6, RACE_CLOSES = 3 };
struct race {
	struct client		*c[RACE_UPGRADES];
	struct curl_slist	*hdr[RACE_UPGRADES];
	char			 body[RACE_UPGRADES][512];
	CURLM			*multi;
	int			 won, refused;
};

/*
 * Signs the racers in and writes their bodies: half go straight to
 * Enterprise (for amount), half to Advanced first.  0 when all are ready.
 */
static int
race_prepare(struct race *rc, long long amount)
{
	int	 i;

	for (i = 0; i < RACE_UPGRADES; i++) {
		if (!ck((rc->c[i] = signed_in(&UC_admin)) != NULL, "sign-in %d failed", i))
			return -1;
		if (i % 2 == 0)
			snprintf(rc->body[i], sizeof(rc->body[i]), "plan=enterprise&amount=%lld&csrf=%s",
			    amount, rc->c[i]->csrf);
		else
			snprintf(rc->body[i], sizeof(rc->body[i]), "plan=advanced&amount=%lld&csrf=%s",
			    preview(rc->c[i], "advanced"), rc->c[i]->csrf);
	}
	return ck((rc->multi = curl_multi_init()) != NULL, "curl_multi_init") ? 0 : -1;
}

/* Adds racer i's POST /api/settings/billing/plan to the multi handle. */
static void
race_add(struct race *rc, int i)
{
	struct client	*c = rc->c[i];
	char		 url[600], line[700];

	resp_reset(&c->r);
	snprintf(c->r.what, sizeof(c->r.what), "POST /api/settings/billing/plan (%d)", i);
	snprintf(url, sizeof(url), "%s/api/settings/billing/plan", g_url);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	rc->hdr[i] = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
	snprintf(line, sizeof(line), "Origin: %s", g_origin);
	rc->hdr[i] = curl_slist_append(rc->hdr[i], line);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, rc->hdr[i]);
	curl_easy_setopt(c->h, CURLOPT_POST, 1L);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(rc->body[i]));
	curl_easy_setopt(c->h, CURLOPT_COPYPOSTFIELDS, rc->body[i]);
	curl_multi_add_handle(rc->multi, c->h);
}

/* Runs every POST of the race to its end. */
static void
race_run(struct race *rc)
{
	int	 running;

	do {
		curl_multi_perform(rc->multi, &running);
		if (running)
			curl_multi_poll(rc->multi, NULL, 0, 1000, NULL);
	} while (running);
}

/* Counts the racers that won (303) and were refused (422); anything else fails. */
static void
race_count(struct race *rc)
{
	long	 st;
	int	 i;

	for (i = 0; i < RACE_UPGRADES; i++) {
		curl_multi_remove_handle(rc->multi, rc->c[i]->h);
		curl_easy_setopt(rc->c[i]->h, CURLOPT_HTTPHEADER, NULL);
		curl_easy_getinfo(rc->c[i]->h, CURLINFO_RESPONSE_CODE, &st);
		if (st == 303)
			rc->won++;
		else if (st == 422)
			rc->refused++;
		else
			ck(0, "upgrade %d answered %ld", i, st);
	}
}

/* Frees the racers. */
static void
race_free(struct race *rc)
{
	int	 i;

	for (i = 0; i < RACE_UPGRADES; i++) {
		curl_slist_free_all(rc->hdr[i]);
		cl_free(rc->c[i]);
	}
	if (rc->multi != NULL)
		curl_multi_cleanup(rc->multi);
}

/* Waits for the n period closes started; the invoices they issued. */
static int
closes_reap(const pid_t *pid, const int *fd, int n)
{
	int	 i, k, closed = 0;

	for (i = 0; i < n; i++) {
		k = pid[i] > 0 ? admin_reap(pid[i], fd[i]) : -1;
		ck(k >= 0, "period-close %d failed", i);
		if (k > 0)
			closed += k;
	}
	return closed;
}

/*
 * Checks C's invoice list after a race that won won times while the
 * closes issued closed invoices, and that closing again (at when) issues
 * nothing.
 */
static void
numbering_check(struct client *adm, int won, int closed, const char *when)
{
	char	 line[700];
	int	 n = 0, ups;

	REQUIRE(api(adm, "/settings/billing/invoices.csv") == 200, "list: %ld", adm->r.status);
	REQUIRE(numbers_dense(adm, "/steward/invoices/invoice", &n),
	    "invoice numbers are not 1..%d", n);
	/* a 303 may also be a scheduled downgrade or its cancellation (a
	 * client asked for Advanced after another's Enterprise): no invoice */
	ups = xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='upgrade']");
	REQUIRE(ups <= won, "%d upgrade invoices for %d successful requests", ups, won);
	REQUIRE(n == ups + closed, "%d invoices, but %d upgrade invoices and the closes issued %d",
	    n, ups, closed);
	REQUIRE(xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='period']") == closed,
	    "%d period invoices, the closes said %d",
	    xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='period']"), closed);
	REQUIRE(n >= 1, "no invoice at all");
	/* closing again changes nothing */
	REQUIRE(admin_run(NULL, line, sizeof(line), "period-close", "--org", C.org, "--now", when, NULL) == 0 &&
	    strstr(line, "invoices=0") != NULL, "a second close: %s", line);
done:
	return;
}

static void
test_concurrent_numbering(void)
{
	struct race	 race;
	struct client	*adm = NULL;
	char		 when[32], *card;
	pid_t		 pid[RACE_CLOSES];
	int		 fd[RACE_CLOSES], i, closed;
	long		 st;
	long long	 amount;

	memset(&race, 0, sizeof(race));
	t_begin("invoices: 6 concurrent upgrades and 3 concurrent period closes of one organization -> invoice numbers 1..N without gaps or duplicates, N = upgrades won + invoices the closes issued");
	REQUIRE((adm = signed_in(&UC_admin)) != NULL, "sign-in failed");
	card = form(adm, "holder", "Cora Concurrent", "number", "5555555555554444",
	    "exp_month", "10", "exp_year", "2032", "cvc", "321", NULL);
	st = post_csrf(adm, "/api/settings/billing/card", card, 1);
	free(card);
	REQUIRE(st == 303, "card: %ld", st);
	REQUIRE((amount = preview(adm, "enterprise")) > 0, "preview: %ld", adm->r.status);
	if (race_prepare(&race, amount) != 0)
		goto done;
	months_ahead(3, when, sizeof(when));
	for (i = 0; i < RACE_UPGRADES; i++)
		race_add(&race, i);
	for (i = 0; i < RACE_CLOSES; i++)
		pid[i] = admin_spawn(&fd[i], "period-close", "--org", C.org, "--now", when, NULL);
	race_run(&race);
	closed = closes_reap(pid, fd, RACE_CLOSES);
	race_count(&race);
	REQUIRE(race.won + race.refused == RACE_UPGRADES, "%d won, %d refused of %d",
	    race.won, race.refused, RACE_UPGRADES);
	numbering_check(adm, race.won, closed, when);
done:
	race_free(&race);
	cl_free(adm);
	t_end();
}

/* The last Sunday of March of year y (the EU's change to summer time). */
static int
last_sunday_of_march(int y)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 31;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return 31 - tm.tm_wday;
}

static void
test_period_close_dst(void)
{
	struct client	*a = NULL;
	char		 out[256], before[40], after[40], want[64], *card = NULL;
	time_t		 t = time(NULL);
	struct tm	 tm;
	int		 y, d, n = 0;
	long long	 amount;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900 + 1;
	d = last_sunday_of_march(y);
	snprintf(before, sizeof(before), "%04d-03-%02d 00:30:00", y, d);
	snprintf(after, sizeof(after), "%04d-04-01 00:30:00", y);

	t_begin("period close: each ended month is invoiced once for the plan, issued in the account timezone across the DST change (+01:00 before, +02:00 after); repeating it issues nothing");
	REQUIRE((a = signed_in(&UP_admin)) != NULL, "sign-in failed");
	card = form(a, "holder", "Pia Period", "number", "4000056655665556", "exp_month", "3",
	    "exp_year", "2040", "cvc", "555", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", card, 1) == 303, "card: %ld", a->r.status);
	REQUIRE((amount = preview(a, "essentials")) >= 0, "preview: %ld", a->r.status);
	snprintf(out, sizeof(out), "plan=essentials&amount=%lld", amount);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", out, 1) == 303, "upgrade: %ld", a->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", before, NULL) == 0,
	    "period-close --now %s: %s", before, out);
	n = atoi(strstr(out, "invoices=") ? strstr(out, "invoices=") + 9 : "-1");
	REQUIRE(n >= 3, "only %d invoices up to %s", n, before);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", before, NULL) == 0 &&
	    strstr(out, "invoices=0") != NULL, "the same close again: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", after, NULL) == 0 &&
	    strstr(out, "invoices=1") != NULL, "the April close: %s", out);
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "list: %ld", a->r.status);
	snprintf(want, sizeof(want), "%04d-04-01T02:30:00+02:00", y);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want) == 0,
	    "April invoice issued %s, not %s", xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@period-start)"), "") != 0 &&
	    strncmp(xs(a, "string(/steward/invoices/invoice[1]/@period-start)"), want, 5) == 0,
	    "April invoice period %s", xs(a, "string(/steward/invoices/invoice[1]/@period-start)"));
	snprintf(want, sizeof(want), "%04d-03-%02dT01:30:00+01:00", y, d);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[2]/@issued)"), want) == 0,
	    "March invoice issued %s, not %s", xs(a, "string(/steward/invoices/invoice[2]/@issued)"), want);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[2]/@total)"), "4900") == 0 &&
	    strcmp(xs(a, "string(/steward/invoices/invoice[2]/@kind)"), "period") == 0,
	    "a period invoice of %s (%s)", xs(a, "string(/steward/invoices/invoice[2]/@total)"),
	    xs(a, "string(/steward/invoices/invoice[2]/@kind)"));
	REQUIRE(numbers_dense(a, "/steward/invoices/invoice", &n), "numbers are not 1..%d", n);
	/* the same instants in New York (EDT from the 2nd Sunday of March) */
	REQUIRE(post_csrf(a, "/api/settings/timezone", "timezone=America/New_York", 1) == 303,
	    "timezone: %ld", a->r.status);
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "list: %ld", a->r.status);
	snprintf(want, sizeof(want), "%04d-03-31T20:30:00-04:00", y);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want) == 0,
	    "in New York the April invoice is issued %s, not %s",
	    xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want);
done:
	free(card);
	cl_free(a);
	t_end();
}

/*
 * The invoice list is paged by its <pager>: 20 a page, newest first, the
 * total counted, the links (HTML) going back to the list's heading; a
 * page past the end is an empty state, and a refused form of the page
 * keeps the page it was sent from.  Runs after test_period_close_dst,
 * whose organization P it gives more than two pages of invoices.
 */
static void
test_invoice_pager(void)
{
	struct client	*a = NULL;
	char		 out[256], when[32], expr[160], first[32];
	time_t		 t = time(NULL);
	struct tm	 tm;
	long		 n, last;

	gmtime_r(&t, &tm);
	snprintf(when, sizeof(when), "%04d-06-01 00:30:00", tm.tm_year + 1900 + 4);
	t_begin("invoices: the list has a <pager> (20 a page, total counted, newest first); Previous/Next link to ?page=N#invoices-h; past the end an empty state; a refused contact form keeps ?page");
	REQUIRE((a = signed_in(&UP_admin)) != NULL, "sign-in failed");
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", when, NULL) == 0,
	    "period-close --now %s: %s", when, out);
	REQUIRE(api(a, "/settings/billing") == 200, "billing: %ld", a->r.status);
	n = atol(xs(a, "string(/steward/billing/invoices/pager/@total)"));
	last = (n + 19) / 20;
	REQUIRE(n > 40 && last >= 3, "only %ld invoices", n);
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/invoices/pager/@path, '|', /steward/billing/invoices/pager/@page, '|', "
	    "/steward/billing/invoices/pager/@per-page, '|', /steward/billing/invoices/pager/@next)"),
	    "/settings/billing|1|20|yes") == 0, "page 1 pager: %s",
	    xs(a, "concat(/steward/billing/invoices/pager/@path, '|', /steward/billing/invoices/pager/@page, '|', "
	    "/steward/billing/invoices/pager/@per-page, '|', /steward/billing/invoices/pager/@next)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == 20, "page 1 holds %d invoices",
	    xpath_count(a->r.doc, "/steward/billing/invoices/invoice"));
	REQUIRE(atol(xs(a, "string(/steward/billing/invoices/invoice[1]/@number)")) == n,
	    "page 1 starts with invoice %s, not %ld", xs(a, "string(/steward/billing/invoices/invoice[1]/@number)"), n);
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/@page | /steward/billing/invoices/@next") == 0,
	    "the list still carries page/next attributes");
	snprintf(expr, sizeof(expr), "/settings/billing?page=%ld", last);
	REQUIRE(api(a, expr) == 200, "last page: %ld", a->r.status);
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == n - (last - 1) * 20 &&
	    strcmp(xs(a, "string(/steward/billing/invoices/pager/@next)"), "no") == 0,
	    "the last page holds %d invoices, next=%s", xpath_count(a->r.doc, "/steward/billing/invoices/invoice"),
	    xs(a, "string(/steward/billing/invoices/pager/@next)"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/invoices/invoice[last()]/@number)"), "1") == 0,
	    "the last page ends with invoice %s", xs(a, "string(/steward/billing/invoices/invoice[last()]/@number)"));

	REQUIRE(get(a, "/settings/billing?page=2") == 200, "HTML page 2: %ld", a->r.status);
	ck(body_has(a, "rel=\"prev\" href=\"/settings/billing?page=1#invoices-h\"") &&
	    body_has(a, "rel=\"next\" href=\"/settings/billing?page=3#invoices-h\""),
	    "page 2 does not link to pages 1 and 3 at the list's heading");
	snprintf(expr, sizeof(expr), "Page 2 of %ld", last);
	ck(body_has(a, expr), "page 2 does not say \"%s\"", expr);
	REQUIRE(get(a, "/settings/billing") == 200, "HTML page 1: %ld", a->r.status);
	ck(!body_has(a, "rel=\"prev\"") && body_has(a, "rel=\"next\" href=\"/settings/billing?page=2#invoices-h\""),
	    "page 1 has a Previous link, or no Next link to page 2");

	snprintf(expr, sizeof(expr), "/settings/billing?page=%ld", last + 5);
	REQUIRE(get(a, expr) == 200, "past the end: %ld", a->r.status);
	ck(body_has(a, "No invoices on this page") && body_has(a, "href=\"/settings/billing#invoices-h\"") &&
	    !body_has(a, "No invoices yet"), "past the end: no empty state leading back to the newest");
	REQUIRE(api(a, "/settings/billing?page=2") == 200, "page 2: %ld", a->r.status);
	snprintf(first, sizeof(first), "%s", xs(a, "string(/steward/billing/invoices/invoice[1]/@ref)"));
	REQUIRE(post_csrf(a, "/api/settings/billing/contact?page=2", "name=Pia&email=nope", 1) == 422,
	    "a bad contact email: %ld", a->r.status);
	ck(strcmp(xs(a, "string(/steward/billing/invoices/pager/@page)"), "2") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/invoices/invoice[1]/@ref)"), first) == 0,
	    "the 422 shows invoice page %s starting with %s, not page 2 starting with %s",
	    xs(a, "string(/steward/billing/invoices/pager/@page)"),
	    xs(a, "string(/steward/billing/invoices/invoice[1]/@ref)"), first);
done:
	cl_free(a);
	t_end();
}

static void
test_period_close_downgrade(void)
{
	struct client	*y = NULL;
	char		 out[256], when[32], *card = NULL;
	int		 before;

	t_begin("period close: a scheduled downgrade to Free takes over at the end of the period and issues no invoice");
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in failed");
	card = form(y, "holder", "Yann Yearly", "number", "4242424242424242", "exp_month", "8",
	    "exp_year", "2035", "cvc", "111", NULL);
	REQUIRE(post_csrf(y, "/api/settings/billing/card", card, 1) == 303, "card: %ld", y->r.status);
	snprintf(out, sizeof(out), "plan=advanced&amount=%lld", preview(y, "advanced"));
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", out, 1) == 303, "upgrade: %ld", y->r.status);
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", "plan=free&amount=0", 1) == 303, "downgrade: %ld", y->r.status);
	REQUIRE(api(y, "/settings/billing") == 200, "billing: %ld", y->r.status);
	before = xpath_count(y->r.doc, "/steward/billing/invoices/invoice");
	months_ahead(1, when, sizeof(when));
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", Y.org, "--now", when, NULL) == 0 &&
	    strstr(out, "invoices=0") != NULL, "close: %s", out);
	REQUIRE(api(y, "/settings/billing") == 200, "billing: %ld", y->r.status);
	REQUIRE(strcmp(xs(y, "concat(/steward/billing/@plan, '|', /steward/billing/@pending-plan)"), "free|") == 0,
	    "after the close: %s", xs(y, "concat(/steward/billing/@plan, '|', /steward/billing/@pending-plan)"));
	REQUIRE(xpath_count(y->r.doc, "/steward/billing/invoices/invoice") == before, "an invoice was issued");
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--now", "2026-13-01 00:00:00", NULL) == 1 ||
	    admin_run(NULL, out, sizeof(out), "period-close", "--now", "yesterday", NULL) == 1,
	    "a bad --now was accepted");
done:
	free(card);
	cl_free(y);
	t_end();
}

/* The Billing group's tests, in order (the billing state builds up). */
static void
part_billing(void)
{
	static const char *const actions[] = {
		"billing.card", "billing.contact", "billing.plan.upgrade",
		"billing.plan.downgrade", "billing.plan.keep",
		"billing.period_close", "invoice.status",
	};

	if (!account_ready())
		return;
	test_billing_page();
	test_billing_roles();
	test_billing_usage();
	test_card_good();
	test_card_bad();
	test_contact();
	test_plan_no_card();
	test_plan_changes();
	test_plan_schedule();
	test_plan_bad();
	test_invoice_page();
	test_invoices_csv();
	test_concurrent_numbering();
	test_period_close_dst();
	test_invoice_pager();
	test_period_close_downgrade();
	test_card_never_stored();
	test_contact_too_long();
	audit_rows("audit: every kind of billing change left its audit_log row (read from a mariadb-dump)",
	    actions, sizeof(actions) / sizeof(actions[0]));
}
