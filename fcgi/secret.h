/*
 * The key file, its subkeys, the sealed passcode.
 */
#ifndef STEWARD_SECRET_H
#define STEWARD_SECRET_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

enum subkey { SUBKEY_PASSCODE = 1, SUBKEY_CSRF, SUBKEY_FLASH, SUBKEY_INVITE,
    SUBKEY_TOTP };

int	 secret_load(const char *path, char *err, size_t errlen);
int	 secret_generate(const char *path, char *err, size_t errlen);
const unsigned char *secret_subkey(enum subkey);
void	 passcode_new(char out[PASSCODE_LEN + 1]);
int	 passcode_seal(const char *, unsigned char *out, size_t *outlen);
int	 passcode_open(const unsigned char *, size_t, char out[PASSCODE_LEN + 1]);
void	 account_id_new(char out[13]);

#endif
