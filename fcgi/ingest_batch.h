/*
 * What the two halves of the ingestion engine share: ingest.c checks
 * and queues the records of a transaction, ingest_write.c writes them.
 * Private to those two files.
 */
#ifndef STEWARD_INGEST_BATCH_H
#define STEWARD_INGEST_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "datatype.h"
#include "db.h"
#include "limits.h"

/* A name of the schema as this batch knows it. */
struct name {
	char		*name;
	uint64_t	 id;
	int		 discarded;
	enum ptype	 type;
	uint64_t	 props;		/* event: property names known */
	uint64_t	 accepted, dropped, added;	/* this transaction */
	int		 recount;	/* event: props to be counted again */
	char		**pn;		/* event: property names queued here */
	size_t		 npn, cappn;
	size_t		 nwritten;	/* pn[0 .. nwritten) are stored already */
	char		**known;	/* event read from the database: its */
	size_t		 nknown;	/* property names stored then */
	int		 unread;	/* event: known not read yet */
};

/* The names of a batch: each allocated on its own, so that pointers to
 * them stay valid while the table grows and when it is sorted. */
struct names {
	struct name	**v;
	size_t		 n, cap;
};

/* A profile update queued: who. */
struct qprofile {
	unsigned char	 h[HASH_BYTES];
	const char	*identity;
	uint64_t	 id;		/* found before or after the upsert */
	int		 fresh;		/* inserted by this transaction: none
					   of its values is stored yet */
};

/* A property value queued: of which profile update, which property. */
struct qvalue {
	size_t		 profile;	/* index in ig->profiles, then of the
					   distinct profile */
	uint64_t	 pid;		/* the profile's id, once known */
	struct name	*prop;
	const char	*text;
	size_t		 seq;		/* order of arrival: the last one wins */
	int		 fresh;		/* of a profile inserted by this
					   transaction: a new row */
};

struct ingest {
	struct db	*db;
	struct arena	 batch;		/* what lives as long as a transaction */
	struct arena	 tmp;		/* statements of one record, reset each */
	uint64_t	 account, gen;
	struct names	 events, props;
	unsigned char	*ids;		/* identity hashes of this transaction */
	size_t		 nids, capids;
	struct dbrows	 evlog;		/* event_log rows */
	struct qprofile	*profiles;
	size_t		 nprofiles, capprofiles;
	struct qvalue	*values;
	size_t		 nvalues, capvalues;
	uint64_t	 points, new_profiles;
	int		 look_first;	/* most profiles of the last batch
					   existed: look them up before writing */
	unsigned	 month;		/* of the actives written: year * 100
					   + month (active_cache.c) */
};

int	 event_props_write(struct ingest *, struct name *const *, size_t,
	    uint64_t *queued, uint64_t *stored);
int	 ingest_write(struct ingest *);
void	 ingest_publish(struct ingest *);

#endif
