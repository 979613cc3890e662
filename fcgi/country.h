/*
 * ISO 3166-1 alpha-2 codes and names, and the <countries> select list.
 */
#ifndef STEWARD_COUNTRY_H
#define STEWARD_COUNTRY_H

#include <stddef.h>
#include <stdint.h>

struct country {
	const char	*code, *name;
};

struct req;

const struct country *country_list(size_t *n);
const char	*country_name(const char *code);
const char	*country_refused(const char *code);
void		 country_list_xml(struct req *);

#endif
