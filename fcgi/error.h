/*
 * Error pages: the XML error document of any status.
 */
#ifndef STEWARD_ERROR_H
#define STEWARD_ERROR_H

#include "request.h"

void	 page_error(struct req *, int status, const char *detail);

#endif
