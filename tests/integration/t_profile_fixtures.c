/*
 * The fixtures and helpers of the profile, password, 2-step verification
 * and sign-in tests (t_profile.c, t_password.c, t_twofa.c, t_login.c):
 * three organizations of their own (one requiring 2-step verification),
 * the database read with the mariadb client and the stack's
 * steward.conf, mails read from var/mail, TOTP codes from oathtool
 * (Debian), as an app would make them.  Included by itest.c after
 * t_core.c, before those files.
 */

#include <time.h>

/* ------------------------------------------------------------ helpers */

static char	 pf_db_socket[PATH_MAX], pf_db_user[128], pf_db_pw[256],
		 pf_db_name[128];
static struct account	 PA, PB, PC;	/* C: its organization requires 2FA */

/* Reads the database settings of steward.conf (once). */
static void
pf_conf(void)
{
	FILE	*f;
	char	 line[1024], *eq, *k, *v, *e;

	if (pf_db_user[0] != '\0' || (f = fopen(g_conf, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((eq = strchr(line, '=')) == NULL || line[0] == '#')
			continue;
		*eq = '\0';
		k = line;
		while (*k == ' ')
			k++;
		for (e = eq - 1; e >= k && (*e == ' ' || *e == '\t'); e--)
			*e = '\0';
		v = eq + 1;
		while (*v == ' ')
			v++;
		v[strcspn(v, "\r\n")] = '\0';
		if (strcmp(k, "db_socket") == 0)
			snprintf(pf_db_socket, sizeof(pf_db_socket), "%s", v);
		else if (strcmp(k, "db_user") == 0)
			snprintf(pf_db_user, sizeof(pf_db_user), "%s", v);
		else if (strcmp(k, "db_password") == 0)
			snprintf(pf_db_pw, sizeof(pf_db_pw), "%s", v);
		else if (strcmp(k, "db_name") == 0)
			snprintf(pf_db_name, sizeof(pf_db_name), "%s", v);
	}
	fclose(f);
	if (pf_db_user[0] == '\0')
		snprintf(pf_db_user, sizeof(pf_db_user), "steward");
	if (pf_db_name[0] == '\0')
		snprintf(pf_db_name, sizeof(pf_db_name), "steward");
}

/*
 * Runs argv (NULL-terminated, argv[0] a path or a name in PATH) and
 * keeps its stdout, trailing newlines cut.  Returns the exit status.
 */
static int
pf_run(char *out, size_t outlen, const char *const argv[])
{
	int	 op[2], st;
	pid_t	 pid;
	size_t	 got = 0;
	ssize_t	 k;

	if (pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(op[1]);
	while (got + 1 < outlen && (k = read(op[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
		out[--got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * One SQL statement through the mariadb client (tab-separated, no
 * headers) into out.  Only the tests build SQL from strings, and only
 * from their own fixtures.  Returns 0 on success.
 */
static int
pf_sql(char *out, size_t outlen, const char *fmt, ...)
{
	char		 q[4096], sock[PATH_MAX + 16], pw[300];
	char		 tmp[8192];
	const char	*argv[12];
	va_list		 ap;
	int		 n = 0, rc;

	pf_conf();
	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	snprintf(sock, sizeof(sock), "--socket=%s", pf_db_socket);
	snprintf(pw, sizeof(pw), "--password=%s", pf_db_pw);
	argv[n++] = "mariadb";
	if (pf_db_socket[0] != '\0')
		argv[n++] = sock;
	argv[n++] = "-u";
	argv[n++] = pf_db_user;
	argv[n++] = pw;
	argv[n++] = "-N";
	argv[n++] = "-B";
	argv[n++] = pf_db_name;
	argv[n++] = "-e";
	argv[n++] = q;
	argv[n] = NULL;
	rc = pf_run(out ? out : tmp, out ? outlen : sizeof(tmp), argv);
	if (rc != 0)
		fprintf(stderr, "itest: sql failed (%d): %s\n", rc, q);
	return rc;
}

/* The first value a query returns, in a static buffer ("" on error). */
static const char *
pf_sqlv(const char *fmt, ...)
{
	static char	 out[4096];
	char		 q[4096];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (pf_sql(out, sizeof(out), "%s", q) != 0)
		out[0] = '\0';
	out[strcspn(out, "\t\n")] = '\0';
	return out;
}

/* 1 once the named lock is held (within 5 s; another client takes it),
 * else 0. */
static int
lock_seen(const char *name)
{
	int	 i;

	for (i = 0; i < 50; i++) {
		if (strcmp(pf_sqlv("SELECT IS_USED_LOCK('%s') IS NOT NULL", name),
		    "1") == 0)
			return 1;
		usleep(100000);
	}
	return 0;
}

/* How many audit rows of action the user with email has. */
static int
audits(const char *email, const char *action)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log l JOIN user u ON "
	    "u.id = l.actor_id WHERE u.email = '%s' AND l.action = '%s'",
	    email, action));
}

/* All audit rows of the user with email (a "nothing changed" witness). */
static int
audits_all(const char *email)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log l JOIN user u ON "
	    "u.id = l.actor_id WHERE u.email = '%s'", email));
}

/* A new user of role in account a, made with steward-admin. */
static struct user *
pf_user(const char *role, const char *label, struct account *a)
{
	static struct user	 pool[48];
	static size_t		 used;
	struct user		*u;

	if (used == sizeof(pool) / sizeof(pool[0]))
		return NULL;
	u = &pool[used++];
	u->role = role;
	if (make_user(u, label, a) == -1)
		return NULL;
	return u;
}

/* The fixtures: three organizations of their own. */
static int
pf_setup(void)
{
	if (PA.id[0] != '\0')
		return 0;
	if (make_account(&PA, "PA") == -1 || make_account(&PB, "PB") == -1 ||
	    make_account(&PC, "PC") == -1)
		return -1;
	return pf_sql(NULL, 0, "UPDATE organization SET require_2fa = TRUE WHERE "
	    "id = %s", PC.org);
}

/* POST /api/login with the password only: the status; Location kept. */
static long
pf_password_step(struct client *c, const char *email, const char *pw,
    const char *next)
{
	if (!load_login_csrf(c))
		return -1;
	if (next != NULL)
		return post(c, "/api/login", "email", email, "password", pw,
		    "csrf", c->csrf, "next", next, NULL);
	return post(c, "/api/login", "email", email, "password", pw, "csrf",
	    c->csrf, NULL);
}

/* GET an /api page and keep its CSRF token; the status. */
static long
pf_load(struct client *c, const char *path)
{
	long	 st = get(c, path);

	if (st == 200 && c->r.doc != NULL)
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return st;
}

/* The 43-character token after marker in text, into out ("" when none). */
static void
pf_link_token(const char *text, const char *marker, char out[44])
{
	const char	*p = text ? strstr(text, marker) : NULL;
	size_t		 n = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(marker);
	while (n < 43 && ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' &&
	    p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '-' ||
	    p[n] == '_'))
		n++;
	if (n == 43) {
		memcpy(out, p, 43);
		out[43] = '\0';
	}
}

/*
 * The number of mails written since before that are addressed to email
 * and contain needle; the first one's text into *first (caller frees).
 */
static int
mail_to(const struct snap *before, const char *email, const char *needle,
    char **first)
{
	struct snap	 now;
	size_t		 i, j;
	char		 path[PATH_MAX * 2], to[300], *text;
	int		 count = 0;

	if (first != NULL)
		*first = NULL;
	snprintf(to, sizeof(to), "<%s>", email);
	snap_take(&now);
	for (i = 0; i < now.n; i++) {
		for (j = 0; j < before->n; j++)
			if (strcmp(now.names[i], before->names[j]) == 0)
				break;
		if (j < before->n)
			continue;
		snprintf(path, sizeof(path), "%s/mail/%s", g_var, now.names[i]);
		if ((text = read_all(path)) == NULL)
			continue;
		if (strstr(text, to) != NULL && strstr(text, needle) != NULL &&
		    count++ == 0 && first != NULL) {
			*first = text;
			text = NULL;
		}
		free(text);
	}
	snap_free(&now);
	return count;
}

/*
 * A TOTP code of secret (base32) from oathtool for a step after *last
 * (the last step the server accepted) that the server takes now; waits
 * for the next step when needed.  *last becomes the step used.
 */
static int
totp_for(const char *secret, long long *last, char code[16])
{
	const char	*argv[8];
	char		 at[32];
	long long	 now, want;

	for (;;) {
		now = (long long)time(NULL) / 30;
		want = *last + 1 > now ? *last + 1 : now;
		if (want <= now + 1)
			break;
		sleep(1);
	}
	snprintf(at, sizeof(at), "@%lld", want * 30 + 15);
	argv[0] = "oathtool";
	argv[1] = "--totp";
	argv[2] = "-b";
	argv[3] = secret;
	argv[4] = "-N";
	argv[5] = at;
	argv[6] = NULL;
	if (pf_run(code, 16, argv) != 0 || strlen(code) != 6)
		return -1;
	*last = want;
	return 0;
}

/* A user with 2-step verification on, and what the tests need of it. */
struct tfa {
	struct user	*u;
	char		 secret[40];
	long long	 last;
	char		 codes[10][16];
};

/*
 * Turns 2-step verification on through the pages for the user signed in
 * on c (c->csrf loaded) and keeps the secret, the step used and the
 * codes.  Returns 1, or 0 with the failure recorded.
 */
static int
tfa_setup(struct client *c, struct tfa *t)
{
	char	 code[16], expr[64];
	int	 i;

	post(c, "/api/settings/profile/2fa/start", "csrf", c->csrf, NULL);
	if (!ck(c->r.status == 303 && strcmp(c->r.location,
	    "/api/settings/profile/2fa") == 0, "2fa/start: %ld %s",
	    c->r.status, c->r.location))
		return 0;
	if (!ck(pf_load(c, "/api/settings/profile/2fa") == 200,
	    "GET /api/settings/profile/2fa: %ld", c->r.status))
		return 0;
	xpath_str(c->r.doc, "string(/steward/twofa-setup/secret)", t->secret,
	    sizeof(t->secret));
	if (!ck(strlen(t->secret) == 32, "secret \"%s\"", t->secret))
		return 0;
	t->last = 0;
	if (!ck(totp_for(t->secret, &t->last, code) == 0, "oathtool failed"))
		return 0;
	post(c, "/api/settings/profile/2fa/enable", "csrf", c->csrf, "code",
	    code, NULL);
	if (!ck(c->r.status == 200 && xpath_count(c->r.doc,
	    "/steward/recovery-codes/code") == 10, "enable: %ld, %d codes",
	    c->r.status, xpath_count(c->r.doc, "/steward/recovery-codes/code")))
		return 0;
	for (i = 0; i < 10; i++) {
		snprintf(expr, sizeof(expr), "string(/steward/recovery-codes/code[%d])",
		    i + 1);
		xpath_str(c->r.doc, expr, t->codes[i], sizeof(t->codes[i]));
	}
	return 1;
}

/* Signs c in as t->u (no 2-step yet), then tfa_setup(); 1 or 0. */
static int
tfa_enable(struct client *c, struct tfa *t)
{
	if (!ck(signin(c, t->u->email, t->u->password) == 303,
	    "sign-in of %s: %ld", t->u->email, c->r.status))
		return 0;
	return tfa_setup(c, t);
}

/* Signs c in as t->u through both steps (a fresh TOTP code); 1 or 0. */
static int
tfa_signin(struct client *c, struct tfa *t)
{
	char	 code[16];

	if (!ck(pf_password_step(c, t->u->email, t->u->password, NULL) == 303 &&
	    strcmp(c->r.location, "/api/login/verify") == 0,
	    "password step of %s: %ld %s", t->u->email, c->r.status,
	    c->r.location))
		return 0;
	if (!ck(pf_load(c, "/api/login/verify") == 200, "GET verify: %ld",
	    c->r.status) || !ck(totp_for(t->secret, &t->last, code) == 0,
	    "oathtool failed"))
		return 0;
	post(c, "/api/login/verify", "csrf", c->csrf, "code", code, NULL);
	if (!ck(c->r.status == 303, "verify with a fresh code: %ld", c->r.status))
		return 0;
	return ck(pf_load(c, "/api/settings") == 200, "GET /api/settings after "
	    "verify: %ld", c->r.status);
}

/*
 * The first test of each of these groups: the fixtures are made (once)
 * and the mariadb client reaches the database.  1 when they are ready.
 */
static int
pf_group_setup(const char *group)
{
	static char	 name[256];

	snprintf(name, sizeof(name), "%s: fixtures (three organizations, one "
	    "requiring 2-step verification; the mariadb client reaches the "
	    "database)", group);
	t_begin(name);
	ck(pf_setup() == 0, "fixtures could not be made");
	ck(strcmp(pf_sqlv("SELECT require_2fa FROM organization WHERE id = %s", PC.org), "1") == 0,
	    "the mariadb client cannot reach the database (%s)", g_conf);
	return t_end();
}
