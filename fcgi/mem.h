/*
 * The process's allocators: mimalloc for libxml2's documents, and memory
 * given back to the system (the trim after a request that grew and after
 * a job).
 */
#ifndef STEWARD_MEM_H
#define STEWARD_MEM_H

#include <stddef.h>

void		 mem_xml_init(int);
const char	*mem_xml_malloc(void);
void		 mem_trim(void);
int		 mem_after_request(size_t);

#endif
