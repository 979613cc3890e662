/*
 * jansson's allocator (json_mem.h).  Parsing a 100-event batch made
 * about 1,500 allocations (a string per key and value, an object and its
 * hashtable per record) and as many frees at the end of the request:
 * malloc and free were a sixth of the worker's instructions for the
 * ingestion API.  With a scope open (the ingestion API opens one on the
 * request's arena), an allocation is carved from the arena and its free
 * does nothing: the arena's reset gives it all back.  Once the arena
 * holds JSON_ARENA_MAX bytes (half its ARENA_MAX, so the arena never
 * fails the request for jansson), and outside scopes, allocations come
 * from malloc and are freed as usual.  Each block carries a header saying
 * where it came from, so any free (json_decref, json_mem_free) is right
 * whatever was open when it was made.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "json_mem.h"
#include "limits.h"

/* The header before each block: its origin, padded to keep the block
 * aligned for any type. */
#define HDR		_Alignof(max_align_t)
#define FROM_MALLOC	1
#define FROM_ARENA	2

static int			 installed;	/* json_mem_init() ran */
static __thread struct arena	*scope;		/* this thread's open scope */
static __thread size_t		 scope_mallocs;	/* blocks it had to malloc */

/* jansson's malloc: n bytes from the open scope's arena, or malloc. */
static void *
mem_alloc(size_t n)
{
	unsigned char	*h = NULL;

	if (n > SIZE_MAX - HDR)
		return NULL;
	if (scope != NULL && scope->used + n + HDR <= JSON_ARENA_MAX &&
	    (h = arena_alloc(scope, n + HDR)) != NULL)
		h[0] = FROM_ARENA;
	else if ((h = malloc(n + HDR)) != NULL) {
		h[0] = FROM_MALLOC;
		scope_mallocs += scope != NULL;
	}
	return h != NULL ? h + HDR : NULL;
}

/* jansson's free: malloc'd blocks are freed, arena blocks left to the
 * arena's reset. */
static void
mem_free(void *p)
{
	unsigned char	*h;

	if (p == NULL)
		return;
	h = (unsigned char *)p - HDR;
	if (h[0] == FROM_MALLOC)
		free(h);
}

/* Installs the allocator into jansson: once, before any thread and any
 * jansson value. */
void
json_mem_init(void)
{
	json_set_alloc_funcs(mem_alloc, mem_free);
	installed = 1;
}

/*
 * Opens a scope on a for the calling thread (NULL closes the open one):
 * jansson's allocations of this thread come from a until then.  Values
 * made in a scope must not outlive a's next reset.  Answers how many
 * blocks of the scope being closed came from malloc (0: its values need
 * no json_decref, the reset frees them); 0 when opening.
 */
size_t
json_mem_scope(struct arena *a)
{
	size_t	 n = scope_mallocs;

	scope = a;
	scope_mallocs = 0;
	return a != NULL ? 0 : n;
}

/* Frees what jansson allocated for the caller (json_dumps()' text). */
void
json_mem_free(void *p)
{
	if (installed)
		mem_free(p);
	else
		free(p);
}
