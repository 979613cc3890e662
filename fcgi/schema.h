/*
 * The schema pages (Events, User Properties): one engine, driven by a
 * description of each kind of item.
 */
#ifndef STEWARD_SCHEMA_H
#define STEWARD_SCHEMA_H

#include "db.h"
#include "request.h"

/* The orders of a schema list (the query's sort), one statement each. */
enum schema_sort { SCHEMA_BY_NAME, SCHEMA_BY_SEEN, SCHEMA_BY_COUNT,
	SCHEMA_SORT__MAX };

/* What tells the two schema pages apart. */
struct schema_kind {
	const char	*page;		/* the page's name in the XML */
	const char	*base;		/* its path, where its POSTs return */
	const char	*noun;		/* "event", "property" */
	long		 limit;		/* items an account may have */
	enum stmt	 list[SCHEMA_SORT__MAX];	/* a page, per order */
	enum stmt	 matches;	/* the names a search matches */
	enum stmt	 one, total;	/* an item, the names known */
	enum stmt	 describe, discard, restore;
	const char	*a_describe, *a_discard, *a_restore;	/* audit actions */
	int		 typed;		/* properties: the type is editable */
};

int	 schema_page(struct req *, const struct schema_kind *);
int	 schema_describe(struct req *, const struct schema_kind *);
int	 schema_discard(struct req *, const struct schema_kind *);
int	 schema_restore(struct req *, const struct schema_kind *);

#endif
