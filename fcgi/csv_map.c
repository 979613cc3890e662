/*
 * The column mapping of a CSV upload: first guesses from the header and
 * the preview's cells, the check of a mapping as typed into the form,
 * and its JSON as stored with the upload (and read by the import job).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "csv_map.h"
#include "arena.h"
#include "datatype.h"
#include "input.h"
#include "json_mem.h"
#include "rc.h"
#include "status.h"
#include "text.h"
#include "valid.h"

/* The target named s; TARGET__MAX for NULL or an unknown name. */
enum map_target
map_target_of(const char *s)
{
	int	 t = name_index(map_target_names, TARGET__MAX, s);

	return t < 0 ? TARGET__MAX : (enum map_target)t;
}

/* 1 when h is one of the n names at names, in any case. */
static int
header_is(const char *h, const char *const *names, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(h, names[i]) == 0)
			return 1;
	return 0;
}

/* Headers read as the identity, the event name and the event time. */
static const char *const id_headers[] = { "identity", "email", "user_id",
    "userid", "user", "id", "customer_id" };
static const char *const event_headers[] = { "event", "evtname",
    "event_name" };
static const char *const ts_headers[] = { "ts", "time", "timestamp" };

#define NAMES(a)	(a), sizeof(a) / sizeof((a)[0])

/*
 * A sensible first guess of a column's target from its header h: the
 * identity (unless a column before is), for events the event name and
 * time, else a property when h is a usable name.
 */
enum map_target
map_guess_target(const char *h, int events, int have_identity)
{
	if (!have_identity && header_is(h, NAMES(id_headers)))
		return TARGET_IDENTITY;
	if (events && header_is(h, NAMES(event_headers)))
		return TARGET_EVENT;
	if (events && header_is(h, NAMES(ts_headers)))
		return TARGET_TS;
	return data_name_ok(h, strlen(h)) ? TARGET_PROPERTY : TARGET_IGNORE;
}

/* 1 when every non-empty cell of column col of the preview's rows reads
 * as type t, and there is one at least. */
static int
column_is(struct arena *a, xmlNodePtr rows, size_t col, enum ptype t)
{
	xmlNodePtr	 row, cell;
	xmlChar		*v;
	const char	*text, *why;
	json_t		*j;
	size_t		 c, seen = 0;
	int		 all = 1;

	for (row = rows->children; row != NULL && all; row = row->next) {
		for (c = 0, cell = row->children; cell != NULL && c < col;
		    cell = cell->next)
			c++;
		if (cell == NULL || (v = xmlNodeGetContent(cell)) == NULL)
			continue;
		if (v[0] != '\0') {
			seen++;
			j = NULL;
			all = data_cell(a, t, (const char *)v,
			    strlen((const char *)v), &text, &j, &why) == RC_OK;
			json_decref(j);
		}
		xmlFree(v);
	}
	return all && seen > 0;
}

/* A first guess of column col's type from the non-empty cells of the
 * preview's rows: number, boolean or date when all read so, else string. */
const char *
map_guess_type(xmlNodePtr rows, size_t col)
{
	static const enum ptype order[] = { PTYPE_NUMBER, PTYPE_BOOLEAN,
	    PTYPE_DATE };
	struct arena	 a;
	size_t		 k;
	int		 is;

	arena_init(&a);
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		is = column_is(&a, rows, col, order[k]);
		arena_reset(&a);
		if (is)
			return ptype_name(order[k]);
	}
	return "string";
}

/* Checks the property of column i: its name (unique among the property
 * columns) and type.  RC_OK, or RC_ERROR with *field and *msg set. */
static int
map_property(struct arena *a, const struct typed_map *tm, size_t i,
    const char **field, const char **msg)
{
	size_t	 j;

	*field = arena_printf(a, "name%zu", i);
	if (tm->name[i] == NULL || !data_name_ok(tm->name[i],
	    strlen(tm->name[i]))) {
		*msg = "Enter a property name of 1 to 120 characters.";
		return RC_ERROR;
	}
	for (j = 0; j < i; j++)
		if (tm->name[j] && tm->target[j] &&
		    map_target_of(tm->target[j]) == TARGET_PROPERTY &&
		    strcmp(tm->name[j], tm->name[i]) == 0) {
			*msg = "Two columns map to this property name.";
			return RC_ERROR;
		}
	*field = arena_printf(a, "type%zu", i);
	if (ptype_parse(tm->type[i]) == PTYPE_NONE) {
		*msg = valid_message(VALID_PTYPE);
		return RC_ERROR;
	}
	return RC_OK;
}

/* Checks column i of a file of events (or profiles); its target into *t.
 * RC_OK, or RC_ERROR with *field and *msg set. */
static int
map_column(struct arena *a, const struct typed_map *tm, size_t i, int events,
    enum map_target *t, const char **field, const char **msg)
{
	*t = map_target_of(tm->target[i]);
	*field = arena_printf(a, "col%zu", i);
	if (*t == TARGET__MAX || (!events && (*t == TARGET_EVENT ||
	    *t == TARGET_TS))) {
		*msg = "Choose what this column holds.";
		return RC_ERROR;
	}
	if (*t == TARGET_PROPERTY)
		return map_property(a, tm, i, field, msg);
	return RC_OK;
}

/* What is wrong with a mapping of n columns of each target, or NULL. */
static const char *
map_counts(const size_t n[TARGET__MAX], int events)
{
	if (n[TARGET_IDENTITY] != 1)
		return "Choose exactly one column as the identity.";
	if (events && n[TARGET_EVENT] != 1)
		return "Choose exactly one column as the event name.";
	if (n[TARGET_TS] > 1)
		return "Choose at most one column as the event time.";
	if (!events && n[TARGET_PROPERTY] == 0)
		return "Choose at least one column to import as a property.";
	return NULL;
}

/*
 * Checks the typed mapping of the ncol columns of a file of events (or
 * profiles) and builds its JSON in a.  NULL with *msg set (and *field,
 * NULL for the whole form) when it is refused; NULL with *msg NULL on
 * exhaustion.
 */
char *
map_build(struct arena *a, const struct typed_map *tm, size_t ncol,
    int events, const char **field, const char **msg)
{
	json_t		*cols = json_array(), *root = json_object();
	size_t		 n[TARGET__MAX] = { 0 }, i;
	enum map_target	 t;
	char		*dump, *copy = NULL;

	*msg = NULL;
	for (i = 0; i < ncol; i++) {
		if (map_column(a, tm, i, events, &t, field, msg) != RC_OK)
			goto out;
		n[t]++;
		json_array_append_new(cols, json_pack("{s:s,s:s,s:s}", "target",
		    map_target_names[t], "name", t == TARGET_PROPERTY ?
		    tm->name[i] : "", "type", t == TARGET_PROPERTY ?
		    tm->type[i] : "string"));
	}
	*field = NULL;
	if ((*msg = map_counts(n, events)) != NULL)
		goto out;
	json_object_set_new(root, "cols", cols);
	cols = NULL;
	dump = json_dumps(root, JSON_COMPACT);
	copy = dump ? arena_strdup(a, dump) : NULL;
	json_mem_free(dump);
out:
	json_decref(cols);
	json_decref(root);
	return copy;
}
