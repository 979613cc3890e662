/*
 * Password hashing (Argon2id behind a semaphore), the password policy and the common-password list.
 */
#ifndef STEWARD_HASH_H
#define STEWARD_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

enum pw_result { PW_OK = 0, PW_MISMATCH, PW_BUSY, PW_ERROR };

int		 password_init(int concurrency);
enum pw_result	 password_hash(const char *, size_t, char *out, size_t outlen);
enum pw_result	 password_verify(const char *encoded, const char *, size_t);
int		 password_needs_rehash(const char *encoded);
const char	*password_policy(const char *pw, size_t len, const char *email);
const char	*password_dummy_hash(void);
int		 common_load(const char *path, char *err, size_t errlen);
int		 common_has(const char *pw, size_t len);
size_t		 common_count(void);
void		 common_free(void);

#endif
