/*
 * One FastCGI request from start to end.
 */
#ifndef STEWARD_SERVE_H
#define STEWARD_SERVE_H

#include "arena.h"
#include "db.h"

struct FCGX_Request;

void	 request_handle(struct FCGX_Request *, struct db *, struct arena *);

#endif
