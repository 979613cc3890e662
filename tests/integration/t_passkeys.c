/*
 * Tests of passkeys (issue 17) without a browser: the options documents,
 * and every new POST given hostile input — no CSRF token, another
 * person's passkey, a passkey that does not exist, names too long, not
 * UTF-8 or with control characters, answers that are not WebAuthn at all,
 * a challenge replayed — each answered clearly with nothing changed (read
 * back with the mariadb client).  The passkeys these tests need are rows
 * made with SQL: for the refusals their keys are never used (each comes
 * before a signature); a signed sign-in and second step use a software
 * authenticator (an Ed25519 key of libsodium's, its row stored with SQL,
 * its answers signed here).  A real registration and sign-in are the
 * browser tests' (tests/browser/t_passkeys.mjs, chromium's virtual
 * authenticator).  The 2-step reset removes passkeys.  Uses
 * t_profile_fixtures.c.
 */

#include <sodium.h>

/* A passkey row for the user with email: its id ("" on failure). */
static const char *
pk_row(const char *email, const char *cred_hex, const char *name)
{
	static char	 id[32];

	if (pf_sql(NULL, 0, "INSERT INTO passkey (user_id, cred_id, public_key, "
	    "alg, aaguid, name) SELECT id, UNHEX('%s'), UNHEX('a0'), -7, "
	    "UNHEX(REPEAT('00', 16)), '%s' FROM user WHERE email = '%s'",
	    cred_hex, name, email) != 0)
		return "";
	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT p.id FROM passkey p JOIN "
	    "user u ON u.id = p.user_id WHERE u.email = '%s' AND p.cred_id = "
	    "UNHEX('%s')", email, cred_hex));
	return id;
}

/* How many passkeys the user with email has. */
static int
pk_count(const char *email)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM passkey p JOIN user u ON "
	    "u.id = p.user_id WHERE u.email = '%s'", email));
}

/* The name of passkey id. */
static const char *
pk_name(const char *id)
{
	return pf_sqlv("SELECT name FROM passkey WHERE id = %s", id);
}

/* base64url (no padding) of the n bytes at s, into out. */
static void
b64n(const char *s, size_t n, char *out, size_t outlen)
{
	static const char	 al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, o = 0;
	unsigned long		 v;

	for (i = 0; i < n && o + 5 < outlen; i += 3) {
		v = (unsigned long)p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);
		out[o++] = al[v >> 18 & 63];
		out[o++] = al[v >> 12 & 63];
		if (i + 1 < n)
			out[o++] = al[v >> 6 & 63];
		if (i + 2 < n)
			out[o++] = al[v & 63];
	}
	out[o] = '\0';
}

/* base64url (no padding) of the string s, into out. */
static void
b64u(const char *s, char *out, size_t outlen)
{
	b64n(s, strlen(s), out, outlen);
}

/*
 * A credential id of this run: 4 bytes of byte b, then the run tag's
 * 4 bytes (hex), as hex (for SQL) and base64url (as a browser posts it).
 */
static void
pk_cred(unsigned b, char hex[17], char b64[16])
{
	char		 raw[8];
	unsigned	 i, v;

	snprintf(hex, 17, "%02x%02x%02x%02x%.8s", b, b, b, b, g_tag);
	for (i = 0; i < 8; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		raw[i] = (char)v;
	}
	b64n(raw, 8, b64, 16);
}

/* ------------------------------------- a software authenticator */

/* A passkey the tests sign with: an Ed25519 key pair and its row. */
struct swkey {
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES];
	char		 hex[17], b64[16];	/* its credential id (pk_cred) */
	char		 id[32];		/* its passkey row */
};

/*
 * A new key k for the user with email, stored as their passkey (credential
 * byte b, sign counter count).  1, or 0 when the row could not be made.
 */
static int
sw_make(struct swkey *k, unsigned b, const char *email, unsigned long count)
{
	/* COSE_Key {1: 1 (OKP), 3: -8 (EdDSA), -1: 6 (Ed25519), -2: x} */
	char	 cose[20 + 2 * crypto_sign_PUBLICKEYBYTES + 1] =
	    "a4010103272006215820";

	if (sodium_init() < 0)
		return 0;
	crypto_sign_keypair(k->pk, k->sk);
	sodium_bin2hex(cose + 20, sizeof(cose) - 20, k->pk, sizeof(k->pk));
	pk_cred(b, k->hex, k->b64);
	if (pf_sql(NULL, 0, "INSERT INTO passkey (user_id, cred_id, public_key, "
	    "alg, aaguid, name, sign_count) SELECT id, UNHEX('%s'), UNHEX('%s'), "
	    "-8, UNHEX(REPEAT('00', 16)), 'Soft key', %lu FROM user WHERE "
	    "email = '%s'", k->hex, cose, count, email) != 0)
		return 0;
	snprintf(k->id, sizeof(k->id), "%s", pf_sqlv("SELECT id FROM passkey "
	    "WHERE cred_id = UNHEX('%s')", k->hex));
	return k->id[0] != '\0';
}

/*
 * Asks path + "/options" for a challenge and answers it at path as the
 * authenticator of k would with sign counter count (user present and
 * verified).  The answer's status; 0 without a challenge.
 */
static long
sw_assert(struct client *c, const char *path, const struct swkey *k,
    unsigned long count)
{
	unsigned char	 ad[37 + crypto_hash_sha256_BYTES];
	unsigned char	 sig[crypto_sign_BYTES];
	char		 url[256], ch[64], rp[256], json[1024], cd[1400];
	char		 ad64[64], sig64[100];

	snprintf(url, sizeof(url), "%s/options", path);
	if (post(c, url, "csrf", c->csrf, NULL) != 200)
		return 0;
	snprintf(ch, sizeof(ch), "%s", xs(c, "string(/steward/passkey-options/@challenge)"));
	snprintf(rp, sizeof(rp), "%s", xs(c, "string(/steward/passkey-options/@rp-id)"));
	snprintf(json, sizeof(json), "{\"type\":\"webauthn.get\",\"challenge\":"
	    "\"%s\",\"origin\":\"%s\"}", ch, g_origin);
	crypto_hash_sha256(ad, (const unsigned char *)rp, strlen(rp));
	ad[32] = 0x01 | 0x04;			/* user present, verified */
	ad[33] = (unsigned char)(count >> 24);
	ad[34] = (unsigned char)(count >> 16);
	ad[35] = (unsigned char)(count >> 8);
	ad[36] = (unsigned char)count;
	crypto_hash_sha256(ad + 37, (const unsigned char *)json, strlen(json));
	crypto_sign_detached(sig, NULL, ad, sizeof(ad), k->sk);
	b64u(json, cd, sizeof(cd));
	b64n((const char *)ad, 37, ad64, sizeof(ad64));
	b64n((const char *)sig, sizeof(sig), sig64, sizeof(sig64));
	return post(c, path, "csrf", c->csrf, "credential", k->b64,
	    "client_data", cd, "authenticator_data", ad64, "signature", sig64,
	    NULL);
}

/* ------------------------------------------------ 1. the options */

static void
test_pk_options(void)
{
	struct client	*c = NULL, *anon = cl_new("pk-anon");
	struct user	*u;
	char		 host[256];

	t_begin("passkeys: options for adding (a fresh 32-byte challenge, the relying party of the request's origin, the person; bound to the session) and for signing in (user verification required, no credentials listed); none without the CSRF token (403)");
	REQUIRE((u = pf_user("member", "pk-opt", &PA)) != NULL, "user");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	post(c, "/api/settings/profile/passkeys/options", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "options: %ld", c->r.status);
	REQUIRE(strlen(xs(c, "string(/steward/passkey-options/@challenge)")) == 43,
	    "challenge \"%s\" is not 32 bytes", xs(c, "string(/steward/passkey-options/@challenge)"));
	snprintf(host, sizeof(host), "%s", g_host);
	host[strcspn(host, ":")] = '\0';
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@rp-id)"), host) == 0,
	    "rp-id \"%s\", not %s", xs(c, "string(/steward/passkey-options/@rp-id)"), host);
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@user-name)"), u->email) == 0,
	    "user-name");
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@purpose)"), "add") == 0, "purpose");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM webauthn_challenge WHERE purpose = 1 AND "
	    "expires_at BETWEEN UTC_TIMESTAMP(6) + INTERVAL 290 SECOND AND "
	    "UTC_TIMESTAMP(6) + INTERVAL 300 SECOND")) >= 1, "no challenge stored for 5 minutes");
	REQUIRE(load_login_csrf(anon), "login csrf");
	post(anon, "/api/login/passkey/options", NULL);
	REQUIRE(anon->r.status == 403, "sign-in options without CSRF: %ld", anon->r.status);
	post(anon, "/api/login/passkey/options", "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 200, "sign-in options: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/passkey-options/@uv)"), "required") == 0,
	    "user verification must be required without a password");
	REQUIRE(xpath_count(anon->r.doc, "/steward/passkey-options/credential") == 0,
	    "sign-in options list credentials");
	post(anon, "/api/login/verify/passkey/options", "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 303, "second-step options without a password: %ld",
	    anon->r.status);
done:
	if (c != NULL)
		cl_free(c);
	cl_free(anon);
	t_end();
}

/* ------------------------------------------------- 2. adding refused */

static void
test_pk_add_refused(void)
{
	struct client	*c = NULL;
	struct user	*u;
	char		*longname = repeat('k', 65), json[1024], cd[1400];
	const char	*bad_utf8 = "Key \xff\xfe", *ctl = "Key\x01one";
	int		 audits0;

	t_begin("passkeys: adding refused with nothing stored: no CSRF (403); a name empty or of 65 characters (the name's error), not UTF-8 or with a control character (400); no answer from the browser; client data that is not WebAuthn; the wrong challenge; the same answer twice (the challenge was used)");
	REQUIRE((u = pf_user("member", "pk-add", &PA)) != NULL, "user");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	audits0 = audits_all(u->email);
	post(c, "/api/settings/profile/passkeys/add", "name", "Laptop", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "name") == 0,
	    "empty name: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@form)"), "passkey-add") == 0, "form");
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", longname, NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "name") == 0,
	    "65 characters: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", bad_utf8, NULL);
	REQUIRE(c->r.status == 422 || c->r.status == 400, "not UTF-8: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", ctl, NULL);
	REQUIRE(c->r.status == 400, "control character (refused for any field): %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", "", "attestation", "", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "did not make a passkey") != NULL, "no answer: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-form/@name)"), "Laptop") == 0,
	    "the name typed is not kept");

	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", "not*base64", "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "client data") != NULL, "garbage: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));

	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	snprintf(json, sizeof(json), "{\"type\":\"webauthn.create\",\"challenge\":"
	    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"origin\":\"%s\"}", g_origin);
	b64u(json, cd, sizeof(cd));
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", cd, "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "challenge is not the one issued") != NULL, "wrong challenge: %ld \"%s\"",
	    c->r.status, xs(c, "string(/steward/errors/error)"));
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", cd, "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "expired or was used already") != NULL, "replayed: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(pk_count(u->email) == 0, "a passkey was stored");
	REQUIRE(audits_all(u->email) == audits0, "refusals were audited as changes");
done:
	free(longname);
	if (c != NULL)
		cl_free(c);
	t_end();
}

/* --------------------------------------------- 3. rename and remove */

static void
test_pk_manage(void)
{
	struct client	*c = NULL;
	struct user	*u, *v;
	char		 own[32], foreign[32], h1[17], h2[17], b[16];
	char		*longname = repeat('n', 65);

	t_begin("passkeys: rename and remove: another person's passkey or none (404, unchanged), no CSRF (403), a bad name (422, unchanged), a wrong password (422, kept); then renamed and removed, each audited");
	REQUIRE((u = pf_user("member", "pk-man", &PA)) != NULL, "user");
	REQUIRE((v = pf_user("admin", "pk-other", &PB)) != NULL, "other user");
	pk_cred(0xa1, h1, b);
	pk_cred(0xb2, h2, b);
	snprintf(own, sizeof(own), "%s", pk_row(u->email, h1, "Desk key"));
	snprintf(foreign, sizeof(foreign), "%s", pk_row(v->email, h2, "Their key"));
	REQUIRE(own[0] != '\0' && foreign[0] != '\0', "passkey rows");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	REQUIRE(pf_load(c, "/api/settings/profile") == 200, "profile");
	REQUIRE(xpath_count(c->r.doc, "/steward/passkeys/passkey[@name = 'Desk key' and @kind = 'Passkey' and @alg = 'ES256']") == 1,
	    "the profile does not list the passkey");

	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", foreign, "name", "Mine now", NULL);
	REQUIRE(c->r.status == 404, "another's rename: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", "999999999", "name", "X", NULL);
	REQUIRE(c->r.status == 404, "none: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", "x1", "name", "X", NULL);
	REQUIRE(c->r.status == 404, "not an id: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "passkey", own, "name", "No token", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", longname, NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/passkey-form/@passkey)"), own) == 0,
	    "long name: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", "Bad \xc3", NULL);
	REQUIRE(c->r.status == 422 || c->r.status == 400, "not UTF-8: %ld", c->r.status);
	REQUIRE(strcmp(pk_name(own), "Desk key") == 0 && strcmp(pk_name(foreign), "Their key") == 0,
	    "a refused rename changed a name");

	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", foreign, "password", u->password, NULL);
	REQUIRE(c->r.status == 404, "another's remove: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "passkey", own, "password", u->password, NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, "password", "wrong password here", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0,
	    "wrong password: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, NULL);
	REQUIRE(c->r.status == 422, "no password: %ld", c->r.status);
	REQUIRE(pk_count(u->email) == 1 && pk_count(v->email) == 1, "a refused remove removed one");
	REQUIRE(audits(u->email, "passkey.rename") + audits(u->email, "passkey.remove") == 0,
	    "refusals audited as changes");

	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", "Kitchen key", NULL);
	REQUIRE(c->r.status == 303 && strcmp(pk_name(own), "Kitchen key") == 0, "rename: %ld", c->r.status);
	REQUIRE(audits(u->email, "passkey.rename") == 1, "rename not audited");
	unlock(u->email);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, "password", u->password, NULL);
	REQUIRE(c->r.status == 303 && pk_count(u->email) == 0, "remove: %ld", c->r.status);
	REQUIRE(audits(u->email, "passkey.remove") == 1, "remove not audited");
	REQUIRE(pk_count(v->email) == 1, "the other person's passkey went too");
done:
	free(longname);
	if (c != NULL)
		cl_free(c);
	t_end();
}

/* ------------------------------------------------ 4. signing in */

static void
test_pk_signin_refused(void)
{
	struct client	*c = cl_new("pk-signin"), *foreign = cl_new("pk-origin");
	struct user	*u;
	char		 cred[16], hex[17];

	t_begin("passkeys: signing in refused, one answer, no session: no CSRF (403); no challenge asked; not WebAuthn at all; a registered credential with a forged answer; a foreign Origin (403)");
	REQUIRE((u = pf_user("member", "pk-in", &PA)) != NULL, "user");
	pk_cred(0xc3, hex, cred);
	REQUIRE(pk_row(u->email, hex, "Key")[0] != '\0', "passkey row");
	REQUIRE(load_login_csrf(c), "login csrf");
	post(c, "/api/login/passkey", "credential", cred, NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "no challenge: %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a session cookie was set");
	post(c, "/api/login/passkey/options", "csrf", c->csrf, NULL);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", "%%%", "client_data", "***",
	    "authenticator_data", "", "signature", "", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "garbage: %ld", c->r.status);
	post(c, "/api/login/passkey/options", "csrf", c->csrf, NULL);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "forged: %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a session cookie was set");
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "\x01", NULL);
	REQUIRE(c->r.status == 400, "a control character: %ld", c->r.status);
	REQUIRE(load_settings(c) != 200, "signed in after refusals");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'login.passkey.failed' "
	    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE")) >= 3, "refusals not audited");

	REQUIRE(load_login_csrf(foreign), "login csrf");
	foreign->origin = "http://localhost:1";
	post(foreign, "/api/login/passkey/options", "csrf", foreign->csrf, NULL);
	REQUIRE(foreign->r.status == 403, "another port's Origin: %ld", foreign->r.status);
	foreign->origin = "http://evil.example";
	post(foreign, "/api/login", "csrf", foreign->csrf, "email", u->email, "password", u->password, NULL);
	REQUIRE(foreign->r.status == 403, "a foreign Origin: %ld", foreign->r.status);
done:
	cl_free(c);
	cl_free(foreign);
	t_end();
}

/* The sign counter of passkey id. */
static int
pk_counter(const char *id)
{
	return atoi(pf_sqlv("SELECT sign_count FROM passkey WHERE id = %s", id));
}

/* The last use of passkey id ("NULL" when never used). */
static const char *
pk_used(const char *id)
{
	return pf_sqlv("SELECT IFNULL(last_used_at, 'NULL') FROM passkey "
	    "WHERE id = %s", id);
}

static void
test_pk_signin_signed(void)
{
	struct client	*c = cl_new("pk-sw"), *again = cl_new("pk-sw-clone");
	struct user	*u;
	struct swkey	 k;
	char		 used[64];
	long		 log0 = log_size(), st;

	t_begin("passkeys: a signed sign-in (a software authenticator): 303 with a full session, the counter stored as signed and the last use set, login.passkey audited once; the same counter again is a clone: 422, no session, passkey.clone and login.passkey.failed audited, counter and last use unchanged; no request left a transaction open");
	REQUIRE((u = pf_user("member", "pk-sw", &PA)) != NULL, "user");
	REQUIRE(sw_make(&k, 0x17, u->email, 5), "passkey row");
	REQUIRE(strcmp(pk_used(k.id), "NULL") == 0, "used before");
	REQUIRE(load_login_csrf(c), "login csrf");
	st = sw_assert(c, "/api/login/passkey", &k, 9);
	REQUIRE(st == 303, "sign-in: %ld \"%s\"", st, xs(c, "string(/steward/errors/error)"));
	REQUIRE(sets_cookie(c, "stw_session"), "no session cookie");
	REQUIRE(load_settings(c) == 200, "not signed in");
	REQUIRE(pk_counter(k.id) == 9, "counter %d, not 9", pk_counter(k.id));
	snprintf(used, sizeof(used), "%s", pk_used(k.id));
	REQUIRE(strcmp(used, "NULL") != 0, "last use not set");
	REQUIRE(audits(u->email, "login.passkey") == 1, "login.passkey audited %d times",
	    audits(u->email, "login.passkey"));

	REQUIRE(load_login_csrf(again), "login csrf");
	st = sw_assert(again, "/api/login/passkey", &k, 9);
	REQUIRE(st == 422 && strstr(xs(again, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "the same counter: %ld", st);
	REQUIRE(!sets_cookie(again, "stw_session"), "a clone got a session");
	REQUIRE(audits(u->email, "passkey.clone") == 1, "passkey.clone audited %d times",
	    audits(u->email, "passkey.clone"));
	REQUIRE(audits(u->email, "login.passkey.failed") == 1, "login.passkey.failed audited %d times",
	    audits(u->email, "login.passkey.failed"));
	REQUIRE(pk_counter(k.id) == 9 && strcmp(pk_used(k.id), used) == 0,
	    "a clone changed the passkey: counter %d", pk_counter(k.id));
	REQUIRE(audits(u->email, "login.passkey") == 1, "a clone signed in");
	REQUIRE(log_count_since(log0, "left a transaction open") == 0,
	    "a request left a transaction open");
done:
	cl_free(c);
	cl_free(again);
	t_end();
}

/*
 * A mariadb client holding passkey id's row lock for secs seconds (and
 * the named lock name while it does, for the test to see it is held).
 */
static pid_t
pk_lock_hold(const char *id, const char *name, int secs)
{
	pid_t	 pid;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0)
		_exit(pf_sql(NULL, 0, "START TRANSACTION; SELECT id FROM passkey "
		    "WHERE id = %s FOR UPDATE; DO GET_LOCK('%s', 0); DO SLEEP(%d); "
		    "COMMIT", id, name, secs) == 0 ? 0 : 1);
	return pid;
}

static void
test_pk_signin_retried(void)
{
	struct client	*c = cl_new("pk-retry");
	struct user	*u;
	struct swkey	 k;
	char		 name[64];
	pid_t		 holder = -1;
	long		 log0, st;
	int		 status;

	t_begin("passkeys: a sign-in whose passkey row stays locked past the lock wait (DB_LOCK_WAIT, 5 s: error 1205) is tried again whole and signs in (303; it answered 503 while passkey_assert opened its transaction by hand): the counter stored once, login.passkey audited once");
	REQUIRE((u = pf_user("member", "pk-retry", &PA)) != NULL, "user");
	REQUIRE(sw_make(&k, 0x28, u->email, 0), "passkey row");
	REQUIRE(load_login_csrf(c), "login csrf");
	snprintf(name, sizeof(name), "itest.pk.%s", g_tag);
	REQUIRE((holder = pk_lock_hold(k.id, name, 7)) > 0, "fork");
	REQUIRE(lock_seen(name), "the row lock was never taken");
	log0 = log_size();
	st = sw_assert(c, "/api/login/passkey", &k, 1);
	REQUIRE(st == 303, "sign-in behind a lock: %ld \"%s\"", st,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(log_count_since(log0, "Lock wait timeout") >= 1,
	    "no try timed out on the lock: nothing was tried again");
	REQUIRE(load_settings(c) == 200, "not signed in");
	REQUIRE(pk_counter(k.id) == 1 && strcmp(pk_used(k.id), "NULL") != 0,
	    "counter %d, last use %s", pk_counter(k.id), pk_used(k.id));
	REQUIRE(audits(u->email, "login.passkey") == 1, "login.passkey audited %d times",
	    audits(u->email, "login.passkey"));
done:
	if (holder > 0)
		waitpid(holder, &status, 0);
	cl_free(c);
	t_end();
}

/* --------------------------------- 5. the second step, and the reset */

static void
test_pk_step(void)
{
	struct client	*c = cl_new("pk-step");
	struct user	*u, *v;
	char		 cred[16], mine[16], h1[17], h2[17], out[512];
	int		 failed0;

	t_begin("passkeys: in an organization requiring 2-step, a password with a passkey on file leads to /login/verify offering only the passkey; another person's credential there is refused and counted; the 2-step reset removes the passkeys (passkey.reset audited)");
	REQUIRE((u = pf_user("member", "pk-step", &PC)) != NULL, "user");
	REQUIRE((v = pf_user("member", "pk-step-other", &PA)) != NULL, "other user");
	pk_cred(0xd4, h1, mine);
	pk_cred(0xe5, h2, cred);
	REQUIRE(pk_row(u->email, h1, "Phone")[0] != '\0', "passkey row");
	REQUIRE(pk_row(v->email, h2, "Theirs")[0] != '\0', "other passkey row");
	REQUIRE(pf_password_step(c, u->email, u->password, NULL) == 303 &&
	    strstr(c->r.location, "/login/verify") != NULL, "password: %ld to %s",
	    c->r.status, c->r.location);
	REQUIRE(pf_load(c, "/api/login/verify") == 200, "verify: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/verify/@totp)"), "no") == 0 &&
	    strcmp(xs(c, "string(/steward/verify/@passkey)"), "yes") == 0, "verify offers");
	post(c, "/api/login/verify/passkey/options", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200 && xpath_count(c->r.doc, "/steward/passkey-options/credential") == 1,
	    "step options: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/credential/@id)"), mine) == 0,
	    "step options allow \"%s\"", xs(c, "string(/steward/passkey-options/credential/@id)"));
	failed0 = audits(u->email, "login.verify.failed");
	post(c, "/api/login/verify/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "not registered here") != NULL, "another's credential: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(audits(u->email, "login.verify.failed") == failed0 + 1, "not counted");
	REQUIRE(load_settings(c) != 200, "signed in by another's credential");

	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", u->email, NULL) == 0,
	    "user-reset-2fa: %s", out);
	REQUIRE(pk_count(u->email) == 0, "the reset left the passkeys");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'passkey.reset' "
	    "AND target LIKE '%s%%'", u->email)) == 1, "passkey.reset not audited");
	REQUIRE(pk_count(v->email) == 1, "the reset removed someone else's passkey");
done:
	cl_free(c);
	t_end();
}

static void
test_pk_step_signed(void)
{
	struct client	*c = cl_new("pk-step-sw");
	struct user	*u;
	struct swkey	 k;
	long		 st;

	t_begin("passkeys: the second step by a signed passkey answer (a software authenticator) after the password: 303 with a full session, the counter stored and the last use set, login.passkey-step audited once");
	REQUIRE((u = pf_user("member", "pk-step-sw", &PC)) != NULL, "user");
	REQUIRE(sw_make(&k, 0x39, u->email, 2), "passkey row");
	REQUIRE(pf_password_step(c, u->email, u->password, NULL) == 303 &&
	    strstr(c->r.location, "/login/verify") != NULL, "password: %ld to %s",
	    c->r.status, c->r.location);
	REQUIRE(pf_load(c, "/api/login/verify") == 200, "verify: %ld", c->r.status);
	st = sw_assert(c, "/api/login/verify/passkey", &k, 3);
	REQUIRE(st == 303, "second step: %ld \"%s\"", st, xs(c, "string(/steward/errors/error)"));
	REQUIRE(load_settings(c) == 200, "not signed in");
	REQUIRE(pk_counter(k.id) == 3 && strcmp(pk_used(k.id), "NULL") != 0,
	    "counter %d, last use %s", pk_counter(k.id), pk_used(k.id));
	REQUIRE(audits(u->email, "login.passkey-step") == 1, "login.passkey-step audited %d times",
	    audits(u->email, "login.passkey-step"));
done:
	cl_free(c);
	t_end();
}

/*
 * The Users page counts a passkey as 2-step, as the reset and the
 * organization's rule do: a member with a passkey and no TOTP is offered
 * the reset; once reset, no longer.
 */
static void
test_pk_users_list(void)
{
	struct client	*c = NULL;
	struct user	*a, *w;
	char		 h[17], b[16], expr[512], out[512];

	t_begin("passkeys: the Users page shows a member with only a passkey as having 2-step (two-step=yes) and offers the reset; after it, two-step=no");
	REQUIRE((a = pf_user("admin", "pk-list-admin", &PA)) != NULL, "admin");
	REQUIRE((w = pf_user("member", "pk-list-member", &PA)) != NULL, "member");
	pk_cred(0xf6, h, b);
	REQUIRE(pk_row(w->email, h, "Key")[0] != '\0', "passkey row");
	REQUIRE((c = signed_in(a)) != NULL, "the admin signs in");
	snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s' and @two-step='yes']",
	    w->email);
	REQUIRE(pf_load(c, "/api/settings/users") == 200 && xpath_count(c->r.doc, expr) == 1,
	    "the passkey-only member is not shown with 2-step: %ld", c->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", w->email,
	    NULL) == 0, "user-reset-2fa: %s", out);
	snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s' and @two-step='yes']",
	    w->email);
	REQUIRE(pf_load(c, "/api/settings/users") == 200 && xpath_count(c->r.doc, expr) == 0,
	    "still shown with 2-step after the reset");
done:
	cl_free(c);
	t_end();
}

static void
part_passkeys(void)
{
	if (!pf_group_setup("passkeys"))
		return;
	test_pk_options();
	test_pk_add_refused();
	test_pk_manage();
	test_pk_signin_refused();
	test_pk_signin_signed();
	test_pk_signin_retried();
	test_pk_step();
	test_pk_step_signed();
	test_pk_users_list();
}
