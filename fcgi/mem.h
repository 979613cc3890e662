/*
 * Memory given back to the system: the trim after a request that grew
 * and after a job.
 */
#ifndef STEWARD_MEM_H
#define STEWARD_MEM_H

#include <stddef.h>

void	 mem_trim(void);
int	 mem_after_request(size_t);

#endif
