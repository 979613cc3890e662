/*
 * Memory every worker process on a host shares: one memfd the master
 * creates once (and hands on to its next image at a hand-over), passed to
 * each worker in ENV_SHARED_FD and mapped at the same layout.  What
 * counts per host rather than per process lives here: today the API
 * tokens' requests a minute (api_token.c).
 *
 * A process that is not a worker of a master (steward-admin, steward-jobs,
 * the unit tests) or a worker that cannot map it gets a private copy: the
 * same code works, counting for that process alone.
 */
#ifndef STEWARD_SHARED_H
#define STEWARD_SHARED_H

#include <pthread.h>
#include <stdint.h>

#include "limits.h"

#define ENV_SHARED_FD	"STEWARD_SHARED_FD"	/* the shared memory's memfd */

/* One token's requests in one minute (direct-mapped by token id). */
struct shared_rate {
	uint64_t	 id;
	long		 minute;
	int		 count;
};

struct shared {
	pthread_mutex_t		 rate_lock;	/* process-shared, robust */
	struct shared_rate	 rate[API_TOKEN_RATE_SLOTS];
};

int		 shared_create(void);
int		 shared_check(int fd);
int		 shared_attach(int fd);
struct shared	*shared_get(void);
void		 shared_lock(pthread_mutex_t *);

#endif
