/*
 * Per-request arena: allocations and cleanups freed together by arena_reset().
 */
#ifndef STEWARD_ARENA_H
#define STEWARD_ARENA_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block	*head;		/* the block being filled first */
	struct arena_cleanup	*cleanups;
	struct arena_block	*spare;		/* kept by reset for reuse */
	size_t			 spare_bytes;	/* bytes of the spare blocks */
	size_t			 keep;		/* at most this many spare bytes */
	size_t			 used;		/* bytes handed out in total */
	size_t			 grown;		/* bytes malloc'd since the reset */
	int			 failed;	/* set once ARENA_MAX was hit */
};

void	 arena_init(struct arena *);
void	 arena_keep(struct arena *, size_t);
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 arena_cleanup(struct arena *, void (*)(void *), void *);
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
