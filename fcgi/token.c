/*
 * Random tokens and their digests (libsodium).  A token is 256 random bits
 * sent as 43 characters of base64url; the database keeps only its SHA-256,
 * so a stolen dump opens no session and accepts no invitation.
 */
#include <string.h>

#include <sodium.h>

#include "token.h"
#include "limits.h"

/* base64url without padding of n bytes into out (outlen >= 4n/3 + 2). */
void
token_b64(const unsigned char *in, size_t n, char *out, size_t outlen)
{
	sodium_bin2base64(out, outlen, in, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* A fresh 256-bit token in base64url. */
void
token_new(char out[TOKEN_B64_LEN + 1])
{
	unsigned char	 raw[TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	token_b64(raw, sizeof(raw), out, TOKEN_B64_LEN + 1);
	sodium_memzero(raw, sizeof(raw));
}

/* A fresh token (token_new) and its SHA-256, what the database keeps. */
void
token_new_hashed(char tok[TOKEN_B64_LEN + 1], unsigned char hash[HASH_BYTES])
{
	token_new(tok);
	crypto_hash_sha256(hash, (const unsigned char *)tok, TOKEN_B64_LEN);
}

/* SHA-256 of the token text; -1 when tok is NULL or not token-shaped. */
int
token_hash(const char *tok, unsigned char out[HASH_BYTES])
{
	if (tok == NULL || strlen(tok) != TOKEN_B64_LEN)
		return -1;
	crypto_hash_sha256(out, (const unsigned char *)tok, TOKEN_B64_LEN);
	return 0;
}

/* HMAC-SHA-256 under key of (label NUL data), in base64url. */
void
token_mac(const unsigned char key[KEY_BYTES], const char *label,
    const void *data, size_t len, char out[TOKEN_B64_LEN + 1])
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, key, KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label,
	    strlen(label) + 1);
	crypto_auth_hmacsha256_update(&st, data, len);
	crypto_auth_hmacsha256_final(&st, mac);
	token_b64(mac, sizeof(mac), out, TOKEN_B64_LEN + 1);
}

/* 1 when both strings are equal, in time independent of their content. */
int
token_equal(const char *a, const char *b)
{
	size_t	 n;

	if (a == NULL || b == NULL || (n = strlen(a)) != strlen(b) || n == 0)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}
