/*
 * steward.conf: "key = value" lines and '#' comments.  Every key may be
 * overridden by the environment variable STEWARD_<KEY>.  One table lists
 * every key, its type and its default.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db_addr.h"
#include "limits.h"

struct conf conf;

enum ktype { K_STR, K_INT, K_BOOL };

struct key {
	const char	*name;
	enum ktype	 type;
	size_t		 off;
	const char	*def;
	long		 min, max;	/* for K_INT */
};

#define S(f, d)		{ #f, K_STR, offsetof(struct conf, f), d, 0, 0 }
#define I(f, d, lo, hi)	{ #f, K_INT, offsetof(struct conf, f), d, lo, hi }
#define B(f, d)		{ #f, K_BOOL, offsetof(struct conf, f), d, 0, 1 }

static const struct key keys[] = {
	S(listen, "/run/steward/steward.sock"),
	I(threads, "8", 1, MAX_THREADS),
	S(db_socket, ""),
	S(db_host, "localhost"),
	I(db_port, "3306", 1, 65535),
	S(db_name, "steward"),
	S(db_user, "steward"),
	S(db_password, ""),
	S(secret_key_file, SYSCONFDIR "/steward/secret.key"),
	S(sql_dir, PKGDATADIR "/sql"),
	S(xslt_dir, PKGDATADIR "/xslt"),
	S(public_url, ""),
	S(mail_dir, "/var/spool/steward/mail"),
	S(smtp_url, ""),
	S(smtp_user, ""),
	S(smtp_password, ""),
	S(mail_from, "Steward <steward@localhost>"),
	I(session_idle, "1800", 60, 86400 * 30),
	I(session_max, "43200", 300, 86400 * 90),
	I(hash_concurrency, "2", 1, 64),
	I(hash_wait, "5", 1, 60),
	I(argon2_m, "65536", 8192, 4194304),
	I(argon2_t, "3", 1, 16),
	I(argon2_p, "1", 1, 16),
	B(secure_cookies, "no"),
	S(common_passwords, PKGDATADIR "/common-passwords.txt"),
	B(jobs, "yes"),
	S(upload_dir, "/var/lib/steward/uploads"),
	B(test_jobs, "no"),
	S(exports_dir, "/var/lib/steward/exports"),
	I(workers, "2", 1, MAX_WORKERS),
	I(api_token_rate, "600", 0, 1000000),
	S(db_fallback, ""),
	B(xml_mimalloc, "yes"),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* Stores value v into the field of k; -1 with a message when invalid. */
static int
conf_set(const struct key *k, const char *v, char *err, size_t errlen)
{
	char	*p = (char *)&conf + k->off, *end, *dup;
	long	 n;

	switch (k->type) {
	case K_STR:
		if ((dup = strdup(v)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		free(*(char **)p);
		*(char **)p = dup;
		return 0;
	case K_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end != '\0' || n < k->min || n > k->max) {
			snprintf(err, errlen, "%s: '%s' is not a number from %ld to %ld",
			    k->name, v, k->min, k->max);
			return -1;
		}
		*(int *)p = (int)n;
		return 0;
	case K_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
			*(int *)p = 1;
		else if (strcmp(v, "no") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
			*(int *)p = 0;
		else {
			snprintf(err, errlen, "%s: '%s' is not yes or no", k->name, v);
			return -1;
		}
		return 0;
	}
	abort();
}

/* The table entry for name, or NULL. */
static const struct key *
conf_key(const char *name)
{
	size_t	 i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* Removes leading and trailing white space in place. */
static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Reads the file (a missing file is an error only when path was given). */
static int
conf_file(const char *path, int must, char *err, size_t errlen)
{
	FILE		*f;
	char		 line[MAX_CONF_LINE], *eq, *k, *v;
	const struct key *key;
	int		 lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (!must && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path, lineno);
			goto fail;
		}
		k = trim(line);
		if (*k == '#' || *k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
			goto fail;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if ((key = conf_key(k)) == NULL) {
			snprintf(err, errlen, "%s:%d: unknown key '%s'", path, lineno, k);
			goto fail;
		}
		if (conf_set(key, v, err, errlen) == -1)
			goto fail;
	}
	fclose(f);
	return 0;
fail:
	fclose(f);
	return -1;
}

/* Checks the values no table entry can: the db_fallback list. */
static int
conf_check(char *err, size_t errlen)
{
	struct db_addr	 a[DB_FALLBACK_MAX];

	return db_addr_parse(conf.db_fallback, a, DB_FALLBACK_MAX, err,
	    errlen) == -1 ? -1 : 0;
}

/*
 * Loads defaults, then the file (path NULL: the default path, optional),
 * then the environment.  Returns -1 with a message in err on any bad key or
 * value; conf then holds a partial configuration to be freed.
 */
int
conf_load(const char *path, char *err, size_t errlen)
{
	char		 env[128];
	const char	*v;
	size_t		 i, j;

	for (i = 0; i < NKEYS; i++)
		if (conf_set(&keys[i], keys[i].def, err, errlen) == -1)
			return -1;
	if (conf_file(path ? path : SYSCONFDIR "/steward/steward.conf",
	    path != NULL, err, errlen) == -1)
		return -1;
	for (i = 0; i < NKEYS; i++) {
		snprintf(env, sizeof(env), "STEWARD_%s", keys[i].name);
		for (j = 8; env[j] != '\0'; j++)
			env[j] = (char)toupper((unsigned char)env[j]);
		if ((v = getenv(env)) != NULL &&
		    conf_set(&keys[i], v, err, errlen) == -1)
			return -1;
	}
	return conf_check(err, errlen);
}

/* Frees every string of the configuration. */
void
conf_free(void)
{
	size_t	 i;

	for (i = 0; i < NKEYS; i++)
		if (keys[i].type == K_STR) {
			free(*(char **)((char *)&conf + keys[i].off));
			*(char **)((char *)&conf + keys[i].off) = NULL;
		}
}
