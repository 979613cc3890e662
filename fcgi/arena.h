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
	struct arena_block	*head;
	struct arena_cleanup	*cleanups;
	size_t			 used;		/* bytes handed out in total */
	int			 failed;	/* set once ARENA_MAX was hit */
};

void	 arena_init(struct arena *);
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 arena_cleanup(struct arena *, void (*)(void *), void *);
void	 arena_reset(struct arena *);

#endif
