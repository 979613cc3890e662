/*
 * Memory given back to the system: the trim after a request that grew
 * and after a job; the malloc tuning a worker process is executed with.
 */
#ifndef STEWARD_MEM_H
#define STEWARD_MEM_H

#include <stddef.h>

void	 mem_trim(void);
int	 mem_after_request(size_t);
int	 mem_worker_env(void);

#endif
