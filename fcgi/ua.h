/*
 * Browser and operating system of a User-Agent, for the sessions list.
 */
#ifndef STEWARD_UA_H
#define STEWARD_UA_H

#include <stddef.h>

void	 ua_parse(const char *ua, char *browser, size_t blen, char *os,
	    size_t olen);

#endif
