/*
 * jansson's memory: while a thread has a scope open, the values it parses
 * and builds live in its request arena (no malloc and free per string,
 * object and hashtable); outside a scope, in malloc'd memory as before.
 */
#ifndef STEWARD_JSON_MEM_H
#define STEWARD_JSON_MEM_H

#include <stddef.h>

#include "arena.h"

void	 json_mem_init(void);
size_t	 json_mem_scope(struct arena *);
void	 json_mem_free(void *);

#endif
