/*
 * The ingestion engine: events and profile updates, in transactions, for
 * the ingestion API and CSV imports.
 */
#ifndef STEWARD_INGEST_H
#define STEWARD_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "datatype.h"
#include "db.h"

struct json_t;

/* One property value of a profile update: its name, type and text. */
struct ival {
	const char	*name;
	enum ptype	 type;
	const char	*text;
};

/* What became of one record. */
enum ingest_rc {
	INGEST_OK,		/* stored */
	INGEST_DROPPED,		/* of a discarded event or properties only */
	INGEST_REFUSED,		/* with a reason (the account is full) */
	INGEST_ERROR		/* a database error: the caller rolls back */
};

struct ingest;

struct ingest	*ingest_new(struct db *, struct arena *, uint64_t account);
int		 ingest_begin(struct ingest *);
enum ingest_rc	 ingest_event(struct ingest *, const char *identity,
		    const char *name, const char *ts, struct json_t *data,
		    const char **reason);
enum ingest_rc	 ingest_profile(struct ingest *, const char *identity,
		    const struct ival *, size_t, const char **reason);
int		 ingest_finish(struct ingest *);
void		 ingest_abort(struct ingest *);

#endif
