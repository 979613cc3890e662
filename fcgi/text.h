/*
 * Text and argument helpers, one of each, shared by every caller.
 */
#ifndef STEWARD_TEXT_H
#define STEWARD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "limits.h"
#include "rc.h"

/* Email addresses, trimmed and in lower case. */
char	*email_normalise(struct arena *, const char *);
char	*email_normalise_n(struct arena *, const char *, size_t);

/* A pasted list of addresses (the Users page's invite form). */
struct addr_list {
	char		*v[MAX_INVITE_ADDRESSES];	/* lower-cased, unique */
	size_t		 n;
	size_t		 given;		/* entries found, duplicates included */
};

int	 invite_split(struct arena *, const char *, struct addr_list *);

/* The organization's domain list and its two policies. */
int	 domains_normalise(struct arena *, const char *in, char **out,
	    const char **bad);
int	 domain_listed(const char *list, const char *domain);
int	 domains_allow_invite(const char *list, const char *email);
int	 domains_allow_recipient(const char *list, const char *email);

/* Calendar dates. */
int	 leap_year(int64_t y);
int	 month_days(int y, int m);
int	 date_parse(const char *, int *y, int *m, int *d);
int	 date_ok(const char *);

/* Strings. */
int	 name_index(const char *const *names, size_t n, const char *);
const char *trim_spaces(struct arena *, const char *);

/* Arguments of a request. */
int	 arg_id(const char *, uint64_t *);
int	 page_parse(const char *, long *);
long	 page_arg(const char *);
const char *next_path(const char *next);
const char *verify_location(struct arena *, const char *next);

#endif
