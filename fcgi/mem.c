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
#include <dlfcn.h>
#include <malloc.h>
#include <stdbool.h>

#include <libxml/xmlmemory.h>

#include "mem.h"
#include "limits.h"

/*
 * libxml2's allocator.  A page is a libxml2 tree of a thousand small
 * blocks freed at once; glibc put them in its fast bins and merged them
 * all again at the next request's first big block (libfcgi's stream
 * buffers): malloc_consolidate alone was 12% of the worker's CPU on the
 * events page, malloc and free with it 29%.  Debian's mimalloc, opened
 * with RTLD_LOCAL so that it serves libxml2 and libxslt (through
 * xmlMemSetup) and nothing else, took 15% off the worker's CPU a list
 * page (4 of 4 paired runs).  The rest of the process keeps glibc: the
 * whole process on mimalloc started 2.5 MB bigger, past MEM_RSS_IDLE_KB;
 * libxml2 alone costs ~0.1 MB.  The library stays open for the life of
 * the process: every block libxml2 holds is its.
 */
#define MIMALLOC_SONAME	"libmimalloc.so.2"

static void	(*mi_collect_fn)(bool);	/* mimalloc's mi_collect, once opened */

/*
 * Hands libxml2 mimalloc when use is set and libmimalloc.so.2 opens; call
 * it once, before any other libxml2 function.  Sanitizer builds keep
 * malloc, so that ASan sees every block.
 */
void
mem_xml_init(int use)
{
	void	*h, *f, *m, *r, *s, *c;

#if defined(__SANITIZE_ADDRESS__)
	use = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	use = 0;
#endif
#endif
	if (!use || (h = dlopen(MIMALLOC_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return;
	f = dlsym(h, "mi_free");
	m = dlsym(h, "mi_malloc");
	r = dlsym(h, "mi_realloc");
	s = dlsym(h, "mi_strdup");
	c = dlsym(h, "mi_collect");
	if (f == NULL || m == NULL || r == NULL || s == NULL || c == NULL ||
	    xmlMemSetup((xmlFreeFunc)f, (xmlMallocFunc)m, (xmlReallocFunc)r,
	    (xmlStrdupFunc)s) != 0) {
		dlclose(h);
		return;
	}
	mi_collect_fn = (void (*)(bool))c;
}

/* The allocator libxml2 has: "mimalloc" or "glibc". */
const char *
mem_xml_malloc(void)
{
	return mi_collect_fn != NULL ? "mimalloc" : "glibc";
}

/*
 * Gives the free pages of every malloc arena back to the system
 * (malloc_trim(0)), and those of the calling thread's mimalloc heap when
 * libxml2 has it; the worker's job runner calls it after each job.
 */
void
mem_trim(void)
{
	malloc_trim(0);
	if (mi_collect_fn != NULL)
		mi_collect_fn(true);
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
