/*
 * The route table and its gates.
 */
#ifndef STEWARD_ROUTES_H
#define STEWARD_ROUTES_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

/* Pages and actions are declared by the route tables (fcgi/tables/);
 * each returns 0, or -1 when the caller should answer with req->status as
 * an error page. */
typedef int (*page_fn)(struct req *);

void	 route_dispatch(struct req *);
enum body_kind route_body(enum method, const char *path);
int	 route_csrf_ok(struct req *, const char *token);

#endif
