/*
 * Random tokens, their hashes, MACs (libsodium).
 */
#ifndef STEWARD_TOKEN_H
#define STEWARD_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

void	 token_new(char out[TOKEN_B64_LEN + 1]);
void	 token_new_hashed(char tok[TOKEN_B64_LEN + 1],
	    unsigned char hash[HASH_BYTES]);
int	 token_hash(const char *tok, unsigned char out[HASH_BYTES]);
void	 token_mac(const unsigned char key[KEY_BYTES], const char *label,
	    const void *, size_t, char out[TOKEN_B64_LEN + 1]);
int	 token_equal(const char *, const char *);
void	 token_b64(const unsigned char *, size_t, char *, size_t);

#endif
