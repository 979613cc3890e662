/*
 * Memory given back to the system.  glibc keeps what a thread freed in
 * that thread's malloc arena, and by default raises its mmap threshold to
 * the biggest block freed so far, so one burst of 1,000-record batches
 * (100 KB bodies, jansson's trees, libxml2's answers) left the worker at
 * about 30 MB for good (77 MB was reported once): the free pages stay
 * inside the threads' heaps.  After
 * a request whose arena grew past MEM_TRIM_AFTER (a big body or answer,
 * which comes with big jansson, libxml2 and MariaDB allocations outside
 * the arena), malloc_trim(0) gives the free pages of every heap back;
 * so does the worker's job runner after each job (a CSV import).
 *
 * Measured (8 threads, 200 batches of 1,000 records, 8 at once): RSS
 * after the burst 30.4 MB without the trim, 18.0 MB with it; fixing
 * M_MMAP_THRESHOLD / M_TRIM_THRESHOLD and M_ARENA_MAX 2 with mallopt
 * on top gave 18.4 MB, so malloc's defaults are kept.
 *
 * A trim is not free: it gives back pages the next request faults in
 * again, and every madvise() flushes the TLB of every thread.  With the
 * bound at 64 KB, the users page (an arena of 130 KB) and a 100-event
 * batch trimmed after every request: 2.0 ms of the worker's 2.7 ms a
 * users page.  At 1 MB (a batch of 1,000 records grows 1.7 MB) with
 * ARENA_KEEP 256 KB: 0.7 ms; users 238 → 523 req/s, ingestion 23k →
 * 49k records/s in one bench; RSS after the burst above 20.3 MB.
 *
 * A page's libxml2 tree is a thousand or more small blocks, malloc'd
 * while it is built and freed together when the request's arena is
 * reset.  glibc's per-thread cache (tcache) keeps only 7 freed blocks of
 * each size; the rest went to the fastbins, which the next request's
 * first large block (the serialised page) had to consolidate: perf put
 * a third of the worker's CPU on the events page in malloc_consolidate,
 * malloc and free.  Workers are executed with a tcache of
 * MEM_TCACHE_COUNT blocks a size (GLIBC_TUNABLES, read by glibc at
 * start-up; no mallopt() sets it).  Worker instructions a request,
 * callgrind, 100 requests after 20: events page 3.40M → 2.69M, users
 * page 2.57M → 2.05M (256 blocks: 3.17M; 4,096: 2.63M; 65,535 made
 * every free walk its list: 32M).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "limits.h"

/*
 * Gives the free pages of every malloc arena back to the system
 * (malloc_trim(0)); the worker's job runner calls it after each job.
 */
void
mem_trim(void)
{
	malloc_trim(0);
}

/*
 * After a request whose arena malloc'd grown bytes: trims every malloc
 * arena when grown reaches MEM_TRIM_AFTER.  1 when it trimmed, else 0.
 */
int
mem_after_request(size_t grown)
{
	if (grown < MEM_TRIM_AFTER)
		return 0;
	mem_trim();
	return 1;
}

/*
 * Sets GLIBC_TUNABLES for a worker about to be executed (in the child
 * of fork()): a tcache of MEM_TCACHE_COUNT blocks a size, after the
 * operator's own tunables; when those name a tcache count already they
 * are left as they are.  0, or -1 when they are too long or setenv()
 * fails (the worker then runs with malloc's defaults).
 */
int
mem_worker_env(void)
{
	static const char	 key[] = "glibc.malloc.tcache_count=";
	const char		*old = getenv("GLIBC_TUNABLES");
	char			 buf[MEM_TUNABLES_MAX];
	int			 n;

	if (old != NULL && strstr(old, key) != NULL)
		return 0;
	n = snprintf(buf, sizeof(buf), "%s%s%s%d", old != NULL ? old : "",
	    old != NULL && *old != '\0' ? ":" : "", key, MEM_TCACHE_COUNT);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -1;
	return setenv("GLIBC_TUNABLES", buf, 1);
}
