/*
 * Unit tests of fcgi/webauthn.c, fcgi/cose.c and fcgi/wa_cbor.c: vectors
 * made here with OpenSSL (keys, signatures) and libcbor (COSE keys,
 * attestation objects), for ES256, EdDSA and RS256; then one table of
 * registrations and one of sign-ins, each row a change to a good
 * ceremony and the verdict it must get.
 */
#include <string.h>

#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "check.h"

#include "../../fcgi/cose.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/wa_cbor.h"
#include "../../fcgi/webauthn.h"

#define RP	"steward.example.com"
#define ORIGIN	"https://steward.example.com"

/* The keys of the tests, made once before the tests fork. */
static const struct {
	const char	*type;
	int		 alg;
} kinds[] = {
	{ "EC", COSE_ES256 }, { "ED25519", COSE_EDDSA }, { "RSA", COSE_RS256 },
};
static EVP_PKEY	*keys[3], *other_key;

static void
keys_make(void)
{
	keys[0] = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	keys[1] = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	keys[2] = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	other_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

static void
keys_free(void)
{
	size_t	 i;

	for (i = 0; i < 3; i++)
		EVP_PKEY_free(keys[i]);
	EVP_PKEY_free(other_key);
}

/* Adds key -> value (both moved) to a CBOR map. */
static void
put(cbor_item_t *map, cbor_item_t *k, cbor_item_t *v)
{
	ck_assert(cbor_map_add(map, (struct cbor_pair){ cbor_move(k),
	    cbor_move(v) }));
}

/* A CBOR integer, negative ones too. */
static cbor_item_t *
cint(int64_t v)
{
	return v >= 0 ? cbor_build_uint32((uint32_t)v) :
	    cbor_build_negint32((uint32_t)(-1 - v));
}

/* The BIGNUM parameter of an RSA key as a CBOR byte string. */
static cbor_item_t *
bn_bytes(EVP_PKEY *pk, const char *name)
{
	BIGNUM		*bn = NULL;
	unsigned char	 b[512];
	int		 n;

	ck_assert(EVP_PKEY_get_bn_param(pk, name, &bn) == 1);
	n = BN_bn2bin(bn, b);
	BN_free(bn);
	return cbor_build_bytestring(b, (size_t)n);
}

/*
 * The COSE_Key of pk, algorithm alg (another one than the key's when a
 * test lies), serialized into out; answers its length.  off_curve moves
 * an EC point off the curve.
 */
static size_t
cose_of(EVP_PKEY *pk, int alg, int off_curve, unsigned char *out, size_t max)
{
	cbor_item_t	*m = cbor_new_definite_map(5);
	unsigned char	 b[65];
	size_t		 n = 0, len;

	put(m, cint(3), cint(alg));
	if (EVP_PKEY_is_a(pk, "EC")) {
		ck_assert(EVP_PKEY_get_octet_string_param(pk,
		    OSSL_PKEY_PARAM_PUB_KEY, b, sizeof(b), &n) == 1 && n == 65);
		if (off_curve)
			b[64] ^= 1;
		put(m, cint(1), cint(2));
		put(m, cint(-1), cint(1));
		put(m, cint(-2), cbor_build_bytestring(b + 1, 32));
		put(m, cint(-3), cbor_build_bytestring(b + 33, 32));
	} else if (EVP_PKEY_is_a(pk, "ED25519")) {
		n = 32;
		ck_assert(EVP_PKEY_get_raw_public_key(pk, b, &n) == 1);
		put(m, cint(1), cint(1));
		put(m, cint(-1), cint(6));
		put(m, cint(-2), cbor_build_bytestring(b, 32));
	} else {
		put(m, cint(1), cint(3));
		put(m, cint(-1), bn_bytes(pk, OSSL_PKEY_PARAM_RSA_N));
		put(m, cint(-2), bn_bytes(pk, OSSL_PKEY_PARAM_RSA_E));
	}
	len = cbor_serialize(m, out, max);
	cbor_decref(&m);
	ck_assert_uint_gt(len, 0);
	return len;
}

/* A signature of msg by pk (DER for ECDSA); answers its length. */
static size_t
sign(EVP_PKEY *pk, const unsigned char *msg, size_t n, unsigned char *sig)
{
	EVP_MD_CTX	*md = EVP_MD_CTX_new();
	size_t		 len = WA_MAX_SIG;

	ck_assert(EVP_DigestSignInit_ex(md, NULL, EVP_PKEY_is_a(pk, "ED25519") ?
	    NULL : "SHA256", NULL, NULL, pk, NULL) == 1);
	ck_assert(EVP_DigestSign(md, sig, &len, msg, n) == 1);
	EVP_MD_CTX_free(md);
	return len;
}

/* One ceremony as a test builds it; rows of the tables change a field. */
struct cer {
	const char	*type, *origin, *rp, *fmt;
	int		 cross, old_challenge, stmt, trailing, off_curve;
	int		 lie_alg, cut, not_json, bad_sig, foreign_key, uv;
	unsigned	 flags;
	uint32_t	 counter, stored;
	unsigned	 cred_len;		/* 0: 16 */
};

static const unsigned char challenge[WA_CHALLENGE_BYTES] = "0123456789abcdef0123456789abcde";
static const unsigned char old_challenge[WA_CHALLENGE_BYTES] = "an earlier challenge, now used!";

/* The clientDataJSON of c. */
static size_t
client_json(const struct cer *c, const char *type, char *out, size_t max)
{
	char	 b64[64];

	sodium_bin2base64(b64, sizeof(b64), c->old_challenge ? old_challenge :
	    challenge, WA_CHALLENGE_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (c->not_json)
		return (size_t)snprintf(out, max, "[\"%s\"]", b64);
	return (size_t)snprintf(out, max, "{\"type\":\"%s\",\"challenge\":\"%s\","
	    "\"origin\":\"%s\",\"crossOrigin\":%s}", c->type ? c->type : type,
	    b64, c->origin ? c->origin : ORIGIN, c->cross ? "true" : "false");
}

/* Authenticator data of c, with the credential of key when at. */
static size_t
auth_data(const struct cer *c, EVP_PKEY *key, int alg, int at,
    unsigned char *out)
{
	const char	*rp = c->rp ? c->rp : RP;
	size_t		 n = 37, idlen = c->cred_len ? c->cred_len : 16;

	crypto_hash_sha256(out, (const unsigned char *)rp, strlen(rp));
	out[32] = (unsigned char)(c->flags | (at ? WA_FLAG_AT : 0));
	out[33] = (unsigned char)(c->counter >> 24);
	out[34] = (unsigned char)(c->counter >> 16);
	out[35] = (unsigned char)(c->counter >> 8);
	out[36] = (unsigned char)c->counter;
	if (at) {
		memset(out + n, 0xAA, WA_AAGUID_BYTES);
		n += WA_AAGUID_BYTES;
		out[n++] = (unsigned char)(idlen >> 8);
		out[n++] = (unsigned char)idlen;
		if (idlen <= 64)
			memset(out + n, 0x42, idlen);
		n += idlen <= 64 ? idlen : 0;
		n += cose_of(key, c->lie_alg ? c->lie_alg : alg, c->off_curve,
		    out + n, WA_MAX_COSE_KEY);
	}
	if (c->trailing)
		out[n++] = 0;
	return c->cut ? n - c->cut : n;
}

static const struct wa_expect create = {
	"webauthn.create", challenge, ORIGIN, RP, 0,
};

/* Registration: a good one, then each malformed case refused. */
static const struct {
	const char	*what;
	struct cer	 c;
	enum wa_rc	 rc;
} regs[] = {
	{ "good", { .flags = WA_FLAG_UP | WA_FLAG_UV }, WA_OK },
	{ "good, no UV asked", { .flags = WA_FLAG_UP }, WA_OK },
	{ "packed, statement ignored", { .fmt = "packed", .stmt = 1,
	    .flags = WA_FLAG_UP }, WA_OK },
	{ "wrong type", { .type = "webauthn.get", .flags = WA_FLAG_UP }, WA_TYPE },
	{ "old challenge", { .old_challenge = 1, .flags = WA_FLAG_UP }, WA_CHALLENGE },
	{ "wrong origin", { .origin = "https://evil.example", .flags = WA_FLAG_UP }, WA_ORIGIN },
	{ "cross-origin frame", { .cross = 1, .flags = WA_FLAG_UP }, WA_ORIGIN },
	{ "client data not an object", { .not_json = 1, .flags = WA_FLAG_UP }, WA_CLIENT_DATA },
	{ "rp id hash mismatch", { .rp = "evil.example", .flags = WA_FLAG_UP }, WA_RP_ID },
	{ "no UP", { .flags = WA_FLAG_UV }, WA_NO_UP },
	{ "no UV when required", { .uv = 1, .flags = WA_FLAG_UP }, WA_NO_UV },
	{ "unknown format", { .fmt = "x-made-up", .flags = WA_FLAG_UP }, WA_FMT },
	{ "none with a statement", { .stmt = 1, .flags = WA_FLAG_UP }, WA_FMT },
	{ "byte after authData", { .trailing = 1, .flags = WA_FLAG_UP }, WA_AUTHDATA },
	{ "authData cut", { .cut = 3, .flags = WA_FLAG_UP }, WA_AUTHDATA },
	{ "credential id past the end", { .cred_len = 900, .flags = WA_FLAG_UP }, WA_AUTHDATA },
	{ "credential id over the limit", { .cred_len = 1024, .flags = WA_FLAG_UP }, WA_AUTHDATA },
	{ "key: alg of another key type", { .lie_alg = COSE_EDDSA + 100,
	    .flags = WA_FLAG_UP }, WA_KEY },
	{ "key: point off the curve", { .off_curve = 1, .flags = WA_FLAG_UP }, WA_KEY },
};

/* The attestation object of c made with key: fmt, attStmt, authData. */
static size_t
att_object(const struct cer *c, EVP_PKEY *key, int alg, unsigned char *out,
    size_t max)
{
	unsigned char	 ad[WA_MAX_AUTHDATA];
	cbor_item_t	*m = cbor_new_definite_map(3), *st;
	size_t		 n;

	st = cbor_new_definite_map(1);
	if (c->stmt)
		put(st, cbor_build_string("alg"), cint(alg));
	put(m, cbor_build_string("fmt"), cbor_build_string(c->fmt ? c->fmt : "none"));
	put(m, cbor_build_string("attStmt"), st);
	n = auth_data(c, key, alg, 1, ad);
	put(m, cbor_build_string("authData"), cbor_build_bytestring(ad, n));
	n = cbor_serialize(m, out, max);
	cbor_decref(&m);
	ck_assert_uint_gt(n, 0);
	return n;
}

START_TEST(test_register)
{
	const struct cer	*c = &regs[_i / 3].c;
	struct wa_expect	 e = create;
	struct wa_cred		 cred;
	unsigned char		 att[WA_MAX_ATTESTATION];
	char			 json[512];
	size_t			 jn, an;
	enum wa_rc		 rc;

	if (c->off_curve && kinds[_i % 3].alg != COSE_ES256)
		return;		/* only EC keys have a curve point */
	e.uv = c->uv;
	jn = client_json(c, "webauthn.create", json, sizeof(json));
	an = att_object(c, keys[_i % 3], kinds[_i % 3].alg, att, sizeof(att));
	rc = wa_register(&e, (unsigned char *)json, jn, att, an, &cred);
	ck_assert_msg(rc == regs[_i / 3].rc, "%s (%s): %s", regs[_i / 3].what,
	    kinds[_i % 3].type, wa_reason(rc));
	if (rc == WA_OK) {
		ck_assert_int_eq(cred.alg, kinds[_i % 3].alg);
		ck_assert_uint_eq(cred.id_len, 16);
		ck_assert_uint_eq(cred.aaguid[0], 0xAA);
		ck_assert(cred.flags & WA_FLAG_UP);
	}
}
END_TEST

/* Sign-in: a good one, then each malformed case refused. */
static const struct {
	const char	*what;
	struct cer	 c;
	enum wa_rc	 rc;
} gets[] = {
	{ "good", { .flags = WA_FLAG_UP | WA_FLAG_UV, .uv = 1, .counter = 8, .stored = 7 }, WA_OK },
	{ "good, no counters", { .flags = WA_FLAG_UP | WA_FLAG_UV, .uv = 1 }, WA_OK },
	{ "wrong type", { .type = "webauthn.create", .flags = WA_FLAG_UP }, WA_TYPE },
	{ "replayed challenge", { .old_challenge = 1, .flags = WA_FLAG_UP }, WA_CHALLENGE },
	{ "wrong origin", { .origin = "http://steward.example.com", .flags = WA_FLAG_UP }, WA_ORIGIN },
	{ "rp id hash mismatch", { .rp = "example.com", .flags = WA_FLAG_UP }, WA_RP_ID },
	{ "no UP", { .flags = WA_FLAG_UV }, WA_NO_UP },
	{ "no UV, passwordless", { .uv = 1, .flags = WA_FLAG_UP }, WA_NO_UV },
	{ "signature changed", { .bad_sig = 1, .flags = WA_FLAG_UP }, WA_SIGNATURE },
	{ "signed by another key", { .foreign_key = 1, .flags = WA_FLAG_UP }, WA_SIGNATURE },
	{ "counter backwards", { .flags = WA_FLAG_UP, .counter = 6, .stored = 7 }, WA_COUNTER },
	{ "counter the same", { .flags = WA_FLAG_UP, .counter = 7, .stored = 7 }, WA_COUNTER },
	{ "counter back to 0", { .flags = WA_FLAG_UP, .counter = 0, .stored = 7 }, WA_COUNTER },
	{ "authData cut", { .cut = 1, .flags = WA_FLAG_UP }, WA_AUTHDATA },
	{ "extensions flag, none there", { .flags = WA_FLAG_UP | WA_FLAG_ED }, WA_AUTHDATA },
};

START_TEST(test_assert)
{
	const struct cer	*c = &gets[_i / 3].c;
	EVP_PKEY		*key = keys[_i % 3];
	struct wa_expect	 e = create;
	unsigned char		 ad[WA_MAX_AUTHDATA], cose[WA_MAX_COSE_KEY];
	unsigned char		 msg[WA_MAX_AUTHDATA + 32], sig[WA_MAX_SIG];
	char			 json[512];
	size_t			 jn, an, kn, sn;
	uint32_t		 counter = 12345;
	enum wa_rc		 rc;

	e.type = "webauthn.get";
	e.uv = c->uv;
	jn = client_json(c, "webauthn.get", json, sizeof(json));
	an = auth_data(c, key, kinds[_i % 3].alg, 0, ad);
	kn = cose_of(key, kinds[_i % 3].alg, 0, cose, sizeof(cose));
	memcpy(msg, ad, an);
	crypto_hash_sha256(msg + an, (unsigned char *)json, jn);
	sn = sign(c->foreign_key ? other_key : key, msg, an + 32, sig);
	if (c->bad_sig)
		sig[sn / 2] ^= 0x10;
	rc = wa_assert(&e, (unsigned char *)json, jn, ad, an, sig, sn, cose,
	    kn, c->stored, &counter);
	ck_assert_msg(rc == gets[_i / 3].rc, "%s (%s): %s", gets[_i / 3].what,
	    kinds[_i % 3].type, wa_reason(rc));
	if (rc == WA_OK)
		ck_assert_uint_eq(counter, c->counter);
	else
		ck_assert_uint_eq(counter, 12345);
}
END_TEST

/* An assertion carrying attested credential data is refused. */
START_TEST(test_assert_with_credential)
{
	struct cer		 c = { .flags = WA_FLAG_UP };
	struct wa_expect	 e = create;
	unsigned char		 ad[WA_MAX_AUTHDATA], cose[WA_MAX_COSE_KEY];
	unsigned char		 msg[WA_MAX_AUTHDATA + 32], sig[WA_MAX_SIG];
	char			 json[512];
	size_t			 jn, an, kn, sn;
	uint32_t		 counter;

	e.type = "webauthn.get";
	jn = client_json(&c, "webauthn.get", json, sizeof(json));
	an = auth_data(&c, keys[1], COSE_EDDSA, 1, ad);
	kn = cose_of(keys[1], COSE_EDDSA, 0, cose, sizeof(cose));
	memcpy(msg, ad, an);
	crypto_hash_sha256(msg + an, (unsigned char *)json, jn);
	sn = sign(keys[1], msg, an + 32, sig);
	ck_assert_int_eq(wa_assert(&e, (unsigned char *)json, jn, ad, an, sig,
	    sn, cose, kn, 0, &counter), WA_AUTHDATA);
}
END_TEST

/* CBOR the bounded loader refuses before libcbor allocates anything. */
static const struct {
	const char	*what;
	const char	*hex;
} cbor_bad[] = {
	{ "empty", "" },
	{ "array of 2^32-1 items in 5 bytes", "9affffffff" },
	{ "map of 2^32-1 pairs in 5 bytes", "baffffffff" },
	{ "indefinite array", "9f01ff" },
	{ "indefinite byte string", "5f4101ff" },
	{ "tag", "c11a514b67b0" },
	{ "nested 9 deep", "818181818181818101" },
	{ "byte string past the end", "5820aa" },
	{ "map missing a value", "a101" },
	{ "reserved additional info", "1c" },
};

static size_t
unhex(const char *h, unsigned char *out)
{
	size_t	 n = 0;

	ck_assert(sodium_hex2bin(out, 64, h, strlen(h), NULL, &n, NULL) == 0);
	return n;
}

START_TEST(test_cbor_refused)
{
	unsigned char	 b[64];
	size_t		 n = unhex(cbor_bad[_i].hex, b), read = 0;

	ck_assert_msg(wa_cbor_load(b, n, &read) == NULL, "%s", cbor_bad[_i].what);
}
END_TEST

/* Good CBOR loads, and its length is what it occupies. */
START_TEST(test_cbor_loaded)
{
	unsigned char	 b[64];
	size_t		 n = unhex("a2616101626263820203ff", b), read = 0;
	cbor_item_t	*item;
	int64_t		 v;

	item = wa_cbor_load(b, n, &read);
	ck_assert_ptr_nonnull(item);
	ck_assert_uint_eq(read, n - 1);		/* the 0xff after it is not read */
	ck_assert(wa_cbor_int(wa_cbor_get_text(item, "a"), &v) == 0 && v == 1);
	ck_assert(cbor_isa_array(wa_cbor_get_text(item, "bc")));
	ck_assert_ptr_null(wa_cbor_get_text(item, "b"));
	cbor_decref(&item);
	n = unhex("8181818181818101", b);	/* 8 deep: the limit */
	item = wa_cbor_load(b, n, &read);
	ck_assert_ptr_nonnull(item);
	cbor_decref(&item);
}
END_TEST

/* COSE keys refused: each lacks a part, or its parts disagree. */
static const struct {
	const char	*what;
	const char	*hex;
} cose_bad[] = {
	{ "no kty (the fuzzer's first find)", "a2032620" "01" },
	{ "ES256 without y", "a4010203262001215820"
	    "06ce7fb58fd7d144bfc70f3f9af41717e69d2040225820805694760000000000" },
	{ "EdDSA on the P-256 curve", "a4010103272001215820"
	    "0000000000000000000000000000000000000000000000000000000000000000" },
	{ "EdDSA x of 31 bytes", "a4010103272006" "21581f"
	    "00000000000000000000000000000000000000000000000000000000000000" },
	{ "kty a string", "a20161450326" },
	{ "not a map", "8101" },
	{ "a map and a byte after it", "a0" "00" },
};

START_TEST(test_cose_refused)
{
	unsigned char	 b[128];
	size_t		 n = 0;
	int		 alg = 0;

	ck_assert(sodium_hex2bin(b, sizeof(b), cose_bad[_i].hex,
	    strlen(cose_bad[_i].hex), NULL, &n, NULL) == 0);
	ck_assert_msg(cose_key(b, n, &alg) == NULL, "%s", cose_bad[_i].what);
	ck_assert_int_eq(alg, 0);
}
END_TEST

/* Every verdict has a reason, and keys of each algorithm verify. */
START_TEST(test_reasons_and_names)
{
	int	 rc;

	for (rc = 0; rc < WA__MAX; rc++)
		ck_assert_str_ne(wa_reason((enum wa_rc)rc), "unknown");
	ck_assert_str_eq(wa_reason(WA__MAX), "unknown");
	ck_assert_str_eq(cose_alg_name(COSE_ES256), "ES256");
	ck_assert_str_eq(cose_alg_name(COSE_EDDSA), "EdDSA");
	ck_assert_str_eq(cose_alg_name(COSE_RS256), "RS256");
	ck_assert_str_eq(cose_alg_name(-36), "unknown");
}
END_TEST

Suite *
webauthn_suite(void)
{
	Suite	*s = suite_create("webauthn");
	TCase	*t = tcase_create("webauthn");

	tcase_set_timeout(t, 60);
	tcase_add_unchecked_fixture(t, keys_make, keys_free);
	tcase_add_loop_test(t, test_register, 0, 3 * N(regs));
	tcase_add_loop_test(t, test_assert, 0, 3 * N(gets));
	tcase_add_test(t, test_assert_with_credential);
	tcase_add_loop_test(t, test_cbor_refused, 0, N(cbor_bad));
	tcase_add_test(t, test_cbor_loaded);
	tcase_add_loop_test(t, test_cose_refused, 0, N(cose_bad));
	tcase_add_test(t, test_reasons_and_names);
	suite_add_tcase(s, t);
	return s;
}
