/*
 * 2-step verification without a request: RFC 6238 codes, the sealed
 * secret, the otpauth:// address and its QR code, recovery codes.
 */
#ifndef STEWARD_TOTP_H
#define STEWARD_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "limits.h"

int	 totp_code(const unsigned char *key, size_t n, long long t, int digits,
	    char *out, size_t outlen);
long long totp_match(const unsigned char *key, size_t n, long long now,
	    const char *code);
size_t	 base32_encode(const unsigned char *, size_t, char *, size_t);
int	 totp_seal(const unsigned char *key, size_t n, unsigned char *out,
	    size_t *outlen);
int	 totp_open(const unsigned char *in, size_t n, unsigned char *key);
char	*totp_uri(struct arena *, const char *email, const char *b32);
char	*qr_path(struct arena *, const char *text, int *size);
void	 recovery_new(char out[RECOVERY_LEN + 1]);
int	 recovery_normalize(const char *in, char out[RECOVERY_CHARS + 1]);
void	 recovery_hash(uint64_t user, const char *norm,
	    unsigned char out[HASH_BYTES]);

#endif
