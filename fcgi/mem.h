/*
 * Memory given back to the system: the trim after a request that grew.
 */
#ifndef STEWARD_MEM_H
#define STEWARD_MEM_H

#include <stddef.h>

int	 mem_after_request(size_t);

#endif
