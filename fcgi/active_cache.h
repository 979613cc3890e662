/*
 * The process-wide cache of the identities an ingestion batch recorded
 * as active in a month (active_identity rows known to exist), per
 * account and schema generation (data_counter.schema_gen, read by every
 * batch in its transaction): a batch leaves out of its INSERT IGNORE
 * the identities known, which would only meet their row again.
 */
#ifndef STEWARD_ACTIVE_CACHE_H
#define STEWARD_ACTIVE_CACHE_H

#include <stdint.h>

#include "limits.h"

int	 active_cache_has(uint64_t account, uint64_t gen, unsigned month,
	    const unsigned char h[HASH_BYTES]);
void	 active_cache_put(uint64_t account, uint64_t gen, unsigned month,
	    const unsigned char h[HASH_BYTES]);
void	 active_cache_clear(void);

#endif
