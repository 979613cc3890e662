/*
 * Per-request arena: every allocation of a request comes from here and is
 * released at once by arena_reset() after the response is written.
 * Foreign resources (xmlDoc, buffers) register a cleanup.
 *
 * What a reset keeps: nothing, unless arena_keep() was called (the
 * worker's threads keep ARENA_KEEP bytes of ARENA_BLOCK-sized blocks, so a
 * common request mallocs nothing).  Bigger blocks never outlive their
 * request, whatever the request grew to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "limits.h"

struct arena_block {
	struct arena_block	*next;
	size_t			 size, off;
	max_align_t		 data[];
};

struct arena_cleanup {
	struct arena_cleanup	*next;
	void			(*fn)(void *);
	void			*arg;
};

/* Prepares an empty arena that keeps nothing; allocates nothing. */
void
arena_init(struct arena *a)
{
	memset(a, 0, sizeof(*a));
}

/*
 * Lets a's resets keep up to bytes (rounded down to whole ARENA_BLOCK
 * blocks) for the next request; 0 keeps nothing.  Spare blocks above the
 * new bound are freed at once.
 */
void
arena_keep(struct arena *a, size_t bytes)
{
	struct arena_block	*b;

	a->keep = bytes;
	while (a->spare != NULL && a->spare_bytes > a->keep) {
		b = a->spare;
		a->spare = b->next;
		a->spare_bytes -= b->size;
		free(b);
	}
}

/*
 * A fresh block of at least n bytes: a spare one when n fits a standard
 * block, else a new one from malloc; NULL on exhaustion.
 */
static struct arena_block *
block_get(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 sz = n > ARENA_BLOCK ? n : ARENA_BLOCK;

	if (sz == ARENA_BLOCK && a->spare != NULL) {
		b = a->spare;
		a->spare = b->next;
		a->spare_bytes -= b->size;
	} else {
		if ((b = malloc(sizeof(*b) + sz)) == NULL)
			return NULL;
		b->size = sz;
		a->grown += sizeof(*b) + sz;
	}
	b->off = 0;
	return b;
}

/*
 * Returns n bytes aligned for any type, or NULL (and sets a->failed) when
 * the arena would exceed ARENA_MAX or memory is exhausted.  A request
 * bigger than a block gets a block of its own, linked behind the one
 * being filled, so that block's room is not lost.
 */
void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 al = sizeof(max_align_t);
	void			*p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (a->used + n > ARENA_MAX) {
		a->failed = 1;
		return NULL;
	}
	if (b == NULL || b->size - b->off < n) {
		if ((b = block_get(a, n)) == NULL) {
			a->failed = 1;
			return NULL;
		}
		if (n > ARENA_BLOCK && a->head != NULL) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->off;
	b->off += n;
	a->used += n;
	return p;
}

/* Copies n bytes and a NUL; NULL on exhaustion. */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Copies a string; NULL for NULL or on exhaustion. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

/* printf into the arena; NULL on exhaustion. */
char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Runs fn(arg) at the next reset, in reverse order of registration.
 * On exhaustion runs fn(arg) at once and returns -1.
 */
int
arena_cleanup(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_cleanup	*c;

	if ((c = arena_alloc(a, sizeof(*c))) == NULL) {
		fn(arg);
		return -1;
	}
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

/*
 * Runs the cleanups (in reverse order of registration) and empties the
 * arena: standard blocks are kept as spares up to the arena_keep() bound,
 * every other block (above the bound, or bigger than ARENA_BLOCK) is freed.
 */
void
arena_reset(struct arena *a)
{
	struct arena_cleanup	*c;
	struct arena_block	*b, *next;

	for (c = a->cleanups; c != NULL; c = c->next)
		c->fn(c->arg);
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (b->size == ARENA_BLOCK &&
		    a->spare_bytes + b->size <= a->keep) {
			b->next = a->spare;
			a->spare = b;
			a->spare_bytes += b->size;
		} else
			free(b);
	}
	a->head = NULL;
	a->cleanups = NULL;
	a->used = 0;
	a->grown = 0;
	a->failed = 0;
}

/* Resets the arena and frees its spare blocks too: it holds no memory. */
void
arena_free(struct arena *a)
{
	arena_reset(a);
	arena_keep(a, 0);
	arena_init(a);
}
