/*
 * Passwords: Argon2id with the parameters of steward.conf, at most
 * hash_concurrency hashes at once (a counting semaphore) so that a flood of
 * sign-ins cannot exhaust memory: excess callers wait up to hash_wait
 * seconds, then get PW_BUSY (the page answers 503).
 */
#include <argon2.h>
#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "extern.h"

#define SALT_BYTES	16
#define HASH_LEN	32
#define ENCODED_MAX	160

static sem_t	 slots;
static char	 dummy[ENCODED_MAX];

/* Waits for a hashing slot; -1 after hash_wait seconds. */
static int
slot_take(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += conf.hash_wait;
	while (sem_timedwait(&slots, &ts) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

/*
 * Sets up the semaphore and the dummy hash used for unknown emails, so
 * that a sign-in costs the same whether or not the email exists.
 * Returns -1 on failure.
 */
int
password_init(int concurrency)
{
	char	 pw[TOKEN_B64_LEN + 1];

	if (sem_init(&slots, 0, (unsigned)concurrency) == -1)
		return -1;
	token_new(pw);
	return password_hash(pw, strlen(pw), dummy, sizeof(dummy)) == PW_OK ?
	    0 : -1;
}

/* The hash that unknown users are verified against. */
const char *
password_dummy_hash(void)
{
	return dummy;
}

/* Hashes pw into the encoded form ($argon2id$v=19$m=…). */
enum pw_result
password_hash(const char *pw, size_t len, char *out, size_t outlen)
{
	unsigned char	 salt[SALT_BYTES];
	int		 rc;

	randombytes_buf(salt, sizeof(salt));
	if (slot_take() == -1)
		return PW_BUSY;
	rc = argon2id_hash_encoded((uint32_t)conf.argon2_t,
	    (uint32_t)conf.argon2_m, (uint32_t)conf.argon2_p, pw, len,
	    salt, sizeof(salt), HASH_LEN, out, outlen);
	sem_post(&slots);
	if (rc != ARGON2_OK) {
		log_error("argon2id_hash_encoded: %s", argon2_error_message(rc));
		return PW_ERROR;
	}
	return PW_OK;
}

/* PW_OK when pw matches encoded, PW_MISMATCH when not. */
enum pw_result
password_verify(const char *encoded, const char *pw, size_t len)
{
	int	 rc;

	if (encoded == NULL || strncmp(encoded, "$argon2id$", 10) != 0)
		return PW_MISMATCH;
	if (slot_take() == -1)
		return PW_BUSY;
	rc = argon2id_verify(encoded, pw, len);
	sem_post(&slots);
	if (rc == ARGON2_OK)
		return PW_OK;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return PW_MISMATCH;
	log_error("argon2id_verify: %s", argon2_error_message(rc));
	return PW_MISMATCH;
}

/* 1 when encoded was made with other parameters than the configured ones. */
int
password_needs_rehash(const char *encoded)
{
	char	 want[64];

	snprintf(want, sizeof(want), "$argon2id$v=19$m=%d,t=%d,p=%d$",
	    conf.argon2_m, conf.argon2_t, conf.argon2_p);
	return strncmp(encoded, want, strlen(want)) != 0;
}

/* 1 when the text (case-insensitively) contains needle of n bytes. */
static int
contains_ci(const char *hay, size_t hlen, const char *needle, size_t n)
{
	size_t	 i;

	for (i = 0; n > 0 && i + n <= hlen; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * DESIGN §8 rules for a new password: NULL when acceptable, else the
 * sentence to show.  At least 12 and at most 256 characters, no control
 * characters, not containing the name part of the email (when it has
 * at least 3 characters).
 */
const char *
password_policy(const char *pw, size_t len, const char *email)
{
	size_t		 chars;
	const char	*at;

	if (!utf8_valid(pw, len) || !text_clean(pw, len, 0))
		return "The password holds characters that cannot be typed.";
	chars = utf8_chars(pw, len);
	if (chars < MIN_PASSWORD_CHARS)
		return "Use at least 12 characters.";
	if (chars > MAX_PASSWORD_CHARS || len > MAX_PASSWORD_BYTES)
		return "Use at most 256 characters.";
	if (email != NULL && (at = strchr(email, '@')) != NULL &&
	    at - email >= 3 && contains_ci(pw, len, email, (size_t)(at - email)))
		return "The password must not contain your email name.";
	return NULL;
}
