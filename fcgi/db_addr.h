/*
 * The database nodes a connection may use: the db_fallback list of
 * steward.conf ("host:port" or a unix socket path, comma-separated).
 */
#ifndef STEWARD_DB_ADDR_H
#define STEWARD_DB_ADDR_H

#include <stddef.h>

#include "limits.h"

struct db_addr {
	char	 host[DB_ADDR_MAX];	/* host, or a socket path when port is 0 */
	int	 port;			/* 0: host is a unix socket path */
};

int	 db_addr_parse(const char *list, struct db_addr *out, size_t max,
	    char *err, size_t errlen);

#endif
