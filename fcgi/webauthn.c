/*
 * WebAuthn registration and authentication checks (W3C WebAuthn §7.1 and
 * §7.2), in the order the specification gives: client data (jansson),
 * attestation object and authenticator data (libcbor, wa_cbor.c), the
 * relying party, the flags, the public key and signature (OpenSSL,
 * cose.c), the sign counter.
 *
 * Attestation: Steward asks for "none" and never trusts a statement.  A
 * "none" object must carry an empty statement; the other registered
 * formats (a browser may pass a security key's "packed" through) are
 * accepted with their statement ignored: it could only prove the make of
 * the authenticator, which Steward shows as a label and never relies on;
 * the credential's strength is the key kept here and the signature every
 * sign-in makes with it.
 */
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "cose.h"
#include "wa_cbor.h"
#include "webauthn.h"

static const char *const reasons[WA__MAX] = {
	[WA_OK] = "ok",
	[WA_TOO_LONG] = "the passkey's answer is too long",
	[WA_CLIENT_DATA] = "the browser's client data is not a JSON object",
	[WA_TYPE] = "the client data is for another kind of request",
	[WA_CHALLENGE] = "the challenge is not the one issued (expired or used)",
	[WA_ORIGIN] = "the request came from another site",
	[WA_ATTESTATION] = "the attestation object is malformed",
	[WA_FMT] = "the attestation format is not accepted",
	[WA_AUTHDATA] = "the authenticator data is malformed",
	[WA_RP_ID] = "the passkey was made for another site",
	[WA_NO_UP] = "the authenticator did not confirm the person was present",
	[WA_NO_UV] = "the authenticator did not verify the person (PIN or biometrics)",
	[WA_NO_CREDENTIAL] = "the authenticator sent no new credential",
	[WA_KEY] = "the passkey's public key is malformed or of an algorithm not accepted",
	[WA_SIGNATURE] = "the passkey's signature does not verify",
	[WA_COUNTER] = "the sign counter went backwards: the passkey may have been cloned",
	[WA_UNKNOWN] = "this passkey is not registered here",
};

/* Attestation statement formats (IANA WebAuthn registry) besides "none". */
static const char *const formats[] = {
	"packed", "tpm", "android-key", "android-safetynet", "fido-u2f",
	"apple",
};

/* The reason of a verdict, for the log and the page. */
const char *
wa_reason(enum wa_rc rc)
{
	return rc < WA__MAX && reasons[rc] != NULL ? reasons[rc] : "unknown";
}

/* The text of a JSON member that is a string, or NULL. */
static const char *
member_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * Checks clientDataJSON (§7.1 steps 7-12, §7.2 steps 11-16): a JSON
 * object whose type is e->type, whose challenge is e->challenge
 * (base64url), whose origin is e->origin, not from a cross-origin frame.
 */
enum wa_rc
wa_client_data(const struct wa_expect *e, const unsigned char *json, size_t n)
{
	json_t		*o;
	json_error_t	 je;
	const char	*s;
	unsigned char	 ch[WA_CHALLENGE_BYTES];
	size_t		 chlen = 0;
	enum wa_rc	 rc;

	if (n > WA_MAX_CLIENT_DATA)
		return WA_TOO_LONG;
	o = json_loadb((const char *)json, n, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return WA_CLIENT_DATA;
	}
	if ((s = member_str(o, "type")) == NULL || strcmp(s, e->type) != 0)
		rc = WA_TYPE;
	else if ((s = member_str(o, "challenge")) == NULL ||
	    sodium_base642bin(ch, sizeof(ch), s, strlen(s), NULL, &chlen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    chlen != sizeof(ch) ||
	    sodium_memcmp(ch, e->challenge, sizeof(ch)) != 0)
		rc = WA_CHALLENGE;
	else if ((s = member_str(o, "origin")) == NULL ||
	    strcmp(s, e->origin) != 0 ||
	    json_is_true(json_object_get(o, "crossOrigin")))
		rc = WA_ORIGIN;
	else
		rc = WA_OK;
	json_decref(o);
	return rc;
}

/* A big-endian integer of n bytes. */
static uint32_t
be(const unsigned char *p, size_t n)
{
	uint32_t	 v = 0;

	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

/*
 * Parses authenticator data (§6.1): the RP id hash, flags, counter, the
 * attested credential data when WA_FLAG_AT is set (AAGUID, credential id,
 * COSE key: one CBOR item), the extensions (one CBOR map) when
 * WA_FLAG_ED is, and nothing after.  WA_OK, WA_TOO_LONG or WA_AUTHDATA.
 */
enum wa_rc
wa_authdata(const unsigned char *p, size_t n, struct wa_authdata *a)
{
	cbor_item_t	*item;
	size_t		 off = 37, read;

	memset(a, 0, sizeof(*a));
	if (n > WA_MAX_AUTHDATA)
		return WA_TOO_LONG;
	if (n < 37)
		return WA_AUTHDATA;
	memcpy(a->rp_hash, p, WA_RP_HASH_BYTES);
	a->flags = p[32];
	a->counter = be(p + 33, 4);
	if (a->flags & WA_FLAG_AT) {
		if (n - off < WA_AAGUID_BYTES + 2)
			return WA_AUTHDATA;
		memcpy(a->aaguid, p + off, WA_AAGUID_BYTES);
		a->cred_id_len = be(p + off + WA_AAGUID_BYTES, 2);
		off += WA_AAGUID_BYTES + 2;
		if (a->cred_id_len == 0 || a->cred_id_len > WA_MAX_CRED_ID ||
		    n - off < a->cred_id_len)
			return WA_AUTHDATA;
		a->cred_id = p + off;
		off += a->cred_id_len;
		if ((item = wa_cbor_load(p + off, n - off, &read)) == NULL)
			return WA_AUTHDATA;
		cbor_decref(&item);
		a->key = p + off;
		a->key_len = read;
		off += read;
	}
	if (a->flags & WA_FLAG_ED) {
		if ((item = wa_cbor_load(p + off, n - off, &read)) == NULL)
			return WA_AUTHDATA;
		off += read;
		if (!cbor_isa_map(item)) {
			cbor_decref(&item);
			return WA_AUTHDATA;
		}
		cbor_decref(&item);
	}
	return off == n ? WA_OK : WA_AUTHDATA;
}

/* 1 when fmt names a format Steward accepts with stmt (see the top). */
static int
format_ok(const cbor_item_t *fmt, const cbor_item_t *stmt)
{
	size_t	 i;

	if (stmt == NULL || !cbor_isa_map(stmt))
		return 0;
	if (wa_cbor_text_is(fmt, "none"))
		return cbor_map_size(stmt) == 0;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (wa_cbor_text_is(fmt, formats[i]))
			return 1;
	return 0;
}

/*
 * The relying party and flags of authenticator data (§7.1 steps 13-17,
 * §7.2 steps 15-17): the RP id's SHA-256, user present, and user
 * verified when e->uv asks for it.
 */
static enum wa_rc
authdata_expected(const struct wa_expect *e, const struct wa_authdata *a)
{
	unsigned char	 h[WA_RP_HASH_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)e->rp_id,
	    strlen(e->rp_id));
	if (sodium_memcmp(h, a->rp_hash, sizeof(h)) != 0)
		return WA_RP_ID;
	if (!(a->flags & WA_FLAG_UP))
		return WA_NO_UP;
	if (e->uv && !(a->flags & WA_FLAG_UV))
		return WA_NO_UV;
	return WA_OK;
}

/* Copies the new credential of a checked authenticator data into c. */
static enum wa_rc
cred_keep(const struct wa_authdata *a, struct wa_cred *c)
{
	EVP_PKEY	*pk;

	if (a->cred_id == NULL)
		return WA_NO_CREDENTIAL;
	if (a->key_len > sizeof(c->key) ||
	    (pk = cose_key(a->key, a->key_len, &c->alg)) == NULL)
		return WA_KEY;
	EVP_PKEY_free(pk);
	memcpy(c->id, a->cred_id, a->cred_id_len);
	c->id_len = a->cred_id_len;
	memcpy(c->key, a->key, a->key_len);
	c->key_len = a->key_len;
	memcpy(c->aaguid, a->aaguid, sizeof(c->aaguid));
	c->counter = a->counter;
	c->flags = a->flags;
	return WA_OK;
}

/*
 * Reads an attestation object (§6.5: a CBOR map of fmt, attStmt,
 * authData) and checks its authenticator data against e (§7.1 steps
 * 13-21); the new credential goes to c.  Any verdict but WA_OK leaves c
 * meaningless.
 */
enum wa_rc
wa_attestation(const unsigned char *p, size_t n, const struct wa_expect *e,
    struct wa_cred *c)
{
	cbor_item_t		*obj;
	const unsigned char	*ad;
	struct wa_authdata	 a;
	size_t			 read, adlen;
	enum wa_rc		 rc;

	memset(c, 0, sizeof(*c));
	if (n > WA_MAX_ATTESTATION)
		return WA_TOO_LONG;
	if ((obj = wa_cbor_load(p, n, &read)) == NULL)
		return WA_ATTESTATION;
	if (read != n || !cbor_isa_map(obj) ||
	    (ad = wa_cbor_bytes(wa_cbor_get_text(obj, "authData"),
	    &adlen)) == NULL)
		rc = WA_ATTESTATION;
	else if (!format_ok(wa_cbor_get_text(obj, "fmt"),
	    wa_cbor_get_text(obj, "attStmt")))
		rc = WA_FMT;
	else if ((rc = wa_authdata(ad, adlen, &a)) == WA_OK &&
	    (rc = authdata_expected(e, &a)) == WA_OK)
		rc = cred_keep(&a, c);
	cbor_decref(&obj);
	return rc;
}

/*
 * Registration (§7.1): the client data of a "webauthn.create" ceremony,
 * then the attestation object.  WA_OK with the new credential in c.
 */
enum wa_rc
wa_register(const struct wa_expect *e, const unsigned char *json,
    size_t jsonlen, const unsigned char *att, size_t attlen,
    struct wa_cred *c)
{
	enum wa_rc	 rc;

	memset(c, 0, sizeof(*c));
	if ((rc = wa_client_data(e, json, jsonlen)) != WA_OK)
		return rc;
	return wa_attestation(att, attlen, e, c);
}

/*
 * Authentication (§7.2): the client data of a "webauthn.get" ceremony,
 * the authenticator data (no attested credential), the signature over
 * authenticatorData || SHA-256(clientDataJSON) with the stored key, then
 * the sign counter: when either the stored or the new one is not zero,
 * the new one must be greater (WA_COUNTER otherwise: the caller audits
 * it).  WA_OK with the new counter in *counter.
 */
enum wa_rc
wa_assert(const struct wa_expect *e, const unsigned char *json,
    size_t jsonlen, const unsigned char *ad, size_t adlen,
    const unsigned char *sig, size_t siglen, const unsigned char *key,
    size_t keylen, uint32_t stored, uint32_t *counter)
{
	struct wa_authdata	 a;
	unsigned char		 msg[WA_MAX_AUTHDATA + crypto_hash_sha256_BYTES];
	enum wa_rc		 rc;

	if (siglen > WA_MAX_SIG || keylen > WA_MAX_COSE_KEY)
		return WA_TOO_LONG;
	if ((rc = wa_client_data(e, json, jsonlen)) != WA_OK ||
	    (rc = wa_authdata(ad, adlen, &a)) != WA_OK)
		return rc;
	if (a.flags & WA_FLAG_AT)
		return WA_AUTHDATA;
	if ((rc = authdata_expected(e, &a)) != WA_OK)
		return rc;
	memcpy(msg, ad, adlen);
	crypto_hash_sha256(msg + adlen, json, jsonlen);
	if (!cose_verify(key, keylen, msg, adlen + crypto_hash_sha256_BYTES,
	    sig, siglen))
		return WA_SIGNATURE;
	if ((a.counter != 0 || stored != 0) && a.counter <= stored)
		return WA_COUNTER;
	*counter = a.counter;
	return WA_OK;
}
