/*
 * ISO 3166-1 alpha-2 codes and names.
 */
#ifndef STEWARD_COUNTRY_H
#define STEWARD_COUNTRY_H

#include <stddef.h>
#include <stdint.h>

/* account_country.c: ISO 3166-1 alpha-2 codes and names. */
struct country {
	const char	*code, *name;
};

const struct country *country_list(size_t *n);
const char	*country_name(const char *code);

#endif
