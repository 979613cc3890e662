/*
 * Passwords: Argon2id with the parameters of steward.conf, at most
 * hash_concurrency hashes at once (a counting semaphore) so that a flood of
 * sign-ins cannot exhaust memory: excess callers wait up to hash_wait
 * seconds, then get PW_BUSY (the page answers 503).  The policy for new
 * passwords, with the shipped list of common passwords.
 */
#include <argon2.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "hash.h"
#include "conf.h"
#include "decode.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "roles.h"
#include "token.h"

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
 * Sets up the semaphore.  The dummy hash used for unknown emails (so that
 * a sign-in costs the same whether or not the email exists) is made at
 * its first use: a worker that replaces a dead one starts without paying
 * an Argon2id hash.  Returns -1 on failure.
 */
int
password_init(int concurrency)
{
	return sem_init(&slots, 0, (unsigned)concurrency) == -1 ? -1 : 0;
}

/*
 * The hash that unknown users are verified against, made once by the
 * first caller; "" (no hash verifies) while it cannot be made (no hash
 * slot free), and then the next caller tries again.
 */
const char *
password_dummy_hash(void)
{
	static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
	char			 pw[TOKEN_B64_LEN + 1], out[ENCODED_MAX];
	const char		*h = dummy;

	pthread_mutex_lock(&mu);
	if (dummy[0] == '\0') {
		token_new(pw);
		if (password_hash(pw, strlen(pw), out, sizeof(out)) == PW_OK)
			memcpy(dummy, out, sizeof(dummy));
		else
			h = "";
	}
	pthread_mutex_unlock(&mu);
	return h;
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

/* ------------------------------------------------- common passwords */

/*
 * The shipped list of common passwords (data/common-passwords.txt, made
 * by data/common-passwords.sh): loaded once at start-up into a set of
 * 64-bit FNV-1a digests (open addressing, at most half full), read-only
 * afterwards, so threads share it without locks.
 */
static uint64_t	*common_tab;
static size_t	 common_cap, common_n;

/* FNV-1a of n bytes; never 0, which marks an empty slot. */
static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

/* Puts h into tab (cap a power of two); 1 when it was new. */
static int
set_put(uint64_t *tab, size_t cap, uint64_t h)
{
	size_t	 i = (size_t)h & (cap - 1);

	while (tab[i] != 0) {
		if (tab[i] == h)
			return 0;
		i = (i + 1) & (cap - 1);
	}
	tab[i] = h;
	return 1;
}

/* Adds one entry, doubling the table when half full; -1 out of memory. */
static int
common_add(const char *s, size_t n)
{
	uint64_t	*tab;
	size_t		 cap, i;

	if ((common_n + 1) * 2 > common_cap) {
		cap = common_cap ? common_cap * 2 : 1024;
		if ((tab = calloc(cap, sizeof(*tab))) == NULL)
			return -1;
		for (i = 0; i < common_cap; i++)
			if (common_tab[i] != 0)
				set_put(tab, cap, common_tab[i]);
		free(common_tab);
		common_tab = tab;
		common_cap = cap;
	}
	common_n += (size_t)set_put(common_tab, common_cap, fnv1a(s, n));
	return 0;
}

/* 1 when the n bytes at s are in the set. */
static int
common_get(const char *s, size_t n)
{
	uint64_t	 h;
	size_t		 i;

	if (common_cap == 0 || n == 0)
		return 0;
	h = fnv1a(s, n);
	for (i = (size_t)h & (common_cap - 1); common_tab[i] != 0;
	    i = (i + 1) & (common_cap - 1))
		if (common_tab[i] == h)
			return 1;
	return 0;
}

/* Frees the set. */
void
common_free(void)
{
	free(common_tab);
	common_tab = NULL;
	common_cap = common_n = 0;
}

/* The number of entries loaded. */
size_t
common_count(void)
{
	return common_n;
}

/*
 * Loads the list at path: one entry a line (ASCII-lower-cased here), '#'
 * comments.  Replaces any earlier list.  -1 with a message when the file
 * cannot be read or holds no entry.
 */
int
common_load(const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	 line[MAX_PASSWORD_BYTES + 2];
	size_t	 n, i;

	common_free();
	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "common_passwords %s: %s", path ? path :
		    "(unset)", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		n = strcspn(line, "\r\n");
		if (n == 0 || line[0] == '#')
			continue;
		for (i = 0; i < n; i++)
			line[i] = (char)tolower((unsigned char)line[i]);
		if (common_add(line, n) == -1) {
			fclose(f);
			snprintf(err, errlen, "common_passwords: out of memory");
			return -1;
		}
	}
	fclose(f);
	if (common_n == 0) {
		snprintf(err, errlen, "common_passwords %s: no entries", path);
		return -1;
	}
	return 0;
}

/* Undoes the usual letter-for-symbol swaps (p@ssw0rd) in place. */
static void
unleet(char *s, size_t n)
{
	static const char from[] = "@4310$57!", to[] = "aaeiossti";
	const char	*p;
	size_t		 i;

	for (i = 0; i < n; i++)
		if ((p = strchr(from, s[i])) != NULL && s[i] != '\0')
			s[i] = to[p - from];
}

/* 1 when s (n bytes, lower case) or its un-leeted form is listed. */
static int
listed(const char *s, size_t n)
{
	char	 buf[MAX_PASSWORD_BYTES + 1];

	if (common_get(s, n))
		return 1;
	memcpy(buf, s, n);
	unleet(buf, n);
	return common_get(buf, n);
}

/* The number of different bytes in s. */
static size_t
distinct(const char *s, size_t n)
{
	unsigned char	 seen[256] = { 0 };
	size_t		 i, k = 0;

	for (i = 0; i < n; i++)
		if (!seen[(unsigned char)s[i]]++)
			k++;
	return k;
}

/* The shortest unit that s is a repetition of (its own length if none). */
static size_t
period(const char *s, size_t n)
{
	size_t	 p, i;

	for (p = 1; p <= n / 2; p++) {
		if (n % p != 0)
			continue;
		for (i = p; i < n && s[i] == s[i - p]; i++)
			;
		if (i == n)
			return p;
	}
	return n;
}

/*
 * 1 when a password is common or guessable: listed (ignoring case and
 * l33t swaps), a listed word followed by up to COMMON_SUFFIX_MAX digits
 * or symbols (or by a listed run such as 123456789), a listed word
 * repeated, or fewer than COMMON_MIN_DISTINCT different characters.
 */
int
common_has(const char *pw, size_t len)
{
	char	 low[MAX_PASSWORD_BYTES + 1];
	size_t	 i, base, p;

	if (len == 0 || len > MAX_PASSWORD_BYTES)
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	if (distinct(low, len) < COMMON_MIN_DISTINCT || listed(low, len))
		return 1;
	for (base = len; base > 0 && (isdigit((unsigned char)low[base - 1]) ||
	    ispunct((unsigned char)low[base - 1]) || low[base - 1] == ' '); base--)
		;
	if (base > 0 && base < len && (len - base <= COMMON_SUFFIX_MAX ||
	    common_get(low + base, len - base)) && listed(low, base))
		return 1;
	p = period(low, len);
	return p < len && listed(low, p);
}

/*
 * DESIGN §8 rules for a new password: NULL when acceptable, else the
 * sentence to show.  At least 12 and at most 256 characters, no control
 * characters, not containing the name part of the email (when it has
 * at least 3 characters), not common (common_has).
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
	if (common_has(pw, len))
		return "This password is too common or easy to guess (a known "
		    "password, a dictionary word with a few digits, or a simple "
		    "pattern). Try three or four unrelated words.";
	return NULL;
}
