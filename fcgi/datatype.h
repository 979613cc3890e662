/*
 * The data types of ingested data: property types, the rules of names,
 * values, dates and event times, and the conversion of JSON values and
 * CSV cells.  Pure: no I/O.
 */
#ifndef STEWARD_DATATYPE_H
#define STEWARD_DATATYPE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"

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

/* Bytes of an event time as UTC DATETIME(6) text, with its NUL. */
#define EVENT_TS_LEN	27

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
int		 data_ts(long long secs, time_t now, char out[EVENT_TS_LEN]);

#endif
