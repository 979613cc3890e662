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
 */
#include <malloc.h>

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
