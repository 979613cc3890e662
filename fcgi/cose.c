/*
 * COSE keys to OpenSSL keys, and signature checks.  One table row per
 * algorithm: its COSE key type and curve, how its key is built, the
 * digest its signature is made over.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "cose.h"
#include "limits.h"
#include "wa_cbor.h"

/* COSE key parameters (RFC 9052 §7.1, RFC 9053 §7). */
enum {
	COSE_KTY = 1, COSE_ALG = 3,
	COSE_CRV = -1, COSE_X = -2, COSE_Y = -3,	/* EC2, OKP */
	COSE_N = -1, COSE_E = -2,			/* RSA */
	KTY_OKP = 1, KTY_EC2 = 2, KTY_RSA = 3,
	CRV_P256 = 1, CRV_ED25519 = 6,
};

static EVP_PKEY	*key_ec2(const cbor_item_t *);
static EVP_PKEY	*key_okp(const cbor_item_t *);
static EVP_PKEY	*key_rsa(const cbor_item_t *);

static const struct alg {
	int		 alg;
	int		 kty;
	int		 crv;		/* 0: none */
	const char	*name;
	EVP_PKEY	*(*key)(const cbor_item_t *);
	const char	*digest;	/* NULL: the algorithm hashes itself */
} algs[] = {
	{ COSE_ES256, KTY_EC2, CRV_P256, "ES256", key_ec2, "SHA256" },
	{ COSE_EDDSA, KTY_OKP, CRV_ED25519, "EdDSA", key_okp, NULL },
	{ COSE_RS256, KTY_RSA, 0, "RS256", key_rsa, "SHA256" },
};

/* The row of a COSE algorithm, or NULL. */
static const struct alg *
alg_of(int64_t alg)
{
	size_t	 i;

	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (algs[i].alg == alg)
			return &algs[i];
	return NULL;
}

/* The name of a COSE algorithm ("ES256"), or "unknown". */
const char *
cose_alg_name(int alg)
{
	const struct alg	*a = alg_of(alg);

	return a ? a->name : "unknown";
}

/* The bytes under an integer key when they are exactly n long, or NULL. */
static const unsigned char *
param_bytes(const cbor_item_t *map, int64_t key, size_t n)
{
	const unsigned char	*p;
	size_t			 len;

	p = wa_cbor_bytes(wa_cbor_get_int(map, key), &len);
	return p != NULL && len == n ? p : NULL;
}

/* A P-256 public key from x and y (on the curve), or NULL. */
static EVP_PKEY *
key_ec2(const cbor_item_t *map)
{
	const unsigned char	*x, *y;
	unsigned char		 pt[65];
	OSSL_PARAM		 params[3];
	EVP_PKEY_CTX		*ctx;
	EVP_PKEY		*pk = NULL;

	if ((x = param_bytes(map, COSE_X, 32)) == NULL ||
	    (y = param_bytes(map, COSE_Y, 32)) == NULL)
		return NULL;
	pt[0] = 0x04;
	memcpy(pt + 1, x, 32);
	memcpy(pt + 33, y, 32);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
	    (char *)"prime256v1", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
	    pt, sizeof(pt));
	params[2] = OSSL_PARAM_construct_end();
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL)
		return NULL;
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pk = NULL;
	EVP_PKEY_CTX_free(ctx);
	if (pk != NULL) {	/* fromdata does not check the point */
		ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pk, NULL);
		if (ctx == NULL || EVP_PKEY_public_check(ctx) != 1) {
			EVP_PKEY_free(pk);
			pk = NULL;
		}
		EVP_PKEY_CTX_free(ctx);
	}
	return pk;
}

/* An Ed25519 public key from x, or NULL. */
static EVP_PKEY *
key_okp(const cbor_item_t *map)
{
	const unsigned char	*x;

	if ((x = param_bytes(map, COSE_X, 32)) == NULL)
		return NULL;
	return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, x, 32);
}

/* An RSA public key from n and e, WA_MIN_RSA_BITS to WA_MAX_RSA_BITS. */
static EVP_PKEY *
key_rsa(const cbor_item_t *map)
{
	const unsigned char	*n, *e;
	size_t			 nlen, elen;
	BIGNUM			*bn = NULL, *be = NULL;
	OSSL_PARAM_BLD		*bld = NULL;
	OSSL_PARAM		*params = NULL;
	EVP_PKEY_CTX		*ctx = NULL;
	EVP_PKEY		*pk = NULL;

	n = wa_cbor_bytes(wa_cbor_get_int(map, COSE_N), &nlen);
	e = wa_cbor_bytes(wa_cbor_get_int(map, COSE_E), &elen);
	if (n == NULL || e == NULL || elen == 0 || elen > 8 || nlen == 0 ||
	    n[0] == 0 || nlen * 8 < WA_MIN_RSA_BITS ||
	    nlen * 8 > WA_MAX_RSA_BITS)
		return NULL;
	if ((bn = BN_bin2bn(n, (int)nlen, NULL)) == NULL ||
	    (be = BN_bin2bn(e, (int)elen, NULL)) == NULL ||
	    !BN_is_odd(be) || BN_is_one(be) ||
	    (bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pk = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(be);
	BN_free(bn);
	return pk;
}

/*
 * The OpenSSL key of a COSE_Key (one CBOR map, nothing after it) and its
 * algorithm in *alg.  Answers NULL for malformed CBOR, an algorithm other
 * than ES256 / EdDSA / RS256, a key type or curve that does not match the
 * algorithm, or a key OpenSSL refuses (a point off the curve).
 */
EVP_PKEY *
cose_key(const unsigned char *p, size_t n, int *alg)
{
	cbor_item_t		*map;
	const struct alg	*a = NULL;
	EVP_PKEY		*pk = NULL;
	int64_t			 v, kty, crv = 0;
	size_t			 read;

	if (n > WA_MAX_COSE_KEY || (map = wa_cbor_load(p, n, &read)) == NULL)
		return NULL;
	if (read == n && cbor_isa_map(map) &&
	    wa_cbor_int(wa_cbor_get_int(map, COSE_ALG), &v) == 0 &&
	    (a = alg_of(v)) != NULL &&
	    wa_cbor_int(wa_cbor_get_int(map, COSE_KTY), &kty) == 0 &&
	    kty == a->kty &&
	    (a->crv == 0 ||
	    (wa_cbor_int(wa_cbor_get_int(map, COSE_CRV), &crv) == 0 &&
	    crv == a->crv)) &&
	    (pk = a->key(map)) != NULL)
		*alg = a->alg;
	cbor_decref(&map);
	if (pk == NULL)
		ERR_clear_error();	/* no refusal left for the next caller */
	return pk;
}

/*
 * 1 when sig is a valid signature of msg under the COSE key (ES256: the
 * DER form WebAuthn sends), else 0 (a malformed key counts as invalid).
 */
int
cose_verify(const unsigned char *key, size_t keylen, const unsigned char *msg,
    size_t msglen, const unsigned char *sig, size_t siglen)
{
	const struct alg	*a;
	EVP_PKEY		*pk;
	EVP_MD_CTX		*md;
	int			 alg, ok = 0;

	if (siglen == 0 || siglen > WA_MAX_SIG ||
	    (pk = cose_key(key, keylen, &alg)) == NULL)
		return 0;
	a = alg_of(alg);
	if ((md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit_ex(md, NULL, a->digest, NULL, NULL, pk,
	    NULL) == 1 &&
	    EVP_DigestVerify(md, sig, siglen, msg, msglen) == 1)
		ok = 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	ERR_clear_error();
	return ok;
}
