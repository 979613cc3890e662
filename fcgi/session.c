/*
 * Sessions (DESIGN §8): a 256-bit token in an HttpOnly SameSite=Lax cookie,
 * only its SHA-256 in the database, idle and absolute timeouts, a new token
 * at every sign-in.  Signed-out visitors get a "pre-session" cookie so that
 * the sign-in form has a CSRF token too.  CSRF tokens are HMACs of the
 * session (or pre-session) token under a key from the key file.
 */
#include <string.h>

#include "session.h"
#include "arena.h"
#include "conf.h"
#include "db.h"
#include "decode.h"
#include "limits.h"
#include "rc.h"
#include "request.h"
#include "roles.h"
#include "secret.h"
#include "token.h"
#include "valid.h"

#define COOKIE_SESSION	"stw_session"
#define COOKIE_PRE	"stw_pre"
#define PRE_MAX_AGE	7200

/* Columns of STMT_SESSION_GET. */
enum {
	SG_ID, SG_USER, SG_ACCOUNT, SG_ROLE, SG_USER_NAME, SG_EMAIL,
	SG_ACCOUNT_PUBLIC, SG_ACCOUNT_NAME, SG_REGION, SG_TIMEZONE, SG_IDLE,
	SG_MEMBERSHIPS, SG_STAGE, SG_ATTEMPTS, SG_ENROLL
};

/* Columns of STMT_ACCOUNTS_OF_USER. */
enum { AOU_PUBLIC_ID, AOU_NAME, AOU_ROLE };

/* Keeps only printable ASCII of the User-Agent, at most 512 bytes. */
static const char *
clean_ua(struct arena *a, const char *ua)
{
	char	*s;
	size_t	 i, j = 0;

	if (ua == NULL)
		return "";
	if ((s = arena_alloc(a, 513)) == NULL)
		return "";
	for (i = 0; ua[i] != '\0' && j < 512; i++)
		if (ua[i] >= 0x20 && ua[i] < 0x7f)
			s[j++] = ua[i];
	s[j] = '\0';
	return s;
}

/*
 * The session of row 0 of res, whose columns are those of
 * STMT_SESSION_GET (STMT_API_TOKEN_AUTH selects the same), with hash;
 * NULL on exhaustion.
 */
struct session *
session_from_row(struct arena *a, const struct dbres *res,
    const unsigned char hash[HASH_BYTES])
{
	struct session	*s;

	if ((s = arena_alloc(a, sizeof(*s))) == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->id = db_u64(res, 0, SG_ID);
	s->user_id = db_u64(res, 0, SG_USER);
	s->account_id = db_u64(res, 0, SG_ACCOUNT);
	s->role = (enum role)db_u64(res, 0, SG_ROLE);
	s->user_name = db_cell(res, 0, SG_USER_NAME);
	s->email = db_cell(res, 0, SG_EMAIL);
	s->account_public = db_cell(res, 0, SG_ACCOUNT_PUBLIC);
	s->account_name = db_cell(res, 0, SG_ACCOUNT_NAME);
	s->region = db_cell(res, 0, SG_REGION);
	s->timezone = db_cell(res, 0, SG_TIMEZONE);
	s->memberships = db_u64(res, 0, SG_MEMBERSHIPS);
	s->stage = (enum stage)db_u64(res, 0, SG_STAGE);
	s->attempts = (int)db_u64(res, 0, SG_ATTEMPTS);
	s->enroll = db_u64(res, 0, SG_ENROLL) != 0;
	memcpy(s->hash, hash, HASH_BYTES);
	return s;
}

/* Sets r->csrf from the session, else from the pre-session cookie. */
void
session_csrf(struct req *r)
{
	const unsigned char	*key = secret_subkey(SUBKEY_CSRF);

	if (r->s != NULL)
		token_mac(key, "csrf-session", r->s->hash, HASH_BYTES, r->csrf);
	else if (r->pre != NULL)
		token_mac(key, "csrf-pre", r->pre, strlen(r->pre), r->csrf);
	else
		r->csrf[0] = '\0';
}

/*
 * Looks up the session cookie.  Sets r->s when the session is valid (not
 * idle too long, not past its end), refreshing last_seen at most once a
 * minute; also picks up the pre-session cookie.  Returns 0, or -1 when the
 * database cannot be reached.
 */
int
session_load(struct req *r)
{
	const char	*tok = kv_get(&r->cookies, COOKIE_SESSION);
	const char	*pre = kv_get(&r->cookies, COOKIE_PRE);
	unsigned char	 hash[HASH_BYTES];
	struct dbres	 res;
	struct session	*s;
	int		 rc;

	if (pre != NULL && valid_check(VALID_TOKEN, pre, strlen(pre)))
		r->pre = pre;
	if (tok == NULL || !valid_check(VALID_TOKEN, tok, strlen(tok)) ||
	    token_hash(tok, hash) == -1) {
		session_csrf(r);
		return 0;
	}
	rc = db_exec(r->db, r->a, STMT_SESSION_GET, &res, NULL, NULL, "bi",
	    hash, sizeof(hash), (long long)conf.session_idle);
	if (rc == RC_DOWN)
		return -1;
	if (rc != RC_OK || res.nrows != 1) {
		session_csrf(r);
		return 0;
	}
	if ((s = session_from_row(r->a, &res, hash)) == NULL)
		return -1;
	if (s->role <= ROLE_NONE || s->role >= ROLE__MAX)
		return 0;
	if (s->stage != STAGE_FULL) {	/* only /login/verify looks at it */
		r->half = s;
		session_csrf(r);
		return 0;
	}
	r->s = s;
	if (db_u64(&res, 0, SG_IDLE) >= SESSION_TOUCH_EVERY)
		(void)db_exec(r->db, r->a, STMT_SESSION_TOUCH, NULL, NULL, NULL,
		    "u", s->id);
	session_csrf(r);
	return 0;
}

/*
 * Gives a signed-out visitor a pre-session cookie (when it has none), so
 * that r->csrf is set for the sign-in form.  Returns 0.
 */
int
session_pre(struct req *r)
{
	char	 tok[TOKEN_B64_LEN + 1];

	if (r->pre == NULL) {
		token_new(tok);
		r->pre = arena_strdup(r->a, tok);
		req_cookie(r, COOKIE_PRE, tok, PRE_MAX_AGE);
	}
	session_csrf(r);
	return 0;
}

/*
 * Starts a session of user in account at stage, ending after ttl seconds
 * (inside the caller's transaction): a new token, its hash stored, the
 * cookie set.  A session waiting for its second step keeps the
 * pre-session cookie, whose CSRF token its form uses.  Returns an rc.
 */
int
session_create_stage(struct req *r, uint64_t user, uint64_t account,
    enum stage stage, int ttl)
{
	char		 tok[TOKEN_B64_LEN + 1];
	unsigned char	 hash[HASH_BYTES];
	int		 rc;

	token_new_hashed(tok, hash);
	rc = db_exec(r->db, r->a, STMT_SESSION_NEW, NULL, NULL, NULL, "buussii",
	    hash, sizeof(hash), user, account, r->ip, clean_ua(r->a, r->ua),
	    (long long)stage, (long long)ttl);
	if (rc != RC_OK)
		return rc;
	req_cookie(r, COOKIE_SESSION, tok, ttl);
	if (stage == STAGE_FULL)
		req_cookie(r, COOKIE_PRE, "", 0);
	return RC_OK;
}

/* Starts a full session of user in account; see session_create_stage. */
int
session_create(struct req *r, uint64_t user, uint64_t account)
{
	return session_create_stage(r, user, account, STAGE_FULL,
	    conf.session_max);
}

/*
 * Deletes the current session's row, or the one waiting for its second
 * step (a new session's cookie will replace the old one).  Returns an rc.
 */
int
session_drop(struct req *r)
{
	struct session	*s = r->s != NULL ? r->s : r->half;

	if (s == NULL)
		return RC_OK;
	return db_exec(r->db, r->a, STMT_SESSION_END, NULL, NULL, NULL, "u",
	    s->id);
}

/* Ends the current session and deletes its cookie.  Returns an rc. */
int
session_end(struct req *r)
{
	int	 rc = session_drop(r);

	req_cookie(r, COOKIE_SESSION, "", 0);
	return rc;
}

/*
 * Runs statement st (one parameter: a token hash) for the token of a
 * mailed link into res.  A missing or malformed token gives 0 rows.
 * Returns an rc.
 */
int
token_lookup(struct req *r, const char *token, enum stmt st, struct dbres *res)
{
	unsigned char	 hash[HASH_BYTES];

	memset(res, 0, sizeof(*res));
	if (token == NULL || !valid_check(VALID_TOKEN, token, strlen(token)) ||
	    token_hash(token, hash) == -1)
		return RC_OK;
	return db_exec(r->db, r->a, st, res, NULL, NULL, "b", hash,
	    sizeof(hash));
}

/*
 * Loads the switcher of the signed-in user into r->s->accounts: the
 * session's own account, or with more than one membership every account
 * (one query).  Returns an rc.
 */
int
session_accounts(struct req *r)
{
	struct session	*s = r->s;
	struct dbres	 res;
	size_t		 i, n;
	int		 rc;

	if (s->memberships <= 1) {
		if ((s->accounts = arena_alloc(r->a, sizeof(*s->accounts))) == NULL)
			return RC_ERROR;
		s->accounts[0].id = s->account_public;
		s->accounts[0].name = s->account_name;
		s->accounts[0].role = s->role;
		s->naccounts = 1;
		return RC_OK;
	}
	if ((rc = db_exec(r->db, r->a, STMT_ACCOUNTS_OF_USER, &res, NULL, NULL,
	    "u", s->user_id)) != RC_OK)
		return rc;
	n = res.nrows;
	if (n > 0 && (s->accounts = arena_alloc(r->a,
	    n * sizeof(*s->accounts))) == NULL)
		return RC_ERROR;
	for (i = 0; i < n; i++) {
		s->accounts[i].id = db_cell(&res, i, AOU_PUBLIC_ID);
		s->accounts[i].name = db_cell(&res, i, AOU_NAME);
		s->accounts[i].role = (enum role)db_u64(&res, i, AOU_ROLE);
	}
	s->naccounts = n;
	return RC_OK;
}
