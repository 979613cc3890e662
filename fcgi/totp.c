/*
 * 2-step verification without a request: RFC 6238 codes
 * (liboath), the secret sealed at rest (libsodium secretbox under its own
 * subkey of the key file), base32 and the otpauth:// address an
 * authenticator app reads, the QR code of that address (libqrencode) as
 * SVG path data, and recovery codes with their keyed hashes.
 */
#include <pthread.h>
#include <string.h>

#include <oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "totp.h"
#include "arena.h"
#include "limits.h"
#include "rc.h"
#include "roles.h"
#include "secret.h"

/* The recovery-code alphabet: no I, O, 0, 1 (read aloud, typed by hand). */
static const char rc_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static pthread_once_t	 oath_once = PTHREAD_ONCE_INIT;
static int		 oath_ready;

/* liboath's global set-up, once per process. */
static void
oath_setup(void)
{
	oath_ready = oath_init() == OATH_OK;
}

/*
 * The RFC 6238 code (HMAC-SHA-1, TOTP_STEP seconds, from the Unix epoch)
 * of the n-byte key at time t, with digits 6 to 8, into out.  Returns
 * RC_OK, or RC_ERROR when liboath fails or digits is out of range.
 */
int
totp_code(const unsigned char *key, size_t n, long long t, int digits,
    char *out, size_t outlen)
{
	char	 buf[16];

	pthread_once(&oath_once, oath_setup);
	if (!oath_ready || digits < 6 || digits > 8 || outlen <= (size_t)digits)
		return RC_ERROR;
	if (oath_totp_generate((const char *)key, n, (time_t)t, TOTP_STEP,
	    0, (unsigned)digits, buf) != OATH_OK)
		return RC_ERROR;
	memcpy(out, buf, (size_t)digits + 1);
	return RC_OK;
}

/*
 * The time step (t / TOTP_STEP) at most TOTP_WINDOW steps from now whose
 * code is code, or -1 when none is (or liboath fails).  The comparison
 * takes the same time for every code.
 */
long long
totp_match(const unsigned char *key, size_t n, long long now, const char *code)
{
	char		 want[TOTP_DIGITS + 1];
	long long	 step = now / TOTP_STEP, found = -1, d;

	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return -1;
	for (d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
		if (totp_code(key, n, (step + d) * TOTP_STEP, TOTP_DIGITS, want,
		    sizeof(want)) != RC_OK)
			return -1;
		if (sodium_memcmp(want, code, TOTP_DIGITS) == 0)
			found = step + d;
	}
	return found;
}

/*
 * RFC 4648 base32 of n bytes, without padding, into out (NUL-terminated).
 * Returns the length, or 0 when out is too small.
 */
size_t
base32_encode(const unsigned char *in, size_t n, char *out, size_t outlen)
{
	static const char	 b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t			 i, k = 0, need = (n * 8 + 4) / 5;
	unsigned		 acc = 0, bits = 0;

	if (outlen <= need)
		return 0;
	for (i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[k++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[k++] = b32[(acc << (5 - bits)) & 31];
	out[k] = '\0';
	return k;
}

/*
 * Seals the n-byte TOTP secret key into out (MAX_TOTP_BLOB bytes): nonce
 * || secretbox under SUBKEY_TOTP, its length in *outlen.  Returns RC_OK,
 * or RC_ERROR when the secret is empty or too long.
 */
int
totp_seal(const unsigned char *key, size_t n, unsigned char *out,
    size_t *outlen)
{
	if (n == 0 || crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    n > MAX_TOTP_BLOB)
		return RC_ERROR;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, key, n, out,
	    secret_subkey(SUBKEY_TOTP));
	*outlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	return RC_OK;
}

/*
 * Opens a sealed secret into key (TOTP_SECRET_BYTES).  Returns RC_OK, or
 * RC_ERROR when it was tampered with, has another size, or the key file
 * differs.
 */
int
totp_open(const unsigned char *in, size_t n, unsigned char *key)
{
	if (in == NULL || n != crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES)
		return RC_ERROR;
	return crypto_secretbox_open_easy(key, in + crypto_secretbox_NONCEBYTES,
	    n - crypto_secretbox_NONCEBYTES, in, secret_subkey(SUBKEY_TOTP)) == 0 ?
	    RC_OK : RC_ERROR;
}

/* s with every byte but RFC 3986 unreserved ones percent-encoded. */
static char *
uri_escape(struct arena *a, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out, *p;

	if ((out = arena_alloc(a, strlen(s) * 3 + 1)) == NULL)
		return NULL;
	for (p = out; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

/*
 * The otpauth:// address of a secret (base32) for account label email,
 * issuer "Steward" (Google Authenticator's key-uri format).  NULL on
 * exhaustion.
 */
char *
totp_uri(struct arena *a, const char *email, const char *b32)
{
	const char	*label = uri_escape(a, email);

	if (label == NULL)
		return NULL;
	return arena_printf(a, "otpauth://totp/Steward:%s?secret=%s"
	    "&issuer=Steward&algorithm=SHA1&digits=%d&period=%d", label, b32,
	    TOTP_DIGITS, TOTP_STEP);
}

/*
 * The QR code of text (error correction M) as SVG path data, one
 * "M x y h w v 1 h -w z" rectangle per run of dark modules, in a square
 * of *size modules (no quiet zone).  NULL when it cannot be encoded.
 */
char *
qr_path(struct arena *a, const char *text, int *size)
{
	QRcode		*qr;
	char		*out = NULL;
	size_t		 cap, k = 0;
	int		 w, x, y, run, n;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return NULL;
	w = qr->width;
	cap = (size_t)w * (size_t)(w / 2 + 1) * 32 + 1;
	if (w <= 0 || w > MAX_QR_WIDTH || (out = arena_alloc(a, cap)) == NULL)
		goto done;
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x = run) {
			if (!(qr->data[y * w + x] & 1)) {
				run = x + 1;
				continue;
			}
			for (run = x; run < w && (qr->data[y * w + run] & 1); run++)
				;
			n = snprintf(out + k, cap - k, "M%d %dh%dv1h-%dz", x, y,
			    run - x, run - x);
			if (n < 0 || (size_t)n >= cap - k) {
				out = NULL;
				goto done;
			}
			k += (size_t)n;
		}
	*size = w;
done:
	QRcode_free(qr);
	return out;
}

/* A fresh recovery code, XXXX-XXXX-XXXX of rc_alphabet (60 bits). */
void
recovery_new(char out[RECOVERY_LEN + 1])
{
	size_t	 i, k = 0;

	for (i = 0; i < RECOVERY_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = '-';
		out[k++] = rc_alphabet[randombytes_uniform(sizeof(rc_alphabet) - 1)];
	}
	out[k] = '\0';
}

/*
 * The RECOVERY_CHARS symbols of a typed recovery code (case, spaces and
 * dashes ignored) into out.  Returns RC_OK, or RC_ERROR when it is not
 * one.
 */
int
recovery_normalize(const char *in, char out[RECOVERY_CHARS + 1])
{
	size_t	 k = 0;
	char	 c;

	if (in == NULL)
		return RC_ERROR;
	for (; *in != '\0'; in++) {
		if (*in == '-' || *in == ' ')
			continue;
		c = *in >= 'a' && *in <= 'z' ? (char)(*in - 'a' + 'A') : *in;
		if (k == RECOVERY_CHARS || strchr(rc_alphabet, c) == NULL)
			return RC_ERROR;
		out[k++] = c;
	}
	out[k] = '\0';
	return k == RECOVERY_CHARS ? RC_OK : RC_ERROR;
}

/*
 * The stored form of a normalized recovery code of user: HMAC-SHA-256
 * under SUBKEY_TOTP, so a copy of the database alone cannot be searched
 * for the codes.
 */
void
recovery_hash(uint64_t user, const char *norm, unsigned char out[HASH_BYTES])
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 id[8];
	int				 i;

	for (i = 0; i < 8; i++)
		id[i] = (unsigned char)(user >> (56 - 8 * i));
	crypto_auth_hmacsha256_init(&st, secret_subkey(SUBKEY_TOTP), KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"recovery", 9);
	crypto_auth_hmacsha256_update(&st, id, sizeof(id));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)norm,
	    strlen(norm));
	crypto_auth_hmacsha256_final(&st, out);
}
