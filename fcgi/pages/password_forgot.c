/*
 * /password/forgot: asking for a link to set a new password.  The answer
 * is the same, in about the same time, for known and unknown emails: a
 * known one gets a link (stored hashed, 1 hour), an unknown one a mail
 * that says there is no login.
 */
#include <time.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../log.h"
#include "../mail.h"
#include "../passwd.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../token.h"
#include "../xml.h"

#define SENT	"If %s has a Steward login, a link to set a new password is " \
		"on its way. It works once, within 1 hour."

/*
 * Draws the forgot form (signed-out layout) with status, an error and the
 * email typed.  Returns RC_OK, or RC_ERROR on exhaustion.
 */
static int
forgot_render(struct req *r, int status, const char *err, const char *email)
{
	xmlNodePtr	 n;

	if (r->s == NULL)
		session_pre(r);
	r->status = status;
	if (xml_page(r, "forgot") == NULL)
		return RC_ERROR;
	if (err != NULL)
		xml_error(r, status == 422 ? "email" : NULL, err);
	n = xml_el(r->root, "forgot", NULL);
	xml_attr(n, "email", email ? email : "");
	return RC_OK;
}

/* GET /password/forgot. */
int
page_password_forgot(struct req *r)
{
	return forgot_render(r, 200, NULL, NULL);
}

/* Microseconds of the monotonic clock. */
static long long
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps until FORGOT_MIN_US after t0. */
static void
pad_until(long long t0)
{
	long long	 left = t0 + FORGOT_MIN_US - mono_us();
	struct timespec	 ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)(left / 1000000);
	ts.tv_nsec = (long)(left % 1000000) * 1000;
	while (nanosleep(&ts, &ts) == -1)
		;
}

/* A reset link stored by forgot_tx(). */
struct forgot {
	uint64_t		 user;
	const char		*email;
	const unsigned char	*hash;	/* of the token */
};

/* req_txn_fn: the link's hash (1 hour), audited. */
static int
forgot_tx(struct req *r, void *arg)
{
	struct forgot	*f = arg;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_RESET_NEW, NULL, NULL, NULL, "ubsi",
	    f->user, f->hash, (size_t)HASH_BYTES, r->ip,
	    (long long)RESET_TTL)) != RC_OK)
		return rc;
	return audit(r->db, first_account(r->db, r->a, f->user), f->user,
	    "password.reset.request", f->email, r->ip);
}

/*
 * For a known user: a reset link (token stored hashed, 1 hour), audited,
 * in one transaction (req_txn), then mailed.  Returns an rc; when the
 * mail fails the stored link is useless (nobody has its token) and dies
 * within the hour.
 */
static int
forgot_known(struct req *r, uint64_t user, const char *email,
    const char *name)
{
	char		 tok[TOKEN_B64_LEN + 1], err[256];
	unsigned char	 hash[HASH_BYTES];
	struct forgot	 f = { user, email, hash };
	xmlNodePtr	 m;
	int		 rc;

	token_new_hashed(tok, hash);
	if ((rc = req_txn(r, forgot_tx, &f)) != RC_OK)
		goto out;
	m = mail_doc("password-reset", email, name, "Set a new Steward password");
	xml_attr(xml_el(m, "login", NULL), "email", email);
	xml_attr(xml_el(m, "client", NULL), "ip", r->ip);
	xml_attr(xml_el(m, "link", NULL), "href", arena_printf(r->a,
	    "%s/password/reset?token=%s", req_client_origin(r), tok));
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("reset mail to %s: %s", email, err);
		rc = RC_ERROR;
	}
out:
	sodium_memzero(tok, sizeof(tok));
	return rc;
}

/*
 * For an unknown email: a mail that says there is no login (audited).
 * Returns RC_OK, or RC_ERROR when the mail could not be sent.
 */
static int
forgot_unknown(struct req *r, const char *email)
{
	xmlNodePtr	 m;
	char		 err[256];

	(void)audit(r->db, 0, 0, "password.reset.unknown", email, r->ip);
	m = mail_doc("password-unknown", email, NULL, "Set a new Steward password");
	xml_attr(xml_el(m, "login", NULL), "email", email);
	xml_attr(xml_el(m, "client", NULL), "ip", r->ip);
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("reset mail to %s: %s", email, err);
		return RC_ERROR;
	}
	return RC_OK;
}

/*
 * POST /password/forgot (email): the same 303 to /login with the same
 * flash, after at least FORGOT_MIN_US, whether or not the email has a
 * login; each request is throttled per email and per client.  422 for an
 * address that is not one, 429 while throttled, 503 when the database or
 * the mail fails.
 */
int
page_password_forgot_post(struct req *r)
{
	long long	 t0 = mono_us();
	const char	*email, *key, *why;
	struct dbres	 res;
	int		 wait, rc;

	if ((why = in_error(r, "email")) != NULL)
		return forgot_render(r, 422, why, in_typed(r, "email"));
	if ((email = email_normalise(r->a, in_str(r, "email"))) == NULL)
		return RC_ERROR;
	key = arena_printf(r->a, "forgot:%s", email);
	if (key == NULL || (wait = throttle_wait(r, key)) < 0)
		return req_down(r);
	if (wait > 0)
		return forgot_render(r, 429, throttle_refusal(r, wait,
		    "requests"), email);
	(void)throttle_fail(r, key);
	if (db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		return req_down(r);
	rc = res.nrows == 1 ? forgot_known(r, db_u64(&res, 0, UE_ID), email,
	    db_cell(&res, 0, UE_NAME)) : forgot_unknown(r, email);
	pad_until(t0);
	if (rc != RC_OK)
		return forgot_render(r, 503, "The mail could not be sent. Try "
		    "again in a moment.", email);
	req_flash(r, "ok", arena_printf(r->a, SENT, email));
	req_redirect(r, "/login");
	return RC_OK;
}
