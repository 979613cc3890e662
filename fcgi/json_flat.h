/*
 * The compact JSON text of a flat object (strings, integers, booleans,
 * null), written straight into an arena: the bytes jansson's
 * json_dumps(v, JSON_COMPACT) makes, without its buffers and printf.
 */
#ifndef STEWARD_JSON_FLAT_H
#define STEWARD_JSON_FLAT_H

#include <stddef.h>

#include "arena.h"

struct json_t;

int	 json_flat_dump(struct arena *, struct json_t *, char **, size_t *);

#endif
