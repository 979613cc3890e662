/*
 * The process-wide cache of the ingestion's names: event names, profile
 * properties and the property names known for each event, per account,
 * valid for one generation of the account's schema (data_counter.
 * schema_gen, bumped by every discard, restore and describe).
 */
#ifndef STEWARD_NAME_CACHE_H
#define STEWARD_NAME_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* What is cached of a name. */
enum nc_kind {
	NC_EVENT,	/* an event name */
	NC_PROP,	/* a profile property */
	NC_EVENT_PROP,	/* a property name known (stored) for event `of` */
};

struct nc_entry {
	uint64_t	 id;
	int		 discarded;
	int		 type;		/* properties: enum ptype */
	uint64_t	 props;		/* events: property names known */
	int		 complete;	/* events: all of them cached too */
};

int	 name_cache_get(uint64_t account, uint64_t gen, enum nc_kind,
	    uint64_t of, const char *name, struct nc_entry *);
int	 name_cache_put(uint64_t account, uint64_t gen, enum nc_kind,
	    uint64_t of, const char *name, const struct nc_entry *);
void	 name_cache_drop(uint64_t account, enum nc_kind,
	    uint64_t of, const char *name);
void	 name_cache_clear(void);

#endif
