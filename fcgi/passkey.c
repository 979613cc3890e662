/*
 * Passkeys of a request (see passkey.h).  A challenge is 32 random bytes
 * in webauthn_challenge, bound to the SHA-256 of the session token (adding
 * a passkey; the second step, whose half session has a token too) or of
 * the pre-session cookie (signing in), one per binding and purpose,
 * WA_CHALLENGE_TTL seconds; taking it deletes it, whatever the verdict,
 * so an answer can be tried once.  The relying party id is the host of
 * the request's origin (public_url, or the Host when it is empty).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "audit.h"
#include "cose.h"
#include "db.h"
#include "input.h"
#include "passkey.h"
#include "rc.h"
#include "request.h"
#include "session.h"
#include "token.h"
#include "xml.h"

/* Columns of STMT_PASSKEY_BY_CRED. */
enum { PC_ID, PC_USER, PC_KEY, PC_COUNT, PC_NAME, PC_EMAIL, PC_USER_NAME,
	PC_TOTP };

/* Columns of STMT_PASSKEYS_OF_USER. */
enum { PL_ID, PL_NAME, PL_AAGUID, PL_ALG, PL_FLAGS, PL_CREATED, PL_USED };

/* The purposes as the options document names them. */
static const char *const purposes[] = {
	[WA_ADD] = "add", [WA_SIGNIN] = "signin", [WA_STEP] = "step",
};

/* Authenticators known by their AAGUID (the passkey's "kind"). */
static const struct {
	const char	*aaguid;	/* hex, no dashes */
	const char	*kind;
} kinds[] = {
	{ "ea9b8d664d011d213ce4b6b48cb575d4", "Google Password Manager" },
	{ "adce000235bcc60a648b0b25f1f05503", "Chrome on Mac" },
	{ "fbfc3007154e4ecc8c0b6e020557d7bd", "iCloud Keychain" },
	{ "08987058cadc4b81b6e130de50dcbe96", "Windows Hello" },
	{ "9ddd1817af5a4672a2b93e3dd95000a9", "Windows Hello" },
	{ "6028b017b1d44c02b4b3afcdafc96bb2", "Windows Hello" },
	{ "bada5566a7aa401fbd9645619a55120d", "1Password" },
	{ "d548826e79b4db40a3d811116f7e8349", "Bitwarden" },
	{ "cb69481e8ff7403993ec0a2729a154a8", "YubiKey 5" },
	{ "ee882879721c491397753dfcce97072a", "YubiKey 5" },
	{ "fa2b99dc9e3942578f924a30d23c4118", "YubiKey 5 NFC" },
	{ "2fc0579f811347eab116bb5a8db9202a", "YubiKey 5 NFC" },
};

/*
 * The kind of authenticator an AAGUID names ("Passkey" when unknown or
 * all zero: the browser did not say).
 */
const char *
passkey_kind(const unsigned char *aaguid, size_t len)
{
	char	 hex[2 * WA_AAGUID_BYTES + 1];
	size_t	 i;

	if (aaguid == NULL || len != WA_AAGUID_BYTES)
		return "Passkey";
	sodium_bin2hex(hex, sizeof(hex), aaguid, len);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(hex, kinds[i].aaguid) == 0)
			return kinds[i].kind;
	return "Passkey";
}

/*
 * The binding of a challenge for purpose in out: the session's token hash
 * (WA_ADD), the half session's (WA_STEP), the pre-session cookie's
 * (WA_SIGNIN).  0, or -1 when the request has none.
 */
int
passkey_binding(struct req *r, enum wa_purpose p, unsigned char out[HASH_BYTES])
{
	const struct session	*s = p == WA_ADD ? r->s : p == WA_STEP ?
	    r->half : NULL;

	if (s != NULL) {
		memcpy(out, s->hash, HASH_BYTES);
		return 0;
	}
	if (p == WA_SIGNIN && r->pre != NULL)
		return token_hash(r->pre, out);
	return -1;
}

/* The relying party id: the host of the request's origin, no port. */
const char *
passkey_rp_id(struct req *r)
{
	const char	*o = req_client_origin(r), *h, *end;

	h = (h = strstr(o, "://")) != NULL ? h + 3 : o;
	if (*h == '[')
		end = strchr(h, ']') != NULL ? strchr(h, ']') + 1 : h + strlen(h);
	else
		end = h + strcspn(h, ":/");
	return arena_strndup(r->a, h, (size_t)(end - h));
}

/* What the ceremony of this request must show: its type, origin, RP. */
void
passkey_expect(struct req *r, struct wa_expect *e, const char *type,
    const unsigned char *challenge, int uv)
{
	e->type = type;
	e->challenge = challenge;
	e->origin = req_client_origin(r);
	e->rp_id = passkey_rp_id(r);
	e->uv = uv;
}

/* base64url of n bytes, in the arena; NULL on exhaustion. */
static char *
b64(struct arena *a, const unsigned char *p, size_t n)
{
	size_t	 len = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char	*s;

	if ((s = arena_alloc(a, len)) != NULL)
		token_b64(p, n, s, len);
	return s;
}

/*
 * Decodes the base64url (no padding) text in into at most max bytes in
 * the arena.  0, or -1 when it is missing, empty, malformed or too long.
 */
int
passkey_b64(struct arena *a, const char *in, size_t max, unsigned char **out,
    size_t *outlen)
{
	size_t	 n;

	if (in == NULL || (n = strlen(in)) == 0 || n > (max + 2) / 3 * 4 ||
	    (*out = arena_alloc(a, n)) == NULL)
		return -1;
	if (sodium_base642bin(*out, n, in, n, NULL, outlen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || *outlen == 0 ||
	    *outlen > max)
		return -1;
	return 0;
}

/* <credential id> for each passkey of user under n; an rc. */
static int
add_credentials(struct req *r, xmlNodePtr n, uint64_t user)
{
	struct dbres	 res;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_PASSKEY_CREDS_OF_USER, &res, NULL,
	    NULL, "u", user)) != RC_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		xml_attr(xml_el(n, "credential", NULL), "id", b64(r->a,
		    (const unsigned char *)res.cell[i], res.len[i]));
	return RC_OK;
}

/*
 * Issues a challenge for purpose (replacing the binding's open one) and
 * draws the options document: <passkey-options> with the challenge, the
 * relying party, the person (WA_ADD: user id, email, name) and their
 * credentials (WA_ADD: to exclude; WA_STEP: to allow).  Returns RC_OK, or
 * RC_ERROR with r->status set (403 without a binding, 503).
 */
int
passkey_options(struct req *r, enum wa_purpose p, uint64_t user,
    const char *email, const char *name)
{
	unsigned char	 bind[HASH_BYTES], ch[WA_CHALLENGE_BYTES], handle[8];
	xmlNodePtr	 n;
	size_t		 i;

	if (passkey_binding(r, p, bind) != 0) {
		r->status = 403;
		return RC_ERROR;
	}
	randombytes_buf(ch, sizeof(ch));
	(void)db_exec(r->db, r->a, STMT_WA_CHALLENGE_PURGE, NULL, NULL, NULL, "");
	if (db_exec(r->db, r->a, STMT_WA_CHALLENGE_PUT, NULL, NULL, NULL,
	    "bibi", bind, sizeof(bind), (long long)p, ch, sizeof(ch),
	    (long long)WA_CHALLENGE_TTL) != RC_OK)
		return req_down(r);
	if (xml_page(r, "passkey-options") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "passkey-options", NULL);
	xml_attr(n, "purpose", purposes[p]);
	xml_attr(n, "challenge", b64(r->a, ch, sizeof(ch)));
	xml_attr(n, "rp-id", passkey_rp_id(r));
	xml_attr(n, "rp-name", "Steward");
	xml_attr_i(n, "timeout", (long long)WA_CHALLENGE_TTL * 1000);
	xml_attr(n, "uv", p == WA_SIGNIN ? "required" : "preferred");
	if (p == WA_ADD) {
		for (i = 0; i < sizeof(handle); i++)	/* the user id, big-endian */
			handle[i] = (unsigned char)(user >> (56 - 8 * i));
		xml_attr(n, "user-id", b64(r->a, handle, sizeof(handle)));
		xml_attr(n, "user-name", email);
		xml_attr(n, "user-display", name);
	}
	if (p != WA_SIGNIN && add_credentials(r, n, user) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/* A challenge being taken, for take_tx(). */
struct take {
	const unsigned char	*bind;
	enum wa_purpose		 p;
	unsigned char		*challenge;	/* out */
	int			 found;		/* out */
};

/*
 * req_txn_fn: reads and deletes the open challenge of t->bind and t->p,
 * copied to t->challenge with t->found 1.  Writes only the database, so
 * it may run again.  Returns an rc.
 */
static int
take_tx(struct req *r, void *arg)
{
	struct take	*t = arg;
	struct dbres	 res;
	int		 rc;

	t->found = 0;
	if ((rc = db_exec(r->db, r->a, STMT_WA_CHALLENGE_GET, &res, NULL, NULL,
	    "bi", t->bind, (size_t)HASH_BYTES, (long long)t->p)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_WA_CHALLENGE_DEL, NULL, NULL, NULL,
	    "bi", t->bind, (size_t)HASH_BYTES, (long long)t->p)) != RC_OK)
		return rc;
	if (res.nrows == 1 && res.len[0] == WA_CHALLENGE_BYTES) {
		memcpy(t->challenge, res.cell[0], WA_CHALLENGE_BYTES);
		t->found = 1;
	}
	return RC_OK;
}

/*
 * Takes the open challenge of purpose: copied to challenge with *found 1,
 * and deleted (committed; tried again whole after a conflict), or *found
 * 0 when there is none or it expired.  Returns an rc.
 */
int
passkey_take(struct req *r, enum wa_purpose p,
    unsigned char challenge[WA_CHALLENGE_BYTES], int *found)
{
	unsigned char	 bind[HASH_BYTES];
	struct take	 t = { bind, p, challenge, 0 };
	int		 rc;

	*found = 0;
	if (passkey_binding(r, p, bind) != 0)
		return RC_OK;
	rc = req_txn(r, take_tx, &t);
	*found = rc == RC_OK && t.found;
	return rc;
}

/* The fields of an assertion, decoded. */
struct assertion {
	unsigned char	*cred, *json, *ad, *sig;
	size_t		 credlen, jsonlen, adlen, siglen;
};

/* Decodes the form's assertion fields; the verdict for a bad one. */
static enum wa_rc
assertion_read(struct req *r, struct assertion *a)
{
	if (passkey_b64(r->a, in_str(r, "credential"), WA_MAX_CRED_ID,
	    &a->cred, &a->credlen) != 0)
		return WA_UNKNOWN;
	if (passkey_b64(r->a, in_str(r, "client_data"), WA_MAX_CLIENT_DATA,
	    &a->json, &a->jsonlen) != 0)
		return WA_CLIENT_DATA;
	if (passkey_b64(r->a, in_str(r, "authenticator_data"), WA_MAX_AUTHDATA,
	    &a->ad, &a->adlen) != 0)
		return WA_AUTHDATA;
	if (passkey_b64(r->a, in_str(r, "signature"), WA_MAX_SIG, &a->sig,
	    &a->siglen) != 0)
		return WA_SIGNATURE;
	return WA_OK;
}

/* The passkey of a row of STMT_PASSKEY_BY_CRED in hit (cells in the arena). */
static void
hit_read(const struct dbres *res, struct passkey_hit *hit)
{
	hit->id = db_u64(res, 0, PC_ID);
	hit->user = db_u64(res, 0, PC_USER);
	hit->name = db_cell(res, 0, PC_NAME);
	hit->email = db_cell(res, 0, PC_EMAIL);
	hit->user_name = db_cell(res, 0, PC_USER_NAME);
	hit->totp = db_u64(res, 0, PC_TOTP) != 0;
}

/* An assertion being checked against its passkey, for assert_tx(). */
struct check {
	const struct assertion	*a;
	const struct wa_expect	*e;
	uint64_t		 only_user;	/* 0: anyone's passkey */
	req_txn_fn		 then;		/* the caller's writes; NULL: none */
	void			*arg;
	struct passkey_hit	*hit;		/* out */
	enum wa_rc		 verdict;	/* out */
};

/*
 * req_txn_fn: reads the passkey of c->a's credential (locked) and checks
 * the assertion against it (owner, signature, counter: wa_assert, which
 * has no other input than these, so a try again checks the row as it is
 * then).  WA_OK: the counter and last use updated, then c->then.
 * WA_COUNTER: passkey.clone audited.  Sets c->verdict and c->hit afresh
 * on every try.  Returns RC_OK whatever the verdict, or the rc of a
 * statement or of c->then.
 */
static int
assert_tx(struct req *r, void *arg)
{
	struct check	*c = arg;
	struct dbres	 res;
	uint32_t	 counter = 0;
	int		 rc;

	memset(c->hit, 0, sizeof(*c->hit));
	c->verdict = WA_UNKNOWN;
	if ((rc = db_exec(r->db, r->a, STMT_PASSKEY_BY_CRED, &res, NULL, NULL,
	    "b", c->a->cred, c->a->credlen)) != RC_OK)
		return rc;
	if (res.nrows != 1 || (c->only_user != 0 &&
	    db_u64(&res, 0, PC_USER) != c->only_user))
		return RC_OK;
	hit_read(&res, c->hit);
	c->verdict = wa_assert(c->e, c->a->json, c->a->jsonlen, c->a->ad,
	    c->a->adlen, c->a->sig, c->a->siglen,
	    (const unsigned char *)res.cell[PC_KEY], res.len[PC_KEY],
	    (uint32_t)db_u64(&res, 0, PC_COUNT), &counter);
	if (c->verdict == WA_COUNTER)
		(void)audit(r->db, 0, c->hit->user, "passkey.clone",
		    c->hit->name, r->ip);
	if (c->verdict != WA_OK)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_PASSKEY_USED, NULL, NULL, NULL,
	    "iuu", (long long)counter, c->hit->id, c->hit->user)) != RC_OK)
		return rc;
	return c->then != NULL ? c->then(r, c->arg) : RC_OK;
}

/*
 * Checks the form's assertion (credential, client_data,
 * authenticator_data, signature: base64url) for purpose: the challenge
 * taken (once, committed), then in one transaction (req_txn: tried again
 * whole after a conflict or a node lost, the passkey read again) the
 * passkey found (and, when only_user is not 0, that person's), the
 * signature and counter checked (uv required to sign in without a
 * password).  On WA_OK the passkey's counter and last use are updated and
 * then(r, arg), the caller's writes (NULL: none), runs in the same
 * transaction, hit filled; a counter that went backwards is audited
 * (passkey.clone, committed); any other verdict writes nothing.  Nothing
 * is left open.  Returns an rc: RC_OK whatever the verdict, or then's or
 * the database's (all rolled back).
 */
int
passkey_assert(struct req *r, enum wa_purpose p, uint64_t only_user,
    struct passkey_hit *hit, enum wa_rc *verdict, req_txn_fn then, void *arg)
{
	unsigned char		 ch[WA_CHALLENGE_BYTES];
	struct assertion	 a;
	struct wa_expect	 e;
	struct check		 c = { &a, &e, only_user, then, arg, hit,
				    WA_UNKNOWN };
	int			 found, rc;

	memset(hit, 0, sizeof(*hit));
	if ((rc = passkey_take(r, p, ch, &found)) != RC_OK)
		return rc;
	if (!found) {
		*verdict = WA_CHALLENGE;
		return RC_OK;
	}
	if ((*verdict = assertion_read(r, &a)) != WA_OK)
		return RC_OK;
	passkey_expect(r, &e, "webauthn.get", ch, p == WA_SIGNIN);
	rc = req_txn(r, assert_tx, &c);
	*verdict = c.verdict;
	return rc;
}

/*
 * <passkeys max> under parent: user's passkeys (<passkey id name kind
 * aaguid alg synced created last-used>), never their keys.  Times in
 * zone z (the session's).  Returns an rc.
 */
int
passkey_list(struct req *r, xmlNodePtr parent, uint64_t user,
    const struct tz *z)
{
	struct dbres	 res;
	xmlNodePtr	 list, n;
	char		 hex[2 * WA_AAGUID_BYTES + 1];
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_PASSKEYS_OF_USER, &res, NULL, NULL,
	    "u", user)) != RC_OK)
		return rc;
	list = xml_el(parent, "passkeys", NULL);
	xml_attr_i(list, "max", PASSKEY_MAX);
	for (i = 0; i < res.nrows; i++) {
		n = xml_el(list, "passkey", NULL);
		xml_attr(n, "id", db_cell(&res, i, PL_ID));
		xml_attr(n, "name", db_cell(&res, i, PL_NAME));
		xml_attr(n, "kind", passkey_kind((const unsigned char *)
		    db_cell(&res, i, PL_AAGUID), res.len[i * res.ncols + PL_AAGUID]));
		if (res.len[i * res.ncols + PL_AAGUID] == WA_AAGUID_BYTES) {
			sodium_bin2hex(hex, sizeof(hex), (const unsigned char *)
			    db_cell(&res, i, PL_AAGUID), WA_AAGUID_BYTES);
			xml_attr(n, "aaguid", hex);
		}
		xml_attr(n, "alg", cose_alg_name((int)(int64_t)
		    strtoll(db_cell(&res, i, PL_ALG), NULL, 10)));
		xml_attr_yes(n, "synced", (db_u64(&res, i, PL_FLAGS) &
		    WA_FLAG_BE) != 0);
		xml_attr_time(n, "created", z, db_cell(&res, i, PL_CREATED));
		xml_attr_time(n, "last-used", z, db_cell(&res, i, PL_USED));
	}
	return RC_OK;
}
