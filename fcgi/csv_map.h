/*
 * The column mapping of a CSV upload: what each column holds (an
 * identity, the event name, its time, a property of a type, or nothing),
 * first guessed from the header and the preview, then checked and stored
 * as JSON {"cols": [{"target", "name", "type"}, …]}.
 */
#ifndef STEWARD_CSV_MAP_H
#define STEWARD_CSV_MAP_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "arena.h"
#include "limits.h"
#include "status.h"

/* A mapping as typed into the form (colN, nameN, typeN; NULL: absent). */
struct typed_map {
	const char	*target[CSV_MAX_COLUMNS], *name[CSV_MAX_COLUMNS],
			*type[CSV_MAX_COLUMNS];
};

enum map_target	 map_target_of(const char *);
enum map_target	 map_guess_target(const char *header, int events,
		    int have_identity);
const char	*map_guess_type(xmlNodePtr rows, size_t col);
char		*map_build(struct arena *, const struct typed_map *, size_t ncol,
		    int events, const char **field, const char **msg);

#endif
