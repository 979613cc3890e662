/*
 * The secret key file (32 random bytes, mode 0600, outside the database)
 * and what is derived from it: the key that seals account passcodes at
 * rest and the keys of CSRF and flash MACs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "secret.h"
#include "limits.h"

#define SUBKEY__MAX	6
#define KDF_CONTEXT	"steward1"

/* Upper-case letters and digits without I, O, 0, 1: 32 symbols. */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static unsigned char subkeys[SUBKEY__MAX][KEY_BYTES];

/*
 * Reads the key file and derives the subkeys.  -1 with a message when the
 * file is missing, not 32 bytes, or readable by group or others.
 */
int
secret_load(const char *path, char *err, size_t errlen)
{
	unsigned char	 master[KEY_BYTES];
	struct stat	 st;
	ssize_t		 n;
	int		 fd, i;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s (create it with steward-admin keygen)",
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || (st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s: must be mode 0600", path);
		close(fd);
		return -1;
	}
	n = read(fd, master, sizeof(master));
	close(fd);
	if (n != (ssize_t)sizeof(master) || st.st_size != (off_t)sizeof(master)) {
		snprintf(err, errlen, "%s: must hold exactly %d bytes", path, KEY_BYTES);
		return -1;
	}
	for (i = 1; i < SUBKEY__MAX; i++)
		crypto_kdf_derive_from_key(subkeys[i], KEY_BYTES, (uint64_t)i,
		    KDF_CONTEXT, master);
	sodium_memzero(master, sizeof(master));
	return 0;
}

/* Writes a new key file, refusing to overwrite one; -1 with a message. */
int
secret_generate(const char *path, char *err, size_t errlen)
{
	unsigned char	 key[KEY_BYTES];
	int		 fd;
	ssize_t		 n;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(key, sizeof(key));
	n = write(fd, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	if (n != (ssize_t)sizeof(key) || fsync(fd) == -1 || close(fd) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* The derived key for one purpose. */
const unsigned char *
secret_subkey(enum subkey k)
{
	return subkeys[k];
}

/* n random symbols of the alphabet into out. */
static void
random_symbols(char *out, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
}

/* A fresh passcode: six groups of four symbols, 120 bits. */
void
passcode_new(char out[PASSCODE_LEN + 1])
{
	size_t	 g;

	for (g = 0; g < PASSCODE_GROUPS; g++) {
		random_symbols(out + g * 5, 4);
		out[g * 5 + 4] = '-';
	}
	out[PASSCODE_LEN] = '\0';
}

/* A fresh public Account ID such as W8R-K4Z-7Q2M. */
void
account_id_new(char out[13])
{
	random_symbols(out, 3);
	out[3] = '-';
	random_symbols(out + 4, 3);
	out[7] = '-';
	random_symbols(out + 8, 4);
	out[12] = '\0';
}

/* Seals a passcode: nonce || secretbox; -1 when it does not fit. */
int
passcode_seal(const char *pc, unsigned char *out, size_t *outlen)
{
	size_t	 n = strlen(pc);

	if (n != PASSCODE_LEN || crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES + n > MAX_PASSCODE_BLOB)
		return -1;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)pc, n, out, subkeys[SUBKEY_PASSCODE]);
	*outlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	return 0;
}

/* Opens a sealed passcode; -1 when it was tampered with or the key differs. */
int
passcode_open(const unsigned char *in, size_t n, char out[PASSCODE_LEN + 1])
{
	if (n != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    PASSCODE_LEN)
		return -1;
	if (crypto_secretbox_open_easy((unsigned char *)out,
	    in + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
	    in, subkeys[SUBKEY_PASSCODE]) != 0)
		return -1;
	out[PASSCODE_LEN] = '\0';
	return 0;
}
