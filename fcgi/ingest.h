/*
 * Ingestion: data types of values, events and profile updates in batches.
 */
#ifndef STEWARD_INGEST_H
#define STEWARD_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "db.h"

struct json_t;

/* Data types of properties; stored as these numbers (sql/007_data.sql). */
enum ptype {
	PTYPE_NONE = 0,
	PTYPE_STRING,
	PTYPE_NUMBER,
	PTYPE_BOOLEAN,
	PTYPE_DATE,
	PTYPE_LIST,
	PTYPE__MAX
};

const char	*ptype_name(enum ptype);
enum ptype	 ptype_parse(const char *);
int		 data_name_ok(const char *, size_t);
int		 data_value_ok(const char *, size_t);
int		 data_date_ok(const char *, size_t);
int		 event_is_system(const char *);
int		 data_json_value(struct arena *, struct json_t *, enum ptype *,
		    const char **text, const char **reason);
int		 data_cell(struct arena *, enum ptype, const char *, size_t,
		    const char **text, struct json_t **json, const char **reason);
int		 data_ts(long long secs, time_t now, char out[27]);

/* One property value of a profile update: its name, type and text. */
struct ival {
	const char	*name;
	enum ptype	 type;
	const char	*text;
};

enum ingest_rc { INGEST_OK, INGEST_DROPPED, INGEST_REFUSED, INGEST_ERROR };

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
void		 ingest_counts(const struct ingest *, uint64_t *processed,
		    uint64_t *dropped);

#endif
