/*
 * COSE public keys (RFC 9053) of passkeys and their signatures, with
 * OpenSSL: ES256 (P-256), EdDSA (Ed25519), RS256 (RSA PKCS#1 v1.5).
 */
#ifndef STEWARD_COSE_H
#define STEWARD_COSE_H

#include <stddef.h>

#include <openssl/evp.h>

enum cose_alg {
	COSE_ES256 = -7,
	COSE_EDDSA = -8,
	COSE_RS256 = -257,
};

EVP_PKEY	*cose_key(const unsigned char *, size_t, int *alg);
int		 cose_verify(const unsigned char *key, size_t keylen,
		    const unsigned char *msg, size_t msglen,
		    const unsigned char *sig, size_t siglen);
const char	*cose_alg_name(int alg);

#endif
