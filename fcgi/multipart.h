/*
 * multipart/form-data push parser.
 */
#ifndef STEWARD_MULTIPART_H
#define STEWARD_MULTIPART_H

#include <stddef.h>
#include <stdint.h>

/* multipart/form-data push parser (fcgi/pages/data_multipart.c). */
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
int		 multipart_feed(struct multipart *, const char *, size_t);
int		 multipart_done(const struct multipart *);
void		 multipart_free(struct multipart *);

#endif
