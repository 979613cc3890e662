/*
 * The data types of ingested data, shared by the ingestion API, CSV
 * imports, the schema pages and reports: property types and their names,
 * the rules of event and property names, values and dates, the type and
 * text of a JSON value (the API) or of a CSV cell of a declared type (an
 * import), and event times.  Pure: no I/O.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "datatype.h"
#include "arena.h"
#include "decode.h"
#include "json_mem.h"
#include "limits.h"
#include "rc.h"

/* A double below this is written as an integer when it has no fraction. */
#define EXACT_INTEGER	9e15

static const char *const ptypes[PTYPE__MAX] = {
	[PTYPE_NONE] = "none",
	[PTYPE_STRING] = "string",
	[PTYPE_NUMBER] = "number",
	[PTYPE_BOOLEAN] = "boolean",
	[PTYPE_DATE] = "date",
	[PTYPE_LIST] = "list",
};

/* "string", "number", … as stored in XML; "none" for out of range. */
const char *
ptype_name(enum ptype t)
{
	return t > PTYPE_NONE && t < PTYPE__MAX ? ptypes[t] : ptypes[PTYPE_NONE];
}

/* The type named s, or PTYPE_NONE. */
enum ptype
ptype_parse(const char *s)
{
	int	 t;

	if (s != NULL)
		for (t = PTYPE_STRING; t < PTYPE__MAX; t++)
			if (strcmp(s, ptypes[t]) == 0)
				return (enum ptype)t;
	return PTYPE_NONE;
}

/*
 * 1 for a usable event or property name: valid UTF-8, 1 to MAX_DATA_NAME
 * characters, no control characters, not only spaces, no leading or
 * trailing space.
 */
int
data_name_ok(const char *s, size_t n)
{
	if (s == NULL || n == 0 || n > MAX_DATA_NAME * 4 || !utf8_valid(s, n) ||
	    utf8_chars(s, n) > MAX_DATA_NAME || !text_clean(s, n, 0))
		return 0;
	return s[0] != ' ' && s[n - 1] != ' ';
}

/* 1 for a string value: valid UTF-8, at most MAX_DATA_VALUE characters,
 * no control characters but tab and line ends. */
int
data_value_ok(const char *s, size_t n)
{
	return s != NULL && n <= MAX_DATA_VALUE * 4 && utf8_valid(s, n) &&
	    utf8_chars(s, n) <= MAX_DATA_VALUE && text_clean(s, n, 1);
}

/* 1 when the n bytes at s are all digits. */
static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 when the n bytes at s, after a valid date, are a valid time of day:
 * THH:MM[:SS[.fff…]] and Z or ±HH:MM (a space may stand for the T). */
static int
time_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n < 16 || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) ||
	    (s[11] - '0') * 10 + (s[12] - '0') > 23 || s[14] > '5')
		return 0;
	i = 16;
	if (i + 3 <= n && s[i] == ':' && digits(s + i + 1, 2))
		i += 3;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	if (i == n)
		return 1;
	if (s[i] == 'Z')
		return i + 1 == n;
	return (s[i] == '+' || s[i] == '-') && i + 6 == n &&
	    digits(s + i + 1, 2) && s[i + 3] == ':' && digits(s + i + 4, 2);
}

/*
 * 1 for an ISO 8601 date the properties accept: YYYY-MM-DD, optionally
 * followed by THH:MM[:SS[.fff…]] and Z or ±HH:MM; or CleverTap's
 * $D_EPOCHSECONDS.
 */
int
data_date_ok(const char *s, size_t n)
{
	int	 mo, d;

	if (n > 3 && strncmp(s, "$D_", 3) == 0)
		return n <= 15 && digits(s + 3, n - 3);
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return 0;
	mo = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	return n == 10 || time_ok(s, n);
}

/* The events the SDKs send themselves; everything else is custom. */
static const char *const system_events[] = {
	"App Installed", "App Launched", "App Uninstalled", "Charged",
	"Notification Clicked", "Notification Sent", "Notification Viewed",
	"Push Impressions", "Session Concluded", "Stayed", "UTM Visited",
	"Web Page Viewed",
};

/* 1 when name is one of the system events. */
int
event_is_system(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(system_events) / sizeof(system_events[0]); i++)
		if (strcmp(name, system_events[i]) == 0)
			return 1;
	return 0;
}

/* 1 when the finite number v is written as an integer. */
static int
is_integral(double v)
{
	return v == floor(v) && fabs(v) < EXACT_INTEGER;
}

/* A finite number as text (integers without a fraction). */
static const char *
number_text(struct arena *a, double v)
{
	if (is_integral(v))
		return arena_printf(a, "%.0f", v);
	return arena_printf(a, "%.17g", v);
}

/* 1 when the JSON string v is a value we store (no NUL inside). */
static int
json_text_ok(json_t *v)
{
	const char	*s = json_string_value(v);
	size_t		 n = json_string_length(v);

	return data_value_ok(s, n) && strlen(s) == n;
}

/* A JSON string: a date when it looks like one.  RC_OK or RC_ERROR. */
static int
json_string_text(json_t *v, enum ptype *t, const char **text,
    const char **reason)
{
	const char	*s = json_string_value(v);
	size_t		 n = json_string_length(v);

	if (!json_text_ok(v)) {
		*reason = utf8_chars(s, n) > MAX_DATA_VALUE ?
		    "is longer than 512 characters" : "holds control characters";
		return RC_ERROR;
	}
	*t = data_date_ok(s, n) ? PTYPE_DATE : PTYPE_STRING;
	*text = s;
	return RC_OK;
}

/* A JSON list of plain values as its compact JSON text.  RC_OK or RC_ERROR. */
static int
json_list_text(struct arena *a, json_t *v, enum ptype *t, const char **text,
    const char **reason)
{
	size_t	 i;
	json_t	*it;
	char	*dump;

	if (json_array_size(v) > MAX_LIST_ITEMS) {
		*reason = "is a list of more than 32 items";
		return RC_ERROR;
	}
	json_array_foreach(v, i, it) {
		if (json_is_object(it) || json_is_array(it) || json_is_null(it)) {
			*reason = "nests values (only lists of plain values are allowed)";
			return RC_ERROR;
		}
		if (json_is_string(it) && !json_text_ok(it)) {
			*reason = "has a list item that is too long or holds control characters";
			return RC_ERROR;
		}
	}
	if ((dump = json_dumps(v, JSON_COMPACT)) == NULL) {
		*reason = "cannot be stored";
		return RC_ERROR;
	}
	*text = arena_strdup(a, dump);
	json_mem_free(dump);
	*t = PTYPE_LIST;
	return *text == NULL ? RC_ERROR : RC_OK;
}

/*
 * The type and text of one JSON property value: strings (dates when they
 * look like one), numbers, booleans, and lists of those; objects, nested
 * lists, null, too long strings and control characters are refused with
 * a reason.  Returns RC_OK, or RC_ERROR with *reason set.
 */
int
data_json_value(struct arena *a, json_t *v, enum ptype *t, const char **text,
    const char **reason)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_text(v, t, text, reason);
	case JSON_INTEGER:
		*t = PTYPE_NUMBER;
		*text = arena_printf(a, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return RC_OK;
	case JSON_REAL:
		*t = PTYPE_NUMBER;
		*text = number_text(a, json_real_value(v));
		return RC_OK;
	case JSON_TRUE:
	case JSON_FALSE:
		*t = PTYPE_BOOLEAN;
		*text = json_is_true(v) ? "true" : "false";
		return RC_OK;
	case JSON_ARRAY:
		return json_list_text(a, v, t, text, reason);
	case JSON_OBJECT:
		*reason = "nests an object (values must be plain)";
		return RC_ERROR;
	default:
		*reason = "is null";
		return RC_ERROR;
	}
}

/* A converter of a CSV cell of one type: RC_OK, or RC_ERROR (*reason set
 * when a person can act on it); *json is left NULL on failure. */
typedef int (*cell_fn)(struct arena *, const char *, size_t,
    const char **text, json_t **json, const char **reason);

/* A string cell, as it is. */
static int
cell_string(struct arena *a, const char *s, size_t n, const char **text,
    json_t **json, const char **reason)
{
	*text = arena_strndup(a, s, n);
	*json = json_stringn(s, n);
	return RC_OK;
}

/* A number cell (strtod, finite): integers without a fraction. */
static int
cell_number(struct arena *a, const char *s, size_t n, const char **text,
    json_t **json, const char **reason)
{
	char	 buf[64], *end;
	double	 d;

	if (n == 0 || n >= sizeof(buf) || (!isdigit((unsigned char)s[0]) &&
	    s[0] != '-' && s[0] != '+')) {
		*reason = "not a number";
		return RC_ERROR;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	d = strtod(buf, &end);
	if (*end != '\0' || !isfinite(d)) {
		*reason = "not a number";
		return RC_ERROR;
	}
	*text = number_text(a, d);
	*json = is_integral(d) ? json_integer((json_int_t)d) : json_real(d);
	return RC_OK;
}

/* Boolean spellings of a CSV cell. */
static const struct {
	const char	*s;
	int		 v;
} bools[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 },
	{ "1", 1 }, { "0", 0 }, { "TRUE", 1 }, { "FALSE", 0 },
	{ "True", 1 }, { "False", 0 },
};

/* A boolean cell: one of the spellings above. */
static int
cell_boolean(struct arena *a, const char *s, size_t n, const char **text,
    json_t **json, const char **reason)
{
	size_t	 i;

	for (i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		if (strlen(bools[i].s) == n && memcmp(bools[i].s, s, n) == 0) {
			*text = bools[i].v ? "true" : "false";
			*json = json_boolean(bools[i].v);
			return RC_OK;
		}
	*reason = "not true or false";
	return RC_ERROR;
}

/* A date cell (data_date_ok()). */
static int
cell_date(struct arena *a, const char *s, size_t n, const char **text,
    json_t **json, const char **reason)
{
	if (!data_date_ok(s, n)) {
		*reason = "not a date like 2026-03-01 or 2026-03-01T10:00:00Z";
		return RC_ERROR;
	}
	return cell_string(a, s, n, text, json, reason);
}

/* A list cell: items separated by ';', empty items left out. */
static int
cell_list(struct arena *a, const char *s, size_t n, const char **text,
    json_t **json, const char **reason)
{
	json_t	*list;
	size_t	 i, start;
	char	*dump;

	if ((list = json_array()) == NULL)
		return RC_ERROR;
	for (i = start = 0; i <= n; i++)
		if (i == n || s[i] == ';') {
			if (i > start)
				json_array_append_new(list,
				    json_stringn(s + start, i - start));
			start = i + 1;
		}
	if (json_array_size(list) > MAX_LIST_ITEMS) {
		json_decref(list);
		*reason = "a list of more than 32 items";
		return RC_ERROR;
	}
	dump = json_dumps(list, JSON_COMPACT);
	*text = dump ? arena_strdup(a, dump) : NULL;
	json_mem_free(dump);
	*json = list;
	return RC_OK;
}

/* The converter of each type (none for PTYPE_NONE). */
static const cell_fn cells[PTYPE__MAX] = {
	[PTYPE_STRING] = cell_string,
	[PTYPE_NUMBER] = cell_number,
	[PTYPE_BOOLEAN] = cell_boolean,
	[PTYPE_DATE] = cell_date,
	[PTYPE_LIST] = cell_list,
};

/*
 * A CSV cell as a value of type t: its text and a JSON value (for event
 * data).  Lists are items separated by ';'.  Returns RC_OK, or RC_ERROR
 * with a reason a person can act on (*json NULL then).
 */
int
data_cell(struct arena *a, enum ptype t, const char *s, size_t n,
    const char **text, json_t **json, const char **reason)
{
	*json = NULL;
	if (!data_value_ok(s, n)) {
		*reason = utf8_chars(s, n) > MAX_DATA_VALUE ?
		    "value is longer than 512 characters" :
		    "value holds control characters";
		return RC_ERROR;
	}
	if ((unsigned)t >= PTYPE__MAX || cells[t] == NULL) {
		*reason = "unknown type";
		return RC_ERROR;
	}
	if (cells[t](a, s, n, text, json, reason) != RC_OK)
		return RC_ERROR;
	if (*text == NULL || *json == NULL) {
		json_decref(*json);
		*json = NULL;
		*reason = "out of memory";
		return RC_ERROR;
	}
	return RC_OK;
}

/*
 * An event time of secs since the epoch as a UTC DATETIME(6) text, when
 * it lies within INGEST_TS_PAST before now and INGEST_TS_FUTURE after.
 * Returns RC_OK, or RC_ERROR when out of range.
 */
int
data_ts(long long secs, time_t now, char out[EVENT_TS_LEN])
{
	struct tm	 tm;
	time_t		 t;
	char		 buf[64];

	if (secs < (long long)now - INGEST_TS_PAST ||
	    secs > (long long)now + INGEST_TS_FUTURE)
		return RC_ERROR;
	t = (time_t)secs;
	if (gmtime_r(&t, &tm) == NULL)
		return RC_ERROR;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.000000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	if (strlen(buf) != EVENT_TS_LEN - 1)
		return RC_ERROR;
	memcpy(out, buf, EVENT_TS_LEN);
	return RC_OK;
}
