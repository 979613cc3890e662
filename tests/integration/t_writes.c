/*
 * Concurrent writers (DESIGN §13): writes of several kinds released at
 * the same instant (threads held at a barrier) must all be answered as
 * one writer alone would be — never a 503 for a conflict — and every
 * acknowledged write must be in the database exactly once.  Uses
 * sqln() (t_ingest.c).
 */
#include <pthread.h>

#define W_LABELS	7	/* label creations in one burst (one account) */
#define W_EACH		3	/* invitations, ingestion batches, profile changes */
#define W_WRITES	(W_LABELS + 3 * W_EACH)
#define W_ROUNDS	3	/* bursts: a conflict is a matter of timing */

/* One write of a burst: its prepared handle, then its answer. */
struct wjob {
	struct client		*c;
	struct curl_slist	*h;
	char			 what[128];
	long			 want;		/* the status a lone writer gets */
	long			 status;
	CURLcode		 rc;
};

static pthread_barrier_t	 w_barrier;

/* A thread: waits for the others, then sends its request. */
static void *
w_run(void *arg)
{
	struct wjob	*j = arg;

	pthread_barrier_wait(&w_barrier);
	j->rc = curl_easy_perform(j->c->h);
	if (j->rc == CURLE_OK)
		curl_easy_getinfo(j->c->h, CURLINFO_RESPONSE_CODE, &j->status);
	return NULL;
}

/*
 * Prepares j: a POST of body (ctype NULL: a form) to path on a new
 * handle holding the session cookie of signed-in client from (NULL:
 * none), plus the headers extra (NULL-terminated).
 */
static void
w_prep(struct wjob *j, struct client *from, const char *path,
    const char *body, const char *ctype, long want, const char *const *extra)
{
	char	 url[1024], line[600], tok[256];

	memset(j, 0, sizeof(*j));
	j->c = cl_new("writer");
	j->want = want;
	snprintf(j->what, sizeof(j->what), "POST %s", path);
	if (from != NULL) {
		jar_cookie(from, "stw_session", tok, sizeof(tok));
		cl_set_cookie(j->c, "stw_session", tok);
	}
	snprintf(url, sizeof(url), "%s%s", g_url, path);
	curl_easy_setopt(j->c->h, CURLOPT_URL, url);
	j->h = curl_slist_append(j->h, "Expect:");
	snprintf(line, sizeof(line), "Content-Type: %s",
	    ctype ? ctype : "application/x-www-form-urlencoded");
	j->h = curl_slist_append(j->h, line);
	for (; extra != NULL && *extra != NULL; extra++)
		j->h = curl_slist_append(j->h, *extra);
	curl_easy_setopt(j->c->h, CURLOPT_HTTPHEADER, j->h);
	curl_easy_setopt(j->c->h, CURLOPT_POST, 1L);
	curl_easy_setopt(j->c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(j->c->h, CURLOPT_COPYPOSTFIELDS, body);
}

/* A form body of name=value pairs (NULL-terminated), percent-encoded. */
static char *
w_form(struct client *c, ...)
{
	struct buf	 b = { 0 };
	const char	*k;
	va_list		 ap;

	va_start(ap, c);
	while ((k = va_arg(ap, const char *)) != NULL)
		form_add(c, &b, k, va_arg(ap, const char *));
	va_end(ap);
	return b.p;
}

/* Releases the n prepared jobs at once; 1 when every answer is the wanted one. */
static int
w_burst(struct wjob *jobs, size_t n)
{
	pthread_t	 t[W_WRITES];
	size_t		 i;
	int		 ok = 1;

	pthread_barrier_init(&w_barrier, NULL, (unsigned)n);
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, w_run, &jobs[i]) != 0) {
			fprintf(stderr, "itest: pthread_create failed\n");
			exit(2);
		}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&w_barrier);
	for (i = 0; i < n; i++) {
		ok &= ck(jobs[i].rc == CURLE_OK && jobs[i].status == jobs[i].want,
		    "%s answered %ld (%s), not %ld", jobs[i].what, jobs[i].status,
		    curl_easy_strerror(jobs[i].rc), jobs[i].want);
		curl_slist_free_all(jobs[i].h);
		cl_free(jobs[i].c);
	}
	return ok;
}

/*
 * 16 writes at once, three rounds: 7 label creations and 3
 * invitations (one Admin's session), 3 ingestion batches naming the same
 * new event, profile changes of 3 people.  Every answer 303/200; every label,
 * invitation, event row and name exactly once.
 */
static void
test_writes_burst(void)
{
	static struct user	 w[W_EACH] = { { .role = "admin" },
	    { .role = "creator" }, { .role = "member" } };
	struct account		 acc;
	struct client		*c[W_EACH] = { NULL };
	struct wjob		 jobs[W_WRITES];
	char			 name[64], body[512], hid[80], hpc[100];
	char			*form;
	const char		*extra[3] = { hid, hpc, NULL };
	long long		 acct;
	int			 round, i, ok = 1;

	t_begin("writes: 16 writes of four kinds released at once (3 rounds) all answer 303/200, each stored exactly once");
	REQUIRE(make_account(&acc, "writes") == 0, "no account");
	for (i = 0; i < W_EACH; i++) {
		snprintf(name, sizeof(name), "writes-%d", i);
		REQUIRE(make_user(&w[i], name, &acc) == 0, "no user %d", i);
		REQUIRE((c[i] = signed_in(&w[i])) != NULL, "sign-in %d", i);
	}
	acct = sqln("SELECT id FROM account WHERE public_id = '%s'", acc.id);
	snprintf(hid, sizeof(hid), "X-Account-Id: %s", acc.id);
	snprintf(hpc, sizeof(hpc), "X-Account-Passcode: %s", acc.passcode);
	for (round = 0; round < W_ROUNDS && ok; round++) {
		for (i = 0; i < W_LABELS; i++) {
			snprintf(name, sizeof(name), "W%d-%d %s", round, i, g_tag);
			form = w_form(c[0], "csrf", c[0]->csrf, "id", "", "name",
			    name, "color", "red", "description", "", NULL);
			w_prep(&jobs[i], c[0], "/api/settings/labels/save", form,
			    NULL, 303, NULL);
			free(form);
		}
		for (i = 0; i < W_EACH; i++) {
			snprintf(body, sizeof(body), "w%d-%d-%s@example.com", round, i, g_tag);
			form = w_form(c[0], "csrf", c[0]->csrf, "email", body,
			    "role", "member", NULL);
			w_prep(&jobs[W_LABELS + i], c[0], "/api/settings/users/invite",
			    form, NULL, 303, NULL);
			free(form);
			snprintf(body, sizeof(body), "[{\"identity\": \"w%d-%d\", "
			    "\"evtName\": \"burst_%d\", \"evtData\": {\"n%d\": %d}, "
			    "\"ts\": %lld}, {\"identity\": \"w%d-%d\", "
			    "\"profileData\": {\"p%d\": \"x\"}, \"ts\": %lld}]",
			    round, i, round, i, i, (long long)time(NULL), round,
			    i, round, (long long)time(NULL));
			w_prep(&jobs[W_LABELS + W_EACH + i], NULL, "/api/1/upload", body,
			    "application/json", 200, extra);
			snprintf(body, sizeof(body), "Writer %d-%d", round, i);
			form = w_form(c[i], "csrf", c[i]->csrf, "name", body,
			    "phone", "", NULL);
			w_prep(&jobs[W_LABELS + 2 * W_EACH + i], c[i], "/api/settings/profile",
			    form, NULL, 303, NULL);
			free(form);
		}
		ok &= w_burst(jobs, W_WRITES);
		for (i = 0; i < W_LABELS; i++)
			ok &= ck(sqln("SELECT COUNT(*) FROM label WHERE "
			    "account_id = %lld AND name = 'W%d-%d %s'", acct, round,
			    i, g_tag) == 1, "label W%d-%d not stored once", round, i);
		for (i = 0; i < W_EACH; i++) {
			ok &= ck(sqln("SELECT COUNT(*) FROM invitation WHERE "
			    "account_id = %lld AND email = 'w%d-%d-%s@example.com'",
			    acct, round, i, g_tag) == 1,
			    "invitation w%d-%d not stored once", round, i);
			ok &= ck(sqln("SELECT COUNT(*) FROM user WHERE email = "
			    "'%s' AND name = 'Writer %d-%d'", w[i].email, round,
			    i) == 1, "profile of writer %d not changed in round %d",
			    i, round);
		}
		ok &= ck(sqln("SELECT COUNT(*) FROM event_def WHERE "
		    "account_id = %lld AND name = 'burst_%d'", acct, round) == 1,
		    "event burst_%d not named once", round);
		ok &= ck(sqln("SELECT COUNT(*) FROM event_log WHERE "
		    "account_id = %lld", acct) == (round + 1) * W_EACH,
		    "event rows after round %d: %lld, not %d", round,
		    sqln("SELECT COUNT(*) FROM event_log WHERE account_id = "
		    "%lld", acct), (round + 1) * W_EACH);
	}
done:
	for (i = 0; i < W_EACH; i++)
		cl_free(c[i]);
	t_end();
}

static void
part_writes(void)
{
	test_writes_burst();
}
