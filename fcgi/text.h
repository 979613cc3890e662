/*
 * Text and argument helpers shared by every caller.
 */
#ifndef STEWARD_TEXT_H
#define STEWARD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

#include "arena.h"

/* Pure helpers (fcgi/pages/users_parse.c, unit-tested). */
struct addr_list {
	char		*v[MAX_INVITE_ADDRESSES];	/* lower-cased, unique */
	size_t		 n;
	size_t		 given;		/* entries found, duplicates included */
};

int	 invite_split(struct arena *, const char *, struct addr_list *);
int	 invite_domain_allowed(const char *domains, const char *email);
int	 date_valid(const char *);
const char *member_status_name(int);
int	 member_status_parse(const char *);

#endif
