/*
 * multipart/form-data push parser.
 */
#ifndef STEWARD_MULTIPART_H
#define STEWARD_MULTIPART_H

#include <stddef.h>
#include <stdint.h>

/* What multipart_feed() answers. */
enum mp_result {
	MP_OK = 0,
	MP_MALFORMED = -1,	/* the body is malformed or over a limit */
	MP_REFUSED = -2		/* a callback refused (for its own reason) */
};

/* The callbacks of a parse; each answers RC_OK to go on, anything else
 * to refuse (the parse stops with MP_REFUSED). */
struct multipart;
struct mp_cb {
	/* a part starts: its name and filename (NULL when none) */
	int	(*part)(void *arg, const char *name, const char *filename);
	int	(*data)(void *arg, const char *, size_t);
	int	(*end)(void *arg);	/* the part ended */
	void	*arg;
};

int		 multipart_boundary(const char *ctype, char *out, size_t outlen);
struct multipart *multipart_new(const char *boundary, const struct mp_cb *);
enum mp_result	 multipart_feed(struct multipart *, const char *, size_t);
int		 multipart_done(const struct multipart *);
void		 multipart_free(struct multipart *);

#endif
