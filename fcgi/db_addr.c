/*
 * db_fallback: the database nodes tried in order when the primary one
 * (db_socket or db_host:db_port) does not answer or is not ready.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_addr.h"

/* Parses one entry s of length n into a; -1 with a message in err. */
static int
db_addr_one(const char *s, size_t n, struct db_addr *a, char *err,
    size_t errlen)
{
	const char	*colon;
	size_t		 hl, i;
	long		 port = 0;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		snprintf(err, errlen, "db_fallback: an empty entry");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (iscntrl((unsigned char)s[i]) || s[i] == ' ') {
			snprintf(err, errlen, "db_fallback: a space or control "
			    "character in an entry");
			return -1;
		}
	if (s[0] == '/') {
		hl = n;
		a->port = 0;
	} else {
		if ((colon = memchr(s, ':', n)) == NULL ||
		    memchr(colon + 1, ':', n - (size_t)(colon + 1 - s)) != NULL) {
			snprintf(err, errlen, "db_fallback: '%.*s' is not "
			    "host:port or a /socket path", (int)n, s);
			return -1;
		}
		hl = (size_t)(colon - s);
		for (i = hl + 1; i < n && port <= 65535; i++) {
			if (!isdigit((unsigned char)s[i])) {
				port = 0;
				break;
			}
			port = port * 10 + (s[i] - '0');
		}
		if (hl == 0 || port < 1 || port > 65535) {
			snprintf(err, errlen, "db_fallback: '%.*s': a host and "
			    "a port from 1 to 65535", (int)n, s);
			return -1;
		}
		a->port = (int)port;
	}
	if (hl >= DB_ADDR_MAX) {
		snprintf(err, errlen, "db_fallback: an entry longer than %d "
		    "characters", DB_ADDR_MAX - 1);
		return -1;
	}
	memcpy(a->host, s, hl);
	a->host[hl] = '\0';
	return 0;
}

/*
 * Parses list ("host:port" or "/socket/path" entries, comma-separated,
 * spaces and tabs around them ignored) into out[0..max-1].  An empty or NULL
 * list has no entries.  Returns the count, or -1 with a message in err
 * (an empty entry, a bad port, too long, more than max).
 */
int
db_addr_parse(const char *list, struct db_addr *out, size_t max, char *err,
    size_t errlen)
{
	const char	*p, *comma;
	size_t		 n = 0;

	if (list == NULL)
		return 0;
	for (p = list; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0')
		return 0;
	for (p = list; ; p = comma + 1) {
		if (n == max) {
			snprintf(err, errlen, "db_fallback: more than %zu nodes",
			    max);
			return -1;
		}
		comma = strchr(p, ',');
		if (db_addr_one(p, comma ? (size_t)(comma - p) : strlen(p),
		    &out[n], err, errlen) == -1)
			return -1;
		n++;
		if (comma == NULL)
			return (int)n;
	}
}
